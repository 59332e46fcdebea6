"""ESC/POS byte stream -> tokens, so that a 0x10 0x04 inside raster data is not taken for a
status query. Knows the length of every command the kiosk (and python-escpos) sends."""

from __future__ import annotations

import struct
from collections.abc import Callable
from dataclasses import dataclass

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
