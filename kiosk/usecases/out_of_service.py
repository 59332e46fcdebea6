"""What staff can still do when the kiosk is out of service: sign in with their PIN, read why,
and restart the kiosk (or, technicians, leave to the desktop).

The database may be what is broken, so PINs are checked against the hashes read straight
from the file (read-only; the newest damaged copy moved aside by the start-up check is tried
too), and the lockout after five wrong PINs is kept in memory.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from kiosk.store.integrity import read_pins
from kiosk.store.staff import StoredPin
from kiosk.usecases.staff_pins import LOCKOUT_AFTER, LOCKOUT_FOR, pin_matches
from kiosk.usecases.staff_session import Role
from mpp_core.i18n import Text

TITLE = Text("Kiosk ini sedang tidak melayani", "This kiosk is out of service")
GO_TO_DESK = Text("Silakan menuju meja informasi.", "Please go to the information desk.")
CODE = Text("Kode: {code}", "Code: {code}")
PIN_UNAVAILABLE = Text(
    "PIN tidak dapat diperiksa: tidak ada PIN yang dapat dibaca di {where}.",
    "The PIN cannot be checked: no PIN could be read from {where}.",
)


def pin_sources(database: Path | None) -> list[Path]:
    """Where PIN hashes may still be read: the database, then its newest damaged copies."""
    if database is None:
        return []
    copies = sorted(
        database.parent.glob(f"{database.name}.corrupt-*"),
        key=lambda p: p.name,
        reverse=True,
    )
    return [database, *(p for p in copies if not p.name.endswith(("-wal", "-shm")))]


@dataclass(frozen=True)
class OfflinePinResult:
    role: Role | None
    reason: str  # "ok", "wrong", "locked", "no_pin"
    attempts_left: int = LOCKOUT_AFTER
    seconds_left: int = 0


class OfflinePins:
    """The PIN pad's rules without the database: roles from the hashes read from the files,
    the lockout in memory."""

    def __init__(
        self,
        sources: list[Path],
        *,
        monotonic: Callable[[], float] = time.monotonic,
        read: Callable[[list[Path]], list[StoredPin]] = read_pins,
    ) -> None:
        self.sources = sources
        self._now = monotonic
        self._read = read
        self._failures = 0
        self._locked_until = 0.0

    def check(self, pin: str) -> OfflinePinResult:
        now = self._now()
        if now < self._locked_until:
            return OfflinePinResult(None, "locked", 0, int(self._locked_until - now) + 1)
        stored = self._read(self.sources)
        if not stored:
            return OfflinePinResult(None, "no_pin")
        matches = [Role(p.role) for p in stored if pin_matches(p, pin)]
        if matches:
            self._failures = 0
            return OfflinePinResult(matches[0], "ok")
        self._failures += 1
        if self._failures >= LOCKOUT_AFTER:
            self._failures = 0
            self._locked_until = now + LOCKOUT_FOR.total_seconds()
            return OfflinePinResult(None, "locked", 0, int(LOCKOUT_FOR.total_seconds()))
        return OfflinePinResult(None, "wrong", LOCKOUT_AFTER - self._failures)
