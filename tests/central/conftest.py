"""Fixtures for the central server tests: every database test runs on SQLite and PostgreSQL.

One database and one in-process server per backend serve the whole session; each test starts
from empty tables (the server's caches are off, so nothing carries over).
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from api_client import Client
from central_harness import (
    Mpp,
    ThreadServer,
    fresh_pg_database,
    require_postgres,
    setup_mpp,
    truncate_all,
)

from central.db import open_database
from central.settings import Settings


@pytest.fixture(scope="session")
def sqlite_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('central') / 'central.db'}"
    open_database(url, pool_size=1).dispose()
    return url


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    require_postgres()
    with fresh_pg_database("c") as url:
        open_database(url, pool_size=1).dispose()
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest) -> str:
    """An empty, migrated central database (SQLite or PostgreSQL)."""
    name = {"sqlite": "sqlite_url", "postgresql": "postgres_url"}[request.param]
    url: str = request.getfixturevalue(name)
    db = open_database(url, pool_size=1, migrate=False)
    truncate_all(db)
    db.dispose()
    return url


@pytest.fixture
def mpp(db_url: str, tmp_path: Path) -> Iterator[Mpp]:
    """An MPP with the test catalog published and three kiosks."""
    m = setup_mpp(db_url, tmp_path, ["k1", "k2", "k3"])
    yield m
    m.db.dispose()


@pytest.fixture(scope="session")
def servers() -> Iterator[dict[str, ThreadServer]]:
    running: dict[str, ThreadServer] = {}
    yield running
    for srv in running.values():
        srv.stop()


@pytest.fixture
def server(mpp: Mpp, servers: dict[str, ThreadServer]) -> ThreadServer:
    """The API in this process over the ``mpp`` database (caches off)."""
    if mpp.url not in servers:
        servers[mpp.url] = ThreadServer(
            Settings(database_url=mpp.url, auth_cache_s=0, catalog_cache_s=0)
        )
    return servers[mpp.url]


@pytest.fixture
def k1(server: ThreadServer, mpp: Mpp) -> Client:
    """Kiosk k1's client."""
    return Client(server, mpp.token("k1"))


@pytest.fixture
def k2(server: ThreadServer, mpp: Mpp) -> Client:
    return Client(server, mpp.token("k2"))
