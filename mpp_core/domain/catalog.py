"""The service catalog: gerai (agency counters) and the services they offer.

Pure data: no I/O, no framework. Parsing and validation of the data files live in
``mpp_core.catalog.schema``. Every visitor-facing field has its English beside it; the
``*_in(lang)`` methods say it through ``mpp_core.i18n.Names`` (English when asked for and
present; only a catalog kept from before the English fields existed, schema version 1 in an
upgraded kiosk database, has it empty, and is then shown in Indonesian).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, time
from enum import StrEnum

from mpp_core.i18n import Names, Text

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
    name_en: str = ""

    def name_in(self, lang: str) -> str:
        return Names(self.name, self.name_en or "")(lang)


@dataclass(frozen=True, slots=True)
class Line:
    """One line of visitor text with its English: a procedure step or a condition."""

    text: str
    text_en: str = ""

    def text_in(self, lang: str) -> str:
        return Names(self.text, self.text_en or "")(lang)


# The form of a requirement as the catalog spells it, in both languages.
REQUIREMENT_FORMS: dict[str, Text] = {
    "asli": Text("asli", "original"),
    "fotokopi": Text("fotokopi", "photocopy"),
    "asli dan fotokopi": Text("asli dan fotokopi", "original and photocopy"),
}


@dataclass(frozen=True, slots=True)
class Requirement:
    """Something to bring (persyaratan): a document or a thing, never a condition."""

    text: str
    text_en: str = ""
    form: str | None = None  # "asli", "fotokopi", "asli dan fotokopi"
    note: str | None = None
    note_en: str | None = None

    def text_in(self, lang: str) -> str:
        return Names(self.text, self.text_en or "")(lang)

    def form_in(self, lang: str) -> str | None:
        if self.form is None:
            return None
        words = REQUIREMENT_FORMS.get(self.form)
        return self.form if words is None else words(lang)

    def note_in(self, lang: str) -> str | None:
        if self.note is None:
            return None
        return Names(self.note, self.note_en or "")(lang)

    def describe(self, lang: str, *, with_note: bool = True) -> str:
        """A checklist line: "Kartu Keluarga (fotokopi): note", or in English "Family Card
        (Kartu Keluarga, KK), photocopy: note" (English names often end in brackets)."""
        out = self.text_in(lang)
        form = self.form_in(lang)
        if form:
            out += f", {form}" if lang == "en" and self.text_en else f" ({form})"
        note = self.note_in(lang) if with_note else None
        if note:
            out += f": {note}"
        return out


@dataclass(frozen=True, slots=True)
class ServiceGroup:
    """A heading inside a gerai's service list (e.g. Dispendukcapil's "Pencatatan Sipil")."""

    code: str
    name: str
    name_en: str
    order: int  # 1-based position in the gerai's list of groups

    def display_name(self, lang: str) -> str:
        return Names(self.name, self.name_en or "")(lang)


@dataclass(frozen=True, slots=True)
class Service:
    code: str
    gerai_code: str
    name: str
    name_en: str
    keywords: tuple[str, ...]
    requirements: tuple[Requirement, ...]
    procedure: tuple[Line, ...]
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
    group: str | None = None  # the code of one of the gerai's groups
    conditions: tuple[Line, ...] = ()  # who may apply / what must be true (not to bring)
    processing_time_en: str = ""
    fee_note_en: str | None = None
    product_en: str = ""
    complaints_en: str = ""

    @property
    def is_free(self) -> bool:
        return self.fee_rp == 0

    def display_name(self, lang: str) -> str:
        return Names(self.name, self.name_en or "")(lang)

    def processing_time_in(self, lang: str) -> str:
        return Names(self.processing_time, self.processing_time_en or "")(lang)

    def fee_note_in(self, lang: str) -> str | None:
        if self.fee_note is None:
            return None
        return Names(self.fee_note, self.fee_note_en or "")(lang)

    def product_in(self, lang: str) -> str:
        return Names(self.product, self.product_en or "")(lang)

    def complaints_in(self, lang: str) -> str:
        return Names(self.complaints, self.complaints_en or "")(lang)

    def steps_in(self, lang: str) -> tuple[str, ...]:
        return tuple(step.text_in(lang) for step in self.procedure)

    def conditions_in(self, lang: str) -> tuple[str, ...]:
        return tuple(c.text_in(lang) for c in self.conditions)


@dataclass(frozen=True, slots=True)
class Gerai:
    code: str
    name: str
    name_en: str
    agency: str
    prefix: str
    location: str | None  # None: not known; then nothing is said about it
    location_en: str | None
    order: int
    color: str
    icon: str
    state: GeraiState
    hours: WeeklyHours | None  # None: the MPP's default hours
    holidays: tuple[Holiday, ...]
    counters: int
    avg_service_minutes: int
    services: tuple[Service, ...] = field(default=())
    agency_en: str = ""
    groups: tuple[ServiceGroup, ...] = ()

    @property
    def selectable(self) -> bool:
        return self.state is GeraiState.OPEN

    @property
    def issues_numbers(self) -> bool:
        """True when at least one service of the gerai hands out queue numbers."""
        return any(s.needs_queue for s in self.services)

    def display_name(self, lang: str) -> str:
        return Names(self.name, self.name_en or "")(lang)

    def agency_in(self, lang: str) -> str:
        return Names(self.agency, self.agency_en or "")(lang)

    def display_location(self, lang: str) -> str:
        """Where the gerai is, or "" when the catalog does not know (say nothing then)."""
        if not self.location:
            return ""
        return Names(self.location, self.location_en or "")(lang)

    def group(self, code: str | None) -> ServiceGroup | None:
        return next((g for g in self.groups if g.code == code), None)

    def grouped_services(self) -> tuple[tuple[ServiceGroup | None, tuple[Service, ...]], ...]:
        """The services under their headings, in the groups' order (one ``None`` heading
        holding every service when the gerai has no groups)."""
        if not self.groups:
            return ((None, self.services),)
        return tuple((g, tuple(s for s in self.services if s.group == g.code)) for g in self.groups)


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
    name_en: str = ""
    full_name_en: str = ""
    city_en: str = ""
    address_en: str = ""
    complaints_en: str = ""

    def name_in(self, lang: str) -> str:
        return Names(self.name, self.name_en or "")(lang)

    def full_name_in(self, lang: str) -> str:
        return Names(self.full_name, self.full_name_en or "")(lang)

    def address_in(self, lang: str) -> str:
        return Names(self.address, self.address_en or "")(lang)

    def notice_in(self, lang: str) -> str:
        return Names(self.notice, self.notice_en or "")(lang)

    def complaints_in(self, lang: str) -> str:
        return Names(self.complaints, self.complaints_en or "")(lang)


@dataclass(frozen=True)
class Catalog:
    schema_version: int  # 1: kept from before English (see ``has_english``)
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
    def has_english(self) -> bool:
        """False for a catalog kept from schema version 1 (no English: shown in Indonesian)."""
        return self.schema_version >= 2

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
