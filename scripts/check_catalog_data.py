"""Check a catalog folder with the kiosk's own validator and print what it holds.

    python scripts/check_catalog_data.py [FOLDER]      (default: assets/catalog)

Every problem is printed as ``file: place: message`` and the exit code is 1; otherwise the
counts per gerai are printed. The rules are those of ``mpp_core.catalog.schema`` (see
docs/catalog-format.md), the same ones `mpp-kiosk catalog import` applies.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mpp_core.catalog.files import DEFAULT_CATALOG_DIR, read_catalog_dir
from mpp_core.catalog.schema import CatalogInvalid


def main(argv: list[str]) -> int:
    folder = Path(argv[1]) if len(argv) > 1 else DEFAULT_CATALOG_DIR
    try:
        catalog = read_catalog_dir(folder)
    except CatalogInvalid as exc:
        for problem in exc.problems:
            print(problem)
        return 1
    print(
        f"{folder}: catalog {catalog.version}, {len(catalog.gerai)} gerai, "
        f"{len(catalog.services)} services"
    )
    for g in catalog.gerai:
        print(f"  {g.order:>2} {g.prefix:<2} {g.code:<24} {g.state.value:<8} {len(g.services):>4}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
