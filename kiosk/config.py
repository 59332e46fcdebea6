"""The kiosk's configuration file: TOML, read table by table with the line of every problem,
the last good copy beside it, and atomic saves.

The settings themselves and their rules live in ``kiosk/settings/`` (one module, and one
validator, per table); this module finds the tables in the file, runs those validators and
puts each problem on its line.

A broken file never stops the kiosk: ``load_config`` returns the last good settings (or the
defaults) together with the problems found, each with its key and line, and the app shows
them to staff. A file that loads with no problem at all is copied beside itself as
``kiosk.toml.last-good``; that copy is the base every later load falls back to, key by key
for the simple tables and whole for ``[printer]`` and ``[server]``.

``mpp-kiosk config check [FILE]`` runs the same checks and prints every problem.
"""

from __future__ import annotations

import os
import re
import tempfile
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any

from kiosk.printing.settings import PrinterSettings, PrinterSettingsError, check_printer_table
from kiosk.settings import paths
from kiosk.settings.hours import check_hours
from kiosk.settings.kiosk import KIOSK_KEYS, KioskConfig, check_kiosk
from kiosk.settings.rules import Problem, value_words
from kiosk.settings.screen import check_screen
from kiosk.settings.server import check_server
from mpp_core.i18n import Text, Words

LAST_GOOD_SUFFIX = ".last-good"
MAX_CONFIG_BYTES = 1024 * paths.KIB  # a config file is a few KiB; never read a huge one

AT_LINE = Text("baris {line}: {key}: {message}", "line {line}: {key}: {message}")
AT_KEY = Text("{key}: {message}", "{key}: {message}")
NOT_TOML = Text("bukan TOML yang valid: {error}", "not valid TOML: {error}")
NOT_A_TABLE = Text(
    "harus tabel ([{section}]), bukan {kind}", "must be a table ([{section}]), not {kind}"
)
UNKNOWN_SECTION = Text(
    "bagian tidak dikenal (yang dikenal: {known})", "unknown section (known: {known})"
)
NO_FILE = Text("{path} tidak ada", "{path} does not exist")
A_FOLDER = Text("{path} adalah folder, bukan berkas", "{path} is a folder, not a file")
NO_PERMISSION = Text(
    "{path} tidak dapat dibaca: izin ditolak", "{path} cannot be read: permission denied"
)
NOT_UTF8 = Text(
    "{path} bukan teks UTF-8 ({reason} pada bita {byte})",
    "{path} is not UTF-8 text ({reason} at byte {byte})",
)
CANNOT_READ = Text("{path} tidak dapat dibaca: {reason}", "{path} cannot be read: {reason}")
USING = Text("{problem}; memakai {fallback}", "{problem}; using {fallback}")
LAST_GOOD = Text("pengaturan terakhir yang benar", "the last good settings")
DEFAULTS = Text("pengaturan bawaan", "the defaults")
PROBLEMS_ABOVE = Text(
    "karena masalah di atas, {fallback} dari {name} dipakai",
    "problems above: {fallback} from {name} are used",
)
NOT_WRITABLE = Text(
    "{folder} tidak dapat ditulisi ({reason}): salinan terakhir yang benar dan pengaturan "
    "yang diubah di kiosk tidak dapat disimpan",
    "{folder} is not writable ({reason}): the last good copy and settings changed on the "
    "kiosk cannot be saved",
)
CANNOT_SAVE = Text("{path} tidak dapat disimpan: {reason}", "cannot save {path}: {reason}")
PERMISSION_DENIED_IN = Text("izin ditolak di {folder}", "permission denied in {folder}")


def last_good_path(path: Path) -> Path:
    """Where the last configuration that loaded without a problem is kept."""
    return path.with_name(path.name + LAST_GOOD_SUFFIX)


@dataclass(frozen=True)
class ConfigProblem:
    """A problem of the file: its key, its words and its line (when it has one)."""

    key: str
    words: Words
    line: int | None = None

    @property
    def message(self) -> str:
        """The English words (the log)."""
        return self.words("en")

    @property
    def located(self) -> Words:
        """The problem with its line and key, for staff."""
        if self.line:
            return AT_LINE.bind(line=self.line, key=self.key, message=self.words)
        return AT_KEY.bind(key=self.key, message=self.words)

    def __str__(self) -> str:
        return self.located("en")


class ConfigSaveError(OSError):
    """The configuration could not be written; ``words`` say why (``message`` in English)."""

    def __init__(self, path: Path, reason: Words | str) -> None:
        self.path = path
        self.words = CANNOT_SAVE.bind(path=path, reason=reason)
        self.message = self.words("en")
        super().__init__(self.message)


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


def _located(problem: Problem, text: str) -> ConfigProblem:
    """A validator's problem with its line in the file (the key's, or its table's)."""
    section, name = problem.section, problem.name
    line = _where(text, section, name) if name else _line_of(text, None, section)
    return ConfigProblem(problem.key, problem.words, line)


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
            ConfigProblem("(file)", NOT_TOML.bind(error=exc), int(m.group(1)) if m else None)
        ]
    tables: dict[str, dict[str, Any]] = {}
    for section in _SECTIONS:
        value = doc.get(section, {})
        if not isinstance(value, dict):
            problems.append(
                ConfigProblem(
                    section,
                    NOT_A_TABLE.bind(section=section, kind=value_words(value)),
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
                    UNKNOWN_SECTION.bind(known=", ".join(_SECTIONS)),
                    _line_of(text, None, key),
                )
            )

    kiosk, found = check_kiosk(tables["kiosk"], base)
    screen, panel, more = check_screen(tables["screen"], tables["panel"], (base.screen, base.panel))
    found += more
    hours, more = check_hours(tables["hours"], base.hours)
    found += more
    cfg = replace(base, **kiosk, screen=screen, panel=panel, hours=hours)
    _printer, more = check_printer_table(tables["printer"], cfg.data_dir())
    found += more
    cfg = replace(cfg, printer=dict(base.printer) if more else tables["printer"])
    _server, more = check_server(tables["server"])
    found += more
    cfg = replace(cfg, server=dict(base.server) if more else tables["server"])
    problems += [_located(p, text) for p in found]
    problems.sort(key=lambda p: p.line or 0)
    return cfg, problems


# --------------------------------------------------------------------------- files


def _read(path: Path) -> tuple[str | None, ConfigProblem | None]:
    """The file's text, or why it cannot be used. Only a regular file of at most 1 MiB is
    opened (a named pipe would block the kiosk's start for ever)."""
    odd = os.path.exists(path) and not os.path.isdir(path)  # (a folder is said below)
    words = paths.regular_file(str(path), MAX_CONFIG_BYTES) if odd else None
    if words is not None:
        return None, ConfigProblem("(file)", words)
    try:
        return path.read_text(encoding="utf-8"), None
    except FileNotFoundError:
        return None, ConfigProblem("(file)", NO_FILE.bind(path=path))
    except IsADirectoryError:
        return None, ConfigProblem("(file)", A_FOLDER.bind(path=path))
    except PermissionError:
        return None, ConfigProblem("(file)", NO_PERMISSION.bind(path=path))
    except UnicodeDecodeError as exc:
        return None, ConfigProblem(
            "(file)", NOT_UTF8.bind(path=path, reason=exc.reason, byte=exc.start)
        )
    except OSError as exc:
        reason = exc.strerror or str(exc)
        return None, ConfigProblem("(file)", CANNOT_READ.bind(path=path, reason=reason))


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
    fallback = LAST_GOOD if base is not None else DEFAULTS
    text, problem = _read(path)
    if text is None:
        assert problem is not None
        cfg = base or KioskConfig()
        note = ConfigProblem(problem.key, USING.bind(problem=problem.words, fallback=fallback))
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
                    PROBLEMS_ABOVE.bind(fallback=fallback, name=last_good_path(path).name),
                )
            )
        return cfg, problems
    if remember:
        problem = _remember_text(path, text)
        if problem is not None:
            problems.append(problem)
    return cfg, problems


# Reason codes of a configuration the kiosk must not run with (it shows its out-of-service
# page with the code instead): guessing would open another database or change how numbers
# are drawn, and a number the server already gave out could be issued again.
CODE_UNREADABLE = "CONFIG-UNREADABLE"
CODE_INVALID = "CONFIG-INVALID"
CODE_BAD_DATABASE = "CONFIG-DATABASE"
CODE_BAD_SERVER = "CONFIG-SERVER"


def load_kiosk_config(path: Path) -> tuple[KioskConfig, list[ConfigProblem], str | None]:
    """What the running kiosk starts with: ``load_config``, plus the reason code when the
    configuration cannot be used at all. A broken file falls back to the last good copy; with
    no last good copy a file that exists but cannot be read, or whose ``database`` or
    ``[server]`` is refused, is not replaced by the defaults (the database path and the
    numbering mode change only by an explicit setting). A missing file with no last good copy
    is a first start: the defaults."""
    config, problems = load_config(path)
    return config, problems, blocking_problem(path, problems)


def blocking_problem(path: Path, problems: list[ConfigProblem]) -> str | None:
    """The reason code when ``problems`` (of ``load_config(path)``) leave no setting to trust
    for the database or the numbering mode, else None."""
    if not problems:
        return None
    base = _last_good(path)
    keys = {p.key for p in problems}
    if base is None and "(file)" in keys:
        if not os.path.lexists(path):
            return None  # a first start: nothing was ever configured
        text, _problem = _read(path)
        return CODE_UNREADABLE if text is None else CODE_INVALID
    if "kiosk.database" in keys and not (base and base.database):
        return CODE_BAD_DATABASE
    if any(k == "server" or k.startswith("server.") for k in keys) and not (base and base.server):
        return CODE_BAD_SERVER
    return None


def printer_settings(config: KioskConfig) -> tuple[PrinterSettings, list[ConfigProblem]]:
    """The configured printer, or the preview printer with the problem named."""
    slips = str(config.data_dir() / "slips")
    table = {"preview_dir": slips, **config.printer}
    try:
        return PrinterSettings.from_mapping(table, config.data_dir()), []
    except PrinterSettingsError as exc:
        fallback = PrinterSettings.from_mapping({"preview_dir": slips}, config.data_dir())
        return fallback, [ConfigProblem(f"printer.{exc.key}", exc.words)]


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
        return ConfigProblem("(folder)", NOT_WRITABLE.bind(folder=path.parent, reason=reason))
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

    kiosk = {k: v for k, v in _table(cfg).items() if k in KIOSK_KEYS}
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


SECRET_FILE_MODE = 0o600  # the config holds the kiosk's token: its owner alone reads it


def _write_atomically(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file beside it, created ``0600`` (the
    file holds the kiosk's token; mkstemp's mode is kept whatever the old file's was)."""
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            os.fchmod(fh.fileno(), SECRET_FILE_MODE)
            fh.write(text)
            fh.flush()
            os.fsync(fh.fileno())
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
        raise ConfigSaveError(path, PERMISSION_DENIED_IN.bind(folder=path.parent)) from None
    except OSError as exc:
        raise ConfigSaveError(path, exc.strerror or str(exc)) from exc
