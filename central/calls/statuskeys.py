"""The kiosks' status-link keys: made on first request, rotated by
``mpp-central kiosk rotate-status-key NAME``, looked up to verify a status link.

A kiosk signs the URL in each slip's QR code with its newest key
(``mpp_core.wire.status_link``); every key it ever had still verifies, so slips printed before
a rotation keep working. The secrets are kept in the database (the HMAC needs them), never
logged, and handed only to the kiosk they belong to over its authenticated API.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from central.accounts.audit import record
from central.kiosks import KioskAuth, KioskError
from central.models import Kiosk, StatusKey
from mpp_core.wire.status_link import KEY_BYTES, read_status_token, verify_status_token


@dataclass(frozen=True, slots=True)
class KeyInfo:
    key_id: int
    secret: bytes
    created_at: datetime


def current_key(session: Session, kiosk: KioskAuth, now: datetime) -> KeyInfo:
    """The kiosk's newest key (made now if it has none)."""
    row = session.scalar(
        select(StatusKey)
        .where(StatusKey.kiosk_id == kiosk.id, StatusKey.retired_at.is_(None))
        .order_by(StatusKey.id.desc())
        .limit(1)
    )
    if row is None:
        row = StatusKey(kiosk_id=kiosk.id, secret=secrets.token_hex(KEY_BYTES), created_at=now)
        session.add(row)
        session.flush()
    return KeyInfo(row.id, bytes.fromhex(row.secret), row.created_at)


def rotate(session: Session, kiosk_name: str, now: datetime) -> int:
    """A new key for the kiosk (handed out from now on); returns its id."""
    kiosk = session.scalar(select(Kiosk).where(Kiosk.name == kiosk_name))
    if kiosk is None:
        raise KioskError(f"no kiosk named {kiosk_name!r}")
    for old in session.scalars(
        select(StatusKey).where(StatusKey.kiosk_id == kiosk.id, StatusKey.retired_at.is_(None))
    ):
        old.retired_at = now  # still verifies; no longer handed out
    row = StatusKey(kiosk_id=kiosk.id, secret=secrets.token_hex(KEY_BYTES), created_at=now)
    session.add(row)
    session.flush()
    record(
        session,
        mpp=kiosk.mpp_code,
        actor="cli",
        action="status_key_rotate",
        at=now,
        kiosk=kiosk.name,
        key_id=row.id,
    )
    return row.id


def verify(session: Session, token: str) -> tuple[str, str] | None:
    """(MPP, ticket id) of a genuine status token, or None."""
    claim = read_status_token(token)
    if claim is None:
        return None
    row = session.execute(
        select(StatusKey.secret, Kiosk.mpp_code)
        .join(Kiosk, Kiosk.id == StatusKey.kiosk_id)
        .where(StatusKey.id == claim[0])
    ).first()
    if row is None:
        return None
    ticket_id = verify_status_token(bytes.fromhex(row.secret), token)
    return None if ticket_id is None else (row.mpp_code, ticket_id)


def latest_key_id(session: Session, kiosk_id: int) -> int | None:
    """The id of the key a kiosk should hold now (None before its first request)."""
    return session.scalar(
        select(StatusKey.id)
        .where(StatusKey.kiosk_id == kiosk_id, StatusKey.retired_at.is_(None))
        .order_by(StatusKey.id.desc())
        .limit(1)
    )
