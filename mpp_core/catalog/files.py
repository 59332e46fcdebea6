"""The catalog's data files on disk: read a folder, write a folder."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from mpp_core.assets import asset_path
from mpp_core.catalog.documents import catalog_to_files
from mpp_core.catalog.schema import (
    MAX_FILE_BYTES,
    MAX_FILES,
    CatalogInvalid,
    Problem,
    parse_catalog,
)
from mpp_core.domain.catalog import Catalog


def default_catalog_dir() -> Path:
    """The default catalog's folder, installed or in a checkout (``mpp_core.assets``)."""
    return asset_path("catalog")


DEFAULT_CATALOG_DIR = default_catalog_dir()


def read_catalog_dir(folder: Path) -> Catalog:
    """Read and validate every ``*.json`` file in ``folder``; raise CatalogInvalid."""
    if not folder.is_dir():
        raise CatalogInvalid([Problem(str(folder), "", "is not a folder")])
    files: dict[str, bytes] = {}
    entries = sorted(p for p in folder.iterdir() if p.suffix == ".json")
    if len(entries) > MAX_FILES:
        raise CatalogInvalid(
            [Problem(str(folder), "", f"{len(entries)} files; at most {MAX_FILES}")]
        )
    for path in entries:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            # Refuse without reading 10 MB of junk into memory.
            raise CatalogInvalid(
                [
                    Problem(
                        path.name,
                        "",
                        f"file is {size:,} bytes; a catalog "
                        f"file is at most {MAX_FILE_BYTES:,} bytes",
                    )
                ]
            )
        files[path.name] = path.read_bytes()
    return parse_catalog(files)


def write_catalog_dir(catalog: Catalog, folder: Path) -> list[Path]:
    """Write the catalog's files into ``folder`` (created if needed), each atomically."""
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in catalog_to_files(catalog).items():
        target = folder / name
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(text)
        os.replace(tmp, target)
        written.append(target)
    return written
