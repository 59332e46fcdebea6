"""Read and write the catalog's data files (see docs/catalog-format.md).

Pure functions over bytes and text: the caller does the file I/O. Every problem found is
reported with the file, the place inside it and the field, and nothing is half-applied:
``parse_catalog`` either returns a whole valid :class:`Catalog` or raises
:class:`CatalogInvalid` listing the problems.

This reads catalog format version 2: every text a visitor sees has its English beside it
(``x`` and ``x_en``), and a file without the English, or with it empty, is refused. A
version 1 catalog (Indonesian only) is refused as a whole with one problem saying so.
The rules about what the content says (placeholders, contradictions) are in
``mpp_core.catalog.lint``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, time
from typing import Any

from mpp_core.domain.catalog import (
    WEEKDAYS,
    Catalog,
    Gerai,
    GeraiState,
    Holiday,
    Interval,
    Line,
    MppInfo,
    Requirement,
    Service,
    ServiceGroup,
    WeeklyHours,
)
from mpp_core.domain.contrast import contrast_ratio, parse_hex_color

SCHEMA_VERSION = 2
OLD_SCHEMA_VERSIONS = (1,)  # refused with a message that says what changed
# A gerai with more queue-able services than this must put them under headings (groups):
# a long flat list is hard to find things in on a touch screen.
MAX_UNGROUPED_SERVICES = 12
MPP_FILE = "mpp.json"
MAX_FILE_BYTES = 1024 * 1024
MAX_TEXT = 500
MAX_FILES = 200
ICONS: frozenset[str] = frozenset(
    [
        "id-card",
        "family",
        "child",
        "document",
        "health",
        "bank",
        "tax",
        "business",
        "building",
        "shield",
        "car",
        "scales",
        "passport",
        "briefcase",
        "info",
        "water",
        "electricity",
        "land",
        "mail",
        "heart",
        "users",
        "computer",
        "book",
        "mosque",
        "gavel",
        "store",
    ]
)
REQUIREMENT_FORMS = ("asli", "fotokopi", "asli dan fotokopi")
PREFIX_RE = re.compile(r"^[A-HJ-NQ-Z]{1,2}$")  # no I, O (read as 1, 0) and no P (priority)
GERAI_CODE_RE = re.compile(r"^[a-z][a-z0-9-]{1,39}$")
GROUP_CODE_RE = GERAI_CODE_RE
SERVICE_CODE_RE = re.compile(r"^[a-z0-9][a-z0-9-]{1,47}$")
GERAI_FILE_RE = re.compile(r"^(\d\d)-([a-z][a-z0-9-]{1,39})\.json$")
COLOR_RE = re.compile(r"^#[0-9A-Fa-f]{6}$")
HHMM_RE = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
CONTROL_RE = re.compile(r"[\x00-\x1f\x7f]")
MIN_TILE_CONTRAST = 7.0


@dataclass(frozen=True, slots=True)
class Problem:
    file: str
    place: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}: {self.place}" if self.place else self.file
        return f"{where}: {self.message}"


class CatalogInvalid(ValueError):
    """The catalog files were refused; ``problems`` says why, file by file."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        head = "; ".join(str(p) for p in problems[:5])
        more = f" (and {len(problems) - 5} more)" if len(problems) > 5 else ""
        super().__init__(f"catalog refused: {head}{more}")


class _Invalid(Exception):
    """Internal: one field cannot be read; recorded as a Problem by the caller."""


class _Reader:
    """Typed access to one JSON file's values that records problems with their place."""

    def __init__(self, file: str, problems: list[Problem]) -> None:
        self.file = file
        self.problems = problems

    def fail(self, place: str, message: str) -> _Invalid:
        self.problems.append(Problem(self.file, place, message))
        return _Invalid()

    def obj(self, value: Any, place: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(place, f"must be an object, not {_kind(value)}")
        return value

    def field(self, obj: Mapping[str, Any], key: str, place: str) -> Any:
        if key not in obj:
            raise self.fail(_join(place, key), "required field is missing")
        return obj[key]

    def unknown(self, obj: Mapping[str, Any], allowed: tuple[str, ...], place: str) -> None:
        for key in obj:
            if key not in allowed:
                self.fail(_join(place, str(key)), "unknown field")

    def text(
        self,
        obj: Mapping[str, Any],
        key: str,
        place: str,
        *,
        max_len: int = MAX_TEXT,
        optional: bool = False,
        allow_empty: bool = False,
    ) -> str | None:
        if optional and obj.get(key) is None:
            if key not in obj:
                raise self.fail(_join(place, key), "required field is missing (use null)")
            return None
        value = self.field(obj, key, place)
        return self.check_text(value, _join(place, key), max_len=max_len, allow_empty=allow_empty)

    def check_text(
        self, value: Any, place: str, *, max_len: int = MAX_TEXT, allow_empty: bool = False
    ) -> str:
        if not isinstance(value, str):
            raise self.fail(place, f"must be text, not {_kind(value)}")
        if not allow_empty and not value.strip():
            raise self.fail(place, "must not be empty")
        if len(value) > max_len:
            raise self.fail(place, f"is {len(value)} characters long; at most {max_len}")
        if CONTROL_RE.search(value):
            raise self.fail(place, "contains a control character")
        return value

    def req_text(self, obj: Mapping[str, Any], key: str, place: str, **kw: Any) -> str:
        value = self.text(obj, key, place, **kw)
        assert value is not None
        return value

    def english(
        self,
        obj: Mapping[str, Any],
        key: str,
        place: str,
        text: str | None,
        *,
        max_len: int = MAX_TEXT,
    ) -> str | None:
        """The English of ``obj[key]`` (whose Indonesian is ``text``), from ``key + "_en"``.

        Null exactly when the Indonesian is null. A missing or empty English is recorded as
        a problem but does not stop the reading, so one pass names every missing English;
        "" stands in for it (the catalog is refused anyway).
        """
        en_key = f"{key}_en"
        where = _join(place, en_key)
        if en_key not in obj:
            if text is None:
                self.fail(where, "required field is missing (use null)")
            else:
                self.fail(where, "English version is missing")
            return None if text is None else ""
        value = obj[en_key]
        if text is None:
            if value is not None:
                self.fail(where, f"must be null when {key} is null")
            return None
        if value is None:
            self.fail(where, "English version is missing (null)")
            return ""
        if isinstance(value, str) and not value.strip():
            self.fail(where, "English version is empty")
            return ""
        try:
            return self.check_text(value, where, max_len=max_len)
        except _Invalid:
            return ""

    def req_english(
        self, obj: Mapping[str, Any], key: str, place: str, text: str, *, max_len: int = MAX_TEXT
    ) -> str:
        value = self.english(obj, key, place, text, max_len=max_len)
        assert value is not None
        return value

    def bilingual(
        self, obj: Mapping[str, Any], key: str, place: str, *, max_len: int = MAX_TEXT
    ) -> tuple[str, str]:
        """A required text and its required English."""
        text = self.req_text(obj, key, place, max_len=max_len)
        return text, self.req_english(obj, key, place, text, max_len=max_len)

    def lines(
        self, obj: Mapping[str, Any], key: str, place: str, *, max_items: int, at_least: int = 0
    ) -> tuple[Line, ...]:
        """A list of ``{"text": ..., "text_en": ...}`` lines (procedure steps, conditions)."""
        items = self.array(obj, key, place, max_len=max_items)
        if len(items) < at_least:
            raise self.fail(_join(place, key), f"needs at least {at_least} item(s)")
        out: list[Line] = []
        for i, item in enumerate(items):
            iplace = f"{_join(place, key)}[{i}]"
            if isinstance(item, str):
                raise self.fail(
                    iplace, 'must be {"text": ..., "text_en": ...} (a plain string has no English)'
                )
            line = self.obj(item, iplace)
            self.unknown(line, LINE_KEYS, iplace)
            text = self.req_text(line, "text", iplace)
            out.append(Line(text, self.req_english(line, "text", iplace, text)))
        return tuple(out)

    def integer(
        self,
        obj: Mapping[str, Any],
        key: str,
        place: str,
        *,
        lo: int,
        hi: int,
        optional: bool = False,
    ) -> int | None:
        if key not in obj:
            raise self.fail(_join(place, key), "required field is missing")
        value = obj[key]
        if value is None and optional:
            return None
        if not isinstance(value, int) or isinstance(value, bool):
            raise self.fail(_join(place, key), f"must be a whole number, not {_kind(value)}")
        if not lo <= value <= hi:
            raise self.fail(_join(place, key), f"must be between {lo} and {hi}, not {value}")
        return value

    def boolean(self, obj: Mapping[str, Any], key: str, place: str) -> bool:
        value = self.field(obj, key, place)
        if not isinstance(value, bool):
            raise self.fail(_join(place, key), f"must be true or false, not {_kind(value)}")
        return value

    def array(self, obj: Mapping[str, Any], key: str, place: str, *, max_len: int) -> list[Any]:
        value = self.field(obj, key, place)
        if not isinstance(value, list):
            raise self.fail(_join(place, key), f"must be a list, not {_kind(value)}")
        if len(value) > max_len:
            raise self.fail(_join(place, key), f"has {len(value)} items; at most {max_len}")
        return value


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    return {
        bool: "true/false",
        int: "a number",
        float: "a number",
        str: "text",
        list: "a list",
        dict: "an object",
    }.get(type(value), type(value).__name__)


def _join(place: str, key: str) -> str:
    return f"{place}.{key}" if place else key


# ---------------------------------------------------------------------------- parsing


def decode_json(file: str, data: bytes, problems: list[Problem]) -> Any:
    """Decode one file's bytes; records a problem and returns None when it cannot."""
    if len(data) > MAX_FILE_BYTES:
        problems.append(
            Problem(
                file,
                "",
                f"file is {len(data):,} bytes; a catalog file is at most {MAX_FILE_BYTES:,} bytes",
            )
        )
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        problems.append(Problem(file, f"byte {exc.start}", "is not valid UTF-8 text"))
        return None
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        problems.append(
            Problem(file, f"line {exc.lineno}, column {exc.colno}", f"invalid JSON: {exc.msg}")
        )
        return None
    except RecursionError:
        problems.append(Problem(file, "", "invalid JSON: nested too deeply"))
        return None


def _parse_hours(r: _Reader, value: Any, place: str) -> WeeklyHours:
    week = r.obj(value, place)
    r.unknown(week, WEEKDAYS, place)
    days: list[tuple[Interval, ...]] = []
    for day in WEEKDAYS:
        dplace = _join(place, day)
        raw = r.field(week, day, place)
        if not isinstance(raw, list):
            raise r.fail(dplace, f"must be a list of [start, end] pairs, not {_kind(raw)}")
        intervals: list[Interval] = []
        for i, pair in enumerate(raw):
            iplace = f"{dplace}[{i}]"
            if (
                not isinstance(pair, list)
                or len(pair) != 2
                or not all(isinstance(x, str) and HHMM_RE.match(x) for x in pair)
            ):
                raise r.fail(iplace, 'must be ["HH:MM", "HH:MM"]')
            start, end = (time.fromisoformat(x) for x in pair)
            if start >= end:
                raise r.fail(iplace, f"opens at {pair[0]} but closes at {pair[1]}")
            if intervals and start < intervals[-1].end:
                raise r.fail(iplace, "overlaps or comes before the previous interval")
            intervals.append(Interval(start, end))
        days.append(tuple(intervals))
    return WeeklyHours(tuple(days))


def _parse_holidays(r: _Reader, value: Any, place: str) -> tuple[Holiday, ...]:
    if not isinstance(value, list):
        raise r.fail(place, f"must be a list, not {_kind(value)}")
    seen: set[date] = set()
    out: list[Holiday] = []
    for i, item in enumerate(value):
        hplace = f"{place}[{i}]"
        try:
            obj = r.obj(item, hplace)
            r.unknown(obj, HOLIDAY_KEYS, hplace)
            raw = r.req_text(obj, "date", hplace, max_len=10)
            try:
                day = date.fromisoformat(raw)
            except ValueError:
                raise r.fail(_join(hplace, "date"), f"{raw!r} is not a date YYYY-MM-DD") from None
            if day in seen:
                raise r.fail(_join(hplace, "date"), f"{raw} is listed twice")
            seen.add(day)
            name, name_en = r.bilingual(obj, "name", hplace, max_len=120)
            out.append(Holiday(day, name, name_en))
        except _Invalid:
            continue
    return tuple(out)


MPP_KEYS = ("schema_version", "catalog_version", "mpp", "default_hours", "holidays")
# In the order the canonical files list them.
MPP_INFO_KEYS = (
    "code",
    "name",
    "name_en",
    "full_name",
    "full_name_en",
    "city",
    "city_en",
    "address",
    "address_en",
    "notice",
    "notice_en",
    "complaints",
    "complaints_en",
)
MPP_INFO_TEXTS = ("name", "full_name", "city", "address", "notice", "complaints")
HOLIDAY_KEYS = ("date", "name", "name_en")
GERAI_KEYS = (
    "code",
    "name",
    "name_en",
    "agency",
    "agency_en",
    "prefix",
    "location",
    "location_en",
    "order",
    "color",
    "icon",
    "state",
    "hours",
    "holidays",
    "counters",
    "avg_service_minutes",
    "groups",
    "services",
)
GROUP_KEYS = ("code", "name", "name_en")
SERVICE_KEYS = (
    "code",
    "name",
    "name_en",
    "group",
    "keywords",
    "conditions",
    "requirements",
    "procedure",
    "processing_time",
    "processing_time_en",
    "fee_rp",
    "fee_note",
    "fee_note_en",
    "product",
    "product_en",
    "complaints",
    "complaints_en",
    "online_url",
    "adm",
    "needs_queue",
    "daily_quota",
)
REQUIREMENT_KEYS = ("text", "text_en", "form", "note", "note_en")
LINE_KEYS = ("text", "text_en")


class _OldFormat(_Invalid):
    """mpp.json says an older schema version: the other files are not read."""


def _parse_mpp(r: _Reader, doc: Any) -> tuple[int, str, MppInfo, WeeklyHours, tuple[Holiday, ...]]:
    top = r.obj(doc, "")
    version = r.integer(top, "schema_version", "", lo=1, hi=1000)
    if version in OLD_SCHEMA_VERSIONS:
        r.fail(
            "schema_version",
            f"is {version}: this catalog is in the old format (version {version}, Indonesian "
            f"only); this kiosk reads format version {SCHEMA_VERSION}, which needs an English "
            "version of every visitor text, conditions apart from requirements and service "
            "groups (docs/catalog-format.md, 'From version 1 to version 2')",
        )
        raise _OldFormat()
    if version != SCHEMA_VERSION:
        raise r.fail("schema_version", f"is {version}; this kiosk reads version {SCHEMA_VERSION}")
    r.unknown(top, MPP_KEYS, "")
    cat_version = r.req_text(top, "catalog_version", "", max_len=64)
    info = r.obj(r.field(top, "mpp", ""), "mpp")
    r.unknown(info, MPP_INFO_KEYS, "mpp")
    code = r.req_text(info, "code", "mpp", max_len=40)
    texts: dict[str, str] = {}
    for key in MPP_INFO_TEXTS:
        texts[key], texts[f"{key}_en"] = r.bilingual(info, key, "mpp")
    mpp = MppInfo(code=code, **texts)
    hours = _parse_hours(r, r.field(top, "default_hours", ""), "default_hours")
    holidays = _parse_holidays(r, r.field(top, "holidays", ""), "holidays")
    return SCHEMA_VERSION, cat_version, mpp, hours, holidays


def _parse_requirement(r: _Reader, item: Any, place: str) -> Requirement:
    if isinstance(item, str):
        raise r.fail(
            place,
            'must be {"text": ..., "text_en": ..., "form": ..., "note": ..., "note_en": ...} '
            "(a plain string has no English)",
        )
    obj = r.obj(item, place)
    r.unknown(obj, REQUIREMENT_KEYS, place)
    text, text_en = r.bilingual(obj, "text", place)
    form = r.text(obj, "form", place, optional=True, max_len=40)
    if form is not None and form not in REQUIREMENT_FORMS:
        raise r.fail(_join(place, "form"), f"must be one of {', '.join(REQUIREMENT_FORMS)} or null")
    note = r.text(obj, "note", place, optional=True)
    note_en = r.english(obj, "note", place, note)
    return Requirement(text, text_en, form, note, note_en)


def _parse_service(r: _Reader, item: Any, place: str, gerai_code: str, order: int) -> Service:
    obj = r.obj(item, place)
    code = obj.get("code")
    if isinstance(code, str):
        place = f"{place} ({code})"
    r.unknown(obj, SERVICE_KEYS, place)
    code = r.req_text(obj, "code", place, max_len=48)
    if not SERVICE_CODE_RE.match(code):
        raise r.fail(_join(place, "code"), "must be lower-case letters, digits and dashes")
    name, name_en = r.bilingual(obj, "name", place, max_len=120)
    group = r.text(obj, "group", place, optional=True, max_len=40)
    keywords = []
    for i, kw in enumerate(r.array(obj, "keywords", place, max_len=20)):
        keywords.append(r.check_text(kw, f"{place}.keywords[{i}]", max_len=40).lower())
    conditions = r.lines(obj, "conditions", place, max_items=20)
    reqs = tuple(
        _parse_requirement(r, x, f"{place}.requirements[{i}]")
        for i, x in enumerate(r.array(obj, "requirements", place, max_len=40))
    )
    procedure = r.lines(obj, "procedure", place, max_items=40, at_least=1)
    processing_time, processing_time_en = r.bilingual(obj, "processing_time", place, max_len=120)
    fee = r.integer(obj, "fee_rp", place, lo=0, hi=1_000_000_000, optional=True)
    fee_note = r.text(obj, "fee_note", place, optional=True)
    fee_note_en = r.english(obj, "fee_note", place, fee_note)
    if fee is None and fee_note is None:
        raise r.fail(_join(place, "fee_note"), "must say how the fee is set when fee_rp is null")
    product, product_en = r.bilingual(obj, "product", place)
    complaints, complaints_en = r.bilingual(obj, "complaints", place)
    url = r.text(obj, "online_url", place, optional=True, max_len=300)
    if url is not None and not re.match(r"^https://[^\s/$.?#][^\s]*$", url):
        raise r.fail(_join(place, "online_url"), "must be an https:// address or null")
    return Service(
        code=code,
        gerai_code=gerai_code,
        name=name,
        name_en=name_en,
        keywords=tuple(keywords),
        requirements=reqs,
        procedure=procedure,
        processing_time=processing_time,
        fee_rp=fee,
        fee_note=fee_note,
        product=product,
        complaints=complaints,
        online_url=url,
        adm=r.boolean(obj, "adm", place),
        needs_queue=r.boolean(obj, "needs_queue", place),
        daily_quota=r.integer(obj, "daily_quota", place, lo=1, hi=100_000, optional=True),
        order=order,
        group=group,
        conditions=conditions,
        processing_time_en=processing_time_en,
        fee_note_en=fee_note_en,
        product_en=product_en,
        complaints_en=complaints_en,
    )


def _parse_groups(r: _Reader, obj: Mapping[str, Any]) -> tuple[ServiceGroup, ...]:
    out: list[ServiceGroup] = []
    seen: set[str] = set()
    for i, item in enumerate(r.array(obj, "groups", "", max_len=30)):
        place = f"groups[{i}]"
        try:
            g = r.obj(item, place)
            r.unknown(g, GROUP_KEYS, place)
            code = r.req_text(g, "code", place, max_len=40)
            if not GROUP_CODE_RE.match(code):
                raise r.fail(
                    _join(place, "code"),
                    "must start with a letter; lower-case letters, digits, dashes",
                )
            if code in seen:
                raise r.fail(_join(place, "code"), f"{code!r} is listed twice")
            seen.add(code)
            name, name_en = r.bilingual(g, "name", place, max_len=60)
            out.append(ServiceGroup(code, name, name_en, len(out) + 1))
        except _Invalid:
            continue
    return tuple(out)


def _check_groups(r: _Reader, groups: tuple[ServiceGroup, ...], services: list[Service]) -> None:
    """Every service under an existing heading when the gerai has headings, none otherwise;
    no empty heading; and a long list must have headings."""
    codes = {g.code for g in groups}
    for s in services:
        place = f"services[{s.order - 1}] ({s.code}).group"
        if not groups and s.group is not None:
            r.fail(place, f"is {s.group!r} but the gerai defines no groups (use null)")
        elif groups and s.group is None:
            r.fail(place, "is null but the gerai has groups: put the service under one of them")
        elif groups and s.group not in codes:
            known = ", ".join(sorted(codes))
            r.fail(place, f"{s.group!r} is not one of the gerai's groups ({known})")
    used = {s.group for s in services}
    for g in groups:
        if g.code not in used:
            r.fail(f"groups[{g.order - 1}]", f"group {g.code!r} has no services")
    queueable = sum(1 for s in services if s.needs_queue)
    if not groups and queueable > MAX_UNGROUPED_SERVICES:
        r.fail(
            "groups",
            f"the gerai has {queueable} services that take a queue number; more than "
            f"{MAX_UNGROUPED_SERVICES} must be put under groups (headings)",
        )


def _parse_gerai(r: _Reader, doc: Any) -> Gerai:
    obj = r.obj(doc, "")
    r.unknown(obj, GERAI_KEYS, "")
    code = r.req_text(obj, "code", "", max_len=40)
    if not GERAI_CODE_RE.match(code):
        raise r.fail("code", "must start with a letter; lower-case letters, digits, dashes")
    prefix = r.req_text(obj, "prefix", "", max_len=2)
    if not PREFIX_RE.match(prefix):
        raise r.fail(
            "prefix",
            f"{prefix!r} must be one or two capital letters without I, O (read as 1 and 0) "
            "and P (kept for the priority series)",
        )
    color = r.req_text(obj, "color", "", max_len=7)
    if not COLOR_RE.match(color):
        raise r.fail("color", f"{color!r} must be #RRGGBB")
    ratio = contrast_ratio(parse_hex_color(color), (255, 255, 255))
    if ratio < MIN_TILE_CONTRAST:
        raise r.fail(
            "color", f"{color} gives white text a contrast of {ratio:.1f}:1; at least 7:1 needed"
        )
    icon = r.req_text(obj, "icon", "", max_len=40)
    if icon not in ICONS:
        raise r.fail("icon", f"{icon!r} is not one of the kiosk's icons")
    state_raw = r.req_text(obj, "state", "", max_len=10)
    try:
        state = GeraiState(state_raw)
    except ValueError:
        raise r.fail("state", f"{state_raw!r} must be open, planned or closed") from None
    hours_raw = r.field(obj, "hours", "")
    hours = None if hours_raw is None else _parse_hours(r, hours_raw, "hours")
    groups = _parse_groups(r, obj)
    services_raw = r.array(obj, "services", "", max_len=500)
    if not services_raw and state is not GeraiState.PLANNED:
        raise r.fail("services", "an open or closed gerai needs at least one service")
    services: list[Service] = []
    for i, item in enumerate(services_raw):
        try:
            services.append(_parse_service(r, item, f"services[{i}]", code, i + 1))
        except _Invalid:
            continue
    _check_groups(r, groups, services)
    name, name_en = r.bilingual(obj, "name", "", max_len=40)
    agency, agency_en = r.bilingual(obj, "agency", "", max_len=200)
    location = r.text(obj, "location", "", optional=True, max_len=120)
    location_en = r.english(obj, "location", "", location, max_len=120)
    order = r.integer(obj, "order", "", lo=1, hi=999)
    assert order is not None
    counters = r.integer(obj, "counters", "", lo=1, hi=50)
    avg = r.integer(obj, "avg_service_minutes", "", lo=1, hi=240)
    assert counters is not None and avg is not None
    return Gerai(
        code=code,
        name=name,
        name_en=name_en,
        agency=agency,
        agency_en=agency_en,
        prefix=prefix,
        location=location,
        location_en=location_en,
        order=order,
        color=color.upper(),
        icon=icon,
        state=state,
        hours=hours,
        holidays=_parse_holidays(r, r.field(obj, "holidays", ""), "holidays"),
        counters=counters,
        avg_service_minutes=avg,
        services=tuple(services),
        groups=groups,
    )


def parse_catalog(files: Mapping[str, bytes]) -> Catalog:
    """Parse a whole catalog from ``{file name: bytes}``; raise CatalogInvalid on any problem."""
    problems: list[Problem] = []
    if len(files) > MAX_FILES:
        raise CatalogInvalid([Problem("(folder)", "", f"{len(files)} files; at most {MAX_FILES}")])
    if MPP_FILE not in files:
        raise CatalogInvalid([Problem(MPP_FILE, "", "file is missing")])
    head = None
    r = _Reader(MPP_FILE, problems)
    doc = decode_json(MPP_FILE, files[MPP_FILE], problems)
    if doc is not None:
        try:
            head = _parse_mpp(r, doc)
        except _OldFormat:
            # One clear problem rather than one per missing English in every file.
            raise CatalogInvalid([p for p in problems if p.file == MPP_FILE]) from None
        except _Invalid:  # recorded in problems
            pass
    gerai: list[Gerai] = []
    for name in sorted(files):
        if name == MPP_FILE:
            continue
        m = GERAI_FILE_RE.match(name)
        if not m:
            problems.append(
                Problem(name, "", "unexpected file name; gerai files are named NN-<code>.json")
            )
            continue
        doc = decode_json(name, files[name], problems)
        if doc is None:
            continue
        r = _Reader(name, problems)
        try:
            g = _parse_gerai(r, doc)
        except _Invalid:
            continue
        if g.code != m.group(2):
            problems.append(
                Problem(name, "code", f"is {g.code!r} but the file name says {m.group(2)!r}")
            )
        gerai.append(g)
    _check_unique(gerai, problems)
    if not gerai and not problems:
        problems.append(Problem("(folder)", "", "no gerai files found"))
    if problems or head is None:
        raise CatalogInvalid(problems or [Problem(MPP_FILE, "", "could not be read")])
    gerai.sort(key=lambda g: g.order)
    schema, version, mpp, hours, holidays = head
    return Catalog(schema, version, mpp, hours, holidays, tuple(gerai))


def file_of(g: Gerai) -> str:
    return f"{g.order:02d}-{g.code}.json"


def _check_unique(gerai: list[Gerai], problems: list[Problem]) -> None:
    seen_code: dict[object, str] = {}
    seen_prefix: dict[object, str] = {}
    seen_order: dict[object, str] = {}
    seen_service: dict[str, str] = {}
    for g in gerai:
        f = file_of(g)
        for table, key, fld in (
            (seen_code, g.code, "code"),
            (seen_prefix, g.prefix, "prefix"),
            (seen_order, g.order, "order"),
        ):
            if key in table:
                problems.append(Problem(f, fld, f"{key!r} is already used by {table[key]}"))
            else:
                table[key] = f
        for i, s in enumerate(g.services):
            if s.code in seen_service:
                problems.append(
                    Problem(
                        f,
                        f"services[{i}].code",
                        f"{s.code!r} is already used in {seen_service[s.code]}",
                    )
                )
            else:
                seen_service[s.code] = f
