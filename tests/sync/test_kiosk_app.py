"""The whole kiosk app (screens, flow, printer, sync worker) against a central server on
127.0.0.1: the catalog comes down, a number taken with a tap goes up, staff see the link."""

from __future__ import annotations

import pytest
from central_harness import Central, Mpp
from PySide6.QtCore import Qt
from sqlalchemy import select

from central.models import Ticket as ServerTicket
from kiosk.screens.main_window import Page
from mpp_core.domain.clock import SystemClock

LEFT = Qt.MouseButton.LeftButton


def server_tickets(mpp: Mpp) -> list[ServerTicket]:
    with mpp.db.read() as s:
        return list(s.scalars(select(ServerTicket)))


@pytest.fixture
def server_table(central: Central, mpp: Mpp) -> dict[str, object]:
    return {
        "url": central.url,
        "token": mpp.token("k1"),
        "interval_s": 0.1,
        "heartbeat_s": 0.2,
        "catalog_s": 0.2,
        "connect_timeout_s": 0.5,
    }


def test_kiosk_app_with_a_central_server(qtbot, kiosk_factory, server_table, mpp) -> None:  # type: ignore[no-untyped-def]
    k = kiosk_factory(server=server_table, clock=SystemClock())  # the server's real time
    assert k.sync is not None and k.config_problems == []
    w = k.window
    # The server's catalog (always open, version e2e-1) replaces the local one.
    qtbot.waitUntil(lambda: k.catalog.current.version == "e2e-1", timeout=10000)
    qtbot.waitUntil(lambda: k.flow.sync is not None and k.flow.sync.online, timeout=10000)
    k.flow.start()
    k.flow.choose_service("ktp-el-baru")
    qtbot.mouseClick(w.detail.take_button, LEFT)
    qtbot.waitUntil(lambda: w.current is Page.TICKET, timeout=5000)
    ticket = k.flow.last_ticket
    assert ticket is not None
    qtbot.waitUntil(lambda: any(t.id == ticket.id for t in server_tickets(mpp)), timeout=10000)
    [on_server] = [t for t in server_tickets(mpp) if t.id == ticket.id]
    assert on_server.seq == ticket.seq
    qtbot.waitUntil(lambda: k.flow.sync.outbox_waiting == 0, timeout=10000)
    lines = " ".join(line("id") for line in k.flow.sync.lines())
    assert "Terhubung" in lines


def test_server_down_the_kiosk_still_issues(
    qtbot, kiosk_factory, server_table, central, mpp
) -> None:  # type: ignore[no-untyped-def]
    k = kiosk_factory(server=server_table, clock=SystemClock())  # the server's real time
    w = k.window
    qtbot.waitUntil(lambda: k.flow.sync is not None and k.flow.sync.online, timeout=10000)
    qtbot.waitUntil(lambda: k.flow.sync.leased_left > 0, timeout=10000)  # blocks leased
    central.stop()
    k.flow.start()
    k.flow.choose_service("ktp-el-baru")
    qtbot.mouseClick(w.detail.take_button, LEFT)
    qtbot.waitUntil(lambda: w.current is Page.TICKET, timeout=8000)
    offline = k.flow.last_ticket
    assert offline is not None and offline.display.startswith("A-")
    qtbot.waitUntil(lambda: not k.flow.sync.online, timeout=10000)
    # Waiting for the server, and staff can see it.
    qtbot.waitUntil(lambda: k.flow.sync.outbox_waiting >= 1, timeout=10000)
    central.start()
    qtbot.waitUntil(lambda: any(t.id == offline.id for t in server_tickets(mpp)), timeout=15000)
    qtbot.waitUntil(lambda: k.flow.sync.outbox_waiting == 0, timeout=10000)
