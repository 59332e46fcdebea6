"""A kiosk as its own process (no screens), for tests that kill it in the middle of a sync.

    python tests/sync/kiosk_driver.py --folder F --name k1 --url URL --token T \
        --catalog DIR --tickets N [--read-timeout S]

Issues N tickets, each followed by a sync pass, printing ``ISSUED <id> <number>``; then syncs
until the outbox is empty and prints ``DRAINED``. With N = 0 it only drains.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from kiosk_harness import make_kiosk


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--folder", required=True)
    p.add_argument("--name", required=True)
    p.add_argument("--url", required=True)
    p.add_argument("--token", required=True)
    p.add_argument("--catalog", required=True)
    p.add_argument("--tickets", type=int, default=10)
    p.add_argument("--read-timeout", type=float, default=10.0)
    args = p.parse_args()
    k = make_kiosk(
        Path(args.folder),
        args.name,
        Path(args.catalog),
        url=args.url,
        token=args.token,
        server={"read_timeout_s": args.read_timeout, "allocate_timeout_s": 1.0, "retries": 0},
    )
    print("STARTED", flush=True)
    for _ in range(args.tickets):
        t = k.issue()
        print(f"ISSUED {t.id} {t.display}", flush=True)
        k.pass_once()
    for _ in range(200):
        if k.pass_once() and not k.outbox():
            print("DRAINED", flush=True)
            return 0
        time.sleep(0.05)
    print("NOT DRAINED", flush=True)
    return 1


if __name__ == "__main__":
    raise SystemExit(main())
