"""Uploads: the tickets a kiosk committed, sent in batches from its outbox.

Idempotent by ticket id, each number at most once per gerai, day and series. Every ticket is
checked before it is kept (:func:`_check`): its service must be in a catalog published to the
kiosk's MPP, with that service's gerai and prefix; its series must match its priority; its
service day must be the WIB day it was issued (a few minutes either side of midnight allowed)
and not in the future. An online ticket must be one the server numbered for this kiosk, with
that number, day and service (when its answer was lost the kiosk may have printed an offline
number under the same id: then the allocation is renumbered). An offline ticket must lie in a
block leased to this kiosk (under that lease id) or in its emergency range. A ticket that
fails is kept in ``ticket_conflict`` and answered ``conflict`` with a stable reason code
(``mpp_core.wire.protocol.TICKET_REFUSALS``); it is never silently dropped, and it never
fails the rest of the batch. The counter rows are locked *before* anything is read, so two
overlapping uploads of the same tickets see each other: the second is answered from what the
first stored. During a recovery after a restore (``recovery``), tickets the restored database
cannot know of are taken as reported. Late tickets are placed in the queue by issue time.
"""

from __future__ import annotations

import functools
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import Date, bindparam, insert, select, text, tuple_
from sqlalchemy.orm import Session

from central.catalogs import Published
from central.kiosks import KioskAuth
from central.models import LEASE_CEILING, Lease, Ticket, TicketConflict
from central.numbering.counters import lock_counters, raise_online_last
from central.numbering.queue import place_queue, service_model
from mpp_core.domain.clock import service_day
from mpp_core.domain.numbering import Series, ticket_code
from mpp_core.wire.protocol import MAX_ONLINE_SEQ, is_emergency_of
from mpp_core.wire.schemas import TicketIn

FUTURE_TOLERANCE = timedelta(minutes=5)  # a kiosk clock a little ahead of the server's
MIDNIGHT_TOLERANCE = timedelta(minutes=10)  # issued this close to midnight: either day
MAX_AGE = timedelta(days=31)  # older service days are refused (wrong_day)
NumberKey = tuple[str, date, str, int]  # gerai, service day, series, seq
LeaseMap = dict[tuple[str, date, str], list[tuple[int, int, int]]]  # -> (id, start, end)


class Refusal(Exception):
    """One ticket the server will not keep as it is: a stable reason code and a detail."""

    def __init__(self, code: str, detail: str) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail


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


def _check(item: TicketIn, published: Published | None, now: datetime) -> None:
    """What can be said of a ticket without the database (raises :class:`Refusal`)."""
    if (item.series == "P") != (item.priority is not None):
        raise Refusal("series_mismatch", "series P goes with a priority group, and only it")
    pairs = published.services_ever.get(item.service_code) if published else None
    if not pairs:
        raise Refusal(
            "unknown_service", f"service {item.service_code!r} is in no catalog of this MPP"
        )
    if (item.gerai_code, item.prefix) not in pairs:
        raise Refusal(
            "gerai_mismatch",
            f"service {item.service_code} belongs to "
            + ", ".join(f"gerai {g} (prefix {p})" for g, p in sorted(pairs)),
        )
    if item.issued_at > now + FUTURE_TOLERANCE:
        raise Refusal("issued_in_future", f"issued at {item.issued_at}, after the server's now")
    days = {service_day(item.issued_at - MIDNIGHT_TOLERANCE), service_day(item.issued_at)}
    days.add(service_day(item.issued_at + MIDNIGHT_TOLERANCE))
    if item.service_day not in days:
        raise Refusal(
            "wrong_day", f"service day {item.service_day} is not the day of {item.issued_at}"
        )
    if item.service_day < service_day(now - MAX_AGE):
        raise Refusal("wrong_day", f"service day {item.service_day} is too long ago")


@dataclass(frozen=True)
class Lost:
    """Numbers a restore may have lost: of service days ``first`` to ``last`` (None: no end
    yet), up to ``highest``. Tickets there that the database cannot know are taken as reported
    (``central.numbering.recovery``)."""

    first: date
    last: date | None
    highest: int

    def covers(self, item: TicketIn, ceiling: int) -> bool:
        return (
            self.first <= item.service_day
            and (self.last is None or item.service_day <= self.last)
            and item.seq <= min(self.highest, ceiling)
        )


def _check_offline(item: TicketIn, kiosk: KioskAuth, leases: LeaseMap, lost: Lost | None) -> None:
    """An offline number must be the kiosk's: in one of its leases, or its emergency range."""
    if item.source == "emergency":
        if not is_emergency_of(item.seq, kiosk.slot):
            raise Refusal(
                "not_emergency_of_slot",
                f"{item.seq} is not an emergency number of slot {kiosk.slot}",
            )
        return
    for lease_id, lo, hi in leases.get((item.gerai_code, item.service_day, item.series), []):
        if lo <= item.seq <= hi and item.lease_id in (None, lease_id):
            return
    if lost is not None and lost.covers(item, LEASE_CEILING - 1):
        return  # leased after the backup the server was restored from: taken as reported
    raise Refusal(
        "not_in_lease",
        f"{item.seq} is not in a block leased to this kiosk for {item.service_day}"
        + ("" if item.lease_id is None else f" under lease {item.lease_id}"),
    )


@dataclass
class _Batch:
    """What one upload has read and decided so far."""

    existing: dict[str, Ticket]
    conflicts: dict[str, TicketConflict]
    leases: LeaseMap
    taken: dict[NumberKey, str]


def _read(session: Session, kiosk: KioskAuth, items: Sequence[TicketIn], ids: list[str]) -> _Batch:
    existing = {t.id: t for t in session.scalars(select(Ticket).where(Ticket.id.in_(ids)))}
    conflicts = {
        c.ticket_id: c
        for c in session.scalars(
            select(TicketConflict).where(
                TicketConflict.ticket_id.in_(ids), TicketConflict.kiosk_id == kiosk.id
            )
        )
    }
    wanted: set[NumberKey] = {(i.gerai_code, i.service_day, i.series, i.seq) for i in items}
    return _Batch(
        existing,
        conflicts,
        _leases_for(session, kiosk, items),
        _numbers_taken(session, kiosk.mpp_code, wanted),
    )


def upload_tickets(
    session: Session,
    kiosk: KioskAuth,
    published: Published | None,
    items: Sequence[TicketIn],
    now: datetime,
    lost: Lost | None = None,
) -> list[dict[str, Any]]:
    """Record tickets a kiosk committed: one result per item, in order (see the module).

    ``lost``: the numbers a restore may have lost (see :class:`Lost`), or None.
    """
    results: dict[str, dict[str, Any]] = {}
    first: dict[str, TicketIn] = {}
    for item in items:
        first.setdefault(item.ticket_id, item)
    refused: dict[str, Refusal] = {}
    for item in first.values():
        try:
            _check(item, published, now)
        except Refusal as exc:
            refused[item.ticket_id] = exc
    ids = list(first)
    fine = [i for i in first.values() if i.ticket_id not in refused]
    # Lock every gerai/day the batch may touch before reading anything, in one order (no
    # deadlocks between batches): the tickets' own, and those of tickets already stored
    # under these ids (read once to learn them; read again under the locks below).
    keys = {(i.gerai_code, i.service_day) for i in fine}
    keys |= {
        (g, d)
        for g, d in session.execute(
            select(Ticket.gerai_code, Ticket.service_day).where(
                Ticket.id.in_(ids), Ticket.kiosk_id == kiosk.id
            )
        )
    }
    locked = set(lock_counters(session, kiosk.mpp_code, sorted(keys)))
    batch = _read(session, kiosk, fine, ids)
    late = {
        (t.gerai_code, t.service_day) for t in batch.existing.values() if t.kiosk_id == kiosk.id
    } - locked
    if late:  # stored by an overlapping upload between the two reads: rare
        lock_counters(session, kiosk.mpp_code, sorted(late))

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

    def conflict(item: TicketIn, refusal: Refusal) -> None:
        known = batch.conflicts.get(item.ticket_id)
        if known is None:
            known = TicketConflict(
                ticket_id=item.ticket_id,
                kiosk_id=kiosk.id,
                received_at=now,
                reason=refusal.detail[:200],
                code=refusal.code,
                payload=item.model_dump(mode="json"),
            )
            session.add(known)
            batch.conflicts[item.ticket_id] = known
        results[item.ticket_id] = _conflict_result(item.ticket_id, known)

    for item in first.values():
        t = batch.existing.get(item.ticket_id)
        try:
            if t is not None and t.kiosk_id != kiosk.id:
                raise Refusal("ticket_id_taken", "this ticket id belongs to another kiosk")
            if t is not None and t.state == "confirmed":
                results[t.id] = _stored(item, t)
                continue
            if item.ticket_id in refused:
                raise refused[item.ticket_id]
            if t is None and item.ticket_id in batch.conflicts:
                results[item.ticket_id] = _conflict_result(
                    item.ticket_id, batch.conflicts[item.ticket_id]
                )
                continue
            number_key = (item.gerai_code, item.service_day, item.series, item.seq)
            owner = batch.taken.get(number_key)
            if t is not None:
                if _same_number(item, t):
                    if item.source != "online" or item.service_code != t.service_code:
                        raise Refusal("online_mismatch", "not the service it was numbered for")
                    t.state = "confirmed"
                    results[t.id] = _result(t.id, "confirmed", t.number)
                    continue
                # Numbered online, but the answer never reached the kiosk: it printed an
                # offline number under the same id. Same service and series, its own number.
                if item.source == "online":
                    raise Refusal(
                        "online_mismatch",
                        f"the server numbered this ticket {t.number} for {t.service_day}",
                    )
                if (item.service_code, item.series) != (t.service_code, t.series):
                    raise Refusal(
                        "allocation_mismatch",
                        f"numbered online for {t.service_code} series {t.series}",
                    )
                _check_offline(item, kiosk, batch.leases, lost)
                if owner is not None and owner != t.id:
                    raise Refusal("number_taken", f"number {item.seq} is already taken")
                note_queue(t.gerai_code, t.service_day, t.issued_at)
                for k, v in _ticket_values(item).items():
                    setattr(t, k, v)
                t.state = "confirmed"
                t.queue_start = None
                batch.taken[number_key] = t.id
                note_queue(item.gerai_code, item.service_day, item.issued_at)
                renumbered.append(t)
                results[t.id] = _result(t.id, "confirmed", t.number)
                continue
            flag = None
            if item.source == "online":
                # An online number the server does not know is refused, unless a restore may
                # have lost it: then it is kept and the counter raised above it.
                if lost is None or not lost.covers(item, MAX_ONLINE_SEQ):
                    raise Refusal("not_allocated", "the server numbered no such ticket")
                flag = "recovered"
            else:
                _check_offline(item, kiosk, batch.leases, lost)
            if owner is not None:
                raise Refusal("number_taken", f"number {item.seq} is already taken")
            if flag is not None:
                raise_online_last(
                    session,
                    kiosk.mpp_code,
                    item.gerai_code,
                    item.service_day,
                    item.series,
                    item.seq,
                )
            row = _new_row(item, kiosk, now, flag)
            new_rows.append(row)
            batch.taken[number_key] = item.ticket_id
            note_queue(item.gerai_code, item.service_day, item.issued_at, row)
            results[item.ticket_id] = _result(item.ticket_id, "created", row["number"])
        except Refusal as exc:
            conflict(item, exc)
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


def _result(ticket_id: str, status: str, number: str) -> dict[str, Any]:
    return {"ticket_id": ticket_id, "status": status, "number": number}


def _conflict_result(ticket_id: str, row: TicketConflict) -> dict[str, Any]:
    return {
        "ticket_id": ticket_id,
        "status": "conflict",
        "reason": row.code or "conflict",
        "detail": row.reason,
    }


def _same_number(item: TicketIn, t: Ticket) -> bool:
    return (item.gerai_code, item.service_day, item.series, item.seq) == (
        t.gerai_code,
        t.service_day,
        t.series,
        t.seq,
    )


def _stored(item: TicketIn, t: Ticket) -> dict[str, Any]:
    """A ticket sent again that the server already holds: the stored result, or a refusal
    if the kiosk now claims another number or service for it."""
    if _same_number(item, t) and item.service_code == t.service_code:
        return _result(t.id, "duplicate", t.number)
    return {
        "ticket_id": t.id,
        "status": "conflict",
        "reason": "differs_from_stored",
        "detail": f"the server holds this ticket as {t.number} ({t.service_code}, {t.service_day})",
        "number": t.number,
    }


def _new_row(item: TicketIn, kiosk: KioskAuth, now: datetime, flag: str | None) -> dict[str, Any]:
    return {
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
        **_ticket_values(item),
    }


def _leases_for(session: Session, kiosk: KioskAuth, items: Iterable[TicketIn]) -> LeaseMap:
    combos = {(i.gerai_code, i.service_day, i.series) for i in items if i.source == "lease"}
    out: LeaseMap = defaultdict(list)
    if not combos:
        return out
    rows = session.execute(
        select(
            Lease.gerai_code,
            Lease.service_day,
            Lease.series,
            Lease.id,
            Lease.start_seq,
            Lease.end_seq,
        ).where(
            Lease.kiosk_id == kiosk.id,
            tuple_(Lease.gerai_code, Lease.service_day, Lease.series).in_(list(combos)),
        )
    )
    for g, d, s, lease_id, lo, hi in rows:
        out[(g, d, s)].append((lease_id, lo, hi))
    return out


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
