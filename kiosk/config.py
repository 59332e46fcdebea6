"""The kiosk's configuration: a TOML file, checked key by key.

A broken file never stops the kiosk: ``load_config`` returns the last good settings (or the
defaults) together with the problems found, each with its key and line, and the app shows
them to staff. A file that loads with no problem at all is copied beside itself as
``kiosk.toml.last-good``; that copy is the base every later load falls back to, key by key
for the simple tables and whole for ``[printer]`` and ``[server]``.

``mpp-kiosk config check [FILE]`` runs the same checks and prints every problem.
"""

from __future__ import annotations

import logging
import os
import re
import tempfile
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import date
from pathlib import Path
from typing import Any

import platformdirs

APP_NAME = "mpp-kiosk"
LAST_GOOD_SUFFIX = ".last-good"
LANGUAGES = ("id", "en")
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
ORIENTATIONS = ("auto", "landscape", "portrait")
HOURS_MODES = ("catalog", "closed", "custom")

log = logging.getLogger(__name__)


def default_config_path() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME)) / "kiosk.toml"


def default_data_dir() -> Path:
    return Path(platformdirs.user_data_dir(APP_NAME))


def last_good_path(path: Path) -> Path:
    """Where the last configuration that loaded without a problem is kept."""
    return path.with_name(path.name + LAST_GOOD_SUFFIX)


@dataclass(frozen=True)
class PanelConfig:
    """The physical screen: sizes on screen are set in millimetres through this.

    ``scale`` (from ``[screen] scale``) makes every millimetre size larger (1.0 to 2.0), for
    a panel mounted further away; it never makes anything smaller than the rules.
    """

    diagonal_in: float = 21.5
    width_px: int = 1920
    height_px: int = 1080
    scale: float = 1.0

    @property
    def mm_per_px(self) -> float:
        diag_px = (self.width_px**2 + self.height_px**2) ** 0.5
        return self.diagonal_in * 25.4 / diag_px / self.scale

    @property
    def portrait(self) -> bool:
        return self.height_px > self.width_px

    def px(self, mm: float) -> int:
        """Millimetres on this panel to whole pixels (rounded up)."""
        return int(-(-mm // self.mm_per_px))


@dataclass(frozen=True)
class ScreenConfig:
    """Which display the kiosk fills, which way up, and how large (``[screen]``)."""

    display: int = 0  # index of the display (QGuiApplication.screens()); 0 = the first
    orientation: str = "auto"  # auto (as [panel] says) | landscape | portrait
    scale: float = 1.0  # 1.0 .. 2.0: every size on screen times this


@dataclass(frozen=True)
class HoursConfig:
    """An opening-hours override for this kiosk (``[hours]``), e.g. Ramadan hours, an event
    Saturday or a day the MPP is closed. ``catalog`` follows the catalog's hours."""

    mode: str = "catalog"  # catalog | closed | custom
    open: str = "08:00"  # custom: every gerai opens ...
    close: str = "15:00"  # ... and closes at these times (WIB) ...
    days: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri")  # ... on these days
    until: str = ""  # YYYY-MM-DD: the override ends after this day; "" = until changed

    def active_on(self, day: date) -> bool:
        if self.mode == "catalog":
            return False
        return not self.until or day <= date.fromisoformat(self.until)


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


@dataclass(frozen=True)
class ConfigProblem:
    key: str
    message: str
    line: int | None = None

    def __str__(self) -> str:
        where = f"line {self.line}: " if self.line else ""
        return f"{where}{self.key}: {self.message}"


class ConfigSaveError(OSError):
    """The configuration could not be written; ``message`` says why in words."""

    def __init__(self, path: Path, reason: str) -> None:
        super().__init__(f"cannot save {path}: {reason}")
        self.path = path
        self.message = f"cannot save {path}: {reason}"


# key -> (type, rule): rule is (lo, hi) for numbers, a tuple of choices, a regex, or None.
_KIOSK_RULES: dict[str, tuple[type, Any]] = {
    "kiosk_id": (str, r"^[A-Za-z0-9._-]{1,64}$"),
    "language": (str, LANGUAGES),
    "languages": (list, LANGUAGES),
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
_SCREEN_RULES: dict[str, tuple[type, Any]] = {
    "display": (int, (0, 15)),
    "orientation": (str, ORIENTATIONS),
    "scale": (float, (1.0, 2.0)),
}
_TIME_RE = r"^([01][0-9]|2[0-3]):[0-5][0-9]$"
_HOURS_RULES: dict[str, tuple[type, Any]] = {
    "mode": (str, HOURS_MODES),
    "open": (str, _TIME_RE),
    "close": (str, _TIME_RE),
    "days": (list, WEEKDAYS),
    "until": (str, r"^(\d{4}-\d{2}-\d{2})?$"),
}
_SECTIONS = ("kiosk", "panel", "screen", "hours", "printer", "server")


# --------------------------------------------------------------------------- finding lines


def _line_of(text: str, section: str | None, key: str) -> int | None:
    """The line of ``key = ...`` in ``[section]`` (or of the table ``[key]`` at top level)."""
    current = None
    for n, line in enumerate(text.splitlines(), 1):
        s = line.strip()
        m = re.match(r"^\[\[?([^\]]+)\]", s)
        if m:
            current = m.group(1).strip().strip('"')
            if section is None and current == key:
                return n
            continue
        if current == section and re.match(rf"^[\"']?{re.escape(key)}[\"']?\s*=", s):
            return n
        if section is None and current is None and re.match(rf"^{re.escape(key)}\s*=", s):
            return n
    return None


def _where(text: str, section: str, key: str) -> int | None:
    """The key's line, or the line of its table when the key is not in the file."""
    return _line_of(text, section, key) or _line_of(text, None, section)


# --------------------------------------------------------------------------- checking


def _type_name(kind: type) -> str:
    return {
        str: "text",
        int: "a whole number",
        float: "a number",
        bool: "true or false",
        list: "a list",
    }.get(kind, kind.__name__)


def _value_name(value: object) -> str:
    return {
        str: "text",
        int: "a whole number",
        float: "a number",
        bool: "true/false",
        list: "a list",
        dict: "a table",
    }.get(type(value), type(value).__name__)


def _is(value: object, kind: type) -> bool:
    return isinstance(value, kind) and not (kind is int and isinstance(value, bool))


def _check(
    table: Mapping[str, Any],
    rules: dict[str, tuple[type, Any]],
    section: str,
    text: str,
    problems: list[ConfigProblem],
) -> dict[str, Any]:
    good: dict[str, Any] = {}
    for key, raw in table.items():
        value: Any = raw
        name = f"{section}.{key}"
        line = _where(text, section, key)
        if key not in rules:
            known = ", ".join(rules)
            problems.append(ConfigProblem(name, f"unknown key (known keys: {known})", line))
            continue
        kind, rule = rules[key]
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not _is(value, kind):
            problems.append(
                ConfigProblem(
                    name, f"must be {_type_name(kind)}, not {_value_name(value)} ({value!r})", line
                )
            )
            continue
        if kind is list:
            bad = [v for v in value if v not in rule]
            if bad or len(set(value)) != len(value):
                problems.append(
                    ConfigProblem(
                        name,
                        f"each item must be one of {', '.join(rule)}, once "
                        f"(found {', '.join(map(repr, value))})",
                        line,
                    )
                )
                continue
            value = tuple(value)
        elif isinstance(rule, tuple) and len(rule) == 2 and not isinstance(rule[0], str):
            lo, hi = rule
            if not lo <= value <= hi:
                problems.append(
                    ConfigProblem(name, f"must be between {lo} and {hi}, not {value}", line)
                )
                continue
        elif isinstance(rule, tuple):
            if value not in rule:
                problems.append(
                    ConfigProblem(name, f"must be one of {', '.join(rule)}, not {value!r}", line)
                )
                continue
        elif isinstance(rule, str) and not re.match(rule, value):
            problems.append(ConfigProblem(name, _pattern_message(section, key, value), line))
            continue
        good[key] = value
    return good


def _pattern_message(section: str, key: str, value: str) -> str:
    if section == "hours" and key in ("open", "close"):
        return f"must be a time as HH:MM (24 hours), not {value!r}"
    if key == "until":
        return f"must be a date as YYYY-MM-DD, or empty, not {value!r}"
    if key == "kiosk_id":
        return f"may only have letters, digits, '.', '_' and '-' (1 to 64), not {value!r}"
    return f"has characters that are not allowed: {value!r}"


def _check_kiosk_rules(
    cfg: KioskConfig, text: str, problems: list[ConfigProblem], base: KioskConfig
) -> KioskConfig:
    """Rules across keys; a broken pair goes back to the base values."""
    if "id" not in cfg.languages:
        problems.append(
            ConfigProblem(
                "kiosk.languages",
                "must include id (Bahasa Indonesia)",
                _where(text, "kiosk", "languages"),
            )
        )
        cfg = replace(cfg, languages=base.languages)
    if cfg.language not in cfg.languages:
        problems.append(
            ConfigProblem(
                "kiosk.language",
                f"must be one of the offered languages "
                f"({', '.join(cfg.languages)}), not {cfg.language!r}",
                _where(text, "kiosk", "language"),
            )
        )
        cfg = replace(cfg, language="id")
    h = cfg.hours
    if h.mode == "custom" and h.open >= h.close:
        problems.append(
            ConfigProblem(
                "hours.close",
                f"must be later than hours.open ({h.open}), not {h.close}",
                _where(text, "hours", "close"),
            )
        )
        cfg = replace(cfg, hours=base.hours)
    if h.until:
        try:
            date.fromisoformat(h.until)
        except ValueError:
            problems.append(
                ConfigProblem(
                    "hours.until",
                    f"is not a real date: {h.until!r}",
                    _where(text, "hours", "until"),
                )
            )
            cfg = replace(cfg, hours=replace(cfg.hours, until=base.hours.until))
    return cfg


def printer_problems(table: Mapping[str, Any], text: str = "") -> list[ConfigProblem]:
    """Every problem of a ``[printer]`` table: each key alone, then the table as a whole."""
    from kiosk.printing.settings import PrinterSettings, PrinterSettingsError

    problems: list[ConfigProblem] = []
    rest = dict(table)
    for _ in range(len(table) + 1):  # each bad key is reported, left out, and checked again
        try:
            PrinterSettings.from_mapping(rest)
            break
        except PrinterSettingsError as exc:
            problems.append(
                ConfigProblem(f"printer.{exc.key}", exc.message, _where(text, "printer", exc.key))
            )
            if exc.key not in rest:
                break  # a missing key (a network printer without a host): nothing to leave out
            del rest[exc.key]
    return problems


_SERVER_PROBLEM = re.compile(r"^server\.([A-Za-z0-9_]+):\s*(.*)$")


def server_problems(table: Mapping[str, Any], text: str = "") -> list[ConfigProblem]:
    """The problems of a ``[server]`` table, as the sync module sees them."""
    if not table:
        return []
    from kiosk.sync.settings import parse_server_settings

    _settings, found = parse_server_settings(table)
    problems = []
    for p in found:
        m = _SERVER_PROBLEM.match(p)
        key, message = (m.group(1), m.group(2)) if m else ("", p)
        problems.append(
            ConfigProblem(
                f"server.{key}" if key else "server",
                message,
                _where(text, "server", key) if key else _line_of(text, None, "server"),
            )
        )
    return problems


def parse_config(
    text: str, base: KioskConfig | None = None
) -> tuple[KioskConfig, list[ConfigProblem]]:
    """Parse TOML text; each bad key is reported and keeps its value from ``base`` (the last
    good configuration, or the defaults). A bad ``[printer]`` or ``[server]`` table is kept
    whole from ``base``."""
    base = base or KioskConfig()
    problems: list[ConfigProblem] = []
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        m = re.search(r"line (\d+)", str(exc))
        return base, [
            ConfigProblem("(file)", f"not valid TOML: {exc}", int(m.group(1)) if m else None)
        ]
    tables: dict[str, dict[str, Any]] = {}
    for section in _SECTIONS:
        value = doc.get(section, {})
        if not isinstance(value, dict):
            problems.append(
                ConfigProblem(
                    section,
                    f"must be a table ([{section}]), not {_value_name(value)}",
                    _line_of(text, None, section),
                )
            )
            value = {}
        tables[section] = value
    for key in doc:
        if key not in _SECTIONS:
            problems.append(
                ConfigProblem(
                    key,
                    f"unknown section (known: {', '.join(_SECTIONS)})",
                    _line_of(text, None, key),
                )
            )

    cfg = replace(base, **_check(tables["kiosk"], _KIOSK_RULES, "kiosk", text, problems))
    cfg = replace(
        cfg,
        screen=replace(
            base.screen, **_check(tables["screen"], _SCREEN_RULES, "screen", text, problems)
        ),
    )
    cfg = replace(
        cfg,
        hours=replace(base.hours, **_check(tables["hours"], _HOURS_RULES, "hours", text, problems)),
    )
    panel = replace(base.panel, **_check(tables["panel"], _PANEL_RULES, "panel", text, problems))
    cfg = replace(cfg, panel=_oriented(panel, cfg.screen))
    cfg = _check_kiosk_rules(cfg, text, problems, base)

    found = printer_problems(tables["printer"], text)
    problems += found
    cfg = replace(cfg, printer=dict(base.printer) if found else tables["printer"])
    found = server_problems(tables["server"], text)
    problems += found
    cfg = replace(cfg, server=dict(base.server) if found else tables["server"])
    problems.sort(key=lambda p: p.line or 0)
    return cfg, problems


def _oriented(panel: PanelConfig, screen: ScreenConfig) -> PanelConfig:
    """The panel as the kiosk uses it: turned to the configured orientation, scaled."""
    w, h = panel.width_px, panel.height_px
    if screen.orientation == "landscape":
        w, h = max(w, h), min(w, h)
    elif screen.orientation == "portrait":
        w, h = min(w, h), max(w, h)
    return replace(panel, width_px=w, height_px=h, scale=screen.scale)


def with_screen(cfg: KioskConfig, screen: ScreenConfig) -> KioskConfig:
    """``cfg`` with new screen settings (and its panel turned and scaled to match)."""
    return replace(cfg, screen=screen, panel=_oriented(cfg.panel, screen))


# --------------------------------------------------------------------------- files


def _read(path: Path) -> tuple[str | None, ConfigProblem | None]:
    try:
        return path.read_text(encoding="utf-8"), None
    except FileNotFoundError:
        return None, ConfigProblem("(file)", f"{path} does not exist")
    except IsADirectoryError:
        return None, ConfigProblem("(file)", f"{path} is a folder, not a file")
    except PermissionError:
        return None, ConfigProblem("(file)", f"{path} cannot be read: permission denied")
    except UnicodeDecodeError as exc:
        return None, ConfigProblem(
            "(file)", f"{path} is not UTF-8 text ({exc.reason} at byte {exc.start})"
        )
    except OSError as exc:
        return None, ConfigProblem("(file)", f"{path} cannot be read: {exc.strerror or exc}")


def _last_good(path: Path) -> KioskConfig | None:
    text, _problem = _read(last_good_path(path))
    if text is None:
        return None
    cfg, problems = parse_config(text)
    return None if problems else cfg


def check_config_file(path: Path) -> list[ConfigProblem]:
    """Every problem of the file at ``path`` (nothing is written)."""
    text, problem = _read(path)
    if problem is not None:
        return [problem]
    assert text is not None
    return parse_config(text)[1]


def load_config(path: Path, *, remember: bool = False) -> tuple[KioskConfig, list[ConfigProblem]]:
    """The configuration at ``path``: each broken part replaced by the last good settings
    (or the defaults), with every problem named. With ``remember``, a file with no problem
    at all becomes the new last good copy (the running kiosk does this through
    ``remember_good`` once it has started; tools that only read a config do not)."""
    base = _last_good(path)
    fallback = "the last good settings" if base is not None else "the defaults"
    text, problem = _read(path)
    if text is None:
        assert problem is not None
        cfg = base or KioskConfig()
        note = ConfigProblem(problem.key, f"{problem.message}; using {fallback}")
        return replace(cfg, source_file=str(path)), [note]
    cfg, problems = parse_config(text)
    if problems and base is not None:
        cfg, problems = parse_config(text, base)  # broken parts from the last good file
    cfg = replace(cfg, source_file=str(path))
    if problems:
        if base is not None:
            problems.append(
                ConfigProblem(
                    "(file)",
                    f"problems above: {fallback} from {last_good_path(path).name} are used",
                )
            )
        return cfg, problems
    if remember:
        problem = _remember_text(path, text)
        if problem is not None:
            problems.append(problem)
    return cfg, problems


def remember_good(path: Path) -> ConfigProblem | None:
    """Copy the file to ``<name>.last-good`` when it has no problem (the kiosk calls this
    after starting with it). Returns a problem when the folder cannot be written."""
    text, _problem = _read(path)
    if text is None or parse_config(text)[1]:
        return None
    return _remember_text(path, text)


def _remember_text(path: Path, text: str) -> ConfigProblem | None:
    try:
        _remember(path, text)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return ConfigProblem(
            "(folder)",
            f"{path.parent} is not writable ({reason}): the last "
            "good copy and settings changed on the kiosk cannot "
            "be saved",
        )
    return None


def _remember(path: Path, text: str) -> None:
    target = last_good_path(path)
    try:
        if target.read_text(encoding="utf-8") == text:
            return
    except (OSError, UnicodeDecodeError):
        pass
    _write_atomically(target, text)


# --------------------------------------------------------------------------- writing


def _table(obj: object, skip: tuple[str, ...] = ()) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for f in fields(obj):  # type: ignore[arg-type]
        if f.name in skip:
            continue
        value = getattr(obj, f.name)
        out[f.name] = list(value) if isinstance(value, tuple) else value
    return out


def config_to_toml(cfg: KioskConfig) -> str:
    import tomli_w

    kiosk = {k: v for k, v in _table(cfg).items() if k in _KIOSK_RULES}
    doc: dict[str, Any] = {
        "kiosk": kiosk,
        "panel": _table(cfg.panel, skip=("scale",)),
        "screen": _table(cfg.screen),
        "hours": _table(cfg.hours),
    }
    if cfg.printer:
        doc["printer"] = dict(cfg.printer)
    if cfg.server:
        doc["server"] = dict(cfg.server)
    return tomli_w.dumps(doc)


def _write_atomically(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def save_config(cfg: KioskConfig, path: Path) -> None:
    """Write atomically: a crash leaves the old file or the new one, never half of one.

    Raises ConfigSaveError (an OSError) naming the file and the reason; the old file is
    then unchanged."""
    text = config_to_toml(cfg)
    try:
        _write_atomically(path, text)
    except PermissionError:
        raise ConfigSaveError(path, f"permission denied in {path.parent}") from None
    except OSError as exc:
        raise ConfigSaveError(path, exc.strerror or str(exc)) from exc
