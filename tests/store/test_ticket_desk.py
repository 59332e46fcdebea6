"""Numbers from a real SQLite file: unique across processes, idempotent, daily restart."""

from __future__ import annotations

import multiprocessing as mp
import uuid
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import text

from kiosk.store.db import open_database
from kiosk.store.uow import UnitOfWorkFactory
from kiosk.usecases.catalog import CatalogStore
from kiosk.usecases.ticketing import IssuePolicy, TicketDesk
from mpp_core.domain.clock import FixedClock
from mpp_core.domain.hours import Reason
from mpp_core.domain.numbering import PriorityGroup, Series
from mpp_core.domain.tickets import IssueRefused, PrintState

from ..conftest import MINI_CATALOG, WEDNESDAY_10


def make_desk(db: Path, clock: FixedClock, kiosk_id: str = "k1") -> TicketDesk:
    engine = open_database(db)
    uow = UnitOfWorkFactory(engine)
    store = CatalogStore(uow)
    store.load(seed_dir=MINI_CATALOG)
    return TicketDesk(uow, lambda: store.current, clock, IssuePolicy(kiosk_id=kiosk_id))


def test_numbers_run_per_gerai_and_series(db_path: Path, clock: FixedClock) -> None:
    desk = make_desk(db_path, clock)
    a1 = desk.issue("r1", "ktp-el-baru")
    a2 = desk.issue("r2", "kk-baru")  # same gerai, other service: one sequence
    b1 = desk.issue("r3", "sip-dokter")
    p1 = desk.issue("r4", "ktp-el-baru", PriorityGroup.LANSIA)
    assert [a1.display, a2.display, b1.display, p1.display] == ["A-001", "A-002", "B-001", "A-P001"]
    assert p1.series is Series.PRIORITY and p1.priority is PriorityGroup.LANSIA
    assert a1.print_state is PrintState.PENDING


def test_same_request_gives_the_same_ticket(db_path: Path, clock: FixedClock) -> None:
    desk = make_desk(db_path, clock)
    first = desk.issue("tap-1", "ktp-el-baru")
    again = desk.issue("tap-1", "ktp-el-baru")
    assert again == first
    with desk._uow() as uow:
        assert len(uow.tickets.all_for_day(first.service_day)) == 1


def test_restart_mid_day_continues_and_midnight_restarts(db_path: Path, clock: FixedClock) -> None:
    desk = make_desk(db_path, clock)
    for i in range(3):
        desk.issue(f"a{i}", "ktp-el-baru")
    desk2 = make_desk(db_path, clock)  # a new process on the same file
    assert desk2.issue("a3", "ktp-el-baru").display == "A-004"
    clock.advance(timedelta(days=1))  # Thursday, same desk, no restart
    assert desk2.issue("a4", "ktp-el-baru").display == "A-001"


def test_refusals_say_why(db_path: Path, clock: FixedClock) -> None:
    desk = make_desk(db_path, clock)
    desk.issue("q1", "akta-kelahiran")
    desk.issue("q2", "akta-kelahiran")
    with pytest.raises(IssueRefused) as exc:
        desk.issue("q3", "akta-kelahiran")
    assert exc.value.availability.reason is Reason.QUOTA_FULL  # type: ignore[attr-defined]
    clock.set(WEDNESDAY_10.replace(hour=20))
    with pytest.raises(IssueRefused) as exc:
        desk.issue("late", "ktp-el-baru")
    assert exc.value.availability.reason is Reason.AFTER_CUTOFF  # type: ignore[attr-defined]
    clock.set(WEDNESDAY_10)
    desk.set_paused(True)
    with pytest.raises(IssueRefused):
        desk.issue("paused", "ktp-el-baru")
    desk.set_paused(False)
    assert desk.issue("resumed", "ktp-el-baru").display == "A-003"  # were akta


def test_ticket_is_committed_before_anything_else(db_path: Path, clock: FixedClock) -> None:
    desk = make_desk(db_path, clock)
    t = desk.issue("c1", "ktp-el-baru")
    # Another connection (another process would do the same) sees it at once.
    engine = open_database(db_path)
    with engine.connect() as conn:
        row = conn.execute(
            text("SELECT number, print_state FROM ticket WHERE id = :i"), {"i": t.id}
        ).one()
    assert tuple(row) == ("A001", "pending")


def _draw(db: str, kiosk: str, n: int, out: mp.Queue) -> None:  # type: ignore[type-arg]
    desk = make_desk(Path(db), FixedClock(WEDNESDAY_10), kiosk)
    got = []
    for _ in range(n):
        got.append(desk.issue(str(uuid.uuid4()), "ktp-el-baru").seq)
    out.put(got)


@pytest.mark.slow
def test_two_processes_never_draw_the_same_number(db_path: Path) -> None:
    make_desk(db_path, FixedClock(WEDNESDAY_10))  # migrate and load the catalog once
    ctx = mp.get_context("spawn")
    out: mp.Queue = ctx.Queue()  # type: ignore[type-arg]
    procs = [ctx.Process(target=_draw, args=(str(db_path), f"k{i}", 500, out)) for i in range(2)]
    for p in procs:
        p.start()
    results = [out.get(timeout=120) for _ in procs]
    for p in procs:
        p.join(timeout=30)
        assert p.exitcode == 0
    drawn = results[0] + results[1]
    assert len(drawn) == 1000
    assert sorted(drawn) == list(range(1, 1001))  # unique and without gaps
    # Each process saw its own numbers in increasing order.
    assert all(r == sorted(r) for r in results)
