"""Staff's "test print" goes to the configured printer (here the ESC/POS emulator on a
loopback TCP port) as a test job: the slip comes out, staff see the printer's answer, and no
ticket is touched."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from kiosk.screens.main_window import Page
from mpp_core.domain.tickets import PrintState
from tools.escpos_emulator import EmulatedPrinter, TcpEmulator

from .conftest import LEFT, audit_actions, sign_in

FAST = {"connect_timeout_s": 0.5, "write_timeout_s": 1.0, "status_timeout_s": 0.3}


@pytest.fixture
def printer() -> Iterator[tuple[EmulatedPrinter, dict[str, Any]]]:
    device = EmulatedPrinter("staff-test-print")
    server = TcpEmulator(device).start()
    yield device, {"kind": "network", "host": "127.0.0.1", "port": server.port, **FAST}
    server.stop()


def open_actions(qtbot, k):  # type: ignore[no-untyped-def]
    qtbot.mouseClick(k.staff.overlay.tabs["actions"], LEFT)
    page = k.staff.overlay.actions_page
    qtbot.waitUntil(page.isVisible, timeout=3000)
    return page


def test_test_print_prints_on_the_configured_printer(qtbot, staff_kiosk, printer) -> None:  # type: ignore[no-untyped-def]
    device, table = printer
    k = staff_kiosk(printer=table)
    # A visitor's ticket first: the test slip must leave it alone.
    k.flow.start()
    k.flow.choose_service("ktp-el-baru")
    qtbot.mouseClick(k.window.detail.take_button, LEFT)
    qtbot.waitUntil(lambda: k.window.current is Page.TICKET, timeout=5000)
    [ticket] = device.wait_for_slips(1)
    k.flow.go_home()

    sign_in(qtbot, k)
    page = open_actions(qtbot, k)
    qtbot.mouseClick(page.buttons["test-print"], LEFT)
    qtbot.waitUntil(lambda: "Struk uji tercetak" in page.notice.text(), timeout=8000)
    slips = device.wait_for_slips(2)
    assert "MPP KIOSK - TES PRINTER" in slips[1].text and slips[1].cut == "full"
    assert ("staff", "test_print") in audit_actions(k)
    assert k.uow is not None
    with k.uow() as u:
        [only] = u.tickets.all_for_day(k.clock.now().date())
    assert only.print_state is PrintState.PRINTED and "A-001" in ticket.text


def test_a_failed_test_print_says_why_without_visitor_advice(qtbot, staff_kiosk, printer) -> None:  # type: ignore[no-untyped-def]
    device, table = printer
    device.set_fault("cover-open")
    k = staff_kiosk(printer=table)
    sign_in(qtbot, k)
    page = open_actions(qtbot, k)
    qtbot.mouseClick(page.buttons["test-print"], LEFT)
    qtbot.waitUntil(lambda: "Tidak tercetak" in page.notice.text(), timeout=8000)
    assert "Penutup printer terbuka" in page.notice.text()
    assert "nomor antrean" not in page.notice.text()  # a test slip has no number to show
    assert device.slips == []
