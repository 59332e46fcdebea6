"""The service catalog: gerai (agency counters) and the services they offer.

Pure data: no I/O, no framework. Parsing and validation of the data files live in
``mpp_core.catalog.schema``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time
from enum import StrEnum

WEEKDAYS: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


class GeraiState(StrEnum):
    OPEN = "open"
    PLANNED = "planned"  # shown as "segera hadir", not selectable
    CLOSED = "closed"


@dataclass(frozen=True, slots=True)
class Interval:
    start: time
    end: time


@dataclass(frozen=True, slots=True)
class WeeklyHours:
    """Opening intervals per weekday, Monday first (index = ``date.weekday()``)."""

    days: tuple[tuple[Interval, ...], ...]

    def on(self, weekday: int) -> tuple[Interval, ...]:
        return self.days[weekday]


@dataclass(frozen=True, slots=True)
class Holiday:
    day: date
    name: str


@dataclass(frozen=True, slots=True)
class Requirement:
    text: str
    form: str | None = None  # "asli", "fotokopi", "asli dan fotokopi"
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Service:
    code: str
    gerai_code: str
    name: str
    name_en: str
    keywords: tuple[str, ...]
    requirements: tuple[Requirement, ...]
    procedure: tuple[str, ...]
    processing_time: str
    fee_rp: int | None
    fee_note: str | None
    product: str
    complaints: str
    online_url: str | None
    adm: bool
    needs_queue: bool
    daily_quota: int | None
    order: int = 0

    @property
    def is_free(self) -> bool:
        return self.fee_rp == 0

    def display_name(self, lang: str) -> str:
        return self.name_en if lang == "en" and self.name_en else self.name


@dataclass(frozen=True, slots=True)
class Gerai:
    code: str
    name: str
    name_en: str
    agency: str
    prefix: str
    location: str
    location_en: str
    order: int
    color: str
    icon: str
    state: GeraiState
    hours: WeeklyHours | None  # None: the MPP's default hours
    holidays: tuple[Holiday, ...]
    counters: int
    avg_service_minutes: int
    services: tuple[Service, ...] = field(default=())

    @property
    def selectable(self) -> bool:
        return self.state is GeraiState.OPEN

    @property
    def issues_numbers(self) -> bool:
        """True when at least one service of the gerai hands out queue numbers."""
        return any(s.needs_queue for s in self.services)

    def display_name(self, lang: str) -> str:
        return self.name_en if lang == "en" and self.name_en else self.name

    def display_location(self, lang: str) -> str:
        return self.location_en if lang == "en" and self.location_en else self.location


@dataclass(frozen=True, slots=True)
class MppInfo:
    code: str
    name: str
    full_name: str
    city: str
    address: str
    notice: str
    notice_en: str
    complaints: str


@dataclass(frozen=True)
class Catalog:
    schema_version: int
    version: str
    mpp: MppInfo
    default_hours: WeeklyHours
    holidays: tuple[Holiday, ...]
    gerai: tuple[Gerai, ...]
    _by_gerai: dict[str, Gerai] = field(init=False, repr=False, compare=False)
    _by_service: dict[str, Service] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_gerai", {g.code: g for g in self.gerai})
        object.__setattr__(self, "_by_service", {s.code: s for g in self.gerai for s in g.services})

    @property
    def services(self) -> tuple[Service, ...]:
        return tuple(s for g in self.gerai for s in g.services)

    def gerai_by_code(self, code: str) -> Gerai | None:
        return self._by_gerai.get(code)

    def service_by_code(self, code: str) -> Service | None:
        return self._by_service.get(code)

    def hours_for(self, gerai: Gerai) -> WeeklyHours:
        return gerai.hours if gerai.hours is not None else self.default_hours

    def holidays_for(self, gerai: Gerai) -> dict[date, str]:
        days = {h.day: h.name for h in self.holidays}
        days.update({h.day: h.name for h in gerai.holidays})
        return days
