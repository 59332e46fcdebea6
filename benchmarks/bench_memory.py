"""Memory after start (target 120 MB RSS) and its growth over 1,000 complete ticket cycles
(target under 5 MB): welcome -> gerai -> service -> take a number (committed to SQLite on
the worker thread) -> ticket screen -> start again, with a language switch now and then.
"""

from __future__ import annotations

import gc
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _harness import build, rss_mb, settle, wait_printed

CYCLES = 1000
WARMUP = 50


def main() -> None:
    k = build()
    for _ in range(30):
        settle()
    print(f"RSS after start: {rss_mb():.1f} MB (target 120 MB)")
    f, w = k.flow, k.window
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    services = [
        (g, s)
        for g in k.catalog.current.gerai
        if g.selectable
        for s in g.services
        if s.needs_queue and s.daily_quota is None
    ]

    def cycle(i: int) -> None:
        g, s = services[i % len(services)]
        f.start()
        f.choose_gerai(g.code)
        f.choose_service(s.code)
        f.take_number(None)
        while w.current.value != "ticket":
            QApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)
        w.repaint()
        wait_printed(k)
        if i % 10 == 0:
            f.toggle_language()
            f.toggle_language()
        f.go_home()
        w.repaint()
        # The kiosk's housekeeping runs 3 s after each visitor; run it now, as that pause
        # between visitors is skipped here.
        f._between_visitors()

    for i in range(WARMUP):
        cycle(i)
    gc.collect()
    settle()
    base = rss_mb()
    for i in range(WARMUP, WARMUP + CYCLES):
        cycle(i)
    gc.collect()
    settle()
    end = rss_mb()
    print(
        f"RSS after {WARMUP} warm-up cycles: {base:.1f} MB; after {CYCLES} more: {end:.1f} MB;"
        f" growth {end - base:+.2f} MB (target < 5 MB)"
    )
    with k.desk._uow() as uow:
        from mpp_core.domain.clock import service_day

        n = len(uow.tickets.all_for_day(service_day(k.clock.now())))
    print(f"tickets committed: {n}")
    k.close()


if __name__ == "__main__":
    main()
