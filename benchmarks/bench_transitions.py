"""Tap to the next screen painted: p95 of each transition (target 16 ms), offscreen.

Each sample runs the tap's handler (what a click on the button calls) and then repaints the
whole window synchronously, so the figure covers the state change, layout and painting.
Issuing a ticket (detail -> ticket) commits to SQLite on the worker thread first; that
sample is timed from the tap to the ticket screen painted, including the commit.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _harness import build, settle, summary, timed, wait_printed

CYCLES = 200


def main() -> None:
    k = build()
    f, w = k.flow, k.window
    for _ in range(30):  # let the service pages be built, as they are while the kiosk idles
        settle()
    services = [g for g in k.catalog.current.gerai if g.selectable and g.issues_numbers]
    samples: dict[str, list[float]] = {}

    def add(name: str, ms: float) -> None:
        samples.setdefault(name, []).append(ms)

    paint = w.repaint
    from PySide6.QtCore import QEventLoop
    from PySide6.QtWidgets import QApplication

    for i in range(CYCLES):
        g = services[i % len(services)]
        s = next(s for s in g.services if s.needs_queue)
        add("welcome -> gerai grid", timed(f.start, paint))
        add("gerai grid -> service list", timed(lambda c=g.code: f.choose_gerai(c), paint))
        add("service list -> detail", timed(lambda c=s.code: f.choose_service(c), paint))
        add("detail -> back to list", timed(f.go_back, paint))
        add("list -> detail again", timed(lambda c=s.code: f.choose_service(c), paint))
        if i % 4 == 0:

            def issue() -> None:
                f.take_number(None)
                while w.current.value != "ticket":
                    # Sleep in Qt's event loop (GIL released), as the kiosk's exec() does.
                    QApplication.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)

            add("detail -> ticket (incl. commit)", timed(issue, paint))
            wait_printed(k)  # one visitor at a time: the slip is out before the next tap
        add("-> welcome (start again)", timed(f.go_home, paint))
        add("language switch (live)", timed(f.toggle_language, paint))
        f.toggle_language()
        settle(1)
    for name, ms in samples.items():
        print(summary(name, ms, 16))
    k.close()


if __name__ == "__main__":
    main()
