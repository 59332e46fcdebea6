"""The kiosk's configuration: a TOML file, checked key by key.

A broken file never stops the kiosk: ``load_config`` returns the defaults (or the last good
file) together with the problems found, and the app shows them to staff.
"""

from __future__ import annotations

import os
import re
import tempfile
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

import platformdirs

APP_NAME = "mpp-kiosk"


def default_config_path() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME)) / "kiosk.toml"


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME))


@dataclass(frozen=True)
class PanelConfig:
    """The physical screen: sizes on screen are set in millimetres through this."""

    diagonal_in: float = 21.5
    width_px: int = 1920
    height_px: int = 1080

    @property
    def mm_per_px(self) -> float:
        diag_px = (self.width_px**2 + self.height_px**2) ** 0.5
        return self.diagonal_in * 25.4 / diag_px

    @property
    def portrait(self) -> bool:
        return self.height_px > self.width_px

    def px(self, mm: float) -> int:
        """Millimetres on this panel to whole pixels (rounded up)."""
        return int(-(-mm // self.mm_per_px))


@dataclass(frozen=True)
class KioskConfig:
    kiosk_id: str = "kiosk-1"
    language: str = "id"
    idle_timeout_s: int = 45
    idle_warning_s: int = 25
    ticket_screen_s: int = 20
    cutoff_minutes: int = 30
    database: str = ""  # empty: <user data dir>/kiosk.db
    fullscreen: bool = True
    panel: PanelConfig = field(default_factory=PanelConfig)
    printer: Mapping[str, Any] = field(default_factory=dict)
    server: Mapping[str, Any] = field(default_factory=dict)

    def database_path(self) -> Path:
        return Path(self.database) if self.database else default_data_dir() / "kiosk.db"

    def data_dir(self) -> Path:
        """Where the database lives; slip previews are kept beside it."""
        return self.database_path().parent


@dataclass(frozen=True)
class ConfigProblem:
    key: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"line {self.line}: " if self.line else ""
        return f"{where}{self.key}: {self.message}"


_KIOSK_RULES: dict[str, tuple[type, Any]] = {
    "kiosk_id": (str, r"^[A-Za-z0-9._-]{1,64}$"),
    "language": (str, ("id", "en")),
    "idle_timeout_s": (int, (15, 600)),
    "idle_warning_s": (int, (20, 120)),
    "ticket_screen_s": (int, (5, 120)),
    "cutoff_minutes": (int, (0, 240)),
    "database": (str, None),
    "fullscreen": (bool, None),
}
_PANEL_RULES: dict[str, tuple[type, Any]] = {
    "diagonal_in": (float, (7.0, 100.0)),
    "width_px": (int, (320, 8000)),
    "height_px": (int, (320, 8000)),
}


def _line_of(text: str, section: str | None, key: str) -> int | None:
    current = None
    for n, line in enumerate(text.splitlines(), 1):
        s = line.strip()
        m = re.match(r"^\[([^\]]+)\]", s)
        if m:
            current = m.group(1).strip()
            continue
        if current == section and re.match(rf"^{re.escape(key)}\s*=", s):
            return n
    return None


def _check(
    table: Mapping[str, Any],
    rules: dict[str, tuple[type, Any]],
    section: str | None,
    text: str,
    problems: list[ConfigProblem],
) -> dict[str, Any]:
    good: dict[str, Any] = {}
    for key, value in table.items():
        name = f"{section}.{key}" if section else key
        line = _line_of(text, section, key)
        if key not in rules:
            problems.append(ConfigProblem(name, "unknown key", line))
            continue
        kind, rule = rules[key]
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            problems.append(
                ConfigProblem(name, f"must be {kind.__name__}, not {type(value).__name__}", line)
            )
            continue
        if isinstance(rule, tuple) and len(rule) == 2 and not isinstance(rule[0], str):
            lo, hi = rule
            if not lo <= value <= hi:
                problems.append(ConfigProblem(name, f"must be between {lo} and {hi}", line))
                continue
        elif isinstance(rule, tuple):
            if value not in rule:
                problems.append(ConfigProblem(name, f"must be one of {', '.join(rule)}", line))
                continue
        elif isinstance(rule, str) and not re.match(rule, value):
            problems.append(ConfigProblem(name, "has characters that are not allowed", line))
            continue
        good[key] = value
    return good


def parse_config(text: str) -> tuple[KioskConfig, list[ConfigProblem]]:
    """Parse TOML text; each bad key is reported and replaced by its default."""
    problems: list[ConfigProblem] = []
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+)", str(exc))
        return KioskConfig(), [
            ConfigProblem("(file)", f"not valid TOML: {exc}", int(m.group(1)) if m else None)
        ]
    cfg = KioskConfig()
    kiosk = doc.get("kiosk", {})
    if not isinstance(kiosk, dict):
        problems.append(ConfigProblem("kiosk", "must be a table", _line_of(text, None, "kiosk")))
        kiosk = {}
    cfg = replace(cfg, **_check(kiosk, _KIOSK_RULES, "kiosk", text, problems))
    panel = doc.get("panel", {})
    if isinstance(panel, dict):
        cfg = replace(
            cfg, panel=replace(cfg.panel, **_check(panel, _PANEL_RULES, "panel", text, problems))
        )
    else:
        problems.append(ConfigProblem("panel", "must be a table"))
    for section in ("printer", "server"):
        value = doc.get(section, {})
        if not isinstance(value, dict):
            problems.append(ConfigProblem(section, "must be a table"))
            continue
        cfg = replace(cfg, **{section: value})
    for key in doc:
        if key not in ("kiosk", "panel", "printer", "server"):
            problems.append(ConfigProblem(key, "unknown section", _line_of(text, None, key)))
    return cfg, problems


def load_config(path: Path) -> tuple[KioskConfig, list[ConfigProblem]]:
    """The configuration at ``path`` (defaults when it does not exist)."""
    if not path.exists():
        return KioskConfig(), []
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        return KioskConfig(), [ConfigProblem("(file)", f"cannot be read: {exc}")]
    return parse_config(text)


def config_to_toml(cfg: KioskConfig) -> str:
    import tomli_w

    kiosk = {f.name: getattr(cfg, f.name) for f in fields(cfg) if f.name in _KIOSK_RULES}
    panel = {f.name: getattr(cfg.panel, f.name) for f in fields(cfg.panel)}
    doc: dict[str, Any] = {"kiosk": kiosk, "panel": panel}
    if cfg.printer:
        doc["printer"] = dict(cfg.printer)
    if cfg.server:
        doc["server"] = dict(cfg.server)
    return tomli_w.dumps(doc)


def save_config(cfg: KioskConfig, path: Path) -> None:
    """Write atomically: a crash leaves the old file or the new one, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".kiosk.", suffix=".toml")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(config_to_toml(cfg))
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
