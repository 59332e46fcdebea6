"""The emulator itself: tokenizer, status bytes, holding data, control port."""

from __future__ import annotations

import json
import socket

import pytest

from kiosk.printing.render import render_escpos
from kiosk.printing.settings import PrinterSettings
from kiosk.printing.slip import layout_ticket
from tools.escpos_emulator import ControlServer, EmulatedPrinter, Tokenizer

from .helpers import make_slip


def test_raster_data_is_not_mistaken_for_status_queries() -> None:
    width_bytes, height = 3, 2
    data = b"\x10\x04\x01\x10\x04\x02"  # looks like DLE EOT 1 and 2, but it is image data
    raster = b"\x1dv0\x00" + bytes((width_bytes, 0, height, 0)) + data
    tokens = Tokenizer().feed(raster + b"\x10\x04\x04")
    assert [t.kind for t in tokens] == ["cmd", "realtime"]
    assert tokens[1].raw == b"\x10\x04\x04"


def test_tokens_are_the_same_when_fed_byte_by_byte() -> None:
    data = render_escpos(layout_ticket(make_slip(), PrinterSettings(qr="image").slip_format()))
    whole = Tokenizer().feed(data)
    tokenizer = Tokenizer()
    pieces = [t for i in range(len(data)) for t in tokenizer.feed(data[i : i + 1])]
    merged_text = b"".join(t.raw for t in pieces)
    assert merged_text == b"".join(t.raw for t in whole) == data
    assert [t.name for t in pieces if t.kind == "cmd"] == [t.name for t in whole if t.kind == "cmd"]


@pytest.mark.parametrize(
    ("fault", "answers"),
    [
        (None, (0x12, 0x12, 0x12, 0x12)),
        ("paper-near-end", (0x12, 0x12, 0x12, 0x1E)),
        ("paper-out", (0x1A, 0x32, 0x12, 0x7E)),
        ("cover-open", (0x1A, 0x16, 0x12, 0x12)),
        ("error", (0x1A, 0x52, 0x1A, 0x12)),
        ("offline", (None, None, None, None)),
    ],
)
def test_status_bytes(fault: str | None, answers: tuple[int | None, ...]) -> None:
    printer = EmulatedPrinter()
    if fault:
        printer.set_fault(fault)
    assert tuple(printer.status_byte(n) for n in (1, 2, 3, 4)) == answers


def test_data_is_held_while_paper_is_out_and_printed_after() -> None:
    """Like an Epson printer: why the kiosk must check status before sending."""
    printer = EmulatedPrinter()
    printer.set_fault("paper-out")
    data = render_escpos(layout_ticket(make_slip(), PrinterSettings().slip_format()))
    printer.process(Tokenizer().feed(data))
    assert printer.slips == []
    printer.set_fault("paper-out", False)
    assert len(printer.slips) == 1 and "A-001" in printer.slips[0].text


def test_unknown_fault_is_refused() -> None:
    with pytest.raises(ValueError):
        EmulatedPrinter().set_fault("on-fire")


def test_control_port() -> None:
    printer = EmulatedPrinter()
    control = ControlServer(printer).start()
    try:
        with socket.create_connection(("127.0.0.1", control.port), timeout=2) as conn:
            stream = conn.makefile("rwb")

            def ask(line: str) -> dict[str, object]:
                stream.write(line.encode() + b"\n")
                stream.flush()
                answer: dict[str, object] = json.loads(stream.readline())
                return answer

            assert ask("fault paper-out on")["faults"] == ["paper-out"]
            assert ask("drop-after 10")["drop_after"] == 10
            assert ask("clear")["faults"] == []
            assert ask("fault nope on")["ok"] is False
            assert ask("dance")["ok"] is False
            assert ask("slips")["slips"] == []
    finally:
        control.stop()
