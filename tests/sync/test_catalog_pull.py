"""Catalog pull: a whole valid catalog replaces the old one in one transaction; anything else
leaves the old one in place and is reported."""

from __future__ import annotations

import copy
import json
import threading
from pathlib import Path
from typing import Any

import pytest
from central_harness import Central, Mpp, write_catalog
from faultproxy import FaultProxy, Rule
from kiosk_harness import make_kiosk

from central.catalogs import import_catalog, publish
from kiosk.sync.catalog import CatalogPuller, CatalogRefused
from kiosk.sync.client import Answer, ApiClient, Unreachable
from kiosk.sync.settings import ServerSettings
from mpp_core.catalog.files import read_catalog_dir
from mpp_core.domain.catalog import Catalog
from mpp_core.wire.protocol import canonical_catalog_docs, catalog_etag


def payload(catalog: Catalog) -> dict[str, Any]:
    docs = canonical_catalog_docs(catalog)
    return {
        "mpp": "test",
        "version": catalog.version,
        "etag": catalog_etag(docs),
        "published_at": "2026-11-28T00:00:00+00:00",
        "files": docs,
    }


def publish_v2(mpp: Mpp, tmp_path: Path) -> None:
    import_catalog(mpp.db, write_catalog(tmp_path / "v2", version="e2e-2", extra_service=True))
    publish(mpp.db)


def test_a_new_catalog_is_pulled_and_applied(tmp_path: Path, mpp: Mpp, central: Central) -> None:
    k = make_kiosk(tmp_path, "k1", mpp.catalog_dir, url=central.url, token=mpp.token("k1"))
    assert k.sync is not None
    try:
        assert k.sync.engine.puller.check().status == "unchanged"  # 304: same ETag
        publish_v2(mpp, tmp_path)
        result = k.sync.engine.puller.check()
        assert (result.status, result.version) == ("applied", "e2e-2")
        assert k.store.current.version == "e2e-2"
        assert k.store.current.service_by_code("sik-perawat") is not None
        with k.uow() as u:
            assert u.catalog.version() == "e2e-2"
        assert k.sync.engine.puller.check().status == "unchanged"
        k.sync.engine.pull_catalog()
        assert k.sync.status.catalog_version == "e2e-2" and k.sync.status.catalog_error is None
    finally:
        k.close()


def test_the_kiosks_etag_matches_the_servers_for_the_same_catalog(mpp: Mpp) -> None:
    from central.catalogs import CatalogCache

    published = CatalogCache(mpp.db, 0).get("test")
    local = read_catalog_dir(mpp.catalog_dir)
    assert published is not None
    assert published.etag == catalog_etag(canonical_catalog_docs(local))
    # Canonical form is stable through a parse/serialise round trip.
    assert catalog_etag(canonical_catalog_docs(published.catalog)) == published.etag


@pytest.mark.parametrize("fault", ["truncate", "garbage", "500", "drop_after"])
def test_a_damaged_answer_keeps_the_old_catalog(
    tmp_path: Path, mpp: Mpp, central: Central, fault: str
) -> None:
    proxy = FaultProxy(central.port).start()
    k = make_kiosk(
        tmp_path, "k1", mpp.catalog_dir, url=proxy.url, token=mpp.token("k1"), server={"retries": 0}
    )
    assert k.sync is not None
    try:
        publish_v2(mpp, tmp_path)
        proxy.set(Rule("/api/v1/catalog", fault))
        with pytest.raises(Unreachable):
            k.sync.engine.puller.check()
        assert k.store.current.version == "e2e-1"
        with k.uow() as u:
            assert u.catalog.version() == "e2e-1"
        proxy.clear()
        assert k.sync.engine.puller.check().status == "applied"
    finally:
        k.close()
        proxy.stop()


def _broken(kind: str, good: dict[str, Any]) -> dict[str, Any]:
    bad = copy.deepcopy(good)
    files = bad["files"]
    if kind == "duplicate prefix":  # each file valid alone; the references clash
        files["02-dinkes.json"]["prefix"] = "A"
    elif kind == "missing field":
        del files["01-dukcapil.json"]["services"][0]["procedure"]
    elif kind == "unknown file":
        files["notes.json"] = {"x": 1}
    elif kind == "version mismatch":
        bad["version"] = "e2e-9"
        return bad  # the ETag still matches the files
    elif kind == "etag mismatch":
        files["01-dukcapil.json"]["name"] = "Tampered"
        return bad
    elif kind == "not an object":
        return {"files": []}  # type: ignore[dict-item]
    bad["etag"] = catalog_etag(files)
    return bad


@pytest.mark.parametrize(
    "kind",
    [
        "duplicate prefix",
        "missing field",
        "unknown file",
        "version mismatch",
        "etag mismatch",
        "not an object",
    ],
)
def test_a_bad_catalog_payload_is_refused_whole(tmp_path: Path, mpp: Mpp, kind: str) -> None:
    k = make_kiosk(tmp_path, "k1", mpp.catalog_dir)
    v2 = read_catalog_dir(write_catalog(tmp_path / "v2", version="e2e-2", extra_service=True))
    bad = _broken(kind, payload(v2))
    applied: list[str] = []
    client = ApiClient(ServerSettings(url="http://unused", token="mppk_abcdefgh"))
    client.request = lambda *a, **kw: Answer(200, bad, {})  # type: ignore[method-assign]
    puller = CatalogPuller(
        client, lambda: k.store.current, lambda c, source: applied.append(c.version)
    )
    try:
        with pytest.raises(CatalogRefused):
            puller.check()
        assert applied == [] and k.store.current.version == "e2e-1"
    finally:
        k.close()


def test_a_refused_catalog_is_reported_to_staff(tmp_path: Path, mpp: Mpp, central: Central) -> None:
    k = make_kiosk(tmp_path, "k1", mpp.catalog_dir, url=central.url, token=mpp.token("k1"))
    assert k.sync is not None
    v2 = read_catalog_dir(write_catalog(tmp_path / "v2", version="e2e-2"))
    bad = _broken("duplicate prefix", payload(v2))
    real = k.sync.client.request

    def fake(method: str, path: str, **kw: Any) -> Answer:
        if path == "/catalog":
            return Answer(200, bad, {})
        return real(method, path, **kw)

    k.sync.client.request = fake  # type: ignore[method-assign]
    try:
        assert k.pass_once()  # the rest of the pass still works
        st = k.sync.status
        assert st.catalog_error and "prefix" in st.catalog_error and st.online
        assert any("Katalog ditolak" in line("id") for line in st.lines())
        assert k.store.current.version == "e2e-1"
    finally:
        k.close()


def test_no_reader_ever_sees_half_a_catalog(tmp_path: Path, mpp: Mpp) -> None:
    """Replacing the catalog over and over while another thread reads it from the database."""
    k = make_kiosk(tmp_path, "k1", mpp.catalog_dir)
    v1 = k.store.current
    v2 = read_catalog_dir(write_catalog(tmp_path / "v2", version="e2e-2", extra_service=True))
    good = {catalog_etag(canonical_catalog_docs(c)) for c in (v1, v2)}
    seen: list[str] = []
    stop = threading.Event()

    def reader() -> None:
        while not stop.is_set():
            with k.uow() as u:
                cat = u.catalog.load()
            assert cat is not None
            seen.append(catalog_etag(canonical_catalog_docs(cat)))

    t = threading.Thread(target=reader)
    t.start()
    try:
        for i in range(30):
            k.store.replace(v2 if i % 2 == 0 else v1, source="test")
    finally:
        stop.set()
        t.join(10)
        k.close()
    assert seen and set(seen) <= good


def test_payload_etag_is_over_the_documents_not_the_bytes(mpp: Mpp) -> None:
    cat = read_catalog_dir(mpp.catalog_dir)
    docs = canonical_catalog_docs(cat)
    reordered = json.loads(json.dumps(docs, sort_keys=False))
    assert catalog_etag(reordered) == catalog_etag(docs)
