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
from mpp_core.i18n import Text

log = logging.getLogger(__name__)

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

    def lines(self, lang: str = "id") -> list[str]:
        """Short lines for a staff panel."""
        en = lang == "en"
        if not self.configured:
            return [
                "No central server configured: numbers are local"
                if en
                else "Tanpa server pusat: nomor diterbitkan lokal"
            ]
        out = [TOKEN_SHARED(lang)] if self.token_shared else []
        out += [
            ("Online" if en else "Terhubung")
            if self.online
            else ("Offline" if en else "Tidak terhubung")
        ]
        if self.last_success is not None:
            when = local(self.last_success).strftime("%d-%m %H:%M:%S")
            out.append(f"{'Last sync' if en else 'Sinkron terakhir'}: {when}")
        else:
            out.append("Never reached the server" if en else "Belum pernah terhubung ke server")
        out.append(f"{'Waiting to send' if en else 'Menunggu dikirim'}: {self.outbox_waiting}")
        if self.outbox_rejected:
            out.append(f"{'Refused by server' if en else 'Ditolak server'}: {self.outbox_rejected}")
        out.append(f"{'Offline numbers left' if en else 'Sisa nomor offline'}: {self.leased_left}")
        if self.emergency_used:
            out.append(
                f"{'Emergency numbers used' if en else 'Nomor darurat terpakai'}: "
                f"{self.emergency_used}"
            )
        if abs(self.clock_offset_s) >= 60:
            out.append(
                f"{'Clock corrected by' if en else 'Jam dikoreksi'} "
                f"{self.clock_offset_s / 60:+.0f} min"
            )
        if self.catalog_error:
            out.append(f"{'Catalog refused' if en else 'Katalog ditolak'}: {self.catalog_error}")
        if self.last_error and not self.online:
            out.append(f"{'Problem' if en else 'Masalah'}: {self.last_error}")
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
