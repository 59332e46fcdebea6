"""The queue per gerai and service day: the model, placing tickets in it, and its state.

The queue is modelled as on the kiosk (``mpp_core.domain.wait``): ``counters`` counters that
take ``avg_service_minutes`` per visitor, first come first served by *issue time*. With
identical service times the earliest free counter is the one that started the c-th latest
ticket, so a new ticket starts at ``max(issued, that start + service)`` (:func:`place_new`).
Offline tickets that arrive late are placed by their issue time and the tickets after them
are placed again (:func:`place_queue`). Callers hold the gerai's counter row
(``central.numbering.counters``) while they place.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Sequence
from datetime import UTC, date, datetime, timedelta
from typing import Any, cast

from sqlalchemy import Date, String, Table, and_, bindparam, case, func, select, text, update
from sqlalchemy.orm import Session

from central.catalogs import Published
from central.models import Ticket
from mpp_core.db.types import UTCDateTime
from mpp_core.domain.catalog import Gerai
from mpp_core.domain.clock import service_day

MAX_AHEAD = 999  # people ahead are counted up to this (a kiosk shows "999+")
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)


def service_model(gerai: Gerai | None) -> tuple[int, timedelta]:
    """(counters, time per visitor) of a gerai; one counter and 10 minutes if unknown."""
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

    One round trip that reads ``counters`` index entries whatever the length of the queue: the
    starts of the c latest tickets (:func:`place_after`).
    """
    latest = (
        session.connection()
        .execute(
            select(Ticket.queue_start)
            .where(_queue_key(mpp, gerai, day), Ticket.queue_start.is_not(None))
            .order_by(Ticket.queue_start.desc())
            .limit(counters)
        )
        .scalars()
        .all()
    )
    return place_after([s for s in latest if s is not None], at, counters, service)


def place_after(
    latest: Sequence[datetime], at: datetime, counters: int, service: timedelta
) -> tuple[datetime, int]:
    """Place a ticket issued at ``at`` after the tickets whose ``latest`` starts (the c latest,
    any order) are given; returns its start and the people waiting before it.

    The c latest starts are what each counter ends with (the c-th latest one frees first).
    Every ticket became available at or before ``at``, so a counter's tickets that have not
    started yet follow its last one back, one service time apart, to one that started at its
    issue time: a counter whose last ticket starts at L has ceil((L - at) / service) of them.
    That is the number of tickets with ``queue_start > at``, read from c rows instead of
    counted (a queue of hundreds would cost hundreds of index entries per ticket).
    """
    starts = sorted(latest, reverse=True)[:counters]
    start = at if len(starts) < counters else max(at, starts[-1] + service)
    step = service // _MICROSECOND
    ahead = sum(-(-((s - at) // _MICROSECOND) // step) for s in starts if s > at)
    return start, min(ahead, MAX_AHEAD)


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
        counters, minutes = service_model(gerai)
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
