"""Fixtures for the kiosk sync tests: a central server (in this process or a real one) and
kiosks built without their screens."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "central"))

from central_harness import (  # noqa: E402
    Central,
    Mpp,
    SqliteTemplate,
    fresh_pg_database,
    require_postgres,
    setup_mpp,
)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> SqliteTemplate:
    return SqliteTemplate(tmp_path_factory.mktemp("template"))


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    require_postgres()
    with fresh_pg_database("s") as url:
        yield url


@pytest.fixture
def mpp(sqlite_template: SqliteTemplate, tmp_path: Path) -> Iterator[Mpp]:
    """An MPP on a SQLite central database: the test catalog published, three kiosks."""
    m = setup_mpp(sqlite_template.fresh(tmp_path), tmp_path, ["k1", "k2", "k3"])
    yield m
    m.db.dispose()


@pytest.fixture
def central(mpp: Mpp) -> Iterator[Central]:
    c = Central(mpp)
    yield c
    c.stop()
