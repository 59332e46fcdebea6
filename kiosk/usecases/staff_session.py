"""Who is signed in on the staff screens and what they may do: the two roles, the check every
action makes, and what an action answers (in words for the screen)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from mpp_core.domain.clock import Clock
from mpp_core.i18n import Text, Words

STAFF_IDLE_S = 120  # a session closes by itself after this long without a touch


class Role(StrEnum):
    STAFF = "staff"
    TECHNICIAN = "technician"

    @property
    def words(self) -> Text:
        return ROLE_WORDS[self]


ROLE_WORDS = {Role.STAFF: Text("Petugas", "Staff"), Role.TECHNICIAN: Text("Teknisi", "Technician")}
TECHNICIANS_ONLY = Text("Hanya untuk teknisi.", "Technicians only.")


class NotAllowed(PermissionError):
    """The action needs another role (or no one is signed in)."""


@dataclass(frozen=True)
class Outcome:
    """The result of an action, in words for the staff screen."""

    ok: bool
    words: Words
    restart_needed: bool = False


@dataclass
class StaffSession:
    role: Role
    since: datetime


class SignedIn:
    """Who is signed in now (one person at a time), and the check each action makes of
    their role."""

    def __init__(self, clock: Clock) -> None:
        self._clock = clock
        self.session: StaffSession | None = None

    @property
    def role(self) -> Role | None:
        return self.session.role if self.session else None

    @property
    def actor(self) -> str:
        """Who the audit log names: the role, or "system" when nobody is signed in."""
        return self.session.role.value if self.session else "system"

    def start(self, role: Role) -> None:
        self.session = StaffSession(role, self._clock.now())

    def end(self) -> None:
        self.session = None

    def require(self, role: Role = Role.STAFF) -> None:
        if self.session is None:
            raise NotAllowed("nobody is signed in")
        if role is Role.TECHNICIAN and self.session.role is not Role.TECHNICIAN:
            raise NotAllowed("technicians only")
