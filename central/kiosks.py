"""Kiosks: registration with a bearer token (kept only as a hash), revocation, auth, heartbeats.

Tokens are 256 random bits, so a SHA-256 of the token is a safe, fast lookup key (no slow
password hash needed). The full token is printed once by ``kiosk add`` and never logged: logs
show :func:`token_hint`, the first few characters.
"""

from __future__ import annotations

import hashlib
import logging
import re
import secrets
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from central.db import Database
from central.models import Heartbeat, Kiosk, Mpp
from mpp_core.wire.protocol import MAX_SLOT

log = logging.getLogger(__name__)
TOKEN_PREFIX = "mppk_"
NAME_RE = re.compile(r"^[A-Za-z0-9._-]{1,64}$")
MPP_CODE_RE = re.compile(r"^[a-z][a-z0-9-]{1,39}$")
SLOT_REUSE_AFTER = timedelta(days=2)
HEARTBEAT_DAYS = timedelta(days=30)  # heartbeat history kept (the kiosk row keeps the last)


class KioskError(ValueError):
    """A kiosk command that cannot be done (unknown name, no free slot, ...)."""


@dataclass(frozen=True, slots=True)
class KioskAuth:
    """Who is calling: what the API needs to know about an authenticated kiosk."""

    id: int
    name: str
    mpp_code: str
    slot: int


def new_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def token_hint(token: str) -> str:
    """Enough of a token to tell tokens apart in a log, never enough to use it."""
    return token[: min(len(TOKEN_PREFIX) + 4, len(token) // 2)] + "…"


def parse_bearer(header: str | None) -> str | None:
    if not header:
        return None
    scheme, _, value = header.partition(" ")
    value = value.strip()
    if scheme.lower() != "bearer" or not value or len(value) > 200:
        return None
    return value


def _free_slot(session: Session, mpp_code: str, now: datetime) -> int:
    busy: set[int] = set()
    for slot, revoked in session.execute(
        select(Kiosk.slot, Kiosk.revoked_at).where(Kiosk.mpp_code == mpp_code)
    ):
        if revoked is None or now - revoked < SLOT_REUSE_AFTER:
            busy.add(slot)
    for slot in range(1, MAX_SLOT + 1):
        if slot not in busy:
            return slot
    raise KioskError(f"MPP {mpp_code!r} has no free kiosk slot (at most {MAX_SLOT} kiosks)")


def add_kiosk(db: Database, name: str, mpp_code: str | None) -> tuple[KioskAuth, str]:
    """Register a kiosk; returns it and its token (the only time the token exists in clear)."""
    if not NAME_RE.match(name):
        raise KioskError("a kiosk name is 1-64 letters, digits, dots, dashes or underscores")
    now = datetime.now(UTC)
    token = new_token()
    with db.write() as s:
        if s.scalar(select(Kiosk.id).where(Kiosk.name == name)) is not None:
            raise KioskError(f"a kiosk named {name!r} already exists")
        mpps = list(s.scalars(select(Mpp.code)))
        if mpp_code is None:
            if len(mpps) != 1:
                raise KioskError(
                    "say which MPP the kiosk belongs to (--mpp CODE); known: "
                    + (", ".join(sorted(mpps)) or "none yet (import a catalog first)")
                )
            mpp_code = mpps[0]
        elif mpp_code not in mpps:
            if not MPP_CODE_RE.match(mpp_code):
                raise KioskError(f"{mpp_code!r} is not an MPP code")
            s.add(Mpp(code=mpp_code, name="", created_at=now))
            s.flush()
        slot = _free_slot(s, mpp_code, now)
        row = Kiosk(
            mpp_code=mpp_code,
            name=name,
            slot=slot,
            token_hash=token_hash(token),
            token_hint=token_hint(token),
            created_at=now,
        )
        s.add(row)
        s.flush()
        auth = KioskAuth(row.id, row.name, row.mpp_code, row.slot)
    return auth, token


def revoke_kiosk(db: Database, name: str) -> None:
    with db.write() as s:
        row = s.scalar(select(Kiosk).where(Kiosk.name == name))
        if row is None:
            raise KioskError(f"no kiosk named {name!r}")
        if row.revoked_at is None:
            row.revoked_at = datetime.now(UTC)


def list_kiosks(db: Database) -> list[Kiosk]:
    with db.read() as s:
        return list(s.scalars(select(Kiosk).order_by(Kiosk.mpp_code, Kiosk.name)))


class TokenAuthenticator:
    """Bearer token -> kiosk, with a small cache (hits and misses) of ``ttl`` seconds."""

    def __init__(self, db: Database, ttl: float, max_entries: int = 10_000) -> None:
        self.db = db
        self.ttl = ttl
        self.max_entries = max_entries
        self._cache: OrderedDict[str, tuple[float, KioskAuth | None]] = OrderedDict()
        self._lock = threading.Lock()

    def cached(self, token: str) -> tuple[bool, KioskAuth | None]:
        """(found in cache, kiosk) without touching the database."""
        if self.ttl <= 0:
            return False, None
        key = token_hash(token)
        with self._lock:
            entry = self._cache.get(key)
            if entry is None or time.monotonic() - entry[0] > self.ttl:
                return False, None
            return True, entry[1]

    def lookup(self, token: str) -> KioskAuth | None:
        key = token_hash(token)
        with self.db.read() as s:
            row = s.execute(
                select(Kiosk.id, Kiosk.name, Kiosk.mpp_code, Kiosk.slot, Kiosk.revoked_at).where(
                    Kiosk.token_hash == key
                )
            ).first()
        auth = None
        if row is not None and row.revoked_at is None:
            auth = KioskAuth(row.id, row.name, row.mpp_code, row.slot)
        if self.ttl > 0:
            with self._lock:
                self._cache[key] = (time.monotonic(), auth)
                self._cache.move_to_end(key)
                while len(self._cache) > self.max_entries:
                    self._cache.popitem(last=False)
        return auth


SHARED_WINDOW = timedelta(hours=1)  # how far back heartbeats are compared for a shared token
SHARED_LOOKBACK = 60  # heartbeats compared


def interleaved(instances: list[str]) -> bool:
    """Whether a sequence of kiosk run ids (newest first) comes from two kiosks at once: a
    kiosk that restarts never comes back as an earlier run, so one id seen again after another
    one means two processes are sending with the same token."""
    runs: list[str] = []
    for instance in instances:
        if not runs or runs[-1] != instance:
            if instance in runs:
                return True
            runs.append(instance)
    return False


def token_shared(session: Session, kiosk_id: int, instance: str | None, now: datetime) -> bool:
    """Whether this heartbeat's run id and the recent ones show two kiosks on one token."""
    if not instance:
        return False
    recent = session.scalars(
        select(Heartbeat.payload)
        .where(Heartbeat.kiosk_id == kiosk_id, Heartbeat.received_at >= now - SHARED_WINDOW)
        .order_by(Heartbeat.id.desc())
        .limit(SHARED_LOOKBACK)
    )
    ids = [instance]
    ids += [str(p["instance_id"]) for p in recent if isinstance(p, dict) and p.get("instance_id")]
    return interleaved(ids)


def shared_tokens(db: Database) -> dict[str, str]:
    """Kiosk name -> when its latest heartbeat showed the token shared by two kiosks."""
    out: dict[str, str] = {}
    with db.read() as s:
        for kiosk_id, name in s.execute(select(Kiosk.id, Kiosk.name)):
            payload = s.scalar(
                select(Heartbeat.payload)
                .where(Heartbeat.kiosk_id == kiosk_id)
                .order_by(Heartbeat.id.desc())
                .limit(1)
            )
            if isinstance(payload, dict) and payload.get("token_shared"):
                out[name] = str(payload.get("received_at") or "")
    return out


def record_heartbeat(
    session: Session, kiosk: KioskAuth, payload: dict[str, Any], now: datetime
) -> tuple[float | None, bool]:
    """Keep the heartbeat and the kiosk's latest state; returns the kiosk clock's skew (s) and
    whether the token is shared by two running kiosks (logged as a warning, kept with the
    heartbeat and told to the kiosk)."""
    shared = token_shared(session, kiosk.id, payload.get("instance_id"), now)
    if shared:
        log.warning(
            "kiosk %s: heartbeats with one token come from two running kiosks (run %s)",
            kiosk.name,
            payload.get("instance_id"),
        )
    row = session.get(Kiosk, kiosk.id)
    assert row is not None
    kiosk_time = payload.get("kiosk_time")
    skew = (kiosk_time - now).total_seconds() if isinstance(kiosk_time, datetime) else None
    row.last_seen_at = now
    row.app_version = payload.get("app_version")
    row.catalog_version = payload.get("catalog_version")
    row.printer_state = payload.get("printer_state")
    row.paper_left_pct = payload.get("paper_left_pct")
    row.outbox_length = payload.get("outbox_length")
    row.clock_skew_s = skew
    err = payload.get("last_error")
    row.last_error = err[:300] if isinstance(err, str) else None
    stored = {k: (v.isoformat() if isinstance(v, datetime) else v) for k, v in payload.items()}
    if shared:
        stored["token_shared"] = True
        stored["received_at"] = now.isoformat()
    beat = Heartbeat(kiosk_id=kiosk.id, received_at=now, payload=stored)
    session.add(beat)
    session.flush()
    if beat.id % 1000 == 0:  # now and then, forget heartbeats older than the retention
        session.execute(delete(Heartbeat).where(Heartbeat.received_at < now - HEARTBEAT_DAYS))
    return skew, shared
