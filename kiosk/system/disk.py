"""Free space where the kiosk writes (its data folder): enough, low (staff and the server are
warned) or full (issuing refuses before SQLite would fail half way).

``statvfs`` is one system call on a local disk; it still runs on a worker thread (the disk
watch in ``kiosk.usecases.disk``), never on the GUI thread.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

MIB = 1024 * 1024
LOW_BYTES = 256 * MIB  # below this staff and the server are warned
FULL_BYTES = 8 * MIB  # below this no number is issued (a ticket's commit needs a few pages)


class DiskState(StrEnum):
    OK = "ok"
    LOW = "low"
    FULL = "full"
    UNKNOWN = "unknown"  # the folder cannot be looked at


@dataclass(frozen=True)
class DiskSpace:
    path: str
    free_bytes: int
    total_bytes: int
    state: DiskState
    error: str = ""

    @property
    def free_mb(self) -> float:
        return round(self.free_bytes / MIB, 1)


def measure(folder: Path, *, low_bytes: int = LOW_BYTES, full_bytes: int = FULL_BYTES) -> DiskSpace:
    """The free space of the filesystem holding ``folder`` (its nearest existing parent),
    for an unprivileged writer (``f_bavail``)."""
    probe = folder
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    try:
        st = os.statvfs(probe)
    except OSError as exc:
        return DiskSpace(str(folder), 0, 0, DiskState.UNKNOWN, exc.strerror or str(exc))
    free = st.f_bavail * st.f_frsize
    total = st.f_blocks * st.f_frsize
    # On a small filesystem the limits shrink with it (a 64 MiB card is not "always low").
    low = min(low_bytes, total // 10)
    full = min(full_bytes, total // 50)
    if free < full:
        state = DiskState.FULL
    elif free < low:
        state = DiskState.LOW
    else:
        state = DiskState.OK
    return DiskSpace(str(folder), free, total, state)
