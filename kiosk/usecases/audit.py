"""The audit log: who did what on the kiosk, and when.

Every staff and technician action, PIN attempt and PIN change is written to ``audit_log`` at
once (who, what, when, details; never a PIN or a token) and stays there for the central
server (``AuditRepository.unsynced``).
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from typing import Any

from kiosk.store.staff import AuditEntry
from kiosk.store.uow import UnitOfWork
from mpp_core.domain.clock import Clock

log = logging.getLogger(__name__)

UowFactory = Callable[[], UnitOfWork]


class AuditLog:
    """Who did what, when: one row per action, written at once."""

    def __init__(self, uow: UowFactory, clock: Clock, kiosk_id: str) -> None:
        self._uow = uow
        self._clock = clock
        self.kiosk_id = kiosk_id

    def record(self, actor: str, action: str, **detail: Any) -> int:
        clean = {k: v for k, v in detail.items() if v is not None}
        try:
            with self._uow() as u:
                entry_id = u.audit.add(self._clock.now(), self.kiosk_id, actor, action, clean)
                u.commit()
        except Exception:  # the action itself has happened; say so in the log at least
            log.exception("audit entry not written: %s %s %s", actor, action, clean)
            return 0
        log.info("audit: %s %s %s", actor, action, clean)
        return entry_id

    def recent(self, limit: int = 20) -> list[AuditEntry]:
        with self._uow() as u:
            return u.audit.recent(limit)

    def unsynced_count(self) -> int:
        with self._uow() as u:
            return u.audit.count_unsynced()


def whoami() -> str:
    """The operating-system user, for audit entries written from the command line."""
    try:
        import getpass

        return f"cli:{getpass.getuser()}"[:40]
    except Exception:
        return f"cli:{os.getuid() if hasattr(os, 'getuid') else '?'}"
