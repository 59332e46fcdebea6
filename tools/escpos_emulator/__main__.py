"""`python -m tools.escpos_emulator [--port 9100] [--pty] ...` (from the repository root): an
emulated ESC/POS printer as its own process, for bench work. Prints one JSON line with its
ports, then each slip as it comes (unless --quiet); its control port switches faults.
Stops on SIGTERM or Ctrl-C. Exit codes: 0 fine, 2 bad options or the port is taken."""

from __future__ import annotations

import argparse
import contextlib
import json
import signal
import sys
import threading
from collections.abc import Sequence
from typing import TextIO

from tools.escpos_emulator.control import ControlServer
from tools.escpos_emulator.device import EmulatedPrinter
from tools.escpos_emulator.links import SerialEmulator, SocatPtyPair, TcpEmulator


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m tools.escpos_emulator", description="Run an ESC/POS printer emulator."
    )
    parser.add_argument("--host", default="127.0.0.1", help="listen address (loopback)")
    parser.add_argument("--port", type=int, default=9100, help="TCP port (0 = any free)")
    parser.add_argument("--control-port", type=int, default=0, help="control port (0 = any)")
    parser.add_argument(
        "--serial", metavar="DEVICE", help="also serve a serial device (printer end of a pty)"
    )
    parser.add_argument(
        "--pty",
        action="store_true",
        help="create a socat pty pair and serve one end; the other end is printed",
    )
    parser.add_argument(
        "--fault", action="append", default=[], help="fault switched on at start; repeatable"
    )
    parser.add_argument("--quiet", action="store_true", help="do not print slips as they come")
    return parser


def run(args: argparse.Namespace, out: TextIO) -> int:
    printer = EmulatedPrinter("bench")
    try:
        for fault in args.fault:
            printer.set_fault(fault)
    except ValueError as exc:
        print(f"error: {exc}", file=out)
        return 2
    stop = threading.Event()
    pair: SocatPtyPair | None = None
    serial_emulator: SerialEmulator | None = None
    try:
        tcp = TcpEmulator(printer, args.host, args.port).start()
    except OSError as exc:
        print(f"error: cannot listen on {args.host}:{args.port}: {exc}", file=out)
        return 2
    control = ControlServer(printer, args.control_port).start()
    try:
        serial_device = args.serial
        if args.pty:
            pair = SocatPtyPair().start()
            serial_device = pair.printer_end
        if serial_device:
            serial_emulator = SerialEmulator(printer, serial_device).start()
        info = {
            "tcp": f"{tcp.host}:{tcp.port}",
            "tcp_port": tcp.port,
            "control_port": control.port,
            "serial": serial_device,
            "kiosk_serial": pair.kiosk_end if pair else None,
        }
        print(json.dumps(info), file=out, flush=True)
        for signum in (signal.SIGTERM, signal.SIGINT):
            with contextlib.suppress(ValueError):  # not the main thread
                signal.signal(signum, lambda *_: stop.set())
        seen = 0
        while not stop.wait(0.1):
            if args.quiet:
                continue
            slips = list(printer.slips)
            for slip in slips[seen:]:
                print(f"--- slip {seen + 1} (cut: {slip.cut}, qr: {slip.qr_payloads})", file=out)
                print(slip.text, file=out, flush=True)
                seen += 1
    finally:
        if serial_emulator is not None:
            serial_emulator.stop()
        if pair is not None:
            pair.stop()
        control.stop()
        tcp.stop()
    return 0


def main(argv: Sequence[str] | None = None) -> int:
    return run(build_parser().parse_args(argv), sys.stdout)


if __name__ == "__main__":
    sys.exit(main())
