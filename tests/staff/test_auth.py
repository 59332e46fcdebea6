"""PINs (salted slow hashes, never stored in clear), the lockout, the audit log, and
`mpp-kiosk admin set-pin`."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest

from kiosk.store.db import open_database
from kiosk.store.uow import UnitOfWorkFactory
from kiosk.usecases.audit import AuditLog
from kiosk.usecases.staff_pins import LOCKOUT_AFTER, LOCKOUT_FOR, PinRefused, StaffAuth, pin_problem
from kiosk.usecases.staff_session import Role
from mpp_core.domain.clock import FixedClock

from ..conftest import ROOT, WEDNESDAY_10


@pytest.fixture
def uow(db_path: Path) -> UnitOfWorkFactory:
    return UnitOfWorkFactory(open_database(db_path))


@pytest.fixture
def auth(uow: UnitOfWorkFactory, clock: FixedClock) -> StaffAuth:
    return StaffAuth(uow, clock, AuditLog(uow, clock, "kiosk-7"))


def audit(uow: UnitOfWorkFactory) -> list[tuple[str, str]]:
    with uow() as u:
        return [(e.actor, e.action) for e in reversed(u.audit.recent(100))]


@pytest.mark.parametrize(
    ("pin", "ok"),
    [
        ("2580", True),
        ("918273", True),
        ("123", False),
        ("1234", False),
        ("9876", False),
        ("0000", False),
        ("12a45", False),
        ("1" * 13, False),
        ("٣٤٥٦", False),
    ],
)
def test_pin_rules(pin: str, ok: bool) -> None:
    assert (pin_problem(pin) is None) is ok


def test_pins_are_salted_slow_hashes_never_clear_text(
    auth: StaffAuth, uow: UnitOfWorkFactory, db_path: Path
) -> None:
    auth.set_pin(Role.STAFF, "482915", by="cli:test")
    auth.set_pin(Role.TECHNICIAN, "739164", by="cli:test")
    with uow() as u:
        staff = u.credentials.get("staff")
        tech = u.credentials.get("technician")
    assert staff is not None and tech is not None
    assert staff.scheme == "scrypt" and staff.params["n"] >= 2**14
    assert len(staff.salt) == 16 and staff.salt != tech.salt
    wal = Path(str(db_path) + "-wal")
    raw = db_path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")
    assert b"482915" not in raw and b"739164" not in raw
    rows = sqlite3.connect(db_path).execute("select * from staff_credential").fetchall()
    assert not any("482915" in str(r) for r in rows)
    assert auth.roles_with_pin() == {Role.STAFF, Role.TECHNICIAN}


def test_the_pin_tells_the_role(auth: StaffAuth, uow: UnitOfWorkFactory) -> None:
    auth.set_pin(Role.STAFF, "482915", by="cli:test")
    auth.set_pin(Role.TECHNICIAN, "739164", by="cli:test")
    assert auth.check("482915").role is Role.STAFF
    assert auth.check("739164").role is Role.TECHNICIAN
    assert auth.check("111222").role is None
    with pytest.raises(PinRefused):
        auth.set_pin(Role.TECHNICIAN, "482915", by="cli:test")  # the staff PIN
    assert ("staff", "sign_in") in audit(uow) and ("technician", "sign_in") in audit(uow)
    assert ("unknown", "pin_wrong") in audit(uow)


def test_no_pin_set_lets_nobody_in(auth: StaffAuth) -> None:
    result = auth.check("482915")
    assert result.role is None and result.reason == "no_pin"


def test_five_wrong_pins_lock_the_pad_for_five_minutes(
    auth: StaffAuth, clock: FixedClock, uow: UnitOfWorkFactory
) -> None:
    auth.set_pin(Role.STAFF, "482915", by="cli:test")
    for left in range(LOCKOUT_AFTER - 1, 0, -1):
        result = auth.check("000111")
        assert result.reason == "wrong" and result.attempts_left == left
    locked = auth.check("000111")
    assert locked.reason == "locked" and locked.locked_until == WEDNESDAY_10 + LOCKOUT_FOR
    # even the right PIN is refused while locked, and the lock survives a restart
    clock.advance(timedelta(minutes=4, seconds=59))
    again = StaffAuth(uow, clock, AuditLog(uow, clock, "kiosk-7"))
    assert again.check("482915").reason == "locked"
    clock.advance(timedelta(seconds=1))
    assert again.check("482915").role is Role.STAFF
    assert ("unknown", "pin_lockout") in audit(uow)


def test_a_right_pin_resets_the_count(auth: StaffAuth) -> None:
    auth.set_pin(Role.STAFF, "482915", by="cli:test")
    for _ in range(LOCKOUT_AFTER - 1):
        auth.check("000111")
    assert auth.check("482915").role is Role.STAFF
    assert auth.check("000111").attempts_left == LOCKOUT_AFTER - 1


def test_after_a_lock_runs_out_the_count_starts_again(auth: StaffAuth, clock: FixedClock) -> None:
    auth.set_pin(Role.STAFF, "482915", by="cli:test")
    for _ in range(LOCKOUT_AFTER):
        auth.check("000111")
    clock.advance(LOCKOUT_FOR)
    assert auth.check("000111").attempts_left == LOCKOUT_AFTER - 1


def test_audit_entries_wait_for_the_server(uow: UnitOfWorkFactory, clock: FixedClock) -> None:
    log = AuditLog(uow, clock, "kiosk-7")
    first = log.record("staff", "paper_replaced", paper_left_before_m=1.5)
    log.record("technician", "settings_saved", changed=["printer.host"])
    assert log.unsynced_count() == 2
    with uow() as u:
        repo = u.audit
        entries = repo.unsynced()
        assert entries[0].payload()["detail"] == {"paper_left_before_m": 1.5}
        assert entries[0].payload()["kiosk_id"] == "kiosk-7"
        assert entries[0].at == WEDNESDAY_10
        repo.mark_synced([first], WEDNESDAY_10)
        u.commit()
    assert log.unsynced_count() == 1


def cli(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
        input=stdin,
    )


def test_set_pin_from_the_command_line(tmp_path: Path) -> None:
    db = tmp_path / "kiosk.db"
    ok = cli(
        "--lang",
        "en",
        "--database",
        str(db),
        "admin",
        "set-pin",
        "--role",
        "staff",
        "--pin-stdin",
        stdin="482915\n",
    )
    assert ok.returncode == 0, ok.stderr
    assert "staff PIN is set" in ok.stdout
    weak = cli(
        "--database",
        str(db),
        "admin",
        "set-pin",
        "--role",
        "technician",
        "--pin-stdin",
        "--lang",
        "en",
        stdin="1234\n",
    )
    assert weak.returncode == 2 and "run of digits" in weak.stderr
    uow = UnitOfWorkFactory(open_database(db))
    clock = FixedClock(WEDNESDAY_10)
    auth = StaffAuth(uow, clock, AuditLog(uow, clock, "k"))
    assert auth.check("482915").role is Role.STAFF
    assert any(actor.startswith("cli:") and action == "pin_set" for actor, action in audit(uow))


def test_set_pin_asks_twice(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import getpass

    from kiosk.cli import main

    answers = iter(["739164", "739165"])
    monkeypatch.setattr(getpass, "getpass", lambda _prompt="": next(answers))
    db = tmp_path / "kiosk.db"
    command = ["--lang", "en", "--database", str(db), "admin", "set-pin", "--role", "technician"]
    assert main(command) == 2
    assert "differ" in capsys.readouterr().err
    answers = iter(["739164", "739164"])
    assert main(command) == 0


def test_the_cli_module_does_not_import_qt() -> None:
    code = (
        "import sys, kiosk.cli; kiosk.cli.build_parser(); "
        "print(any(m.startswith('PySide6') for m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert out.stdout.strip() == "False", out.stderr
