"""Catalog releases in an older format: refused on import and on publish, not served."""

from __future__ import annotations

import json
import logging
import shutil
from datetime import UTC, datetime
from pathlib import Path

import pytest
from central_harness import FIXTURE_CATALOG, Mpp

from central.catalogs import CatalogCache, CatalogError, import_catalog, publish
from central.models import CatalogRelease
from mpp_core.catalog.schema import CatalogInvalid


def v1_files() -> dict[str, object]:
    files: dict[str, object] = {
        p.name: json.loads(p.read_text("utf-8")) for p in sorted(FIXTURE_CATALOG.glob("*.json"))
    }
    head = files["mpp.json"]
    assert isinstance(head, dict)
    head["schema_version"] = 1
    head["catalog_version"] = "lama-1"
    return files


def store_v1_release(mpp: Mpp, *, published: bool) -> None:
    """A release stored before the format changed (as an older server would have)."""
    now = datetime.now(UTC)
    with mpp.db.write() as s:
        s.add(
            CatalogRelease(
                mpp_code="test",
                version="lama-1",
                etag="x" * 64,
                files=v1_files(),
                gerai_count=3,
                service_count=5,
                source="old",
                imported_at=now,
                published_at=now if published else None,
            )
        )


def test_a_version_1_folder_is_refused_on_import(mpp: Mpp, tmp_path: Path) -> None:
    folder = tmp_path / "old"
    shutil.copytree(FIXTURE_CATALOG, folder)
    (folder / "mpp.json").write_text(json.dumps(v1_files()["mpp.json"]), "utf-8")
    with pytest.raises(CatalogInvalid) as exc:
        import_catalog(mpp.db, folder)
    [problem] = exc.value.problems
    assert str(problem).startswith("mpp.json: schema_version: is 1: this catalog is in the old")


def test_a_stored_version_1_release_cannot_be_published(mpp: Mpp) -> None:
    store_v1_release(mpp, published=False)
    with pytest.raises(CatalogError, match="'lama-1' of test cannot be published: kiosks cannot"):
        publish(mpp.db, "test", "lama-1")


def test_a_version_1_release_published_before_the_change_is_not_served(
    mpp: Mpp, caplog: pytest.LogCaptureFixture
) -> None:
    cache = CatalogCache(mpp.db, ttl=0)
    before = cache.get("test")  # the fixture's format 2 catalog
    assert before is not None
    store_v1_release(mpp, published=True)
    with caplog.at_level(logging.WARNING, logger="central.catalogs"):
        assert cache.get("test") is None  # kiosks get 404 and keep their catalog
        assert cache.get("test") is None
    said = [r for r in caplog.records if "is not served" in r.getMessage()]
    assert len(said) == 1  # said once, not at every refresh
    publish(mpp.db, "test", before.version)  # publishing the format 2 one again serves it
    served = cache.get("test")
    assert served is not None and served.version == before.version
