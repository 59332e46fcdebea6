"""The catalog as documents: the canonical JSON files the parser reads, and the fast
rebuild of a catalog that was validated when it was stored (no second validation)."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import date, time
from typing import Any

from mpp_core.catalog.schema import MPP_FILE, MPP_INFO_KEYS, SCHEMA_VERSION, file_of
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


def _hours_doc(hours: WeeklyHours) -> dict[str, list[list[str]]]:
    return {
        day: [[iv.start.strftime("%H:%M"), iv.end.strftime("%H:%M")] for iv in hours.on(i)]
        for i, day in enumerate(WEEKDAYS)
    }


def _holidays_doc(holidays: tuple[Holiday, ...]) -> list[dict[str, str]]:
    return [{"date": h.day.isoformat(), "name": h.name, "name_en": h.name_en} for h in holidays]


def _requirement_doc(req: Requirement) -> dict[str, str | None]:
    return {
        "text": req.text,
        "text_en": req.text_en,
        "form": req.form,
        "note": req.note,
        "note_en": req.note_en,
    }


def _lines_doc(lines: tuple[Line, ...]) -> list[dict[str, str]]:
    return [{"text": x.text, "text_en": x.text_en} for x in lines]


def service_doc(s: Service) -> dict[str, Any]:
    return {
        "code": s.code,
        "name": s.name,
        "name_en": s.name_en,
        "group": s.group,
        "keywords": list(s.keywords),
        "conditions": _lines_doc(s.conditions),
        "requirements": [_requirement_doc(x) for x in s.requirements],
        "procedure": _lines_doc(s.procedure),
        "processing_time": s.processing_time,
        "processing_time_en": s.processing_time_en,
        "fee_rp": s.fee_rp,
        "fee_note": s.fee_note,
        "fee_note_en": s.fee_note_en,
        "product": s.product,
        "product_en": s.product_en,
        "complaints": s.complaints,
        "complaints_en": s.complaints_en,
        "online_url": s.online_url,
        "adm": s.adm,
        "needs_queue": s.needs_queue,
        "daily_quota": s.daily_quota,
    }


def _groups_doc(groups: tuple[ServiceGroup, ...]) -> list[dict[str, str]]:
    return [{"code": g.code, "name": g.name, "name_en": g.name_en} for g in groups]


def gerai_doc(g: Gerai) -> dict[str, Any]:
    return {
        "code": g.code,
        "name": g.name,
        "name_en": g.name_en,
        "agency": g.agency,
        "agency_en": g.agency_en,
        "prefix": g.prefix,
        "location": g.location,
        "location_en": g.location_en,
        "order": g.order,
        "color": g.color,
        "icon": g.icon,
        "state": g.state.value,
        "hours": None if g.hours is None else _hours_doc(g.hours),
        "holidays": _holidays_doc(g.holidays),
        "counters": g.counters,
        "avg_service_minutes": g.avg_service_minutes,
        "groups": _groups_doc(g.groups),
        "services": [service_doc(s) for s in g.services],
    }


def mpp_doc(c: Catalog) -> dict[str, Any]:
    """mpp.json. Always in the current format: a catalog kept from format version 1 (in an
    upgraded kiosk database) comes out with its English empty, which an import refuses,
    naming every field to fill in."""
    m = c.mpp
    return {
        "schema_version": SCHEMA_VERSION,
        "catalog_version": c.version,
        "mpp": {k: getattr(m, k) for k in MPP_INFO_KEYS},
        "default_hours": _hours_doc(c.default_hours),
        "holidays": _holidays_doc(c.holidays),
    }


def dump_json(doc: Any) -> str:
    return json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def catalog_to_files(c: Catalog) -> dict[str, str]:
    """The catalog as ``{file name: text}``, in the canonical form the parser reads."""
    files = {MPP_FILE: dump_json(mpp_doc(c))}
    for g in c.gerai:
        files[file_of(g)] = dump_json(gerai_doc(g))
    return files


def _hours_trusted(doc: Mapping[str, Any]) -> WeeklyHours:
    return WeeklyHours(
        tuple(
            tuple(Interval(time.fromisoformat(a), time.fromisoformat(b)) for a, b in doc[day])
            for day in WEEKDAYS
        )
    )


def _holidays_trusted(items: list[Mapping[str, str]]) -> tuple[Holiday, ...]:
    return tuple(Holiday(date.fromisoformat(h["date"]), h["name"], h["name_en"]) for h in items)


def _lines_trusted(items: list[Mapping[str, str]]) -> tuple[Line, ...]:
    return tuple(Line(x["text"], x["text_en"]) for x in items)


def catalog_from_trusted(head: Mapping[str, Any], gerai: Sequence[Mapping[str, Any]]) -> Catalog:
    """Rebuild a catalog that was validated when it was imported (the kiosk's own database),
    without checking it again: the kiosk's start-up path. ``head`` is shaped like mpp.json
    and each gerai like a gerai file (``schema_version`` may say 1 for a catalog kept from
    before the English fields: its documents have the current shape with English empty)."""
    out = []
    for g in gerai:
        services = tuple(
            Service(
                code=d["code"],
                gerai_code=g["code"],
                name=d["name"],
                name_en=d["name_en"],
                keywords=tuple(d["keywords"]),
                requirements=tuple(
                    Requirement(r["text"], r["text_en"], r["form"], r["note"], r["note_en"])
                    for r in d["requirements"]
                ),
                procedure=_lines_trusted(d["procedure"]),
                processing_time=d["processing_time"],
                fee_rp=d["fee_rp"],
                fee_note=d["fee_note"],
                product=d["product"],
                complaints=d["complaints"],
                online_url=d["online_url"],
                adm=bool(d["adm"]),
                needs_queue=bool(d["needs_queue"]),
                daily_quota=d["daily_quota"],
                order=i,
                group=d["group"],
                conditions=_lines_trusted(d["conditions"]),
                processing_time_en=d["processing_time_en"],
                fee_note_en=d["fee_note_en"],
                product_en=d["product_en"],
                complaints_en=d["complaints_en"],
            )
            for i, d in enumerate(g["services"], 1)
        )
        out.append(
            Gerai(
                code=g["code"],
                name=g["name"],
                name_en=g["name_en"],
                agency=g["agency"],
                agency_en=g["agency_en"],
                prefix=g["prefix"],
                location=g["location"],
                location_en=g["location_en"],
                order=g["order"],
                color=g["color"],
                icon=g["icon"],
                state=GeraiState(g["state"]),
                hours=None if g["hours"] is None else _hours_trusted(g["hours"]),
                holidays=_holidays_trusted(g["holidays"]),
                counters=g["counters"],
                avg_service_minutes=g["avg_service_minutes"],
                services=services,
                groups=tuple(
                    ServiceGroup(x["code"], x["name"], x["name_en"], n)
                    for n, x in enumerate(g["groups"], 1)
                ),
            )
        )
    out.sort(key=lambda x: x.order)
    return Catalog(
        schema_version=head["schema_version"],
        version=head["catalog_version"],
        mpp=MppInfo(**{k: head["mpp"][k] for k in MPP_INFO_KEYS}),
        default_hours=_hours_trusted(head["default_hours"]),
        holidays=_holidays_trusted(head["holidays"]),
        gerai=tuple(out),
    )
