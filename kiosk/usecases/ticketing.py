"""Issuing a queue number: the one path from a confirm tap to a committed ticket."""

from __future__ import annotations

import errno
import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from kiosk.store.uow import Conflict, UnitOfWork
from mpp_core.domain.catalog import Catalog, Gerai, Service
from mpp_core.domain.clock import Clock, service_day
from mpp_core.domain.hours import Availability, Reason, availability
from mpp_core.domain.numbering import PriorityGroup, Series, series_for
from mpp_core.domain.tickets import IssueRefused, PrintState, Ticket
from mpp_core.domain.wait import estimate_wait

PAUSED_KEY = "issuing_paused"
log = logging.getLogger(__name__)

# SQLite's words (through any wrapper) for a write that found no room, and for a damaged file.
_FULL_WORDS = ("database or disk is full", "no space left")
_DAMAGED_WORDS = ("malformed", "not a database")


class DatabaseDamaged(RuntimeError):
    """The database file turned out damaged while issuing: the kiosk restarts, and its
    start-up check recovers the file (``kiosk.usecases.startup``)."""


def _is_disk_full(exc: BaseException) -> bool:
    return getattr(exc, "errno", None) == errno.ENOSPC or any(
        w in str(exc).lower() for w in _FULL_WORDS
    )


@dataclass(frozen=True, slots=True)
class IssuePolicy:
    cutoff_minutes: int = 30
    kiosk_id: str = "kiosk-1"


@dataclass(frozen=True, slots=True)
class NumberRequest:
    """One visitor's confirmed request, as a number source sees it."""

    ticket_id: str  # made here: the server's idempotency key for this ticket
    request_id: str
    gerai: Gerai
    service: Service
    series: Series
    priority: PriorityGroup | None
    now: datetime  # the kiosk's (corrected) time when the request was checked


@dataclass(frozen=True, slots=True)
class DrawnNumber:
    """A number for a ticket and where it came from."""

    seq: int
    service_day: date
    issued_at: datetime
    source: str  # "online", "lease", "emergency"
    lease_id: str | None = None
    people_ahead: int | None = None  # None: the desk estimates from its own tickets
    est_wait_minutes: int | None = None


class NumberSource(Protocol):
    """Where numbers come from when the kiosk syncs with a central server (kiosk.sync)."""

    def online(self, req: NumberRequest) -> DrawnNumber | None:
        """Ask the server, briefly, with no transaction open. None: draw offline instead.

        Raises IssueRefused when the server refuses for a reason the visitor must see.
        """
        ...

    def offline(self, uow: UnitOfWork, req: NumberRequest, now: datetime) -> DrawnNumber:
        """A number no other kiosk can issue, drawn inside the ticket's transaction."""
        ...

    def record(self, uow: UnitOfWork, ticket: Ticket, drawn: DrawnNumber) -> None:
        """Queue the ticket for the server (outbox), inside the ticket's transaction."""
        ...

    def issued(self, ticket: Ticket) -> None:
        """Called after the commit (wakes the sync worker)."""
        ...


class TicketDesk:
    """Checks availability and commits tickets. Called off the GUI thread."""

    def __init__(
        self,
        uow: Callable[[], UnitOfWork],
        catalog: Callable[[], Catalog],
        clock: Clock,
        policy: IssuePolicy,
        numbers: NumberSource | None = None,
    ) -> None:
        """``numbers``: the central server's number source; None numbers locally (no server)."""
        self._uow = uow
        self._catalog = catalog
        self._clock = clock
        self.policy = policy
        self._numbers = numbers
        with self._uow() as u:
            self._paused = bool(u.state.get(PAUSED_KEY, False))
        self._printer_blocked = False
        self._disk_full = False

    @property
    def paused(self) -> bool:
        return self._paused

    def availability(self, gerai: Gerai, service: Service | None) -> Availability:
        """For display (the issue path checks again inside its transaction)."""
        now = self._clock.now()
        if self._paused and gerai.selectable:
            return Availability(Reason.PAUSED)
        if self._printer_blocked and gerai.selectable:
            return Availability(Reason.PRINTER_FAULT)
        if self._disk_full and gerai.selectable:
            return Availability(Reason.DISK_FULL)
        issued = 0
        if service is not None and service.daily_quota is not None:
            with self._uow() as uow:
                issued = uow.tickets.count_for_service(service.code, service_day(now))
        catalog = self._catalog()
        # The desk's own view of the gerai (an hours override replaces its hours).
        gerai = catalog.gerai_by_code(gerai.code) or gerai
        return availability(
            catalog,
            gerai,
            service,
            now,
            issued_today=issued,
            cutoff_minutes=self.policy.cutoff_minutes,
        )

    def issue(
        self, request_id: str, service_code: str, priority: PriorityGroup | None = None
    ) -> Ticket:
        """Commit one ticket for this request; the same request always gets the same ticket.

        Raises IssueRefused when the service cannot issue a number now: also when the disk
        is full (nothing of the ticket is written: its transaction is rolled back whole, the
        counter with it). Raises DatabaseDamaged when SQLite finds the file damaged.
        """
        try:
            return self._issue(request_id, service_code, priority)
        except IssueRefused:
            raise
        except Exception as exc:
            if _is_disk_full(exc):
                log.error("no room on the disk for a ticket: %s", exc)
                self._disk_full = True
                raise IssueRefused(Availability(Reason.DISK_FULL)) from exc
            if any(w in str(exc) for w in _DAMAGED_WORDS):
                log.error("the database is damaged: %s", exc)
                raise DatabaseDamaged(str(exc)[:300]) from exc
            raise

    def _issue(self, request_id: str, service_code: str, priority: PriorityGroup | None) -> Ticket:
        catalog = self._catalog()
        service = catalog.service_by_code(service_code)
        if service is None:
            raise KeyError(f"unknown service {service_code!r}")
        gerai = catalog.gerai_by_code(service.gerai_code)
        assert gerai is not None
        if self._numbers is not None:
            return self._issue_synced(self._numbers, catalog, gerai, service, request_id, priority)
        with self._uow() as uow:
            existing = uow.tickets.by_request(request_id)
            if existing is not None:
                return existing
            now = self._clock.now()
            day = service_day(now)
            self._check(uow, catalog, gerai, service, now)
            series = series_for(priority)
            seq = uow.tickets.next_seq(gerai.code, day, series)
            wait = estimate_wait(
                uow.tickets.issue_times(gerai.code, day),
                now,
                counters=gerai.counters,
                avg_minutes=gerai.avg_service_minutes,
            )
            ticket = Ticket(
                id=str(uuid.uuid4()),
                request_id=request_id,
                gerai_code=gerai.code,
                service_code=service.code,
                prefix=gerai.prefix,
                series=series,
                seq=seq,
                service_day=day,
                issued_at=now,
                priority=priority,
                people_ahead=wait.people_ahead,
                est_wait_minutes=wait.minutes,
                print_state=PrintState.PENDING,
                kiosk_id=self.policy.kiosk_id,
            )
            uow.tickets.add(ticket)
            uow.commit()
            return ticket

    def _check(
        self, uow: UnitOfWork, catalog: Catalog, gerai: Gerai, service: Service, now: datetime
    ) -> None:
        """Raise IssueRefused unless a number may be issued now (both number sources)."""
        day = service_day(now)
        if uow.state.get(PAUSED_KEY, False):
            raise IssueRefused(Availability(Reason.PAUSED))
        if self._printer_blocked:
            raise IssueRefused(Availability(Reason.PRINTER_FAULT))
        if self._disk_full:
            raise IssueRefused(Availability(Reason.DISK_FULL))
        issued = (
            uow.tickets.count_for_service(service.code, day)
            if service.daily_quota is not None
            else 0
        )
        avail = availability(
            catalog,
            gerai,
            service,
            now,
            issued_today=issued,
            cutoff_minutes=self.policy.cutoff_minutes,
        )
        if not avail.can_issue:
            raise IssueRefused(avail)

    # ------------------------------------------------------------------ with a server

    def _issue_synced(
        self,
        numbers: NumberSource,
        catalog: Catalog,
        gerai: Gerai,
        service: Service,
        request_id: str,
        priority: PriorityGroup | None,
    ) -> Ticket:
        """Online: the server numbers the ticket (no transaction is held while asking).
        Offline, or when the answer is late: a leased or emergency number. Either way the
        ticket and its outbox row are one commit."""
        with self._uow() as uow:
            existing = uow.tickets.by_request(request_id)
            if existing is not None:
                return existing
            now = self._clock.now()
            self._check(uow, catalog, gerai, service, now)
        req = NumberRequest(
            str(uuid.uuid4()), request_id, gerai, service, series_for(priority), priority, now
        )
        drawn = numbers.online(req)
        for _attempt in range(3):
            try:
                with self._uow() as uow:
                    existing = uow.tickets.by_request(request_id)
                    if existing is not None:
                        return existing
                    if drawn is None:
                        now = self._clock.now()
                        self._check(uow, catalog, gerai, service, now)
                        drawn = numbers.offline(uow, req, now)
                    ticket = self._synced_ticket(uow, req, drawn)
                    uow.tickets.add(ticket)
                    numbers.record(uow, ticket, drawn)
                    uow.commit()
            except Conflict:
                # The number is already on a local ticket (numbered here before the server
                # was configured): the same ticket, numbered offline, goes to the server.
                log.warning(
                    "number %s-%s is already used on this kiosk; numbering offline",
                    gerai.prefix,
                    drawn.seq if drawn else "?",
                )
                drawn = None
                continue
            numbers.issued(ticket)
            return ticket
        raise RuntimeError("could not commit the ticket")

    def _synced_ticket(self, uow: UnitOfWork, req: NumberRequest, drawn: DrawnNumber) -> Ticket:
        ahead, minutes = drawn.people_ahead, drawn.est_wait_minutes
        if ahead is None or minutes is None:
            wait = estimate_wait(
                uow.tickets.issue_times(req.gerai.code, drawn.service_day),
                drawn.issued_at,
                counters=req.gerai.counters,
                avg_minutes=req.gerai.avg_service_minutes,
            )
            ahead, minutes = wait.people_ahead, wait.minutes
        return Ticket(
            id=req.ticket_id,
            request_id=req.request_id,
            gerai_code=req.gerai.code,
            service_code=req.service.code,
            prefix=req.gerai.prefix,
            series=req.series,
            seq=drawn.seq,
            service_day=drawn.service_day,
            issued_at=drawn.issued_at,
            priority=req.priority,
            people_ahead=ahead,
            est_wait_minutes=minutes,
            print_state=PrintState.PENDING,
            kiosk_id=self.policy.kiosk_id,
        )

    # ------------------------------------------------------------------ printing, pausing

    def mark_printed(self, ticket_id: str, state: PrintState, message: str | None = None) -> None:
        with self._uow() as uow:
            uow.tickets.set_print_state(ticket_id, state, message)
            uow.commit()

    def state_value(self, key: str, default: object = None) -> object:
        with self._uow() as uow:
            return uow.state.get(key, default)

    def set_state_value(self, key: str, value: object) -> None:
        with self._uow() as uow:
            uow.state.set(key, value)
            uow.commit()

    def sent_ticket_ids(self) -> list[str]:
        """Tickets that already went to the printer (printed or failed part-way): never
        sent again automatically."""
        with self._uow() as uow:
            return uow.tickets.ids_with_print_attempts()

    def set_printer_blocked(self, blocked: bool) -> None:
        """The printer has a fault and the kiosk is set to pause issuing until it is fixed."""
        self._printer_blocked = blocked

    @property
    def printer_blocked(self) -> bool:
        return self._printer_blocked

    def set_disk_full(self, full: bool) -> None:
        """The disk watch found (no longer) room for tickets (any thread)."""
        self._disk_full = full

    @property
    def disk_full(self) -> bool:
        return self._disk_full

    def set_paused(self, paused: bool) -> None:
        with self._uow() as uow:
            uow.state.set(PAUSED_KEY, paused)
            uow.commit()
        self._paused = paused
