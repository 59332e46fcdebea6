"""The catalog in the database: first-start seeding, export/import, refusals keep the old."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from kiosk.store.db import HEAD_REVISION, MIGRATIONS, current_revision, open_database
from kiosk.store.uow import UnitOfWorkFactory
from kiosk.usecases.catalog import CatalogStore
from mpp_core.catalog.files import DEFAULT_CATALOG_DIR

from ..conftest import MINI_CATALOG, ROOT


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )


def test_head_revision_constant_matches_the_migrations(db_path: Path) -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    assert ScriptDirectory.from_config(cfg).get_current_head() == HEAD_REVISION
    engine = open_database(db_path)
    assert current_revision(engine) == HEAD_REVISION


@pytest.mark.parametrize("alembic", [True, False], ids=["migrations", "new-database"])
def test_migrations_match_the_models(db_path: Path, alembic: bool) -> None:
    """Both ways to the newest schema (the migrations from empty, and a new database made
    from the models and stamped) give exactly the models' schema."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from kiosk.store.db import make_engine, migrate
    from kiosk.store.models import Base

    engine = make_engine(db_path)
    assert migrate(engine, force_alembic=alembic) == HEAD_REVISION
    assert current_revision(engine) == HEAD_REVISION
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    assert diff == []


def test_export_then_import_round_trips_exactly(tmp_path: Path) -> None:
    db = tmp_path / "k.db"
    out = tmp_path / "export"
    r = cli("--database", str(db), "catalog", "export", str(out))
    assert r.returncode == 0, r.stderr
    for src in DEFAULT_CATALOG_DIR.glob("*.json"):
        assert (out / src.name).read_bytes() == src.read_bytes(), src.name
    r = cli("--database", str(db), "catalog", "import", str(out))
    assert r.returncode == 0, r.stderr
    out2 = tmp_path / "export2"
    assert cli("--database", str(db), "catalog", "export", str(out2)).returncode == 0
    assert sorted(p.read_bytes() for p in out.glob("*.json")) == sorted(
        p.read_bytes() for p in out2.glob("*.json")
    )


def test_stats_json_counts(tmp_path: Path) -> None:
    r = cli("--database", str(tmp_path / "k.db"), "catalog", "stats", "--json")
    assert r.returncode == 0, r.stderr
    stats = json.loads(r.stdout)
    assert (stats["gerai"], stats["services"]) == (25, 286)
    assert sum(g["services"] for g in stats["per_gerai"]) == 286


def test_bad_import_is_refused_and_the_catalog_in_use_is_kept(tmp_path: Path) -> None:
    db = tmp_path / "k.db"
    store = CatalogStore(UnitOfWorkFactory(open_database(db)))
    before = store.load(seed_dir=MINI_CATALOG)
    bad = tmp_path / "bad"
    shutil.copytree(MINI_CATALOG, bad)
    (bad / "02-dinkes.json").write_bytes(b"\x00" * (10 * 1024 * 1024))
    r = cli("--lang", "en", "--database", str(db), "catalog", "import", str(bad))
    assert r.returncode == 2
    assert "02-dinkes.json: file is 10,485,760 bytes" in r.stderr
    assert "unchanged" in r.stderr
    again = CatalogStore(UnitOfWorkFactory(open_database(db))).load()
    assert again == before


def test_catalog_from_the_database_equals_the_files(tmp_path: Path) -> None:
    from mpp_core.catalog.files import read_catalog_dir

    engine = open_database(tmp_path / "k.db")
    CatalogStore(UnitOfWorkFactory(engine)).load()  # first start: imported from the files
    again = CatalogStore(UnitOfWorkFactory(engine)).load()  # later starts: from the database
    assert again == read_catalog_dir(DEFAULT_CATALOG_DIR)
