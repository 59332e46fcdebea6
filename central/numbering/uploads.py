"""Uploads: the tickets a kiosk committed, sent in batches from its outbox.

Idempotent by ticket id, each number at most once per gerai, day and series. Online tickets
are confirmed (or renumbered, when the kiosk printed an offline number after an online answer
was lost); offline tickets must lie in one of the kiosk's leases or in its emergency range.
A ticket that cannot be accepted is kept in ``ticket_conflict`` and answered ``conflict``; it
is never silently dropped. Late tickets are placed in the queue by their issue time.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Date, bindparam, insert, select, text, tuple_
from sqlalchemy.orm import Session

from central.catalogs import Published
from central.kiosks import KioskAuth
from central.models import Lease, Ticket, TicketConflict
from central.numbering.counters import lock_counters, raise_online_last
from central.numbering.queue import place_queue, service_model
from mpp_core.domain.clock import service_day
from mpp_core.domain.numbering import Series, ticket_code
from mpp_core.wire.protocol import is_emergency_of
from mpp_core.wire.schemas import TicketIn

FUTURE_TOLERANCE = timedelta(minutes=5)
NumberKey = tuple[str, date, str, int]  # gerai, service day, series, seq


def _ticket_values(item: TicketIn) -> dict[str, Any]:
    series = Series(item.series)
    return {
        "gerai_code": item.gerai_code,
        "service_code": item.service_code,
        "prefix": item.prefix,
        "series": item.series,
        "seq": item.seq,
        "number": ticket_code(item.prefix, series, item.seq),
        "service_day": item.service_day,
        "issued_at": item.issued_at,
        "source": item.source,
        "lease_id": item.lease_id if item.source == "lease" else None,
    }


def _flag(item: TicketIn, now: datetime) -> str | None:
    if item.issued_at > now + FUTURE_TOLERANCE:
        return "issued_in_future"
    if service_day(item.issued_at) != item.service_day:
        return "day_mismatch"
    return None


def upload_tickets(
    session: Session,
    kiosk: KioskAuth,
    published: Published | None,
    items: Sequence[TicketIn],
    now: datetime,
) -> list[dict[str, Any]]:
    """Record tickets a kiosk committed: idempotent by ticket id, each number at most once.

    Online tickets are confirmed (or renumbered, when the kiosk printed an offline number after
    an online answer was lost); offline tickets must lie in one of the kiosk's leases or in its
    emergency range. A ticket that cannot be accepted is kept in ``ticket_conflict`` and
    answered ``conflict``; it is never silently dropped.
    """
    first: dict[str, TicketIn] = {}
    for item in items:
        first.setdefault(item.ticket_id, item)
    ids = list(first)
    existing = {t.id: t for t in session.scalars(select(Ticket).where(Ticket.id.in_(ids)))}
    conflicts_known = {
        c.ticket_id: c
        for c in session.scalars(
            select(TicketConflict).where(
                TicketConflict.ticket_id.in_(ids), TicketConflict.kiosk_id == kiosk.id
            )
        )
    }
    # Lock every gerai/day the batch touches, in one order (no deadlocks between batches).
    touched = sorted(
        {(i.gerai_code, i.service_day) for i in first.values()}
        | {(t.gerai_code, t.service_day) for t in existing.values() if t.kiosk_id == kiosk.id}
    )
    lock_counters(session, kiosk.mpp_code, touched)
    leases = _leases_for(session, kiosk, first.values())
    wanted: set[NumberKey] = {
        (i.gerai_code, i.service_day, i.series, i.seq) for i in first.values()
    }
    taken = _numbers_taken(session, kiosk.mpp_code, wanted)

    results: dict[str, dict[str, Any]] = {}
    renumbered: list[Ticket] = []
    replace_from: dict[tuple[str, date], datetime] = {}
    arriving: dict[tuple[str, date], dict[str, dict[str, Any]]] = defaultdict(dict)
    new_rows: list[dict[str, Any]] = []

    def note_queue(
        gerai_code: str, day: date, at: datetime, row: dict[str, Any] | None = None
    ) -> None:
        key = (gerai_code, day)
        replace_from[key] = min(at, replace_from.get(key, at))
        if row is not None:
            arriving[key][row["id"]] = row

    def conflict(item: TicketIn, reason: str) -> None:
        if item.ticket_id not in conflicts_known:
            row = TicketConflict(
                ticket_id=item.ticket_id,
                kiosk_id=kiosk.id,
                received_at=now,
                reason=reason[:200],
                payload=item.model_dump(mode="json"),
            )
            session.add(row)
            conflicts_known[item.ticket_id] = row
        results[item.ticket_id] = {
            "ticket_id": item.ticket_id,
            "status": "conflict",
            "detail": reason,
        }

    for item in first.values():
        number_key = (item.gerai_code, item.service_day, item.series, item.seq)
        values = _ticket_values(item)
        t = existing.get(item.ticket_id)
        if t is not None:
            if t.kiosk_id != kiosk.id:
                conflict(item, "ticket id belongs to another kiosk")
            elif t.state == "confirmed":
                results[item.ticket_id] = {
                    "ticket_id": t.id,
                    "status": "duplicate",
                    "number": t.number,
                }
            elif (t.gerai_code, t.service_day, t.series, t.seq) == number_key:
                t.state = "confirmed"
                results[t.id] = {"ticket_id": t.id, "status": "confirmed", "number": t.number}
            else:
                # The online answer never reached the kiosk; it printed an offline number.
                problem = _offline_problem(item, kiosk, leases)
                owner = taken.get(number_key)
                if problem is None and owner is not None and owner != t.id:
                    problem = f"number {values['number']} is already taken"
                if problem is not None:
                    conflict(item, problem)
                    continue
                old_key = (t.gerai_code, t.service_day)
                note_queue(*old_key, t.issued_at)
                for k, v in values.items():
                    setattr(t, k, v)
                t.state = "confirmed"
                t.queue_start = None
                t.flag = _flag(item, now)
                taken[number_key] = t.id
                note_queue(item.gerai_code, item.service_day, item.issued_at)
                renumbered.append(t)
                results[t.id] = {"ticket_id": t.id, "status": "confirmed", "number": t.number}
            continue
        if item.ticket_id in conflicts_known:
            conflict(item, conflicts_known[item.ticket_id].reason)
            continue
        problem = None if item.source == "online" else _offline_problem(item, kiosk, leases)
        if problem is None and number_key in taken:
            problem = f"number {values['number']} is already taken"
        if problem is not None:
            conflict(item, problem)
            continue
        flag = _flag(item, now)
        if item.source == "online":
            # An online number this server does not know (its database was restored from a
            # backup): keep it, and keep the counter above it.
            flag = "unknown_online"
            raise_online_last(
                session, kiosk.mpp_code, item.gerai_code, item.service_day, item.series, item.seq
            )
        row = {
            "id": item.ticket_id,
            "mpp_code": kiosk.mpp_code,
            "kiosk_id": kiosk.id,
            "request_id": item.request_id,
            "received_at": now,
            "priority": item.priority.value if item.priority else None,
            "state": "confirmed",
            "people_ahead": item.people_ahead,
            "est_wait_minutes": item.est_wait_minutes,
            "queue_start": None,
            "flag": flag,
            **values,
        }
        new_rows.append(row)
        taken[number_key] = item.ticket_id
        note_queue(item.gerai_code, item.service_day, item.issued_at, row)
        results[item.ticket_id] = {
            "ticket_id": item.ticket_id,
            "status": "created",
            "number": values["number"],
        }
    session.flush()
    for (gerai_code, day), since in sorted(replace_from.items()):
        gerai = published.catalog.gerai_by_code(gerai_code) if published else None
        counters, minutes = service_model(gerai)
        place_queue(
            session,
            kiosk.mpp_code,
            gerai_code,
            day,
            since,
            counters,
            minutes,
            arriving[(gerai_code, day)],
        )
    for t in renumbered:
        session.refresh(t, ["queue_start"])  # placed above, in the database
    if new_rows:
        session.execute(insert(Ticket), new_rows)
    out = []
    for item in items:
        res = results[item.ticket_id]
        if item is not first[item.ticket_id] and res["status"] in ("created", "confirmed"):
            res = {**res, "status": "duplicate"}
        out.append(res)
    return out


def _leases_for(
    session: Session, kiosk: KioskAuth, items: Iterable[TicketIn]
) -> dict[tuple[str, date, str], list[tuple[int, int]]]:
    combos = {(i.gerai_code, i.service_day, i.series) for i in items if i.source == "lease"}
    out: dict[tuple[str, date, str], list[tuple[int, int]]] = defaultdict(list)
    if not combos:
        return out
    rows = session.execute(
        select(
            Lease.gerai_code, Lease.service_day, Lease.series, Lease.start_seq, Lease.end_seq
        ).where(
            Lease.kiosk_id == kiosk.id,
            tuple_(Lease.gerai_code, Lease.service_day, Lease.series).in_(list(combos)),
        )
    )
    for g, d, s, lo, hi in rows:
        out[(g, d, s)].append((lo, hi))
    return out


def _offline_problem(
    item: TicketIn, kiosk: KioskAuth, leases: dict[tuple[str, date, str], list[tuple[int, int]]]
) -> str | None:
    if item.source == "emergency":
        if is_emergency_of(item.seq, kiosk.slot):
            return None
        return f"{item.seq} is not an emergency number of slot {kiosk.slot}"
    if item.source == "lease":
        for lo, hi in leases.get((item.gerai_code, item.service_day, item.series), []):
            if lo <= item.seq <= hi:
                return None
        return f"{item.seq} is not in a block leased to this kiosk for {item.service_day}"
    return None


@functools.lru_cache(maxsize=64)
def _taken_sql(n: int) -> Any:
    values = ", ".join(f"(:g{j}, :d{j}, :s{j}, :q{j})" for j in range(n))
    return (
        text(
            f"WITH w(g, d, s, q) AS (VALUES {values}) "
            "SELECT t.gerai_code, t.service_day, t.series, t.seq, t.id FROM ticket t "
            "JOIN w ON t.mpp_code = :mpp AND t.gerai_code = w.g AND t.service_day = w.d "
            "AND t.series = w.s AND t.seq = w.q "
            "WHERE t.service_day BETWEEN :dmin AND :dmax"
        )
        .bindparams(
            bindparam("dmin", type_=Date()),
            bindparam("dmax", type_=Date()),
            *(bindparam(f"d{j}", type_=Date()) for j in range(n)),
        )
        .columns(service_day=Date())
    )


def _numbers_taken(session: Session, mpp: str, wanted: set[NumberKey]) -> dict[NumberKey, str]:
    """Which of ``wanted`` numbers already have a ticket (and whose): a join on a VALUES list,
    so each number is one index lookup."""
    if not wanted:
        return {}
    out: dict[NumberKey, str] = {}
    keys = sorted(wanted)
    conn = session.connection()
    for i in range(0, len(keys), 250):
        chunk = keys[i : i + 250]
        stmt = _taken_sql(len(chunk))
        params: dict[str, Any] = {
            "mpp": mpp,
            "dmin": min(k[1] for k in chunk),
            "dmax": max(k[1] for k in chunk),
        }
        for j, (g, d, sr, q) in enumerate(chunk):
            params[f"g{j}"], params[f"d{j}"], params[f"s{j}"], params[f"q{j}"] = g, d, sr, q
        for g, d, sr, q, tid in conn.execute(stmt, params):
            out[(str(g), d, str(sr), int(q))] = str(tid)
    return out
