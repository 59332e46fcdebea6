"""Build the kiosk's sync parts from its config (for the composition root, kiosk/app.py).

.. code-block:: python

    sync, problems = build_sync(
        config.server, uow=uow, catalog=lambda: catalog.current,
        apply_catalog=catalog.replace, clock=clock, on_status=status_signal.emit,
    )
    desk = TicketDesk(uow, lambda: catalog.current, clock, policy,
                      numbers=sync.numbers if sync else None)
    if sync:
        sync.start()          # ... and sync.stop() at exit

``build_sync`` returns None when no server is configured (the kiosk numbers locally, as
before). It restores the clock correction learnt before a restart, so a kiosk whose clock is
wrong keeps the right service day even while offline.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from kiosk.settings.rules import Problem
from kiosk.store.uow import UnitOfWork
from kiosk.sync.catalog import ApplyCatalog
from kiosk.sync.client import ApiClient, ClockCorrector
from kiosk.sync.engine import OFFSET_KEY, SyncEngine
from kiosk.sync.numbers import SLOT_KEY, SyncedNumbers
from kiosk.sync.settings import ServerSettings, parse_server_settings
from kiosk.sync.status import StatusBoard, SyncStatus
from kiosk.sync.worker import SyncWorker
from mpp_core.domain.catalog import Catalog
from mpp_core.domain.clock import Clock
from mpp_core.version import app_version


@dataclass
class KioskSync:
    settings: ServerSettings
    board: StatusBoard
    client: ApiClient
    corrector: ClockCorrector
    numbers: SyncedNumbers
    engine: SyncEngine
    worker: SyncWorker

    @property
    def status(self) -> SyncStatus:
        return self.board.status

    def start(self) -> None:
        self.worker.start()

    def sync_now(self) -> None:
        self.worker.sync_now()

    def alive(self) -> bool:
        return self.worker.alive()

    def restart(self) -> None:
        """A new worker thread (the kiosk's supervisor calls this when the old one died)."""
        self.worker.start()

    def stop(self, timeout: float = 10.0) -> None:
        self.worker.stop(timeout)
        self.client.close()


def build_sync(
    server: Mapping[str, Any],
    *,
    uow: Callable[[], UnitOfWork],
    catalog: Callable[[], Catalog | None],
    apply_catalog: ApplyCatalog,
    clock: Clock,
    health: Callable[[], Mapping[str, Any]] | None = None,
    on_status: Callable[[SyncStatus], None] | None = None,
    version: str | None = None,
) -> tuple[KioskSync | None, list[Problem]]:
    """The sync parts, or None when ``server`` (the config's [server] table) has no url."""
    settings, problems = parse_server_settings(server)
    if settings is None:
        return None, problems
    with uow() as u:
        offset = u.state.get(OFFSET_KEY)
        slot = u.state.get(SLOT_KEY)
    corrector = ClockCorrector(
        clock, initial_offset_s=float(offset) if isinstance(offset, int | float) else None
    )
    board = StatusBoard(
        SyncStatus(
            configured=True,
            server_url=settings.url,
            clock_offset_s=corrector.offset_s,
            slot=slot if isinstance(slot, int) else settings.slot,
        )
    )
    client = ApiClient(settings, corrector=corrector)
    numbers = SyncedNumbers(
        client,
        board,
        allocate_timeout_s=settings.allocate_timeout_s,
        offline_hold_s=settings.offline_hold_s,
        configured_slot=settings.slot,
    )
    engine = SyncEngine(
        settings,
        client,
        uow,
        catalog,
        apply_catalog,
        clock,
        board,
        numbers,
        corrector,
        health=health,
        app_version=version or app_version(),
    )
    worker = SyncWorker(engine, interval_s=settings.interval_s)
    numbers.wake = worker.poke
    if on_status is not None:
        board.subscribe(on_status)
    return KioskSync(settings, board, client, corrector, numbers, engine, worker), problems
