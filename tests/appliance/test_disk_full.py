"""A real full disk (a 4 MiB tmpfs filled up): issuing refuses with a clear message and writes
nothing partial, staff and the server are told, and once there is room again the kiosk
issues the next number by itself."""

from __future__ import annotations

import sqlite3
import uuid
from pathlib import Path

import pytest

from kiosk.screens.main_window import Page
from kiosk.screens.texts import DISK_FULL
from kiosk.store.db import open_database
from kiosk.store.uow import UnitOfWorkFactory
from kiosk.system.disk import DiskState
from kiosk.usecases.catalog import CatalogStore
from kiosk.usecases.system_health import SystemHealth
from kiosk.usecases.ticketing import IssuePolicy, TicketDesk
from mpp_core.domain.clock import FixedClock
from mpp_core.domain.hours import Reason
from mpp_core.domain.tickets import IssueRefused
from tests.appliance.conftest import fill
from tests.conftest import MINI_CATALOG, WEDNESDAY_10


def _counts(db: Path) -> tuple[int, int]:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        tickets = con.execute("SELECT count(*) FROM ticket").fetchone()[0]
        last = con.execute("SELECT max(last_seq) FROM number_counter").fetchone()[0]
    finally:
        con.close()
    return tickets, last


def _desk(db: Path) -> TicketDesk:
    uow = UnitOfWorkFactory(open_database(db))
    store = CatalogStore(uow)
    store.load(seed_dir=MINI_CATALOG)
    return TicketDesk(uow, lambda: store.current, FixedClock(WEDNESDAY_10), IssuePolicy())


def test_sqlite_finding_no_room_refuses_and_writes_nothing(small_disk: Path) -> None:
    db = small_disk / "kiosk.db"
    desk = _desk(db)
    for i in range(3):
        desk.issue(f"r{i}", "ktp-el-baru")
    con = sqlite3.connect(db)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the next write must grow a file
    con.close()
    before = _counts(db)
    filler = fill(small_disk)
    with pytest.raises(IssueRefused) as err:
        for _ in range(50):  # until SQLite needs a page it cannot have
            desk.issue(uuid.uuid4().hex, "ktp-el-baru")
    assert err.value.availability.reason is Reason.DISK_FULL
    issued = _counts(db)[0] - before[0]
    filler.unlink()
    after = _counts(db)
    assert after[0] == before[0] + issued and after[1] == before[1] + issued  # whole tickets
    assert desk.disk_full  # refused until the disk watch sees room


def test_the_kiosk_stops_issuing_on_a_full_disk_and_resumes_by_itself(
    qtbot,
    kiosk_factory,
    small_disk: Path,  # type: ignore[no-untyped-def]
) -> None:
    k = kiosk_factory(db=small_disk / "kiosk.db")
    system: SystemHealth = k.system
    k.flow.start()
    k.flow.choose_service("ktp-el-baru")
    k.flow.take_number(None)
    qtbot.waitUntil(lambda: k.window.current is Page.TICKET, timeout=5000)
    first = k.flow.last_ticket
    tickets = _counts(small_disk / "kiosk.db")[0]

    filler = fill(small_disk)
    assert system.check_disk().state is DiskState.FULL
    assert system.heartbeat_fields()["disk_state"] == "full"  # the server hears of it
    assert any("full" in line.words("en") for line in system.lines())  # and staff
    k.flow.go_home()
    k.flow.start()
    k.flow.choose_service("ktp-el-baru")
    assert k.window.detail.availability.text() == DISK_FULL(k.flow.language.lang)
    k.flow.take_number(None)
    qtbot.waitUntil(lambda: k.runner.pending == 0, timeout=5000)
    assert k.window.current is Page.DETAIL
    assert _counts(small_disk / "kiosk.db")[0] == tickets  # nothing written

    filler.unlink()
    assert system.check_disk().state is DiskState.OK
    k.flow.choose_service("ktp-el-baru")
    k.flow.take_number(None)
    qtbot.waitUntil(lambda: k.window.current is Page.TICKET, timeout=5000)
    assert first is not None and k.flow.last_ticket is not None
    assert k.flow.last_ticket.seq == first.seq + 1
