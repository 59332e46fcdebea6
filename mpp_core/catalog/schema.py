"""Read and write the catalog's data files (see docs/catalog-format.md).

Pure functions over bytes and text: the caller does the file I/O. Every problem found is
reported with the file, the place inside it and the field, and nothing is half-applied:
``parse_catalog`` either returns a whole valid :class:`Catalog` or raises
:class:`CatalogInvalid` listing the problems.
"""

from __future__ import annotations

import contextlib
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
    MppInfo,
    Requirement,
    Service,
    WeeklyHours,
)
from mpp_core.domain.contrast import contrast_ratio, parse_hex_color

SCHEMA_VERSION = 1
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
            r.unknown(obj, ("date", "name"), hplace)
            raw = r.req_text(obj, "date", hplace, max_len=10)
            try:
                day = date.fromisoformat(raw)
            except ValueError:
                raise r.fail(_join(hplace, "date"), f"{raw!r} is not a date YYYY-MM-DD") from None
            if day in seen:
                raise r.fail(_join(hplace, "date"), f"{raw} is listed twice")
            seen.add(day)
            out.append(Holiday(day, r.req_text(obj, "name", hplace, max_len=120)))
        except _Invalid:
            continue
    return tuple(out)


MPP_KEYS = ("schema_version", "catalog_version", "mpp", "default_hours", "holidays")
MPP_INFO_KEYS = (
    "code",
    "name",
    "full_name",
    "city",
    "address",
    "notice",
    "notice_en",
    "complaints",
)
GERAI_KEYS = (
    "code",
    "name",
    "name_en",
    "agency",
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
    "services",
)
SERVICE_KEYS = (
    "code",
    "name",
    "name_en",
    "keywords",
    "requirements",
    "procedure",
    "processing_time",
    "fee_rp",
    "fee_note",
    "product",
    "complaints",
    "online_url",
    "adm",
    "needs_queue",
    "daily_quota",
)
REQUIREMENT_KEYS = ("text", "form", "note")


def _parse_mpp(r: _Reader, doc: Any) -> tuple[int, str, MppInfo, WeeklyHours, tuple[Holiday, ...]]:
    top = r.obj(doc, "")
    r.unknown(top, MPP_KEYS, "")
    version = r.integer(top, "schema_version", "", lo=1, hi=1000)
    if version != SCHEMA_VERSION:
        raise r.fail("schema_version", f"is {version}; this kiosk reads version {SCHEMA_VERSION}")
    cat_version = r.req_text(top, "catalog_version", "", max_len=64)
    info = r.obj(r.field(top, "mpp", ""), "mpp")
    r.unknown(info, MPP_INFO_KEYS, "mpp")
    mpp = MppInfo(*(r.req_text(info, k, "mpp") for k in MPP_INFO_KEYS))
    hours = _parse_hours(r, r.field(top, "default_hours", ""), "default_hours")
    holidays = _parse_holidays(r, r.field(top, "holidays", ""), "holidays")
    return SCHEMA_VERSION, cat_version, mpp, hours, holidays


def _parse_requirement(r: _Reader, item: Any, place: str) -> Requirement:
    if isinstance(item, str):  # shorthand: a plain string is a requirement with no form
        return Requirement(r.check_text(item, place))
    obj = r.obj(item, place)
    r.unknown(obj, REQUIREMENT_KEYS, place)
    text = r.req_text(obj, "text", place)
    form = r.text(obj, "form", place, optional=True, max_len=40)
    if form is not None and form not in REQUIREMENT_FORMS:
        raise r.fail(_join(place, "form"), f"must be one of {', '.join(REQUIREMENT_FORMS)} or null")
    note = r.text(obj, "note", place, optional=True)
    return Requirement(text, form, note)


def _parse_service(r: _Reader, item: Any, place: str, gerai_code: str, order: int) -> Service:
    obj = r.obj(item, place)
    code = obj.get("code")
    if isinstance(code, str):
        place = f"{place} ({code})"
    r.unknown(obj, SERVICE_KEYS, place)
    code = r.req_text(obj, "code", place, max_len=48)
    if not SERVICE_CODE_RE.match(code):
        raise r.fail(_join(place, "code"), "must be lower-case letters, digits and dashes")
    keywords = []
    for i, kw in enumerate(r.array(obj, "keywords", place, max_len=20)):
        keywords.append(r.check_text(kw, f"{place}.keywords[{i}]", max_len=40).lower())
    reqs = tuple(
        _parse_requirement(r, x, f"{place}.requirements[{i}]")
        for i, x in enumerate(r.array(obj, "requirements", place, max_len=40))
    )
    steps = r.array(obj, "procedure", place, max_len=40)
    if not steps:
        raise r.fail(_join(place, "procedure"), "needs at least one step")
    procedure = tuple(r.check_text(s, f"{place}.procedure[{i}]") for i, s in enumerate(steps))
    fee = r.integer(obj, "fee_rp", place, lo=0, hi=1_000_000_000, optional=True)
    fee_note = r.text(obj, "fee_note", place, optional=True)
    if fee is None and fee_note is None:
        raise r.fail(_join(place, "fee_note"), "must say how the fee is set when fee_rp is null")
    url = r.text(obj, "online_url", place, optional=True, max_len=300)
    if url is not None and not re.match(r"^https://[^\s/$.?#][^\s]*$", url):
        raise r.fail(_join(place, "online_url"), "must be an https:// address or null")
    return Service(
        code=code,
        gerai_code=gerai_code,
        name=r.req_text(obj, "name", place, max_len=120),
        name_en=r.req_text(obj, "name_en", place, max_len=120),
        keywords=tuple(keywords),
        requirements=reqs,
        procedure=procedure,
        processing_time=r.req_text(obj, "processing_time", place, max_len=120),
        fee_rp=fee,
        fee_note=fee_note,
        product=r.req_text(obj, "product", place),
        complaints=r.req_text(obj, "complaints", place),
        online_url=url,
        adm=r.boolean(obj, "adm", place),
        needs_queue=r.boolean(obj, "needs_queue", place),
        daily_quota=r.integer(obj, "daily_quota", place, lo=1, hi=100_000, optional=True),
        order=order,
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
    services_raw = r.array(obj, "services", "", max_len=500)
    if not services_raw and state is not GeraiState.PLANNED:
        raise r.fail("services", "an open or closed gerai needs at least one service")
    services: list[Service] = []
    for i, item in enumerate(services_raw):
        try:
            services.append(_parse_service(r, item, f"services[{i}]", code, i + 1))
        except _Invalid:
            continue
    order = r.integer(obj, "order", "", lo=1, hi=999)
    assert order is not None
    counters = r.integer(obj, "counters", "", lo=1, hi=50)
    avg = r.integer(obj, "avg_service_minutes", "", lo=1, hi=240)
    assert counters is not None and avg is not None
    return Gerai(
        code=code,
        name=r.req_text(obj, "name", "", max_len=40),
        name_en=r.req_text(obj, "name_en", "", max_len=40),
        agency=r.req_text(obj, "agency", "", max_len=200),
        prefix=prefix,
        location=r.req_text(obj, "location", "", max_len=120),
        location_en=r.req_text(obj, "location_en", "", max_len=120),
        order=order,
        color=color.upper(),
        icon=icon,
        state=state,
        hours=hours,
        holidays=_parse_holidays(r, r.field(obj, "holidays", ""), "holidays"),
        counters=counters,
        avg_service_minutes=avg,
        services=tuple(services),
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
        with contextlib.suppress(_Invalid):  # recorded in problems
            head = _parse_mpp(r, doc)
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
