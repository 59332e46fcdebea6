"""Engines, sessions and migrations for SQLite (embedded default) and PostgreSQL.

On SQLite every write transaction starts with BEGIN IMMEDIATE (writers queue on the busy
timeout instead of failing when a read would have to turn into a write) and WAL with
synchronous=FULL keeps a handed-out number on disk before the answer leaves the server.
Reads use a second engine with ordinary deferred transactions, so they never wait for a
writer. PostgreSQL runs at READ COMMITTED: the counter row of a gerai and day is the lock
that serialises numbering (see ``central.numbering.counters``).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TypeVar

from sqlalchemy import Connection, Engine, create_engine, make_url, text
from sqlalchemy.exc import IntegrityError, OperationalError, ProgrammingError
from sqlalchemy.orm import Session, sessionmaker

from mpp_core.db.sqlite import sqlite_engine

MIGRATIONS = Path(__file__).with_name("migrations")
HEAD_REVISION = "0002"
WRITE_ATTEMPTS = 3  # run_write: tries of a transaction that loses a race on a unique key
log = logging.getLogger("central.db")
T = TypeVar("T")


def _sqlite_engine(url: str, *, immediate: bool, pool_size: int) -> Engine:
    return sqlite_engine(url, immediate=immediate, pool_size=pool_size, max_overflow=pool_size)


class Database:
    """The server's database: ``with db.write() as s:`` commits on success, rolls back on error."""

    def __init__(self, url: str, *, pool_size: int = 10) -> None:
        parsed = make_url(url)
        self.url = url
        self.dialect = parsed.get_backend_name()
        if self.dialect == "sqlite":
            if parsed.database in (None, "", ":memory:"):
                raise ValueError("the central SQLite database must be a file")
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
            self.write_engine = _sqlite_engine(url, immediate=True, pool_size=pool_size)
            self.read_engine = _sqlite_engine(url, immediate=False, pool_size=pool_size)
        elif self.dialect == "postgresql":
            # No pre-ping (it would cost a round trip per request); a connection broken by a
            # database restart fails one request (503, the kiosk retries) and is replaced.
            self.write_engine = create_engine(
                url, pool_size=pool_size, max_overflow=pool_size, pool_recycle=3600
            )
            self.read_engine = self.write_engine
        else:
            raise ValueError(f"unsupported database {self.dialect!r}: use SQLite or PostgreSQL")
        self._write_lock = threading.Lock() if self.dialect == "sqlite" else None
        self._write = sessionmaker(self.write_engine, expire_on_commit=False)
        self._read = sessionmaker(self.read_engine, expire_on_commit=False)

    @property
    def is_sqlite(self) -> bool:
        return self.dialect == "sqlite"

    @contextmanager
    def write(self) -> Iterator[Session]:
        if self._write_lock is not None:
            # SQLite has one writer at a time anyway: queue this process's threads here
            # rather than in SQLite's busy handler, which sleeps in growing steps.
            with self._write_lock, self._write() as session, session.begin():
                yield session
            return
        with self._write() as session, session.begin():
            yield session

    def run_write(self, fn: Callable[[Session], T]) -> T:
        """Run ``fn`` in one write transaction, again if it lost a race on a unique key."""
        for attempt in range(WRITE_ATTEMPTS):
            try:
                with self.write() as s:
                    return fn(s)
            except IntegrityError:
                if attempt == WRITE_ATTEMPTS - 1:
                    raise
                log.info("write lost a race on a unique key; trying again")
        raise AssertionError("unreachable")

    @contextmanager
    def autocommit(self) -> Iterator[Connection]:
        """A connection where each statement is its own transaction (PostgreSQL fast paths)."""
        with self.write_engine.connect() as conn:
            yield conn.execution_options(isolation_level="AUTOCOMMIT")

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self._read() as session, session.begin():
            yield session

    def ping(self) -> None:
        with self.read_engine.connect() as conn:
            conn.execute(text("SELECT 1"))

    def current_revision(self) -> str | None:
        try:
            with self.read_engine.connect() as conn:
                row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
        except (OperationalError, ProgrammingError):
            return None
        return None if row is None else str(row[0])

    def migrate(self) -> str:
        """Bring the schema to the newest revision; returns it."""
        if self.current_revision() == HEAD_REVISION:
            return HEAD_REVISION
        from alembic import command
        from alembic.config import Config

        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        with self.write_engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
        rev = self.current_revision()
        assert rev is not None
        return rev

    def dispose(self) -> None:
        self.write_engine.dispose()
        if self.read_engine is not self.write_engine:
            self.read_engine.dispose()


def open_database(url: str, *, pool_size: int = 10, migrate: bool = True) -> Database:
    db = Database(url, pool_size=pool_size)
    if migrate:
        db.migrate()
    return db
