"""Password hashing for web accounts: argon2id (argon2-cffi), salted, memory-hard.

Parameters: 64 MiB of memory, 3 passes, 1 lane: about 0.1-0.2 s per guess on the 2-core
server this was measured on (docs/counter.md), so an offline search of a stolen database is
slow, while a login costs one hash. Hashes and passwords are never logged.
"""

from __future__ import annotations

import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

TIME_COST = 3
MEMORY_KIB = 64 * 1024
PARALLELISM = 1
MIN_PASSWORD, MAX_PASSWORD = 10, 128

_hasher = PasswordHasher(
    time_cost=TIME_COST, memory_cost=MEMORY_KIB, parallelism=PARALLELISM, hash_len=32
)
# Checked against when the name is unknown, so a wrong name costs as long as a wrong password.
_DUMMY = _hasher.hash(secrets.token_urlsafe(16))


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(stored: str | None, password: str) -> bool:
    """Whether ``password`` matches ``stored`` (always spends one hash's time)."""
    try:
        return _hasher.verify(stored or _DUMMY, password) and stored is not None
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False


def password_problem(password: str) -> str | None:
    """Why a new password is refused (English, for the command line), or None."""
    if not MIN_PASSWORD <= len(password) <= MAX_PASSWORD:
        return f"a password has {MIN_PASSWORD} to {MAX_PASSWORD} characters"
    if any(ord(c) < 32 or ord(c) == 127 for c in password):
        return "a password has no control characters"
    if len(set(password)) < 4:
        return "a password needs more different characters"
    return None


def generated_password() -> str:
    """A password to print once: 16 characters from an unambiguous alphabet (about 90 bits)."""
    alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
    return "".join(secrets.choice(alphabet) for _ in range(16))
