"""The SQLite connection set-up both the kiosk and the central server use.

WAL with synchronous=FULL keeps a committed number on disk before anything is printed or
answered; foreign keys are on; a busy connection waits up to 30 s. Write engines start every
transaction with BEGIN IMMEDIATE, so two processes (or threads) sharing the file serialise
their writes instead of failing when a read would have to turn into a write; read engines
use ordinary deferred transactions and never wait for a writer.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event

BUSY_TIMEOUT_S = 30
PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    "PRAGMA synchronous=FULL",
    "PRAGMA foreign_keys=ON",
    f"PRAGMA busy_timeout={BUSY_TIMEOUT_S * 1000}",
)


def sqlite_url(path: Path | str) -> str:
    """The SQLAlchemy URL of a SQLite file (``":memory:"`` for an in-memory database)."""
    return "sqlite://" if str(path) == ":memory:" else f"sqlite:///{Path(path)}"


def configure_sqlite(engine: Engine, *, immediate: bool = True) -> Engine:
    """Apply the pragmas on every new connection and choose how transactions begin."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # the "begin" event below issues BEGIN
        cur = dbapi_conn.cursor()
        for pragma in PRAGMAS:
            cur.execute(pragma)
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")

    return engine


def sqlite_engine(url: str, *, immediate: bool = True, **kwargs: Any) -> Engine:
    """A configured engine for a SQLite URL; ``kwargs`` go to ``create_engine``."""
    engine = create_engine(
        url, connect_args={"timeout": BUSY_TIMEOUT_S, "check_same_thread": False}, **kwargs
    )
    return configure_sqlite(engine, immediate=immediate)
