"""Issuing a queue number: the one path from a confirm tap to a committed ticket."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass

from kiosk.domain.catalog import Catalog, Gerai, Service
from kiosk.domain.clock import Clock, service_day
from kiosk.domain.hours import Availability, Reason, availability
from kiosk.domain.numbering import PriorityGroup, series_for
from kiosk.domain.tickets import IssueRefused, PrintState, Ticket
from kiosk.domain.wait import estimate_wait
from kiosk.store.uow import UnitOfWork

PAUSED_KEY = "issuing_paused"


@dataclass(frozen=True, slots=True)
class IssuePolicy:
    cutoff_minutes: int = 30
    kiosk_id: str = "kiosk-1"


class TicketDesk:
    """Checks availability and commits tickets. Called off the GUI thread."""

    def __init__(
        self,
        uow: Callable[[], UnitOfWork],
        catalog: Callable[[], Catalog],
        clock: Clock,
        policy: IssuePolicy,
    ) -> None:
        self._uow = uow
        self._catalog = catalog
        self._clock = clock
        self.policy = policy
        with self._uow() as uow:
            self._paused = bool(uow.state.get(PAUSED_KEY, False))

    @property
    def paused(self) -> bool:
        return self._paused

    def availability(self, gerai: Gerai, service: Service | None) -> Availability:
        """For display (the issue path checks again inside its transaction)."""
        now = self._clock.now()
        if self._paused and gerai.selectable:
            return Availability(Reason.PAUSED)
        issued = 0
        if service is not None and service.daily_quota is not None:
            with self._uow() as uow:
                issued = uow.tickets.count_for_service(service.code, service_day(now))
        return availability(
            self._catalog(), gerai, service, now, issued_today=issued,
            cutoff_minutes=self.policy.cutoff_minutes,
        )

    def issue(
        self, request_id: str, service_code: str, priority: PriorityGroup | None = None
    ) -> Ticket:
        """Commit one ticket for this request; the same request always gets the same ticket.

        Raises IssueRefused when the service cannot issue a number now.
        """
        catalog = self._catalog()
        service = catalog.service_by_code(service_code)
        if service is None:
            raise KeyError(f"unknown service {service_code!r}")
        gerai = catalog.gerai_by_code(service.gerai_code)
        assert gerai is not None
        with self._uow() as uow:
            existing = uow.tickets.by_request(request_id)
            if existing is not None:
                return existing
            now = self._clock.now()
            day = service_day(now)
            if uow.state.get(PAUSED_KEY, False):
                raise IssueRefused(Availability(Reason.PAUSED))
            issued = (
                uow.tickets.count_for_service(service.code, day)
                if service.daily_quota is not None
                else 0
            )
            avail = availability(
                catalog, gerai, service, now, issued_today=issued,
                cutoff_minutes=self.policy.cutoff_minutes,
            )
            if not avail.can_issue:
                raise IssueRefused(avail)
            series = series_for(priority)
            seq = uow.tickets.next_seq(gerai.code, day, series)
            wait = estimate_wait(
                uow.tickets.issue_times(gerai.code, day), now,
                counters=gerai.counters, avg_minutes=gerai.avg_service_minutes,
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

    def mark_printed(self, ticket_id: str, state: PrintState, message: str | None = None) -> None:
        with self._uow() as uow:
            uow.tickets.set_print_state(ticket_id, state, message)
            uow.commit()

    def set_paused(self, paused: bool) -> None:
        with self._uow() as uow:
            uow.state.set(PAUSED_KEY, paused)
            uow.commit()
        self._paused = paused
