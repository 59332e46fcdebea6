"""``[server]``: where the central server is and how to talk to it, every key's rule, and the
one validator of the table.

``check_server`` is what ``mpp-kiosk config check``, the technician's server form and the sync
module's ``parse_server_settings`` run. With no table (or no ``url`` and nothing else) the
kiosk works alone and numbers locally.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from kiosk.settings import paths
from kiosk.settings.rules import Key, Pattern, Problem, Range, check_table, no_match
from mpp_core.i18n import Text
from mpp_core.wire.protocol import MAX_SLOT, MAX_TICKET_BATCH

MAX_CONNECT_TIMEOUT_S = 2.0
MAX_CA_FILE_BYTES = 1024 * paths.KIB

URL = Pattern(
    r"^https?://[^\s/?#]+(:\d+)?(/[^\s?#]*)?$",
    Text(
        "alamat http:// atau https:// tanpa spasi", "an http:// or https:// address without spaces"
    ),
)
TOKEN = Pattern(
    r"^[A-Za-z0-9_.~-]{8,200}$",
    Text(
        "token kiosk: 8 sampai 200 huruf, angka, titik, - _ ~ (dari mpp-central kiosk add)",
        "the kiosk's token: 8 to 200 letters, digits, dots, - _ ~ (from mpp-central kiosk add)",
    ),
)
NO_URL = Text(
    "tidak ada, jadi kiosk bekerja tanpa server", "missing, so the kiosk works without a server"
)
SERVER_KEYS: dict[str, Key] = {
    "url": Key(str, URL),
    "token": Key(str, TOKEN),
    "slot": Key(int, Range(1, MAX_SLOT)),
    "connect_timeout_s": Key(float, Range(0.05, MAX_CONNECT_TIMEOUT_S)),
    "read_timeout_s": Key(float, Range(0.1, 120.0)),
    "allocate_timeout_s": Key(float, Range(0.1, 10.0)),
    "retries": Key(int, Range(0, 10)),
    "interval_s": Key(float, Range(0.01, 3600.0)),
    "heartbeat_s": Key(float, Range(0.01, 3600.0)),
    "catalog_s": Key(float, Range(0.01, 86400.0)),
    "queue_s": Key(float, Range(0.01, 3600.0)),
    "lease_block": Key(int, Range(1, 100)),
    "priority_lease_block": Key(int, Range(1, 100)),
    "lease_low_water": Key(int, Range(0, 100)),
    "lease_days": Key(int, Range(0, 7)),
    "batch_size": Key(int, Range(1, MAX_TICKET_BATCH)),
    "offline_hold_s": Key(float, Range(0.0, 600.0)),
    "verify_tls": Key(bool),
    "ca_file": Key(str),
}


def value_problems(values: Mapping[str, Any]) -> list[Problem]:
    """Each key's own rule over the values a ``ServerSettings`` holds (no file is looked at;
    an unset ``slot`` is None)."""
    _good, problems = check_table(
        "server", {k: v for k, v in values.items() if v is not None}, SERVER_KEYS
    )
    return problems


def check_server(table: Mapping[str, Any]) -> tuple[dict[str, Any], list[Problem]]:
    """The good keys of a ``[server]`` table and every problem. An empty table is no server
    (no problem); a table without ``url`` but with other keys is reported. A ``url`` needs
    a well-formed ``token``; ``ca_file`` must be a regular file of at most 1 MiB (or not
    there yet: sync then says it cannot verify the server, and offline numbers go on, where
    refusing the table would switch the kiosk to numbering alone)."""
    if not table:
        return {}, []
    good, problems = check_table("server", table, SERVER_KEYS)
    if not table.get("url"):
        problems = [p for p in problems if p.key != "server.url"]
        good.pop("url", None)
        if set(table) - {"url"}:
            problems.insert(0, Problem("server.url", NO_URL))
    elif "token" not in table:
        problems.append(Problem("server.token", no_match(TOKEN, "")))
    ca_file = good.get("ca_file")
    if ca_file:
        words = paths.regular_file(ca_file, MAX_CA_FILE_BYTES, missing_ok=True)
        if words is not None:
            problems.append(Problem("server.ca_file", words))
            del good["ca_file"]
    return good, problems
