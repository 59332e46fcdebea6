"""Time for the kiosk: service days run on Asia/Jakarta (WIB) time."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta, timezone, tzinfo
from typing import Protocol


def _load_wib() -> tzinfo:
    try:
        from zoneinfo import ZoneInfo

        return ZoneInfo("Asia/Jakarta")
    except Exception:  # no tz database on this machine: WIB has had no DST since 1964
        return timezone(timedelta(hours=7), "WIB")


WIB: tzinfo = _load_wib()


class Clock(Protocol):
    def now(self) -> datetime:
        """The current time, timezone-aware."""
        ...


class SystemClock:
    """The machine's clock, optionally corrected by an offset learnt from the server."""

    def __init__(self, source: Callable[[], datetime] | None = None) -> None:
        self._source = source or (lambda: datetime.now(UTC))
        self.offset = timedelta(0)

    def now(self) -> datetime:
        return self._source() + self.offset


class FixedClock:
    """A clock tests move by hand."""

    def __init__(self, at: datetime) -> None:
        if at.tzinfo is None:
            raise ValueError("FixedClock needs an aware datetime")
        self._at = at

    def now(self) -> datetime:
        return self._at

    def set(self, at: datetime) -> None:
        self._at = at

    def advance(self, delta: timedelta) -> None:
        self._at += delta


def local(now: datetime) -> datetime:
    """``now`` in WIB."""
    return now.astimezone(WIB)


def service_day(now: datetime) -> date:
    """The service day (the WIB calendar date) that ``now`` falls in."""
    return local(now).date()


def next_midnight(now: datetime) -> datetime:
    """The next WIB midnight after ``now`` (when numbering restarts)."""
    day = service_day(now) + timedelta(days=1)
    return datetime(day.year, day.month, day.day, tzinfo=WIB)
