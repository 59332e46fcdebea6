"""The project's own transports: explicit timeouts, clean reopen after failures, hints."""

from __future__ import annotations

import socket
import threading
import time
from typing import Any

import pytest

from kiosk.printing.settings import PrinterSettings
from kiosk.printing.status import PrinterState
from kiosk.printing.transports import (
    DeviceFileTransport,
    FileTransport,
    NetworkTransport,
    SerialTransport,
    TransportError,
    UsbTransport,
    make_transport,
)
from tools.escpos_emulator import EmulatedPrinter, SocatPtyPair, TcpEmulator

from .helpers import FAST


def net(port: int, **extra: Any) -> PrinterSettings:
    return PrinterSettings(kind="network", host="127.0.0.1", port=port, **{**FAST, **extra})


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_make_transport_by_kind(tmp_path: Any) -> None:
    assert isinstance(make_transport(net(9100)), NetworkTransport)
    assert isinstance(
        make_transport(PrinterSettings(kind="serial", serial_device="/dev/ttyS0")), SerialTransport
    )
    assert isinstance(
        make_transport(PrinterSettings(kind="usb", usb_vendor_id=1, usb_product_id=2)),
        UsbTransport,
    )
    assert isinstance(
        make_transport(PrinterSettings(kind="usb", usb_device="/dev/usb/lp0")),
        DeviceFileTransport,
    )
    plain = PrinterSettings(kind="file", file_path=str(tmp_path / "x.bin"))
    assert isinstance(make_transport(plain), FileTransport)


def test_connection_refused_names_device_and_what_to_check() -> None:
    port = closed_port()
    transport = NetworkTransport(net(port))
    with pytest.raises(TransportError) as info:
        transport.open()
    assert f"network printer 127.0.0.1:{port}" in str(info.value)
    assert "switched on" in info.value.hint
    assert not transport.is_open
    status = transport.query_status()
    assert status.state is PrinterState.OFFLINE and "127.0.0.1" in status.detail


def test_reopens_cleanly_after_a_failed_open(printer: EmulatedPrinter) -> None:
    """python-escpos stays stuck after a failed open; ours opens again next time."""
    port = closed_port()
    transport = NetworkTransport(net(port))
    with pytest.raises(TransportError):
        transport.open()
    with TcpEmulator(printer, port=port):
        assert transport.query_status().state is PrinterState.READY
    transport.close()


def test_silent_printer_times_out_quickly(
    printer: EmulatedPrinter, tcp_printer: TcpEmulator
) -> None:
    printer.set_fault("offline")
    transport = NetworkTransport(net(tcp_printer.port, status_timeout_s=0.1))
    started = time.perf_counter()
    status = transport.query_status()
    elapsed = time.perf_counter() - started
    transport.close()
    assert status.state is PrinterState.UNKNOWN
    assert 0.09 < elapsed < 0.3


def test_write_timeout_on_a_stalled_printer() -> None:
    """A printer that accepts and never reads: the kernel buffers fill, then we give up in
    time and report how much went out."""
    server = socket.create_server(("127.0.0.1", 0))
    server.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
    accepted: list[socket.socket] = []
    thread = threading.Thread(target=lambda: accepted.append(server.accept()[0]), daemon=True)
    thread.start()
    port = server.getsockname()[1]
    transport = NetworkTransport(net(port, write_timeout_s=0.3))
    started = time.perf_counter()
    with pytest.raises(TransportError) as info:
        transport.write(b"x" * 20_000_000)
    assert time.perf_counter() - started < 1.0
    assert "timed out" in info.value.message
    assert 0 < info.value.bytes_sent < 20_000_000
    assert not transport.is_open
    for conn in accepted:
        conn.close()
    server.close()


def test_peer_closing_is_reported(printer: EmulatedPrinter, tcp_printer: TcpEmulator) -> None:
    printer.set_drop_after(5)
    transport = NetworkTransport(net(tcp_printer.port))
    with pytest.raises(TransportError) as info:
        transport.exchange(b"\x1b@hello world", (1,), 0.5)
    assert info.value.bytes_sent == len(b"\x1b@hello world")
    assert not transport.is_open


def test_serial_missing_device_hint(tmp_path: Any) -> None:
    settings = PrinterSettings(kind="serial", serial_device=str(tmp_path / "ttyUSB9"), **FAST)
    transport = SerialTransport(settings)
    with pytest.raises(TransportError) as info:
        transport.open()
    assert "does not exist" in info.value.hint
    assert "ttyUSB9" in str(info.value)


@pytest.mark.emulator
def test_serial_line_that_never_answers(pty_pair: SocatPtyPair) -> None:
    """Nothing on the other end of the cable: UNKNOWN after the status timeout, not 'fine'."""
    settings = PrinterSettings(
        kind="serial", serial_device=pty_pair.kiosk_end, status_timeout_s=0.1
    )
    transport = SerialTransport(settings)
    started = time.perf_counter()
    status = transport.query_status()
    transport.close()
    assert status.state is PrinterState.UNKNOWN
    assert time.perf_counter() - started < 0.5


@pytest.mark.emulator
def test_serial_status_round_trip(
    pty_pair: SocatPtyPair, serial_printer: object, printer: EmulatedPrinter
) -> None:
    transport = SerialTransport(
        PrinterSettings(kind="serial", serial_device=pty_pair.kiosk_end, baudrate=115200, **FAST)
    )
    try:
        assert transport.query_status().state is PrinterState.READY
        printer.set_fault("cover-open")
        assert transport.query_status().state is PrinterState.COVER_OPEN
    finally:
        transport.close()


def test_stale_bytes_are_drained_before_a_query(
    printer: EmulatedPrinter, tcp_printer: TcpEmulator
) -> None:
    transport = NetworkTransport(net(tcp_printer.port))
    try:
        transport.open()
        transport.write(b"\x10\x04\x04")  # an answer nobody reads...
        time.sleep(0.05)
        printer.set_fault("paper-out")
        assert transport.query_status().state is PrinterState.PAPER_OUT  # ...is not misread
    finally:
        transport.close()


def test_usb_without_backend_or_device(monkeypatch: pytest.MonkeyPatch) -> None:
    import usb.core

    settings = PrinterSettings(kind="usb", usb_vendor_id=0x04B8, usb_product_id=0x0E15, **FAST)

    def no_backend(**_kw: Any) -> Any:
        raise usb.core.NoBackendError("No backend available")

    monkeypatch.setattr(usb.core, "find", no_backend)
    with pytest.raises(TransportError) as info:
        UsbTransport(settings).open()
    assert "libusb" in info.value.hint

    monkeypatch.setattr(usb.core, "find", lambda **_kw: None)
    with pytest.raises(TransportError) as info:
        UsbTransport(settings).open()
    assert "04b8:0e15" in info.value.hint and "not found" in info.value.message


def test_usb_permission_hint_has_udev_rule() -> None:
    settings = PrinterSettings(kind="usb", usb_vendor_id=0x04B8, usb_product_id=0x0E15)
    err = OSError(13, "Access denied (insufficient permissions)")
    hint = UsbTransport(settings)._hint_for(err)
    assert 'ATTRS{idVendor}=="04b8"' in hint and 'ATTRS{idProduct}=="0e15"' in hint
