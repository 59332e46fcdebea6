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
from mpp_core.catalog.files import DEFAULT_CATALOG_DIR, read_catalog_dir

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


# ------------------------------------------------------------------ a database from before format 2

V1_MPP = {
    "code": "test",
    "name": "MPP Lama",
    "full_name": "Mal Pelayanan Publik Lama",
    "city": "Kota Uji",
    "address": "Jl. Uji No. 1",
    "notice": "Katalog lama.",
    "notice_en": "Old catalog.",
    "complaints": "SP4N-LAPOR!",
}
WEEK = {d: [["08:00", "15:00"]] for d in ("mon", "tue", "wed", "thu", "fri")} | {
    "sat": [],
    "sun": [],
}


def old_database(path: Path, *, source: str):  # type: ignore[no-untyped-def]
    """A kiosk database at revision 0003 holding a format 1 catalog (Indonesian only)."""
    import json
    from datetime import UTC, datetime

    from alembic import command
    from alembic.config import Config

    from kiosk.store.db import make_engine

    engine = make_engine(path)
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0003")
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO catalog_meta VALUES (1, 1, 'v1-lama', ?, ?, ?, ?, ?)",
            (
                json.dumps(V1_MPP),
                json.dumps(WEEK),
                json.dumps([{"date": "2026-12-25", "name": "Hari Raya Natal"}]),
                source,
                datetime(2026, 11, 30, tzinfo=UTC).replace(tzinfo=None).isoformat(" "),
            ),
        )
        conn.exec_driver_sql(
            "INSERT INTO gerai VALUES ('dukcapil', 'Dispendukcapil', 'Population Registry', "
            "'Dinas Dukcapil', 'A', 'Lantai 2, loket 1', '2nd floor, counter 1', 1, '#0B4F8A', "
            "'id-card', 'open', NULL, '[]', 2, 10)"
        )
        conn.exec_driver_sql(
            "INSERT INTO service VALUES ('ktp-el-baru', 'dukcapil', 1, 'KTP-el Baru', "
            "'New e-ID card', ?, ?, ?, '1 hari kerja', 0, NULL, 'KTP-el', 'Meja pengaduan', "
            "NULL, 0, 1, NULL)",
            (
                json.dumps(["ktp"]),
                json.dumps(
                    [
                        {"text": "Kartu Keluarga", "form": "fotokopi", "note": None},
                        {"text": "Surat pengantar", "form": "asli", "note": "dari kelurahan"},
                        "Hadir sendiri",
                    ]
                ),
                json.dumps(["Ambil nomor antrean", "Serahkan berkas"]),
            ),
        )
    return engine


def test_a_format_1_database_upgrades_and_keeps_its_catalog(tmp_path: Path) -> None:
    """A catalog that came from the server stays (in Indonesian) until the server sends a
    format 2 one; the migrated schema is exactly the models'."""
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext

    from kiosk.store.models import Base

    db = tmp_path / "old.db"
    old_database(db, source="server v1-lama (abc123)")
    engine = open_database(db)
    assert current_revision(engine) == HEAD_REVISION
    with engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []

    store = CatalogStore(UnitOfWorkFactory(engine))
    catalog = store.load(seed_dir=MINI_CATALOG)
    assert (catalog.version, catalog.schema_version, catalog.has_english) == ("v1-lama", 1, False)
    g = catalog.gerai[0]
    s = g.services[0]
    assert g.display_location("id") == "Lantai 2, loket 1"
    assert g.display_location("en") == "2nd floor, counter 1"
    assert g.agency_in("en") == "Dinas Dukcapil"  # no English yet: the Indonesian
    assert s.display_name("en") == "New e-ID card"
    assert [r.describe("en") for r in s.requirements] == [
        "Kartu Keluarga (photocopy)",
        "Surat pengantar (original): dari kelurahan",
        "Hadir sendiri",
    ]
    assert s.steps_in("en") == ("Ambil nomor antrean", "Serahkan berkas")
    assert (s.processing_time_in("en"), s.product_in("en")) == ("1 hari kerja", "KTP-el")
    assert s.fee_note is None and s.fee_note_in("en") is None
    assert catalog.mpp.name_in("en") == "MPP Lama"
    assert catalog.holidays[0].name_in("en") == "Hari Raya Natal"

    # Its export is in format 2 with the English to fill in, which an import names.
    from mpp_core.catalog.schema import CatalogInvalid

    out = tmp_path / "export"
    store.export_dir(out)
    with pytest.raises(CatalogInvalid) as exc:
        read_catalog_dir(out)
    found = [str(p) for p in exc.value.problems]
    assert "mpp.json: mpp.name_en: English version is empty" in found
    assert (
        "01-dukcapil.json: services[0] (ktp-el-baru).requirements[0].text_en: "
        "English version is empty"
    ) in found


def test_a_format_1_catalog_seeded_from_the_default_is_replaced_by_the_new_default(
    tmp_path: Path,
) -> None:
    db = tmp_path / "old.db"
    old_database(db, source=str(MINI_CATALOG))
    engine = open_database(db)
    catalog = CatalogStore(UnitOfWorkFactory(engine)).load(seed_dir=MINI_CATALOG)
    assert (catalog.version, catalog.has_english) == ("test-1", True)
    assert catalog == read_catalog_dir(MINI_CATALOG)
    again = CatalogStore(UnitOfWorkFactory(engine)).load(seed_dir=MINI_CATALOG)
    assert again == catalog


def test_migration_0004_goes_down_and_up_again(tmp_path: Path) -> None:
    import json

    from alembic import command
    from alembic.config import Config

    db = tmp_path / "old.db"
    engine = old_database(db, source="server")
    open_database(db)
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0003")
    assert current_revision(engine) == "0003"
    with engine.connect() as conn:
        reqs, steps = conn.exec_driver_sql("SELECT requirements, procedure FROM service").one()
    assert json.loads(steps) == ["Ambil nomor antrean", "Serahkan berkas"]
    assert json.loads(reqs)[2] == {"text": "Hadir sendiri", "form": None, "note": None}
    open_database(db)
    assert current_revision(engine) == HEAD_REVISION
