"""The ``[server]`` table of the kiosk's config file: where the central server is and how to
talk to it. With no table (or no ``url``) the kiosk works alone and numbers locally, as before.

.. code-block:: toml

    [server]
    url = "https://central.mpp.example.go.id"
    token = "mppk_..."            # printed once by `mpp-central kiosk add NAME`
    slot = 3                       # printed with the token; lets the kiosk issue emergency
                                   # numbers before it has ever reached the server
    connect_timeout_s = 1.0        # at most 2
    read_timeout_s = 5.0
    allocate_timeout_s = 1.5       # an online number, all tries included; then offline
    retries = 2                    # for idempotent and keyed requests only
    interval_s = 5.0               # how often the outbox is sent and leases topped up
    heartbeat_s = 30.0
    catalog_s = 60.0
    queue_s = 15.0
    lease_block = 10               # regular numbers per leased block
    priority_lease_block = 5
    lease_low_water = 5            # ask for a new block when fewer than this are left
    lease_days = 1                 # open days ahead to hold blocks for (besides today)
    batch_size = 200
    offline_hold_s = 10.0          # after a failed online number, go straight offline for this
    verify_tls = true
    ca_file = ""                   # a CA bundle for a private certificate authority
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import Any

from mpp_core.wire.protocol import MAX_SLOT, MAX_TICKET_BATCH

MAX_CONNECT_TIMEOUT_S = 2.0


@dataclass(frozen=True)
class ServerSettings:
    url: str
    token: str
    slot: int | None = None
    connect_timeout_s: float = 1.0
    read_timeout_s: float = 5.0
    allocate_timeout_s: float = 1.5
    retries: int = 2
    interval_s: float = 5.0
    heartbeat_s: float = 30.0
    catalog_s: float = 60.0
    queue_s: float = 15.0
    lease_block: int = 10
    priority_lease_block: int = 5
    lease_low_water: int = 5
    lease_days: int = 1
    batch_size: int = 200
    offline_hold_s: float = 10.0
    verify_tls: bool = True
    ca_file: str = ""

    @property
    def base_url(self) -> str:
        return self.url.rstrip("/")

    def block_for(self, series: str) -> int:
        return self.priority_lease_block if series == "P" else self.lease_block

    def low_water_for(self, series: str) -> int:
        if series == "P":
            return max(1, min(self.lease_low_water, self.priority_lease_block // 2 or 1))
        return self.lease_low_water


_RULES: dict[str, tuple[type, tuple[float, float] | None]] = {  # key -> (type, bounds)
    "url": (str, None),
    "token": (str, None),
    "slot": (int, (1, MAX_SLOT)),
    "connect_timeout_s": (float, (0.05, MAX_CONNECT_TIMEOUT_S)),
    "read_timeout_s": (float, (0.1, 120.0)),
    "allocate_timeout_s": (float, (0.1, 10.0)),
    "retries": (int, (0, 10)),
    "interval_s": (float, (0.01, 3600.0)),
    "heartbeat_s": (float, (0.01, 3600.0)),
    "catalog_s": (float, (0.01, 86400.0)),
    "queue_s": (float, (0.01, 3600.0)),
    "lease_block": (int, (1, 100)),
    "priority_lease_block": (int, (1, 100)),
    "lease_low_water": (int, (0, 100)),
    "lease_days": (int, (0, 7)),
    "batch_size": (int, (1, MAX_TICKET_BATCH)),
    "offline_hold_s": (float, (0.0, 600.0)),
    "verify_tls": (bool, None),
    "ca_file": (str, None),
}
_URL_RE = re.compile(r"^https?://[^\s/?#]+(:\d+)?(/[^\s?#]*)?$")
_TOKEN_RE = re.compile(r"^[A-Za-z0-9_.~-]{8,200}$")


def parse_server_settings(table: Mapping[str, Any]) -> tuple[ServerSettings | None, list[str]]:
    """The server settings from the config's ``[server]`` table, and the problems found.

    Returns None (work alone) when there is no ``url``; a bad key is reported and left at its
    default; a bad ``url`` or ``token`` turns sync off (reported).
    """
    problems: list[str] = []
    if not table or not table.get("url"):
        if table and set(table) - {"url"}:
            problems.append("server.url: missing, so the kiosk works without a server")
        return None, problems
    good: dict[str, Any] = {}
    for key, raw in table.items():
        value: Any = raw
        rule = _RULES.get(key)
        if rule is None:
            problems.append(f"server.{key}: unknown key")
            continue
        kind, bounds = rule
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            problems.append(f"server.{key}: must be {kind.__name__}, not {type(value).__name__}")
            continue
        if (
            bounds is not None
            and isinstance(value, int | float)
            and not bounds[0] <= value <= bounds[1]
        ):
            problems.append(f"server.{key}: must be between {bounds[0]:g} and {bounds[1]:g}")
            continue
        good[key] = value
    url, token = good.get("url", ""), good.get("token", "")
    if not _URL_RE.match(url):
        problems.append("server.url: must be an http:// or https:// address; sync is off")
        return None, problems
    if not _TOKEN_RE.match(token):
        problems.append("server.token: missing or malformed; sync is off")
        return None, problems
    known = {f.name for f in fields(ServerSettings)}
    settings = replace(
        ServerSettings(url=url, token=token),
        **{k: v for k, v in good.items() if k in known and k not in ("url", "token")},
    )
    return settings, problems
