"""``mpp-central backup`` and ``restore``: SQLite's online backup, pg_dump and pg_restore.

A backup first records when it started (``server_state.backup_started_at``, inside the backup
itself), then copies the database while the server keeps running: SQLite's online backup API
(a consistent copy, page by page), or ``pg_dump --format=custom`` (one snapshot).

A restore replaces the database with the backup (the server must be stopped), brings it to the
current schema, and opens a recovery for every MPP from the backup's start time: the server
then learns the numbers handed out since the backup from the kiosks before it numbers online
again (``central.numbering.recovery``, docs/sync.md).
"""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from central.db import Database, open_database
from central.models import Lease, ServerState, Ticket

BACKUP_MARK = "backup_started_at"


class BackupError(RuntimeError):
    """A backup or restore that could not be done (the message says why)."""


@dataclass(frozen=True)
class BackupResult:
    path: Path
    started_at: datetime
    size: int


def _mark(db: Database, now: datetime) -> None:
    with db.write() as s:
        row = s.get(ServerState, BACKUP_MARK)
        if row is None:
            s.add(ServerState(key=BACKUP_MARK, value=now.isoformat(), updated_at=now))
        else:
            row.value, row.updated_at = now.isoformat(), now


def _pg_args(url: str) -> tuple[str, dict[str, str]]:
    """A libpq connection string for pg_dump/pg_restore (and the password, if any, in the
    environment rather than on the command line)."""
    u = make_url(url)
    env = {"PGPASSWORD": u.password} if u.password else {}
    dsn = u.set(drivername="postgresql", password=None).render_as_string(hide_password=False)
    return dsn, env


def _run(cmd: list[str], env: dict[str, str]) -> None:
    import os

    tool = shutil.which(cmd[0])
    if tool is None:
        raise BackupError(f"{cmd[0]} is not installed (apt-get install postgresql-client)")
    proc = subprocess.run(
        [tool, *cmd[1:]], env={**os.environ, **env}, capture_output=True, text=True
    )
    if proc.returncode != 0:
        raise BackupError(f"{cmd[0]} failed: {proc.stderr.strip()[-2000:]}")


def backup(url: str, target: Path) -> BackupResult:
    """Copy the database at ``url`` into ``target`` while the server runs."""
    db = open_database(url, pool_size=1)
    try:
        started = datetime.now(UTC)
        _mark(db, started)
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_name(target.name + ".partial")
        if db.is_sqlite:
            source_path = make_url(url).database
            assert source_path
            src = sqlite3.connect(source_path)
            dst = sqlite3.connect(partial)
            try:
                with dst:
                    src.backup(dst)
            finally:
                dst.close()
                src.close()
        else:
            dsn, env = _pg_args(url)
            _run(
                [
                    "pg_dump",
                    "--format=custom",
                    "--no-owner",
                    "--no-privileges",
                    f"--file={partial}",
                    dsn,
                ],
                env,
            )
        partial.replace(target)
    finally:
        db.dispose()
    return BackupResult(target, started, target.stat().st_size)


def _backup_time(db: Database) -> datetime:
    """When the restored backup was started; without the mark (a copy made by other means),
    the latest moment the database shows any numbering."""
    with db.read() as s:
        row = s.get(ServerState, BACKUP_MARK)
        if row is not None:
            return datetime.fromisoformat(row.value)
        latest = [
            s.scalar(select(func.max(Ticket.received_at))),
            s.scalar(select(func.max(Lease.created_at))),
        ]
    known = [t for t in latest if t is not None]
    if not known:
        raise BackupError("the restored database shows no backup time and no numbers")
    return max(known)


def restore(url: str, source: Path) -> tuple[Database, datetime]:
    """Replace the database at ``url`` with the backup ``source`` (the server must be
    stopped); returns the database, migrated, and when the backup was started."""
    if not source.is_file():
        raise BackupError(f"no backup at {source}")
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        assert parsed.database
        with sqlite3.connect(source) as check:
            if check.execute("PRAGMA integrity_check").fetchone() != ("ok",):
                raise BackupError(f"{source} is not a sound SQLite database")
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        src = sqlite3.connect(source)
        dst = sqlite3.connect(parsed.database)
        try:
            with dst:
                src.backup(dst)
        finally:
            dst.close()
            src.close()
    else:
        dsn, env = _pg_args(url)
        _run(
            [
                "pg_restore",
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--exit-on-error",
                f"--dbname={dsn}",
                str(source),
            ],
            env,
        )
    db = open_database(url, pool_size=2)
    return db, _backup_time(db)
