"""Server-side sessions for the web pages, and their CSRF tokens.

The cookie holds 256 random bits; the server keeps only their SHA-256 (a stolen database
cannot be used to sign in). A session ends after ``idle`` without a request or ``absolute``
after it began, whichever is first (display boards have longer limits: they run all day).
Each session has its own CSRF token (synchronizer pattern): every form and every POST carries
it, and the server compares it with the session's in constant time.

Forms shown before sign-in (the login and pairing forms) carry a token signed with the
server's secret and bound to a random value in a short-lived cookie (signed double submit), so
a foreign page cannot sign a browser in to an account of its choosing.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import delete, select

from central.accounts.users import User, as_user
from central.db import Database
from central.models import ServerState, WebSession, WebUser

SESSION_COOKIE = "mpp_session"
PRE_COOKIE = "mpp_pre"
LIMITS = {  # role -> (idle, absolute)
    "supervisor": (timedelta(minutes=30), timedelta(hours=12)),
    "petugas": (timedelta(hours=2), timedelta(hours=14)),
    "display": (timedelta(days=7), timedelta(days=90)),
}
TOUCH_EVERY = timedelta(minutes=1)  # last_seen_at is written at most this often
SECRET_KEY = "web_secret"


def _hash(value: str) -> str:
    return hashlib.sha256(value.encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class SignedIn:
    user: User
    csrf: str
    session_hash: str


def create_session(db: Database, user: User, now: datetime) -> str:
    """A new session for ``user``: returns the cookie value (the only time it exists)."""
    value = secrets.token_urlsafe(32)
    with db.write() as s:
        s.add(
            WebSession(
                id=_hash(value),
                user_id=user.id,
                csrf=secrets.token_urlsafe(32),
                created_at=now,
                last_seen_at=now,
            )
        )
    return value


def load_session(db: Database, value: str | None, now: datetime) -> SignedIn | None:
    """The signed-in account of a cookie, or None (unknown, ended, timed out, disabled)."""
    if not value or len(value) > 100:
        return None
    key = _hash(value)
    with db.read() as s:
        row = s.execute(
            select(WebSession, WebUser)
            .join(WebUser, WebUser.id == WebSession.user_id)
            .where(WebSession.id == key)
        ).first()
    if row is None:
        return None
    sess, user = row
    idle, absolute = LIMITS.get(user.role, LIMITS["supervisor"])
    if (
        user.disabled_at is not None
        or now - sess.last_seen_at > idle
        or now - sess.created_at > absolute
    ):
        end_session(db, value)
        return None
    if now - sess.last_seen_at > TOUCH_EVERY:
        with db.write() as s:
            fresh = s.get(WebSession, key)
            if fresh is not None:
                fresh.last_seen_at = now
    return SignedIn(as_user(user), sess.csrf, key)


def end_session(db: Database, value: str) -> None:
    with db.write() as s:
        s.execute(delete(WebSession).where(WebSession.id == _hash(value)))


def csrf_ok(expected: str, given: str | None) -> bool:
    return bool(given) and hmac.compare_digest(expected.encode(), (given or "").encode())


_SECRETS: dict[str, bytes] = {}


def server_secret(db: Database, now: datetime) -> bytes:
    """The server's own random secret (made once, kept in ``server_state``, then cached)."""
    known = _SECRETS.get(db.url)
    if known is not None:
        return known
    _SECRETS[db.url] = secret = _load_secret(db, now)
    return secret


def _load_secret(db: Database, now: datetime) -> bytes:
    with db.read() as s:
        row = s.get(ServerState, SECRET_KEY)
        if row is not None:
            return bytes.fromhex(row.value)
    with db.write() as s:
        row = s.get(ServerState, SECRET_KEY)
        if row is None:
            row = ServerState(key=SECRET_KEY, value=secrets.token_hex(32), updated_at=now)
            s.add(row)
        return bytes.fromhex(row.value)


def pre_token(secret: bytes, nonce: str) -> str:
    """The CSRF token of a form shown before sign-in, bound to the ``PRE_COOKIE`` nonce."""
    return hmac.new(secret, b"pre:" + nonce.encode(), hashlib.sha256).hexdigest()


def pre_token_ok(secret: bytes, nonce: str | None, given: str | None) -> bool:
    if not nonce or not given or len(nonce) > 100:
        return False
    return hmac.compare_digest(pre_token(secret, nonce), given)
