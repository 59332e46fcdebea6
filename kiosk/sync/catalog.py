"""Catalog pull: ask for the published catalog with the current one's ETag; replace the
catalog only with a whole, valid new one.

The payload is checked end to end before anything changes: its documents must hash to the
ETag it claims (a truncated or damaged body is caught even when it is valid JSON), then the
files go through the same parser as an import (schema and cross references: unique codes,
prefixes, orders). Only then does ``apply`` replace the catalog, in one transaction. A bad
payload leaves the old catalog in place and is reported (status, logs, next heartbeat).
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

from kiosk.sync.client import ApiClient, Rejected, SyncError
from mpp_core.catalog.schema import MAX_FILES, CatalogInvalid, parse_catalog
from mpp_core.domain.catalog import Catalog
from mpp_core.wire.protocol import canonical_catalog_docs, catalog_etag, quote_etag, unquote_etags

log = logging.getLogger(__name__)


class ApplyCatalog(Protocol):
    """Replace the catalog in use, whole, in one transaction (``CatalogStore.replace``)."""

    def __call__(self, catalog: Catalog, *, source: str) -> None: ...


class CatalogRefused(SyncError):
    """The server's catalog was not applied; the old one stays."""


@dataclass(frozen=True)
class PullResult:
    status: str  # "unchanged", "applied", "none" (nothing published)
    version: str | None = None


class CatalogPuller:
    def __init__(
        self,
        client: ApiClient,
        current: Callable[[], Catalog | None],
        apply: ApplyCatalog,
    ) -> None:
        self.client = client
        self.current = current
        self.apply = apply
        self._etag_cache: tuple[int, str] | None = None  # (id of the catalog object, etag)
        self._refused: str | None = None  # the ETag of a payload refused for its content
        self._lock = threading.Lock()

    def current_etag(self) -> str | None:
        catalog = self.current()
        if catalog is None:
            return None
        cached = self._etag_cache
        if cached is not None and cached[0] == id(catalog):
            return cached[1]
        etag = catalog_etag(canonical_catalog_docs(catalog))
        self._etag_cache = (id(catalog), etag)
        return etag

    def check(self) -> PullResult:
        """One check; raises Unreachable (try later) or CatalogRefused (bad payload)."""
        with self._lock:
            return self._check()

    def _check(self) -> PullResult:
        tags = [t for t in (self.current_etag(), self._refused) if t]
        headers = {"If-None-Match": ", ".join(quote_etag(t) for t in tags)} if tags else {}
        try:
            answer = self.client.request("GET", "/catalog", headers=headers)
        except Rejected as exc:
            if exc.status == 404:
                return PullResult("none")
            raise
        if answer.status == 304:
            return PullResult("unchanged")
        catalog, etag = self.validate(answer.data, answer.headers.get("ETag"))
        if etag == self.current_etag():
            return PullResult("unchanged", catalog.version)
        self.apply(catalog, source=f"server {catalog.version} ({etag[:12]})")
        self._etag_cache = None
        log.info("catalog %s from the server applied", catalog.version)
        return PullResult("applied", catalog.version)

    def validate(self, doc: Any, header_etag: str | None) -> tuple[Catalog, str]:
        """The catalog in a GET /catalog answer, or CatalogRefused saying why not."""
        if not isinstance(doc, dict):
            raise CatalogRefused("the catalog answer is not a JSON object")
        files, etag, version = doc.get("files"), doc.get("etag"), doc.get("version")
        if not isinstance(files, dict) or not isinstance(etag, str) or not isinstance(version, str):
            raise CatalogRefused("the catalog answer lacks files, etag or version")
        if len(files) > MAX_FILES or not all(isinstance(k, str) and len(k) <= 100 for k in files):
            raise CatalogRefused("the catalog answer has too many or badly named files")
        if catalog_etag(files) != etag or (
            header_etag is not None and etag not in unquote_etags(header_etag)
        ):
            raise CatalogRefused("the catalog does not match its ETag (damaged on the way?)")
        try:
            catalog = parse_catalog(
                {
                    name: json.dumps(d, ensure_ascii=False).encode("utf-8")
                    for name, d in files.items()
                }
            )
        except CatalogInvalid as exc:
            self._refused = etag
            raise CatalogRefused(str(exc)) from None
        if catalog.version != version:
            self._refused = etag
            raise CatalogRefused(f"the files say version {catalog.version}, the answer {version}")
        return catalog, etag
