"""Screenshots of every web page at phone (390x844), tablet (820x1180) and TV (1920x1080)
sizes, in Bahasa Indonesia and English, into docs/screenshots/web/.

Runs a real server on a temporary SQLite database with the default catalog (MPP Among Warga,
open all day for the pictures), issues and calls some numbers, and photographs each page with
Debian's chromium (the same set-up as tests/central/test_browser.py).

    .venv/bin/python scripts/web_screenshots.py
"""

from __future__ import annotations

import json
import shutil
import sys
import tempfile
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests" / "central"))

import requests  # noqa: E402
from browser import chromium  # noqa: E402
from central_harness import ALWAYS_OPEN, ServerProcess  # noqa: E402
from web_client import PASSWORD, act, display, login, status_link  # noqa: E402

from central.accounts.users import add_user  # noqa: E402
from central.calls.views import NOTICE_KEY  # noqa: E402
from central.catalogs import import_catalog, publish  # noqa: E402
from central.db import open_database  # noqa: E402
from central.kiosks import add_kiosk  # noqa: E402
from central.models import ServerState  # noqa: E402

OUT = ROOT / "docs" / "screenshots" / "web"
SIZES = {"phone": (390, 844), "tablet": (820, 1180), "tv": (1920, 1080)}


def catalog(folder: Path) -> Path:
    target = folder / "catalog"
    shutil.copytree(ROOT / "assets" / "catalog", target)
    mpp = json.loads((target / "mpp.json").read_text("utf-8"))
    mpp["default_hours"], mpp["holidays"] = ALWAYS_OPEN, []
    (target / "mpp.json").write_text(json.dumps(mpp, ensure_ascii=False), "utf-8")
    for f in target.glob("[0-9]*.json"):
        doc = json.loads(f.read_text("utf-8"))
        doc["hours"], doc["holidays"] = None, []
        for s in doc.get("services", []):
            s["daily_quota"] = None
        f.write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    return target


def main() -> int:
    tmp = Path(tempfile.mkdtemp(prefix="mpp-shots-"))
    url = f"sqlite:///{tmp / 'central.db'}"
    db = open_database(url)
    import_catalog(db, catalog(tmp))
    publish(db)
    _kiosk, token = add_kiosk(db, "lobby-1", None)
    for n in (1, 2, 3):
        add_user(
            db,
            f"loket{n}",
            "petugas",
            "batu",
            datetime.now(UTC),
            password=PASSWORD,
            gerai="dispendukcapil",
            loket=n,
        )
    add_user(
        db,
        "dinkes1",
        "petugas",
        "batu",
        datetime.now(UTC),
        password=PASSWORD,
        gerai="dinkes",
        loket=4,
    )
    board_token = display(db, "tv-lobi", "batu")
    db.run_write(set_notice)
    db.dispose()
    srv = ServerProcess(url, tmp / "server.log", env={"MPP_CENTRAL_AUDIO_CACHE_DIR": str(tmp)})
    srv.start()
    try:
        return shoot(srv.url, token, board_token)
    finally:
        srv.stop()
        shutil.rmtree(tmp, ignore_errors=True)


def shoot(base: str, token: str, board_token: str) -> int:
    h = {"Authorization": f"Bearer {token}"}
    issued = []
    plan = [("ktp-el-baru", None)] * 4 + [("kk-baru", "lansia"), ("akta-kelahiran", None)]
    plan += [("ktp-el-baru", None), ("kk-baru", None), ("ktp-el-baru", "disabilitas")]
    plan += [("ktp-el-baru", None)] * 4
    for service, prio in plan:
        issued.append(allocate(base, h, service, prio))
    for n in (1, 2, 3):
        s, csrf = login(base, f"loket{n}")
        act(s, base, csrf, "next")
        if n == 2:
            act(s, base, csrf, "recall")
    plan = [("surat-keterangan-sehat", None)]
    for service, prio in plan:
        allocate(base, h, service, prio)
    s, csrf = login(base, "dinkes1")
    act(s, base, csrf, "next")
    waiting = issued[-1]
    called = issued[1]
    links = {
        "status-waiting": status_link(base, token, waiting["ticket_id"]),
        "status-called": status_link(base, token, called["ticket_id"]),
        "status-offline": status_link(base, token, str(uuid.uuid4())),
    }
    pages: dict[str, str] = {
        "landing": "/",
        "login": "/login",
        "pair": "/board/pair",
        "petugas": "/petugas",
        "board": "/board",
        **links,
    }
    count = 0
    for size, (w, hgt) in SIZES.items():
        driver = chromium(w, hgt)
        try:
            sign_in(driver, base)
            for name, path in pages.items():
                for lang in ("id", "en"):
                    if name == "board":
                        continue
                    target = path if path.startswith("http") else base + path
                    driver.get(f"{target}?lang={lang}")
                    driver.implicitly_wait(0.5)
                    driver.save_screenshot(str(OUT / f"{name}-{size}-{lang}.png"))
                    count += 1
        finally:
            driver.quit()
        board = chromium(w, hgt)
        try:
            pair_board(board, base, board_token)
            for lang in ("id", "en"):
                board.get(f"{base}/board?lang={lang}")
                import time

                time.sleep(1.0)
                board.save_screenshot(str(OUT / f"board-{size}-{lang}.png"))
                count += 1
        finally:
            board.quit()
    print(f"{count} screenshots in {OUT}")
    return 0


def allocate(base: str, h: dict[str, str], service: str, prio: str | None) -> Any:
    r = requests.post(
        base + "/api/v1/tickets/allocate",
        headers=h,
        timeout=10,
        json={
            "ticket_id": str(uuid.uuid4()),
            "request_id": "r",
            "service_code": service,
            "priority": prio,
        },
    )
    r.raise_for_status()
    return r.json()


def set_notice(session: Any) -> None:
    session.add(
        ServerState(
            key=NOTICE_KEY + "batu",
            value="Selamat datang di MPP Among Warga. Siapkan KTP-el asli Anda. "
            "Layanan tutup pukul 15.00 WIB.",
            updated_at=datetime.now(UTC),
        )
    )


def sign_in(driver: Any, base: str) -> None:
    from selenium.webdriver.common.by import By

    driver.get(base + "/login")
    driver.find_element(By.ID, "username").send_keys("loket2")
    driver.find_element(By.ID, "password").send_keys(PASSWORD)
    driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click()


def pair_board(driver: Any, base: str, token: str) -> None:
    from selenium.webdriver.common.by import By

    driver.get(base + "/board/pair")
    driver.find_element(By.ID, "token").send_keys(token)
    driver.find_element(By.CSS_SELECTOR, "button[type=submit]").click()


if __name__ == "__main__":
    sys.exit(main())
