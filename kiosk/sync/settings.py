"""The ``[server]`` table of the kiosk's config file: where the central server is and how to
talk to it. With no table (or no ``url``) the kiosk works alone and numbers locally, as before.

.. code-block:: toml

    [server]
    url = "https://central.mpp.example.go.id"
    token = "mppk_..."            # printed once by `mpp-central kiosk add NAME`
    slot = 3                       # printed with the token; lets the kiosk issue emergency
                                   # numbers before it has ever reached the server
    connect_timeout_s = 1.0        # at most 2 (every key's bounds: kiosk/settings/server.py)
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

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from typing import Any

from kiosk.settings.rules import Problem
from kiosk.settings.server import check_server, value_problems


class ServerSettingsError(ValueError):
    """A bad value in the server settings (``problem`` names the key and says why)."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(str(problem))
        self.problem = problem


@dataclass(frozen=True)
class ServerSettings:
    """The ``[server]`` settings in use; the rules of every key are ``kiosk.settings.server``
    (checked on construction; ``parse_server_settings`` also looks at ``ca_file``)."""

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

    def __post_init__(self) -> None:
        problems = value_problems(self.__dict__)
        if problems:
            raise ServerSettingsError(problems[0])

    @property
    def base_url(self) -> str:
        return self.url.rstrip("/")

    def block_for(self, series: str) -> int:
        return self.priority_lease_block if series == "P" else self.lease_block

    def low_water_for(self, series: str) -> int:
        if series == "P":
            return max(1, min(self.lease_low_water, self.priority_lease_block // 2 or 1))
        return self.lease_low_water


def parse_server_settings(
    table: Mapping[str, Any],
) -> tuple[ServerSettings | None, list[Problem]]:
    """The server settings from the config's ``[server]`` table, and the problems its one
    validator (``kiosk.settings.server``) found.

    Returns None (work alone) when there is no ``url``; a bad key is reported and left at its
    default; a bad ``url`` or ``token`` turns sync off (reported).
    """
    good, problems = check_server(table)
    if not good.get("url") or any(p.key in ("server.url", "server.token") for p in problems):
        return None, problems
    known = {f.name for f in fields(ServerSettings)}
    settings = replace(
        ServerSettings(url=good["url"], token=good["token"]),
        **{k: v for k, v in good.items() if k in known and k not in ("url", "token")},
    )
    return settings, problems
