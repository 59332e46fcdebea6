"""Queue numbers on the server: online allocation, leased blocks, uploads and queue placement.

Per MPP, gerai and service day there is one counter row (``number_counter``):

* online numbers count up from 1 (``last_r`` / ``last_p``, one per series);
* leased blocks are carved from 999 downwards (``floor_r`` / ``floor_p`` is the lowest number
  leased so far), so online and leased numbers never meet on a normal day, and a kiosk that
  never uses its block only leaves a gap at the top;
* if online numbering reaches the leased area it jumps to 1000 and goes on (up to 9999);
* emergency numbers (``slot * 10000 + n``) belong to one kiosk and need no counter.

Every write touching a gerai's numbers or queue first takes that counter row (an upsert, which
locks the row on PostgreSQL; SQLite's BEGIN IMMEDIATE already serialises writers), so
allocations, leases and uploads for one gerai and day run one at a time and see each other's
committed rows.

The queue is modelled as on the kiosk (``mpp_core.domain.wait``): ``counters`` counters that take
``avg_service_minutes`` per visitor, first come first served by *issue time*. With identical
service times the earliest free counter is the one that started the c-th latest ticket, so a
new ticket starts at ``max(issued, that start + service)``. Offline tickets that arrive late
are placed by their issue time and the tickets after them are re-placed.
"""

from __future__ import annotations

import functools
import heapq
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any, cast

from sqlalchemy import (
    Date,
    String,
    Table,
    and_,
    bindparam,
    case,
    func,
    insert,
    select,
    text,
    tuple_,
    update,
)
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from central.catalogs import Published
from central.kiosks import KioskAuth
from central.models import (
    LEASE_CEILING,
    Counter,
    Lease,
    Ticket,
    TicketConflict,
    UTCDateTime,
)
from central.settings import Settings
from mpp_core.domain.catalog import Gerai
from mpp_core.domain.clock import service_day
from mpp_core.domain.numbering import Series, display_number, ticket_code
from mpp_core.wire.protocol import MAX_ONLINE_SEQ, is_emergency_of
from mpp_core.wire.schemas import AllocateIn, LeaseRequestIn, TicketIn

SERIES_COLUMNS = {"R": ("last_r", "floor_r"), "P": ("last_p", "floor_p")}
FUTURE_TOLERANCE = timedelta(minutes=5)
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
NumberKey = tuple[str, date, str, int]  # gerai, service day, series, seq
MAX_AHEAD = 999  # people ahead are counted up to this (a kiosk shows "999+")


class NumberingError(Exception):
    """An allocation the server refuses; ``status`` is the HTTP status to answer."""

    def __init__(self, status: int, reason: str, detail: str) -> None:
        super().__init__(detail)
        self.status = status
        self.reason = reason
        self.detail = detail


# ------------------------------------------------------------------------------ counters


def _upsert(session: Session) -> Any:
    return pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert


def _counter_key(mpp: str, gerai: str, day: date) -> Any:
    return and_(Counter.mpp_code == mpp, Counter.gerai_code == gerai, Counter.service_day == day)


def lock_counter(session: Session, mpp: str, gerai: str, day: date) -> tuple[int, int, int, int]:
    """Create or lock the counter row; returns (last_r, floor_r, last_p, floor_p)."""
    return lock_counters(session, mpp, [(gerai, day)])[(gerai, day)]


@functools.lru_cache(maxsize=64)
def _lock_sql(n: int) -> Any:
    rows = ", ".join(
        f"(:mpp, :g{i}, :d{i}, 0, 0, {LEASE_CEILING}, {LEASE_CEILING})" for i in range(n)
    )
    return text(
        "INSERT INTO number_counter (mpp_code, gerai_code, service_day, last_r, last_p, "
        f"floor_r, floor_p) VALUES {rows} ON CONFLICT (mpp_code, gerai_code, service_day) "
        "DO UPDATE SET last_r = number_counter.last_r "
        "RETURNING gerai_code, service_day, last_r, floor_r, last_p, floor_p"
    ).bindparams(*(bindparam(f"d{i}", type_=Date()) for i in range(n)))


def lock_counters(
    session: Session, mpp: str, keys: Sequence[tuple[str, date]]
) -> dict[tuple[str, date], tuple[int, int, int, int]]:
    """Create or lock the counter rows of ``keys`` (in sorted order, one statement);
    returns (last_r, floor_r, last_p, floor_p) for each."""
    keys = sorted(set(keys))
    if not keys:
        return {}
    stmt = _lock_sql(len(keys))
    params: dict[str, Any] = {"mpp": mpp}
    for i, (gerai, day) in enumerate(keys):
        params[f"g{i}"], params[f"d{i}"] = gerai, day
    out = {}
    for row in session.connection().execute(stmt, params):
        day = row[1] if isinstance(row[1], date) else date.fromisoformat(str(row[1]))
        out[(str(row[0]), day)] = (int(row[2]), int(row[3]), int(row[4]), int(row[5]))
    return out


def _next_online_sql(series: str) -> Any:
    last_col, floor_col = SERIES_COLUMNS[series]
    # The same statement on SQLite (3.35+) and PostgreSQL; text() compiles once.
    return text(
        "INSERT INTO number_counter (mpp_code, gerai_code, service_day, last_r, last_p, "
        "floor_r, floor_p) VALUES (:mpp, :gerai, :day, :first_r, :first_p, :ceiling, :ceiling) "
        "ON CONFLICT (mpp_code, gerai_code, service_day) "
        f"DO UPDATE SET {last_col} = number_counter.{last_col} + 1 "
        f"RETURNING {last_col}, {floor_col}"
    ).bindparams(bindparam("day", type_=Date()))


_NEXT_ONLINE = {series: _next_online_sql(series) for series in SERIES_COLUMNS}


def next_online(session: Session, mpp: str, gerai: str, day: date, series: str) -> int:
    """Draw the next online number (locks the counter row until the transaction ends)."""
    conn = session.connection()
    row = conn.execute(
        _NEXT_ONLINE[series],
        {
            "mpp": mpp,
            "gerai": gerai,
            "day": day,
            "first_r": int(series == "R"),
            "first_p": int(series == "P"),
            "ceiling": LEASE_CEILING,
        },
    ).one()
    seq, floor = int(row[0]), int(row[1])
    if floor <= seq < LEASE_CEILING:
        # A very busy day reached the leased block: go on above the three-digit range.
        last_col, _ = SERIES_COLUMNS[series]
        seq = LEASE_CEILING
        conn.execute(update(Counter).where(_counter_key(mpp, gerai, day)).values({last_col: seq}))
    if seq > MAX_ONLINE_SEQ:
        raise NumberingError(
            409, "numbers_exhausted", f"gerai {gerai} has used every number for {day}"
        )
    return seq


def _raise_online_last(
    session: Session, mpp: str, gerai: str, day: date, series: str, seq: int
) -> None:
    """Keep the online counter above a number it did not hand out (see upload_tickets)."""
    last_col, _ = SERIES_COLUMNS[series]
    col = getattr(Counter, last_col)
    session.execute(
        update(Counter).where(_counter_key(mpp, gerai, day), col < seq).values({last_col: seq})
    )


# ------------------------------------------------------------------------------ queue model


def _service(gerai: Gerai | None) -> tuple[int, timedelta]:
    if gerai is None:
        return 1, timedelta(minutes=10)
    return max(1, gerai.counters), timedelta(minutes=gerai.avg_service_minutes)


def _queue_key(mpp: str, gerai: str, day: date) -> Any:
    return and_(Ticket.mpp_code == mpp, Ticket.gerai_code == gerai, Ticket.service_day == day)


def wait_minutes(start: datetime, now: datetime) -> int:
    minutes = int((start - now).total_seconds() // 60)
    return 1 if start > now and minutes == 0 else max(0, minutes)


def place_new(
    session: Session,
    mpp: str,
    gerai: str,
    day: date,
    at: datetime,
    counters: int,
    service: timedelta,
) -> tuple[datetime, int]:
    """Where a ticket issued at ``at`` (the latest so far) starts, and how many wait before it.

    One round trip: the start of the c-th latest ticket (its counter is the first free) and
    the number of tickets not yet started.
    """
    key = _queue_key(mpp, gerai, day)
    cth = (
        select(Ticket.queue_start)
        .where(key, Ticket.queue_start.is_not(None))
        .order_by(Ticket.queue_start.desc())
        .offset(counters - 1)
        .limit(1)
        .scalar_subquery()
    )
    waiting = (
        select(func.count())
        .select_from(
            select(Ticket.id).where(key, Ticket.queue_start > at).limit(MAX_AHEAD).subquery()
        )
        .scalar_subquery()
    )
    row = session.connection().execute(select(cth.label("cth"), waiting.label("ahead"))).one()
    start = at if row.cth is None else max(at, row.cth + service)
    return start, int(row.ahead or 0)


_TICKETS = cast(Table, Ticket.__table__)
_SET_QUEUE_START = (
    update(_TICKETS)
    .where(_TICKETS.c.id == bindparam("b_id"))
    .values(queue_start=bindparam("b_start", type_=UTCDateTime()))
)


_QUEUE_KEY_SQL = "mpp_code = :mpp AND gerai_code = :gerai AND service_day = :day"
# The starts of the c tickets issued last before ``since`` (id NULL), then every ticket issued
# from ``since`` on: what placing tickets issued from ``since`` needs, in one round trip.
_QUEUE_AROUND = (
    text(
        "SELECT * FROM (SELECT CAST(NULL AS varchar) AS id, CAST(NULL AS timestamp) AS issued_at, "
        "CAST(NULL AS timestamp) AS received_at, queue_start "
        f"FROM ticket WHERE {_QUEUE_KEY_SQL} AND issued_at < :since AND queue_start IS NOT NULL "
        "ORDER BY queue_start DESC LIMIT :c) AS seed "
        "UNION ALL SELECT id, issued_at, received_at, queue_start FROM ticket "
        f"WHERE {_QUEUE_KEY_SQL} AND issued_at >= :since"
    )
    .bindparams(bindparam("day", type_=Date()), bindparam("since", type_=UTCDateTime()))
    .columns(
        id=String(), issued_at=UTCDateTime(), received_at=UTCDateTime(), queue_start=UTCDateTime()
    )
)


def place_queue(
    session: Session,
    mpp: str,
    gerai: str,
    day: date,
    since: datetime,
    counters: int,
    service: timedelta,
    arriving: dict[str, dict[str, Any]],
) -> int:
    """Place, by issue time, the ``arriving`` tickets (values of rows about to be inserted:
    their ``queue_start`` is filled in) among the tickets already there; tickets issued after
    ``since`` that move are updated. Returns how many existing tickets moved."""
    conn = session.connection()
    params = {"mpp": mpp, "gerai": gerai, "day": day, "since": since, "c": counters}
    rows = conn.execute(_QUEUE_AROUND, params).all()
    free: list[datetime] = [r.queue_start + service for r in rows if r.id is None]
    free += [_EPOCH] * (counters - len(free))
    heapq.heapify(free)
    later = [r for r in rows if r.id is not None]
    queue: list[tuple[datetime, str, datetime, datetime | None, bool]] = [
        (r.issued_at, r.id, r.received_at, r.queue_start, False)
        for r in later
        if r.id not in arriving
    ]
    queue += [(v["issued_at"], tid, v["received_at"], None, True) for tid, v in arriving.items()]
    queue.sort(key=lambda x: (x[0], x[1]))
    moved: list[dict[str, Any]] = []
    for issued, tid, received, old_start, new in queue:
        start = max(min(issued, received), heapq.heappop(free))
        heapq.heappush(free, start + service)
        if new:
            arriving[tid]["queue_start"] = start
        elif old_start != start:
            moved.append({"b_id": tid, "b_start": start})
    if moved:
        conn.execute(_SET_QUEUE_START, moved)
    return len(moved)


# ------------------------------------------------------------------------------ allocation


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
    counters, minutes = _service(gerai)
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
q AS (
    SELECT GREATEST(CAST(:now AS timestamp), (
               SELECT t.queue_start + make_interval(mins => CAST(:svc AS integer))
               FROM ticket t
               WHERE t.mpp_code = CAST(:mpp AS varchar) AND t.gerai_code = CAST(:gerai AS varchar)
                 AND t.service_day = CAST(:day AS date) AND t.queue_start IS NOT NULL
               ORDER BY t.queue_start DESC OFFSET CAST(:c1 AS integer) LIMIT 1
           )) AS start,
           (SELECT count(*) FROM (SELECT 1 FROM ticket t
             WHERE t.mpp_code = CAST(:mpp AS varchar) AND t.gerai_code = CAST(:gerai AS varchar)
               AND t.service_day = CAST(:day AS date)
               AND t.queue_start > CAST(:now AS timestamp) LIMIT {max_ahead}) AS w) AS ahead
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
    counters, minutes = _service(gerai)
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
            "c1": counters - 1,
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


# ------------------------------------------------------------------------------ leases


def grant_leases(
    session: Session,
    kiosk: KioskAuth,
    published: Published | None,
    requests: Sequence[LeaseRequestIn],
    now: datetime,
    settings: Settings,
) -> list[dict[str, Any]]:
    """Grant blocks of offline numbers, idempotent per request key."""
    today = service_day(now)
    keys = [r.key for r in requests]
    known = {
        lease.request_key: lease
        for lease in session.scalars(select(Lease).where(Lease.request_key.in_(keys)))
    }
    answers: dict[str, dict[str, Any]] = {}
    for r in sorted(requests, key=lambda r: (r.gerai_code, r.service_day, r.series, r.key)):
        base = {
            "key": r.key,
            "gerai_code": r.gerai_code,
            "service_day": r.service_day,
            "series": r.series,
        }
        if r.key in answers:
            continue
        lease = known.get(r.key)
        if lease is not None:
            if lease.kiosk_id != kiosk.id:
                answers[r.key] = {**base, "status": "refused", "detail": "key already used"}
            else:
                answers[r.key] = {
                    **base,
                    "status": "granted",
                    "lease_id": lease.id,
                    "start": lease.start_seq,
                    "end": lease.end_seq,
                }
            continue
        refusal = None
        if r.service_day < today or r.service_day > today + timedelta(
            days=settings.lease_days_ahead
        ):
            refusal = (
                f"service day must be between {today} and {settings.lease_days_ahead} days ahead"
            )
        elif published is None or published.catalog.gerai_by_code(r.gerai_code) is None:
            refusal = f"gerai {r.gerai_code!r} is not in the published catalog"
        if refusal is None:
            held = session.scalar(
                select(func.coalesce(func.sum(Lease.end_seq - Lease.start_seq + 1), 0)).where(
                    Lease.kiosk_id == kiosk.id,
                    Lease.gerai_code == r.gerai_code,
                    Lease.service_day == r.service_day,
                    Lease.series == r.series,
                )
            )
            room = settings.lease_max_outstanding - int(held or 0)
            size = min(r.size, settings.lease_max_block, room)
            if size < 1:
                refusal = "this kiosk already holds its share of numbers for that day"
        if refusal is None:
            last_r, floor_r, last_p, floor_p = lock_counter(
                session, kiosk.mpp_code, r.gerai_code, r.service_day
            )
            last, floor = (last_r, floor_r) if r.series == "R" else (last_p, floor_p)
            lowest_free = last + settings.online_reserve + 1
            start = max(floor - size, lowest_free)
            if start > floor - 1:
                refusal = "no numbers left to lease for that day"
            else:
                _, floor_col = SERIES_COLUMNS[r.series]
                session.execute(
                    update(Counter)
                    .where(_counter_key(kiosk.mpp_code, r.gerai_code, r.service_day))
                    .values({floor_col: start})
                )
                lease = Lease(
                    request_key=r.key,
                    kiosk_id=kiosk.id,
                    mpp_code=kiosk.mpp_code,
                    gerai_code=r.gerai_code,
                    service_day=r.service_day,
                    series=r.series,
                    start_seq=start,
                    end_seq=floor - 1,
                    created_at=now,
                )
                session.add(lease)
                session.flush()
                answers[r.key] = {
                    **base,
                    "status": "granted",
                    "lease_id": lease.id,
                    "start": lease.start_seq,
                    "end": lease.end_seq,
                }
                continue
        answers[r.key] = {**base, "status": "refused", "detail": refusal}
    return [answers[r.key] for r in requests]


# ------------------------------------------------------------------------------ uploads


def _ticket_values(item: TicketIn) -> dict[str, Any]:
    series = Series(item.series)
    return {
        "gerai_code": item.gerai_code,
        "service_code": item.service_code,
        "prefix": item.prefix,
        "series": item.series,
        "seq": item.seq,
        "number": ticket_code(item.prefix, series, item.seq),
        "service_day": item.service_day,
        "issued_at": item.issued_at,
        "source": item.source,
        "lease_id": item.lease_id if item.source == "lease" else None,
    }


def _flag(item: TicketIn, now: datetime) -> str | None:
    if item.issued_at > now + FUTURE_TOLERANCE:
        return "issued_in_future"
    if service_day(item.issued_at) != item.service_day:
        return "day_mismatch"
    return None


def upload_tickets(
    session: Session,
    kiosk: KioskAuth,
    published: Published | None,
    items: Sequence[TicketIn],
    now: datetime,
) -> list[dict[str, Any]]:
    """Record tickets a kiosk committed: idempotent by ticket id, each number at most once.

    Online tickets are confirmed (or renumbered, when the kiosk printed an offline number after
    an online answer was lost); offline tickets must lie in one of the kiosk's leases or in its
    emergency range. A ticket that cannot be accepted is kept in ``ticket_conflict`` and
    answered ``conflict``; it is never silently dropped.
    """
    first: dict[str, TicketIn] = {}
    for item in items:
        first.setdefault(item.ticket_id, item)
    ids = list(first)
    existing = {t.id: t for t in session.scalars(select(Ticket).where(Ticket.id.in_(ids)))}
    conflicts_known = {
        c.ticket_id: c
        for c in session.scalars(
            select(TicketConflict).where(
                TicketConflict.ticket_id.in_(ids), TicketConflict.kiosk_id == kiosk.id
            )
        )
    }
    # Lock every gerai/day the batch touches, in one order (no deadlocks between batches).
    touched = sorted(
        {(i.gerai_code, i.service_day) for i in first.values()}
        | {(t.gerai_code, t.service_day) for t in existing.values() if t.kiosk_id == kiosk.id}
    )
    lock_counters(session, kiosk.mpp_code, touched)
    leases = _leases_for(session, kiosk, first.values())
    wanted: set[NumberKey] = {
        (i.gerai_code, i.service_day, i.series, i.seq) for i in first.values()
    }
    taken = _numbers_taken(session, kiosk.mpp_code, wanted)

    results: dict[str, dict[str, Any]] = {}
    renumbered: list[Ticket] = []
    replace_from: dict[tuple[str, date], datetime] = {}
    arriving: dict[tuple[str, date], dict[str, dict[str, Any]]] = defaultdict(dict)
    new_rows: list[dict[str, Any]] = []

    def note_queue(
        gerai_code: str, day: date, at: datetime, row: dict[str, Any] | None = None
    ) -> None:
        key = (gerai_code, day)
        replace_from[key] = min(at, replace_from.get(key, at))
        if row is not None:
            arriving[key][row["id"]] = row

    def conflict(item: TicketIn, reason: str) -> None:
        if item.ticket_id not in conflicts_known:
            row = TicketConflict(
                ticket_id=item.ticket_id,
                kiosk_id=kiosk.id,
                received_at=now,
                reason=reason[:200],
                payload=item.model_dump(mode="json"),
            )
            session.add(row)
            conflicts_known[item.ticket_id] = row
        results[item.ticket_id] = {
            "ticket_id": item.ticket_id,
            "status": "conflict",
            "detail": reason,
        }

    for item in first.values():
        number_key = (item.gerai_code, item.service_day, item.series, item.seq)
        values = _ticket_values(item)
        t = existing.get(item.ticket_id)
        if t is not None:
            if t.kiosk_id != kiosk.id:
                conflict(item, "ticket id belongs to another kiosk")
            elif t.state == "confirmed":
                results[item.ticket_id] = {
                    "ticket_id": t.id,
                    "status": "duplicate",
                    "number": t.number,
                }
            elif (t.gerai_code, t.service_day, t.series, t.seq) == number_key:
                t.state = "confirmed"
                results[t.id] = {"ticket_id": t.id, "status": "confirmed", "number": t.number}
            else:
                # The online answer never reached the kiosk; it printed an offline number.
                problem = _offline_problem(item, kiosk, leases)
                owner = taken.get(number_key)
                if problem is None and owner is not None and owner != t.id:
                    problem = f"number {values['number']} is already taken"
                if problem is not None:
                    conflict(item, problem)
                    continue
                old_key = (t.gerai_code, t.service_day)
                note_queue(*old_key, t.issued_at)
                for k, v in values.items():
                    setattr(t, k, v)
                t.state = "confirmed"
                t.queue_start = None
                t.flag = _flag(item, now)
                taken[number_key] = t.id
                note_queue(item.gerai_code, item.service_day, item.issued_at)
                renumbered.append(t)
                results[t.id] = {"ticket_id": t.id, "status": "confirmed", "number": t.number}
            continue
        if item.ticket_id in conflicts_known:
            conflict(item, conflicts_known[item.ticket_id].reason)
            continue
        problem = None if item.source == "online" else _offline_problem(item, kiosk, leases)
        if problem is None and number_key in taken:
            problem = f"number {values['number']} is already taken"
        if problem is not None:
            conflict(item, problem)
            continue
        flag = _flag(item, now)
        if item.source == "online":
            # An online number this server does not know (its database was restored from a
            # backup): keep it, and keep the counter above it.
            flag = "unknown_online"
            _raise_online_last(
                session, kiosk.mpp_code, item.gerai_code, item.service_day, item.series, item.seq
            )
        row = {
            "id": item.ticket_id,
            "mpp_code": kiosk.mpp_code,
            "kiosk_id": kiosk.id,
            "request_id": item.request_id,
            "received_at": now,
            "priority": item.priority.value if item.priority else None,
            "state": "confirmed",
            "people_ahead": item.people_ahead,
            "est_wait_minutes": item.est_wait_minutes,
            "queue_start": None,
            "flag": flag,
            **values,
        }
        new_rows.append(row)
        taken[number_key] = item.ticket_id
        note_queue(item.gerai_code, item.service_day, item.issued_at, row)
        results[item.ticket_id] = {
            "ticket_id": item.ticket_id,
            "status": "created",
            "number": values["number"],
        }
    session.flush()
    for (gerai_code, day), since in sorted(replace_from.items()):
        gerai = published.catalog.gerai_by_code(gerai_code) if published else None
        counters, minutes = _service(gerai)
        place_queue(
            session,
            kiosk.mpp_code,
            gerai_code,
            day,
            since,
            counters,
            minutes,
            arriving[(gerai_code, day)],
        )
    for t in renumbered:
        session.refresh(t, ["queue_start"])  # placed above, in the database
    if new_rows:
        session.execute(insert(Ticket), new_rows)
    out = []
    for item in items:
        res = results[item.ticket_id]
        if item is not first[item.ticket_id] and res["status"] in ("created", "confirmed"):
            res = {**res, "status": "duplicate"}
        out.append(res)
    return out


def _leases_for(
    session: Session, kiosk: KioskAuth, items: Iterable[TicketIn]
) -> dict[tuple[str, date, str], list[tuple[int, int]]]:
    combos = {(i.gerai_code, i.service_day, i.series) for i in items if i.source == "lease"}
    out: dict[tuple[str, date, str], list[tuple[int, int]]] = defaultdict(list)
    if not combos:
        return out
    rows = session.execute(
        select(
            Lease.gerai_code, Lease.service_day, Lease.series, Lease.start_seq, Lease.end_seq
        ).where(
            Lease.kiosk_id == kiosk.id,
            tuple_(Lease.gerai_code, Lease.service_day, Lease.series).in_(list(combos)),
        )
    )
    for g, d, s, lo, hi in rows:
        out[(g, d, s)].append((lo, hi))
    return out


def _offline_problem(
    item: TicketIn, kiosk: KioskAuth, leases: dict[tuple[str, date, str], list[tuple[int, int]]]
) -> str | None:
    if item.source == "emergency":
        if is_emergency_of(item.seq, kiosk.slot):
            return None
        return f"{item.seq} is not an emergency number of slot {kiosk.slot}"
    if item.source == "lease":
        for lo, hi in leases.get((item.gerai_code, item.service_day, item.series), []):
            if lo <= item.seq <= hi:
                return None
        return f"{item.seq} is not in a block leased to this kiosk for {item.service_day}"
    return None


@functools.lru_cache(maxsize=64)
def _taken_sql(n: int) -> Any:
    values = ", ".join(f"(:g{j}, :d{j}, :s{j}, :q{j})" for j in range(n))
    return (
        text(
            f"WITH w(g, d, s, q) AS (VALUES {values}) "
            "SELECT t.gerai_code, t.service_day, t.series, t.seq, t.id FROM ticket t "
            "JOIN w ON t.mpp_code = :mpp AND t.gerai_code = w.g AND t.service_day = w.d "
            "AND t.series = w.s AND t.seq = w.q "
            "WHERE t.service_day BETWEEN :dmin AND :dmax"
        )
        .bindparams(
            bindparam("dmin", type_=Date()),
            bindparam("dmax", type_=Date()),
            *(bindparam(f"d{j}", type_=Date()) for j in range(n)),
        )
        .columns(service_day=Date())
    )


def _numbers_taken(session: Session, mpp: str, wanted: set[NumberKey]) -> dict[NumberKey, str]:
    """Which of ``wanted`` numbers already have a ticket (and whose): a join on a VALUES list,
    so each number is one index lookup."""
    if not wanted:
        return {}
    out: dict[NumberKey, str] = {}
    keys = sorted(wanted)
    conn = session.connection()
    for i in range(0, len(keys), 250):
        chunk = keys[i : i + 250]
        stmt = _taken_sql(len(chunk))
        params: dict[str, Any] = {
            "mpp": mpp,
            "dmin": min(k[1] for k in chunk),
            "dmax": max(k[1] for k in chunk),
        }
        for j, (g, d, sr, q) in enumerate(chunk):
            params[f"g{j}"], params[f"d{j}"], params[f"s{j}"], params[f"q{j}"] = g, d, sr, q
        for g, d, sr, q, tid in conn.execute(stmt, params):
            out[(str(g), d, str(sr), int(q))] = str(tid)
    return out


# ------------------------------------------------------------------------------ queue state


def queue_state(
    session: Session, mpp: str, published: Published | None, now: datetime
) -> list[dict[str, Any]]:
    """People waiting and the expected wait per gerai, for the kiosks' estimates."""
    day = service_day(now)
    issued: dict[str, int] = {}
    waiting: dict[str, int] = {}
    for g, n, w in session.execute(
        select(
            Ticket.gerai_code, func.count(), func.sum(case((Ticket.queue_start > now, 1), else_=0))
        )
        .where(Ticket.mpp_code == mpp, Ticket.service_day == day)
        .group_by(Ticket.gerai_code)
    ):
        issued[g], waiting[g] = int(n), int(w or 0)
    longest = timedelta(minutes=240)
    starts: dict[str, list[datetime]] = defaultdict(list)
    for g, start in session.execute(
        select(Ticket.gerai_code, Ticket.queue_start).where(
            Ticket.mpp_code == mpp,
            Ticket.service_day == day,
            Ticket.queue_start > now - longest,
        )
    ):
        starts[g].append(start)
    out = []
    gerai_list = published.catalog.gerai if published else ()
    for gerai in gerai_list:
        if not gerai.issues_numbers:
            continue
        counters, minutes = _service(gerai)
        busy = sorted(starts.get(gerai.code, []), reverse=True)
        wait = 0
        if len(busy) >= counters:
            wait = wait_minutes(max(now, busy[counters - 1] + minutes), now)
        out.append(
            {
                "gerai_code": gerai.code,
                "prefix": gerai.prefix,
                "waiting": waiting.get(gerai.code, 0),
                "issued_today": issued.get(gerai.code, 0),
                "counters": gerai.counters,
                "avg_service_minutes": gerai.avg_service_minutes,
                "est_wait_minutes": wait,
            }
        )
    return out
