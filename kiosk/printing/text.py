"""Text hygiene for the printer: fold to plain ASCII, neutralise control bytes, wrap to columns.

Every string that comes from data (catalog, configuration, server) goes through `clean()` before
it reaches the layout, so no byte below 0x20 other than the line feeds that the layout itself
adds can reach the printer: an ESC, GS, DLE or NUL inside a service name is printed as "?",
never executed.
"""

from __future__ import annotations

import unicodedata

# Typography that NFKD does not reduce to ASCII, mapped to what a CP437 printer can show.
_REPLACEMENTS: dict[str, str] = {
    "\u2018": "'",  # left single quote
    "\u2019": "'",  # right single quote / apostrophe
    "\u201a": ",",
    "\u201b": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u2032": "'",
    "\u2033": '"',
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",  # en dash
    "\u2014": "-",  # em dash
    "\u2015": "-",
    "\u2212": "-",  # minus sign
    "\u2026": "...",
    "\u2022": "*",  # bullet
    "\u00b7": "*",  # middle dot
    "\u2116": "No.",
    "\u00b0": "deg",
    "\u00a0": " ",  # no-break space
    "\u202f": " ",
    "\u2009": " ",
    "\u00ab": '"',
    "\u00bb": '"',
    "\u00d7": "x",
    "\u00f7": "/",
    "\u20ac": "EUR",
    "\u00a9": "(c)",
    "\u00ae": "(R)",
    "\u2122": "TM",
    "\u00df": "ss",
    "\u00e6": "ae",
    "\u00c6": "AE",
    "\u0153": "oe",
    "\u0152": "OE",
    "\u00f8": "o",
    "\u00d8": "O",
    "\u0111": "d",
    "\u0110": "D",
    "\u0142": "l",
    "\u0141": "L",
    "\u0131": "i",
}

_WHITESPACE_CONTROLS = frozenset("\t\n\r\v\f\x85\u2028\u2029")

UNPRINTABLE = "?"


def fold_ascii(value: str) -> str:
    """Fold to printable ASCII: accents removed, typography mapped, the rest becomes "?".

    Whitespace controls (tab, line breaks) become a space; any other control character (ESC, GS,
    DLE, NUL, DEL, C1 controls) becomes "?", so it is printed as text and never executed.
    """
    out: list[str] = []
    for char in value:
        if char in _WHITESPACE_CONTROLS:
            out.append(" ")
            continue
        code = ord(char)
        if 0x20 <= code < 0x7F:
            out.append(char)
            continue
        if code < 0x20 or 0x7F <= code <= 0x9F:
            out.append(UNPRINTABLE)
            continue
        if char in _REPLACEMENTS:
            out.append(_REPLACEMENTS[char])
            continue
        decomposed = unicodedata.normalize("NFKD", char)
        base = "".join(c for c in decomposed if not unicodedata.combining(c))
        if base and all(0x20 <= ord(c) < 0x7F for c in base):
            out.append(base)
        elif base and all(c in _REPLACEMENTS for c in base):
            out.append("".join(_REPLACEMENTS[c] for c in base))
        else:
            out.append(UNPRINTABLE)
    return "".join(out)


def clean(value: str) -> str:
    """`fold_ascii`, then collapse whitespace runs and trim: how every data field is printed."""
    return " ".join(fold_ascii(value).split())


def wrap(value: str, width: int) -> list[str]:
    """Wrap at word boundaries to `width` columns; words longer than a line are split.

    Always returns at least one line (possibly empty) so that a field keeps its place.
    """
    if width < 1:
        raise ValueError("width must be at least 1")
    words = clean(value).split(" ")
    lines: list[str] = []
    current = ""
    for word in words:
        if not word:
            continue
        while len(word) > width:
            if current:
                lines.append(current)
                current = ""
            lines.append(word[:width])
            word = word[width:]
        if not word:
            continue
        if not current:
            current = word
        elif len(current) + 1 + len(word) <= width:
            current = f"{current} {word}"
        else:
            lines.append(current)
            current = word
    if current or not lines:
        lines.append(current)
    return lines


def wrap_labelled(label: str, value: str, width: int, label_width: int) -> list[str]:
    """`Label   : value` with the value wrapped under itself (hanging indent).

    Falls back to the label on its own line and the value below it when the column is too
    narrow for a hanging indent (fewer than 12 columns left for the value).
    """
    prefix = f"{clean(label):<{label_width}}: "
    room = width - len(prefix)
    if room < 12:
        return [clean(label) + ":", *wrap(value, width)]
    lines = wrap(value, room)
    indent = " " * len(prefix)
    return [prefix + lines[0], *(indent + line for line in lines[1:])]


def is_safe_for_printer(data: str) -> bool:
    """True when `data` holds only printable ASCII: what `clean()` guarantees."""
    return all(0x20 <= ord(c) < 0x7F for c in data)
