"""Printing latency: from "job submitted" to the last byte accepted by the printer emulator.

    .venv/bin/python benchmarks/bench_print.py            # TCP and serial pty, 300 runs each
    .venv/bin/python benchmarks/bench_print.py --runs 500 --link tcp

What is measured, per run, for an 80 mm / 48 column slip with a native QR code:
- `submit -> last byte`: `PrintService.print_ticket()` called (the confirm tap hands the ticket
  over) until the emulator has processed the slip's last byte (the cut). This includes the
  status check before the slip (DLE EOT 1, 2, 4 round trip), layout, rendering with
  python-escpos and the transport. Target: p95 <= 30 ms.
- `submit -> outcome`: until the app receives the `PrintOutcome` (after the printer confirmed
  the slip with its answer to the DLE EOT queries sent behind it).
- `layout+render`: the pure part alone.

The emulator runs in this process on its own threads (TCP on 127.0.0.1, or the printer end
of a socat pty pair). A pty does not enforce the baud rate, so for serial the time the bytes
need on a real 115200 baud line is printed next to the measured software time. Paper motion
(about 0.2-0.5 s per slip on an 80 mm printer) comes after all of this and is not included.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tools/: the printer emulator

from kiosk.printing.render import render_escpos
from kiosk.printing.service import PrintOutcome, PrintService
from kiosk.printing.settings import PrinterSettings
from kiosk.printing.slip import layout_ticket, sample_slip_data
from tools.escpos_emulator import (
    EmulatedPrinter,
    SerialEmulator,
    SocatPtyPair,
    TcpEmulator,
)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[index]


def summary(name: str, seconds: list[float]) -> str:
    ms = [s * 1000 for s in seconds]
    return (
        f"  {name:<22} p50 {percentile(ms, 50):6.2f} ms   p95 {percentile(ms, 95):6.2f} ms   "
        f"p99 {percentile(ms, 99):6.2f} ms   max {max(ms):6.2f} ms   "
        f"mean {statistics.fmean(ms):6.2f} ms"
    )


@contextmanager
def printer_link(kind: str, printer: EmulatedPrinter, baud: int) -> Iterator[PrinterSettings]:
    if kind == "tcp":
        with TcpEmulator(printer) as server:
            yield PrinterSettings(
                kind="network", host="127.0.0.1", port=server.port, status_poll_s=0
            )
    else:
        with SocatPtyPair() as pair, SerialEmulator(printer, pair.printer_end):
            yield PrinterSettings(
                kind="serial", serial_device=pair.kiosk_end, baudrate=baud, status_poll_s=0
            )


def bench_link(kind: str, runs: int, warmup: int, baud: int) -> list[float]:
    printer = EmulatedPrinter(f"bench-{kind}")
    to_last_byte: list[float] = []
    to_outcome: list[float] = []
    outcomes: dict[str, PrintOutcome] = {}
    done = threading.Event()

    def on_outcome(outcome: PrintOutcome) -> None:
        outcomes[outcome.job_id] = outcome
        done.set()

    base = sample_slip_data()
    with printer_link(kind, printer, baud) as settings:
        service = PrintService(settings, on_outcome)
        try:
            for i in range(warmup + runs):
                slip = sample_slip_data(base.issued_at, number=f"A-{i % 1000:03d}")
                job_id = f"bench-{i}"
                done.clear()
                submitted = time.perf_counter()
                service.print_ticket(job_id, slip)
                # The outcome comes after the printer answered the status queries sent behind
                # the slip, so by then the emulator has processed the slip's last byte.
                if not done.wait(10):
                    raise RuntimeError(f"no outcome for {job_id}")
                printer.wait_for_slips(i + 1, timeout=10)
                last_byte = printer.last_byte_at
                outcome = outcomes[job_id]
                if not outcome.printed:
                    raise RuntimeError(f"{job_id} not printed: {outcome.message_en}")
                if i >= warmup:
                    to_last_byte.append(last_byte - submitted)
                    to_outcome.append(outcome.elapsed_s)
        finally:
            service.close()
    data = render_escpos(layout_ticket(base, settings.slip_format()))
    print(f"{kind.upper()} ({settings.describe()}), {runs} runs after {warmup} warm-up:")
    print(summary("submit -> last byte", to_last_byte))
    print(summary("submit -> outcome", to_outcome))
    print(f"  slip: {len(data)} bytes")
    if kind == "serial":
        wire = len(data) * 10 / baud
        print(
            f"  on a real {baud} baud line the bytes need another {wire * 1000:.1f} ms "
            f"(10 bits per byte); the pty does not enforce the rate"
        )
    return to_last_byte


def bench_render(runs: int) -> None:
    settings = PrinterSettings()
    slip = sample_slip_data()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        render_escpos(layout_ticket(slip, settings.slip_format()))
        times.append(time.perf_counter() - started)
    print("Pure layout + ESC/POS rendering (80 mm, native QR):")
    print(summary("layout+render", times))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=300)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--link", choices=("tcp", "serial", "both"), default="both")
    parser.add_argument("--baud", type=int, default=115200)
    parser.add_argument("--target-ms", type=float, default=30.0)
    args = parser.parse_args()

    bench_render(args.runs)
    worst = 0.0
    for kind in ("tcp", "serial") if args.link == "both" else (args.link,):
        p95 = percentile(bench_link(kind, args.runs, args.warmup, args.baud), 95) * 1000
        if kind == "tcp":
            worst = p95
    verdict = "OK" if worst <= args.target_ms else "ABOVE TARGET"
    if args.link in ("tcp", "both"):
        print(f"TCP p95 {worst:.2f} ms against a target of {args.target_ms:.0f} ms: {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
