"""The kiosk's whole configuration (``KioskConfig``), its ``[kiosk]`` table and that table's one
validator, and where the kiosk keeps its files by default.

The other tables have their own modules: ``screen`` ([panel], [screen]), ``hours``,
``printer`` and ``server``. Reading and writing the TOML file is ``kiosk/config.py``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import platformdirs

from kiosk.settings import paths
from kiosk.settings.hours import HoursConfig
from kiosk.settings.rules import Choice, Items, Key, Pattern, Problem, Range, check_table
from kiosk.settings.screen import PanelConfig, ScreenConfig, oriented
from mpp_core.i18n import Text

APP_NAME = "mpp-kiosk"
LANGUAGES = ("id", "en")


# Where an installed kiosk PC keeps its files (``mpp-kiosk appliance install``; the unit's
# ConfigurationDirectory= and StateDirectory=).
SYSTEM_CONFIG_DIR = Path("/etc") / APP_NAME
SYSTEM_DATA_DIR = Path("/var/lib") / APP_NAME
CONFIG_ENV = "MPP_KIOSK_CONFIG"  # a config file
DATA_ENV = "MPP_KIOSK_DATA_DIR"  # a data folder


def _systemd_dir(variable: str) -> Path | None:
    """The first folder systemd gives the unit in ``variable`` (``$STATE_DIRECTORY`` ...)."""
    value = os.environ.get(variable, "")
    first = value.split(":")[0]
    return Path(first) if first else None


def default_config_path() -> Path:
    """``$MPP_KIOSK_CONFIG``; under systemd, ``kiosk.toml`` in the unit's configuration
    directory; on an installed kiosk PC ``/etc/mpp-kiosk/kiosk.toml``; otherwise the user's
    config folder (a developer's checkout)."""
    if os.environ.get(CONFIG_ENV):
        return Path(os.environ[CONFIG_ENV])
    folder = _systemd_dir("CONFIGURATION_DIRECTORY")
    if folder is not None:
        return folder / "kiosk.toml"
    system = SYSTEM_CONFIG_DIR / "kiosk.toml"
    if system.exists():
        return system
    return Path(platformdirs.user_config_dir(APP_NAME)) / "kiosk.toml"


def default_data_dir() -> Path:
    """``$MPP_KIOSK_DATA_DIR``; under systemd the unit's state directory; otherwise the
    user's data folder. (An installed kiosk's config names its database in full.)"""
    if os.environ.get(DATA_ENV):
        return Path(os.environ[DATA_ENV])
    return _systemd_dir("STATE_DIRECTORY") or Path(platformdirs.user_data_dir(APP_NAME))


@dataclass(frozen=True)
class KioskConfig:
    kiosk_id: str = "kiosk-1"
    language: str = "id"  # the language each visitor starts in
    languages: tuple[str, ...] = LANGUAGES  # the languages offered
    idle_timeout_s: int = 45
    idle_warning_s: int = 25
    ticket_screen_s: int = 20
    cutoff_minutes: int = 30
    database: str = ""  # empty: <user data dir>/kiosk.db
    fullscreen: bool = True
    panel: PanelConfig = field(default_factory=PanelConfig)
    screen: ScreenConfig = field(default_factory=ScreenConfig)
    hours: HoursConfig = field(default_factory=HoursConfig)
    printer: Mapping[str, Any] = field(default_factory=dict)
    server: Mapping[str, Any] = field(default_factory=dict)
    # The file this configuration was loaded from (where technicians' changes are saved);
    # never written to the file itself.
    source_file: str = ""

    def database_path(self) -> Path:
        return Path(self.database) if self.database else default_data_dir() / "kiosk.db"

    def data_dir(self) -> Path:
        """Where the database lives; slip previews are kept beside it."""
        return self.database_path().parent


def with_screen(cfg: KioskConfig, screen: ScreenConfig) -> KioskConfig:
    """``cfg`` with new screen settings (and its panel turned and scaled to match)."""
    return replace(cfg, screen=screen, panel=oriented(cfg.panel, screen))


KIOSK_KEYS: dict[str, Key] = {
    "kiosk_id": Key(
        str,
        Pattern(
            r"^[A-Za-z0-9._-]{1,64}$",
            Text(
                "1 sampai 64 huruf, angka, '.', '_' atau '-'",
                "1 to 64 letters, digits, '.', '_' or '-'",
            ),
        ),
    ),
    "language": Key(str, Choice(LANGUAGES)),
    "languages": Key(list, Items(LANGUAGES)),
    "idle_timeout_s": Key(int, Range(15, 600)),
    "idle_warning_s": Key(int, Range(20, 120)),
    "ticket_screen_s": Key(int, Range(5, 120)),
    "cutoff_minutes": Key(int, Range(0, 240)),
    "database": Key(str),
    "fullscreen": Key(bool),
}


MUST_INCLUDE_ID = Text("harus memuat id (Bahasa Indonesia)", "must include id (Bahasa Indonesia)")
NOT_OFFERED = Text(
    "harus salah satu bahasa yang ditawarkan ({offered}), bukan {language}",
    "must be one of the offered languages ({offered}), not {language}",
)


def check_kiosk(
    table: Mapping[str, Any], base: KioskConfig
) -> tuple[dict[str, Any], list[Problem]]:
    """The good keys of the ``[kiosk]`` table, and its problems. A bad key is left out (it
    keeps its base value); languages without Indonesian go back to the base languages, a
    start language that is not offered to Indonesian."""
    good, problems = check_table("kiosk", table, KIOSK_KEYS)
    database = good.get("database", "")
    if database:
        words = paths.absolute(database, "/var/lib/mpp-kiosk/kiosk.db") or paths.writable_target(
            database, devices=False
        )
        if words is not None:
            problems.append(Problem("kiosk.database", words))
            del good["database"]
    languages = good.get("languages", base.languages)
    if "id" not in languages:
        problems.append(Problem("kiosk.languages", MUST_INCLUDE_ID))
        languages = good["languages"] = base.languages
    language = good.get("language", base.language)
    if language not in languages:
        offered = ", ".join(languages)
        problems.append(
            Problem("kiosk.language", NOT_OFFERED.bind(offered=offered, language=repr(language)))
        )
        good["language"] = "id"
    return good, problems
