"""People ahead come from the c latest queue starts (no count of the waiting tickets): the same
figure as counting every ticket that has not started, through bursts, idle gaps and late
offline tickets placed among the others, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import random
import uuid
from datetime import UTC, datetime, timedelta

from central_harness import Mpp
from sqlalchemy import func, select

from central.catalogs import CatalogCache
from central.models import Ticket
from central.numbering.allocation import allocate
from central.numbering.queue import place_after
from central.numbering.uploads import upload_tickets
from mpp_core.domain.clock import service_day
from mpp_core.wire.schemas import AllocateIn, TicketIn

SERVICE = "ktp-el-baru"  # gerai dukcapil: 2 counters, 10 minutes


def _waiting(mpp: Mpp, day: object, at: datetime, but: str) -> tuple[int, list[datetime]]:
    with mpp.db.read() as s:
        key = (Ticket.gerai_code == "dukcapil", Ticket.service_day == day, Ticket.id != but)
        n = s.scalar(select(func.count()).where(*key, Ticket.queue_start > at))
        starts = s.scalars(
            select(Ticket.queue_start)
            .where(*key, Ticket.queue_start.is_not(None))
            .order_by(Ticket.queue_start.desc())
            .limit(2)
        ).all()
    return int(n or 0), list(starts)


def test_people_ahead_match_a_count_of_the_waiting(mpp: Mpp) -> None:
    published = CatalogCache(mpp.db, 60).get("test")
    assert published is not None
    auth = mpp.kiosks["k1"][0]
    rng = random.Random(7)
    # A day of bursts and quiet spells, from 07:00 WIB (00:00 UTC) on.
    today = service_day(datetime.now(UTC))
    now = datetime(today.year, today.month, today.day, tzinfo=UTC)
    emergency = auth.slot * 10000
    for i in range(160):
        now += timedelta(seconds=rng.choice([0, 1, 5, 30, 90, 300, 900, 2400]))
        if now.hour >= 16:
            break  # 23:00 WIB: the service day ends soon
        if rng.random() < 0.15:  # a kiosk that was offline sends a ticket it printed earlier
            emergency += 1
            late = TicketIn(
                ticket_id=str(uuid.uuid4()),
                request_id=f"late-{i}",
                gerai_code="dukcapil",
                service_code=SERVICE,
                prefix="A",
                series="R",
                seq=emergency,
                service_day=today,
                issued_at=max(
                    now - timedelta(minutes=rng.choice([1, 10, 45])),
                    datetime(today.year, today.month, today.day, tzinfo=UTC),
                ),
                source="emergency",
            )
            with mpp.db.write() as s:
                (res,) = upload_tickets(s, auth, published, [late], now)
            assert res["status"] == "created", res
            continue
        req = AllocateIn(ticket_id=str(uuid.uuid4()), request_id=f"r{i}", service_code=SERVICE)
        with mpp.db.write() as s:
            result = allocate(s, auth, published, req, now)
        assert result is not None
        answer = result.answer
        waiting, latest = _waiting(mpp, today, now, req.ticket_id)
        assert answer["people_ahead"] == waiting, (i, answer, waiting)
        start = now if len(latest) < 2 else max(now, latest[-1] + timedelta(minutes=10))
        with mpp.db.read() as s:
            stored = s.get(Ticket, req.ticket_id)
            assert stored is not None and stored.queue_start == start


def test_place_after() -> None:
    at = datetime(2026, 1, 5, 3, tzinfo=UTC)
    ten = timedelta(minutes=10)
    assert place_after([], at, 2, ten) == (at, 0)
    assert place_after([at], at, 2, ten) == (at, 0)
    assert place_after([at, at], at, 2, ten) == (at + ten, 0)
    # Counters whose last tickets start 25 and 20 minutes from now: 3 and 2 waiting.
    latest = [at + 2 * ten + ten / 2, at + 2 * ten]
    assert place_after(latest, at, 2, ten) == (at + 3 * ten, 3 + 2)
    assert place_after(latest, at + ten, 2, ten) == (at + 3 * ten, 2 + 1)
    # Exactly one service time ahead: one waiting; a start at ``at`` is not waiting.
    assert place_after([at + ten, at], at, 2, ten) == (at + ten, 1)


def test_batches_number_and_place_as_one_by_one(pg_mpp: Mpp) -> None:
    """PostgreSQL's batches (``central.numbering.online``): several tickets of one gerai in a
    batch, retried ids among them; numbers dense per series, the queue as if one by one."""
    mpp = pg_mpp
    import psycopg

    from central.numbering.allocation import pending
    from central.numbering.online import SESSION_OPTIONS, draw_batch

    published = CatalogCache(mpp.db, 60).get("test")
    assert published is not None
    auth = mpp.kiosks["k2"][0]
    rng = random.Random(11)
    today = service_day(datetime.now(UTC))
    now = datetime(today.year, today.month, today.day, 1, tzinfo=UTC)
    services = ["ktp-el-baru", "kk-baru", "sip-dokter"]  # dukcapil twice, dinkes
    starts: dict[str, list[datetime]] = {}
    last: dict[tuple[str, str], int] = {}
    done: list[str] = []

    async def run() -> None:
        nonlocal now
        conn = await psycopg.AsyncConnection.connect(
            autocommit=True, options=SESSION_OPTIONS, **mpp.db.psycopg_connect_args()
        )
        try:
            for b in range(40):
                now += timedelta(seconds=rng.choice([0, 20, 60, 400]))
                reqs = [
                    AllocateIn(
                        ticket_id=str(uuid.uuid4()),
                        request_id=f"b{b}-{i}",
                        service_code=rng.choice(services),
                        priority="lansia" if rng.random() < 0.3 else None,
                    )
                    for i in range(rng.randint(1, 6))
                ]
                items = [pending(auth, published, r) for r in reqs]
                retried = [rng.choice(done)] if done and rng.random() < 0.3 else []
                batch = [p for p in items if p is not None]
                retry_items = [
                    pending(
                        auth,
                        published,
                        AllocateIn(ticket_id=t, request_id="again", service_code="kk-baru"),
                    )
                    for t in retried
                ]
                batch += [p for p in retry_items if p is not None]
                drawn = await draw_batch(conn, batch, now)
                assert set(drawn) == {p.ticket_id for p in items if p is not None}
                for p in batch[: len(items)]:
                    d = drawn[p.ticket_id]
                    last[(p.gerai, p.series)] = last.get((p.gerai, p.series), 0) + 1
                    assert d.seq == last[(p.gerai, p.series)]
                    mine = starts.setdefault(p.gerai, [])
                    top = sorted(mine, reverse=True)[: p.counters]
                    start, ahead = place_after(
                        top, now, p.counters, timedelta(minutes=p.service_minutes)
                    )
                    mine.append(start)
                    assert (d.people_ahead, d.issued_at) == (ahead, now), (b, p)
                    with mpp.db.read() as s:
                        row = s.get(Ticket, p.ticket_id)
                        assert row is not None and row.queue_start == start
                    done.append(p.ticket_id)
        finally:
            await conn.close()

    asyncio.run(run())
