"""Web accounts: add, list, disable, reset; sign in by password (with a lockout that survives
restarts) or, for a display board, by its board token.

Lockout: the first ``FREE_FAILURES`` wrong passwords in a row cost nothing more than the hash;
each one after that locks the account for a delay that doubles (30 s, 1 min, 2 min, ... up to
1 hour). The count and the lock are columns of the account, so a restart forgets nothing. A
locked account is refused without checking the password (and without saying whether it was
right). Board tokens are 256 random bits, kept as a SHA-256 like kiosk tokens.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from central.accounts.audit import record
from central.accounts.passwords import hash_password, password_problem, verify_password
from central.db import Database
from central.models import Mpp, WebSession, WebUser

ROLES = ("supervisor", "petugas", "display")
NAME_RE = re.compile(r"^[a-z0-9][a-z0-9._-]{1,63}$")
CODE_RE = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
BOARD_TOKEN_PREFIX = "mppb_"
FREE_FAILURES = 5
FIRST_LOCK = timedelta(seconds=30)
LONGEST_LOCK = timedelta(hours=1)
MAX_LOKET = 999


class AccountError(ValueError):
    """An account command that cannot be done (unknown name, bad role, weak password, ...)."""


@dataclass(frozen=True, slots=True)
class User:
    """A signed-in account as the pages see it."""

    id: int
    name: str
    role: str
    mpp_code: str
    gerai_code: str | None
    loket: int | None
    services: tuple[str, ...] | None


def as_user(row: WebUser) -> User:
    services = tuple(row.services) if row.services is not None else None
    return User(row.id, row.name, row.role, row.mpp_code, row.gerai_code, row.loket, services)


def board_token_hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def lock_for(failures: int) -> timedelta | None:
    """How long an account is locked after ``failures`` wrong passwords in a row."""
    if failures <= FREE_FAILURES:
        return None
    return min(LONGEST_LOCK, FIRST_LOCK * 2 ** (failures - FREE_FAILURES - 1))


def add_user(
    db: Database,
    name: str,
    role: str,
    mpp_code: str,
    now: datetime,
    *,
    password: str | None = None,
    gerai: str | None = None,
    loket: int | None = None,
    services: list[str] | None = None,
) -> tuple[User, str | None]:
    """Register an account; returns it and its board token (display accounts only)."""
    if not NAME_RE.match(name):
        raise AccountError("a name is 2-64 small letters, digits, dots, dashes or underscores")
    if role not in ROLES:
        raise AccountError(f"a role is one of {', '.join(ROLES)}")
    if role == "petugas":
        if not gerai or not CODE_RE.match(gerai):
            raise AccountError("a petugas needs --gerai CODE")
        if loket is None or not 1 <= loket <= MAX_LOKET:
            raise AccountError(f"a petugas needs --loket N (1 to {MAX_LOKET})")
    elif loket is not None:
        raise AccountError("only a petugas has a loket")
    token = None
    if role == "display":
        token = BOARD_TOKEN_PREFIX + secrets.token_urlsafe(32)
    else:
        problem = password_problem(password or "")
        if problem:
            raise AccountError(problem)
    with db.write() as s:
        if s.get(Mpp, mpp_code) is None:
            raise AccountError(f"no MPP {mpp_code!r} (import its catalog first)")
        if s.scalar(select(WebUser.id).where(WebUser.name == name)) is not None:
            raise AccountError(f"an account named {name!r} already exists")
        row = WebUser(
            mpp_code=mpp_code,
            name=name,
            role=role,
            gerai_code=gerai,
            loket=loket,
            services=services or None,
            password_hash=hash_password(password) if password else None,
            board_token_hash=board_token_hash(token) if token else None,
            created_at=now,
            failed_logins=0,
        )
        s.add(row)
        s.flush()
        record(s, mpp=mpp_code, actor="cli", action="user_add", at=now, name=name, role=role)
        return as_user(row), token


def list_users(db: Database) -> list[WebUser]:
    with db.read() as s:
        return list(s.scalars(select(WebUser).order_by(WebUser.mpp_code, WebUser.name)))


def _get(s: Session, name: str) -> WebUser:
    row = s.scalar(select(WebUser).where(WebUser.name == name))
    if row is None:
        raise AccountError(f"no account named {name!r}")
    return row


def disable_user(db: Database, name: str, now: datetime) -> None:
    """The account can no longer sign in; its sessions end now."""
    with db.write() as s:
        row = _get(s, name)
        row.disabled_at = row.disabled_at or now
        s.query(WebSession).filter(WebSession.user_id == row.id).delete()
        record(s, mpp=row.mpp_code, actor="cli", action="user_disable", at=now, name=name)


def reset_user(db: Database, name: str, now: datetime, password: str | None) -> str | None:
    """A new password (or a new board token, returned) for the account; enables it again,
    clears its lockout and ends its sessions."""
    token = None
    with db.write() as s:
        row = _get(s, name)
        if row.role == "display":
            token = BOARD_TOKEN_PREFIX + secrets.token_urlsafe(32)
            row.board_token_hash = board_token_hash(token)
        else:
            problem = password_problem(password or "")
            if problem:
                raise AccountError(problem)
            row.password_hash = hash_password(password or "")
        row.disabled_at = None
        row.failed_logins = 0
        row.locked_until = None
        s.query(WebSession).filter(WebSession.user_id == row.id).delete()
        record(s, mpp=row.mpp_code, actor="cli", action="user_reset", at=now, name=name)
    return token


@dataclass(frozen=True, slots=True)
class LoginResult:
    user: User | None
    locked_until: datetime | None = None


def password_login(db: Database, name: str, password: str, now: datetime) -> LoginResult:
    """Check a name and password (a display account cannot sign in this way)."""
    with db.read() as s:
        row = s.scalar(select(WebUser).where(WebUser.name == name[:64]))
        stored = row.password_hash if row is not None else None
        locked = row.locked_until if row is not None else None
    if locked is not None and locked > now:
        return LoginResult(None, locked)
    ok = verify_password(stored, password[:256])  # the hash's time is spent either way
    if row is None:
        return LoginResult(None)
    with db.write() as s:
        fresh = s.get(WebUser, row.id)
        assert fresh is not None
        if ok and fresh.disabled_at is None and fresh.role != "display":
            fresh.failed_logins = 0
            fresh.locked_until = None
            fresh.last_login_at = now
            record(s, mpp=fresh.mpp_code, actor=fresh.name, action="login", at=now)
            return LoginResult(as_user(fresh))
        fresh.failed_logins += 1
        wait = lock_for(fresh.failed_logins)
        fresh.locked_until = now + wait if wait else None
        record(
            s,
            mpp=fresh.mpp_code,
            actor=fresh.name,
            action="login_failed",
            at=now,
            failures=fresh.failed_logins,
        )
        return LoginResult(None, fresh.locked_until)


def board_login(db: Database, token: str, now: datetime) -> User | None:
    """The display account whose board token this is (pairing a board), or None."""
    if not token.startswith(BOARD_TOKEN_PREFIX) or len(token) > 100:
        return None
    with db.write() as s:
        row = s.scalar(select(WebUser).where(WebUser.board_token_hash == board_token_hash(token)))
        if row is None or row.disabled_at is not None or row.role != "display":
            return None
        row.last_login_at = now
        record(s, mpp=row.mpp_code, actor=row.name, action="login", at=now, board=True)
        return as_user(row)
