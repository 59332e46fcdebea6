"""The kiosk-server protocol's shared facts: paths, limits, number ranges, catalog ETags.

Pure Python (no ``requests``, no Qt, no SQLAlchemy), so the central server imports it too and
both ends agree by construction. See docs/sync.md for the design.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

from mpp_core.catalog.documents import catalog_to_files
from mpp_core.domain.catalog import Catalog

API_PREFIX = "/api/v1"
SERVER_TIME_HEADER = "X-Server-Time"  # the server's clock, Unix seconds with a fraction

# Number ranges per gerai, service day and series:
#   1 ..                online numbers, counting up (server counter)
#   .. 999              leased blocks, carved from the top down (offline use)
#   1000 .. 9999        online numbers once a very busy day has used the three-digit range
#   slot*10000 + 1..9999  a kiosk's emergency numbers: offline with no leased number left
THREE_DIGIT_MAX = 999
MAX_ONLINE_SEQ = 9999
EMERGENCY_BLOCK = 10_000
MAX_SLOT = 99
MAX_SEQ = MAX_SLOT * EMERGENCY_BLOCK + EMERGENCY_BLOCK - 1

MAX_TICKET_BATCH = 500
MAX_LEASE_BATCH = 200
MAX_FEEDBACK_BATCH = 500
SOURCES = ("online", "lease", "emergency")

# Why the server refused one uploaded ticket (the ``reason`` of a ``conflict`` result) or one
# lease request. Stable codes, listed in docs/sync.md; the ``detail`` beside them is for people.
TICKET_REFUSALS = (
    "ticket_id_taken",  # the ticket id is another kiosk's
    "not_allocated",  # "online", but the server numbered no such ticket for this kiosk
    "online_mismatch",  # "online", but not the number, day or service the server gave it
    "allocation_mismatch",  # an online ticket printed offline for another service or series
    "not_in_lease",  # "lease", but not in a block leased to this kiosk (or another lease id)
    "not_emergency_of_slot",  # "emergency", but not in this kiosk's emergency range
    "number_taken",  # another ticket has that number
    "unknown_service",  # the service is in no catalog published to this kiosk's MPP
    "gerai_mismatch",  # the gerai or prefix is not the service's
    "series_mismatch",  # series P without a priority group, or R with one
    "wrong_day",  # the service day is not the WIB day of issued_at (or is too old)
    "issued_in_future",  # issued_at is ahead of the server's clock
    "differs_from_stored",  # the ticket id is known with another number or service
)
LEASE_REFUSALS = (
    "key_reused",
    "bad_day",
    "unknown_gerai",
    "share_used",
    "no_numbers",
    "recovering",
)

# After a restore (docs/sync.md, "Recovery after a restore"): answers to a kiosk whose MPP is
# recovering carry this header, "<recovery id>;since=<ISO time>": re-send every ticket issued
# since then and report the leases held, then POST /recovery/report with complete=true.
RECOVERY_HEADER = "X-Mpp-Recovery"


def emergency_range(slot: int) -> tuple[int, int]:
    """The emergency numbers (inclusive) of the kiosk in ``slot``, for any gerai and day."""
    if not 1 <= slot <= MAX_SLOT:
        raise ValueError(f"slot {slot} is not between 1 and {MAX_SLOT}")
    base = slot * EMERGENCY_BLOCK
    return base + 1, base + EMERGENCY_BLOCK - 1


def is_emergency_of(seq: int, slot: int) -> bool:
    lo, hi = emergency_range(slot)
    return lo <= seq <= hi


def canonical_catalog_docs(catalog: Catalog) -> dict[str, Any]:
    """The catalog as ``{file name: JSON document}``, in the canonical form both ends use."""
    return {name: json.loads(text) for name, text in catalog_to_files(catalog).items()}


def catalog_etag(docs: Mapping[str, Any]) -> str:
    """A content hash of catalog documents: equal catalogs have equal ETags on both ends."""
    blob = json.dumps(docs, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()


def quote_etag(etag: str) -> str:
    return f'"{etag}"'


def unquote_etags(header: str | None) -> set[str]:
    """The ETags listed in an If-None-Match header (weak or strong, quoted or not)."""
    if not header:
        return set()
    out = set()
    for part in header.split(","):
        tag = part.strip()
        if tag.startswith("W/"):
            tag = tag[2:]
        out.add(tag.strip('"'))
    return out
