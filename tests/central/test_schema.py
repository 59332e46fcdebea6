"""The central schema: Alembic's migrations from empty give exactly the models (SQLite and
PostgreSQL, column order included), and the ticket columns the kiosk and the server share come
from one definition (``mpp_core.db.tickets.TicketColumns``)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from central_harness import fresh_pg_database, require_postgres
from sqlalchemy import Engine, MetaData, inspect
from sqlalchemy.orm import DeclarativeBase

from central.db import HEAD_REVISION, open_database
from central.models import Base as CentralBase
from mpp_core.db.tickets import TicketColumns

SHARED = [c for c in vars(TicketColumns) if not c.startswith("_")]


def _differences(engine: Engine, metadata: MetaData) -> list[object]:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    with engine.connect() as conn:
        diff: list[object] = compare_metadata(MigrationContext.configure(conn), metadata)
    return diff


def _column_orders(engine: Engine) -> dict[str, list[str]]:
    insp = inspect(engine)
    return {
        t: [c["name"] for c in insp.get_columns(t)]
        for t in insp.get_table_names()
        if t != "alembic_version"
    }


def _model_orders(base: type[DeclarativeBase]) -> dict[str, list[str]]:
    return {t.name: [c.name for c in t.columns] for t in base.metadata.sorted_tables}


@pytest.fixture(params=["sqlite", "postgresql"])
def empty_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A database nobody has touched yet."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'empty.db'}"
        return
    require_postgres()
    with fresh_pg_database("schema") as url:
        yield url


def test_central_migrations_from_empty_give_exactly_the_models(empty_url: str) -> None:
    db = open_database(empty_url, pool_size=1)  # Alembic, from nothing to the head
    try:
        assert db.current_revision() == HEAD_REVISION
        assert _differences(db.write_engine, CentralBase.metadata) == []
        assert _column_orders(db.write_engine) == _model_orders(CentralBase)
    finally:
        db.dispose()


def test_a_model_change_without_a_migration_is_seen(tmp_path: Path) -> None:
    """The comparison above is not blind: a column the migrations lack shows up."""
    from sqlalchemy import Column, Integer

    db = open_database(f"sqlite:///{tmp_path / 'c.db'}", pool_size=1)
    try:
        metadata = MetaData()
        for table in CentralBase.metadata.sorted_tables:
            table.to_metadata(metadata)
        metadata.tables["ticket"].append_column(Column("extra", Integer, nullable=True))
        diff = _differences(db.write_engine, metadata)
        assert [(d[0], d[3].name) for d in diff if isinstance(d, tuple)] == [
            ("add_column", "extra")
        ]
    finally:
        db.dispose()


def test_kiosk_and_server_ticket_tables_share_one_definition(tmp_path: Path) -> None:
    from central.models import Ticket
    from kiosk.store.db import make_engine, migrate
    from kiosk.store.models import Base as KioskBase
    from kiosk.store.models import TicketRow

    assert issubclass(TicketRow, TicketColumns) and issubclass(Ticket, TicketColumns)
    assert len(SHARED) >= 12
    kiosk_t, server_t = KioskBase.metadata.tables["ticket"], CentralBase.metadata.tables["ticket"]
    for name in SHARED:
        k, s = kiosk_t.c[name], server_t.c[name]
        assert (repr(k.type), k.nullable, k.primary_key) == (
            repr(s.type),
            s.nullable,
            s.primary_key,
        ), name
    # The kiosk's migrations (not the models) made this file: its column order is the models'.
    engine = make_engine(tmp_path / "kiosk.db")
    migrate(engine, force_alembic=True)
    try:
        assert _column_orders(engine) == _model_orders(KioskBase)
    finally:
        engine.dispose()
