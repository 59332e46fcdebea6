"""Fixtures for the central server tests: every database test runs on SQLite and PostgreSQL."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from central_harness import (  # noqa: E402
    Mpp,
    SqliteTemplate,
    ThreadServer,
    fresh_pg_database,
    require_postgres,
    setup_mpp,
    truncate_all,
)

from central.db import open_database  # noqa: E402
from central.settings import Settings  # noqa: E402


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> SqliteTemplate:
    return SqliteTemplate(tmp_path_factory.mktemp("template"))


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    require_postgres()
    with fresh_pg_database("c") as url:
        db = open_database(url, pool_size=1)
        db.dispose()
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path,
           sqlite_template: SqliteTemplate) -> Iterator[str]:
    """An empty, migrated central database: a SQLite file, or the session's PostgreSQL one."""
    if request.param == "sqlite":
        yield sqlite_template.fresh(tmp_path)
        return
    url = request.getfixturevalue("postgres_url")
    db = open_database(url, pool_size=1)
    truncate_all(db)
    db.dispose()
    yield url


@pytest.fixture
def mpp(db_url: str, tmp_path: Path) -> Iterator[Mpp]:
    """An MPP with the test catalog published and three kiosks."""
    m = setup_mpp(db_url, tmp_path, ["k1", "k2", "k3"])
    yield m
    m.db.dispose()


@pytest.fixture
def server(mpp: Mpp) -> Iterator[ThreadServer]:
    """The API in this process, over the ``mpp`` database (caches off)."""
    srv = ThreadServer(Settings(database_url=mpp.url, auth_cache_s=0, catalog_cache_s=0))
    yield srv
    srv.stop()
