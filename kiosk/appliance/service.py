"""The unit's helpers.

``appliance backoff`` (``ExecStartPre=``): systemd 252 restarts at a fixed ``RestartSec=``, so
the kiosk spaces its own restarts: once it has started three times within ten minutes without
serving in between, each start waits 1, 2, 4 ... up to 60 s. A start that reaches the serving
state (the ready stamp) clears the count.

``appliance stop`` (``ExecStop=``): SIGTERM to the kiosk itself (named by its ready stamp,
checked against /proc), then a bounded wait for it to finish or fail the slip in progress and
exit; cage ends when its only client does.
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import time
from collections.abc import Callable
from pathlib import Path

WINDOW_S = 600.0
FREE_STARTS = 3
MAX_DELAY_S = 60.0
STARTS = "starts.json"


def backoff_delay(data_dir: Path, now: float | None = None) -> float:
    """Record this start; returns how long it should wait first."""
    now = time.time() if now is None else now
    path = data_dir / STARTS
    try:
        starts = [float(t) for t in json.loads(path.read_text())]
    except (OSError, ValueError, TypeError):
        starts = []
    try:
        stamp = json.loads((data_dir / "ready.json").read_text())
        served_at = float(stamp.get("at", 0)) if stamp.get("state") == "in_service" else 0.0
    except (OSError, ValueError, TypeError, AttributeError):
        served_at = 0.0
    starts = [t for t in starts if now - t < WINDOW_S and t > served_at]
    n = len(starts)
    delay = 0.0 if n < FREE_STARTS else min(MAX_DELAY_S, 2.0 ** (n - FREE_STARTS))
    starts.append(now)
    with contextlib.suppress(OSError):
        path.write_text(json.dumps(starts[-50:]))
    return delay


def backoff(data_dir: Path, sleep: Callable[[float], None] = time.sleep) -> float:
    delay = backoff_delay(data_dir)
    if delay:
        print(f"mpp-kiosk: started often without serving: waiting {delay:.0f} s", flush=True)
        sleep(delay)
    return delay


def kiosk_pid(data_dir: Path) -> int | None:
    """The running kiosk's process, from its ready stamp, if it is still that program."""
    try:
        pid = int(json.loads((data_dir / "ready.json").read_text())["pid"])
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return pid if b"kiosk" in cmdline else None


def stop_kiosk(data_dir: Path, timeout_s: float = 20.0) -> bool:
    """SIGTERM to the kiosk and wait for it to end; True when it has ended."""
    pid = kiosk_pid(data_dir)
    if pid is None:
        return True
    try:
        os.kill(pid, signal.SIGTERM)
    except ProcessLookupError:
        return True
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if not Path(f"/proc/{pid}").exists():
            return True
        time.sleep(0.1)
    return False
