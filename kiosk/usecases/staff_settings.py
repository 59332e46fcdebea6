"""The technician's settings as plain calls: the printer (check the form, test it unsaved,
save, undo), the central server, the screen and the kiosk form.

The forms are checked by the one validator of each group (``kiosk/settings/``), with its
words shown under each field. A save checks the whole file again, writes it atomically
(``kiosk.config.save_config``), applies what it can at once (the printer, the opening hours;
``on_config`` does the rest) and is audited with the names of the keys that changed (never a
value, so never a token).
"""

from __future__ import annotations

import logging
import tomllib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from kiosk.config import ConfigProblem, ConfigSaveError, config_to_toml, parse_config, save_config
from kiosk.printing.settings import PrinterSettings, check_printer_table
from kiosk.settings.hours import HoursConfig
from kiosk.settings.kiosk import KioskConfig, with_screen
from kiosk.settings.rules import Problem
from kiosk.settings.screen import ScreenConfig
from kiosk.settings.server import check_server
from kiosk.usecases.audit import AuditLog
from kiosk.usecases.hours_override import HoursOverride
from kiosk.usecases.staff_session import Outcome, Role, SignedIn
from mpp_core.i18n import Plain, Text, Words

log = logging.getLogger(__name__)

PRINTER_FORM_KEYS = (
    "kind",
    "host",
    "port",
    "serial_device",
    "baudrate",
    "usb_vendor_id",
    "usb_product_id",
    "usb_device",
    "profile",
    "paper_width_mm",
    "columns",
    "code_page",
    "cut",
    "qr",
    "logo_path",
)
NOT_SAVED_PROBLEM = Text("Tidak disimpan: {key}: {problem}", "Not saved: {key}: {problem}")
NOT_SAVED_NO_FILE = Text(
    "Tidak disimpan: kiosk ini berjalan tanpa berkas konfigurasi.",
    "Not saved: this kiosk runs without a config file.",
)
NOT_SAVED_OLD_IN_USE = Text(
    "Tidak disimpan; pengaturan lama tetap dipakai. {reason}",
    "Not saved; the old settings stay in use. {reason}",
)
SAVED_AFTER_RESTART = Text(
    "Tersimpan. Berlaku setelah aplikasi dimulai ulang.",
    "Saved. Takes effect when the app restarts.",
)
SAVED = Text("Tersimpan dan sudah berlaku.", "Saved and in effect.")
PROFILES: tuple[tuple[str, int, int], ...] = (  # (profile, paper width, columns)
    ("TM-T20II", 80, 48),
    ("TM-T88V", 80, 42),
    ("POS-5890", 58, 32),
)


@dataclass(frozen=True)
class FieldProblem:
    field: str  # the form field (a config key such as "printer.host")
    words: Words


def field_problems(problems: Sequence[Problem]) -> list[FieldProblem]:
    return [FieldProblem(p.key, p.words) for p in problems]


def printer_table(values: Mapping[str, Any], saved: Mapping[str, Any]) -> dict[str, Any]:
    """The ``[printer]`` table for the form's values: the saved keys the form does not show,
    and what the form shows for the chosen kind (an empty field takes its usual value).
    Nothing is checked here."""

    def text(key: str) -> str:
        return str(values.get(key) or "").strip()

    def whole(key: str, usual: str) -> int | str:
        t = text(key) or usual
        return int(t) if t.isdigit() else t  # not a number: the validator says so

    table: dict[str, Any] = {k: v for k, v in saved.items() if k not in PRINTER_FORM_KEYS}
    kind = table["kind"] = text("kind") or "preview"
    if kind == "network":
        table["host"] = text("host")
        table["port"] = whole("port", "9100")
    elif kind == "serial":
        table["serial_device"] = text("serial_device")
        table["baudrate"] = whole("baudrate", "9600")
    elif kind == "usb":
        if text("usb_device"):
            table["usb_device"] = text("usb_device")
        else:
            for key in ("usb_vendor_id", "usb_product_id"):
                if text(key):
                    table[key] = text(key)
    elif kind == "file":
        table["file_path"] = text("file_path")
    table["profile"] = text("profile") or "TM-T20II"
    table["paper_width_mm"] = whole("paper_width_mm", "80")
    table["columns"] = whole("columns", "32" if table["paper_width_mm"] == 58 else "48")
    table["code_page"] = whole("code_page", "0")
    table["cut"] = text("cut") or "full"
    table["qr"] = text("qr") or "native"
    if text("logo_path"):
        table["logo_path"] = text("logo_path")
    return table


class SettingsDesk:
    """The technician's forms. ``config`` is the configuration in use (saved changes replace
    it); ``config_problems`` are the problems found in the file at start (cleared by a save)."""

    def __init__(
        self,
        *,
        signed_in: SignedIn,
        audit: AuditLog,
        printing: Any,  # TicketPrinting
        hours: HoursOverride,
        config: KioskConfig,
        config_problems: Sequence[ConfigProblem] = (),
        on_config: Callable[[KioskConfig, KioskConfig], None] = lambda _old, _new: None,
    ) -> None:
        self._in = signed_in
        self.audit = audit
        self.printing = printing
        self.hours = hours
        self.config = config
        self.config_problems = list(config_problems)
        self._on_config = on_config
        self.tried_printer = False  # a technician's printer test is live, not yet saved

    # ------------------------------------------------------------------ printer

    def printer_values(self) -> dict[str, Any]:
        """The printer settings in use, as the form shows them."""
        return dict(self.printing.settings.to_mapping())

    def check_printer(
        self, values: Mapping[str, Any]
    ) -> tuple[dict[str, Any] | None, list[FieldProblem]]:
        """The ``[printer]`` table for these form values, or the problems (by field)."""
        table = printer_table(values, self.config.printer)
        _values, problems = check_printer_table(table, self.config.data_dir())
        return (None, field_problems(problems)) if problems else (table, [])

    def settings_for(self, table: Mapping[str, Any]) -> PrinterSettings:
        full = dict(table)
        full.setdefault("preview_dir", str(self.config.data_dir() / "slips"))
        return PrinterSettings.from_mapping(full, self.config.data_dir())

    def try_printer(self, table: Mapping[str, Any], lang: str = "id") -> str:
        """Switch to these (unsaved) settings and print a test slip (in ``lang``, the
        technician's language); returns its job id."""
        self._in.require(Role.TECHNICIAN)
        settings = self.settings_for(table)
        self.printing.reconfigure(settings)
        self.tried_printer = True
        job_id = str(self.printing.service.print_test_page(lang))
        self.audit.record(self._in.actor, "printer_test", device=settings.describe())
        return job_id

    def revert_printer(self) -> None:
        """Back to the saved printer after an unsaved test."""
        if not self.tried_printer:
            return
        self.tried_printer = False
        self.printing.reconfigure(self.settings_for(self.config.printer))

    def save_printer(self, table: Mapping[str, Any]) -> Outcome:
        self._in.require(Role.TECHNICIAN)
        outcome = self._save(replace(self.config, printer=dict(table)), "printer")
        if outcome.ok:
            self.tried_printer = False
        return outcome

    # ------------------------------------------------------------------ the rest

    def check_server(
        self, url: str, token: str, connect_timeout_s: float, read_timeout_s: float
    ) -> tuple[dict[str, Any] | None, list[FieldProblem]]:
        """The ``[server]`` table for the form, or the problems; no address and no token
        is no server (the kiosk numbers locally)."""
        url, token = url.strip(), token.strip()
        if not url and not token:
            return {}, []
        table = dict(self.config.server)
        table.update(
            url=url,
            token=token,
            connect_timeout_s=float(connect_timeout_s),
            read_timeout_s=float(read_timeout_s),
        )
        _good, problems = check_server(table)
        return (None, field_problems(problems)) if problems else (table, [])

    def save_server(self, table: Mapping[str, Any]) -> Outcome:
        self._in.require(Role.TECHNICIAN)
        return self._save(replace(self.config, server=dict(table)), "server")

    def save_screen(self, screen: ScreenConfig) -> Outcome:
        self._in.require(Role.TECHNICIAN)
        return self._save(with_screen(self.config, screen), "screen")

    def save_kiosk(
        self, *, idle_timeout_s: int, language: str, languages: Sequence[str], hours: HoursConfig
    ) -> Outcome:
        self._in.require(Role.TECHNICIAN)
        new = replace(
            self.config,
            idle_timeout_s=idle_timeout_s,
            language=language,
            languages=tuple(languages),
            hours=hours,
        )
        return self._save(new, "kiosk")

    # ------------------------------------------------------------------ saving

    def _save(self, new: KioskConfig, what: str) -> Outcome:
        """Check the whole configuration, save it atomically, then apply it."""
        _parsed, problems = parse_config(config_to_toml(new))
        if problems:
            first = problems[0]
            return Outcome(False, NOT_SAVED_PROBLEM.bind(key=first.key, problem=first.words))
        if not new.source_file:
            return Outcome(False, NOT_SAVED_NO_FILE)
        try:
            save_config(new, Path(new.source_file))
        except ConfigSaveError as exc:
            self.audit.record(self._in.actor, "settings_not_saved", section=what, error=exc.message)
            return Outcome(False, NOT_SAVED_OLD_IN_USE.bind(reason=exc.words))
        old = self.config
        self.config = new
        changed = _changes(old, new)
        self.audit.record(self._in.actor, "settings_saved", section=what, changed=changed)
        restart = any(
            k.split(".")[0] in ("server", "screen", "panel")
            or k in ("kiosk_id", "database", "fullscreen")
            for k in changed
        )
        self._apply(old, new)
        if restart:
            return Outcome(True, SAVED_AFTER_RESTART, True)
        return Outcome(True, SAVED)

    def _apply(self, old: KioskConfig, new: KioskConfig) -> None:
        """Saved settings take effect now where they can: the printer and the opening hours
        here, the visitor screens through ``on_config``."""
        self.config_problems = []
        if new.printer != old.printer:
            try:
                settings = self.settings_for(new.printer)
            except Exception as exc:  # checked before saving; never leave the old one half-set
                log.error("saved printer settings not applied: %s", exc)
                words = getattr(exc, "words", None) or Plain(str(exc))
                self.config_problems = [ConfigProblem("printer", words)]
            else:
                self.printing.reconfigure(settings)
        if new.hours != old.hours:
            self.hours.set(new.hours)
        self._on_config(old, new)


def _flat(cfg: KioskConfig) -> dict[str, Any]:
    doc = tomllib.loads(config_to_toml(cfg))
    out: dict[str, Any] = {}
    for section, table in doc.items():
        for key, value in table.items():
            out[f"{section}.{key}"] = value
    return out


def _changes(old: KioskConfig, new: KioskConfig) -> list[str]:
    """The keys that changed (names only: a token's value never goes into the audit log)."""
    a, b = _flat(old), _flat(new)
    return sorted(k.removeprefix("kiosk.") for k in set(a) | set(b) if a.get(k) != b.get(k))
