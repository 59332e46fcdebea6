"""The kiosk's own health, beside the printer and the server link: its version, its database
(new, fine, or recovered at start), the free space on its disk, its worker threads, and the
numbers that could not be issued. Staff see it on the health screen, the server in every
heartbeat, systemd in ``STATUS=``.

``check()`` runs on the supervisor's thread every second: it looks at the disk every
``disk_every_s`` (issuing stops below the "full" limit and resumes by itself once there is
room again), and prunes old slip previews once an hour.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.system import disk, housekeeping
from kiosk.system.disk import DiskSpace, DiskState
from kiosk.system.supervise import PartState, Supervisor
from kiosk.usecases.startup import Recovery
from mpp_core.i18n import Text, Words

log = logging.getLogger(__name__)

DISK_EVERY_S = 10.0
PRUNE_EVERY_S = 3600.0

VERSION = Text("Versi aplikasi {version}", "App version {version}")
DB_RECOVERED = Text(
    "Basis data rusak dan dipulihkan pada {at} ({seconds} detik): {summary}. Berkas rusak "
    "disimpan sebagai {moved_to}.",
    "The database was damaged and recovered at {at} ({seconds} s): {summary}. The damaged "
    "file is kept as {moved_to}.",
)
DISK_LOW = Text(
    "Ruang disk hampir habis: sisa {free} MB di {path}.",
    "Disk space is low: {free} MB left in {path}.",
)
DISK_FULL = Text(
    "Disk penuh (sisa {free} MB di {path}): nomor tidak diterbitkan sampai ada ruang.",
    "The disk is full ({free} MB left in {path}): no numbers are issued until there is room.",
)
DISK_UNKNOWN = Text("Ruang disk tidak dapat diperiksa: {error}", "Disk space unknown: {error}")
THREAD_DOWN = Text(
    "Bagian {name} berhenti dan sedang dimulai ulang: {error}",
    "The {name} worker stopped and is being restarted: {error}",
)
THREAD_RESTARTED = Text(
    "Bagian {name} dimulai ulang {count} kali sejak kiosk menyala (terakhir: {error}).",
    "The {name} worker was restarted {count} times since the kiosk started (last: {error}).",
)
ISSUE_ERRORS = Text(
    "{count} nomor gagal diterbitkan sejak kiosk menyala.",
    "{count} number could not be issued since the kiosk started.",
    "{count} numbers could not be issued since the kiosk started.",
)


@dataclass(frozen=True)
class HealthLine:
    words: Words  # said in the language on screen
    role: str | None  # None, "warn" or "error"


class SystemHealth:
    def __init__(
        self,
        *,
        version: str,
        data_dir: Path,
        database_state: str,
        recovery: Recovery | None,
        supervisor: Supervisor | None,
        set_disk_full: Callable[[bool], None],
        preview_dir: Path | None = None,
        measure: Callable[[Path], DiskSpace] = disk.measure,
        monotonic: Callable[[], float] = time.monotonic,
        on_change: Callable[[], None] | None = None,
        disk_every_s: float = DISK_EVERY_S,
    ) -> None:
        self.version = version
        self.data_dir = data_dir
        self.database_state = database_state
        self.recovery = recovery
        self.supervisor = supervisor
        self.preview_dir = preview_dir
        self._set_disk_full = set_disk_full
        self._measure = measure
        self._now = monotonic
        self.on_change = on_change
        self.disk_every_s = disk_every_s
        self.disk: DiskSpace | None = None
        self.issue_errors = 0
        self._next_disk = 0.0
        self._next_prune = 0.0

    # ------------------------------------------------------------------ the supervisor's tick

    def check(self) -> None:
        now = self._now()
        if now >= self._next_disk:
            self._next_disk = now + self.disk_every_s
            self.check_disk()
        if self.preview_dir is not None and now >= self._next_prune:
            self._next_prune = now + PRUNE_EVERY_S
            housekeeping.prune_previews(self.preview_dir)

    def check_disk(self) -> DiskSpace:
        space = self._measure(self.data_dir)
        before = self.disk.state if self.disk is not None else None
        self.disk = space
        self._set_disk_full(space.state is DiskState.FULL)
        if space.state is not before:
            if space.state in (DiskState.LOW, DiskState.FULL):
                log.warning("disk %s: %.1f MB free in %s", space.state, space.free_mb, space.path)
            elif before is not None:
                log.info("disk %s again: %.1f MB free", space.state, space.free_mb)
            if self.on_change is not None:
                self.on_change()
        return space

    def issue_failed(self) -> None:
        self.issue_errors += 1

    # ------------------------------------------------------------------ reports

    def threads(self) -> list[PartState]:
        return self.supervisor.states() if self.supervisor is not None else []

    def heartbeat_fields(self) -> dict[str, Any]:
        states = self.threads()
        out: dict[str, Any] = {
            "service_state": "in_service",
            "database_state": self.database_state,
            "issue_errors": self.issue_errors,
            "dead_threads": [s.name for s in states if not s.alive],
            "thread_restarts": sum(s.restarts for s in states),
        }
        if self.disk is not None:
            out["disk_state"] = self.disk.state.value
            out["disk_free_mb"] = self.disk.free_mb
        return out

    def lines(self) -> list[HealthLine]:
        """The version first, then whatever needs attention (staff health screen)."""
        out = [HealthLine(VERSION.bind(version=self.version), None)]
        r = self.recovery
        if r is not None:
            words = DB_RECOVERED.bind(
                at=r.at, seconds=r.seconds, summary=r.summary, moved_to=r.moved_to
            )
            out.append(HealthLine(words, "warn"))
        d = self.disk
        if d is not None and d.state is DiskState.FULL:
            out.append(HealthLine(DISK_FULL.bind(free=d.free_mb, path=d.path), "error"))
        elif d is not None and d.state is DiskState.LOW:
            out.append(HealthLine(DISK_LOW.bind(free=d.free_mb, path=d.path), "warn"))
        elif d is not None and d.state is DiskState.UNKNOWN:
            out.append(HealthLine(DISK_UNKNOWN.bind(error=d.error), "warn"))
        for s in self.threads():
            if not s.alive:
                words = THREAD_DOWN.bind(name=s.name, error=s.last_error)
                out.append(HealthLine(words, "error"))
            elif s.restarts:
                words = THREAD_RESTARTED.bind(name=s.name, count=s.restarts, error=s.last_error)
                out.append(HealthLine(words, "warn"))
        if self.issue_errors:
            out.append(HealthLine(ISSUE_ERRORS.bind(count=self.issue_errors), "warn"))
        return out

    def status_line(self) -> str:
        """For ``systemctl status`` (STATUS=)."""
        f = self.heartbeat_fields()
        dead = ",".join(f["dead_threads"]) or "none"
        disk_word = f.get("disk_state", "?")
        return f"version={self.version} db={self.database_state} disk={disk_word} dead={dead}"
