"""Every print job says what it is, and what the kiosk does with the printer's answer depends
on that kind, never on what the job's id looks like. A real SQLite file, the real print
service and use case, the emulator on a loopback TCP port."""

from __future__ import annotations

import queue
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path

import pytest

from kiosk.printing.jobs import JobKind, PrintJob
from kiosk.printing.settings import PrinterSettings
from kiosk.printing.slip import sample_requirements_data
from kiosk.store.db import open_database
from kiosk.store.uow import UnitOfWorkFactory
from kiosk.usecases.catalog import CatalogStore
from kiosk.usecases.printing import RequirementsPrinted, TicketPrinted, TicketPrinting
from kiosk.usecases.ticketing import IssuePolicy, TicketDesk
from mpp_core.domain.catalog import Catalog, Gerai, Service
from mpp_core.domain.clock import FixedClock
from mpp_core.domain.tickets import PrintState, Ticket
from tools.escpos_emulator import EmulatedPrinter, TcpEmulator

from ..conftest import MINI_CATALOG, WEDNESDAY_10
from .helpers import FAST

WAIT_S = 10.0  # upper bound for an answer that normally takes milliseconds


@dataclass
class Rig:
    desk: TicketDesk
    catalog: CatalogStore
    printing: TicketPrinting
    news: queue.Queue[TicketPrinted]

    def state(self, ticket_id: str) -> PrintState:
        with self.desk._uow() as uow:
            ticket = uow.tickets.get(ticket_id)
        assert ticket is not None
        return ticket.print_state

    def place(self, ticket: Ticket) -> tuple[Gerai, Service]:
        cat: Catalog = self.catalog.current
        g, s = cat.gerai_by_code(ticket.gerai_code), cat.service_by_code(ticket.service_code)
        assert g is not None and s is not None
        return g, s

    def settled(self) -> None:
        """Every job submitted so far has been answered and its answer handled: the printer
        thread takes a status request only after the jobs queued before it."""
        assert self.printing.service.check_status(WAIT_S) is not None


@pytest.fixture
def rig(db_path: Path, clock: FixedClock, tcp_printer: TcpEmulator) -> Iterator[Rig]:
    uow = UnitOfWorkFactory(open_database(db_path))
    store = CatalogStore(uow)
    store.load(seed_dir=MINI_CATALOG)
    desk = TicketDesk(uow, lambda: store.current, clock, IssuePolicy(kiosk_id="k1"))
    news: queue.Queue[TicketPrinted] = queue.Queue()
    settings = PrinterSettings(kind="network", host="127.0.0.1", port=tcp_printer.port, **FAST)
    printing = TicketPrinting(
        settings, desk, lambda: store.current, on_printed=news.put, on_health=lambda _h: None
    )
    yield Rig(desk, store, printing, news)
    printing.close()


def test_other_jobs_are_never_taken_for_a_ticket(rig: Rig, printer: EmulatedPrinter) -> None:
    ticket = rig.desk.issue("tap-1", "ktp-el-baru")
    assert ":" not in ticket.id and rig.state(ticket.id) is PrintState.PENDING
    service = rig.printing.service
    # A test page and a requirements checklist whose ids have no colon, one of them even the
    # ticket's own id: they print, and nothing about the ticket changes.
    service.submit(PrintJob.test_page(rig.printing.settings, job_id=ticket.id))
    service.submit(PrintJob.requirements(sample_requirements_data(), job_id="req0001"))
    rig.settled()
    assert [o.kind for o in (service.outcome(ticket.id), service.outcome("req0001")) if o] == [
        JobKind.TEST,
        JobKind.REQUIREMENTS,
    ]
    assert len(printer.wait_for_slips(2)) == 2
    assert rig.state(ticket.id) is PrintState.PENDING
    assert rig.desk.sent_ticket_ids() == []
    assert rig.news.empty()  # the visitor's ticket screen is not told about them

    # The ticket itself then prints (it was not taken as already sent) and is recorded.
    rig.printing.print_ticket(ticket, *rig.place(ticket))
    news = rig.news.get(timeout=WAIT_S)
    assert (news.ticket_id, news.printed) == (ticket.id, True)
    assert rig.state(ticket.id) is PrintState.PRINTED
    assert "A-001" in printer.wait_for_slips(3)[-1].text


def test_a_ticket_whose_id_has_a_colon_is_a_ticket(rig: Rig, printer: EmulatedPrinter) -> None:
    issued = rig.desk.issue("tap-1", "ktp-el-baru")
    ticket = replace(issued, id="k1:20261202:A-900", request_id="tap-colon", seq=900)
    with rig.desk._uow() as uow:
        uow.tickets.add(ticket)
        uow.commit()
    g, s = rig.place(ticket)
    rig.printing.print_ticket(ticket, g, s)
    news = rig.news.get(timeout=WAIT_S)
    assert (news.ticket_id, news.printed) == (ticket.id, True)
    assert rig.state(ticket.id) is PrintState.PRINTED
    assert "A-900" in printer.wait_for_slips(1)[0].text
    # ... and, being a ticket, it is sent at most once.
    rig.printing.print_ticket(ticket, g, s)
    again = rig.news.get(timeout=WAIT_S)
    assert (again.ticket_id, again.printed) == (ticket.id, False)
    rig.settled()
    assert len(printer.slips) == 1
    assert rig.state(ticket.id) is PrintState.PRINTED


def test_a_reprint_prints_a_copy_and_leaves_the_record_to_staff(
    rig: Rig, printer: EmulatedPrinter
) -> None:
    ticket = rig.desk.issue("tap-1", "ktp-el-baru")
    rig.printing.print_ticket(ticket, *rig.place(ticket))
    assert rig.news.get(timeout=WAIT_S).printed
    job_id = rig.printing.reprint(ticket)
    outcome = rig.printing.service.wait_for(job_id, WAIT_S)
    assert outcome.printed and outcome.kind is JobKind.REPRINT
    assert outcome.ticket_id == ticket.id
    rig.settled()
    assert "SALINAN / CETAK ULANG" in printer.wait_for_slips(2)[-1].text
    assert rig.news.empty()


def test_the_requirements_answer_goes_to_whoever_asked(rig: Rig, printer: EmulatedPrinter) -> None:
    cat = rig.catalog.current
    service = cat.service_by_code("ktp-el-baru")
    assert service is not None
    gerai = cat.gerai_by_code(service.gerai_code)
    assert gerai is not None
    answers: queue.Queue[RequirementsPrinted] = queue.Queue()
    job_id = rig.printing.print_requirements(gerai, service, WEDNESDAY_10, "id", answers.put)
    answer = answers.get(timeout=WAIT_S)
    assert (answer.job_id, answer.service_code) == (job_id, "ktp-el-baru")
    assert answer.printed and not answer.preview and answer.reason is None
    assert "PERSYARATAN LAYANAN" in printer.wait_for_slips(1)[0].text

    printer.set_fault("paper-out")
    rig.printing.print_requirements(gerai, service, WEDNESDAY_10, "id", answers.put)
    failed = answers.get(timeout=WAIT_S)
    assert not failed.printed
    assert failed.reason is not None
    assert failed.reason("id") == "kertas printer habis"
    assert failed.reason("en") == "the printer is out of paper"
    assert rig.printing.health.attention  # a fault on any slip raises the printer alert
    assert rig.news.empty()
