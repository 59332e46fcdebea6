"""Leased blocks: numbers a kiosk may issue while offline, granted ahead of time.

Blocks are carved from the top of the three-digit range downwards (the counter's floor), while
online numbers count up from 1, so the two never meet on a normal day; a kiosk that never uses
its block only leaves a gap at the top. ``online_reserve`` numbers above the last online one
stay free for online allocation, and each kiosk holds at most ``lease_max_outstanding``
numbers per gerai, day and series. Requests are idempotent by their key.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from central.catalogs import Published
from central.kiosks import KioskAuth
from central.models import Lease
from central.numbering.counters import lock_counter, lower_floor
from central.settings import Settings
from mpp_core.domain.clock import service_day
from mpp_core.wire.schemas import LeaseRequestIn


def grant_leases(
    session: Session,
    kiosk: KioskAuth,
    published: Published | None,
    requests: Sequence[LeaseRequestIn],
    now: datetime,
    settings: Settings,
    recovering: bool = False,
) -> list[dict[str, Any]]:
    """Grant blocks of offline numbers, idempotent per request key. A refusal carries a stable
    reason code (``mpp_core.wire.protocol.LEASE_REFUSALS``); none is granted while the MPP
    recovers from a restore (``recovery``)."""
    today = service_day(now)
    keys = [r.key for r in requests]
    known = {
        lease.request_key: lease
        for lease in session.scalars(select(Lease).where(Lease.request_key.in_(keys)))
    }
    answers: dict[str, dict[str, Any]] = {}
    for r in sorted(requests, key=lambda r: (r.gerai_code, r.service_day, r.series, r.key)):
        base = {
            "key": r.key,
            "gerai_code": r.gerai_code,
            "service_day": r.service_day,
            "series": r.series,
        }
        if r.key in answers:
            continue
        lease = known.get(r.key)
        if lease is not None:
            if lease.kiosk_id != kiosk.id:
                answers[r.key] = {
                    **base,
                    "status": "refused",
                    "reason": "key_reused",
                    "detail": "key already used",
                }
            else:
                answers[r.key] = {
                    **base,
                    "status": "granted",
                    "lease_id": lease.id,
                    "start": lease.start_seq,
                    "end": lease.end_seq,
                }
            continue
        refusal: tuple[str, str] | None = None
        if recovering:
            refusal = ("recovering", "the server is learning the numbers given out since a restore")
        elif r.service_day < today or r.service_day > today + timedelta(
            days=settings.lease_days_ahead
        ):
            refusal = (
                "bad_day",
                f"service day must be between {today} and {settings.lease_days_ahead} days ahead",
            )
        elif published is None or published.catalog.gerai_by_code(r.gerai_code) is None:
            refusal = ("unknown_gerai", f"gerai {r.gerai_code!r} is not in the published catalog")
        if refusal is None:
            held = session.scalar(
                select(func.coalesce(func.sum(Lease.end_seq - Lease.start_seq + 1), 0)).where(
                    Lease.kiosk_id == kiosk.id,
                    Lease.gerai_code == r.gerai_code,
                    Lease.service_day == r.service_day,
                    Lease.series == r.series,
                )
            )
            room = settings.lease_max_outstanding - int(held or 0)
            size = min(r.size, settings.lease_max_block, room)
            if size < 1:
                refusal = (
                    "share_used",
                    "this kiosk already holds its share of numbers for that day",
                )
        if refusal is None:
            last_r, floor_r, last_p, floor_p = lock_counter(
                session, kiosk.mpp_code, r.gerai_code, r.service_day
            )
            last, floor = (last_r, floor_r) if r.series == "R" else (last_p, floor_p)
            lowest_free = last + settings.online_reserve + 1
            start = max(floor - size, lowest_free)
            if start > floor - 1:
                refusal = ("no_numbers", "no numbers left to lease for that day")
            else:
                lower_floor(session, kiosk.mpp_code, r.gerai_code, r.service_day, r.series, start)
                lease = Lease(
                    request_key=r.key,
                    kiosk_id=kiosk.id,
                    mpp_code=kiosk.mpp_code,
                    gerai_code=r.gerai_code,
                    service_day=r.service_day,
                    series=r.series,
                    start_seq=start,
                    end_seq=floor - 1,
                    created_at=now,
                )
                session.add(lease)
                session.flush()
                answers[r.key] = {
                    **base,
                    "status": "granted",
                    "lease_id": lease.id,
                    "start": lease.start_seq,
                    "end": lease.end_seq,
                }
                continue
        answers[r.key] = {**base, "status": "refused", "reason": refusal[0], "detail": refusal[1]}
    return [answers[r.key] for r in requests]
