"""The kiosk's SQLite database: engine set-up, schema migrations at start."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from sqlalchemy import Engine, text
from sqlalchemy.exc import OperationalError

from mpp_core.db.sqlite import sqlite_engine, sqlite_url

MIGRATIONS = Path(__file__).with_name("migrations")
# The newest migration; checked at start without importing Alembic (a test keeps it true).
HEAD_REVISION = "0004"


def make_engine(path: Path | str) -> Engine:
    """An engine for the kiosk's SQLite file at ``path`` (see ``mpp_core.db.sqlite``): every
    transaction begins IMMEDIATE, so two kiosk processes sharing the file never draw the
    same number."""
    return sqlite_engine(sqlite_url(path), immediate=True)


def current_revision(engine: Engine) -> str | None:
    try:
        with engine.connect() as conn:
            row = conn.execute(text("SELECT version_num FROM alembic_version")).first()
    except OperationalError:
        return None
    return None if row is None else str(row[0])


def _is_empty(engine: Engine) -> bool:
    with engine.connect() as conn:
        n = conn.exec_driver_sql("SELECT count(*) FROM sqlite_master WHERE type = 'table'").scalar()
    return not n


def migrate(engine: Engine, *, force_alembic: bool = False) -> str:
    """Bring the schema to the newest revision; returns it. Fast when already current.

    A new, empty database gets the current schema straight from the models and is stamped
    with the newest revision (Alembic is not even imported: it costs start-up time and
    memory); an older database is upgraded by the Alembic migrations. Tests run the
    migrations from empty and compare the result with the models.
    """
    revision = current_revision(engine)
    if revision == HEAD_REVISION:
        return HEAD_REVISION
    if revision is None and not force_alembic and _is_empty(engine):
        from kiosk.store.models import Base

        with engine.begin() as conn:
            Base.metadata.create_all(conn)
            conn.exec_driver_sql(
                "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, "
                "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))"
            )
            conn.exec_driver_sql(
                "INSERT INTO alembic_version (version_num) VALUES (?)", (HEAD_REVISION,)
            )
        return HEAD_REVISION
    from alembic import command
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    rev = current_revision(engine)
    assert rev is not None
    return rev


DATA_DIR_MODE = 0o700  # the data folder: the kiosk's user alone
DATABASE_MODE = 0o600  # the file holds the staff PIN hashes


def private_file(path: Path) -> None:
    """Create ``path`` (and its folder) readable by its owner only, or make an existing one
    so. SQLite gives its -wal and -shm files the database file's mode."""
    path.parent.mkdir(mode=DATA_DIR_MODE, parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, DATABASE_MODE)
    try:
        os.fchmod(fd, DATABASE_MODE)
    finally:
        os.close(fd)
    for extra in ("-wal", "-shm"):
        with contextlib.suppress(FileNotFoundError):
            os.chmod(f"{path}{extra}", DATABASE_MODE)


def close_database(engine: Engine) -> None:
    """At the kiosk's stop: the write-ahead log (with the outbox rows in it) is copied into
    the database file and emptied, and every connection closed."""
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    except OperationalError:
        pass  # busy or gone: the log is replayed at the next start anyway
    engine.dispose()


def open_database(path: Path | str) -> Engine:
    """Create the folder and the file (both private), open the database and migrate it."""
    if str(path) != ":memory:":
        private_file(Path(path))
    engine = make_engine(path)
    migrate(engine)
    return engine
