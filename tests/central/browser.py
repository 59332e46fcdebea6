"""Debian's chromium driven by selenium through Debian's chromium-driver (no download: the
driver and the browser are the system's), headless, on this closed network."""

from __future__ import annotations

import os
import shutil
from typing import Any

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
DRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
FLAGS = (
    "--headless=new",
    "--no-sandbox",  # root in a container
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--autoplay-policy=no-user-gesture-required",  # the board speaks without a click
    "--mute-audio",
    "--hide-scrollbars",
    "--force-device-scale-factor=1",
)


def available() -> str | None:
    """None when chromium and chromium-driver are installed; else what is missing."""
    missing = [p for p in (CHROMIUM, DRIVER) if not os.path.exists(p)]
    return ", ".join(missing) + " not installed (scripts/setup.sh --tests)" if missing else None


def chromium(width: int = 1280, height: int = 900, *, lang: str = "id") -> Any:
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    os.environ.setdefault("SE_AVOID_STATS", "true")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--window-size={width},{height}")
    options.add_argument(f"--lang={lang}")
    driver = webdriver.Chrome(service=Service(executable_path=DRIVER), options=options)
    driver.set_page_load_timeout(20)
    driver.set_script_timeout(20)
    # The window size includes no browser chrome in headless mode; set the viewport exactly.
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 700},
    )
    return driver
