"""The kiosk's SQLite database: engine set-up, schema migrations at start."""

from __future__ import annotations

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


def open_database(path: Path | str) -> Engine:
    """Create the folder, open the database and migrate it."""
    if str(path) != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    engine = make_engine(path)
    migrate(engine)
    return engine
