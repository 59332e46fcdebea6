"""No ticket stays "printing" for ever, and a printer thread that dies comes back.

The hang is real: the printer's file turns into a named pipe nobody reads, so opening it
blocks in the kernel (what a FIFO ``logo_path`` or a stuck device did)."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from kiosk.printing.jobs import PrintOutcome
from kiosk.printing.service import PrintService
from kiosk.printing.settings import PrinterSettings
from kiosk.printing.transports import make_transport
from kiosk.store.db import open_database
from kiosk.store.uow import UnitOfWorkFactory
from kiosk.system.supervise import Supervisor, install_excepthook
from kiosk.usecases.catalog import CatalogStore
from kiosk.usecases.printing import TicketPrinted, TicketPrinting
from kiosk.usecases.ticketing import IssuePolicy, TicketDesk
from mpp_core.domain.clock import FixedClock
from mpp_core.domain.tickets import PrintState
from tests.conftest import MINI_CATALOG, WEDNESDAY_10
from tests.printing.helpers import FAST, make_slip


def _wait(predicate: Any, timeout: float = 15.0) -> None:
    deadline = time.monotonic() + timeout
    while not predicate():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.02)


def test_a_job_stuck_in_the_kernel_is_given_up_and_the_next_one_prints(tmp_path: Path) -> None:
    target = tmp_path / "printer.bin"
    settings = PrinterSettings(kind="file", file_path=str(target), **FAST)
    outcomes: list[PrintOutcome] = []
    service = PrintService(settings, outcomes.append, deadline_s=0.5)
    try:
        os.mkfifo(target)  # after the settings were checked: opening it now blocks
        service.print_ticket("T1", make_slip(number="A-001"))
        _wait(lambda: service.check() or bool(outcomes))
        [stuck] = outcomes
        assert not stuck.printed
        assert "did not finish within 1 s" in stuck.detail
        assert "tidak selesai" in stuck.words("id")
        assert service.abandoned == 1 and service.alive()

        os.unlink(target)  # the technician fixes it: the new worker prints the next slip
        service.print_ticket("T2", make_slip(number="A-002"))
        assert service.wait_for("T2", timeout=10).printed
        assert target.read_bytes().startswith(b"\x1b@")
    finally:
        if target.exists() and not target.is_file():
            fd = os.open(target, os.O_RDONLY | os.O_NONBLOCK)  # let the stuck open() return
            os.close(fd)
        service.close(timeout=1)


def test_the_ticket_is_marked_not_printed_with_its_reason_for_a_reprint(tmp_path: Path) -> None:
    clock = FixedClock(WEDNESDAY_10)
    uow = UnitOfWorkFactory(open_database(tmp_path / "kiosk.db"))
    store = CatalogStore(uow)
    store.load(seed_dir=MINI_CATALOG)
    desk = TicketDesk(uow, lambda: store.current, clock, IssuePolicy())
    target = tmp_path / "printer.bin"
    settings = PrinterSettings(kind="file", file_path=str(target), **FAST)
    told: list[TicketPrinted] = []

    def service(*args: Any, **kwargs: Any) -> PrintService:
        return PrintService(*args, deadline_s=0.5, **kwargs)

    printing = TicketPrinting(
        settings, desk, lambda: store.current, on_printed=told.append,
        on_health=lambda _h: None, service_factory=service,
    )  # fmt: skip
    supervisor = Supervisor(interval_s=0.05)
    s = printing.service
    supervisor.watch("printer", alive=s.alive, restart=s.restart, check=s.check)
    supervisor.start()
    try:
        os.mkfifo(target)
        ticket = desk.issue("r1", "ktp-el-baru")
        g = store.current.gerai_by_code(ticket.gerai_code)
        svc = store.current.service_by_code(ticket.service_code)
        assert g is not None and svc is not None
        printing.print_ticket(ticket, g, svc)
        _wait(lambda: bool(told))
        assert not told[0].printed  # the visitor's screen leaves "printing..."
        with uow() as u:
            row = u.tickets.get(ticket.id)
            assert row is not None and row.print_state is PrintState.FAILED
            assert [t.id for t in u.tickets.not_printed()] == [ticket.id]  # the reprint list
        os.unlink(target)
        job = printing.reprint(ticket)
        assert printing.service.wait_for(job, timeout=10).printed
    finally:
        supervisor.stop()
        if target.exists() and not target.is_file():
            os.close(os.open(target, os.O_RDONLY | os.O_NONBLOCK))
        printing.close(timeout=1)


class _DyingTransport:
    """A printer connection whose idle status query ends the thread (a BaseException gets
    past the worker's own guard, as the OverflowError of status_poll_s = 1e12 did)."""

    def __init__(self, settings: PrinterSettings, deaths: list[int]) -> None:
        self.inner = make_transport(settings)
        self.deaths = deaths
        self.persistent = self.inner.persistent
        self.supports_status = self.inner.supports_status
        self.device = self.inner.device

    def query_status(self) -> Any:
        if not self.deaths:
            self.deaths.append(1)
            raise SystemExit("simulated death of the printer thread")
        return self.inner.query_status()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)


def test_a_printer_thread_that_dies_is_restarted_and_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(threading, "excepthook", threading.__excepthook__)
    install_excepthook()
    deaths: list[int] = []
    settings = PrinterSettings(
        kind="file", file_path=str(tmp_path / "p.bin"), **{**FAST, "status_poll_s": 0.05}
    )
    service = PrintService(settings, None, transport_factory=lambda s: _DyingTransport(s, deaths))
    supervisor = Supervisor(base_delay_s=0.1, interval_s=0.05)
    supervisor.watch("printer", alive=service.alive, restart=service.restart,
                     check=service.check, thread_name="kiosk-printer")  # fmt: skip
    try:
        _wait(lambda: not service.alive())  # it died
        supervisor.tick()
        assert supervisor.dead() == ["printer"]
        assert "SystemExit" in supervisor.states()[0].last_error
        supervisor.start()
        _wait(lambda: supervisor.states()[0].restarts == 1 and service.alive())
        service.print_ticket("T1", make_slip())
        assert service.wait_for("T1", timeout=10).printed  # printing goes on
    finally:
        supervisor.stop()
        service.close(timeout=1)
