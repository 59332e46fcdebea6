"""Day and month names and the wording of dates and times: one home, both languages, WIB."""

from __future__ import annotations

from datetime import UTC, date, datetime

from mpp_core.domain.clock import WIB
from mpp_core.i18n import Text
from mpp_core.i18n_dates import (
    LongDate,
    ShortWhen,
    TimeOfDay,
    Weekday,
    When,
    date_text,
    date_time_text,
    hhmm_text,
)

NOW = datetime(2026, 12, 2, 10, 0, tzinfo=WIB)  # a Wednesday


def test_times_are_wib_with_a_dot_in_indonesian_and_a_colon_in_english() -> None:
    utc = datetime(2026, 12, 2, 1, 5, tzinfo=UTC)  # 08:05 WIB
    assert TimeOfDay(utc)("id") == "08.05" and TimeOfDay(utc)("en") == "08:05"
    assert hhmm_text("13:30", "id") == "13.30" and hhmm_text("13:30", "en") == "13:30"


def test_dates_name_the_day_and_month_in_each_language() -> None:
    assert LongDate(date(2026, 12, 2))("id") == "Rabu, 2 Desember 2026"
    assert LongDate(date(2026, 12, 2))("en") == "Wednesday, 2 December 2026"
    assert date_text(date(2026, 12, 4), "id") == "Jumat, 4 Desember 2026"
    moment = datetime(2025, 5, 12, 1, 15, tzinfo=UTC)
    assert date_time_text(moment, "id") == "Senin, 12 Mei 2025 08.15 WIB"
    assert date_time_text(moment, "en") == "Monday, 12 May 2025 08:15 WIB"
    assert [Weekday(i, short=True)("id") for i in range(7)] == [
        "Sen", "Sel", "Rab", "Kam", "Jum", "Sab", "Min"
    ]  # fmt: skip
    assert Weekday(6)("en") == "Sunday"


def test_when_is_today_tomorrow_or_a_named_day() -> None:
    today = datetime(2026, 12, 2, 13, 0, tzinfo=WIB)
    tomorrow = datetime(2026, 12, 3, 8, 0, tzinfo=WIB)
    monday = datetime(2026, 12, 7, 8, 0, tzinfo=WIB)
    assert When(today, NOW)("id") == "hari ini pukul 13.00"
    assert When(today, NOW)("en") == "today at 13:00"
    assert When(tomorrow, NOW)("id") == "besok pukul 08.00"
    assert When(monday, NOW)("id") == "Senin, 7 Desember pukul 08.00"
    assert When(monday, NOW)("en") == "Monday, 7 December at 08:00"
    assert ShortWhen(tomorrow, NOW)("en") == "tomorrow 08:00"
    assert ShortWhen(monday, NOW)("id") == "Sen 08.00"


def test_date_words_bind_into_texts() -> None:
    taken = Text("Diambil {date}, pukul {time} WIB", "Taken {date}, {time} WIB").bind(
        date=LongDate(NOW.date()), time=TimeOfDay(NOW)
    )
    assert taken("id") == "Diambil Rabu, 2 Desember 2026, pukul 10.00 WIB"
    assert taken("en") == "Taken Wednesday, 2 December 2026, 10:00 WIB"
