from __future__ import annotations

from datetime import UTC, datetime, timedelta

from mpp_core.domain.clock import WIB, next_midnight, service_day
from mpp_core.domain.numbering import (
    Series,
    display_number,
    spoken_number,
    ticket_code,
)
from mpp_core.domain.wait import estimate_wait


def test_number_formats() -> None:
    assert ticket_code("A", Series.REGULAR, 1) == "A001"
    assert ticket_code("A", Series.PRIORITY, 7) == "AP007"
    assert display_number("BC", Series.REGULAR, 42) == "BC-042"
    assert display_number("A", Series.PRIORITY, 7) == "A-P007"
    assert ticket_code("A", Series.REGULAR, 1000) == "A1000"
    assert spoken_number("A", Series.REGULAR, 1) == "A nol nol satu"


def test_service_day_follows_wib_midnight() -> None:
    # 16:59 UTC is 23:59 WIB; 17:00 UTC is the next WIB day.
    assert service_day(datetime(2026, 12, 2, 16, 59, tzinfo=UTC)).day == 2
    assert service_day(datetime(2026, 12, 2, 17, 0, tzinfo=UTC)).day == 3
    assert next_midnight(datetime(2026, 12, 2, 10, tzinfo=WIB)) == datetime(2026, 12, 3, tzinfo=WIB)


def test_wait_estimate_from_earlier_tickets() -> None:
    now = datetime(2026, 12, 2, 10, 0, tzinfo=WIB)
    assert estimate_wait([], now, counters=2, avg_minutes=10).people_ahead == 0
    # Five tickets in the last two minutes, two counters at 10 min each:
    issued = [now - timedelta(minutes=2 - i * 0.4) for i in range(5)]
    w = estimate_wait(issued, now, counters=2, avg_minutes=10)
    assert w.people_ahead == 3  # two are at the counters
    assert 15 <= w.minutes <= 20
    # Tickets from hours ago have been served.
    old = [now - timedelta(hours=3, minutes=i) for i in range(5)]
    assert estimate_wait(old, now, counters=2, avg_minutes=10).people_ahead == 0
