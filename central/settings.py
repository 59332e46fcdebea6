"""The server's settings: command-line options over environment variables over defaults.

The database URL is the only one most sites set. ``MPP_CENTRAL_DATABASE`` (or
``--database``) takes a SQLAlchemy URL (``sqlite:///path.db``,
``postgresql+psycopg://user@host/db``; a bare ``postgresql://`` is read as psycopg 3) or a
plain file path for SQLite. Without one the server uses a SQLite file in the user data folder.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from pathlib import Path

import platformdirs

APP_NAME = "mpp-central"
ENV_PREFIX = "MPP_CENTRAL_"


def default_database_url() -> str:
    path = Path(platformdirs.user_data_dir(APP_NAME)) / "central.db"
    return f"sqlite:///{path}"


def normalise_database_url(value: str) -> str:
    """A SQLAlchemy URL from what an operator typed."""
    value = value.strip()
    if not value:
        return default_database_url()
    if value.startswith(("postgresql://", "postgres://")):
        return "postgresql+psycopg://" + value.split("://", 1)[1]
    if "://" not in value:
        return f"sqlite:///{Path(value).expanduser().resolve()}"
    return value


@dataclass(frozen=True)
class Settings:
    database_url: str = ""
    # Request bodies larger than this are refused with 413 before they are read.
    max_body_bytes: int = 1024 * 1024
    # How long a token check and the published catalog are cached in a server process
    # (a revoked token stops working within this time).
    auth_cache_s: float = 2.0
    catalog_cache_s: float = 1.0
    # Leases: the largest block one request may take, how many unused numbers one kiosk may
    # hold per gerai, day and series, how many days ahead, and how many numbers below the
    # lowest leased one stay free for online allocation.
    lease_max_block: int = 100
    lease_max_outstanding: int = 200
    lease_days_ahead: int = 7
    online_reserve: int = 50
    pool_size: int = 10
    # Slow clients: a request's line and headers must arrive within header_timeout_s, its
    # body within body_timeout_s; an idle keep-alive connection is closed after keep_alive_s;
    # at most max_connections connections per worker (more are answered 503).
    header_timeout_s: float = 10.0
    body_timeout_s: float = 20.0
    keep_alive_s: float = 30.0
    max_connections: int = 1000
    # Failed token checks per address and per token within a minute: answered at once up to
    # auth_fail_free, then more slowly, and from auth_fail_block on refused (429) for
    # auth_block_s seconds.
    auth_fail_free: int = 5
    auth_fail_block: int = 20
    auth_block_s: float = 60.0
    # Addresses whose X-Forwarded-For is believed (the reverse proxy), comma-separated.
    forwarded_allow_ips: str = "127.0.0.1"

    @property
    def url(self) -> str:
        return normalise_database_url(self.database_url)


_ENV_TYPES = {
    "database_url": str,
    "max_body_bytes": int,
    "auth_cache_s": float,
    "catalog_cache_s": float,
    "lease_max_block": int,
    "lease_max_outstanding": int,
    "lease_days_ahead": int,
    "online_reserve": int,
    "pool_size": int,
    "header_timeout_s": float,
    "body_timeout_s": float,
    "keep_alive_s": float,
    "max_connections": int,
    "auth_fail_free": int,
    "auth_fail_block": int,
    "auth_block_s": float,
    "forwarded_allow_ips": str,
}


def settings_from_env(env: Mapping[str, str] | None = None, **overrides: object) -> Settings:
    """Settings from ``MPP_CENTRAL_*`` variables (``MPP_CENTRAL_DATABASE`` for the URL),
    then ``overrides`` that are not None."""
    env = os.environ if env is None else env
    values: dict[str, object] = {}
    for f in fields(Settings):
        name = ENV_PREFIX + ("DATABASE" if f.name == "database_url" else f.name.upper())
        raw = env.get(name)
        if raw is None or raw == "":
            continue
        kind = _ENV_TYPES[f.name]
        try:
            values[f.name] = kind(raw)
        except ValueError:
            raise ValueError(f"{name}={raw!r} is not a valid {kind.__name__}") from None
    values.update({k: v for k, v in overrides.items() if v is not None})
    return replace(Settings(), **values)  # type: ignore[arg-type]


def settings_to_env(settings: Settings) -> dict[str, str]:
    """The environment that gives a worker process the same settings."""
    out = {}
    for f in fields(Settings):
        name = ENV_PREFIX + ("DATABASE" if f.name == "database_url" else f.name.upper())
        out[name] = str(getattr(settings, f.name))
    out[ENV_PREFIX + "DATABASE"] = settings.url
    return out
