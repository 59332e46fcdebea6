"""Shared helpers for the kiosk benchmarks (offscreen Qt, a real SQLite file)."""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def percentile(values: list[float], p: float) -> float:
    s = sorted(values)
    k = max(0, min(len(s) - 1, round(p / 100 * (len(s) - 1))))
    return s[k]


def summary(name: str, ms: list[float], target: float | None = None) -> str:
    line = (
        f"{name:<34} n={len(ms):<5} median={statistics.median(ms):7.2f} ms  "
        f"p95={percentile(ms, 95):7.2f} ms  max={max(ms):7.2f} ms"
    )
    if target is not None:
        line += f"  target p95 {target} ms: {'OK' if percentile(ms, 95) <= target else 'MISSED'}"
    return line


def rss_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def build(orientation: str = "landscape", moment: datetime | None = None):  # type: ignore[no-untyped-def]
    from kiosk.app import build_kiosk
    from kiosk.settings.kiosk import KioskConfig
    from kiosk.settings.screen import PanelConfig
    from mpp_core.domain.clock import WIB, FixedClock

    w, h = (1920, 1080) if orientation == "landscape" else (1080, 1920)
    tmp = Path(tempfile.mkdtemp(prefix="kiosk-bench-"))
    cfg = KioskConfig(
        database=str(tmp / "bench.db"), panel=PanelConfig(21.5, w, h), fullscreen=False
    )
    clock = FixedClock(moment or datetime(2026, 12, 2, 10, 0, tzinfo=WIB))
    k = build_kiosk(cfg, clock=clock)
    k.window.resize(w, h)
    k.window.show()
    settle()
    return k


def settle(rounds: int = 3) -> None:
    from PySide6.QtWidgets import QApplication

    for _ in range(rounds):
        QApplication.processEvents()


def timed(action: Callable[[], None], paint: Callable[[], None]) -> float:
    """Milliseconds from the action (a tap's handler) to the new frame fully painted."""
    t0 = time.perf_counter()
    action()
    paint()
    return (time.perf_counter() - t0) * 1000


def wait_printed(k) -> None:  # type: ignore[no-untyped-def]
    """Until the printer (the preview printer here) has reported on the last ticket."""
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    last = k.flow.last_ticket
    while (
        last is not None
        and k.window.ticket.slip_preview.isHidden()
        and (k.window.ticket.print_state.property("role") != "error")
    ):
        QApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)


def paint_pending() -> None:
    """Paint what is waiting to be painted, as Qt's event loop does after a tap (only the
    widgets that changed are repainted)."""
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()
