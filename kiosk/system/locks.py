"""The slip lock: an update switches releases only while no slip is printing.

The printer thread holds a shared ``flock`` on ``<data folder>/printing.lock`` while a slip
goes out; ``mpp-kiosk update`` takes it exclusively (waiting a bounded time) before it
switches the ``current`` release and restarts the kiosk. A lock held by a process ends with
it, so a crash never leaves the kiosk locked.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path

LOCK_NAME = "printing.lock"


def lock_path(data_dir: Path) -> Path:
    return data_dir / LOCK_NAME


def _open(path: Path) -> int:
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    return os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)


def _take(fd: int, how: int, wait_s: float, sleep: Callable[[float], None]) -> bool:
    deadline = time.monotonic() + wait_s
    while True:
        try:
            fcntl.flock(fd, how | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            if time.monotonic() >= deadline:
                return False
            sleep(0.05)


@contextlib.contextmanager
def printing(path: Path | None, wait_s: float = 2.0) -> Iterator[bool]:
    """Held (shared) while one slip prints; yields whether the lock was had. A slip waits at
    most ``wait_s`` for an update that holds it, then prints anyway (a visitor is waiting,
    and stopping the kiosk finishes or fails the slip in progress cleanly)."""
    if path is None:
        yield False
        return
    try:
        fd = _open(path)
    except OSError:
        yield False
        return
    try:
        yield _take(fd, fcntl.LOCK_SH, wait_s, time.sleep)
    finally:
        os.close(fd)


@contextlib.contextmanager
def no_slip_printing(
    path: Path, timeout_s: float, sleep: Callable[[float], None] = time.sleep
) -> Iterator[None]:
    """Held (exclusive) while the caller switches releases; TimeoutError when a slip was
    still printing after ``timeout_s``."""
    fd = _open(path)
    try:
        if not _take(fd, fcntl.LOCK_EX, timeout_s, sleep):
            raise TimeoutError(f"a slip was still printing after {timeout_s:.0f} s")
        yield
    finally:
        os.close(fd)
