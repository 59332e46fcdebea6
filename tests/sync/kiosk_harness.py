"""A kiosk without its screens: database, catalog, ticket desk and sync, for tests.

Also imported by kiosk_driver.py (a kiosk run as its own process, to be killed mid-sync).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from kiosk.store.db import open_database
from kiosk.store.models import OutboxRow, TicketRow
from kiosk.store.repositories import ticket_from_row
from kiosk.store.uow import UnitOfWorkFactory
from kiosk.sync.setup import KioskSync, build_sync
from kiosk.usecases.catalog import CatalogStore
from kiosk.usecases.ticketing import IssuePolicy, TicketDesk
from mpp_core.domain.clock import Clock, SystemClock
from mpp_core.domain.numbering import PriorityGroup
from mpp_core.domain.tickets import Ticket

FAST = {  # test timings: quick passes, short offline hold
    "interval_s": 0.05,
    "heartbeat_s": 0.5,
    "catalog_s": 0.3,
    "queue_s": 1.0,
    "offline_hold_s": 0.3,
    "connect_timeout_s": 0.5,
    "read_timeout_s": 2.0,
    "allocate_timeout_s": 1.0,
    "retries": 1,
}


@dataclass
class SimKiosk:
    name: str
    engine: Engine
    uow: UnitOfWorkFactory
    store: CatalogStore
    desk: TicketDesk
    sync: KioskSync | None
    clock: Clock

    def issue(
        self,
        service: str = "ktp-el-baru",
        priority: PriorityGroup | None = None,
        request_id: str | None = None,
    ) -> Ticket:
        return self.desk.issue(request_id or uuid.uuid4().hex, service, priority)

    def tickets(self) -> list[Ticket]:
        with Session(self.uow.engine) as s:
            rows = s.scalars(select(TicketRow).order_by(TicketRow.issued_at)).all()
            return [ticket_from_row(r) for r in rows]

    def outbox(self, state: str = "pending") -> list[OutboxRow]:
        with Session(self.uow.engine, expire_on_commit=False) as s:
            rows = list(
                s.scalars(select(OutboxRow).where(OutboxRow.state == state).order_by(OutboxRow.id))
            )
            s.expunge_all()  # readable after the session ends
            return rows

    def pass_once(self) -> bool:
        assert self.sync is not None
        return self.sync.engine.run_once()

    def drain(self, tries: int = 50) -> None:
        """Sync passes until the outbox is empty (or give up)."""
        for _ in range(tries):
            ok = self.pass_once()
            if ok and not self.outbox():
                return
        raise AssertionError(
            f"{self.name}: outbox not drained: {len(self.outbox())} left, "
            f"{self.sync.status if self.sync else None}"
        )

    def close(self) -> None:
        if self.sync is not None:
            self.sync.stop(5)
        self.engine.dispose()


def make_kiosk(
    folder: Path,
    name: str,
    catalog_dir: Path,
    *,
    url: str | None = None,
    token: str | None = None,
    clock: Clock | None = None,
    server: dict[str, Any] | None = None,
) -> SimKiosk:
    """A kiosk with its own SQLite file in ``folder``; synced when ``url`` is given."""
    folder.mkdir(parents=True, exist_ok=True)
    engine = open_database(folder / f"{name}.db")
    uow = UnitOfWorkFactory(engine)
    store = CatalogStore(uow)
    store.load(seed_dir=catalog_dir)
    clock = clock or SystemClock()
    sync = None
    if url is not None:
        table = {"url": url, "token": token or "", **FAST, **(server or {})}
        sync, problems = build_sync(
            table, uow=uow, catalog=lambda: store.current, apply_catalog=store.replace, clock=clock
        )
        assert sync is not None and not problems, problems
    desk = TicketDesk(
        uow,
        lambda: store.current,
        clock,
        IssuePolicy(cutoff_minutes=0, kiosk_id=name),
        numbers=sync.numbers if sync else None,
    )
    return SimKiosk(name, engine, uow, store, desk, sync, clock)


def local_numbers(kiosks: list[SimKiosk]) -> dict[str, tuple[str, date, str, int]]:
    """ticket id -> (gerai, day, series, seq) over every kiosk's own database."""
    out = {}
    for k in kiosks:
        for t in k.tickets():
            out[t.id] = (t.gerai_code, t.service_day, t.series.value, t.seq)
    return out
