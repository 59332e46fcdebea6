"""Staff and technician modes: PINs, lockout, the audit log, the health report and the
actions staff take on the kiosk. No Qt here: ``kiosk.staff_mode`` wires it to the screens.

- PINs are stored per role as salted scrypt hashes (PBKDF2-SHA256 where this Python's
  OpenSSL has no scrypt); entering a PIN tells which role it belongs to, so two roles
  never share one. Five wrong PINs in a row lock the pad for five minutes; the count and
  the lock survive a restart (kept in ``kiosk_state``).
- Every action is written to ``audit_log`` (who, what, when, details; never a PIN or a
  token) and stays there for the central server (``AuditRepository.unsynced``).
- Words for people come as (Indonesian, English) pairs, like the printer's status words.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import itertools
import logging
import os
import re
import secrets
import socket
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from pathlib import Path
from typing import Any, Protocol

from kiosk.config import (
    ConfigProblem,
    ConfigSaveError,
    HoursConfig,
    KioskConfig,
    ScreenConfig,
    config_to_toml,
    parse_config,
    printer_problems,
    save_config,
    with_screen,
)
from kiosk.store.staff import AuditEntry, StoredPin
from kiosk.store.uow import UnitOfWork
from mpp_core.domain.catalog import WEEKDAYS, Catalog, Interval, WeeklyHours
from mpp_core.domain.clock import Clock, local, service_day
from mpp_core.domain.tickets import PrintState, Ticket

log = logging.getLogger(__name__)

RESTART_EXIT_CODE = 75  # EX_TEMPFAIL: the launcher / systemd unit starts the app again
DESKTOP_EXIT_CODE = 0  # a clean exit: the unit stays stopped (technicians only)
LOCKOUT_AFTER = 5
LOCKOUT_FOR = timedelta(minutes=5)
STAFF_IDLE_S = 120
PIN_MIN, PIN_MAX = 4, 12
LOCK_KEY = "staff.pin_lock"
PAUSE_MESSAGE_KEY = "issuing_paused_message"
SCRYPT_PARAMS = {"n": 2**14, "r": 8, "p": 1}
PBKDF2_ITERATIONS = 310_000

Words = tuple[str, str]  # (Indonesian, English)
UowFactory = Callable[[], UnitOfWork]


class Role(StrEnum):
    STAFF = "staff"
    TECHNICIAN = "technician"

    @property
    def words(self) -> Words:
        return ("Petugas", "Staff") if self is Role.STAFF else ("Teknisi", "Technician")


class NotAllowed(PermissionError):
    """The action needs another role (or no one is signed in)."""


# --------------------------------------------------------------------------- PIN hashing


def pin_problem(pin: str) -> Words | None:
    """Why a new PIN is refused, or None when it is acceptable."""
    if not pin.isdigit() or not pin.isascii():
        return ("PIN hanya boleh angka.", "A PIN has digits only.")
    if not PIN_MIN <= len(pin) <= PIN_MAX:
        return (
            f"PIN harus {PIN_MIN} sampai {PIN_MAX} angka.",
            f"A PIN has {PIN_MIN} to {PIN_MAX} digits.",
        )
    if len(set(pin)) == 1:
        return ("PIN tidak boleh satu angka berulang.", "A PIN may not repeat one digit.")
    steps = {(int(b) - int(a)) % 10 for a, b in itertools.pairwise(pin)}
    if steps in ({1}, {9}):
        return ("PIN tidak boleh angka berurutan.", "A PIN may not be a run of digits.")
    return None


def hash_pin(pin: str, salt: bytes, scheme: str, params: Mapping[str, int]) -> bytes:
    data = pin.encode("utf-8")
    if scheme == "scrypt":
        n, r, p = params["n"], params["r"], params["p"]
        return hashlib.scrypt(
            data, salt=salt, n=n, r=r, p=p, dklen=32, maxmem=256 * n * r + 1024 * 1024
        )
    if scheme == "pbkdf2_sha256":
        return hashlib.pbkdf2_hmac("sha256", data, salt, params["iterations"], dklen=32)
    raise ValueError(f"unknown PIN hash scheme {scheme!r}")


def new_pin_hash(role: Role, pin: str, now: datetime, by: str) -> StoredPin:
    """A fresh salt for this role's PIN, and its slow hash."""
    salt = secrets.token_bytes(16)
    if hasattr(hashlib, "scrypt"):
        scheme, params = "scrypt", dict(SCRYPT_PARAMS)
    else:  # pragma: no cover - OpenSSL without scrypt
        scheme, params = "pbkdf2_sha256", {"iterations": PBKDF2_ITERATIONS}
    return StoredPin(role.value, scheme, params, salt, hash_pin(pin, salt, scheme, params), now, by)


def pin_matches(stored: StoredPin, pin: str) -> bool:
    try:
        digest = hash_pin(pin, stored.salt, stored.scheme, stored.params)
    except (ValueError, KeyError):
        log.error("PIN of role %s has an unknown hash scheme %r", stored.role, stored.scheme)
        return False
    return hmac.compare_digest(digest, stored.digest)


# --------------------------------------------------------------------------- audit log


class AuditLog:
    """Who did what, when: one row per action, written at once."""

    def __init__(self, uow: UowFactory, clock: Clock, kiosk_id: str) -> None:
        self._uow = uow
        self._clock = clock
        self.kiosk_id = kiosk_id

    def record(self, actor: str, action: str, **detail: Any) -> int:
        clean = {k: v for k, v in detail.items() if v is not None}
        try:
            with self._uow() as u:
                entry_id = u.audit.add(self._clock.now(), self.kiosk_id, actor, action, clean)
                u.commit()
        except Exception:  # the action itself has happened; say so in the log at least
            log.exception("audit entry not written: %s %s %s", actor, action, clean)
            return 0
        log.info("audit: %s %s %s", actor, action, clean)
        return entry_id

    def recent(self, limit: int = 20) -> list[AuditEntry]:
        with self._uow() as u:
            return u.audit.recent(limit)

    def unsynced_count(self) -> int:
        with self._uow() as u:
            return u.audit.count_unsynced()


# --------------------------------------------------------------------------- PIN pad


@dataclass(frozen=True)
class PinResult:
    role: Role | None  # who came in (None: refused)
    reason: str  # "ok", "wrong", "locked", "no_pin"
    attempts_left: int = LOCKOUT_AFTER
    locked_until: datetime | None = None


class StaffAuth:
    """The PIN pad's rules: which role a PIN opens, and the lockout."""

    def __init__(self, uow: UowFactory, clock: Clock, audit: AuditLog) -> None:
        self._uow = uow
        self._clock = clock
        self.audit = audit

    def roles_with_pin(self) -> set[Role]:
        with self._uow() as u:
            stored = u.credentials.all()
        return {Role(p.role) for p in stored if p.role in Role.__members__.values()}

    def set_pin(self, role: Role, pin: str, *, by: str) -> None:
        """Store the role's new PIN (ValueError with (id, en) words when refused)."""
        problem = pin_problem(pin)
        if problem is not None:
            raise PinRefused(problem)
        with self._uow() as u:
            repo = u.credentials
            for other in Role:
                stored = repo.get(other.value)
                if other is not role and stored is not None and pin_matches(stored, pin):
                    raise PinRefused(
                        ("PIN ini sudah dipakai peran lain.", "Another role already has this PIN.")
                    )
            repo.put(new_pin_hash(role, pin, self._clock.now(), by))
            u.commit()
        self.audit.record(by, "pin_set", role=role.value)

    def lock_state(self) -> tuple[int, datetime | None]:
        """(wrong PINs in a row, locked until) as stored."""
        with self._uow() as u:
            raw = u.state.get(LOCK_KEY) or {}
        failures = int(raw.get("failures", 0)) if isinstance(raw, dict) else 0
        until = raw.get("locked_until") if isinstance(raw, dict) else None
        locked = datetime.fromisoformat(until) if isinstance(until, str) else None
        return failures, locked

    def locked_until(self) -> datetime | None:
        _failures, until = self.lock_state()
        return until if until is not None and until > self._clock.now() else None

    def _save_lock(self, failures: int, until: datetime | None) -> None:
        with self._uow() as u:
            u.state.set(
                LOCK_KEY,
                {"failures": failures, "locked_until": until.isoformat() if until else None},
            )
            u.commit()

    def check(self, pin: str) -> PinResult:
        now = self._clock.now()
        failures, until = self.lock_state()
        if until is not None and until > now:
            return PinResult(None, "locked", 0, until)
        if until is not None:  # the lock has run out: a fresh start
            failures = 0
        with self._uow() as u:
            stored = u.credentials.all()
        if not stored:
            return PinResult(None, "no_pin")
        # Every role's hash is computed, so the time taken does not tell which one matched.
        matches = [Role(p.role) for p in stored if pin_matches(p, pin)]
        if matches:
            self._save_lock(0, None)
            self.audit.record(matches[0].value, "sign_in")
            return PinResult(matches[0], "ok")
        failures += 1
        if failures >= LOCKOUT_AFTER:
            locked = now + LOCKOUT_FOR
            self._save_lock(0, locked)
            self.audit.record(
                "unknown", "pin_lockout", failures=failures, locked_until=locked.isoformat()
            )
            return PinResult(None, "locked", 0, locked)
        self._save_lock(failures, None)
        self.audit.record("unknown", "pin_wrong", failures=failures)
        return PinResult(None, "wrong", LOCKOUT_AFTER - failures)


class PinRefused(ValueError):
    def __init__(self, words: Words) -> None:
        super().__init__(words[1])
        self.words = words


# --------------------------------------------------------------------------- opening hours


def weekly_hours(hours: HoursConfig) -> WeeklyHours:
    """The override as weekly hours (every listed day from ``open`` to ``close``)."""
    if hours.mode == "closed":
        return WeeklyHours(tuple(() for _ in WEEKDAYS))
    start = time.fromisoformat(hours.open)
    end = time.fromisoformat(hours.close)
    return WeeklyHours(tuple((Interval(start, end),) if d in hours.days else () for d in WEEKDAYS))


class HoursOverride:
    """The catalog with this kiosk's opening-hours override applied, while it lasts.

    Cached per catalog, override and day: the desk asks for the catalog on every tile."""

    def __init__(self, catalog: Callable[[], Catalog], clock: Clock, hours: HoursConfig) -> None:
        self._catalog = catalog
        self._clock = clock
        self.hours = hours
        self._cache: tuple[int, HoursConfig, date, Catalog] | None = None

    def set(self, hours: HoursConfig) -> None:
        self.hours = hours
        self._cache = None

    def __call__(self) -> Catalog:
        catalog = self._catalog()
        day = service_day(self._clock.now())
        if not self.hours.active_on(day):
            return catalog
        c = self._cache
        if c is not None and c[0] == id(catalog) and c[1] == self.hours and c[2] == day:
            return c[3]
        week = weekly_hours(self.hours)
        gerai = tuple(replace(g, hours=None) for g in catalog.gerai)
        result = replace(catalog, default_hours=week, gerai=gerai)
        self._cache = (id(catalog), self.hours, day, result)
        return result


# --------------------------------------------------------------------------- health


@dataclass(frozen=True)
class NetworkInfo:
    connected: bool
    address: str  # this kiosk's address on the way out ("" when there is none)
    interfaces: tuple[str, ...]  # network interfaces that are up (not loopback)


def network_info() -> NetworkInfo:
    """Interfaces that are up and the address a packet would leave from (none is sent)."""
    up: list[str] = []
    net = Path("/sys/class/net")
    if net.is_dir():
        for iface in sorted(net.iterdir()):
            if iface.name == "lo":
                continue
            try:
                state = (iface / "operstate").read_text().strip()
            except OSError:
                continue
            if state == "up" or (state == "unknown" and (iface / "device").exists()):
                up.append(iface.name)
    address = ""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("192.0.2.1", 9))  # TEST-NET-1: only picks a route, sends nothing
            address = str(s.getsockname()[0])
    except OSError:
        pass
    return NetworkInfo(bool(address) and address != "0.0.0.0", address, tuple(up))


class SyncLike(Protocol):
    """What staff mode needs of kiosk.sync's KioskSync (status and a sync-now button)."""

    @property
    def status(self) -> Any: ...

    def sync_now(self) -> None: ...


@dataclass(frozen=True)
class GeraiCount:
    prefix: str
    name: str
    count: int


@dataclass(frozen=True)
class HealthReport:
    now: datetime
    printer_state: str  # PrinterState value
    printer_ok: bool
    printer_words: Words
    printer_device: str
    paper_left_m: float
    paper_low: bool
    network: NetworkInfo
    server_configured: bool
    server_online: bool
    server_lines: Mapping[str, tuple[str, ...]]  # lang -> lines (kiosk.sync's own words)
    catalog_version: str
    tickets: tuple[GeraiCount, ...]
    tickets_total: int
    not_printed: int
    paused: bool
    pause_words: Words
    config_problems: tuple[str, ...]
    roles_without_pin: tuple[Role, ...]
    audit_waiting: int


@dataclass(frozen=True)
class TicketLine:
    id: str
    number: str
    gerai: str
    service: str
    issued_at: str  # HH.MM, WIB
    state: PrintState
    priority: bool


@dataclass(frozen=True)
class Outcome:
    """The result of an action, in words for the staff screen."""

    ok: bool
    words: Words
    restart_needed: bool = False


@dataclass(frozen=True)
class FieldProblem:
    field: str  # the form field (a config key such as "printer.host")
    words: Words


@dataclass
class StaffSession:
    role: Role
    since: datetime


PAUSE_PRESETS: tuple[Words, ...] = (
    (
        "Pengambilan nomor antrean dihentikan sementara. Silakan tanya petugas.",
        "Queue numbers are paused for a moment. Please ask a member of staff.",
    ),
    ("Kuota nomor antrean hari ini sudah habis.", "Today's queue numbers have run out."),
    (
        "Sedang istirahat. Pengambilan nomor dibuka kembali pukul 13.00.",
        "Break time. Numbers are available again at 13:00.",
    ),
)


@dataclass(frozen=True)
class DetectedPrinter:
    """A printer the technician can pick: kind and the [printer] keys it sets."""

    label: str
    kind: str  # usb | serial
    values: Mapping[str, Any] = field(default_factory=dict)


def detect_printers() -> list[DetectedPrinter]:
    """USB printers (pyusb, and kernel usblp devices) and serial ports. Slow: run it off
    the GUI thread."""
    found: list[DetectedPrinter] = []
    try:
        from kiosk.printing.cli import USB_PRINTER_VENDORS
    except ImportError:  # pragma: no cover
        USB_PRINTER_VENDORS = {}
    try:
        import usb.core

        for dev in usb.core.find(find_all=True) or []:
            vendor, product = int(dev.idVendor), int(dev.idProduct)
            is_printer = vendor in USB_PRINTER_VENDORS
            try:
                for cfg in dev:
                    for intf in cfg:
                        if intf.bInterfaceClass == 7:
                            is_printer = True
            except Exception:
                pass
            if not is_printer:
                continue
            name = USB_PRINTER_VENDORS.get(vendor, "USB printer")
            with contextlib.suppress(Exception):
                name = f"{dev.manufacturer or name} {dev.product or ''}".strip()
            found.append(
                DetectedPrinter(
                    f"{name} ({vendor:04x}:{product:04x})",
                    "usb",
                    {"usb_vendor_id": f"0x{vendor:04x}", "usb_product_id": f"0x{product:04x}"},
                )
            )
    except Exception as exc:  # no pyusb, no libusb backend, no permission
        log.info("USB printers not listed: %s", exc)
    usb_dir = Path("/dev/usb")
    if usb_dir.is_dir():
        for dev_path in sorted(usb_dir.glob("lp*")):
            found.append(DetectedPrinter(str(dev_path), "usb", {"usb_device": str(dev_path)}))
    try:
        from serial.tools import list_ports

        for port in sorted(list_ports.comports(), key=lambda p: p.device):
            found.append(
                DetectedPrinter(
                    f"{port.device} ({port.description or 'serial'})",
                    "serial",
                    {"serial_device": port.device},
                )
            )
    except Exception as exc:
        log.info("serial ports not listed: %s", exc)
    return found


# --------------------------------------------------------------------------- the desk


_HOST_RE = re.compile(r"^[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$")
_URL_RE = re.compile(r"^https?://[^\s/?#]+(:\d+)?(/[^\s?#]*)?$")
_TOKEN_RE = re.compile(r"^[A-Za-z0-9_.~-]{8,200}$")
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
PROFILES: tuple[tuple[str, int, int], ...] = (  # (profile, paper width, columns)
    ("TM-T20II", 80, 48),
    ("TM-T88V", 80, 42),
    ("POS-5890", 58, 32),
)


class StaffDesk:
    """Everything staff and technicians do, as plain calls. Each call checks the role of
    the person signed in and writes an audit entry."""

    def __init__(
        self,
        *,
        uow: UowFactory,
        clock: Clock,
        audit: AuditLog,
        auth: StaffAuth,
        desk: Any,  # TicketDesk
        printing: Any,  # TicketPrinting
        catalog: Callable[[], Catalog],
        config: KioskConfig,
        config_problems: Sequence[ConfigProblem] = (),
        sync: Callable[[], SyncLike | None] = lambda: None,
        network: Callable[[], NetworkInfo] = network_info,
        on_config: Callable[[KioskConfig, KioskConfig], None] = lambda _old, _new: None,
    ) -> None:
        self._uow = uow
        self._clock = clock
        self.audit = audit
        self.auth = auth
        self.desk = desk
        self.printing = printing
        self._catalog = catalog
        self.config = config
        self.config_problems = list(config_problems)
        self._sync = sync
        self._network = network
        self._on_config = on_config
        self.session: StaffSession | None = None
        self.tried_printer = False  # a technician's printer test is live, not yet saved

    # ------------------------------------------------------------------ signing in and out

    @property
    def role(self) -> Role | None:
        return self.session.role if self.session else None

    @property
    def actor(self) -> str:
        return self.session.role.value if self.session else "system"

    def sign_in(self, role: Role) -> None:
        self.session = StaffSession(role, self._clock.now())

    def sign_out(self, reason: str) -> None:
        if self.session is None:
            return
        if self.tried_printer:
            self.revert_printer()
        self.audit.record(self.actor, "sign_out", reason=reason)
        self.session = None

    def require(self, role: Role = Role.STAFF) -> None:
        if self.session is None:
            raise NotAllowed("nobody is signed in")
        if role is Role.TECHNICIAN and self.session.role is not Role.TECHNICIAN:
            raise NotAllowed("technicians only")

    # ------------------------------------------------------------------ health

    def health(self) -> HealthReport:
        now = self._clock.now()
        catalog = self._catalog()
        h = self.printing.health
        from kiosk.printing.status import STATE_WORDS, PrinterState

        state = h.state if isinstance(h.state, PrinterState) else PrinterState.UNKNOWN
        words = (h.message_id or STATE_WORDS[state][0], h.message_en or STATE_WORDS[state][1])
        day = service_day(now)
        with self._uow() as u:
            counts = u.tickets.counts_by_gerai(day)
            not_printed = len(u.tickets.not_printed(day))
        tickets = tuple(
            GeraiCount(g.prefix, g.name, counts.get(g.code, 0))
            for g in catalog.gerai
            if g.selectable and g.issues_numbers
        )
        sync = self._sync()
        status = sync.status if sync is not None else None
        configured = bool(status is not None and getattr(status, "configured", True))
        if status is not None and hasattr(status, "lines"):
            lines = {lang: tuple(status.lines(lang)) for lang in ("id", "en")}
        else:
            lines = {
                "id": ("Tidak ada server pusat yang diatur: nomor diterbitkan lokal.",),
                "en": ("No central server configured: numbers are issued locally.",),
            }
        pinless = tuple(r for r in Role if r not in self.auth.roles_with_pin())
        return HealthReport(
            now=now,
            printer_state=state.value,
            printer_ok=not h.attention,
            printer_words=words,
            printer_device=h.device,
            paper_left_m=h.paper_left_m,
            paper_low=h.paper_low,
            network=self._network(),
            server_configured=configured,
            server_online=bool(configured and getattr(status, "online", False)),
            server_lines=lines,
            catalog_version=catalog.version,
            tickets=tickets,
            tickets_total=sum(counts.values()),
            not_printed=not_printed,
            paused=self.desk.paused,
            pause_words=self.pause_words(),
            config_problems=tuple(str(p) for p in self.config_problems),
            roles_without_pin=pinless,
            audit_waiting=self.audit.unsynced_count() if configured else 0,
        )

    # ------------------------------------------------------------------ staff actions

    def paper_replaced(self) -> Outcome:
        self.require()
        before = self.printing.health.paper_left_m
        self.printing.paper_replaced()
        self.audit.record(self.actor, "paper_replaced", paper_left_before_m=before)
        return Outcome(True, ("Gulungan kertas baru dicatat.", "New paper roll recorded."))

    def test_print(self) -> str:
        """Queue a test slip; returns its job id (ask ``print_outcome`` for the answer)."""
        self.require()
        job_id = str(self.printing.service.print_test_page())
        self.audit.record(self.actor, "test_print", device=self.printing.settings.describe())
        return job_id

    def print_outcome(self, job_id: str) -> Any:
        """The printer's answer for a job (a PrintOutcome), or None while waiting."""
        return self.printing.service.outcome(job_id)

    @staticmethod
    def outcome_words(outcome: Any) -> Outcome:
        if outcome.printed:
            return Outcome(
                True,
                (
                    f"Struk uji tercetak. {outcome.message_id}",
                    f"Test slip printed. {outcome.message_en}",
                ),
            )
        return Outcome(
            False, (f"Tidak tercetak: {outcome.message_id}", f"Not printed: {outcome.message_en}")
        )

    def tickets(self, *, only_not_printed: bool) -> list[TicketLine]:
        """Today's tickets, newest first (or only those that did not print)."""
        self.require()
        day = service_day(self._clock.now())
        with self._uow() as u:
            found = u.tickets.not_printed(day) if only_not_printed else u.tickets.all_for_day(day)
        catalog = self._catalog()
        lines = []
        for t in reversed(found):
            g = catalog.gerai_by_code(t.gerai_code)
            s = catalog.service_by_code(t.service_code)
            lines.append(
                TicketLine(
                    t.id,
                    t.display,
                    g.name if g else t.gerai_code,
                    s.name if s else t.service_code,
                    f"{local(t.issued_at):%H.%M}",
                    t.print_state,
                    t.priority is not None,
                )
            )
        return lines

    def _ticket(self, ticket_id: str) -> Ticket | None:
        with self._uow() as u:
            return u.tickets.get(ticket_id)

    def reprint(self, ticket_id: str) -> str:
        """Print a copy (marked SALINAN) of a ticket; returns the job id."""
        self.require()
        ticket = self._ticket(ticket_id)
        if ticket is None:
            raise KeyError(ticket_id)
        job_id = str(self.printing.reprint(ticket))
        self.audit.record(
            self.actor,
            "reprint",
            ticket=ticket.display,
            ticket_id=ticket.id,
            state_before=ticket.print_state.value,
        )
        return job_id

    def reprint_done(self, ticket_id: str, outcome: Any) -> Outcome:
        """Record a reprint's result: a ticket that never printed is printed now."""
        ticket = self._ticket(ticket_id)
        if (
            outcome.printed
            and ticket is not None
            and ticket.print_state in (PrintState.FAILED, PrintState.PENDING)
        ):
            self.desk.mark_printed(ticket_id, PrintState.PRINTED, "printed as a staff copy")
        number = ticket.display if ticket else "?"
        if outcome.printed:
            return Outcome(True, (f"Salinan {number} tercetak.", f"Copy of {number} printed."))
        return Outcome(
            False,
            (
                f"Salinan {number} tidak tercetak: {outcome.message_id}",
                f"Copy of {number} not printed: {outcome.message_en}",
            ),
        )

    def sync_now(self) -> Outcome:
        self.require()
        sync = self._sync()
        if sync is None:
            return Outcome(
                False, ("Tidak ada server pusat yang diatur.", "No central server is configured.")
            )
        sync.sync_now()
        self.audit.record(self.actor, "sync_now")
        return Outcome(True, ("Sinkronisasi dimulai.", "Sync started."))

    def pause_words(self) -> Words:
        raw = self.desk.state_value(PAUSE_MESSAGE_KEY, None)
        if isinstance(raw, dict) and raw.get("id"):
            return (str(raw["id"]), str(raw.get("en") or raw["id"]))
        return PAUSE_PRESETS[0]

    def pause(self, words: Words) -> Outcome:
        self.require()
        text_id, text_en = words[0].strip()[:200], (words[1] or words[0]).strip()[:200]
        if not text_id:
            return Outcome(
                False, ("Tulis pesan untuk pengunjung.", "Write a message for visitors.")
            )
        self.desk.set_state_value(PAUSE_MESSAGE_KEY, {"id": text_id, "en": text_en})
        self.desk.set_paused(True)
        self.audit.record(self.actor, "pause_issuing", message=text_id)
        return Outcome(True, ("Pengambilan nomor dihentikan.", "Issuing numbers is paused."))

    def resume(self) -> Outcome:
        self.require()
        self.desk.set_paused(False)
        self.audit.record(self.actor, "resume_issuing")
        return Outcome(True, ("Pengambilan nomor dibuka kembali.", "Issuing numbers has resumed."))

    def restart(self) -> int:
        """Audit the restart; the caller exits with the returned code."""
        self.require()
        self.audit.record(self.actor, "restart_app", exit_code=RESTART_EXIT_CODE)
        self.session = None
        return RESTART_EXIT_CODE

    def reset_terminal(self) -> Outcome:
        """Reopen the printer (the caller clears the screens). Tickets stay in the database."""
        self.require()
        self.printing.reconfigure(self.printing.settings)
        self.printing.service.request_status()
        self.audit.record(self.actor, "reset_terminal")
        return Outcome(
            True,
            (
                "Printer dibuka ulang dan layar dibersihkan.",
                "Printer reopened and screens cleared.",
            ),
        )

    def exit_to_desktop(self) -> int:
        self.require(Role.TECHNICIAN)
        self.audit.record(self.actor, "exit_to_desktop", exit_code=DESKTOP_EXIT_CODE)
        self.session = None
        return DESKTOP_EXIT_CODE

    # ------------------------------------------------------------------ technician: printer

    def printer_values(self) -> dict[str, Any]:
        """The printer settings in use, as the form shows them."""
        return dict(self.printing.settings.to_mapping())

    def check_printer(
        self, values: Mapping[str, Any]
    ) -> tuple[dict[str, Any] | None, list[FieldProblem]]:
        """The ``[printer]`` table for these form values, or the problems (by field)."""
        problems: list[FieldProblem] = []
        kind = str(values.get("kind", "preview"))
        table: dict[str, Any] = {
            k: v for k, v in self.config.printer.items() if k not in PRINTER_FORM_KEYS
        }
        table["kind"] = kind

        def text(key: str) -> str:
            return str(values.get(key) or "").strip()

        if kind == "network":
            host = text("host")
            if not host:
                problems.append(
                    FieldProblem(
                        "printer.host",
                        (
                            "Isi alamat IP printer, misalnya 192.168.1.50.",
                            "Enter the printer's IP address, for example 192.168.1.50.",
                        ),
                    )
                )
            elif not _HOST_RE.match(host):
                problems.append(
                    FieldProblem(
                        "printer.host",
                        (f"Alamat tidak valid: {host}", f"Not a valid address: {host}"),
                    )
                )
            table["host"] = host
            port = text("port") or "9100"
            if not port.isdigit() or not 1 <= int(port) <= 65535:
                problems.append(
                    FieldProblem(
                        "printer.port",
                        (
                            "Port harus angka 1 sampai 65535 (biasanya 9100).",
                            "The port is a number from 1 to 65535 (usually 9100).",
                        ),
                    )
                )
            else:
                table["port"] = int(port)
        elif kind == "serial":
            device = text("serial_device")
            if not device.startswith("/dev/") or len(device) < 6:
                problems.append(
                    FieldProblem(
                        "printer.serial_device",
                        (
                            "Pilih atau ketik perangkat serial, misalnya /dev/ttyUSB0.",
                            "Pick or type a serial device, for example /dev/ttyUSB0.",
                        ),
                    )
                )
            table["serial_device"] = device
            table["baudrate"] = int(values.get("baudrate") or 9600)
        elif kind == "usb":
            device = text("usb_device")
            vendor, product = text("usb_vendor_id"), text("usb_product_id")
            if device:
                table["usb_device"] = device
            elif vendor and product:
                table["usb_vendor_id"], table["usb_product_id"] = vendor, product
            else:
                problems.append(
                    FieldProblem(
                        "printer.usb",
                        (
                            "Pilih printer USB dari daftar (tekan Cari printer).",
                            "Pick a USB printer from the list (press Find printers).",
                        ),
                    )
                )
        elif kind == "file":
            path = text("file_path")
            if not path.startswith("/"):
                problems.append(
                    FieldProblem(
                        "printer.file_path",
                        (
                            "Isi jalur lengkap berkas atau perangkat, misalnya /dev/usb/lp0.",
                            "Enter the full path of the file or device, for example /dev/usb/lp0.",
                        ),
                    )
                )
            table["file_path"] = path
        elif kind != "preview":
            problems.append(
                FieldProblem(
                    "printer.kind",
                    ("Pilih jenis sambungan printer.", "Pick how the printer is connected."),
                )
            )
        profile = text("profile") or "TM-T20II"
        table["profile"] = profile
        table["paper_width_mm"] = int(values.get("paper_width_mm") or 80)
        table["columns"] = int(
            values.get("columns") or (32 if table["paper_width_mm"] == 58 else 48)
        )
        code_page = text("code_page") or "0"
        if not code_page.isdigit() or not 0 <= int(code_page) <= 255:
            problems.append(
                FieldProblem(
                    "printer.code_page",
                    (
                        "Code page harus angka 0 sampai 255 (0 = CP437).",
                        "The code page is a number from 0 to 255 (0 = CP437).",
                    ),
                )
            )
        else:
            table["code_page"] = int(code_page)
        table["cut"] = str(values.get("cut") or "full")
        table["qr"] = str(values.get("qr") or "native")
        logo = text("logo_path")
        if logo:
            if not Path(logo).is_file():
                problems.append(
                    FieldProblem(
                        "printer.logo_path",
                        (f"Berkas logo tidak ada: {logo}", f"No logo file at {logo}"),
                    )
                )
            table["logo_path"] = logo
        if problems:
            return None, problems
        for p in printer_problems(table):
            problems.append(
                FieldProblem(
                    p.key, (f"Nilai tidak diterima: {p.message}", f"Not accepted: {p.message}")
                )
            )
        return (None, problems) if problems else (table, [])

    def settings_for(self, table: Mapping[str, Any]) -> Any:
        from kiosk.printing.settings import PrinterSettings

        full = dict(table)
        full.setdefault("preview_dir", str(self.config.data_dir() / "slips"))
        return PrinterSettings.from_mapping(full)

    def try_printer(self, table: Mapping[str, Any]) -> str:
        """Switch to these (unsaved) settings and print a test slip; returns its job id."""
        self.require(Role.TECHNICIAN)
        settings = self.settings_for(table)
        self.printing.reconfigure(settings)
        self.tried_printer = True
        job_id = str(self.printing.service.print_test_page())
        self.audit.record(self.actor, "printer_test", device=settings.describe())
        return job_id

    def revert_printer(self) -> None:
        """Back to the saved printer after an unsaved test."""
        if not self.tried_printer:
            return
        self.tried_printer = False
        self.printing.reconfigure(self.settings_for(self.config.printer))

    def save_printer(self, table: Mapping[str, Any]) -> Outcome:
        self.require(Role.TECHNICIAN)
        outcome = self._save(replace(self.config, printer=dict(table)), "printer")
        if outcome.ok:
            self.tried_printer = False
        return outcome

    # ------------------------------------------------------------------ technician: the rest

    def check_server(
        self, url: str, token: str, connect_timeout_s: float, read_timeout_s: float
    ) -> tuple[dict[str, Any] | None, list[FieldProblem]]:
        url, token = url.strip(), token.strip()
        if not url and not token:
            return {}, []  # no server: the kiosk works alone
        problems = []
        if not _URL_RE.match(url):
            problems.append(
                FieldProblem(
                    "server.url",
                    (
                        "Alamat server harus diawali http:// atau https://, tanpa spasi.",
                        "The server address starts with http:// or https:// and has no spaces.",
                    ),
                )
            )
        if not _TOKEN_RE.match(token):
            problems.append(
                FieldProblem(
                    "server.token",
                    (
                        "Token kiosk: 8 sampai 200 huruf, angka, titik, - _ ~ (dari mpp-central "
                        "kiosk add).",
                        "Kiosk token: 8 to 200 letters, digits, dots, - _ ~ (from mpp-central "
                        "kiosk add).",
                    ),
                )
            )
        if not 0.05 <= connect_timeout_s <= 2.0:
            problems.append(
                FieldProblem(
                    "server.connect_timeout_s",
                    (
                        "Batas waktu sambung 0,05 sampai 2 detik.",
                        "Connect timeout is 0.05 to 2 seconds.",
                    ),
                )
            )
        if not 0.1 <= read_timeout_s <= 120:
            problems.append(
                FieldProblem(
                    "server.read_timeout_s",
                    (
                        "Batas waktu baca 0,1 sampai 120 detik.",
                        "Read timeout is 0.1 to 120 seconds.",
                    ),
                )
            )
        if problems:
            return None, problems
        table = dict(self.config.server)
        table.update(
            url=url,
            token=token,
            connect_timeout_s=float(connect_timeout_s),
            read_timeout_s=float(read_timeout_s),
        )
        return table, []

    def save_server(self, table: Mapping[str, Any]) -> Outcome:
        self.require(Role.TECHNICIAN)
        return self._save(replace(self.config, server=dict(table)), "server")

    def save_screen(self, screen: ScreenConfig) -> Outcome:
        self.require(Role.TECHNICIAN)
        return self._save(with_screen(self.config, screen), "screen")

    def save_kiosk(
        self, *, idle_timeout_s: int, language: str, languages: Sequence[str], hours: HoursConfig
    ) -> Outcome:
        self.require(Role.TECHNICIAN)
        new = replace(
            self.config,
            idle_timeout_s=idle_timeout_s,
            language=language,
            languages=tuple(languages),
            hours=hours,
        )
        return self._save(new, "kiosk")

    def _save(self, new: KioskConfig, what: str) -> Outcome:
        """Check the whole configuration, save it atomically, then apply it."""
        _parsed, problems = parse_config(config_to_toml(new))
        if problems:
            first = problems[0]
            return Outcome(
                False,
                (
                    f"Tidak disimpan: {first.key}: {first.message}",
                    f"Not saved: {first.key}: {first.message}",
                ),
            )
        if not new.source_file:
            return Outcome(
                False,
                (
                    "Tidak disimpan: kiosk ini berjalan tanpa berkas konfigurasi.",
                    "Not saved: this kiosk runs without a config file.",
                ),
            )
        path = Path(new.source_file)
        try:
            save_config(new, path)
        except ConfigSaveError as exc:
            self.audit.record(self.actor, "settings_not_saved", section=what, error=exc.message)
            return Outcome(
                False,
                (
                    f"Tidak disimpan; pengaturan lama tetap dipakai. {exc.message}",
                    f"Not saved; the old settings stay in use. {exc.message}",
                ),
            )
        old = self.config
        self.config = new
        changed = _changes(old, new)
        self.audit.record(self.actor, "settings_saved", section=what, changed=changed)
        restart = any(
            k.split(".")[0] in ("server", "screen", "panel")
            or k in ("kiosk_id", "database", "fullscreen")
            for k in changed
        )
        self._on_config(old, new)
        if restart:
            return Outcome(
                True,
                (
                    "Tersimpan. Berlaku setelah aplikasi dimulai ulang.",
                    "Saved. Takes effect when the app restarts.",
                ),
                True,
            )
        return Outcome(True, ("Tersimpan dan sudah berlaku.", "Saved and in effect."))


def _flat(cfg: KioskConfig) -> dict[str, Any]:
    import tomllib

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


def whoami() -> str:
    """The operating-system user, for audit entries written from the command line."""
    try:
        import getpass

        return f"cli:{getpass.getuser()}"[:40]
    except Exception:
        return f"cli:{os.getuid() if hasattr(os, 'getuid') else '?'}"
