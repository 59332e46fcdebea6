"""The release's version, as the kiosk shows it to staff and sends it to the server."""

from __future__ import annotations

from functools import lru_cache

DISTRIBUTION = "mpp-kiosk"
UNKNOWN = "0+unknown"  # run from a checkout that was never installed


@lru_cache(maxsize=1)
def app_version() -> str:
    """The installed distribution's version (``pyproject.toml``'s, through the wheel)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(DISTRIBUTION)
    except PackageNotFoundError:
        return UNKNOWN
