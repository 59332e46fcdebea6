"""Online numbers: one ticket numbered while the kiosk waits, idempotent by ticket id.

:func:`allocate` draws the next online number in a transaction (the counter row is locked by
the draw), checks the daily quota across every kiosk, places the ticket at the end of the
gerai's queue and inserts it as ``allocated`` (the kiosk's upload confirms it later). On
PostgreSQL, :func:`allocate_one_statement` does the same for a service without a quota in one
statement (one round trip). A retried request gets the first answer again (:func:`replay`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Date, bindparam, func, select, text
from sqlalchemy.orm import Session

from central.catalogs import Published
from central.kiosks import KioskAuth
from central.models import LEASE_CEILING, Ticket
from central.numbering.counters import SERIES_COLUMNS, NumberingError, next_online
from central.numbering.queue import MAX_AHEAD, place_new, service_model, wait_minutes
from mpp_core.db.types import UTCDateTime
from mpp_core.domain.catalog import Gerai
from mpp_core.domain.clock import service_day
from mpp_core.domain.numbering import Series, display_number, ticket_code
from mpp_core.wire.protocol import MAX_ONLINE_SEQ
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


# PostgreSQL, one round trip: the whole allocation as a single statement in autocommit (its own
# transaction). The counter upsert takes the row lock and always sees the newest counter, so
# numbering is exact. The queue figures come from the statement's snapshot: a ticket for the
# same gerai committed while this statement waited for the lock may be missed by the estimate
# (never by the numbering). Used for services without a daily quota; anything unusual (the
# leased block reached, a retried ticket id) returns to the transactional path.
_PG_FAST_SQL = """
WITH fresh AS (
    SELECT 1 AS one WHERE NOT EXISTS (SELECT 1 FROM ticket WHERE id = CAST(:id AS varchar))
),
c AS (
    INSERT INTO number_counter AS n
        (mpp_code, gerai_code, service_day, last_r, last_p, floor_r, floor_p)
    SELECT CAST(:mpp AS varchar), CAST(:gerai AS varchar), CAST(:day AS date),
           CAST(:first_r AS integer), CAST(:first_p AS integer), CAST(:ceiling AS integer),
           CAST(:ceiling AS integer)
    FROM fresh
    ON CONFLICT (mpp_code, gerai_code, service_day) DO UPDATE SET {last} = n.{last} + 1
    RETURNING n.{last} AS seq, n.{floor} AS floor
),
top AS (
    SELECT t.queue_start AS s FROM ticket t
    WHERE t.mpp_code = CAST(:mpp AS varchar) AND t.gerai_code = CAST(:gerai AS varchar)
      AND t.service_day = CAST(:day AS date) AND t.queue_start IS NOT NULL
    ORDER BY t.queue_start DESC LIMIT CAST(:c AS integer)
),
q AS (
    SELECT CASE WHEN count(*) < CAST(:c AS integer) THEN CAST(:now AS timestamp)
                ELSE GREATEST(CAST(:now AS timestamp),
                              min(s) + make_interval(mins => CAST(:svc AS integer))) END AS start,
           LEAST({max_ahead}, COALESCE(sum(ceil(
               extract(epoch FROM s - CAST(:now AS timestamp)) / (60 * CAST(:svc AS integer))
           )) FILTER (WHERE s > CAST(:now AS timestamp)), 0)) AS ahead
    FROM top
),
ins AS (
    INSERT INTO ticket (id, mpp_code, kiosk_id, request_id, gerai_code, service_code, prefix,
        series, seq, number, service_day, issued_at, received_at, priority, source, state,
        lease_id, people_ahead, est_wait_minutes, queue_start, flag)
    SELECT CAST(:id AS varchar), CAST(:mpp AS varchar), CAST(:kiosk_id AS integer),
        CAST(:request_id AS varchar), CAST(:gerai AS varchar), CAST(:service AS varchar),
        CAST(:prefix AS varchar), CAST(:series AS varchar), c.seq,
        CAST(:prefix AS varchar) || CAST(:mark AS varchar)
            || CASE WHEN c.seq < 1000 THEN lpad(c.seq::text, 3, '0') ELSE c.seq::text END,
        CAST(:day AS date), CAST(:now AS timestamp), CAST(:now AS timestamp),
        CAST(:priority AS varchar), 'online', 'allocated', NULL, q.ahead,
        CASE WHEN q.start > CAST(:now AS timestamp)
             THEN GREATEST(1, floor(extract(epoch FROM q.start - CAST(:now AS timestamp)) / 60))
             ELSE 0 END,
        q.start, NULL
    FROM c, q
    WHERE (c.seq < c.floor OR c.seq >= CAST(:ceiling AS integer))
      AND c.seq <= CAST(:max_online AS integer)
    ON CONFLICT (id) DO NOTHING
    RETURNING seq, people_ahead, est_wait_minutes
)
SELECT c.seq, ins.seq AS inserted, ins.people_ahead, ins.est_wait_minutes FROM c
LEFT JOIN ins ON true
"""
_PG_FAST = {
    series: text(_PG_FAST_SQL.format(last=last, floor=floor, max_ahead=MAX_AHEAD)).bindparams(
        bindparam("day", type_=Date()), bindparam("now", type_=UTCDateTime())
    )
    for series, (last, floor) in SERIES_COLUMNS.items()
}


def fast_path_allowed(published: Published, service_code: str) -> bool:
    service = published.catalog.service_by_code(service_code)
    return service is not None and service.daily_quota is None


def allocate_one_statement(
    conn: Any, kiosk: KioskAuth, published: Published, req: AllocateIn, now: datetime
) -> Allocation | None:
    """The PostgreSQL one-round-trip allocation, on an autocommit connection.

    None: not done here (the ticket id is known, or the number needs the careful path); the
    caller goes on with :func:`allocate` in a transaction or answers with :func:`replay`.
    """
    gerai = _check_service(published, req.service_code)
    day = service_day(now)
    series = Series.PRIORITY if req.priority else Series.REGULAR
    counters, minutes = service_model(gerai)
    priority = req.priority.value if req.priority else None
    row = conn.execute(
        _PG_FAST[series.value],
        {
            "id": req.ticket_id,
            "mpp": kiosk.mpp_code,
            "gerai": gerai.code,
            "day": day,
            "first_r": int(series is Series.REGULAR),
            "first_p": int(series is Series.PRIORITY),
            "ceiling": LEASE_CEILING,
            "now": now,
            "svc": int(minutes.total_seconds() // 60),
            "c": counters,
            "kiosk_id": kiosk.id,
            "request_id": req.request_id,
            "service": req.service_code,
            "prefix": gerai.prefix,
            "mark": "P" if series is Series.PRIORITY else "",
            "series": series.value,
            "priority": priority,
            "max_online": MAX_ONLINE_SEQ,
        },
    ).first()
    if row is None or row.inserted is None:
        return None
    seq = int(row.inserted)
    return Allocation(
        ticket_answer(
            {
                "id": req.ticket_id,
                "gerai_code": gerai.code,
                "service_code": req.service_code,
                "prefix": gerai.prefix,
                "series": series.value,
                "seq": seq,
                "number": ticket_code(gerai.prefix, series, seq),
                "service_day": day,
                "issued_at": now,
                "people_ahead": int(row.people_ahead),
                "est_wait_minutes": int(row.est_wait_minutes),
            },
            False,
        ),
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
