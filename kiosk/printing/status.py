"""Printer status: the DLE EOT 1/2/4 (and 3) answers decoded into a state and words.

Every `DLE EOT n` answer is one byte of the form 0xx1xx10b (bits 1 and 4 set, bits 0 and 7
clear). A missing or malformed answer is never read as "fine": it gives `PrinterState.UNKNOWN`.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field

from mpp_core.i18n import Joined, Text, Words

DLE_EOT = b"\x10\x04"
QUERY_PRINTER = DLE_EOT + b"\x01"
QUERY_OFFLINE_CAUSE = DLE_EOT + b"\x02"
QUERY_ERROR_CAUSE = DLE_EOT + b"\x03"
QUERY_PAPER = DLE_EOT + b"\x04"
# Sent together and answered in order: one byte each.
STATUS_QUERIES: tuple[int, ...] = (1, 2, 4)


class PrinterState(enum.Enum):
    READY = "ready"
    PAPER_NEAR_END = "paper_near_end"
    PAPER_OUT = "paper_out"
    COVER_OPEN = "cover_open"
    OFFLINE = "offline"
    UNKNOWN = "unknown"
    ERROR = "error"

    @property
    def can_print(self) -> bool:
        return self in (PrinterState.READY, PrinterState.PAPER_NEAR_END)

    @property
    def needs_attention(self) -> bool:
        """Staff should look at the printer (including the paper-low warning)."""
        return self is not PrinterState.READY


# What the printer's state is, for staff (the health screen, the printer commands).
STATE_WORDS: dict[PrinterState, Text] = {
    PrinterState.READY: Text("Printer siap", "Printer ready"),
    PrinterState.PAPER_NEAR_END: Text(
        "Kertas printer hampir habis, segera ganti gulungan",
        "Paper near end: replace the roll soon",
    ),
    PrinterState.PAPER_OUT: Text("Kertas printer habis", "Paper out"),
    PrinterState.COVER_OPEN: Text("Penutup printer terbuka", "Printer cover open"),
    PrinterState.OFFLINE: Text(
        "Printer offline atau tidak terhubung", "Printer offline or not reachable"
    ),
    PrinterState.UNKNOWN: Text(
        "Printer tidak menjawab; status tidak diketahui",
        "Printer did not answer the status query; status unknown",
    ),
    PrinterState.ERROR: Text("Printer mengalami gangguan", "Printer error"),
}

# Why a slip did not print, in plain words for a visitor. A slip that failed while the
# printer said it was ready is a fault (ERROR): no state says "fine" here.
VISITOR_WORDS: dict[PrinterState, Text] = {
    PrinterState.PAPER_OUT: Text("kertas printer habis", "the printer is out of paper"),
    PrinterState.COVER_OPEN: Text("penutup printer terbuka", "the printer cover is open"),
    PrinterState.OFFLINE: Text("printer tidak terhubung", "the printer is not connected"),
    PrinterState.UNKNOWN: Text("printer tidak menjawab", "the printer is not responding"),
    PrinterState.ERROR: Text("printer sedang bermasalah", "the printer has a problem"),
}


def visitor_reason(state: PrinterState) -> Text:
    """Why a slip did not print, for a visitor."""
    return VISITOR_WORDS.get(state, VISITOR_WORDS[PrinterState.ERROR])


# bit -> words, per DLE EOT n
_BITS: dict[int, dict[int, Text]] = {
    1: {
        0x04: Text("laci: pin 3 HIGH", "drawer kick pin 3 high"),
        0x08: Text("offline", "offline"),
        0x20: Text("menunggu pemulihan", "waiting for online recovery"),
        0x40: Text("tombol FEED ditekan", "paper feed button pressed"),
    },
    2: {
        0x04: Text("penutup terbuka", "cover open"),
        0x08: Text("kertas diumpan dengan tombol FEED", "paper being fed by the FEED button"),
        0x20: Text("berhenti karena kertas habis", "printing stopped by paper end"),
        0x40: Text("terjadi kesalahan", "error occurred"),
    },
    3: {
        0x04: Text("kesalahan yang dapat dipulihkan", "recoverable error"),
        0x08: Text("pemotong kertas macet", "autocutter error (paper jam)"),
        0x20: Text("kesalahan tidak dapat dipulihkan", "unrecoverable error"),
        0x40: Text("kesalahan pulih otomatis (kepala panas)", "auto-recoverable error (head hot)"),
    },
    4: {
        0x0C: Text("sensor kertas hampir habis", "paper near-end sensor: near end"),
        0x60: Text("sensor kertas habis: tidak ada kertas", "paper end sensor: no paper"),
    },
}
_NORMAL = Text("normal", "normal")
_NO_ANSWER = Text("{query}: tidak ada jawaban", "{query}: no answer")
_MALFORMED = Text("{query}: jawaban tidak valid {byte}", "{query}: malformed answer {byte}")
_ANSWER = Text("{query}: {bits} ({byte})", "{query}: {bits} ({byte})")

_QUERY_NAMES = {  # the names of the queries, as ESC/POS manuals call them
    1: "printer status",
    2: "offline cause",
    3: "error cause",
    4: "roll paper sensor",
}


def valid_status_byte(byte: int) -> bool:
    return byte & 0x93 == 0x12


def describe_byte(n: int, byte: int | None) -> Words:
    """Words for one DLE EOT n answer: what each set bit means, and the byte itself."""
    name = _QUERY_NAMES.get(n, f"DLE EOT {n}")
    if byte is None:
        return _NO_ANSWER.bind(query=name)
    if not valid_status_byte(byte):
        return _MALFORMED.bind(query=name, byte=f"0x{byte:02x}")
    bits = tuple(words for mask, words in _BITS.get(n, {}).items() if byte & mask)
    return _ANSWER.bind(query=name, bits=Joined(bits or (_NORMAL,), ", "), byte=f"0x{byte:02x}")


def status_words(raw: Mapping[int, int | None]) -> list[Words]:
    return [describe_byte(n, raw[n]) for n in sorted(raw)]


@dataclass(frozen=True)
class PrinterStatus:
    state: PrinterState
    online: bool | None = None
    cover_open: bool | None = None
    paper_near_end: bool | None = None
    paper_out: bool | None = None
    error: bool | None = None
    raw: Mapping[int, int | None] = field(default_factory=dict)  # n -> answer byte
    detail: str = ""  # technical detail, English (device, exception)
    supported: bool = True  # False: the transport has no way to ask (plain file, preview)

    @property
    def words(self) -> Text:
        """The state in words, for staff."""
        return STATE_WORDS[self.state]

    @property
    def can_print(self) -> bool:
        return self.state.can_print

    def byte_words(self) -> list[Words]:
        """Each status byte decoded in words, for `printer status`."""
        return status_words(self.raw)

    @classmethod
    def unknown(cls, detail: str, raw: Mapping[int, int | None] | None = None) -> PrinterStatus:
        return cls(PrinterState.UNKNOWN, raw=dict(raw or {}), detail=detail)

    @classmethod
    def offline(cls, detail: str) -> PrinterStatus:
        return cls(PrinterState.OFFLINE, online=False, detail=detail)

    @classmethod
    def not_supported(cls, detail: str) -> PrinterStatus:
        """No status channel (a plain file, the preview printer): treated as ready."""
        return cls(PrinterState.READY, detail=detail, supported=False)


def decode_status(answers: Mapping[int, int | None]) -> PrinterStatus:
    """Decode DLE EOT answers {n: byte or None}. Needs 1, 2 and 4; 3 is optional detail."""
    raw = dict(answers)
    missing = [n for n in STATUS_QUERIES if raw.get(n) is None]
    if missing:
        return PrinterStatus.unknown(
            "no answer to DLE EOT " + ", ".join(str(n) for n in missing), raw
        )
    bad = [n for n in STATUS_QUERIES if not valid_status_byte(raw[n] or 0)]
    if bad:
        return PrinterStatus.unknown(
            "malformed answer to DLE EOT " + ", ".join(str(n) for n in bad), raw
        )
    eot1, eot2, eot4 = (raw[n] or 0 for n in STATUS_QUERIES)
    online = not eot1 & 0x08
    cover_open = bool(eot2 & 0x04)
    paper_out = bool(eot4 & 0x60) or bool(eot2 & 0x20)
    near_end = bool(eot4 & 0x0C)
    error = bool(eot2 & 0x40)
    if paper_out:
        state = PrinterState.PAPER_OUT
    elif cover_open:
        state = PrinterState.COVER_OPEN
    elif error:
        state = PrinterState.ERROR
    elif not online:
        state = PrinterState.OFFLINE
    elif near_end:
        state = PrinterState.PAPER_NEAR_END
    else:
        state = PrinterState.READY
    return PrinterStatus(
        state,
        online=online,
        cover_open=cover_open,
        paper_near_end=near_end,
        paper_out=paper_out,
        error=error,
        raw=raw,
        detail="; ".join(w("en") for w in status_words(raw)),
    )
