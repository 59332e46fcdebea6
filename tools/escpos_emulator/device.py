"""The emulated printer: answers DLE EOT 1-4 from its faults, records slips (split at each
cut) with their text lines, character sizes and QR payloads, and holds print data while a
blocking fault is on, like an Epson printer."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field

from tools.escpos_emulator.tokenizer import Token

FAULTS = ("paper-near-end", "paper-out", "cover-open", "error", "offline", "hang")
BLOCKING_FAULTS = frozenset({"paper-out", "cover-open", "error", "offline"})


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
