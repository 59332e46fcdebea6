"""Estimate how many people are ahead and how long the wait is, from today's tickets.

The kiosk on its own does not see the counters call numbers, so it models the gerai as
``counters`` servers that each take ``avg_minutes`` per visitor, first come first served,
from the time each ticket was taken. When the central server reports the real queue, its
figures replace this estimate.
"""

from __future__ import annotations

import heapq
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta


@dataclass(frozen=True, slots=True)
class WaitEstimate:
    people_ahead: int
    minutes: int


def estimate_wait(
    earlier_issues: Iterable[datetime],
    now: datetime,
    *,
    counters: int,
    avg_minutes: int,
) -> WaitEstimate:
    """``earlier_issues``: issue times of today's earlier tickets at this gerai, oldest first."""
    service = timedelta(minutes=avg_minutes)
    free = [now - timedelta(days=1)] * max(1, counters)  # when each counter is next free
    heapq.heapify(free)
    waiting = 0
    for issued in earlier_issues:
        start = max(heapq.heappop(free), issued)
        if start > now:
            waiting += 1
        heapq.heappush(free, start + service)
    start = max(heapq.heappop(free), now)
    minutes = int((start - now).total_seconds() // 60)
    if start > now and minutes == 0:
        minutes = 1
    return WaitEstimate(waiting, minutes)
