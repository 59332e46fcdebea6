"""An ESC/POS printer emulator for tests and technicians' bench work (not installed with
the kiosk; see docs/printing.md).

- `EmulatedPrinter` (`device.py`): the device. Tokenizes what it receives (`tokenizer.py`,
  so a 0x10 0x04 inside raster data is not mistaken for a status query), answers DLE EOT
  1-4 from its faults, records slips (split at each cut) with their text lines, character
  sizes and QR payloads, and holds print data while a blocking fault is on, like an Epson
  printer.
- `TcpEmulator` (`links.py`): a raw TCP server on 127.0.0.1 (port 0 = a free port).
- `SerialEmulator`: the printer side of a serial line, e.g. one end of a socat pty pair
  (`SocatPtyPair`).
- Faults, switchable at runtime: paper-near-end, paper-out, cover-open, error, offline (no
  answer to anything), hang (accept, then never read again), drop-after N bytes (TCP: reset
  the connection; serial: the cable is pulled, later bytes vanish) and hang-after N bytes.

Run it standalone from the repository root with `python -m tools.escpos_emulator --port
9100`; a line-based control port (`control.py`: `fault paper-out on`, `drop-after 200`,
`hang-after 200`, `clear`, `state`, `slips`) switches faults.
"""

from tools.escpos_emulator.control import ControlServer
from tools.escpos_emulator.device import (
    BLOCKING_FAULTS,
    FAULTS,
    EmulatedLine,
    EmulatedPrinter,
    EmulatedSlip,
)
from tools.escpos_emulator.links import (
    SerialEmulator,
    SocatPtyPair,
    TcpEmulator,
    running_emulator,
)
from tools.escpos_emulator.tokenizer import Token, Tokenizer

__all__ = [
    "BLOCKING_FAULTS",
    "FAULTS",
    "ControlServer",
    "EmulatedLine",
    "EmulatedPrinter",
    "EmulatedSlip",
    "SerialEmulator",
    "SocatPtyPair",
    "TcpEmulator",
    "Token",
    "Tokenizer",
    "running_emulator",
]
