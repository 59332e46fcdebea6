"""Start-up self-check of the database, with real SQLite files damaged for real: garbage
written mid-file, a file cut short, a damaged file on a full disk. Recovery moves the file
aside, rebuilds it, salvages what can be read, and never issues a number twice."""

from __future__ import annotations

import os
import sqlite3
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

import pytest

from kiosk.store import integrity
from kiosk.store.db import open_database
from kiosk.store.uow import UnitOfWorkFactory
from kiosk.usecases.audit import AuditLog
from kiosk.usecases.catalog import CatalogStore
from kiosk.usecases.staff_pins import StaffAuth
from kiosk.usecases.staff_session import Role
from kiosk.usecases.startup import (
    DISK_FULL,
    MODE_CHANGED,
    OutOfService,
    check_numbering_mode,
    last_recovery,
    open_checked,
)
from kiosk.usecases.ticketing import IssuePolicy, TicketDesk
from mpp_core.domain.clock import FixedClock
from tests.appliance.conftest import fill
from tests.conftest import MINI_CATALOG, WEDNESDAY_10

SERVICE = "ktp-el-baru"


def _load(uow: UnitOfWorkFactory) -> None:
    CatalogStore(uow).load(seed_dir=MINI_CATALOG)


def make_database(path: Path, tickets: int = 300, pending: int = 20) -> dict[str, object]:
    """A kiosk database as a busy morning leaves it: tickets, outbox items not yet sent, a
    PIN. Returns what it holds."""
    clock = FixedClock(WEDNESDAY_10)
    uow = UnitOfWorkFactory(open_database(path))
    _load(uow)
    desk = TicketDesk(uow, lambda: CatalogStore(uow).load(), clock, IssuePolicy())
    issued = [desk.issue(f"r{i}", SERVICE) for i in range(tickets)]
    keys = []
    with uow() as u:
        for t in issued[-pending:]:
            body = {"ticket_id": t.id, "gerai_code": t.gerai_code, "seq": t.seq,
                    "service_day": t.service_day.isoformat(), "series": t.series.value}  # fmt: skip
            u.outbox.add("ticket", t.id, body, datetime.now(UTC))
            keys.append(t.id)
        u.commit()
    StaffAuth(uow, clock, AuditLog(uow, clock, "k1")).set_pin(Role.STAFF, "482915", by="test")
    uow.engine.dispose()
    con = sqlite3.connect(path)
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # everything in the main file
    con.close()
    return {"max_seq": max(t.seq for t in issued), "pending": set(keys), "gerai": "dukcapil"}


def _root_page_offset(path: Path, table: str) -> int:
    con = sqlite3.connect(path)
    page_size = con.execute("PRAGMA page_size").fetchone()[0]
    root = con.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (table,)).fetchone()
    con.close()
    return (root[0] - 1) * page_size


def _next_seq(uow: UnitOfWorkFactory) -> int:
    desk = TicketDesk(uow, lambda: CatalogStore(uow).load(), FixedClock(WEDNESDAY_10),
                      IssuePolicy())  # fmt: skip
    return desk.issue(uuid.uuid4().hex, SERVICE).seq


def test_garbage_mid_file_is_moved_aside_rebuilt_and_salvaged(db_path: Path) -> None:
    made = make_database(db_path)
    offset = _root_page_offset(db_path, "service")  # the catalog's page: tickets survive
    with open(db_path, "r+b") as fh:
        fh.seek(offset)
        fh.write(os.urandom(4096))
    damaged = db_path.read_bytes()
    assert not integrity.check(db_path).ok

    started = time.perf_counter()
    start = open_checked(db_path, FixedClock(WEDNESDAY_10), load_catalog=_load)
    seconds = time.perf_counter() - started
    print(f"RECOVERY_S garbage {seconds:.3f}")

    assert start.state == "recovered" and start.recovery is not None
    [aside] = [
        p for p in db_path.parent.glob("kiosk.db.corrupt-*") if not p.name.endswith(("wal", "shm"))
    ]
    assert aside.read_bytes() == damaged  # kept as it was, for a closer look
    assert integrity.check(db_path).ok
    with start.uow() as u:
        pending = {i.key for i in u.outbox.due("ticket", datetime.now(UTC), 1000)}
        assert pending == made["pending"]  # nothing the server has not had is lost
        assert len(u.tickets.all_for_day(WEDNESDAY_10.date())) == 300
    assert _next_seq(start.uow) == made["max_seq"] + 1  # no gap needed, no repeat
    clock = FixedClock(WEDNESDAY_10)
    auth = StaffAuth(start.uow, clock, AuditLog(start.uow, clock, "k1"))
    assert auth.check("482915").role is Role.STAFF  # the PIN survived
    assert last_recovery(start.uow) == start.recovery  # for staff and the heartbeat
    assert "catalog" in start.recovery.summary or "service" in start.recovery.summary
    assert oct(db_path.stat().st_mode & 0o777) == "0o600"


def test_a_file_cut_short_resumes_numbering_above_every_number_issued(db_path: Path) -> None:
    made = make_database(db_path)
    size = db_path.stat().st_size
    with open(db_path, "r+b") as fh:
        fh.truncate(size * 2 // 3)
    assert not integrity.check(db_path).ok

    started = time.perf_counter()
    start = open_checked(db_path, FixedClock(WEDNESDAY_10), load_catalog=_load)
    print(f"RECOVERY_S truncated {time.perf_counter() - started:.3f}")

    assert start.state == "recovered"
    assert integrity.check(db_path).ok
    seq = _next_seq(start.uow)
    assert seq > made["max_seq"]  # a number may be skipped, never issued twice
    assert start.recovery is not None and "numbers skipped" in start.recovery.summary


def test_a_damaged_file_on_a_full_disk_is_out_of_service(small_disk: Path) -> None:
    db = small_disk / "kiosk.db"
    make_database(db, tickets=30, pending=5)
    with open(db, "r+b") as fh:
        fh.seek(db.stat().st_size // 2)
        fh.write(b"\xff" * 4096)
    damaged = db.read_bytes()
    fill(small_disk)
    with pytest.raises(OutOfService) as err:
        open_checked(db, FixedClock(WEDNESDAY_10), load_catalog=_load)
    assert err.value.code == DISK_FULL
    assert db.read_bytes() == damaged  # nothing half done: recovered once there is room


def test_a_file_that_cannot_be_opened_is_not_moved_aside(tmp_path: Path) -> None:
    db = tmp_path / "kiosk.db"
    db.mkdir()  # a folder where the file should be: not "damaged", so left alone
    with pytest.raises(OutOfService) as err:
        open_checked(db, FixedClock(WEDNESDAY_10), load_catalog=_load)
    assert err.value.code == "DB-UNAVAILABLE"
    assert db.is_dir() and not list(tmp_path.glob("*.corrupt-*"))


def test_a_server_database_never_numbers_alone_without_an_explicit_setting(db_path: Path) -> None:
    uow = UnitOfWorkFactory(open_database(db_path))
    check_numbering_mode(uow, server=True, explicit=True)
    with pytest.raises(OutOfService) as err:
        check_numbering_mode(uow, server=False, explicit=False)  # a config that fell back
    assert err.value.code == MODE_CHANGED
    check_numbering_mode(uow, server=False, explicit=True)  # a technician's own choice
