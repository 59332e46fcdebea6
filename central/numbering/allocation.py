"""Online numbers: one ticket numbered while the kiosk waits, idempotent by ticket id.

:func:`allocate` draws the next online number in a transaction (the counter row is locked by
the draw), checks the daily quota across every kiosk, places the ticket at the end of the
gerai's queue and inserts it as ``allocated`` (the kiosk's upload confirms it later). On
PostgreSQL a service without a quota is numbered in a batch with the other allocations that
arrive together (``online``; :func:`pending` and :func:`drawn_answer` are its two ends), and
only what the batch leaves goes through :func:`allocate`. A retried request gets the first
answer again (:func:`replay`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Date, bindparam, func, select, text
from sqlalchemy.orm import Session

from central.catalogs import Published
from central.kiosks import KioskAuth
from central.models import Ticket
from central.numbering.counters import NumberingError, next_online
from central.numbering.online import Drawn, Pending
from central.numbering.queue import place_new, service_model, wait_minutes
from mpp_core.db.types import UTCDateTime
from mpp_core.domain.catalog import Gerai
from mpp_core.domain.clock import service_day
from mpp_core.domain.numbering import Series, display_number, ticket_code
from mpp_core.wire.schemas import AllocateIn


@dataclass(frozen=True)
class Allocation:
    answer: dict[str, Any]  # what the kiosk is told (see ticket_answer)
    replayed: bool


def _check_service(published: Published, service_code: str) -> Gerai:
    service = published.catalog.service_by_code(service_code)
    if service is None:
        raise NumberingError(
            404,
            "unknown_service",
            f"service {service_code!r} is not in catalog {published.version}",
        )
    gerai = published.catalog.gerai_by_code(service.gerai_code)
    assert gerai is not None
    if not gerai.selectable:
        raise NumberingError(
            409, f"gerai_{gerai.state.value}", f"gerai {gerai.code} is {gerai.state.value}"
        )
    if not service.needs_queue:
        raise NumberingError(409, "no_queue", f"service {service_code} needs no queue number")
    return gerai


def replay(session: Session, kiosk: KioskAuth, req: AllocateIn) -> Allocation | None:
    """The answer already given for ``req.ticket_id``, or None if there is none."""
    existing = session.get(Ticket, req.ticket_id)
    if existing is None:
        return None
    priority = req.priority.value if req.priority else None
    if (
        existing.kiosk_id != kiosk.id
        or existing.service_code != req.service_code
        or existing.priority != priority
    ):
        raise NumberingError(
            409, "ticket_id_reused", "this ticket_id was already used for another request"
        )
    return Allocation(ticket_answer(_row_values(existing), True), True)


def allocate(
    session: Session, kiosk: KioskAuth, published: Published, req: AllocateIn, now: datetime
) -> Allocation | None:
    """Number one ticket online. None: the ticket id is already known, so the caller rolls
    this transaction back (the number drawn goes back too) and answers with :func:`replay`.
    """
    gerai = _check_service(published, req.service_code)
    service = published.catalog.service_by_code(req.service_code)
    assert service is not None
    day = service_day(now)
    series = Series.PRIORITY if req.priority else Series.REGULAR
    seq = next_online(session, kiosk.mpp_code, gerai.code, day, series.value)
    conn = session.connection()
    if service.daily_quota is not None:
        # Counted after the counter row is locked: every kiosk's tickets are seen.
        taken = conn.execute(
            select(func.count())
            .select_from(Ticket)
            .where(
                Ticket.mpp_code == kiosk.mpp_code,
                Ticket.service_day == day,
                Ticket.service_code == service.code,
            )
        ).scalar()
        if int(taken or 0) >= service.daily_quota:
            if session.get(Ticket, req.ticket_id) is not None:
                return None  # a retry of a request that got a number: answer it
            raise NumberingError(409, "quota_full", f"the daily quota of {service.code} is used up")
    counters, minutes = service_model(gerai)
    start, ahead = place_new(session, kiosk.mpp_code, gerai.code, day, now, counters, minutes)
    values = {
        "id": req.ticket_id,
        "mpp_code": kiosk.mpp_code,
        "kiosk_id": kiosk.id,
        "request_id": req.request_id,
        "gerai_code": gerai.code,
        "service_code": service.code,
        "prefix": gerai.prefix,
        "series": series.value,
        "seq": seq,
        "number": ticket_code(gerai.prefix, series, seq),
        "service_day": day,
        "issued_at": now,
        "received_at": now,
        "priority": req.priority.value if req.priority else None,
        "source": "online",
        "state": "allocated",
        "lease_id": None,
        "people_ahead": ahead,
        "est_wait_minutes": wait_minutes(start, now),
        "queue_start": start,
        "flag": None,
    }
    if conn.execute(_INSERT_ONLINE, values).first() is None:
        return None
    return Allocation(ticket_answer(values, False), False)


_TICKET_COLUMNS = (
    "id",
    "mpp_code",
    "kiosk_id",
    "request_id",
    "gerai_code",
    "service_code",
    "prefix",
    "series",
    "seq",
    "number",
    "service_day",
    "issued_at",
    "received_at",
    "priority",
    "source",
    "state",
    "lease_id",
    "people_ahead",
    "est_wait_minutes",
    "queue_start",
    "flag",
)
_INSERT_ONLINE = text(
    f"INSERT INTO ticket ({', '.join(_TICKET_COLUMNS)}) "
    f"VALUES ({', '.join(':' + c for c in _TICKET_COLUMNS)}) "
    "ON CONFLICT (id) DO NOTHING RETURNING id"
).bindparams(
    bindparam("service_day", type_=Date()),
    bindparam("issued_at", type_=UTCDateTime()),
    bindparam("received_at", type_=UTCDateTime()),
    bindparam("queue_start", type_=UTCDateTime()),
)


def pending(kiosk: KioskAuth, published: Published, req: AllocateIn) -> Pending | None:
    """What a batch (``online``) needs to number ``req``; None when the ticket needs the
    transactional path (a service with a daily quota). Refusals raise NumberingError."""
    gerai = _check_service(published, req.service_code)
    service = published.catalog.service_by_code(req.service_code)
    assert service is not None
    if service.daily_quota is not None:
        return None
    counters, minutes = service_model(gerai)
    return Pending(
        ticket_id=req.ticket_id,
        mpp=kiosk.mpp_code,
        kiosk_id=kiosk.id,
        request_id=req.request_id,
        gerai=gerai.code,
        service=service.code,
        prefix=gerai.prefix,
        series=Series.PRIORITY.value if req.priority else Series.REGULAR.value,
        priority=req.priority.value if req.priority else None,
        service_minutes=int(minutes.total_seconds() // 60),
        counters=counters,
    )


def drawn_answer(p: Pending, drawn: Drawn) -> dict[str, Any]:
    """The kiosk's answer for a ticket a batch numbered."""
    seq = drawn.seq
    return ticket_answer(
        {
            "id": p.ticket_id,
            "gerai_code": p.gerai,
            "service_code": p.service,
            "prefix": p.prefix,
            "series": p.series,
            "seq": seq,
            "number": ticket_code(p.prefix, Series(p.series), seq),
            "service_day": service_day(drawn.issued_at),
            "issued_at": drawn.issued_at,
            "people_ahead": drawn.people_ahead,
            "est_wait_minutes": drawn.est_wait_minutes,
        },
        False,
    )


def _row_values(t: Ticket) -> dict[str, Any]:
    return {
        c: getattr(t, c)
        for c in (
            "id",
            "gerai_code",
            "service_code",
            "prefix",
            "series",
            "seq",
            "number",
            "service_day",
            "issued_at",
            "people_ahead",
            "est_wait_minutes",
        )
    }


def ticket_answer(t: dict[str, Any], replayed: bool) -> dict[str, Any]:
    return {
        "ticket_id": t["id"],
        "gerai_code": t["gerai_code"],
        "service_code": t["service_code"],
        "prefix": t["prefix"],
        "series": t["series"],
        "seq": t["seq"],
        "number": t["number"],
        "display": display_number(t["prefix"], Series(t["series"]), t["seq"]),
        "service_day": t["service_day"],
        "issued_at": t["issued_at"],
        "people_ahead": t["people_ahead"],
        "est_wait_minutes": t["est_wait_minutes"],
        "replayed": replayed,
    }
