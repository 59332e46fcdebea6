"""An ESC/POS printer emulator for tests and technicians' bench work.

- `EmulatedPrinter`: the device. Tokenizes what it receives (so a 0x10 0x04 inside raster data
  is not mistaken for a status query), answers DLE EOT 1-4 from its faults, records slips
  (split at each cut) with their text lines, character sizes and QR payloads, and holds print
  data while a blocking fault is on, like an Epson printer.
- `TcpEmulator`: a raw TCP server on 127.0.0.1 (port 0 = a free port).
- `SerialEmulator`: the printer side of a serial line, e.g. one end of a socat pty pair
  (`SocatPtyPair`).
- Faults, switchable at runtime: paper-near-end, paper-out, cover-open, error, offline (no
  answer to anything), hang (accept, then never read again), drop-after N bytes (TCP: reset
  the connection; serial: the cable is pulled, later bytes vanish) and hang-after N bytes.

Run it standalone with `python -m kiosk.printing printer emulator --port 9100`; a line-based
control port (`fault paper-out on`, `drop-after 200`, `hang-after 200`, `clear`, `state`,
`slips`) switches faults.
"""

from __future__ import annotations

import contextlib
import json
import os
import select
import shutil
import signal
import socket
import struct
import subprocess
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

FAULTS = ("paper-near-end", "paper-out", "cover-open", "error", "offline", "hang")
BLOCKING_FAULTS = frozenset({"paper-out", "cover-open", "error", "offline"})

ESC, GS, FS, DLE = 0x1B, 0x1D, 0x1C, 0x10


# --- tokenizer ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Token:
    kind: str  # "text", "lf", "cmd", "realtime", "control", "unknown"
    raw: bytes
    name: str = ""


def _fixed(n: int) -> Callable[[bytes], int | None]:
    return lambda _buf: n


def _esc_star(buf: bytes) -> int | None:  # ESC * m nL nH d1..dk
    if len(buf) < 5:
        return None
    m, count = buf[2], buf[3] + buf[4] * 256
    return 5 + count * (3 if m in (32, 33) else 1)


def _gs_v0(buf: bytes) -> int | None:  # GS v 0 m xL xH yL yH d1..dk
    if len(buf) < 8:
        return None
    return 8 + (buf[4] + buf[5] * 256) * (buf[6] + buf[7] * 256)


def _paren(buf: bytes) -> int | None:  # GS ( X pL pH ... / FS ( X pL pH ...
    if len(buf) < 5:
        return None
    return 5 + buf[3] + buf[4] * 256


def _gs_8l(buf: bytes) -> int | None:  # GS 8 L p1 p2 p3 p4 ...
    if len(buf) < 7:
        return None
    return 7 + struct.unpack_from("<I", buf, 3)[0]


def _gs_v(buf: bytes) -> int | None:  # GS V m [n]
    if len(buf) < 3:
        return None
    return 4 if buf[2] in (65, 66, 97, 98, 103, 104) else 3


def _gs_k(buf: bytes) -> int | None:  # GS k m d1..dk NUL | GS k m n d1..dn
    if len(buf) < 3:
        return None
    if buf[2] <= 6:
        end = buf.find(b"\x00", 3)
        return None if end < 0 else end + 1
    if len(buf) < 4:
        return None
    return 4 + buf[3]


def _nul_terminated(start: int) -> Callable[[bytes], int | None]:
    def size(buf: bytes) -> int | None:
        end = buf.find(b"\x00", start)
        return None if end < 0 else end + 1

    return size


_ESC: dict[int, tuple[str, Callable[[bytes], int | None]]] = {
    ord("@"): ("ESC @", _fixed(2)),
    ord("!"): ("ESC !", _fixed(3)),
    ord("E"): ("ESC E", _fixed(3)),
    ord("G"): ("ESC G", _fixed(3)),
    ord("-"): ("ESC -", _fixed(3)),
    ord("a"): ("ESC a", _fixed(3)),
    ord("d"): ("ESC d", _fixed(3)),
    ord("e"): ("ESC e", _fixed(3)),
    ord("J"): ("ESC J", _fixed(3)),
    ord("t"): ("ESC t", _fixed(3)),
    ord("M"): ("ESC M", _fixed(3)),
    ord("R"): ("ESC R", _fixed(3)),
    ord("r"): ("ESC r", _fixed(3)),
    ord("2"): ("ESC 2", _fixed(2)),
    ord("3"): ("ESC 3", _fixed(3)),
    ord("{"): ("ESC {", _fixed(3)),
    ord("V"): ("ESC V", _fixed(3)),
    ord(" "): ("ESC SP", _fixed(3)),
    ord("="): ("ESC =", _fixed(3)),
    ord("U"): ("ESC U", _fixed(3)),
    ord("T"): ("ESC T", _fixed(3)),
    ord("S"): ("ESC S", _fixed(2)),
    ord("L"): ("ESC L", _fixed(2)),
    ord("i"): ("ESC i", _fixed(2)),
    ord("m"): ("ESC m", _fixed(2)),
    ord("c"): ("ESC c", _fixed(4)),
    ord("p"): ("ESC p", _fixed(5)),
    ord("B"): ("ESC B", _fixed(4)),
    ord("$"): ("ESC $", _fixed(4)),
    ord("\\"): ("ESC \\", _fixed(4)),
    ord("W"): ("ESC W", _fixed(10)),
    ord("*"): ("ESC *", _esc_star),
    ord("D"): ("ESC D", _nul_terminated(2)),
}
_GS: dict[int, tuple[str, Callable[[bytes], int | None]]] = {
    ord("!"): ("GS !", _fixed(3)),
    ord("B"): ("GS B", _fixed(3)),
    ord("h"): ("GS h", _fixed(3)),
    ord("w"): ("GS w", _fixed(3)),
    ord("f"): ("GS f", _fixed(3)),
    ord("H"): ("GS H", _fixed(3)),
    ord("a"): ("GS a", _fixed(3)),
    ord("r"): ("GS r", _fixed(3)),
    ord("I"): ("GS I", _fixed(3)),
    ord("b"): ("GS b", _fixed(3)),
    ord("|"): ("GS |", _fixed(3)),
    ord("L"): ("GS L", _fixed(4)),
    ord("W"): ("GS W", _fixed(4)),
    ord("P"): ("GS P", _fixed(4)),
    ord("$"): ("GS $", _fixed(4)),
    ord("\\"): ("GS \\", _fixed(4)),
    ord(":"): ("GS :", _fixed(2)),
    ord("V"): ("GS V", _gs_v),
    ord("v"): ("GS v 0", _gs_v0),
    ord("("): ("GS (", _paren),
    ord("8"): ("GS 8 L", _gs_8l),
    ord("k"): ("GS k", _gs_k),
}
_FS: dict[int, tuple[str, Callable[[bytes], int | None]]] = {
    ord("."): ("FS .", _fixed(2)),
    ord("&"): ("FS &", _fixed(2)),
    ord("!"): ("FS !", _fixed(3)),
    ord("-"): ("FS -", _fixed(3)),
    ord("C"): ("FS C", _fixed(3)),
    ord("W"): ("FS W", _fixed(3)),
    ord("S"): ("FS S", _fixed(4)),
    ord("p"): ("FS p", _fixed(4)),
    ord("("): ("FS (", _paren),
}
_DLE: dict[int, tuple[str, Callable[[bytes], int | None]]] = {
    0x04: ("DLE EOT", _fixed(3)),
    0x05: ("DLE ENQ", _fixed(3)),
    0x14: ("DLE DC4", _fixed(5)),
}
_PREFIXES = {ESC: _ESC, GS: _GS, FS: _FS, DLE: _DLE}


class Tokenizer:
    """Splits a byte stream into ESC/POS tokens; keeps an incomplete tail for the next feed."""

    def __init__(self) -> None:
        self._buf = b""

    def feed(self, data: bytes) -> list[Token]:
        buf = self._buf + data
        tokens: list[Token] = []
        i = 0
        while i < len(buf):
            byte = buf[i]
            if byte in _PREFIXES:
                if i + 1 >= len(buf):
                    break
                spec = _PREFIXES[byte].get(buf[i + 1])
                if spec is None:
                    tokens.append(Token("unknown", buf[i : i + 2]))
                    i += 2
                    continue
                name, size_of = spec
                size = size_of(buf[i:])
                if size is None or i + size > len(buf):
                    break
                raw = buf[i : i + size]
                kind = "realtime" if name == "DLE EOT" else "cmd"
                tokens.append(Token(kind, raw, name))
                i += size
            elif byte == 0x0A:
                tokens.append(Token("lf", b"\n"))
                i += 1
            elif byte >= 0x20 or byte in (0x09, 0x0D):
                j = i
                while j < len(buf) and (buf[j] >= 0x20 or buf[j] in (0x09, 0x0D)):
                    j += 1
                tokens.append(Token("text", buf[i:j]))
                i = j
            else:
                tokens.append(Token("control", buf[i : i + 1]))
                i += 1
        self._buf = buf[i:]
        return tokens

    @property
    def pending(self) -> bytes:
        return self._buf


# --- what was printed ---------------------------------------------------------------------------


@dataclass
class EmulatedLine:
    text: str
    width: int = 1
    height: int = 1
    bold: bool = False
    invert: bool = False
    align: str = "left"


@dataclass
class EmulatedSlip:
    lines: list[EmulatedLine] = field(default_factory=list)
    qr_payloads: list[str] = field(default_factory=list)
    images: int = 0
    cut: str | None = None  # "full", "partial", or None (ended by the connection closing)
    raw: bytearray = field(default_factory=bytearray)
    unknown: list[bytes] = field(default_factory=list)
    completed_at: float = 0.0

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    def has_content(self) -> bool:
        return bool(self.lines or self.qr_payloads or self.images)


@dataclass
class _Style:
    width: int = 1
    height: int = 1
    bold: bool = False
    invert: bool = False
    align: str = "left"


# --- the device ----------------------------------------------------------------------------------


class EmulatedPrinter:
    """Thread-safe emulated printer state, shared by all its connections."""

    def __init__(self, name: str = "emulator") -> None:
        self.name = name
        self._lock = threading.Condition()
        self._faults: set[str] = set()
        self.drop_after: int | None = None
        self.drop_mode = "close"
        self.drop_epoch = 0  # bumped on every set_drop_after: links count again from zero
        self.slips: list[EmulatedSlip] = []
        self.received = bytearray()  # everything received, status queries included
        self.status_queries = 0
        self.last_byte_at = 0.0  # perf_counter() of the last print-data byte processed
        self._current = EmulatedSlip()
        self._style = _Style()
        self._line_open = False
        self._held: list[Token] = []

    # --- faults ----------------------------------------------------------------------------

    def set_fault(self, fault: str, on: bool = True) -> None:
        if fault not in FAULTS:
            raise ValueError(f"unknown fault {fault!r}; known: {', '.join(FAULTS)}")
        with self._lock:
            if on:
                self._faults.add(fault)
            else:
                self._faults.discard(fault)
            if not self._faults & BLOCKING_FAULTS and self._held:
                held, self._held = self._held, []
                for token in held:
                    self._print(token)
            self._lock.notify_all()

    def set_drop_after(self, count: int | None, mode: str = "close") -> None:
        """After `count` more bytes on a connection (None: never), either cut the link
        (`mode="close"`: TCP reset / serial cable pulled) or stop reading and answering
        (`mode="hang"`: the "hang" fault switches on)."""
        if mode not in ("close", "hang"):
            raise ValueError("mode must be 'close' or 'hang'")
        with self._lock:
            self.drop_after = count
            self.drop_mode = mode
            self.drop_epoch += 1

    def clear_faults(self) -> None:
        for fault in list(self._faults):
            self.set_fault(fault, False)
        self.set_drop_after(None)

    @property
    def faults(self) -> frozenset[str]:
        with self._lock:
            return frozenset(self._faults)

    def has_fault(self, fault: str) -> bool:
        with self._lock:
            return fault in self._faults

    def status_byte(self, n: int) -> int | None:
        """The DLE EOT n answer, or None when the printer does not answer (offline)."""
        with self._lock:
            f = self._faults
            if "offline" in f or "hang" in f:
                return None
            blocked = bool(f & BLOCKING_FAULTS)
            if n == 1:
                return 0x12 | (0x08 if blocked else 0)
            if n == 2:
                return (
                    0x12
                    | (0x04 if "cover-open" in f else 0)
                    | (0x20 if "paper-out" in f else 0)
                    | (0x40 if "error" in f else 0)
                )
            if n == 3:
                return 0x12 | (0x08 if "error" in f else 0)
            if n == 4:
                near = "paper-near-end" in f or "paper-out" in f
                return 0x12 | (0x0C if near else 0) | (0x60 if "paper-out" in f else 0)
            return None

    # --- data ------------------------------------------------------------------------------

    def process(self, tokens: list[Token]) -> bytes:
        """Handle tokens from one connection; returns the bytes to answer."""
        replies = bytearray()
        with self._lock:
            for token in tokens:
                self.received += token.raw
                if token.kind == "realtime":
                    self.status_queries += 1
                    answer = self.status_byte(token.raw[2])
                    if answer is not None:
                        replies.append(answer)
                elif self._faults & BLOCKING_FAULTS:
                    self._held.append(token)
                else:
                    self._print(token)
            self._lock.notify_all()
        return bytes(replies)

    def connection_closed(self) -> None:
        """A connection ended: an uncut slip with content is complete (boundary: close)."""
        with self._lock:
            if not self._faults & BLOCKING_FAULTS:
                self._finish(None)

    def _print(self, token: Token) -> None:
        slip, style = self._current, self._style
        slip.raw += token.raw
        self.last_byte_at = time.perf_counter()
        if token.kind == "text":
            if not self._line_open:
                slip.lines.append(
                    EmulatedLine(
                        "", style.width, style.height, style.bold, style.invert, style.align
                    )
                )
                self._line_open = True
            slip.lines[-1].text += token.raw.decode("cp437")
        elif token.kind == "lf":
            if self._line_open:
                self._line_open = False
            else:
                slip.lines.append(EmulatedLine("", style.width, style.height))
        elif token.kind in ("control", "unknown"):
            slip.unknown.append(token.raw)
        elif token.kind == "cmd":
            self._command(token)

    def _command(self, token: Token) -> None:
        raw, style, slip = token.raw, self._style, self._current
        match token.name:
            case "ESC @":
                self._style = _Style()
            case "GS !":
                style.width, style.height = (raw[2] >> 4) + 1, (raw[2] & 0x0F) + 1
            case "ESC !":
                style.width = 2 if raw[2] & 0x20 else 1
                style.height = 2 if raw[2] & 0x10 else 1
                style.bold = bool(raw[2] & 0x08)
            case "ESC E" | "ESC G":
                style.bold = bool(raw[2] & 1)
            case "GS B":
                style.invert = bool(raw[2] & 1)
            case "ESC a":
                style.align = {0: "left", 1: "center", 2: "right", 48: "left", 49: "center"}.get(
                    raw[2], "right"
                )
            case "GS (" if raw[2] == ord("k") and raw[5:7] == b"1P":  # QR: store the data
                slip.qr_payloads.append(raw[8:].decode("utf-8", "replace"))
            case "GS v 0" | "ESC *" | "GS 8 L":
                slip.images += 1
            case "GS (" if raw[2] == ord("L"):
                slip.images += 1
            case "GS V" | "ESC i" | "ESC m":
                mode = raw[2] if token.name == "GS V" else (0 if raw[1] == ord("i") else 1)
                self._finish("partial" if mode in (1, 49, 66, 98) else "full")
            case _:
                pass

    def _finish(self, cut: str | None) -> None:
        slip = self._current
        if slip.has_content():
            slip.cut = cut
            slip.completed_at = time.perf_counter()
            self.slips.append(slip)
        self._current = EmulatedSlip()
        self._line_open = False

    # --- waiting (tests, benchmarks) -------------------------------------------------------

    def wait_for_slips(self, count: int, timeout: float = 5.0) -> list[EmulatedSlip]:
        deadline = time.monotonic() + timeout
        with self._lock:
            while len(self.slips) < count:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise TimeoutError(f"{self.name}: {len(self.slips)} of {count} slips printed")
                self._lock.wait(remaining)
            return list(self.slips)

    def state(self) -> dict[str, object]:
        with self._lock:
            return {
                "name": self.name,
                "faults": sorted(self._faults),
                "drop_after": self.drop_after,
                "slips": len(self.slips),
                "held_tokens": len(self._held),
                "bytes_received": len(self.received),
                "status_queries": self.status_queries,
            }

    def reset(self) -> None:
        with self._lock:
            self.slips.clear()
            self.received.clear()
            self.status_queries = 0
            self._current = EmulatedSlip()
            self._line_open = False
            self._held.clear()


# --- connection handling shared by TCP and serial ------------------------------------------------


class _Link:
    """One connection: tokenizer, byte count, drop-after."""

    def __init__(self, printer: EmulatedPrinter) -> None:
        self.printer = printer
        self.tokenizer = Tokenizer()
        self.count = 0
        self.epoch = printer.drop_epoch
        self.cut_off = False  # drop-after reached

    def receive(self, data: bytes) -> tuple[bytes, bool]:
        """(reply, keep_going). Applies drop-after to this connection."""
        if self.epoch != self.printer.drop_epoch:
            self.epoch, self.count = self.printer.drop_epoch, 0
        limit = self.printer.drop_after
        if limit is not None and self.count + len(data) >= limit:
            data = data[: max(0, limit - self.count)]
            self.count = limit
            reply = self.printer.process(self.tokenizer.feed(data))
            if self.printer.drop_mode == "hang":
                self.printer.set_drop_after(None)
                self.printer.set_fault("hang")
                return reply, True  # the rest of this read is lost, like a stalled buffer
            self.cut_off = True
            return reply, False
        self.count += len(data)
        return self.printer.process(self.tokenizer.feed(data)), True


class TcpEmulator:
    """The emulated printer on a loopback TCP port (raw port 9100 protocol)."""

    def __init__(self, printer: EmulatedPrinter, host: str = "127.0.0.1", port: int = 0) -> None:
        self.printer = printer
        self._server = socket.create_server((host, port))
        self._server.settimeout(0.1)
        self.host, self.port = self._server.getsockname()[:2]
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._conns: set[socket.socket] = set()
        self._accept = threading.Thread(target=self._serve, name="emulator-tcp", daemon=True)

    def start(self) -> TcpEmulator:
        self._accept.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._accept.join(2)
        self._server.close()
        for conn in list(self._conns):
            with contextlib.suppress(OSError):
                conn.close()
        for thread in self._threads:
            thread.join(2)

    def __enter__(self) -> TcpEmulator:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._server.accept()
            except (TimeoutError, OSError):
                continue
            conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self._conns.add(conn)
            thread = threading.Thread(target=self._client, args=(conn,), daemon=True)
            self._threads = [t for t in self._threads if t.is_alive()] + [thread]
            thread.start()

    def _client(self, conn: socket.socket) -> None:
        link = _Link(self.printer)
        try:
            while not self._stop.is_set():
                if self.printer.has_fault("hang"):
                    time.sleep(0.01)  # accepted, never read: the kiosk's writes pile up
                    continue
                ready, _, _ = select.select([conn], [], [], 0.05)
                if not ready:
                    continue
                data = conn.recv(65536)
                if not data:
                    break
                reply, keep = link.receive(data)
                if reply:
                    conn.sendall(reply)
                if not keep:
                    # hard disconnect (RST), like a printer losing power mid-slip
                    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                    break
        except OSError:
            pass
        finally:
            self._conns.discard(conn)
            with contextlib.suppress(OSError):
                conn.close()
            self.printer.connection_closed()


class SerialEmulator:
    """The emulated printer on a serial device (the printer end of a pty pair)."""

    def __init__(self, printer: EmulatedPrinter, device: str) -> None:
        self.printer = printer
        self.device = device
        self._stop = threading.Event()
        self._fd = os.open(device, os.O_RDWR | os.O_NOCTTY | os.O_NONBLOCK)
        _make_raw(self._fd)
        self._thread = threading.Thread(target=self._serve, name="emulator-serial", daemon=True)

    def start(self) -> SerialEmulator:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(2)
        with contextlib.suppress(OSError):
            os.close(self._fd)

    def __enter__(self) -> SerialEmulator:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    def _serve(self) -> None:
        link = _Link(self.printer)
        while not self._stop.is_set():
            if self.printer.has_fault("hang"):
                time.sleep(0.01)
                continue
            ready, _, _ = select.select([self._fd], [], [], 0.05)
            if not ready:
                continue
            try:
                data = os.read(self._fd, 65536)
            except BlockingIOError:
                continue
            except OSError:
                time.sleep(0.01)  # the other end is not open yet (EIO on a pty)
                continue
            if link.cut_off:
                if self.printer.drop_after is None:  # fault cleared: the cable is back
                    link = _Link(self.printer)
                else:
                    continue  # cable pulled: bytes vanish, nothing answers
            reply, _keep = link.receive(data)
            if reply:
                with contextlib.suppress(OSError):
                    os.write(self._fd, reply)


def _make_raw(fd: int) -> None:
    with contextlib.suppress(Exception):
        import termios
        import tty

        tty.setraw(fd, termios.TCSANOW)
        attrs = termios.tcgetattr(fd)
        attrs[3] &= ~termios.ECHO
        termios.tcsetattr(fd, termios.TCSANOW, attrs)


# --- socat pty pair ---------------------------------------------------------------------------


class SocatPtyPair:
    """`socat -d -d pty,raw,echo=0,link=A pty,raw,echo=0,link=B`: a virtual null-modem cable.

    `kiosk_end` is opened by the kiosk (as `serial_device`), `printer_end` by `SerialEmulator`.
    """

    def __init__(self, folder: str | Path | None = None) -> None:
        self._own_dir = folder is None
        self.folder = Path(folder or tempfile.mkdtemp(prefix="mpp-pty-"))
        self.kiosk_end = str(self.folder / "ttyKIOSK")
        self.printer_end = str(self.folder / "ttyPRN")
        self._proc: subprocess.Popen[bytes] | None = None
        self._log: BinaryIO | None = None

    def start(self, timeout: float = 5.0) -> SocatPtyPair:
        socat = shutil.which("socat")
        if socat is None:
            raise RuntimeError("socat is not installed (apt-get install socat)")
        self.folder.mkdir(parents=True, exist_ok=True)
        self._log = (self.folder / "socat.log").open("wb")
        self._proc = subprocess.Popen(
            [
                socat,
                "-d",
                "-d",
                f"pty,raw,echo=0,link={self.kiosk_end}",
                f"pty,raw,echo=0,link={self.printer_end}",
            ],
            stdout=subprocess.DEVNULL,
            stderr=self._log,
        )
        deadline = time.monotonic() + timeout
        while not (os.path.exists(self.kiosk_end) and os.path.exists(self.printer_end)):
            if self._proc.poll() is not None or time.monotonic() > deadline:
                self._log.flush()
                err = (self.folder / "socat.log").read_text(errors="replace")
                self.stop()
                raise RuntimeError(f"socat did not create the pty pair: {err.strip()}")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        proc, self._proc = self._proc, None
        if proc is not None and proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(2)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(2)
        if self._log is not None:
            self._log.close()
            self._log = None
        if self._own_dir:
            shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> SocatPtyPair:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()


# --- control port (for an emulator running as a separate process) ------------------------------


class ControlServer:
    """Line-based control on 127.0.0.1: `fault NAME on|off`, `drop-after N|off`, `clear`,
    `state`, `slips`, `reset`. Each command is answered with one JSON line."""

    def __init__(self, printer: EmulatedPrinter, port: int = 0) -> None:
        self.printer = printer
        self._server = socket.create_server(("127.0.0.1", port))
        self._server.settimeout(0.1)
        self.port = self._server.getsockname()[1]
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._serve, name="emulator-control", daemon=True)

    def start(self) -> ControlServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(2)
        self._server.close()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._server.accept()
            except (TimeoutError, OSError):
                continue
            threading.Thread(target=self._client, args=(conn,), daemon=True).start()

    def _client(self, conn: socket.socket) -> None:
        with conn, conn.makefile("rwb") as stream:
            for line in stream:
                answer = self.handle(line.decode("utf-8", "replace").strip())
                stream.write(json.dumps(answer).encode() + b"\n")
                stream.flush()

    def handle(self, command: str) -> dict[str, object]:
        parts = command.split()
        try:
            match parts:
                case ["fault", name, ("on" | "off") as value]:
                    self.printer.set_fault(name, value == "on")
                case ["drop-after", "off"]:
                    self.printer.set_drop_after(None)
                case ["drop-after", count]:
                    self.printer.set_drop_after(int(count))
                case ["hang-after", count]:
                    self.printer.set_drop_after(int(count), mode="hang")
                case ["clear"]:
                    self.printer.clear_faults()
                case ["reset"]:
                    self.printer.reset()
                case ["slips"]:
                    return {
                        "ok": True,
                        "slips": [
                            {"text": s.text, "qr": s.qr_payloads, "cut": s.cut}
                            for s in list(self.printer.slips)
                        ],
                    }
                case ["state"] | []:
                    pass
                case _:
                    return {"ok": False, "error": f"unknown command {command!r}"}
        except ValueError as exc:
            return {"ok": False, "error": str(exc)}
        return {"ok": True, **self.printer.state()}


@contextlib.contextmanager
def running_emulator(
    printer: EmulatedPrinter | None = None,
) -> Iterator[tuple[EmulatedPrinter, TcpEmulator]]:
    """A TCP emulator on a free loopback port, stopped on exit (tests, benchmarks)."""
    device = printer or EmulatedPrinter()
    server = TcpEmulator(device).start()
    try:
        yield device, server
    finally:
        server.stop()
