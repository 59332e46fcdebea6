"""This kiosk's opening-hours override (``[hours]``) laid over the catalog.

``build_kiosk`` puts a ``HoursOverride`` between the catalog and both the ticket desk and the
slip printer; the technician's kiosk form changes it with ``set``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, time

from kiosk.settings.hours import HoursConfig
from mpp_core.domain.catalog import WEEKDAYS, Catalog, Interval, WeeklyHours
from mpp_core.domain.clock import Clock, service_day


def weekly_hours(hours: HoursConfig) -> WeeklyHours:
    """The override as weekly hours (every listed day from ``open`` to ``close``)."""
    if hours.mode == "closed":
        return WeeklyHours(tuple(() for _ in WEEKDAYS))
    start = time.fromisoformat(hours.open)
    end = time.fromisoformat(hours.close)
    return WeeklyHours(tuple((Interval(start, end),) if d in hours.days else () for d in WEEKDAYS))


class HoursOverride:
    """The catalog with this kiosk's opening-hours override applied, while it lasts.

    Cached per catalog, override and day: the desk asks for the catalog on every tile."""

    def __init__(self, catalog: Callable[[], Catalog], clock: Clock, hours: HoursConfig) -> None:
        self._catalog = catalog
        self._clock = clock
        self.hours = hours
        self._cache: tuple[int, HoursConfig, date, Catalog] | None = None

    def set(self, hours: HoursConfig) -> None:
        self.hours = hours
        self._cache = None

    def __call__(self) -> Catalog:
        catalog = self._catalog()
        day = service_day(self._clock.now())
        if not self.hours.active_on(day):
            return catalog
        c = self._cache
        if c is not None and c[0] == id(catalog) and c[1] == self.hours and c[2] == day:
            return c[3]
        week = weekly_hours(self.hours)
        gerai = tuple(replace(g, hours=None) for g in catalog.gerai)
        result = replace(catalog, default_hours=week, gerai=gerai)
        self._cache = (id(catalog), self.hours, day, result)
        return result
