"""Numbers for a kiosk that syncs with the central server (TicketDesk's ``NumberSource``).

Online the server numbers the ticket (one short request, idempotent by the ticket's UUID).
When the server cannot be reached in ``allocate_timeout_s`` the kiosk numbers the ticket from
a block leased while online, and when those are used up, from its own emergency range
(``slot * 10000 + n``, unique to the kiosk). After a failed online attempt the kiosk goes
straight to the offline path for ``offline_hold_s``, so visitors do not wait on a dead
network; the sync worker's next success brings it back online. See docs/sync.md.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from typing import Any

from kiosk.store.uow import UnitOfWork
from kiosk.sync.client import ApiClient, Rejected, SyncError, Unauthorized
from kiosk.sync.status import StatusBoard
from kiosk.usecases.ticketing import DrawnNumber, NumberRequest
from mpp_core.domain.clock import service_day
from mpp_core.domain.hours import Availability, Reason
from mpp_core.domain.tickets import IssueRefused, Ticket
from mpp_core.wire.protocol import emergency_range

log = logging.getLogger(__name__)
SLOT_KEY = "sync.slot"
TICKET = "ticket"
FEEDBACK = "feedback"


class NoOfflineNumbers(IssueRefused):
    """Offline with no leased number left and no emergency slot known (the kiosk has never
    reached the server and its config has no ``slot``): no number is safe to issue. The
    visitor is told why, like any other refusal."""

    def __init__(self, detail: str) -> None:
        super().__init__(Availability(Reason.NO_SAFE_NUMBER))
        self.detail = detail
        self.args = (detail,)


def ticket_payload(ticket: Ticket, drawn: DrawnNumber) -> dict[str, Any]:
    """The ticket as the server's upload endpoint takes it."""
    return {
        "ticket_id": ticket.id,
        "request_id": ticket.request_id,
        "gerai_code": ticket.gerai_code,
        "service_code": ticket.service_code,
        "prefix": ticket.prefix,
        "series": ticket.series.value,
        "seq": ticket.seq,
        "service_day": ticket.service_day.isoformat(),
        "issued_at": ticket.issued_at.isoformat(),
        "priority": ticket.priority.value if ticket.priority else None,
        "source": drawn.source,
        "lease_id": int(drawn.lease_id) if drawn.lease_id and drawn.lease_id.isdigit() else None,
        "people_ahead": ticket.people_ahead,
        "est_wait_minutes": ticket.est_wait_minutes,
    }


class SyncedNumbers:
    def __init__(
        self,
        client: ApiClient,
        board: StatusBoard,
        *,
        allocate_timeout_s: float = 1.5,
        offline_hold_s: float = 10.0,
        configured_slot: int | None = None,
        wake: Callable[[], None] | None = None,
    ) -> None:
        self.client = client
        self.board = board
        self.allocate_timeout_s = allocate_timeout_s
        self.offline_hold_s = offline_hold_s
        self.configured_slot = configured_slot
        self.wake = wake
        self._failed_at: float | None = None  # monotonic time of the last failed online try

    # ------------------------------------------------------------------------ online

    def online_ok(self) -> None:
        """The server answered (called by the worker too): try online numbers again."""
        self._failed_at = None

    def _holding_off(self) -> bool:
        return (
            self._failed_at is not None and time.monotonic() - self._failed_at < self.offline_hold_s
        )

    def online(self, req: NumberRequest) -> DrawnNumber | None:
        if self._holding_off():
            return None
        body = {
            "ticket_id": req.ticket_id,
            "request_id": req.request_id,
            "service_code": req.service.code,
            "priority": req.priority.value if req.priority else None,
            "kiosk_time": req.now.isoformat(),
        }
        try:
            answer = self.client.request(
                "POST",
                "/tickets/allocate",
                body=body,
                keyed=True,
                deadline_s=self.allocate_timeout_s,
            )
            data = answer.data
            drawn = DrawnNumber(
                seq=int(data["seq"]),
                service_day=date.fromisoformat(data["service_day"]),
                issued_at=datetime.fromisoformat(data["issued_at"]),
                source="online",
                people_ahead=int(data["people_ahead"]),
                est_wait_minutes=int(data["est_wait_minutes"]),
            )
            if (
                data.get("ticket_id") != req.ticket_id
                or data.get("series") != req.series.value
                or data.get("gerai_code") != req.gerai.code
                or drawn.seq < 1
                or drawn.issued_at.tzinfo is None
            ):
                raise ValueError("answer does not match the request")
        except Rejected as exc:
            if exc.reason == "quota_full":
                raise IssueRefused(Availability(Reason.QUOTA_FULL)) from None
            # The server knows better than to number this (catalog out of step, say); the
            # visitor still gets an offline number that cannot collide.
            log.warning("server refused an online number (%s); numbering offline", exc)
            if isinstance(exc, Unauthorized):
                self._failed(str(exc))
            return None
        except (SyncError, KeyError, TypeError, ValueError) as exc:
            self._failed(f"online number: {exc}")
            return None
        self.online_ok()
        self.board.update(online=True, last_success=datetime.now(UTC))
        return drawn

    def _failed(self, message: str) -> None:
        self._failed_at = time.monotonic()
        self.board.update(online=False, last_error=message)
        if self.wake is not None:
            self.wake()

    # ------------------------------------------------------------------------ offline

    def slot(self, uow: UnitOfWork) -> int | None:
        learnt = uow.state.get(SLOT_KEY)
        if isinstance(learnt, int):
            return learnt
        return self.configured_slot

    def offline(self, uow: UnitOfWork, req: NumberRequest, now: datetime) -> DrawnNumber:
        day = service_day(now)
        leases = uow.leases
        got = leases.take(req.gerai.code, day, req.series.value)
        if got is not None:
            seq, lease_id = got
            return DrawnNumber(seq, day, now, "lease", lease_id=lease_id)
        slot = self.slot(uow)
        if slot is None:
            raise NoOfflineNumbers(
                "offline and no leased numbers left; this kiosk has no emergency slot yet"
            )
        lo, hi = emergency_range(slot)
        emergency = leases.take_emergency(req.gerai.code, day, req.series.value, lo, hi, now)
        if emergency is None:
            raise NoOfflineNumbers(f"every emergency number of slot {slot} is used for {day}")
        log.warning(
            "no leased number left for %s on %s: emergency number %s",
            req.gerai.code,
            day,
            emergency,
        )
        return DrawnNumber(emergency, day, now, "emergency")

    # ------------------------------------------------------------------------ outbox

    def record(self, uow: UnitOfWork, ticket: Ticket, drawn: DrawnNumber) -> None:
        uow.outbox.add(TICKET, ticket.id, ticket_payload(ticket, drawn), ticket.issued_at)

    def issued(self, ticket: Ticket) -> None:
        if self.wake is not None:
            self.wake()


def record_feedback(
    uow: UnitOfWork,
    *,
    feedback_id: str,
    rating: int,
    created_at: datetime,
    gerai_code: str | None = None,
    service_code: str | None = None,
    ticket_id: str | None = None,
    comment: str | None = None,
) -> None:
    """Queue a visitor's rating (1-5) for the server, inside the caller's transaction."""
    if not 1 <= rating <= 5:
        raise ValueError("a rating is 1 to 5")
    uow.outbox.add(
        FEEDBACK,
        feedback_id,
        {
            "feedback_id": feedback_id,
            "rating": rating,
            "gerai_code": gerai_code,
            "service_code": service_code,
            "ticket_id": ticket_id,
            "comment": (comment or None) and comment[:500],
            "created_at": created_at.isoformat(),
        },
        created_at,
    )
