"""The catalog in use: loaded from the database, replaced whole by an import."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from kiosk.store.uow import UnitOfWork
from mpp_core.catalog.files import default_catalog_dir, read_catalog_dir, write_catalog_dir
from mpp_core.catalog.schema import CatalogInvalid
from mpp_core.domain.catalog import Catalog
from mpp_core.domain.search import ServiceIndex

log = logging.getLogger(__name__)


def _same_folder(source: str | None, folder: Path) -> bool:
    if not source:
        return False
    try:
        return Path(source).resolve() == folder.resolve()
    except (OSError, ValueError):
        return False


class CatalogStore:
    """Holds the current catalog and its search index; swaps both atomically."""

    def __init__(self, uow: Callable[[], UnitOfWork]) -> None:
        self._uow = uow
        # The catalog and its search index, swapped together as one tuple (a catalog applied
        # from the sync thread must never meet the old index).
        self._state: tuple[Catalog, ServiceIndex | None] | None = None

    def load(self, *, seed_dir: Path | None = None) -> Catalog:
        """The catalog from the database; on first start, the default catalog is imported.

        A catalog kept from format version 1 (no English; see migration 0004) that was
        seeded from this same folder is replaced by the folder's catalog: it is the same
        catalog, newer, with English. One from the server or from another folder is kept
        (shown in Indonesian) until a format 2 catalog replaces it.
        """
        seed = seed_dir or default_catalog_dir()
        with self._uow() as uow:
            catalog = uow.catalog.load()
            source = uow.catalog.source()
        if catalog is None:
            catalog = self.import_dir(seed)
        elif not catalog.has_english:
            if _same_folder(source, seed):
                try:
                    catalog = self.import_dir(seed)
                    log.info("catalog format 1 seeded from %s replaced by its new version", seed)
                except CatalogInvalid as exc:
                    log.warning("the seed catalog %s cannot replace the old one: %s", seed, exc)
            if not catalog.has_english:
                log.warning(
                    "catalog %s is in format version 1 (from %s): it has no English and is "
                    "shown in Indonesian until a format 2 catalog replaces it",
                    catalog.version,
                    source or "?",
                )
        self._set(catalog)
        return catalog

    def import_dir(self, folder: Path) -> Catalog:
        """Validate every file first; only a whole valid catalog replaces the one in use."""
        catalog = read_catalog_dir(folder)  # raises CatalogInvalid, nothing changed
        self.replace(catalog, source=str(folder))
        return catalog

    def replace(self, catalog: Catalog, *, source: str = "") -> None:
        with self._uow() as uow:
            uow.catalog.replace(catalog, source=source)
            uow.commit()
        self._set(catalog)

    def export_dir(self, folder: Path) -> list[Path]:
        return write_catalog_dir(self.current, folder)

    def _set(self, catalog: Catalog) -> None:
        self._state = (catalog, None)  # the index is built on first search

    @property
    def current(self) -> Catalog:
        if self._state is None:
            raise RuntimeError("catalog not loaded")
        return self._state[0]

    @property
    def index(self) -> ServiceIndex:
        state = self._state
        if state is None:
            raise RuntimeError("catalog not loaded")
        catalog, index = state
        if index is None:
            index = ServiceIndex(catalog)
            if self._state is state:
                self._state = (catalog, index)
        return index
