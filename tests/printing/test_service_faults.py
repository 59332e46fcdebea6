"""Each fault row against the emulator, over TCP and over a socat pty pair.

Asserted from the outcome the app receives (what the visitor's screen shows and what the
database records: printed or "needs reprint"), and from the bytes the printer received.
"""

from __future__ import annotations

import itertools
import threading
import time

import pytest

from kiosk.printing.jobs import JobKind
from kiosk.printing.service import PrintOutcome, PrintService
from kiosk.printing.settings import PrinterSettings
from kiosk.printing.status import PrinterState, PrinterStatus
from tools.escpos_emulator import EmulatedPrinter

from .helpers import make_slip

ROWS = [
    # fault, printed, state
    (None, True, PrinterState.READY),
    ("paper-near-end", True, PrinterState.PAPER_NEAR_END),
    ("paper-out", False, PrinterState.PAPER_OUT),
    ("cover-open", False, PrinterState.COVER_OPEN),
    ("error", False, PrinterState.ERROR),
    ("offline", False, PrinterState.UNKNOWN),  # silent printer: no answer
    ("hang", False, PrinterState.UNKNOWN),  # accepts, never reads
]


def numbers_printed(printer: EmulatedPrinter) -> list[str]:
    """Ticket numbers on complete (cut) slips, in print order."""
    out = []
    for slip in printer.slips:
        if slip.cut is None:
            continue
        out += [line.text for line in slip.lines if line.width >= 4]
    return out


def slip_bytes_received(printer: EmulatedPrinter) -> bool:
    """Whether anything but status queries reached the printer."""
    return b"\x1b@" in bytes(printer.received)


@pytest.mark.emulator
@pytest.mark.parametrize(("fault", "printed", "state"), ROWS, ids=[r[0] or "ready" for r in ROWS])
def test_fault_row(
    link: PrinterSettings,
    printer: EmulatedPrinter,
    fault: str | None,
    printed: bool,
    state: PrinterState,
) -> None:
    outcomes: list[PrintOutcome] = []
    statuses: list[PrinterStatus] = []
    service = PrintService(link, outcomes.append, on_status=statuses.append)
    try:
        if fault:
            printer.set_fault(fault)
        started = time.perf_counter()
        service.print_ticket("T1", make_slip(number="A-001"))
        assert time.perf_counter() - started < 0.01  # the GUI thread is never blocked
        outcome = service.wait_for("T1", timeout=5)

        # what the app shows and records
        assert outcome.printed is printed
        assert outcome.state is state
        assert outcome.needs_reprint is (not printed)
        assert outcome.staff_alert is (state is not PrinterState.READY)
        if not printed:
            assert "Tunjukkan nomor antrean di layar" in outcome.words("id")
        assert outcomes == [outcome]
        assert statuses[-1].state is state
        # outcomes arrive within the configured timeouts (one retry on no answer)
        limit = 2 * link.status_timeout_s + 0.5
        assert outcome.elapsed_s < limit

        # what the printer received
        if printed:
            slip = printer.wait_for_slips(1)[0]
            assert numbers_printed(printer) == ["A-001"]
            assert slip.cut == "full"
            assert slip.qr_payloads == ["MPP-SBY:T:0001"]
            assert "Perekaman KTP-el" in slip.text
            assert outcome.bytes_sent > 400
            assert outcome.paper_used_mm == outcome.slip_length_mm > 50
        else:
            assert not slip_bytes_received(printer)  # nothing sent: nothing printed later
            assert outcome.bytes_sent == 0 and outcome.paper_used_mm == 0

        # the printer is fixed: the next ticket prints, the failed one never comes out
        printer.clear_faults()
        service.print_ticket("T2", make_slip(number="A-002"))
        second = service.wait_for("T2", timeout=5)
        assert second.printed and second.state is PrinterState.READY
        printer.wait_for_slips(2 if printed else 1)
        time.sleep(0.05)
        assert numbers_printed(printer) == (["A-001", "A-002"] if printed else ["A-002"])
        assert statuses[-1].state is PrinterState.READY  # "needs attention" clears
    finally:
        service.close()


@pytest.mark.emulator
def test_mid_slip_disconnect_is_not_printed_and_never_resent(
    link: PrinterSettings, printer: EmulatedPrinter
) -> None:
    service = PrintService(link)
    try:
        printer.set_drop_after(150)  # status queries, then the link dies inside the slip
        service.print_ticket("T1", make_slip(number="A-001"))
        outcome = service.wait_for("T1", timeout=5)
        assert not outcome.printed and outcome.needs_reprint
        assert outcome.state in (PrinterState.ERROR, PrinterState.UNKNOWN)
        assert outcome.bytes_sent > 0  # some of it went out: paper may be used
        assert outcome.elapsed_s < 2 * link.status_timeout_s + link.write_timeout_s
        assert service.was_sent("T1")

        # submitting the same ticket again (an app retry) does not print it
        service.print_ticket("T1", make_slip(number="A-001"))
        again = service.wait_for("T1", timeout=5, newer_than=outcome)
        assert again.duplicate and not again.printed and not again.needs_reprint

        printer.clear_faults()
        service.print_ticket("T2", make_slip(number="A-002"))
        assert service.wait_for("T2", timeout=5).printed
        # the partial slip is cut off first, so A-002 is not glued to its remains
        slips = printer.wait_for_slips(2)
        assert slips[-1].cut == "full"
        assert [line.text for line in slips[-1].lines if line.width >= 4] == ["A-002"]
        # A-001 exists at most as the partial slip (cut off by the separator), never complete
        a001 = [s for s in printer.slips if any(line.text == "A-001" for line in s.lines)]
        assert len(a001) <= 1 and all(not s.qr_payloads for s in a001)

        # a staff reprint is an explicit copy, and it does print
        copy_id = service.reprint("T1", make_slip(number="A-001"))
        copy = service.wait_for(copy_id, timeout=5)
        assert copy.printed and copy.kind is JobKind.REPRINT and copy.ticket_id == "T1"
        assert "SALINAN / CETAK ULANG" in printer.wait_for_slips(3)[-1].text
    finally:
        service.close()


@pytest.mark.emulator
def test_printer_hangs_in_the_middle_of_a_slip(
    link: PrinterSettings, printer: EmulatedPrinter
) -> None:
    service = PrintService(link)
    try:
        printer.set_drop_after(200, mode="hang")
        heartbeat_gaps = []
        service.print_ticket("T1", make_slip())
        last = time.perf_counter()
        while service.outcome("T1") is None:  # the "GUI loop" keeps ticking meanwhile
            time.sleep(0.005)
            now = time.perf_counter()
            heartbeat_gaps.append(now - last)
            last = now
        outcome = service.wait_for("T1")
        assert max(heartbeat_gaps) < 0.05
        assert not outcome.printed and outcome.state is PrinterState.UNKNOWN
        assert outcome.bytes_sent > 0
        assert outcome.elapsed_s < link.write_timeout_s + link.status_timeout_s + 0.5
        assert "did not confirm" in outcome.detail
    finally:
        service.close()


@pytest.mark.emulator
def test_faults_switched_during_a_run(link: PrinterSettings, printer: EmulatedPrinter) -> None:
    """A day at the kiosk: faults come and go between tickets; every ticket gets exactly one
    outcome, printed tickets come out exactly once, failed ones never."""
    script: list[tuple[str | None, bool]] = [
        (None, True),
        ("paper-near-end", True),
        ("paper-out", False),
        (None, True),
        ("cover-open", False),
        ("offline", False),
        (None, True),
        ("drop", False),
        (None, True),
        ("hang", False),
        (None, True),
    ]
    received: list[PrintOutcome] = []
    service = PrintService(link, received.append)
    try:
        expected_numbers = []
        for index, (fault, should_print) in enumerate(script, start=1):
            printer.clear_faults()
            if fault == "drop":
                printer.set_drop_after(120)
            elif fault:
                printer.set_fault(fault)
            number = f"A-{index:03d}"
            service.print_ticket(f"T{index}", make_slip(number=number))
            outcome = service.wait_for(f"T{index}", timeout=5)
            assert outcome.printed is should_print, (fault, outcome)
            if should_print:
                expected_numbers.append(number)
        printer.clear_faults()
        printer.wait_for_slips(len(expected_numbers))
        time.sleep(0.1)
        assert numbers_printed(printer) == expected_numbers
        assert [o.job_id for o in received] == [f"T{i}" for i in range(1, len(script) + 1)]
    finally:
        service.close()


def test_submit_never_blocks_even_with_a_dead_printer(printer: EmulatedPrinter) -> None:
    settings = PrinterSettings(
        kind="network", host="127.0.0.1", port=9, connect_timeout_s=0.2, status_poll_s=0
    )
    service = PrintService(settings)
    try:
        started = time.perf_counter()
        for i in range(20):
            service.print_ticket(f"T{i}", make_slip(number=f"A-{i:03d}"))
        assert time.perf_counter() - started < 0.05
        outcomes = [service.wait_for(f"T{i}", timeout=10) for i in range(20)]
        assert all(not o.printed and o.state is PrinterState.OFFLINE for o in outcomes)
        assert "127.0.0.1:9" in outcomes[0].detail
    finally:
        service.close()


@pytest.mark.emulator
def test_default_timeouts_answer_within_a_second(
    tcp_printer: object, printer: EmulatedPrinter
) -> None:
    """With the shipped defaults (status 0.3 s, one retry) a silent printer costs ~0.6 s."""
    port = tcp_printer.port  # type: ignore[attr-defined]
    service = PrintService(PrinterSettings(kind="network", host="127.0.0.1", port=port))
    try:
        printer.set_fault("offline")
        service.print_ticket("T1", make_slip())
        outcome = service.wait_for("T1", timeout=5)
        assert outcome.state is PrinterState.UNKNOWN
        assert 0.55 < outcome.elapsed_s < 1.0
    finally:
        service.close()


@pytest.mark.emulator
def test_idle_polling_reports_fault_and_recovery(
    tcp_printer: object, printer: EmulatedPrinter
) -> None:
    port = tcp_printer.port  # type: ignore[attr-defined]
    seen: list[PrinterState] = []
    changed = threading.Event()

    def on_status(status: PrinterStatus) -> None:
        seen.append(status.state)
        changed.set()

    settings = PrinterSettings(
        kind="network", host="127.0.0.1", port=port, status_poll_s=0.05, status_timeout_s=0.1
    )
    service = PrintService(settings, on_status=on_status)
    try:
        deadline = time.monotonic() + 3
        while PrinterState.READY not in seen and time.monotonic() < deadline:
            time.sleep(0.01)
        printer.set_fault("cover-open")
        while PrinterState.COVER_OPEN not in seen and time.monotonic() < deadline:
            time.sleep(0.01)
        printer.set_fault("cover-open", False)
        while seen[-1] is not PrinterState.READY and time.monotonic() < deadline:
            time.sleep(0.01)
        assert seen[0] is PrinterState.READY
        assert PrinterState.COVER_OPEN in seen
        assert seen[-1] is PrinterState.READY
        # only changes are reported while polling
        assert all(a is not b for a, b in itertools.pairwise(seen))
    finally:
        service.close()
