"""Opening hours, ticket cut-off, holidays and quotas: may a number be issued now?"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from mpp_core.domain.catalog import Catalog, Gerai, GeraiState, Service, WeeklyHours
from mpp_core.domain.clock import WIB, local

DEFAULT_CUTOFF_MINUTES = 30
LOOKAHEAD_DAYS = 60


class Reason(StrEnum):
    OPEN = "open"
    BEFORE_OPENING = "before_opening"  # later today
    AFTER_CUTOFF = "after_cutoff"  # last ticket time has passed
    CLOSED_TODAY = "closed_today"  # no hours on this weekday
    HOLIDAY = "holiday"
    QUOTA_FULL = "quota_full"
    GERAI_PLANNED = "gerai_planned"
    GERAI_CLOSED = "gerai_closed"
    NO_QUEUE = "no_queue"  # online / self-service: no number needed
    PAUSED = "paused"  # staff paused issuing
    PRINTER_FAULT = "printer_fault"  # the printer needs attention and issuing is set to pause
    NO_SAFE_NUMBER = "no_safe_number"  # offline, and no number is known not to collide
    DISK_FULL = "disk_full"  # the kiosk's disk has no room for a ticket


@dataclass(frozen=True, slots=True)
class Availability:
    reason: Reason
    next_open: datetime | None = None  # WIB, when a number can next be taken
    holiday_name: str | None = None
    closes_at: datetime | None = None  # when OPEN: the last-ticket time of this interval

    @property
    def can_issue(self) -> bool:
        return self.reason is Reason.OPEN


def _at(day: date, t: object) -> datetime:
    from datetime import time as _time

    assert isinstance(t, _time)
    return datetime(day.year, day.month, day.day, t.hour, t.minute, tzinfo=WIB)


def next_opening(
    hours: WeeklyHours,
    holidays: dict[date, str],
    after: datetime,
    cutoff: timedelta,
) -> datetime | None:
    """The first moment after ``after`` at which a ticket can be taken, or None."""
    start_local = local(after)
    for offset in range(LOOKAHEAD_DAYS + 1):
        day = start_local.date() + timedelta(days=offset)
        if day in holidays:
            continue
        for iv in hours.on(day.weekday()):
            opens, last = _at(day, iv.start), _at(day, iv.end) - cutoff
            if last <= opens:
                continue
            if opens > after:
                return opens
    return None


def availability(
    catalog: Catalog,
    gerai: Gerai,
    service: Service | None,
    now: datetime,
    *,
    issued_today: int = 0,
    cutoff_minutes: int = DEFAULT_CUTOFF_MINUTES,
) -> Availability:
    """Whether a number for ``service`` at ``gerai`` can be issued at ``now``, and if not, why
    and when it can next."""
    if gerai.state is GeraiState.PLANNED:
        return Availability(Reason.GERAI_PLANNED)
    if gerai.state is GeraiState.CLOSED:
        return Availability(Reason.GERAI_CLOSED)
    if service is not None and not service.needs_queue:
        return Availability(Reason.NO_QUEUE)
    hours = catalog.hours_for(gerai)
    holidays = catalog.holidays_for(gerai)
    cutoff = timedelta(minutes=cutoff_minutes)
    now_local = local(now)
    today = now_local.date()
    if today in holidays:
        return Availability(
            Reason.HOLIDAY, next_opening(hours, holidays, now, cutoff), holidays[today]
        )
    intervals = hours.on(today.weekday())
    if not intervals:
        return Availability(Reason.CLOSED_TODAY, next_opening(hours, holidays, now, cutoff))
    for iv in intervals:
        opens, closes = _at(today, iv.start), _at(today, iv.end)
        last = closes - cutoff
        if opens <= now_local < last:
            if (
                service is not None
                and service.daily_quota is not None
                and issued_today >= service.daily_quota
            ):
                tomorrow = datetime(today.year, today.month, today.day, tzinfo=WIB) + timedelta(
                    days=1
                )
                return Availability(
                    Reason.QUOTA_FULL, next_opening(hours, holidays, tomorrow, cutoff)
                )
            return Availability(Reason.OPEN, closes_at=last)
    nxt = next_opening(hours, holidays, now, cutoff)
    if nxt is not None and local(nxt).date() == today:
        return Availability(Reason.BEFORE_OPENING, nxt)
    if now_local < _at(today, intervals[0].start):
        return Availability(Reason.BEFORE_OPENING, nxt)
    return Availability(Reason.AFTER_CUTOFF, nxt)
