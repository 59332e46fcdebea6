"""Days, months, dates and times in both languages: the one home of their names and wording,
used by the visitor screens, the staff screens and the slips alike.

Times are WIB (Asia/Jakarta), whatever zone they come in: ``08.00`` in Indonesian, ``08:00``
in English. Each ``*_text`` function says one thing in the language asked; the small classes
are the same things as :class:`~mpp_core.i18n.Words`, to be shown (and reworded when the
language changes) or bound into a :class:`~mpp_core.i18n.Text`.

Pure Python, like ``mpp_core.i18n`` (import-linter keeps it so).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Final

from mpp_core.domain.clock import local
from mpp_core.i18n import Lang, Text

DAY_NAMES: Final[dict[Lang, tuple[str, ...]]] = {  # Monday first, as date.weekday()
    "id": ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"),
    "en": ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"),
}
DAY_SHORT: Final[dict[Lang, tuple[str, ...]]] = {
    "id": ("Sen", "Sel", "Rab", "Kam", "Jum", "Sab", "Min"),
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
}
MONTH_NAMES: Final[dict[Lang, tuple[str, ...]]] = {
    "id": (
        "Januari",
        "Februari",
        "Maret",
        "April",
        "Mei",
        "Juni",
        "Juli",
        "Agustus",
        "September",
        "Oktober",
        "November",
        "Desember",
    ),
    "en": (
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ),
}

TODAY_AT = Text("hari ini pukul {time}", "today at {time}")
TOMORROW_AT = Text("besok pukul {time}", "tomorrow at {time}")
DAY_AT = Text("{day} pukul {time}", "{day} at {time}")
TOMORROW_SHORT = Text("besok {time}", "tomorrow {time}")


def _lang(lang: str) -> Lang:
    return "en" if lang == "en" else "id"


def clock_text(moment: datetime, lang: str) -> str:
    """The time of day in WIB: ``08.00`` (Indonesian), ``08:00`` (English)."""
    t = local(moment)
    return f"{t:%H:%M}" if lang == "en" else f"{t:%H.%M}"


def hhmm_text(hhmm: str, lang: str) -> str:
    """A time written ``HH:MM`` (a setting) as the language writes it."""
    return hhmm if lang == "en" else hhmm.replace(":", ".")


def weekday_text(weekday: int, lang: str, *, short: bool = False) -> str:
    """The name of a weekday (0 is Monday): ``Senin``/``Monday``, short ``Sen``/``Mon``."""
    return (DAY_SHORT if short else DAY_NAMES)[_lang(lang)][weekday]


def day_month_text(day: date, lang: str) -> str:
    """``Rabu, 2 Desember`` / ``Wednesday, 2 December``."""
    month = MONTH_NAMES[_lang(lang)][day.month - 1]
    return f"{weekday_text(day.weekday(), lang)}, {day.day} {month}"


def date_text(day: date, lang: str) -> str:
    """``Rabu, 2 Desember 2026`` / ``Wednesday, 2 December 2026``."""
    return f"{day_month_text(day, lang)} {day.year}"


def date_time_text(moment: datetime, lang: str) -> str:
    """``Senin, 12 Mei 2025 08.15 WIB`` / ``Monday, 12 May 2025 08:15 WIB``."""
    t = local(moment)
    return f"{date_text(t.date(), lang)} {clock_text(t, lang)} WIB"


def when_text(at: datetime, now: datetime, lang: str) -> str:
    """``hari ini pukul 08.00``, ``besok pukul 08.00``, ``Senin, 30 November pukul 08.00``."""
    a, n = local(at), local(now)
    time = clock_text(at, lang)
    days = (a.date() - n.date()).days
    if days == 0:
        return TODAY_AT(lang, time=time)
    if days == 1:
        return TOMORROW_AT(lang, time=time)
    return DAY_AT(lang, day=day_month_text(a.date(), lang), time=time)


def short_when_text(at: datetime, now: datetime, lang: str) -> str:
    """For a short line: ``besok 08.00`` or ``Sen 08.00``."""
    a = local(at)
    time = clock_text(at, lang)
    if (a.date() - local(now).date()).days == 1:
        return TOMORROW_SHORT(lang, time=time)
    return f"{weekday_text(a.weekday(), lang, short=True)} {time}"


# --------------------------------------------------------------------------- as words


@dataclass(frozen=True, slots=True)
class TimeOfDay:
    """A moment's time of day in WIB, in the language shown."""

    moment: datetime

    def __call__(self, lang: str, /) -> str:
        return clock_text(self.moment, lang)


@dataclass(frozen=True, slots=True)
class LongDate:
    """``Rabu, 2 Desember 2026``, in the language shown."""

    day: date

    def __call__(self, lang: str, /) -> str:
        return date_text(self.day, lang)


@dataclass(frozen=True, slots=True)
class When:
    """When something happens, seen from ``now``: today, tomorrow or on a named day."""

    at: datetime
    now: datetime

    def __call__(self, lang: str, /) -> str:
        return when_text(self.at, self.now, lang)


@dataclass(frozen=True, slots=True)
class ShortWhen:
    """The short form of :class:`When`, for a tile: ``besok 08.00``, ``Sen 08.00``."""

    at: datetime
    now: datetime

    def __call__(self, lang: str, /) -> str:
        return short_when_text(self.at, self.now, lang)


@dataclass(frozen=True, slots=True)
class Weekday:
    """A weekday's name (0 is Monday), full or short."""

    weekday: int
    short: bool = False

    def __call__(self, lang: str, /) -> str:
        return weekday_text(self.weekday, lang, short=self.short)


@dataclass(frozen=True, slots=True)
class HourMinute:
    """A time written ``HH:MM`` (a setting), as the language writes it."""

    hhmm: str

    def __call__(self, lang: str, /) -> str:
        return hhmm_text(self.hhmm, lang)
