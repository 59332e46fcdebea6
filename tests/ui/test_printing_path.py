"""The visitor's path with a real printer link: the kiosk talks ESC/POS to the emulator on
a loopback TCP port and on a socat serial pty pair. Each fault is asserted from the
visitor's screen, the database and the bytes the printer received."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from kiosk.screens.main_window import Page
from mpp_core.domain.tickets import PrintState
from tools.escpos_emulator import EmulatedPrinter, SerialEmulator, SocatPtyPair, TcpEmulator

from ..conftest import WEDNESDAY_10

LEFT = Qt.MouseButton.LeftButton
FAST = {
    "connect_timeout_s": 0.5,
    "write_timeout_s": 1.0,
    "status_timeout_s": 0.3,
    "status_poll_s": 0.2,
}


@pytest.fixture
def printer() -> EmulatedPrinter:
    return EmulatedPrinter("kiosk-test")


@pytest.fixture(params=["tcp", "serial"])
def printer_table(
    request: pytest.FixtureRequest, printer: EmulatedPrinter, tmp_path: Path
) -> Iterator[dict[str, Any]]:
    if request.param == "tcp":
        server = TcpEmulator(printer).start()
        yield {"kind": "network", "host": "127.0.0.1", "port": server.port, **FAST}
        server.stop()
        return
    with SocatPtyPair(tmp_path / "pty") as pair:
        emulator = SerialEmulator(printer, pair.printer_end).start()
        yield {"kind": "serial", "serial_device": pair.kiosk_end, "baudrate": 115200, **FAST}
        emulator.stop()


def tickets(k):  # type: ignore[no-untyped-def]
    with k.desk._uow() as uow:
        return {t.display: t for t in uow.tickets.all_for_day(WEDNESDAY_10.date())}


def take(qtbot, k, service: str = "ktp-el-baru"):  # type: ignore[no-untyped-def]
    w = k.window
    k.flow.start()
    k.flow.choose_service(service)
    t0 = time.perf_counter()
    qtbot.mouseClick(w.detail.take_button, LEFT)
    # The tap returns at once: the commit and the printer run on other threads.
    assert time.perf_counter() - t0 < 0.2
    qtbot.waitUntil(lambda: w.current is Page.TICKET, timeout=5000)
    return w.ticket.number.text()


def wait_print_state(qtbot, k, number: str, state: PrintState) -> None:  # type: ignore[no-untyped-def]
    qtbot.waitUntil(lambda: tickets(k)[number].print_state is state, timeout=8000)


def test_ready_printer_prints_the_slip(qtbot, kiosk_factory, printer, printer_table) -> None:  # type: ignore[no-untyped-def]
    k = kiosk_factory(printer=printer_table)
    number = take(qtbot, k)
    wait_print_state(qtbot, k, number, PrintState.PRINTED)
    [slip] = printer.wait_for_slips(1)
    assert "A-001" in slip.text and "Dispendukcapil" in slip.text and "KTP-el Baru" in slip.text
    assert slip.qr_payloads == [tickets(k)[number].qr_payload]
    assert slip.cut == "full"
    qtbot.waitUntil(
        lambda: k.window.ticket.print_state.text() == "Ambil struk Anda di bawah layar.",
        timeout=3000,
    )
    assert k.flow.attention is None


def test_paper_near_end_prints_and_alerts_staff(
    qtbot, kiosk_factory, printer, printer_table
) -> None:  # type: ignore[no-untyped-def]
    printer.set_fault("paper-near-end")
    k = kiosk_factory(printer=printer_table)
    number = take(qtbot, k)
    wait_print_state(qtbot, k, number, PrintState.PRINTED)
    assert len(printer.wait_for_slips(1)) == 1
    qtbot.waitUntil(lambda: k.printing.health.paper_low, timeout=3000)
    assert k.flow.attention is None  # visitors are not bothered; staff see paper low


@pytest.mark.parametrize("fault", ["paper-out", "cover-open", "offline"])
def test_fault_keeps_the_number_and_tells_the_visitor(
    qtbot, kiosk_factory, printer, printer_table, fault: str
) -> None:  # type: ignore[no-untyped-def]
    printer.set_fault(fault)
    k = kiosk_factory(printer=printer_table)
    w = k.window
    number = take(qtbot, k)
    assert number == "A-001"
    wait_print_state(qtbot, k, number, PrintState.FAILED)
    qtbot.waitUntil(lambda: w.ticket.print_state.property("role") == "error", timeout=3000)
    assert "tunjukkan layar ini" in w.ticket.print_state.text()
    assert w.ticket.qr.isVisible() and w.ticket.qr.payload == tickets(k)[number].qr_payload
    assert printer.slips == []  # nothing printed
    # The welcome screen says the printer needs attention, and numbers can still be taken.
    qtbot.waitUntil(lambda: k.flow.attention is not None, timeout=3000)
    k.flow.go_home()
    assert w.welcome.attention.isVisible()
    assert "Printer tiket perlu diperiksa" in w.welcome.attention.text()
    assert take(qtbot, k) == "A-002"
    wait_print_state(qtbot, k, "A-002", PrintState.FAILED)
    # Fixed: the notice clears by itself, and the failed slips are not printed again.
    printer.clear_faults()
    qtbot.waitUntil(lambda: k.flow.attention is None, timeout=5000)
    assert not w.welcome.attention.isVisible() or w.current is not Page.WELCOME
    number3 = take(qtbot, k)
    wait_print_state(qtbot, k, number3, PrintState.PRINTED)
    slips = printer.wait_for_slips(1)
    time.sleep(0.3)
    assert [("A-003" in s.text) for s in printer.slips] == [True], [
        s.text[:300] for s in printer.slips
    ]
    assert len(slips) == 1
    assert {t.display: t.print_state for t in tickets(k).values()} == {
        "A-001": PrintState.FAILED,
        "A-002": PrintState.FAILED,
        "A-003": PrintState.PRINTED,
    }


def test_pause_policy_stops_issuing_until_fixed(
    qtbot, kiosk_factory, printer, printer_table
) -> None:  # type: ignore[no-untyped-def]
    printer.set_fault("paper-out")
    k = kiosk_factory(printer={**printer_table, "on_fault": "pause_issuing"})
    w = k.window
    number = take(qtbot, k)  # the fault is discovered on this slip: the number is kept
    wait_print_state(qtbot, k, number, PrintState.FAILED)
    qtbot.waitUntil(lambda: k.desk.printer_blocked, timeout=3000)
    k.flow.start()
    k.flow.choose_service("kk-baru")
    assert not w.detail.take_button.isEnabled()
    assert "Printer tiket perlu diperiksa" in w.detail.availability.text()
    printer.clear_faults()
    qtbot.waitUntil(lambda: not k.desk.printer_blocked, timeout=5000)
    k.flow.choose_service("kk-baru")
    assert w.detail.take_button.isEnabled()


def test_printer_that_hangs_does_not_freeze_the_screen(
    qtbot, kiosk_factory, printer, printer_table
) -> None:  # type: ignore[no-untyped-def]
    printer.set_fault("hang")
    k = kiosk_factory(printer=printer_table)
    w = k.window
    number = take(qtbot, k)
    # The GUI keeps answering while the printer thread waits for its timeout.
    t0 = time.perf_counter()
    qtbot.mouseClick(w.ticket.done_button, LEFT)
    assert w.current is Page.WELCOME and time.perf_counter() - t0 < 0.2
    wait_print_state(qtbot, k, number, PrintState.FAILED)
    printer.clear_faults()
    qtbot.waitUntil(lambda: k.flow.attention is None, timeout=6000)
    time.sleep(0.3)
    assert not any("A-001" in s.text for s in printer.slips)  # never printed twice or late


def test_disconnect_in_the_middle_of_a_slip(qtbot, kiosk_factory, printer, printer_table) -> None:  # type: ignore[no-untyped-def]
    printer.set_drop_after(60)
    k = kiosk_factory(printer=printer_table)
    number = take(qtbot, k)
    wait_print_state(qtbot, k, number, PrintState.FAILED)
    printer.set_drop_after(None)
    number2 = take(qtbot, k)
    wait_print_state(qtbot, k, number2, PrintState.PRINTED)
    time.sleep(0.3)
    assert sum("A-001" in s.text for s in printer.slips) == 0
    assert sum("A-002" in s.text for s in printer.slips) == 1


def test_restart_does_not_print_old_tickets_again(
    qtbot, kiosk_factory, printer, printer_table, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "restart.db"
    k = kiosk_factory(printer=printer_table, db=db)
    number = take(qtbot, k)
    wait_print_state(qtbot, k, number, PrintState.PRINTED)
    k.printing.close()
    k2 = kiosk_factory(printer=printer_table, db=db)
    assert take(qtbot, k2) == "A-002"
    qtbot.waitUntil(lambda: len(printer.slips) == 2, timeout=5000)
    assert [s.text.count("A-00") >= 1 for s in printer.slips] == [True, True]
    assert sum("A-001" in s.text for s in printer.slips) == 1


# --- "Print this list" on the service detail screen ------------------------------------------

PRINTING_LIST = "Mencetak daftar…"
LIST_PRINTED = "Sudah dicetak: ambil daftar di bawah layar."


def open_detail(k, service: str = "ktp-el-baru"):  # type: ignore[no-untyped-def]
    k.flow.start()
    k.flow.choose_service(service)
    detail = k.window.detail
    assert k.window.current is Page.DETAIL
    assert detail.print_button.isVisible() and detail.print_button.isEnabled()
    assert not detail.print_status.isVisible()
    return detail


def one_line(text: str) -> str:
    return " ".join(text.split())


def test_print_this_list_prints_the_checklist(qtbot, kiosk_factory, printer, printer_table) -> None:  # type: ignore[no-untyped-def]
    k = kiosk_factory(printer=printer_table)
    detail = open_detail(k)
    qtbot.mouseClick(detail.print_button, LEFT)
    # The tap only hands the list to the printer thread: the screen says so at once.
    assert detail.print_status.isVisible() and detail.print_status.text() == PRINTING_LIST
    assert not detail.print_button.isEnabled()  # one tap, one slip
    [slip] = printer.wait_for_slips(1)
    printed = one_line(slip.text)
    service = k.catalog.current.service_by_code("ktp-el-baru")
    assert service is not None and len(service.requirements) >= 2
    for r in service.requirements:
        assert one_line(r.text + (f" ({r.form})" if r.form else "")) in printed, printed
    assert "PERSYARATAN LAYANAN" in printed and "KTP-el Baru" in printed
    assert "Struk ini bukan nomor antrean" in printed
    assert slip.qr_payloads == [] and slip.cut == "full"
    qtbot.waitUntil(lambda: detail.print_status.text() == LIST_PRINTED, timeout=5000)
    assert detail.print_status.property("role") == "label"
    assert detail.print_button.isEnabled()
    assert tickets(k) == {}  # a list is not a number
    assert k.flow.attention is None
    # In English too, and a second tap prints a second list.
    k.flow.toggle_language()
    assert detail.print_status.text() == "Printed: take the list below the screen."
    qtbot.mouseClick(detail.print_button, LEFT)
    assert detail.print_status.text() == "Printing the list…"
    _first, second = printer.wait_for_slips(2)
    # The catalog's own texts come out in the visitor's language.
    assert "Family Card (Kartu Keluarga, KK), photocopy" in one_line(second.text)
    assert "New e-ID card" in one_line(second.text)
    qtbot.waitUntil(
        lambda: detail.print_status.text() == "Printed: take the list below the screen.",
        timeout=5000,
    )


def test_print_this_list_with_paper_out_says_why_and_calls_for_attention(
    qtbot, kiosk_factory, printer, printer_table
) -> None:  # type: ignore[no-untyped-def]
    printer.set_fault("paper-out")
    k = kiosk_factory(printer=printer_table)
    w = k.window
    detail = open_detail(k)
    qtbot.mouseClick(detail.print_button, LEFT)
    qtbot.waitUntil(lambda: detail.print_status.property("role") == "warn", timeout=5000)
    assert detail.print_status.text() == (
        "Daftar tidak dapat dicetak: kertas printer habis. "
        "Sebagai gantinya, Anda dapat memotret layar ini."
    )
    assert detail.print_button.isEnabled()  # the visitor may try again
    assert printer.slips == []
    # The printer-attention state the ticket slips raise, raised by the list too.
    qtbot.waitUntil(lambda: k.flow.attention is not None, timeout=3000)
    assert "Printer tiket perlu diperiksa" in w.welcome.attention.text()
    assert k.printing.health.attention
    k.flow.toggle_language()
    assert "could not be printed: the printer is out of paper." in detail.print_status.text()
    k.flow.go_home()
    assert w.welcome.attention.isVisible()
    # Fixed: the notice clears by itself and the list prints.
    printer.clear_faults()
    qtbot.waitUntil(lambda: k.flow.attention is None, timeout=5000)
    detail = open_detail(k)
    qtbot.mouseClick(detail.print_button, LEFT)
    qtbot.waitUntil(lambda: detail.print_status.text() == LIST_PRINTED, timeout=5000)
    assert "PERSYARATAN LAYANAN" in printer.wait_for_slips(1)[0].text


def test_a_late_answer_is_not_shown_to_the_next_visitor(
    qtbot, kiosk_factory, printer, printer_table
) -> None:  # type: ignore[no-untyped-def]
    printer.set_fault("hang")  # accepts, never reads: the answer comes after the write timeout
    k = kiosk_factory(printer=printer_table)
    w = k.window
    detail = open_detail(k)
    qtbot.mouseClick(detail.print_button, LEFT)
    assert detail.print_status.text() == PRINTING_LIST
    # The GUI keeps answering while the printer thread waits.
    qtbot.mouseClick(w.home_button, LEFT)
    assert w.current is Page.WELCOME
    detail = open_detail(k, "kk-baru")
    qtbot.waitUntil(lambda: k.flow.attention is not None, timeout=6000)  # the job failed
    assert not detail.print_status.isVisible() and detail.print_button.isEnabled()


# --- the slips follow the visitor's language -------------------------------------------------


def test_slips_are_printed_in_the_language_the_visitor_chose(  # type: ignore[no-untyped-def]
    qtbot, kiosk_factory, printer, printer_table
) -> None:
    k = kiosk_factory(printer=printer_table)
    w = k.window
    # Indonesian unless the visitor chooses otherwise.
    take(qtbot, k)
    [slip] = printer.wait_for_slips(1)
    for words in ("NOMOR ANTREAN", "Layanan", "Waktu", "Rabu, 2 Desember 2026", "WIB"):
        assert words in slip.text, words
    assert "Tunjukkan struk ini di gerai" in slip.text and "QUEUE NUMBER" not in slip.text
    k.flow.go_home()
    # The visitor taps "English" and takes a number: the slip's words are English.
    k.flow.start()
    qtbot.mouseClick(w.lang_button, LEFT)
    assert k.flow.language.lang == "en"
    k.flow.choose_service("ktp-el-baru")
    qtbot.mouseClick(w.detail.take_button, LEFT)
    qtbot.waitUntil(lambda: w.current is Page.TICKET, timeout=5000)
    slip = printer.wait_for_slips(2)[1]
    text = one_line(slip.text)
    for words in ("QUEUE NUMBER", "Service", "Time", "Wednesday, 2 December 2026", "WIB"):
        assert words in text, words
    assert "Show this slip at the counter" in text and "Keep this slip" in text
    for words in ("NOMOR ANTREAN", "Layanan", "Waktu", "Rabu", "Tunjukkan", "Simpan struk"):
        assert words not in text, words
    assert "A-002" in text
    # ... and so is the list of what to bring, printed while the screen is in English.
    k.flow.go_home()
    k.flow.start()
    k.flow.set_language("en")
    detail = open_detail(k)
    qtbot.mouseClick(detail.print_button, LEFT)
    listed = one_line(printer.wait_for_slips(3)[2].text)
    assert "SERVICE REQUIREMENTS" in listed and "This slip is not a queue number" in listed
    assert "PERSYARATAN" not in listed
