"""Where the kiosk's assets are: the one function every reader of an asset goes through.

The assets (the default catalog, fonts, icons, translations) live in ``assets/`` at the top of
a source checkout and are installed with the wheel as the data package ``mpp_assets``
(``setup.py``). ``assets_dir()`` finds the installed package first, then the checkout's folder,
so a kiosk installed from the wheel and one run from a checkout read the same files.

Pure Python (standard library only): the catalog reader in ``mpp_core.catalog`` uses it.
"""

from __future__ import annotations

import importlib.util
from functools import lru_cache
from pathlib import Path

PACKAGE = "mpp_assets"
_CHECKOUT = Path(__file__).resolve().parents[1] / "assets"


class AssetsMissing(FileNotFoundError):
    """Neither the installed assets nor a checkout's assets/ folder were found."""


@lru_cache(maxsize=1)
def assets_dir() -> Path:
    """The assets folder: the installed ``mpp_assets`` package, or the checkout's ``assets/``.
    Raises :class:`AssetsMissing` (naming where it looked)."""
    tried: list[str] = []
    spec = importlib.util.find_spec(PACKAGE)
    for location in (spec.submodule_search_locations or []) if spec else []:
        folder = Path(location)
        if (folder / "catalog").is_dir():
            return folder
        tried.append(str(folder))
    if (_CHECKOUT / "catalog").is_dir():
        return _CHECKOUT
    tried.append(str(_CHECKOUT))
    raise AssetsMissing(f"the kiosk's assets were not found (looked in {', '.join(tried)})")


def asset_path(*parts: str) -> Path:
    """A file or folder inside the assets, e.g. ``asset_path("fonts")``."""
    return assets_dir().joinpath(*parts)
