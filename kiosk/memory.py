"""Keep a kiosk that runs for weeks from slowly growing: glibc malloc tuning.

Python, Qt, SQLite and Pillow (the slip previews) allocate from glibc's malloc, which keeps
freed memory in per-thread arenas. A kiosk issuing thousands of tickets would otherwise show
its resident memory creeping up through fragmentation (measured in
benchmarks/bench_memory.py). Both calls are no-ops where glibc is not the C library.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import logging

log = logging.getLogger(__name__)
M_ARENA_MAX = -8  # from <malloc.h>


def _libc() -> ctypes.CDLL | None:
    try:
        name = ctypes.util.find_library("c") or "libc.so.6"
        lib = ctypes.CDLL(name)
        lib.malloc_trim  # noqa: B018 - glibc only
        return lib
    except (OSError, AttributeError):
        return None


_LIBC = _libc()


def limit_malloc_arenas(count: int = 2) -> bool:
    """Fewer malloc arenas for the kiosk's few threads (call before threads start)."""
    if _LIBC is None:
        return False
    return bool(_LIBC.mallopt(M_ARENA_MAX, count))


def release_free_memory() -> None:
    """Give memory that malloc holds but nobody uses back to the system (a few ms)."""
    if _LIBC is not None:
        _LIBC.malloc_trim(0)
