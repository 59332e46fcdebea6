"""Recovery after a restore: learn the numbers handed out since the backup before numbering again.

A database restored from a backup does not know the numbers given out after the backup was
taken: online numbers (its counters are behind) and leased blocks (the kiosks still hold them
and go on issuing from them). ``mpp-central restore`` therefore opens a recovery per MPP
(:func:`begin`), with ``since`` = when the backup was started. While it is open:

* online allocation is refused with 503 and ``Retry-After`` (the kiosk numbers offline from
  the blocks it holds, or its emergency range, as on any 5xx), and no lease is granted;
* uploads take tickets of service days from ``since`` on that the database cannot know as
  reported (an online ticket with no allocation, a leased number with no known lease: flag
  ``recovered``); every other check still applies;
* every answer to the MPP's kiosks carries ``X-Mpp-Recovery: <id>;since=<time>``, and each
  kiosk re-sends its tickets issued since then and reports the blocks it holds
  (:func:`report`, ``POST /recovery/report``).

It ends (:func:`finish`) in one of three ways:

* ``reported``: every active kiosk of the MPP has reported complete. Counters are raised above
  every online number now known and floors lowered below every leased number and block now
  known, for each gerai and service day from ``since`` on; numbering is exact again.
* ``deadline`` (set at restore, ``--recovery-minutes``) or ``supervisor`` (``mpp-central
  recovery end``): kiosks may not have reported, so on top of the above, online numbering
  jumps to 1000 and no more blocks are leased for each gerai and day from ``since``'s day to
  ``lease_days_ahead`` days after today. This is safe unless online numbers above 999 had been
  given out for such a day between the backup and the restore (a very busy day).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import func, select, text, update
from sqlalchemy.orm import Session

from central.catalogs import Published
from central.kiosks import KioskAuth
from central.models import (
    LEASE_CEILING,
    Counter,
    Kiosk,
    Lease,
    Mpp,
    Recovery,
    RecoveryReport,
    Ticket,
)
from central.numbering.counters import lock_counters
from central.numbering.uploads import Lost
from mpp_core.domain.clock import service_day
from mpp_core.wire.protocol import MAX_ONLINE_SEQ, THREE_DIGIT_MAX
from mpp_core.wire.schemas import LeaseHeldIn


@dataclass(frozen=True)
class RecoveryInfo:
    id: int
    mpp_code: str
    since: datetime
    deadline: datetime | None
    ended_at: datetime | None = None
    end_reason: str | None = None

    @property
    def first_day(self) -> date:
        return service_day(self.since)

    def header(self) -> str:
        return f"{self.id};since={self.since.isoformat()}"


def begin(
    session: Session, since: datetime, now: datetime, minutes: float | None
) -> list[RecoveryInfo]:
    """Open a recovery for every MPP (after a restore); returns them."""
    deadline = None if minutes is None else now + timedelta(minutes=minutes)
    out = []
    for code in session.scalars(select(Mpp.code).order_by(Mpp.code)):
        session.execute(
            update(Recovery)
            .where(Recovery.mpp_code == code, Recovery.ended_at.is_(None))
            .values(ended_at=now, end_reason="restored")
        )
        row = Recovery(mpp_code=code, since=since, started_at=now, deadline=deadline)
        session.add(row)
        session.flush()
        out.append(RecoveryInfo(row.id, code, since, deadline))
    return out


def latest(session: Session, mpp: str) -> RecoveryInfo | None:
    """The MPP's latest recovery, open or ended."""
    row = session.scalar(
        select(Recovery).where(Recovery.mpp_code == mpp).order_by(Recovery.id.desc()).limit(1)
    )
    if row is None:
        return None
    return RecoveryInfo(row.id, row.mpp_code, row.since, row.deadline, row.ended_at, row.end_reason)


def current(session: Session, mpp: str) -> RecoveryInfo | None:
    """The MPP's open recovery, or None."""
    info = latest(session, mpp)
    return info if info is not None and info.ended_at is None else None


def lost_numbers(info: RecoveryInfo | None, lease_days_ahead: int) -> Lost | None:
    """Which uploaded tickets the database may not know because of a restore: while it
    recovers, any of the days from the backup on; after an end by deadline or supervisor,
    those of the days whose online numbering moved above 999, up to 999 (kiosks that never
    reported still send what they printed before)."""
    if info is None:
        return None
    if info.ended_at is None:
        return Lost(info.first_day, None, MAX_ONLINE_SEQ)
    if info.end_reason in ("deadline", "supervisor"):
        last = service_day(info.ended_at) + timedelta(days=lease_days_ahead)
        return Lost(info.first_day, last, THREE_DIGIT_MAX)
    return None


def report(
    session: Session,
    kiosk: KioskAuth,
    recovery_id: int,
    leases: Sequence[LeaseHeldIn],
    complete: bool,
    now: datetime,
    published: Published | None,
    lease_days_ahead: int,
) -> dict[str, Any]:
    """A kiosk's report: the blocks it holds (each accepted, already known, or refused with a
    reason), and whether it has re-sent everything. Ends the recovery when it was the last."""
    info = current(session, kiosk.mpp_code)
    if info is None or info.id != recovery_id:
        return {"recovering": info is not None, "recovery_id": info and info.id, "leases": []}
    keys = sorted({(x.gerai_code, x.service_day) for x in leases})
    lock_counters(session, kiosk.mpp_code, keys)
    answers = []
    for held in leases:
        answers.append({"lease_id": held.lease_id, **_take_lease(session, kiosk, held, info, now)})
    row = session.get(RecoveryReport, (recovery_id, kiosk.id))
    if row is None:
        row = RecoveryReport(recovery_id=recovery_id, kiosk_id=kiosk.id, leases=0)
        session.add(row)
    row.reported_at = now
    row.complete = bool(row.complete) or complete
    accepted = sum(a["status"] == "accepted" for a in answers)
    row.leases = (row.leases or 0) + accepted
    session.flush()
    if accepted and session.get_bind().dialect.name == "postgresql":
        # Leases came back under their own ids: new ones must be numbered above them.
        session.execute(
            text(
                "SELECT setval(pg_get_serial_sequence('number_lease', 'id'), "
                "(SELECT max(id) FROM number_lease))"
            )
        )
    recovering = True
    if complete and not waiting_for(session, info):
        finish(session, info, "reported", now, published, lease_days_ahead)
        recovering = False
    return {"recovering": recovering, "recovery_id": info.id, "leases": answers}


def _take_lease(
    session: Session, kiosk: KioskAuth, held: LeaseHeldIn, info: RecoveryInfo, now: datetime
) -> dict[str, Any]:
    known = session.get(Lease, held.lease_id)
    if known is not None:
        same = (
            known.kiosk_id,
            known.gerai_code,
            known.service_day,
            known.series,
            known.start_seq,
            known.end_seq,
        ) == (
            kiosk.id,
            held.gerai_code,
            held.service_day,
            held.series,
            held.start,
            held.end,
        )
        if same:
            return {"status": "known"}
        return {"status": "refused", "reason": "lease_id_taken"}
    if held.service_day < info.first_day or held.end < held.start:
        return {"status": "refused", "reason": "bad_lease"}
    overlap = session.scalar(
        select(func.count())
        .select_from(Lease)
        .where(
            Lease.mpp_code == kiosk.mpp_code,
            Lease.gerai_code == held.gerai_code,
            Lease.service_day == held.service_day,
            Lease.series == held.series,
            Lease.start_seq <= held.end,
            Lease.end_seq >= held.start,
        )
    )
    others = session.scalar(
        select(func.count())
        .select_from(Ticket)
        .where(
            Ticket.mpp_code == kiosk.mpp_code,
            Ticket.gerai_code == held.gerai_code,
            Ticket.service_day == held.service_day,
            Ticket.series == held.series,
            Ticket.seq.between(held.start, held.end),
            Ticket.kiosk_id != kiosk.id,
        )
    )
    if overlap or others:
        return {"status": "refused", "reason": "overlaps"}
    session.add(
        Lease(
            id=held.lease_id,
            request_key=f"recovered-{held.lease_id}",
            kiosk_id=kiosk.id,
            mpp_code=kiosk.mpp_code,
            gerai_code=held.gerai_code,
            service_day=held.service_day,
            series=held.series,
            start_seq=held.start,
            end_seq=held.end,
            created_at=now,
        )
    )
    session.flush()
    return {"status": "accepted"}


def waiting_for(session: Session, info: RecoveryInfo) -> list[str]:
    """Names of the active kiosks of the MPP that have not reported complete."""
    done = select(RecoveryReport.kiosk_id).where(
        RecoveryReport.recovery_id == info.id, RecoveryReport.complete.is_(True)
    )
    return list(
        session.scalars(
            select(Kiosk.name).where(
                Kiosk.mpp_code == info.mpp_code,
                Kiosk.revoked_at.is_(None),
                Kiosk.id.not_in(done),
            )
        )
    )


def finish(
    session: Session,
    info: RecoveryInfo,
    reason: str,
    now: datetime,
    published: Published | None,
    lease_days_ahead: int,
) -> None:
    """End the recovery: counters above, floors below what is known (see the module); when
    kiosks may not all have reported, online numbering also moves above 999."""
    first = info.first_day
    mpp = info.mpp_code
    keys: set[tuple[str, date]] = set()
    online: dict[tuple[str, date, str], int] = {}
    lowest: dict[tuple[str, date, str], int] = {}
    for g, d, sr, src, hi, lo in session.execute(
        select(
            Ticket.gerai_code,
            Ticket.service_day,
            Ticket.series,
            Ticket.source,
            func.max(Ticket.seq),
            func.min(Ticket.seq),
        )
        .where(Ticket.mpp_code == mpp, Ticket.service_day >= first)
        .group_by(Ticket.gerai_code, Ticket.service_day, Ticket.series, Ticket.source)
    ):
        keys.add((g, d))
        if src == "online":
            online[(g, d, sr)] = max(int(hi), online.get((g, d, sr), 0))
        elif src == "lease":
            lowest[(g, d, sr)] = min(int(lo), lowest.get((g, d, sr), LEASE_CEILING))
    for g, d, sr, lo in session.execute(
        select(Lease.gerai_code, Lease.service_day, Lease.series, func.min(Lease.start_seq))
        .where(Lease.mpp_code == mpp, Lease.service_day >= first)
        .group_by(Lease.gerai_code, Lease.service_day, Lease.series)
    ):
        keys.add((g, d))
        lowest[(g, d, sr)] = min(int(lo), lowest.get((g, d, sr), LEASE_CEILING))
    forced = reason != "reported"
    if forced:
        gerai = [g.code for g in published.catalog.gerai] if published else []
        gerai += list(session.scalars(select(Counter.gerai_code).where(Counter.mpp_code == mpp)))
        last_day = max(service_day(now) + timedelta(days=lease_days_ahead), first)
        days = [first + timedelta(days=i) for i in range((last_day - first).days + 1)]
        keys |= {(g, d) for g in set(gerai) for d in days}
    rows = lock_counters(session, mpp, sorted(keys))
    for (g, d), (last_r, floor_r, last_p, floor_p) in rows.items():
        values: dict[str, int] = {}
        for series, last, floor, last_col, floor_col in (
            ("R", last_r, floor_r, "last_r", "floor_r"),
            ("P", last_p, floor_p, "last_p", "floor_p"),
        ):
            new_last = max(last, online.get((g, d, series), 0))
            new_floor = min(floor, lowest.get((g, d, series), LEASE_CEILING))
            if forced and d >= first:
                new_last = max(new_last, THREE_DIGIT_MAX)
            if new_last != last:
                values[last_col] = new_last
            if new_floor != floor:
                values[floor_col] = new_floor
        if values:
            session.execute(
                update(Counter)
                .where(Counter.mpp_code == mpp, Counter.gerai_code == g, Counter.service_day == d)
                .values(values)
            )
    session.execute(
        update(Recovery).where(Recovery.id == info.id).values(ended_at=now, end_reason=reason)
    )
