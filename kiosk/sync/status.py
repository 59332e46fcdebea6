"""What staff see about sync: online or not, last success, items waiting, the last problem.

Plain Python: :class:`StatusBoard` calls its listeners on the thread that changed the status
(usually the sync worker); a Qt display re-emits that as a signal to reach the GUI thread.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from mpp_core.domain.clock import local
from mpp_core.i18n import Number, Text, Words

log = logging.getLogger(__name__)

NO_SERVER = Text(
    "Tanpa server pusat: nomor diterbitkan lokal",
    "No central server configured: numbers are local",
)
ONLINE = Text("Terhubung", "Online")
OFFLINE = Text("Tidak terhubung", "Offline")
LAST_SYNC = Text("Sinkron terakhir: {when}", "Last sync: {when}")
NEVER_REACHED = Text("Belum pernah terhubung ke server", "Never reached the server")
WAITING = Text("Menunggu dikirim: {count}", "Waiting to send: {count}")
REFUSED = Text("Ditolak server: {count}", "Refused by server: {count}")
LEASED_LEFT = Text("Sisa nomor offline: {count}", "Offline numbers left: {count}")
EMERGENCY_USED = Text("Nomor darurat terpakai: {count}", "Emergency numbers used: {count}")
CLOCK_CORRECTED = Text("Jam dikoreksi {minutes} min", "Clock corrected by {minutes} min")
CATALOG_REFUSED = Text("Katalog ditolak: {error}", "Catalog refused: {error}")
PROBLEM = Text("Masalah: {error}", "Problem: {error}")
TOKEN_SHARED = Text(
    "Server melihat kiosk lain memakai token kiosk ini: beri PC kedua tokennya sendiri.",
    "The server sees another kiosk using this kiosk's token: give the second PC its own token.",
)


@dataclass(frozen=True)
class SyncStatus:
    configured: bool = True
    online: bool = False
    last_success: datetime | None = None  # last request the server answered
    last_attempt: datetime | None = None
    outbox_waiting: int = 0  # items not yet sent
    outbox_rejected: int = 0  # items the server refused for good (staff look at these)
    last_error: str | None = None
    catalog_version: str | None = None
    catalog_error: str | None = None  # the last catalog refused, if any
    clock_offset_s: float = 0.0  # server time minus the kiosk's own clock
    slot: int | None = None
    leased_left: int = 0  # unused leased numbers for today, all gerai
    emergency_used: int = 0  # emergency numbers issued today
    server_url: str = ""
    token_shared: bool = False  # the server sees a second kiosk sending with this token

    def lines(self) -> list[Words]:
        """Short lines for a staff panel (the errors are technical English)."""
        if not self.configured:
            return [NO_SERVER]
        out: list[Words] = [TOKEN_SHARED] if self.token_shared else []
        out.append(ONLINE if self.online else OFFLINE)
        if self.last_success is not None:
            when = local(self.last_success).strftime("%d-%m %H:%M:%S")
            out.append(LAST_SYNC.bind(when=when))
        else:
            out.append(NEVER_REACHED)
        out.append(WAITING.bind(count=self.outbox_waiting))
        if self.outbox_rejected:
            out.append(REFUSED.bind(count=self.outbox_rejected))
        out.append(LEASED_LEFT.bind(count=self.leased_left))
        if self.emergency_used:
            out.append(EMERGENCY_USED.bind(count=self.emergency_used))
        if abs(self.clock_offset_s) >= 60:
            out.append(CLOCK_CORRECTED.bind(minutes=Number(self.clock_offset_s / 60, "+.0f")))
        if self.catalog_error:
            out.append(CATALOG_REFUSED.bind(error=self.catalog_error))
        if self.last_error and not self.online:
            out.append(PROBLEM.bind(error=self.last_error))
        return out


Listener = Callable[[SyncStatus], None]


class StatusBoard:
    """The current SyncStatus, replaced whole on each change (readers never see half)."""

    def __init__(self, initial: SyncStatus | None = None) -> None:
        self._status = initial or SyncStatus()
        self._lock = threading.Lock()
        self._listeners: list[Listener] = []

    @property
    def status(self) -> SyncStatus:
        return self._status

    def subscribe(self, listener: Listener) -> None:
        with self._lock:
            self._listeners.append(listener)

    def update(self, **changes: Any) -> SyncStatus:
        with self._lock:
            new = replace(self._status, **changes)
            changed = new != self._status
            self._status = new
            listeners = list(self._listeners)
        if changed:
            for listener in listeners:
                try:
                    listener(new)
                except Exception:  # a display bug must not stop sync
                    log.exception("sync status listener failed")
        return new
