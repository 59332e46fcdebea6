"""The staff PINs: the rules a new PIN must follow, salted slow hashes, which role a PIN
opens, and the PIN pad's lockout.

PINs are stored per role as salted scrypt hashes (PBKDF2-SHA256 where this Python's OpenSSL
has no scrypt); entering a PIN tells which role it belongs to, so two roles never share one.
Five wrong PINs in a row lock the pad for five minutes; the count and the lock survive a
restart (kept in ``kiosk_state``). PINs and hashes are never logged.
"""

from __future__ import annotations

import hashlib
import hmac
import itertools
import logging
import secrets
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta

from kiosk.store.staff import StoredPin
from kiosk.usecases.audit import AuditLog, UowFactory
from kiosk.usecases.staff_session import Role
from mpp_core.domain.clock import Clock
from mpp_core.i18n import Text, Words

log = logging.getLogger(__name__)

LOCKOUT_AFTER = 5
LOCKOUT_FOR = timedelta(minutes=5)
PIN_MIN, PIN_MAX = 4, 12
LOCK_KEY = "staff.pin_lock"
SCRYPT_PARAMS = {"n": 2**14, "r": 8, "p": 1}
PBKDF2_ITERATIONS = 310_000


DIGITS_ONLY = Text("PIN hanya boleh angka.", "A PIN has digits only.")
PIN_LENGTH = Text("PIN harus {low} sampai {high} angka.", "A PIN has {low} to {high} digits.")
ONE_DIGIT = Text("PIN tidak boleh satu angka berulang.", "A PIN may not repeat one digit.")
A_RUN = Text("PIN tidak boleh angka berurutan.", "A PIN may not be a run of digits.")
TAKEN = Text("PIN ini sudah dipakai peran lain.", "Another role already has this PIN.")


class PinRefused(ValueError):
    def __init__(self, words: Words) -> None:
        super().__init__(words("en"))
        self.words = words


# --------------------------------------------------------------------------- PIN hashing


def pin_problem(pin: str) -> Words | None:
    """Why a new PIN is refused, or None when it is acceptable."""
    if not pin.isdigit() or not pin.isascii():
        return DIGITS_ONLY
    if not PIN_MIN <= len(pin) <= PIN_MAX:
        return PIN_LENGTH.bind(low=PIN_MIN, high=PIN_MAX)
    if len(set(pin)) == 1:
        return ONE_DIGIT
    steps = {(int(b) - int(a)) % 10 for a, b in itertools.pairwise(pin)}
    if steps in ({1}, {9}):
        return A_RUN
    return None


def hash_pin(pin: str, salt: bytes, scheme: str, params: Mapping[str, int]) -> bytes:
    data = pin.encode("utf-8")
    if scheme == "scrypt":
        n, r, p = params["n"], params["r"], params["p"]
        return hashlib.scrypt(
            data, salt=salt, n=n, r=r, p=p, dklen=32, maxmem=256 * n * r + 1024 * 1024
        )
    if scheme == "pbkdf2_sha256":
        return hashlib.pbkdf2_hmac("sha256", data, salt, params["iterations"], dklen=32)
    raise ValueError(f"unknown PIN hash scheme {scheme!r}")


def new_pin_hash(role: Role, pin: str, now: datetime, by: str) -> StoredPin:
    """A fresh salt for this role's PIN, and its slow hash."""
    salt = secrets.token_bytes(16)
    if hasattr(hashlib, "scrypt"):
        scheme, params = "scrypt", dict(SCRYPT_PARAMS)
    else:  # pragma: no cover - OpenSSL without scrypt
        scheme, params = "pbkdf2_sha256", {"iterations": PBKDF2_ITERATIONS}
    return StoredPin(role.value, scheme, params, salt, hash_pin(pin, salt, scheme, params), now, by)


def pin_matches(stored: StoredPin, pin: str) -> bool:
    try:
        digest = hash_pin(pin, stored.salt, stored.scheme, stored.params)
    except (ValueError, KeyError):
        log.error("PIN of role %s has an unknown hash scheme %r", stored.role, stored.scheme)
        return False
    return hmac.compare_digest(digest, stored.digest)


# --------------------------------------------------------------------------- the PIN pad


@dataclass(frozen=True)
class PinResult:
    role: Role | None  # who came in (None: refused)
    reason: str  # "ok", "wrong", "locked", "no_pin"
    attempts_left: int = LOCKOUT_AFTER
    locked_until: datetime | None = None


class StaffAuth:
    """The PIN pad's rules: which role a PIN opens, and the lockout."""

    def __init__(self, uow: UowFactory, clock: Clock, audit: AuditLog) -> None:
        self._uow = uow
        self._clock = clock
        self.audit = audit

    def roles_with_pin(self) -> set[Role]:
        with self._uow() as u:
            stored = u.credentials.all()
        return {Role(p.role) for p in stored if p.role in Role.__members__.values()}

    def set_pin(self, role: Role, pin: str, *, by: str) -> None:
        """Store the role's new PIN (PinRefused, with its words, when refused)."""
        problem = pin_problem(pin)
        if problem is not None:
            raise PinRefused(problem)
        with self._uow() as u:
            repo = u.credentials
            for other in Role:
                stored = repo.get(other.value)
                if other is not role and stored is not None and pin_matches(stored, pin):
                    raise PinRefused(TAKEN)
            repo.put(new_pin_hash(role, pin, self._clock.now(), by))
            u.commit()
        self.audit.record(by, "pin_set", role=role.value)

    def lock_state(self) -> tuple[int, datetime | None]:
        """(wrong PINs in a row, locked until) as stored."""
        with self._uow() as u:
            raw = u.state.get(LOCK_KEY) or {}
        failures = int(raw.get("failures", 0)) if isinstance(raw, dict) else 0
        until = raw.get("locked_until") if isinstance(raw, dict) else None
        locked = datetime.fromisoformat(until) if isinstance(until, str) else None
        return failures, locked

    def locked_until(self) -> datetime | None:
        _failures, until = self.lock_state()
        return until if until is not None and until > self._clock.now() else None

    def _save_lock(self, failures: int, until: datetime | None) -> None:
        with self._uow() as u:
            u.state.set(
                LOCK_KEY,
                {"failures": failures, "locked_until": until.isoformat() if until else None},
            )
            u.commit()

    def check(self, pin: str) -> PinResult:
        now = self._clock.now()
        failures, until = self.lock_state()
        if until is not None and until > now:
            return PinResult(None, "locked", 0, until)
        if until is not None:  # the lock has run out: a fresh start
            failures = 0
        with self._uow() as u:
            stored = u.credentials.all()
        if not stored:
            return PinResult(None, "no_pin")
        # Every role's hash is computed, so the time taken does not tell which one matched.
        matches = [Role(p.role) for p in stored if pin_matches(p, pin)]
        if matches:
            self._save_lock(0, None)
            self.audit.record(matches[0].value, "sign_in")
            return PinResult(matches[0], "ok")
        failures += 1
        if failures >= LOCKOUT_AFTER:
            locked = now + LOCKOUT_FOR
            self._save_lock(0, locked)
            self.audit.record(
                "unknown", "pin_lockout", failures=failures, locked_until=locked.isoformat()
            )
            return PinResult(None, "locked", 0, locked)
        self._save_lock(failures, None)
        self.audit.record("unknown", "pin_wrong", failures=failures)
        return PinResult(None, "wrong", LOCKOUT_AFTER - failures)
