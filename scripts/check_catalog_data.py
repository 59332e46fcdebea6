#!/usr/bin/env python3
"""Validate a catalog folder against docs/catalog-format.md.

Usage: check_catalog_data.py [CATALOG_DIR]   (default: assets/catalog)

Prints every problem as ``file: path.to.field: message``, then the counts (gerai, services,
services per gerai). Exits 1 if there is any problem, 0 otherwise. Python 3.11 stdlib only.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

MAX_FILE_BYTES = 1024 * 1024
MAX_STRING = 500
MAX_NAME = 120
MAX_TILE_NAME = 40
MAX_KEYWORDS = 20
# Tighter limits enforced by the kiosk's loader (kiosk/domain/catalog_schema.py). They are not
# in docs/catalog-format.md, but a file breaking them is refused by the kiosk, so check them too.
LOADER_MAX_CATALOG_VERSION = 64
LOADER_MAX_AGENCY = 200
LOADER_MAX_LOCATION = 120
LOADER_MAX_PROCESSING_TIME = 120
LOADER_MAX_KEYWORD = 40
LOADER_MAX_URL = 300
LOADER_MAX_LIST = 40  # requirements, procedure steps
LOADER_MAX_SERVICES = 500
LOADER_MAX_ORDER = 999
LOADER_MAX_FEE = 1_000_000_000
LOADER_MAX_QUOTA = 100_000
LOADER_MAX_FILES = 200

MPP_FILE = "mpp.json"
GERAI_FILE_RE = re.compile(r"^(\d{2})-([a-z][a-z0-9-]{1,39})\.json$")
GERAI_CODE_RE = re.compile(r"^[a-z][a-z0-9-]{1,39}$")
SERVICE_CODE_RE = re.compile(r"^[a-z0-9][a-z0-9-]{1,47}$")
# 1 or 2 capital letters, without I, O (read as 1 and 0) and P (priority series).
PREFIX_RE = re.compile(r"^[A-HJ-NQ-Z]{1,2}$")
COLOR_RE = re.compile(r"^#[0-9A-Fa-f]{6}$")
TIME_RE = re.compile(r"^([01]\d|2[0-3]):[0-5]\d$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
KEYWORD_RE = re.compile(r"^[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?$")
# Below U+0020 per the format; DEL (U+007F) is refused by the loader as well.
CONTROL_RE = re.compile(r"[\x00-\x1f\x7f]")

MIN_CONTRAST = 7.0
DAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
STATES = frozenset({"open", "planned", "closed"})
FORMS = frozenset({"asli", "fotokopi", "asli dan fotokopi"})
ICONS = frozenset(
    {
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
    }
)

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
HOLIDAY_KEYS = ("date", "name")
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


@dataclass
class Report:
    """Collects problems as (file, path, message)."""

    problems: list[tuple[str, str, str]] = field(default_factory=list)

    def add(self, file: str, path: str, message: str) -> None:
        self.problems.append((file, path or "(root)", message))


def relative_luminance(color: str) -> float:
    """WCAG 2.x relative luminance of a #RRGGBB colour."""

    def channel(hex2: str) -> float:
        c = int(hex2, 16) / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(color[i : i + 2]) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_with_white(color: str) -> float:
    return 1.05 / (relative_luminance(color) + 0.05)


def join(path: str, key: str | int) -> str:
    if isinstance(key, int):
        return f"{path}[{key}]"
    return f"{path}.{key}" if path else key


def is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


class Checker:
    """Checks one catalog folder."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.report = Report()
        self.file = ""
        self.service_codes: dict[str, str] = {}
        self.counts: list[tuple[int, str, str, int]] = []  # order, code, state, n services

    # ---- helpers -------------------------------------------------------------------------

    def err(self, path: str, message: str) -> None:
        self.report.add(self.file, path, message)

    def check_keys(self, obj: dict[str, Any], path: str, expected: tuple[str, ...]) -> None:
        for key in expected:
            if key not in obj:
                self.err(join(path, key), "missing required field")
        for key in obj:
            if key not in expected:
                self.err(join(path, key), "unknown field")
        present = [k for k in obj if k in expected]
        if present != [k for k in expected if k in obj]:
            self.err(path, f"fields out of order; expected order: {', '.join(expected)}")

    def text(
        self,
        obj: dict[str, Any],
        key: str,
        path: str,
        *,
        max_len: int = MAX_STRING,
        nullable: bool = False,
    ) -> str | None:
        """A required (or nullable) non-empty string field."""
        if key not in obj:
            return None
        value = obj[key]
        where = join(path, key)
        if value is None:
            if not nullable:
                self.err(where, "must be a string, not null")
            return None
        if not isinstance(value, str):
            self.err(where, "must be a string" + (" or null" if nullable else ""))
            return None
        if not value.strip():
            self.err(where, "must not be empty or blank")
        elif value != value.strip():
            self.err(where, "has leading or trailing whitespace")
        if len(value) > max_len:
            self.err(where, f"too long ({len(value)} > {max_len} characters)")
        return value

    def walk_strings(self, value: Any, path: str) -> None:
        """Control characters and the global 500-character limit, for every string."""
        if isinstance(value, str):
            if CONTROL_RE.search(value):
                self.err(path, "contains a control character (U+0000-U+001F or U+007F)")
            if len(value) > MAX_STRING:
                self.err(path, f"string too long ({len(value)} > {MAX_STRING} characters)")
        elif isinstance(value, dict):
            for key, item in value.items():
                if CONTROL_RE.search(key):
                    self.err(join(path, "<key>"), "field name contains a control character")
                self.walk_strings(item, join(path, key))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                self.walk_strings(item, join(path, i))

    # ---- loading -------------------------------------------------------------------------

    def load(self, path: Path) -> Any:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            self.err("", f"file too large ({size} bytes > {MAX_FILE_BYTES})")
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            self.err("", f"not valid UTF-8: {exc}")
            return None
        if text.startswith("\ufeff"):
            self.err("", "starts with a byte-order mark")
            text = text[1:]

        def no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
            obj: dict[str, Any] = {}
            for key, value in pairs:
                if key in obj:
                    self.err("", f"duplicate field name {key!r}")
                obj[key] = value
            return obj

        def reject_constant(name: str) -> Any:
            raise ValueError(f"{name} is not valid JSON")

        try:
            data = json.loads(text, object_pairs_hook=no_duplicates, parse_constant=reject_constant)
        except (json.JSONDecodeError, ValueError) as exc:
            self.err("", f"invalid JSON: {exc}")
            return None
        canonical = json.dumps(data, indent=2, ensure_ascii=False) + "\n"
        if text != canonical:
            self.err(
                "",
                "not in canonical form (json.dumps(obj, indent=2, ensure_ascii=False) + newline)",
            )
        if not isinstance(data, dict):
            self.err("", "top level must be a JSON object")
            return None
        self.walk_strings(data, "")
        return data

    # ---- shared structures ---------------------------------------------------------------

    def check_week(self, week: Any, path: str) -> None:
        if not isinstance(week, dict):
            self.err(path, "must be an object with the keys mon..sun")
            return
        for day in DAYS:
            if day not in week:
                self.err(join(path, day), "missing day")
        for day in week:
            if day not in DAYS:
                self.err(join(path, day), "unknown day (expected mon..sun)")
        if [d for d in week if d in DAYS] != [d for d in DAYS if d in week]:
            self.err(path, "days out of order; expected mon, tue, wed, thu, fri, sat, sun")
        for day in DAYS:
            intervals = week.get(day)
            if day not in week:
                continue
            dpath = join(path, day)
            if not isinstance(intervals, list):
                self.err(dpath, 'must be a list of ["HH:MM", "HH:MM"] intervals')
                continue
            previous_end: str | None = None
            for i, interval in enumerate(intervals):
                ipath = join(dpath, i)
                if (
                    not isinstance(interval, list)
                    or len(interval) != 2
                    or not all(isinstance(t, str) for t in interval)
                ):
                    self.err(ipath, 'must be ["HH:MM", "HH:MM"]')
                    previous_end = None
                    continue
                start, end = interval
                if not TIME_RE.match(start) or not TIME_RE.match(end):
                    self.err(ipath, f"times must be HH:MM (00:00-23:59): {interval}")
                    previous_end = None
                    continue
                if start >= end:
                    self.err(ipath, f"start {start} must be before end {end}")
                if previous_end is not None and start < previous_end:
                    self.err(ipath, "overlaps or is not sorted after the previous interval")
                previous_end = end

    def check_holidays(self, holidays: Any, path: str) -> None:
        if not isinstance(holidays, list):
            self.err(path, "must be a list")
            return
        seen: set[str] = set()
        for i, item in enumerate(holidays):
            hpath = join(path, i)
            if not isinstance(item, dict):
                self.err(hpath, 'must be an object {"date", "name"}')
                continue
            self.check_keys(item, hpath, HOLIDAY_KEYS)
            date = item.get("date")
            if not isinstance(date, str) or not DATE_RE.match(date):
                self.err(join(hpath, "date"), "must be a YYYY-MM-DD string")
            else:
                try:
                    dt.date.fromisoformat(date)
                except ValueError:
                    self.err(join(hpath, "date"), f"not a valid calendar date: {date}")
                if date in seen:
                    self.err(join(hpath, "date"), f"duplicate date {date}")
                seen.add(date)
            self.text(item, "name", hpath, max_len=MAX_NAME)

    # ---- mpp.json --------------------------------------------------------------------------

    def check_mpp(self, path: Path) -> None:
        self.file = path.name
        data = self.load(path)
        if data is None:
            return
        self.check_keys(data, "", MPP_KEYS)
        version = data.get("schema_version")
        if "schema_version" in data and (not is_int(version) or version != 1):
            self.err("schema_version", "must be the integer 1")
        self.text(data, "catalog_version", "", max_len=LOADER_MAX_CATALOG_VERSION)
        info = data.get("mpp")
        if "mpp" in data:
            if not isinstance(info, dict):
                self.err("mpp", "must be an object")
            else:
                self.check_keys(info, "mpp", MPP_INFO_KEYS)
                code = self.text(info, "code", "mpp")
                if code is not None and not GERAI_CODE_RE.match(code):
                    self.err("mpp.code", f"must match {GERAI_CODE_RE.pattern}")
                for key in ("name", "full_name", "city"):
                    self.text(info, key, "mpp", max_len=MAX_NAME)
                for key in ("address", "notice", "notice_en", "complaints"):
                    self.text(info, key, "mpp")
        if "default_hours" in data:
            self.check_week(data["default_hours"], "default_hours")
        if "holidays" in data:
            self.check_holidays(data["holidays"], "holidays")

    # ---- gerai files -----------------------------------------------------------------------

    def check_gerai(
        self,
        path: Path,
        file_order: int,
        file_code: str,
        unique: dict[str, dict[Any, str]],
    ) -> None:
        self.file = path.name
        data = self.load(path)
        if data is None:
            return
        self.check_keys(data, "", GERAI_KEYS)

        code = self.text(data, "code", "")
        if code is not None:
            if not GERAI_CODE_RE.match(code):
                self.err("code", f"must match {GERAI_CODE_RE.pattern}")
            if code != file_code:
                self.err("code", f"{code!r} does not match the file name ({file_code!r})")
            self.unique(unique, "code", code, "code")
        self.text(data, "name", "", max_len=MAX_TILE_NAME)
        self.text(data, "name_en", "", max_len=MAX_TILE_NAME)
        self.text(data, "agency", "", max_len=LOADER_MAX_AGENCY)
        prefix = self.text(data, "prefix", "")
        if prefix is not None:
            if not PREFIX_RE.match(prefix):
                self.err(
                    "prefix",
                    "must be 1 or 2 capital letters A-Z without I, O and P",
                )
            self.unique(unique, "prefix", prefix, "prefix")
        self.text(data, "location", "", max_len=LOADER_MAX_LOCATION)
        self.text(data, "location_en", "", max_len=LOADER_MAX_LOCATION)

        order = data.get("order")
        if "order" in data:
            if not is_int(order) or not 1 <= order <= LOADER_MAX_ORDER:
                self.err("order", f"must be a positive integer (at most {LOADER_MAX_ORDER})")
            else:
                if order != file_order:
                    self.err("order", f"{order} does not match the file name ({file_order:02d})")
                self.unique(unique, "order", order, "order")

        color = self.text(data, "color", "")
        if color is not None:
            if not COLOR_RE.match(color):
                self.err("color", "must be #RRGGBB")
            else:
                if color != color.upper():
                    self.err(
                        "color",
                        "use upper-case hex digits (the exporter writes them upper case)",
                    )
                ratio = contrast_with_white(color)
                if ratio < MIN_CONTRAST:
                    self.err(
                        "color",
                        f"contrast with white text is {ratio:.2f}:1, needs at least 7:1",
                    )

        icon = data.get("icon")
        if "icon" in data and icon not in ICONS:
            self.err("icon", f"unknown icon {icon!r}; allowed: {', '.join(sorted(ICONS))}")

        state = data.get("state")
        if "state" in data and state not in STATES:
            self.err("state", f"must be one of {', '.join(sorted(STATES))}")

        if "hours" in data and data["hours"] is not None:
            self.check_week(data["hours"], "hours")
        if "holidays" in data:
            self.check_holidays(data["holidays"], "holidays")

        self.int_range(data, "counters", "", 1, 50)
        self.int_range(data, "avg_service_minutes", "", 1, 240)

        services = data.get("services")
        n_services = 0
        if "services" in data:
            if not isinstance(services, list):
                self.err("services", "must be a list")
            else:
                n_services = len(services)
                if n_services > LOADER_MAX_SERVICES:
                    self.err(
                        "services", f"too many services ({n_services} > {LOADER_MAX_SERVICES})"
                    )
                if not services and state != "planned":
                    self.err("services", "may be empty only for a planned gerai")
                for i, service in enumerate(services):
                    self.check_service(service, join("services", i))
        self.counts.append(
            (
                order if is_int(order) else file_order,
                code if isinstance(code, str) else file_code,
                state if isinstance(state, str) else "?",
                n_services,
            )
        )

    def unique(self, seen: dict[str, dict[Any, str]], kind: str, value: Any, path: str) -> None:
        table = seen.setdefault(kind, {})
        if value in table:
            self.err(path, f"duplicate {kind} {value!r} (also in {table[value]})")
        else:
            table[value] = self.file

    def int_range(self, obj: dict[str, Any], key: str, path: str, low: int, high: int) -> None:
        if key not in obj:
            return
        value = obj[key]
        if not is_int(value) or not low <= value <= high:
            self.err(join(path, key), f"must be an integer {low}..{high}")

    def string_list(
        self,
        value: Any,
        path: str,
        *,
        min_items: int = 0,
        max_items: int | None = None,
        item_check: Callable[[str, str], None] | None = None,
    ) -> None:
        if not isinstance(value, list):
            self.err(path, "must be a list of strings")
            return
        if len(value) < min_items:
            self.err(path, f"needs at least {min_items} item(s)")
        if max_items is not None and len(value) > max_items:
            self.err(path, f"too many items ({len(value)} > {max_items})")
        for i, item in enumerate(value):
            ipath = join(path, i)
            if not isinstance(item, str):
                self.err(ipath, "must be a string")
            elif not item.strip():
                self.err(ipath, "must not be empty or blank")
            elif item != item.strip():
                self.err(ipath, "has leading or trailing whitespace")
            elif item_check is not None:
                item_check(item, ipath)

    def check_keyword(self, keyword: str, path: str) -> None:
        if len(keyword) > LOADER_MAX_KEYWORD:
            self.err(path, f"keyword too long ({len(keyword)} > {LOADER_MAX_KEYWORD} characters)")
        elif keyword != keyword.lower():
            self.err(path, f"keyword {keyword!r} must be lower-case")
        elif not KEYWORD_RE.match(keyword):
            self.err(path, f"keyword {keyword!r} must be one word (a-z, 0-9, '-', '.')")

    # ---- services --------------------------------------------------------------------------

    def check_service(self, service: Any, path: str) -> None:
        if not isinstance(service, dict):
            self.err(path, "must be an object")
            return
        self.check_keys(service, path, SERVICE_KEYS)

        code = self.text(service, "code", path)
        if code is not None:
            if not SERVICE_CODE_RE.match(code):
                self.err(join(path, "code"), f"must match {SERVICE_CODE_RE.pattern}")
            if code in self.service_codes:
                self.err(
                    join(path, "code"),
                    f"duplicate service code {code!r} (also in {self.service_codes[code]})",
                )
            else:
                self.service_codes[code] = self.file
        self.text(service, "name", path, max_len=MAX_NAME)
        self.text(service, "name_en", path, max_len=MAX_NAME)

        if "keywords" in service:
            keywords = service["keywords"]
            kpath = join(path, "keywords")
            self.string_list(keywords, kpath, max_items=MAX_KEYWORDS, item_check=self.check_keyword)
            if isinstance(keywords, list):
                strings = [k for k in keywords if isinstance(k, str)]
                if len(set(strings)) != len(strings):
                    self.err(kpath, "contains duplicate keywords")

        if "requirements" in service:
            self.check_requirements(service["requirements"], join(path, "requirements"))
        if "procedure" in service:
            self.string_list(
                service["procedure"],
                join(path, "procedure"),
                min_items=1,
                max_items=LOADER_MAX_LIST,
            )
        self.text(service, "processing_time", path, max_len=LOADER_MAX_PROCESSING_TIME)

        fee = service.get("fee_rp")
        fee_note = self.text(service, "fee_note", path, nullable=True)
        if "fee_rp" in service:
            if fee is None:
                if fee_note is None:
                    self.err(
                        join(path, "fee_note"),
                        "must say how the fee is set when fee_rp is null",
                    )
            elif not is_int(fee) or not 0 <= fee <= LOADER_MAX_FEE:
                self.err(join(path, "fee_rp"), f"must be an integer 0..{LOADER_MAX_FEE} or null")

        self.text(service, "product", path)
        self.text(service, "complaints", path)
        url = self.text(service, "online_url", path, max_len=LOADER_MAX_URL, nullable=True)
        if url is not None and not re.match(r"^https://[^\s/]+\.[^\s/]+(/\S*)?$", url):
            self.err(join(path, "online_url"), "must be an https:// URL or null")
        for key in ("adm", "needs_queue"):
            if key in service and not isinstance(service[key], bool):
                self.err(join(path, key), "must be true or false")
        if "daily_quota" in service:
            quota = service["daily_quota"]
            if quota is not None and (not is_int(quota) or not 1 <= quota <= LOADER_MAX_QUOTA):
                self.err(
                    join(path, "daily_quota"),
                    f"must be a positive integer (at most {LOADER_MAX_QUOTA}) or null",
                )

    def check_requirements(self, requirements: Any, path: str) -> None:
        if not isinstance(requirements, list):
            self.err(path, "must be a list")
            return
        if len(requirements) > LOADER_MAX_LIST:
            self.err(path, f"too many items ({len(requirements)} > {LOADER_MAX_LIST})")
        for i, item in enumerate(requirements):
            rpath = join(path, i)
            if not isinstance(item, dict):
                self.err(rpath, 'must be an object {"text", "form", "note"}')
                continue
            self.check_keys(item, rpath, REQUIREMENT_KEYS)
            self.text(item, "text", rpath)
            if "form" in item and item["form"] is not None and item["form"] not in FORMS:
                self.err(
                    join(rpath, "form"),
                    "must be 'asli', 'fotokopi', 'asli dan fotokopi' or null",
                )
            self.text(item, "note", rpath, nullable=True)

    # ---- folder ----------------------------------------------------------------------------

    def run(self) -> None:
        if not self.folder.is_dir():
            self.report.add(str(self.folder), "", "catalog folder not found")
            return
        mpp_path = self.folder / MPP_FILE
        if mpp_path.is_file():
            self.check_mpp(mpp_path)
        else:
            self.report.add(MPP_FILE, "", "missing")

        unique: dict[str, dict[Any, str]] = {}
        gerai_files: list[tuple[int, str, Path]] = []
        for path in sorted(self.folder.iterdir()):
            if path.name == MPP_FILE or path.name.startswith("."):
                continue
            match = GERAI_FILE_RE.match(path.name)
            if not path.is_file() or match is None:
                self.report.add(path.name, "", "unexpected entry (expected NN-<gerai-code>.json)")
                continue
            gerai_files.append((int(match.group(1)), match.group(2), path))
        if not gerai_files:
            self.report.add(str(self.folder), "", "no gerai files")
        if len(gerai_files) + 1 > LOADER_MAX_FILES:
            self.report.add(str(self.folder), "", f"too many files (at most {LOADER_MAX_FILES})")
        for file_order, file_code, path in gerai_files:
            self.check_gerai(path, file_order, file_code, unique)


def main(argv: list[str]) -> int:
    folder = Path(argv[1]) if len(argv) > 1 else Path("assets/catalog")
    checker = Checker(folder)
    checker.run()
    for file, path, message in checker.report.problems:
        print(f"{file}: {path}: {message}")

    counts = sorted(checker.counts)
    total = sum(n for *_, n in counts)
    print(f"gerai: {len(counts)}")
    print(f"services: {total}")
    for order, code, state, n in counts:
        print(f"  {order:02d} {code:<24} {state:<8} {n:>3}")
    if checker.report.problems:
        print(f"{len(checker.report.problems)} problem(s)")
        return 1
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
