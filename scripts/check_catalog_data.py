"""Check a catalog folder: the kiosk's own validator, then the truth check.

    python scripts/check_catalog_data.py [FOLDER]      (default: assets/catalog)

First the rules of ``mpp_core.catalog.schema`` (the same ones `mpp-kiosk catalog import`
and the central server apply: shape, types, English present, codes unique), then those of
``mpp_core.catalog.lint``: placeholders, conditions listed as requirements, one document
with two processing times, copied procedures, English missing or left in Indonesian, and
"not available" said of an open gerai (docs/catalog-format.md, "The truth check").

Every problem is printed as ``file: place: message`` and the exit code is 1; otherwise the
counts per gerai are printed and the exit code is 0.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mpp_core.catalog.files import DEFAULT_CATALOG_DIR, read_catalog_dir
from mpp_core.catalog.lint import lint_catalog
from mpp_core.catalog.schema import CatalogInvalid


def main(argv: list[str]) -> int:
    folder = Path(argv[1]) if len(argv) > 1 else DEFAULT_CATALOG_DIR
    try:
        catalog = read_catalog_dir(folder)
    except CatalogInvalid as exc:
        for problem in exc.problems:
            print(problem)
        return 1
    findings = lint_catalog(catalog)
    for problem in findings:
        print(problem)
    if findings:
        print(f"{folder}: {len(findings)} problem(s) found by the truth check")
        return 1
    print(
        f"{folder}: catalog {catalog.version}, {len(catalog.gerai)} gerai, "
        f"{len(catalog.services)} services"
    )
    for g in catalog.gerai:
        groups = f"{len(g.groups)} groups" if g.groups else ""
        print(
            f"  {g.order:>2} {g.prefix:<2} {g.code:<24} {g.state.value:<8} "
            f"{len(g.services):>4} {groups}".rstrip()
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
