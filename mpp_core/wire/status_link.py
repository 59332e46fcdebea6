"""Status links: the URL in a slip's QR code, which opens the visitor's status page.

The token is minted by the kiosk, online or offline, with a per-kiosk signing key the server
gave it (``GET /api/v1/kiosk/status-key``), so the server can check a token even for a ticket
it has not received yet, and nobody can guess another visitor's link::

    token = base64url( version (1 byte) | key id (4 bytes, big-endian)
                       | ticket UUID (16 bytes) | HMAC-SHA256(key, the 21 bytes before)[:16] )

50 characters, no padding. The key id names the key (a kiosk's keys are rotated with
``mpp-central kiosk rotate-status-key``; older keys still verify the slips printed with them).
The MAC is 128 bits. The page shows no personal data: the number, the gerai, the status.
Pure Python (hashlib, hmac): the kiosk and the server share this code.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import uuid

from mpp_core.i18n import Text

TOKEN_VERSION = 1
KEY_BYTES = 32
MAC_BYTES = 16
_BODY = 1 + 4 + 16
TOKEN_LENGTH = 50  # base64url characters of the 37 bytes, unpadded
STATUS_PATH = "/s/"
# Printed beside the QR code on the slip.
SCAN_HINT = Text("Pindai untuk melihat antrean Anda", "Scan to see your queue")


def _mac(key: bytes, body: bytes) -> bytes:
    return hmac.new(key, body, hashlib.sha256).digest()[:MAC_BYTES]


def mint_status_token(key: bytes, key_id: int, ticket_id: str) -> str:
    """The token of ``ticket_id`` (a UUID string) signed with a kiosk's status key."""
    if len(key) != KEY_BYTES:
        raise ValueError(f"a status key is {KEY_BYTES} bytes")
    if not 0 < key_id < 2**32:
        raise ValueError("a key id is a positive 32-bit number")
    body = bytes([TOKEN_VERSION]) + key_id.to_bytes(4, "big") + uuid.UUID(ticket_id).bytes
    return base64.urlsafe_b64encode(body + _mac(key, body)).decode("ascii").rstrip("=")


def read_status_token(token: str) -> tuple[int, str] | None:
    """(key id, ticket UUID) claimed by a well-formed token, not yet verified; else None."""
    if len(token) != TOKEN_LENGTH or not token.isascii():
        return None
    try:
        raw = base64.urlsafe_b64decode(token + "==")
    except (binascii.Error, ValueError):
        return None
    if len(raw) != _BODY + MAC_BYTES or raw[0] != TOKEN_VERSION:
        return None
    if base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=") != token:
        return None  # one token per ticket: no other spelling of the same bytes
    return int.from_bytes(raw[1:5], "big"), str(uuid.UUID(bytes=raw[5:21]))


def verify_status_token(key: bytes, token: str) -> str | None:
    """The ticket UUID of ``token`` when ``key`` signed it, else None (constant time)."""
    claim = read_status_token(token)
    if claim is None:
        return None
    raw = base64.urlsafe_b64decode(token + "==")
    if not hmac.compare_digest(_mac(key, raw[:_BODY]), raw[_BODY:]):
        return None
    return claim[1]


def status_url(base_url: str, token: str) -> str:
    """The URL printed in the slip's QR code: ``https://server/s/<token>``."""
    return base_url.rstrip("/") + STATUS_PATH + token


def decode_key(text: str) -> bytes:
    """A status key as delivered in JSON (base64url, unpadded) -> its 32 bytes."""
    raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    if len(raw) != KEY_BYTES:
        raise ValueError(f"a status key is {KEY_BYTES} bytes")
    return raw


def encode_key(key: bytes) -> str:
    return base64.urlsafe_b64encode(key).decode("ascii").rstrip("=")
