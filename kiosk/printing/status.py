"""Printer status: the DLE EOT 1/2/4 (and 3) answers decoded into a state and words.

Every `DLE EOT n` answer is one byte of the form 0xx1xx10b (bits 1 and 4 set, bits 0 and 7
clear). A missing or malformed answer is never read as "fine": it gives `PrinterState.UNKNOWN`.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field

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


# (Indonesian for visitors and staff, English for technicians' logs)
STATE_WORDS: dict[PrinterState, tuple[str, str]] = {
    PrinterState.READY: ("Printer siap", "Printer ready"),
    PrinterState.PAPER_NEAR_END: (
        "Kertas printer hampir habis, segera ganti gulungan",
        "Paper near end: replace the roll soon",
    ),
    PrinterState.PAPER_OUT: ("Kertas printer habis", "Paper out"),
    PrinterState.COVER_OPEN: ("Penutup printer terbuka", "Printer cover open"),
    PrinterState.OFFLINE: (
        "Printer offline atau tidak terhubung",
        "Printer offline or not reachable",
    ),
    PrinterState.UNKNOWN: (
        "Printer tidak menjawab; status tidak diketahui",
        "Printer did not answer the status query; status unknown",
    ),
    PrinterState.ERROR: ("Printer mengalami gangguan", "Printer error"),
}

# Why a slip did not print, in plain words for a visitor: (Indonesian, English). A slip that
# failed while the printer said it was ready is a fault (ERROR): no state says "fine" here.
VISITOR_WORDS: dict[PrinterState, tuple[str, str]] = {
    PrinterState.PAPER_OUT: ("kertas printer habis", "the printer is out of paper"),
    PrinterState.COVER_OPEN: ("penutup printer terbuka", "the printer cover is open"),
    PrinterState.OFFLINE: ("printer tidak terhubung", "the printer is not connected"),
    PrinterState.UNKNOWN: ("printer tidak menjawab", "the printer is not responding"),
    PrinterState.ERROR: ("printer sedang bermasalah", "the printer has a problem"),
}


def visitor_reason(state: PrinterState) -> tuple[str, str]:
    """Why a slip did not print, for a visitor: (Indonesian, English)."""
    return VISITOR_WORDS.get(state, VISITOR_WORDS[PrinterState.ERROR])


# bit -> (Indonesian, English), per DLE EOT n
_BITS: dict[int, dict[int, tuple[str, str]]] = {
    1: {
        0x04: ("laci: pin 3 HIGH", "drawer kick pin 3 high"),
        0x08: ("offline", "offline"),
        0x20: ("menunggu pemulihan", "waiting for online recovery"),
        0x40: ("tombol FEED ditekan", "paper feed button pressed"),
    },
    2: {
        0x04: ("penutup terbuka", "cover open"),
        0x08: ("kertas diumpan dengan tombol FEED", "paper being fed by the FEED button"),
        0x20: ("berhenti karena kertas habis", "printing stopped by paper end"),
        0x40: ("terjadi kesalahan", "error occurred"),
    },
    3: {
        0x04: ("kesalahan yang dapat dipulihkan", "recoverable error"),
        0x08: ("pemotong kertas macet", "autocutter error (paper jam)"),
        0x20: ("kesalahan tidak dapat dipulihkan", "unrecoverable error"),
        0x40: ("kesalahan pulih otomatis (kepala panas)", "auto-recoverable error (head hot)"),
    },
    4: {
        0x0C: ("sensor kertas hampir habis", "paper near-end sensor: near end"),
        0x60: ("sensor kertas habis: tidak ada kertas", "paper end sensor: no paper"),
    },
}

_QUERY_NAMES = {
    1: "printer status",
    2: "offline cause",
    3: "error cause",
    4: "roll paper sensor",
}


def valid_status_byte(byte: int) -> bool:
    return byte & 0x93 == 0x12


def describe_byte(n: int, byte: int | None) -> tuple[list[str], list[str]]:
    """Words (Indonesian, English) for one DLE EOT n answer."""
    name = _QUERY_NAMES.get(n, f"DLE EOT {n}")
    if byte is None:
        return [f"{name}: tidak ada jawaban"], [f"{name}: no answer"]
    if not valid_status_byte(byte):
        return (
            [f"{name}: jawaban tidak valid 0x{byte:02x}"],
            [f"{name}: malformed answer 0x{byte:02x}"],
        )
    words_id: list[str] = []
    words_en: list[str] = []
    for mask, (word_id, word_en) in _BITS.get(n, {}).items():
        if byte & mask:
            words_id.append(word_id)
            words_en.append(word_en)
    if not words_en:
        words_id.append("normal")
        words_en.append("normal")
    return [f"{name}: {', '.join(words_id)}"], [f"{name}: {', '.join(words_en)} (0x{byte:02x})"]


def status_words(raw: Mapping[int, int | None]) -> tuple[list[str], list[str]]:
    words_id: list[str] = []
    words_en: list[str] = []
    for n in sorted(raw):
        w_id, w_en = describe_byte(n, raw[n])
        words_id += w_id
        words_en += w_en
    return words_id, words_en


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
    def message_id(self) -> str:
        return STATE_WORDS[self.state][0]

    @property
    def message_en(self) -> str:
        return STATE_WORDS[self.state][1]

    @property
    def can_print(self) -> bool:
        return self.state.can_print

    def words(self) -> tuple[list[str], list[str]]:
        """Each status byte decoded in words (Indonesian, English), for `printer status`."""
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
        detail="; ".join(status_words(raw)[1]),
    )
