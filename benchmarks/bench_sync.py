"""Kiosk sync benchmarks against the real central server (SQLite and PostgreSQL).

* A full catalog (the default one: 286 services) pulled, validated and applied by a kiosk
  whose catalog differs. Target: 300 ms.
* An outbox of 10,000 tickets (issued offline) drained to the server.

    .venv/bin/python benchmarks/bench_sync.py [--backend sqlite|postgresql|both]
        [--tickets 10000] [--batch 200]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy.orm import Session

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_central import ROOT, database, percentile, prepare, server

from kiosk.store.db import open_database as open_kiosk_db
from kiosk.store.models import OutboxRow, TicketRow
from kiosk.store.uow import UnitOfWorkFactory
from kiosk.sync.setup import build_sync
from kiosk.usecases.catalog import CatalogStore
from kiosk.usecases.ticketing import DrawnNumber
from mpp_core.catalog.files import DEFAULT_CATALOG_DIR
from mpp_core.domain.catalog import Catalog
from mpp_core.domain.clock import service_day
from mpp_core.domain.numbering import Series, ticket_code
from mpp_core.domain.tickets import PrintState, Ticket
from mpp_core.wire.protocol import emergency_range

MINI = ROOT / "tests" / "fixtures" / "catalog-mini"


def kiosk(folder: Path, base: str, token: str, seed: Path, **server: object):  # type: ignore[no-untyped-def]
    engine = open_kiosk_db(folder / "kiosk.db")
    uow = UnitOfWorkFactory(engine)
    store = CatalogStore(uow)
    store.load(seed_dir=seed)
    sync, problems = build_sync(
        {"url": base, "token": token, **server},
        uow=uow,
        catalog=lambda: store.current,
        apply_catalog=store.replace,
        clock=__import__("mpp_core.domain.clock").domain.clock.SystemClock(),
    )
    assert sync is not None and not problems, problems
    return engine, uow, store, sync


# ---------------------------------------------------------------------------- catalog


def bench_catalog_pull(base: str, token: str, rounds: int = 10) -> list[float]:
    folder = Path(tempfile.mkdtemp(prefix="sync-bench-"))
    engine, _uow, store, sync = kiosk(folder, base, token, MINI)
    mini: Catalog = store.current
    ms = []
    try:
        for _ in range(rounds):
            store.replace(mini, source="bench reset")  # not timed
            t0 = time.perf_counter()
            result = sync.engine.puller.check()
            ms.append((time.perf_counter() - t0) * 1000)
            assert result.status == "applied" and len(store.current.services) == 286, result
    finally:
        sync.stop()
        engine.dispose()
    return ms


# ---------------------------------------------------------------------------- outbox


def fill_outbox(uow: UnitOfWorkFactory, catalog: Catalog, slot: int, n: int) -> None:
    """n tickets issued offline today (emergency numbers of ``slot``), each with its outbox
    row, written in one go (setting up the benchmark, not measured)."""
    from kiosk.sync.numbers import ticket_payload

    gerai = [g for g in catalog.gerai if g.selectable and g.issues_numbers]
    lo, _hi = emergency_range(slot)
    now = datetime.now(UTC)
    day = service_day(now)
    start = max(
        now - timedelta(hours=6),
        datetime(day.year, day.month, day.day, tzinfo=UTC) - timedelta(hours=7),
    )
    step = (now - start) / n
    rows: list[object] = []
    for i in range(n):
        g = gerai[i % len(gerai)]
        svc = next(s for s in g.services if s.needs_queue)
        seq = lo + i // len(gerai)
        t = Ticket(
            id=str(uuid.uuid4()),
            request_id=uuid.uuid4().hex,
            gerai_code=g.code,
            service_code=svc.code,
            prefix=g.prefix,
            series=Series.REGULAR,
            seq=seq,
            service_day=day,
            issued_at=start + step * i,
            priority=None,
            people_ahead=0,
            est_wait_minutes=0,
            print_state=PrintState.PRINTED,
            kiosk_id="bench",
        )
        rows.append(
            TicketRow(
                id=t.id,
                request_id=t.request_id,
                kiosk_id=t.kiosk_id,
                gerai_code=t.gerai_code,
                service_code=t.service_code,
                prefix=t.prefix,
                series="R",
                seq=seq,
                number=ticket_code(t.prefix, Series.REGULAR, seq),
                service_day=day,
                issued_at=t.issued_at,
                priority=None,
                people_ahead=0,
                est_wait_minutes=0,
                print_state="printed",
                print_attempts=1,
            )
        )
        rows.append(
            OutboxRow(
                kind="ticket",
                key=t.id,
                payload=ticket_payload(t, DrawnNumber(seq, day, t.issued_at, "emergency")),
                state="pending",
                attempts=0,
                created_at=t.issued_at,
            )
        )
    with Session(uow.engine) as s, s.begin():  # a backlog written straight into the file
        s.add_all(rows)


def bench_drain(base: str, token: str, n: int, batch: int) -> tuple[float, int]:
    folder = Path(tempfile.mkdtemp(prefix="sync-bench-"))
    engine, uow, store, sync = kiosk(folder, base, token, DEFAULT_CATALOG_DIR, batch_size=batch)
    try:
        assert sync.engine.run_once()  # heartbeat: learns its slot; leases; catalog
        with uow() as u:
            slot = int(u.state.get("sync.slot"))
        fill_outbox(uow, store.current, slot, n)
        t0 = time.perf_counter()
        settled = 0
        while True:
            got = sync.engine.drain()
            settled += got
            if got == 0:
                break
        seconds = time.perf_counter() - t0
        with uow() as u:
            left = u.outbox.count("pending")
            rejected = u.outbox.count("rejected")
        assert left == 0 and rejected == 0, (left, rejected)
        return seconds, settled
    finally:
        sync.stop()
        engine.dispose()


def run(backend: str, tickets: int, batch: int) -> None:
    with database(backend) as url:
        tokens = prepare(url, kiosks=2)
        workers = 1 if backend == "sqlite" else 2
        with server(url, workers) as base:
            pull = bench_catalog_pull(base, tokens[0])
            seconds, settled = bench_drain(base, tokens[1], tickets, batch)
    print(
        f"[{backend}] full catalog (286 services) pulled, checked and applied: median "
        f"{statistics.median(pull):.0f} ms, p95 {percentile(pull, 95):.0f} ms, max "
        f"{max(pull):.0f} ms (target 300 ms)"
    )
    print(
        f"[{backend}] outbox of {settled:,} tickets drained in {seconds:.1f} s "
        f"({settled / seconds:,.0f} tickets/s, batches of {batch})"
    )


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    p.add_argument("--tickets", type=int, default=10_000)
    p.add_argument("--batch", type=int, default=200)
    args = p.parse_args()
    for backend in ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]:
        run(backend, args.tickets, args.batch)


if __name__ == "__main__":
    main()
