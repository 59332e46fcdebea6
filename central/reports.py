"""Visit figures: tickets per gerai and service per day, month or year, as a table or CSV.

A visit is a ticket its kiosk confirmed (committed and sent). Tickets numbered online whose
kiosk never confirmed them (it crashed before committing) are left out and counted apart.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import func, select

from central.db import Database
from central.models import CatalogRelease, Mpp, Ticket

PERIODS = ("day", "month", "year")
LEVELS = ("gerai", "service")


@dataclass(frozen=True, slots=True)
class VisitRow:
    period: str
    gerai_code: str
    gerai_name: str
    service_code: str  # "" for a gerai-level row
    service_name: str
    visits: int


@dataclass(frozen=True)
class VisitReport:
    mpp_code: str
    mpp_name: str
    by: str
    level: str
    start: date | None
    end: date | None
    rows: list[VisitRow]  # per period: gerai by visits (most first), services under each
    totals: dict[str, int]  # period -> visits
    unconfirmed: int


def period_of(day: date, by: str) -> str:
    if by == "day":
        return day.isoformat()
    if by == "month":
        return f"{day.year:04d}-{day.month:02d}"
    return f"{day.year:04d}"


def _names(db: Database, mpp_code: str) -> tuple[dict[str, str], dict[str, str]]:
    """Gerai and service names from every release of the MPP, the newest winning."""
    gerai: dict[str, str] = {}
    service: dict[str, str] = {}
    with db.read() as s:
        for files in s.scalars(
            select(CatalogRelease.files)
            .where(CatalogRelease.mpp_code == mpp_code)
            .order_by(CatalogRelease.id)
        ):
            for name, doc in files.items():
                if name == "mpp.json" or not isinstance(doc, dict):
                    continue
                gerai[str(doc.get("code"))] = str(doc.get("name"))
                for svc in doc.get("services") or []:
                    if isinstance(svc, dict):
                        service[str(svc.get("code"))] = str(svc.get("name"))
    return gerai, service


def visit_report(
    db: Database,
    mpp_code: str | None = None,
    *,
    by: str = "month",
    level: str = "service",
    start: date | None = None,
    end: date | None = None,
) -> VisitReport:
    if by not in PERIODS:
        raise ValueError(f"by must be one of {', '.join(PERIODS)}")
    if level not in LEVELS:
        raise ValueError(f"level must be one of {', '.join(LEVELS)}")
    with db.read() as s:
        mpps = {m.code: m.name for m in s.scalars(select(Mpp))}
        if mpp_code is None:
            if len(mpps) != 1:
                raise ValueError(
                    "say which MPP (--mpp CODE); known: " + (", ".join(sorted(mpps)) or "none")
                )
            mpp_code = next(iter(mpps))
        if mpp_code not in mpps:
            raise ValueError(f"no MPP {mpp_code!r}")
        conds: list[Any] = [Ticket.mpp_code == mpp_code]
        if start is not None:
            conds.append(Ticket.service_day >= start)
        if end is not None:
            conds.append(Ticket.service_day <= end)
        counts: dict[tuple[str, str, str], int] = defaultdict(int)
        for day, g, svc, n in s.execute(
            select(Ticket.service_day, Ticket.gerai_code, Ticket.service_code, func.count())
            .where(*conds, Ticket.state == "confirmed")
            .group_by(Ticket.service_day, Ticket.gerai_code, Ticket.service_code)
        ):
            counts[(period_of(day, by), g, svc)] += int(n)
        unconfirmed = int(
            s.scalar(
                select(func.count()).select_from(Ticket).where(*conds, Ticket.state != "confirmed")
            )
            or 0
        )
    gerai_names, service_names = _names(db, mpp_code)
    per_gerai: dict[tuple[str, str], int] = defaultdict(int)
    totals: dict[str, int] = defaultdict(int)
    for (period, g, _svc), n in counts.items():
        per_gerai[(period, g)] += n
        totals[period] += n
    rows: list[VisitRow] = []
    for period in sorted(totals):
        gerai_here = sorted(
            ((g, n) for (p, g), n in per_gerai.items() if p == period),
            key=lambda x: (-x[1], x[0]),
        )
        for g, n in gerai_here:
            rows.append(VisitRow(period, g, gerai_names.get(g, g), "", "", n))
            if level == "service":
                services = sorted(
                    ((svc, k) for (p, gg, svc), k in counts.items() if p == period and gg == g),
                    key=lambda x: (-x[1], x[0]),
                )
                for svc, k in services:
                    rows.append(
                        VisitRow(
                            period, g, gerai_names.get(g, g), svc, service_names.get(svc, svc), k
                        )
                    )
    return VisitReport(
        mpp_code, mpps[mpp_code] or mpp_code, by, level, start, end, rows, dict(totals), unconfirmed
    )


def render_table(report: VisitReport) -> str:
    """The report as aligned text, with thousands separators (``80,948``)."""
    span = ""
    if report.start or report.end:
        span = f", {report.start or '…'} to {report.end or '…'}"
    lines = [
        f"Visits to {report.mpp_name} ({report.mpp_code}) per {report.by}{span}",
        "A visit is a ticket confirmed by its kiosk.",
    ]
    if report.unconfirmed:
        lines.append(
            f"({report.unconfirmed:,} numbered online but never confirmed by their "
            "kiosk are not counted.)"
        )
    lines.append("")
    if not report.rows:
        lines.append("No visits.")
        return "\n".join(lines) + "\n"
    width = max(40, *(len(r.service_name or r.gerai_name) + 4 for r in report.rows))
    width = min(width, 70)
    period_w = max(len("Period"), *(len(p) for p in report.totals))
    lines.append(f"{'Period':<{period_w}}  {'Gerai / service':<{width}}  {'Visits':>9}")
    current = None
    for r in report.rows:
        if r.period != current:
            if current is not None:
                lines.append("")
            current = r.period
            lines.append(
                f"{r.period:<{period_w}}  {'All gerai':<{width}}  {report.totals[r.period]:>9,}"
            )
        label = f"  {r.gerai_name}" if not r.service_code else f"    {r.service_name}"
        if len(label) > width:
            label = label[: width - 1] + "…"
        lines.append(f"{'':<{period_w}}  {label:<{width}}  {r.visits:>9,}")
    grand = sum(report.totals.values())
    lines.append("")
    lines.append(f"{'Total':<{period_w}}  {'':<{width}}  {grand:>9,}")
    return "\n".join(lines) + "\n"


def render_csv(report: VisitReport) -> str:
    """One row per period and gerai (level ``gerai``) or period and service."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(
        ["mpp", "period", "gerai_code", "gerai_name", "service_code", "service_name", "visits"]
    )
    for r in report.rows:
        if report.level == "service" and not r.service_code:
            continue
        w.writerow(
            [
                report.mpp_code,
                r.period,
                r.gerai_code,
                r.gerai_name,
                r.service_code,
                r.service_name,
                r.visits,
            ]
        )
    return out.getvalue()
