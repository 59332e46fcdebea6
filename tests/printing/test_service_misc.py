"""PrintService behaviour that does not depend on a fault: dedup, copies, preview printer,
reconfigure, close, callbacks, file transports."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from kiosk.printing.jobs import JobKind
from kiosk.printing.service import PrintJob, PrintOutcome, PrintService
from kiosk.printing.settings import PrinterSettings
from kiosk.printing.slip import SlipLayout, TextLine, sample_requirements_data
from kiosk.printing.status import PrinterState
from tools.escpos_emulator import EmulatedPrinter, SocatPtyPair, TcpEmulator

from .helpers import FAST, make_slip


def network(server: TcpEmulator, **extra: object) -> PrinterSettings:
    return PrinterSettings(
        kind="network",
        host="127.0.0.1",
        port=server.port,
        **{**FAST, **extra},
    )


def test_a_ticket_is_sent_once(tcp_printer: TcpEmulator, printer: EmulatedPrinter) -> None:
    service = PrintService(network(tcp_printer))
    try:
        service.print_ticket("T1", make_slip())
        first = service.wait_for("T1")
        service.print_ticket("T1", make_slip())  # double tap / app retry
        second = service.wait_for("T1", newer_than=first)
        assert first.printed and second.duplicate and not second.printed
        assert not second.needs_reprint
        time.sleep(0.05)
        assert len(printer.slips) == 1
    finally:
        service.close()


def test_sent_ids_survive_a_restart(tcp_printer: TcpEmulator, printer: EmulatedPrinter) -> None:
    service = PrintService(network(tcp_printer), sent_job_ids=["T1"])
    try:
        service.print_ticket("T1", make_slip())
        assert service.wait_for("T1").duplicate
        assert printer.slips == []
    finally:
        service.close()


def test_requirements_slips_may_repeat(tcp_printer: TcpEmulator, printer: EmulatedPrinter) -> None:
    service = PrintService(network(tcp_printer))
    try:
        ids = [service.print_requirements(sample_requirements_data()) for _ in range(2)]
        assert all(service.wait_for(i).printed for i in ids)
        slips = printer.wait_for_slips(2)
        assert all("PERSYARATAN LAYANAN" in s.text for s in slips)
        assert all("NOMOR ANTREAN" not in s.text for s in slips)
    finally:
        service.close()


def test_test_page(tcp_printer: TcpEmulator, printer: EmulatedPrinter) -> None:
    service = PrintService(network(tcp_printer))
    try:
        job_id = service.print_test_page()
        assert service.wait_for(job_id).printed
        slip = printer.wait_for_slips(1)[0]
        assert "MPP KIOSK - TES PRINTER" in slip.text
        assert slip.qr_payloads == ["MPP-KIOSK-TEST"] and slip.cut == "full"
    finally:
        service.close()


def test_preview_printer_is_the_default(tmp_path: Path) -> None:
    outcomes: list[PrintOutcome] = []
    service = PrintService(PrinterSettings(preview_dir=str(tmp_path)), outcomes.append)
    try:
        service.print_ticket("T-1/../x", make_slip())
        outcome = service.wait_for("T-1/../x")
        assert outcome.printed and outcome.state is PrinterState.READY
        assert outcome.image_path is not None and outcome.image_path.parent == tmp_path
        assert outcome.image_path.read_bytes().startswith(b"\x89PNG")
        assert outcome.paper_used_mm == 0.0
        assert not outcome.staff_alert
    finally:
        service.close()


def test_reconfigure_switches_printers(printer: EmulatedPrinter) -> None:
    other = EmulatedPrinter("other")
    with TcpEmulator(printer) as first, TcpEmulator(other) as second:
        service = PrintService(network(first))
        try:
            service.print_ticket("T1", make_slip(number="A-001"))
            assert service.wait_for("T1").printed
            service.reconfigure(network(second))
            service.print_ticket("T2", make_slip(number="A-002"))
            assert service.wait_for("T2").printed
            assert service.settings.port == second.port
            assert "A-001" in printer.wait_for_slips(1)[0].text
            assert "A-002" in other.wait_for_slips(1)[0].text
        finally:
            service.close()


def test_close_gives_every_queued_job_an_outcome(
    tcp_printer: TcpEmulator, printer: EmulatedPrinter
) -> None:
    outcomes: list[PrintOutcome] = []
    printer.set_fault("hang")
    service = PrintService(network(tcp_printer), outcomes.append)
    for i in range(5):
        service.print_ticket(f"T{i}", make_slip())
    service.close(timeout=5)
    assert sorted(o.job_id for o in outcomes) == [f"T{i}" for i in range(5)]
    assert not any(o.printed for o in outcomes)
    with pytest.raises(RuntimeError):
        service.print_ticket("T9", make_slip())


def test_a_failing_callback_does_not_stop_the_printer(
    tcp_printer: TcpEmulator, printer: EmulatedPrinter
) -> None:
    def boom(_outcome: PrintOutcome) -> None:
        raise RuntimeError("GUI bug")

    service = PrintService(network(tcp_printer), boom)
    try:
        service.print_ticket("T1", make_slip(number="A-001"))
        service.print_ticket("T2", make_slip(number="A-002"))
        assert service.wait_for("T1").printed and service.wait_for("T2").printed
    finally:
        service.close()


def test_a_job_needs_the_slip_its_kind_prints() -> None:
    with pytest.raises(ValueError, match="SlipData"):
        PrintJob("broken", JobKind.TICKET)  # neither slip nor layout
    with pytest.raises(ValueError, match="copy"):
        PrintJob("T1", JobKind.TICKET, make_slip(is_copy=True), ticket_id="T1")
    with pytest.raises(ValueError, match="ticket id"):
        PrintJob("T1", JobKind.REPRINT, make_slip(is_copy=True))
    with pytest.raises(ValueError, match="RequirementsSlipData"):
        PrintJob("r1", JobKind.REQUIREMENTS, make_slip())
    with pytest.raises(ValueError, match="layout"):
        PrintJob("t1", JobKind.TEST, sample_requirements_data())
    assert PrintJob.reprint("T1", make_slip()).slip == make_slip(is_copy=True)


def test_bad_job_still_gets_an_outcome(tcp_printer: TcpEmulator) -> None:
    settings = network(tcp_printer)
    broken = SlipLayout("test", settings.slip_format(), (TextLine("\x1b@ unsafe"),))
    service = PrintService(settings)
    try:
        service.submit(PrintJob("broken", JobKind.TEST, layout=broken))  # fails to render
        outcome = service.wait_for("broken")
        assert not outcome.printed and outcome.state is PrinterState.ERROR
        assert outcome.kind is JobKind.TEST and "Tunjukkan" not in outcome.words("id")
    finally:
        service.close()


def test_check_status(tcp_printer: TcpEmulator, printer: EmulatedPrinter) -> None:
    service = PrintService(network(tcp_printer))
    try:
        printer.set_fault("paper-near-end")
        status = service.check_status()
        assert status is not None and status.state is PrinterState.PAPER_NEAR_END
        assert service.last_status is status
    finally:
        service.close()


def test_file_printer_appends_raw_bytes(tmp_path: Path) -> None:
    target = tmp_path / "out.bin"
    service = PrintService(PrinterSettings(kind="file", file_path=str(target), **FAST))
    try:
        service.print_ticket("T1", make_slip(number="A-001"))
        service.print_ticket("T2", make_slip(number="A-002"))
        outcomes = [service.wait_for("T1"), service.wait_for("T2")]
        assert all(o.printed for o in outcomes)
        data = target.read_bytes()
        assert data.count(b"\x1d\x56\x00") == 2 and b"A-002" in data
        assert sum(o.bytes_sent for o in outcomes) == len(data)
    finally:
        service.close()


def test_file_printer_in_missing_folder_is_reported(tmp_path: Path) -> None:
    settings = PrinterSettings(kind="file", file_path=str(tmp_path / "nope" / "out.bin"), **FAST)
    service = PrintService(settings)
    try:
        service.print_ticket("T1", make_slip())
        outcome = service.wait_for("T1")
        assert not outcome.printed
        assert "writable" in outcome.detail
    finally:
        service.close()


@pytest.mark.emulator
@pytest.mark.parametrize("kind", ["usb", "file"])
def test_character_device_printer_has_status(
    kind: str, pty_pair: SocatPtyPair, serial_printer: object, printer: EmulatedPrinter
) -> None:
    """A /dev/usb/lp0-style device (here: a pty) is written and read like a printer port."""
    key = "usb_device" if kind == "usb" else "file_path"
    mapping: dict[str, Any] = {"kind": kind, key: pty_pair.kiosk_end, **FAST}
    settings = PrinterSettings(**mapping)
    service = PrintService(settings)
    try:
        service.print_ticket("T1", make_slip())
        assert service.wait_for("T1").printed
        printer.set_fault("paper-out")
        service.print_ticket("T2", make_slip(number="A-002"))
        outcome = service.wait_for("T2")
        assert not outcome.printed and outcome.state is PrinterState.PAPER_OUT
        assert len(printer.wait_for_slips(1)) == 1
    finally:
        service.close()
