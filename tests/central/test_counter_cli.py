"""``mpp-central user ...``, ``counter rule``, ``notice`` and ``kiosk rotate-status-key``; and
the session rules (idle and absolute timeouts, disabled accounts)."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

from central_harness import write_catalog
from sqlalchemy import select
from test_cli_and_reports import run, run_process

from central.accounts.sessions import LIMITS, create_session, load_session
from central.accounts.users import as_user, password_login
from central.calls.rules import rule_for
from central.calls.views import NOTICE_KEY
from central.db import open_database
from central.models import ServerState, StatusKey, WebAudit, WebSession, WebUser


def test_user_commands_print_secrets_once_and_keep_only_hashes(tmp_path: Path) -> None:
    db = tmp_path / "central.db"
    assert run(db, "catalog", "import", str(write_catalog(tmp_path / "cat"))).returncode == 0
    assert run(db, "catalog", "publish").returncode == 0
    r = run(
        db,
        "user",
        "add",
        "budi",
        "--role",
        "petugas",
        "--mpp",
        "test",
        "--gerai",
        "dukcapil",
        "--loket",
        "2",
        "--generate",
    )
    assert r.returncode == 0, r.stderr
    password = re.search(r"once\): (\S+)", r.stdout)
    assert password is not None and len(password.group(1)) == 16
    r = run(db, "user", "add", "tv", "--role", "display", "--mpp", "test")
    token = re.search(r"(mppb_\S+)", r.stdout)
    assert r.returncode == 0 and token is not None
    # Refusals: a petugas without a loket, a role that does not exist, a name taken, no tty.
    assert (
        run(
            db,
            "user",
            "add",
            "x1",
            "--role",
            "petugas",
            "--mpp",
            "test",
            "--generate",
            "--gerai",
            "dukcapil",
        ).returncode
        == 2
    )
    assert run_process(db, "user", "add", "x2", "--role", "boss", "--mpp", "test").returncode == 2
    assert (
        run(
            db, "user", "add", "budi", "--role", "supervisor", "--mpp", "test", "--generate"
        ).returncode
        == 2
    )
    r = run_process(db, "user", "add", "x3", "--role", "supervisor", "--mpp", "test")
    assert r.returncode == 2 and "--generate" in r.stderr
    listing = run(db, "user", "list").stdout
    assert "budi" in listing and "petugas" in listing and "tv" in listing
    assert password.group(1) not in listing and token.group(1) not in listing

    database = open_database(f"sqlite:///{db}")
    with database.read() as s:
        rows = {u.name: u for u in s.scalars(select(WebUser))}
    assert rows["budi"].password_hash is not None
    assert password.group(1) not in rows["budi"].password_hash
    assert rows["tv"].board_token_hash is not None and token.group(1) not in str(vars(rows["tv"]))
    now = datetime.now(UTC)
    assert password_login(database, "budi", password.group(1), now).user is not None

    assert run(db, "user", "disable", "budi").returncode == 0
    assert password_login(database, "budi", password.group(1), now).user is None
    r = run(db, "user", "reset", "budi", "--generate")
    new = re.search(r"once\): (\S+)", r.stdout)
    assert new is not None and password_login(database, "budi", new.group(1), now).user
    r = run(db, "user", "reset", "tv")
    assert r.returncode == 0 and "mppb_" in r.stdout and token.group(1) not in r.stdout
    assert run(db, "user", "reset", "nobody", "--generate").returncode == 2

    assert (
        run(
            db, "counter", "rule", "--mpp", "test", "--priority-every", "4", "--no-show-after", "1"
        ).returncode
        == 0
    )
    assert (
        run(
            db,
            "counter",
            "rule",
            "--mpp",
            "test",
            "--gerai",
            "dinkes",
            "--priority-every",
            "0",
            "--no-show-after",
            "3",
        ).returncode
        == 0
    )
    assert (
        run(
            db, "counter", "rule", "--mpp", "test", "--priority-every", "-1", "--no-show-after", "1"
        ).returncode
        == 2
    )
    assert run(db, "notice", "--mpp", "test", "Tutup", "pukul", "15.00").returncode == 0
    assert run(db, "notice", "--mpp", "test", "x" * 300).returncode == 2
    assert run(db, "kiosk", "add", "k1").returncode == 0
    assert run(db, "kiosk", "rotate-status-key", "k1").returncode == 0
    assert run(db, "kiosk", "rotate-status-key", "nope").returncode == 2
    with database.read() as s:
        assert rule_for(s, "test", "dukcapil").priority_every == 4
        assert rule_for(s, "test", "dinkes").no_show_after == 3
        notice = s.get(ServerState, NOTICE_KEY + "test")
        assert notice is not None and notice.value == "Tutup pukul 15.00"
        assert len(s.scalars(select(StatusKey)).all()) == 1
        actions = set(s.scalars(select(WebAudit.action)))
    assert {
        "user_add",
        "user_disable",
        "user_reset",
        "rule_change",
        "notice_change",
        "status_key_rotate",
    } <= actions
    database.dispose()


def test_sessions_end_after_idle_and_absolute_timeouts(tmp_path: Path) -> None:
    db = tmp_path / "central.db"
    run(db, "catalog", "import", str(write_catalog(tmp_path / "cat")))
    run(db, "user", "add", "sari", "--role", "supervisor", "--mpp", "test", "--generate")
    database = open_database(f"sqlite:///{db}")
    with database.read() as s:
        row = s.scalar(select(WebUser).where(WebUser.name == "sari"))
        assert row is not None
        user = as_user(row)
    idle, absolute = LIMITS["supervisor"]
    t0 = datetime.now(UTC)
    cookie = create_session(database, user, t0)
    with database.read() as s:
        stored = s.scalars(select(WebSession.id)).all()
    assert stored and cookie not in stored  # only a hash of the cookie is kept
    at = t0
    while at - t0 < absolute - idle:
        at += idle - timedelta(minutes=1)
        assert load_session(database, cookie, at) is not None  # in use: kept alive
    assert load_session(database, cookie, t0 + absolute + timedelta(minutes=1)) is None
    cookie = create_session(database, user, t0)
    assert load_session(database, cookie, t0 + idle + timedelta(minutes=1)) is None
    assert load_session(database, "not-a-session", t0) is None
    database.dispose()
