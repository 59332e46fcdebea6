"""Calling numbers at a loket: which waiting ticket comes next, and how long the wait is.

Pure rules, no I/O. A gerai's waiting tickets form two lines ordered by issue time: regular
(series ``R``) and priority (series ``P``: lansia, disabilitas, ibu hamil, anak-anak). They are
interleaved by one rule, ``priority_every = N``: after every N regular calls one priority
ticket is called; a priority ticket is called at once when no regular ticket waits, and a
regular one when no priority ticket waits. ``priority_every = 0`` calls every priority ticket
first.
"""

from __future__ import annotations

import statistics
from collections.abc import Sequence
from dataclasses import dataclass

REGULAR, PRIORITY = "R", "P"
DEFAULT_PRIORITY_EVERY = 3
DEFAULT_NO_SHOW_AFTER = 2  # "Tidak hadir" is allowed once a ticket was recalled this often
RECENT_SERVICES = 20  # the service times the median is taken over
MIN_SERVICE_S, MAX_SERVICE_S = 30.0, 4 * 3600.0  # a service time outside is not believed


def next_series(
    regular_waiting: int, priority_waiting: int, regulars_since_priority: int, every: int
) -> str | None:
    """The series to call next (``"R"`` or ``"P"``), or None when nobody waits."""
    if priority_waiting and (not regular_waiting or regulars_since_priority >= every):
        return PRIORITY
    if regular_waiting:
        return REGULAR
    return None


def regulars_since_priority(recent_series: Sequence[str]) -> int:
    """How many regular tickets were called since the last priority one (newest first)."""
    n = 0
    for series in recent_series:
        if series == PRIORITY:
            break
        n += 1
    return n


@dataclass(frozen=True, slots=True)
class Waiting:
    """A waiting ticket as the rule sees it."""

    ticket_id: str
    series: str


def call_order(waiting: Sequence[Waiting], regulars_since: int, every: int) -> list[Waiting]:
    """The order in which ``waiting`` (by issue time) will be called if nothing else arrives."""
    regular = [w for w in waiting if w.series != PRIORITY]
    priority = [w for w in waiting if w.series == PRIORITY]
    out: list[Waiting] = []
    r = p = 0
    since = regulars_since
    while r < len(regular) or p < len(priority):
        series = next_series(len(regular) - r, len(priority) - p, since, every)
        if series == PRIORITY:
            out.append(priority[p])
            p += 1
            since = 0
        else:
            out.append(regular[r])
            r += 1
            since += 1
    return out


def median_service_s(durations_s: Sequence[float]) -> float | None:
    """The median of the recent service times (called to done) that can be true, or None."""
    good = [d for d in durations_s if MIN_SERVICE_S <= d <= MAX_SERVICE_S]
    return statistics.median(good[:RECENT_SERVICES]) if good else None


def wait_minutes(ahead: int, service_s: float, lokets: int) -> int:
    """Minutes until a visitor with ``ahead`` people before them is called: the people ahead
    share ``lokets`` lokets taking ``service_s`` each. At least 1 when anyone is ahead."""
    if ahead <= 0:
        return 0
    minutes = round(ahead * service_s / max(1, lokets) / 60)
    return max(1, minutes)
