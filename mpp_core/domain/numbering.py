"""Queue numbers: a gerai prefix plus three digits per service day, and a priority series.

Regular tickets of gerai "A" are A001, A002, ... shown as "A-001". Priority tickets (the
groups UU 25/2009 Pasal 29 gives special treatment) run in their own series AP001, shown
"A-P001": P is never used as a gerai prefix, so the two can't be confused.
"""

from __future__ import annotations

from enum import StrEnum

DIGIT_WORDS_ID = (
    "nol",
    "satu",
    "dua",
    "tiga",
    "empat",
    "lima",
    "enam",
    "tujuh",
    "delapan",
    "sembilan",
)
DIGIT_WORDS_EN = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


class Series(StrEnum):
    REGULAR = "R"
    PRIORITY = "P"


class PriorityGroup(StrEnum):
    LANSIA = "lansia"  # elderly (60+)
    DISABILITAS = "disabilitas"
    HAMIL = "hamil"  # pregnant
    ANAK = "anak"  # with small children / children


def series_for(priority: PriorityGroup | None) -> Series:
    return Series.PRIORITY if priority is not None else Series.REGULAR


def ticket_code(prefix: str, series: Series, seq: int) -> str:
    """The compact number stored and encoded: ``A001``, ``AP001``."""
    if seq < 1:
        raise ValueError("sequence numbers start at 1")
    mark = "P" if series is Series.PRIORITY else ""
    return f"{prefix}{mark}{seq:03d}"


def display_number(prefix: str, series: Series, seq: int) -> str:
    """The number as printed and shown: ``A-001``, ``A-P001``."""
    mark = "P" if series is Series.PRIORITY else ""
    return f"{prefix}-{mark}{seq:03d}"


def spoken_number(prefix: str, series: Series, seq: int, lang: str = "id") -> str:
    """For announcements: ``A nol nol satu``."""
    words = DIGIT_WORDS_EN if lang == "en" else DIGIT_WORDS_ID
    letters = " ".join(prefix) + (" P" if series is Series.PRIORITY else "")
    digits = " ".join(words[int(d)] for d in f"{seq:03d}")
    return f"{letters} {digits}"
