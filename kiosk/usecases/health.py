"""The staff health screen's report: the printer, the network and the central server, the
catalog, today's tickets, a pause, and anything that needs attention (roles without a PIN,
problems in the config file)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from kiosk.config import ConfigProblem
from kiosk.usecases.audit import AuditLog, UowFactory
from kiosk.usecases.hardware import NetworkInfo
from kiosk.usecases.staff_pins import StaffAuth
from kiosk.usecases.staff_session import Role
from kiosk.usecases.system_health import SystemHealth
from mpp_core.domain.catalog import Catalog
from mpp_core.domain.clock import Clock, service_day
from mpp_core.i18n import Text, Words

NO_SERVER = Text(
    "Tidak ada server pusat yang diatur: nomor diterbitkan lokal.",
    "No central server configured: numbers are issued locally.",
)


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
    printer_device: Words
    paper_left_m: float
    paper_low: bool
    network: NetworkInfo
    server_configured: bool
    server_online: bool
    server_lines: tuple[Words, ...]  # kiosk.sync's own words
    catalog_version: str
    tickets: tuple[GeraiCount, ...]
    tickets_total: int
    not_printed: int
    paused: bool
    pause_words: Words
    config_problems: tuple[Words, ...]
    roles_without_pin: tuple[Role, ...]
    audit_waiting: int
    # The kiosk's own health (version, database, disk, threads): lang -> (words, role) lines.
    system_lines: tuple[tuple[Words, str | None], ...] = field(default_factory=tuple)


class HealthCheck:
    """Gathers the health report from the kiosk's parts (each asked for its own news)."""

    def __init__(
        self,
        *,
        uow: UowFactory,
        clock: Clock,
        catalog: Callable[[], Catalog],
        printing: Any,  # TicketPrinting
        desk: Any,  # TicketDesk
        auth: StaffAuth,
        audit: AuditLog,
        sync: Callable[[], SyncLike | None],
        network: Callable[[], NetworkInfo],
        system: Callable[[], SystemHealth | None] = lambda: None,
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._catalog = catalog
        self._printing = printing
        self._desk = desk
        self._auth = auth
        self._audit = audit
        self._sync = sync
        self._network = network
        self._system = system

    def report(self, pause_words: Words, config_problems: Sequence[ConfigProblem]) -> HealthReport:
        now = self._clock.now()
        catalog = self._catalog()
        h = self._printing.health
        from kiosk.printing.status import STATE_WORDS, PrinterState

        state = h.state if isinstance(h.state, PrinterState) else PrinterState.UNKNOWN
        words = h.words if h.words("id") else STATE_WORDS[state]
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
        lines: tuple[Words, ...] = (NO_SERVER,)
        if status is not None and hasattr(status, "lines"):
            lines = tuple(status.lines())
        pinless = tuple(r for r in Role if r not in self._auth.roles_with_pin())
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
            paused=self._desk.paused,
            pause_words=pause_words,
            config_problems=tuple(p.located for p in config_problems),
            roles_without_pin=pinless,
            audit_waiting=self._audit.unsynced_count() if configured else 0,
            system_lines=self._system_lines(),
        )

    def _system_lines(self) -> tuple[tuple[Words, str | None], ...]:
        system = self._system()
        if system is None:
            return ()
        return tuple((line.words, line.role) for line in system.lines())
