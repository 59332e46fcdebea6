"""Catalog releases: import a folder (validated whole), publish it, serve it with an ETag.

The files are the kiosk's catalog data files (docs/catalog-format.md), read and checked by the
same parser the kiosk uses, stored in their canonical form. A release is identified by its
``catalog_version`` and its ETag (a hash of the canonical documents that the kiosk recomputes
from the catalog it has, see ``mpp_core.wire.protocol.catalog_etag``).
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import select

from central.db import Database
from central.models import CatalogRelease, Mpp
from mpp_core.catalog.files import read_catalog_dir
from mpp_core.catalog.schema import CatalogInvalid, parse_catalog
from mpp_core.domain.catalog import Catalog
from mpp_core.wire.protocol import canonical_catalog_docs, catalog_etag

log = logging.getLogger(__name__)


class CatalogError(ValueError):
    """A catalog command that cannot be done (version reused, nothing to publish, ...)."""


@dataclass(frozen=True)
class ImportResult:
    mpp_code: str
    version: str
    etag: str
    gerai: int
    services: int
    new: bool  # False: the same release was already imported


def import_catalog(db: Database, folder: Path) -> ImportResult:
    """Validate every file of ``folder``, then store it as a release (not yet published).

    Raises CatalogInvalid (nothing stored) or CatalogError.
    """
    catalog = read_catalog_dir(folder)
    return import_parsed(db, catalog, source=str(folder))


def import_parsed(db: Database, catalog: Catalog, *, source: str = "") -> ImportResult:
    docs = canonical_catalog_docs(catalog)
    etag = catalog_etag(docs)
    mpp_code = catalog.mpp.code
    now = datetime.now(UTC)
    services = len(catalog.services)
    with db.write() as s:
        mpp = s.get(Mpp, mpp_code)
        if mpp is None:
            s.add(Mpp(code=mpp_code, name=catalog.mpp.name, created_at=now))
            s.flush()
        else:
            mpp.name = catalog.mpp.name
        same = s.scalar(
            select(CatalogRelease).where(
                CatalogRelease.mpp_code == mpp_code, CatalogRelease.version == catalog.version
            )
        )
        if same is not None:
            if same.etag != etag:
                raise CatalogError(
                    f"catalog_version {catalog.version!r} of {mpp_code} was already imported "
                    "with different content; give the new catalog a new catalog_version"
                )
            return ImportResult(
                mpp_code, catalog.version, etag, len(catalog.gerai), services, False
            )
        s.add(
            CatalogRelease(
                mpp_code=mpp_code,
                version=catalog.version,
                etag=etag,
                files=docs,
                gerai_count=len(catalog.gerai),
                service_count=services,
                source=source[:300],
                imported_at=now,
                published_at=None,
            )
        )
    return ImportResult(mpp_code, catalog.version, etag, len(catalog.gerai), services, True)


def _readable(files: dict[str, object]) -> CatalogInvalid | None:
    """Why the kiosks could not read these stored files (a release imported before the
    catalog format changed), or None."""
    try:
        parse_catalog(
            {name: json.dumps(doc, ensure_ascii=False).encode() for name, doc in files.items()}
        )
    except CatalogInvalid as exc:
        return exc
    return None


def publish(db: Database, mpp_code: str | None = None, version: str | None = None) -> ImportResult:
    """Publish a release (the newest imported one unless ``version`` is given).

    Publishing an older version again rolls the kiosks back to it; a release the kiosks can
    no longer read (an older catalog format) is refused.
    """
    with db.write() as s:
        if mpp_code is None:
            codes = list(s.scalars(select(Mpp.code)))
            if len(codes) != 1:
                raise CatalogError(
                    "say which MPP (--mpp CODE); known: " + (", ".join(sorted(codes)) or "none")
                )
            mpp_code = codes[0]
        q = select(CatalogRelease).where(CatalogRelease.mpp_code == mpp_code)
        if version is not None:
            q = q.where(CatalogRelease.version == version)
        row = s.scalar(q.order_by(CatalogRelease.imported_at.desc(), CatalogRelease.id.desc()))
        if row is None:
            what = f"version {version!r}" if version else "any catalog"
            raise CatalogError(f"MPP {mpp_code!r} has no imported {what}")
        problem = _readable(row.files)
        if problem is not None:
            raise CatalogError(
                f"catalog {row.version!r} of {row.mpp_code} cannot be published: kiosks cannot "
                f"read it ({problem}); import it again in the current format"
            )
        row.published_at = datetime.now(UTC)
        return ImportResult(
            row.mpp_code, row.version, row.etag, row.gerai_count, row.service_count, True
        )


def list_releases(db: Database) -> list[CatalogRelease]:
    with db.read() as s:
        return list(
            s.scalars(select(CatalogRelease).order_by(CatalogRelease.mpp_code, CatalogRelease.id))
        )


@dataclass(frozen=True)
class Published:
    """The catalog an MPP's kiosks get, parsed once and ready to send."""

    mpp_code: str
    release_id: int
    version: str
    etag: str
    published_at: datetime
    catalog: Catalog
    body: bytes  # the JSON answer of GET /catalog
    # Every service any catalog published to this MPP so far had, with its
    # (gerai code, prefix) pairs: what a kiosk on an older catalog may still issue tickets for.
    services_ever: Mapping[str, frozenset[tuple[str, str]]] = field(default_factory=dict)


def services_of(files: Mapping[str, Any]) -> dict[str, set[tuple[str, str]]]:
    """service code -> {(gerai code, prefix)} of one release's stored documents."""
    out: dict[str, set[tuple[str, str]]] = {}
    for doc in files.values():
        if not isinstance(doc, dict) or not isinstance(doc.get("services"), list):
            continue
        pair = (str(doc.get("code")), str(doc.get("prefix")))
        for svc in doc["services"]:
            if isinstance(svc, dict) and "code" in svc:
                out.setdefault(str(svc["code"]), set()).add(pair)
    return out


def _services_ever(db: Database, mpp_code: str) -> dict[str, frozenset[tuple[str, str]]]:
    merged: dict[str, set[tuple[str, str]]] = {}
    with db.read() as s:
        for files in s.scalars(
            select(CatalogRelease.files).where(
                CatalogRelease.mpp_code == mpp_code,
                CatalogRelease.published_at.is_not(None),
            )
        ):
            for code, pairs in services_of(files).items():
                merged.setdefault(code, set()).update(pairs)
    return {code: frozenset(pairs) for code, pairs in merged.items()}


def _load(db: Database, release_id: int) -> Published | None:
    """The release ready to serve; None (and a warning) when the kiosks could not read it:
    one published before the catalog format changed. The kiosks then keep their catalog."""
    with db.read() as s:
        row = s.get(CatalogRelease, release_id)
        assert row is not None and row.published_at is not None
        files = {
            name: json.dumps(doc, ensure_ascii=False).encode() for name, doc in row.files.items()
        }
        try:
            catalog = parse_catalog(files)
        except CatalogInvalid as exc:
            log.warning(
                "published catalog %s of %s is not served: %s; import and publish it again "
                "in the current format",
                row.version,
                row.mpp_code,
                exc,
            )
            return None
        body = json.dumps(
            {
                "mpp": row.mpp_code,
                "version": row.version,
                "etag": row.etag,
                "published_at": row.published_at.isoformat(),
                "files": row.files,
            },
            ensure_ascii=False,
            separators=(",", ":"),
        ).encode("utf-8")
        mpp_code, version, etag, at = row.mpp_code, row.version, row.etag, row.published_at
    ever = _services_ever(db, mpp_code)
    return Published(mpp_code, release_id, version, etag, at, catalog, body, ever)


class CatalogCache:
    """The published catalog per MPP, re-checked against the database every ``ttl`` seconds."""

    def __init__(self, db: Database, ttl: float) -> None:
        self.db = db
        self.ttl = ttl
        self._entries: dict[str, tuple[float, Published | None]] = {}
        self._counts: dict[str, int] = {}  # releases published per MPP when last loaded
        self._lock = threading.Lock()
        self._loading = threading.Lock()
        self._unreadable: set[int] = set()  # published releases the kiosks cannot read

    def get(self, mpp_code: str) -> Published | None:
        now = time.monotonic()
        with self._lock:
            entry = self._entries.get(mpp_code)
        if entry is not None and now - entry[0] < self.ttl:
            return entry[1]
        with self._loading:  # one thread checks and loads; the others then use its result
            with self._lock:
                entry = self._entries.get(mpp_code)
            if entry is not None and time.monotonic() - entry[0] < self.ttl:
                return entry[1]
            return self._refresh(mpp_code, entry)

    def _refresh(
        self, mpp_code: str, entry: tuple[float, Published | None] | None
    ) -> Published | None:
        now = time.monotonic()
        with self.db.read() as s:
            published = s.execute(
                select(CatalogRelease.id)
                .where(
                    CatalogRelease.mpp_code == mpp_code,
                    CatalogRelease.published_at.is_not(None),
                )
                .order_by(CatalogRelease.published_at.desc(), CatalogRelease.id.desc())
            ).all()
        release_id = published[0][0] if published else None
        count = len(published)
        if release_id is None:
            current = None
        elif (
            entry is not None
            and entry[1] is not None
            and entry[1].release_id == release_id
            and self._counts.get(mpp_code) == count
        ):
            current = entry[1]
        elif release_id in self._unreadable:
            current = None  # said once in the log; not parsed again every few seconds
        else:
            current = _load(self.db, release_id)
            if current is None:
                self._unreadable.add(release_id)
        self._counts[mpp_code] = count
        with self._lock:
            self._entries[mpp_code] = (now, current)
        return current
