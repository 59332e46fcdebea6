"""The real kiosk (``kiosk.app.run``: its event loop, signals, systemd notifications) in its
own process, with one visitor taking a number as soon as it is ready.

    python tests/appliance/kiosk_driver.py CONFIG [--take SERVICE]

Prints ``TAKEN <ticket id>`` once the number is committed and its slip has gone to the
printer thread; the test then stops it (SIGTERM) or freezes it (SIGSTOP).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from kiosk.app import Kiosk, run


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("config")
    p.add_argument("--take", default="")
    args = p.parse_args()

    def ready(k: Kiosk) -> None:
        print("BUILT", flush=True)
        if not args.take:
            return
        k.flow.start()
        k.flow.choose_service(args.take)
        original = k.flow._issued

        def issued(result: object) -> None:
            original(result)  # type: ignore[arg-type]
            assert k.flow.last_ticket is not None
            print(f"TAKEN {k.flow.last_ticket.id}", flush=True)

        k.flow._issued = issued  # type: ignore[method-assign]
        k.flow.take_number(None)

    return run(Path(args.config), windowed=True, on_ready=ready)


if __name__ == "__main__":
    raise SystemExit(main())
