"""Online numbers on PostgreSQL in batches: every allocation waiting in a worker drawn together.

A server worker answers many kiosks at once. Allocations that arrive while the database is busy
with the previous batch wait for the next one (group commit): each batch is one transaction, sent
in one round trip (psycopg's pipeline mode, on the event loop: no thread per request):

1. ``BEGIN``;
2. :data:`_LOCK`: the counter row of every gerai in the batch is created or locked (in one
   order, byte order of the codes like ``counters.lock_counters``, so batches and uploads
   cannot deadlock);
3. :data:`_DRAW`, once per round of at most one ticket per gerai (the second ticket of a gerai
   in the second round, ...): new statements, so they see every ticket committed before the
   locks were granted and the rounds before: each ticket gets the next number of its gerai and
   series, its place in the queue (after the c latest starts of its gerai, as
   ``queue.place_after`` does) and is inserted as ``allocated``;
4. ``COMMIT``: the answers leave only after it (a number is on disk before it is handed out).

Every statement is prepared once per connection.

A ticket id the database already holds is not numbered again (the caller answers it with the
stored number). Anything unusual (the leased block reached, a lost race on a ticket id, an error)
leaves the ticket out; the caller numbers it in its own transaction
(``allocation.allocate``). A number drawn for a ticket that lost a race on its id is a gap.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from central.models import LEASE_CEILING
from central.numbering.queue import MAX_AHEAD
from mpp_core.domain.clock import service_day
from mpp_core.wire.protocol import MAX_ONLINE_SEQ

log = logging.getLogger("central.numbering")

MAX_BATCH = 64  # allocations in one transaction at most
# Batches running at once per server worker: one. Allocations that arrive while it runs form
# the next batch, so the busier the server, the larger the batches (and the fewer commits).
CONNECTIONS = 1
# The batches' own connections: plan each statement once (custom plans of these statements
# cost more to make than to run), and never compile one (a generic plan's estimates may be
# far off: the arrays are of unknown length).
SESSION_OPTIONS = "-c plan_cache_mode=force_generic_plan -c jit=off"
CONNECT_TIMEOUT_S = 5  # a database that does not answer: the callers' own path answers 503


@dataclass(frozen=True)
class Pending:
    """One allocation to draw: what the caller checked and looked up beforehand."""

    ticket_id: str
    mpp: str
    kiosk_id: int
    request_id: str
    gerai: str
    service: str
    prefix: str
    series: str  # R or P
    priority: str | None
    service_minutes: int
    counters: int


@dataclass(frozen=True)
class Drawn:
    """The number and the queue figures one pending allocation got."""

    seq: int
    people_ahead: int
    est_wait_minutes: int
    issued_at: datetime


# Create or lock the counter rows of a batch's gerai, in byte order of the codes (the order of
# ``counters.lock_counters``: batches and uploads cannot deadlock).
_LOCK = """
INSERT INTO number_counter AS n
    (mpp_code, gerai_code, service_day, last_r, last_p, floor_r, floor_p)
SELECT k.mpp, k.gerai, %(day)s::date, 0, 0, %(ceiling)s::int, %(ceiling)s::int
FROM json_to_recordset(%(keys)s::json) AS k(mpp varchar, gerai varchar)
ORDER BY k.mpp COLLATE "C", k.gerai COLLATE "C"
ON CONFLICT (mpp_code, gerai_code, service_day) DO UPDATE SET last_r = n.last_r
"""

# One ticket per gerai (the rows are locked): its number, its place after the c latest starts
# of the gerai's queue (``queue.place_after``), the ticket inserted. A ticket id already there
# is left out (a retry), and so is a number at the leased block or beyond the last one.
_DRAW = """
WITH req AS (
    SELECT * FROM json_to_recordset(%(batch)s::json) AS r(
        id varchar, mpp varchar, kiosk_id int, request_id varchar, gerai varchar,
        service varchar, prefix varchar, series varchar, priority varchar, svc int, ctr int)
),
-- A scalar subquery, not NOT EXISTS: that may become a hash anti join over the whole table
-- in a generic plan made while the table was small.
fresh AS (
    SELECT r.* FROM req r WHERE (SELECT 1 FROM ticket t WHERE t.id = r.id) IS NULL
),
c AS (
    INSERT INTO number_counter AS n
        (mpp_code, gerai_code, service_day, last_r, last_p, floor_r, floor_p)
    SELECT f.mpp, f.gerai, %(day)s::date, (f.series = 'R')::int, (f.series = 'P')::int,
           %(ceiling)s::int, %(ceiling)s::int
    FROM fresh f ORDER BY f.mpp COLLATE "C", f.gerai COLLATE "C"
    ON CONFLICT (mpp_code, gerai_code, service_day)
    DO UPDATE SET last_r = n.last_r + excluded.last_r, last_p = n.last_p + excluded.last_p
    RETURNING n.mpp_code, n.gerai_code, n.last_r, n.last_p, n.floor_r, n.floor_p
),
x AS (
    SELECT f.*, CASE WHEN f.series = 'P' THEN c.last_p ELSE c.last_r END AS seq,
           CASE WHEN f.series = 'P' THEN c.floor_p ELSE c.floor_r END AS floor, q.start, q.ahead
    FROM fresh f
    JOIN c ON c.mpp_code = f.mpp AND c.gerai_code = f.gerai
    CROSS JOIN LATERAL (
        SELECT CASE WHEN count(*) < f.ctr THEN %(now)s::timestamp
                    ELSE GREATEST(%(now)s::timestamp, min(top.s) + make_interval(mins => f.svc))
               END AS start,
               LEAST(%(max_ahead)s::int, COALESCE(sum(ceil(
                   extract(epoch FROM top.s - %(now)s::timestamp) / (60 * f.svc)
               )) FILTER (WHERE top.s > %(now)s::timestamp), 0))::int AS ahead
        FROM (
            SELECT t.queue_start AS s FROM ticket t
            WHERE t.mpp_code = f.mpp AND t.gerai_code = f.gerai
              AND t.service_day = %(day)s::date AND t.queue_start IS NOT NULL
            ORDER BY t.queue_start DESC LIMIT f.ctr
        ) top
    ) q
),
ins AS (
    INSERT INTO ticket (id, mpp_code, kiosk_id, request_id, gerai_code, service_code, prefix,
        series, seq, number, service_day, issued_at, received_at, priority, source, state,
        lease_id, people_ahead, est_wait_minutes, queue_start, flag)
    SELECT x.id, x.mpp, x.kiosk_id, x.request_id, x.gerai, x.service, x.prefix, x.series, x.seq,
        x.prefix || CASE WHEN x.series = 'P' THEN 'P' ELSE '' END
            || CASE WHEN x.seq < 1000 THEN lpad(x.seq::text, 3, '0') ELSE x.seq::text END,
        %(day)s::date, %(now)s::timestamp, %(now)s::timestamp, x.priority, 'online',
        'allocated', NULL, x.ahead,
        CASE WHEN x.start > %(now)s::timestamp
             THEN GREATEST(1, floor(extract(epoch FROM x.start - %(now)s::timestamp) / 60))
             ELSE 0 END,
        x.start, NULL
    FROM x
    WHERE (x.seq < x.floor OR x.seq >= %(ceiling)s::int) AND x.seq <= %(max_online)s::int
    ON CONFLICT (id) DO NOTHING
    RETURNING id, seq, people_ahead, est_wait_minutes
)
SELECT id, seq, people_ahead, est_wait_minutes FROM ins
"""


def _rows(batch: Sequence[Pending]) -> str:
    """The batch as one JSON parameter (one parameter is cheaper to send than eleven arrays)."""
    return json.dumps(
        [
            {
                "id": p.ticket_id,
                "mpp": p.mpp,
                "kiosk_id": p.kiosk_id,
                "request_id": p.request_id,
                "gerai": p.gerai,
                "service": p.service,
                "prefix": p.prefix,
                "series": p.series,
                "priority": p.priority,
                "svc": p.service_minutes,
                "ctr": p.counters,
            }
            for p in batch
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )


def _rounds(batch: Sequence[Pending]) -> list[list[Pending]]:
    """The batch in rounds of at most one ticket per gerai, in arrival order."""
    rounds: list[list[Pending]] = []
    seen: dict[tuple[str, str], int] = {}
    for p in batch:
        key = (p.mpp, p.gerai)
        i = seen.get(key, 0)
        seen[key] = i + 1
        if i == len(rounds):
            rounds.append([])
        rounds[i].append(p)
    return rounds


async def draw_batch(conn: Any, batch: Sequence[Pending], now: datetime) -> dict[str, Drawn]:
    """Number and place ``batch`` (distinct ticket ids) at ``now`` in one transaction on
    ``conn`` (a psycopg ``AsyncConnection`` in autocommit mode), in one round trip; returns
    what each ticket that was numbered got, by ticket id (the others: see the module)."""
    day = service_day(now)
    fixed = {
        "day": day,
        "now": now.replace(tzinfo=None),  # the columns hold naive UTC
        "ceiling": LEASE_CEILING,
        "max_online": MAX_ONLINE_SEQ,
        "max_ahead": MAX_AHEAD,
    }
    keys = sorted({(p.mpp, p.gerai) for p in batch})
    lock = {"keys": json.dumps([{"mpp": m, "gerai": g} for m, g in keys]), **fixed}
    cursors = []
    try:
        async with conn.pipeline():
            await conn.execute("BEGIN")
            await conn.execute(_LOCK, lock, prepare=True)
            for part in _rounds(batch):
                cursors.append(
                    await conn.execute(_DRAW, {"batch": _rows(part), **fixed}, prepare=True)
                )
            await conn.execute("COMMIT")
        rows = [row for cur in cursors for row in await cur.fetchall()]
    except BaseException:
        if not conn.closed and not conn.broken:
            try:
                await conn.rollback()
            except Exception:
                await conn.close()  # not reused (the caller drops a closed connection)
        raise
    return {str(r[0]): Drawn(int(r[1]), int(r[2]), int(r[3]), now) for r in rows}


class Batcher:
    """Group commit for one server worker's event loop: :meth:`draw` waits for the batch its
    allocation joins. Up to ``connections`` batches run at once (each on its own connection);
    allocations arriving meanwhile form the next batch."""

    def __init__(self, connect_kwargs: dict[str, Any], connections: int = CONNECTIONS) -> None:
        self._connect_kwargs = connect_kwargs
        self._limit = connections
        self._idle: list[Any] = []
        self._busy = 0  # batches running
        self._queue: list[tuple[Pending, asyncio.Future[Drawn | None]]] = []
        self._scheduled = False
        self._closed = False

    async def draw(self, pending: Pending) -> Drawn | None:
        """The number ``pending`` got, or None: the caller numbers it in its own transaction."""
        if self._closed:
            return None
        fut: asyncio.Future[Drawn | None] = asyncio.get_running_loop().create_future()
        self._queue.append((pending, fut))
        if not self._scheduled and self._busy < self._limit:
            # Start at the end of this turn of the loop: requests read in the same turn join.
            self._scheduled = True
            asyncio.get_running_loop().call_soon(self._start)
        return await fut

    def _start(self) -> None:
        self._scheduled = False
        while self._queue and self._busy < self._limit:
            batch: list[tuple[Pending, asyncio.Future[Drawn | None]]] = []
            rest: list[tuple[Pending, asyncio.Future[Drawn | None]]] = []
            seen: set[str] = set()
            for item in self._queue:
                if len(batch) < MAX_BATCH and item[0].ticket_id not in seen:
                    seen.add(item[0].ticket_id)
                    batch.append(item)
                else:
                    rest.append(item)
            self._queue = rest
            self._busy += 1
            asyncio.get_running_loop().create_task(self._run(batch))

    async def _connection(self) -> Any:
        if self._idle:
            return self._idle.pop()
        import psycopg

        kwargs = dict(self._connect_kwargs)
        options = f"{kwargs.pop('options', '')} {SESSION_OPTIONS}".strip()
        kwargs.setdefault("connect_timeout", CONNECT_TIMEOUT_S)
        return await psycopg.AsyncConnection.connect(autocommit=True, options=options, **kwargs)

    async def _run(self, batch: list[tuple[Pending, asyncio.Future[Drawn | None]]]) -> None:
        drawn: dict[str, Drawn] = {}
        conn = None
        try:
            conn = await self._connection()
            drawn = await draw_batch(conn, [p for p, _f in batch], datetime.now(UTC))
        except Exception as exc:  # the callers number one by one, in their own transactions
            log.warning(
                "%d allocations numbered one by one: their batch failed (%s)", len(batch), exc
            )
            if conn is not None and (conn.closed or conn.broken):
                conn = None
        finally:
            if conn is not None:
                if self._closed:
                    await conn.close()
                else:
                    self._idle.append(conn)
            self._busy -= 1
            for pending, fut in batch:
                if not fut.done():
                    fut.set_result(drawn.get(pending.ticket_id))
            if self._queue and not self._closed:
                self._start()

    async def aclose(self) -> None:
        """Close the idle connections (at the worker's shutdown); busy ones close when done."""
        self._closed = True
        idle, self._idle = self._idle, []
        for conn in idle:
            await conn.close()
