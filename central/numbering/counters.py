"""The counter row per MPP, gerai and service day: online numbers, the leased floor, the lock.

``number_counter`` holds, per series, the last online number (``last_r`` / ``last_p``, counting
up from 1) and the lowest number leased so far (``floor_r`` / ``floor_p``, leases are carved
from 999 downwards). The row is also the lock: every write touching a gerai's numbers or queue
first takes it (an upsert, which locks the row on PostgreSQL; SQLite's BEGIN IMMEDIATE already
serialises writers), so allocations, leases and uploads for one gerai and day run one at a
time and see each other's committed rows.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import Date, and_, bindparam, text, update
from sqlalchemy.orm import Session

from central.models import LEASE_CEILING, Counter
from mpp_core.wire.protocol import MAX_ONLINE_SEQ

SERIES_COLUMNS = {"R": ("last_r", "floor_r"), "P": ("last_p", "floor_p")}


class NumberingError(Exception):
    """A request the server refuses; ``status`` is the HTTP status to answer."""

    def __init__(
        self, status: int, reason: str, detail: str, retry_after: int | None = None
    ) -> None:
        super().__init__(detail)
        self.status = status
        self.reason = reason
        self.detail = detail
        self.retry_after = retry_after  # seconds, for a 503


def counter_key(mpp: str, gerai: str, day: date) -> Any:
    """The WHERE clause of one counter row."""
    return and_(Counter.mpp_code == mpp, Counter.gerai_code == gerai, Counter.service_day == day)


def lock_counter(session: Session, mpp: str, gerai: str, day: date) -> tuple[int, int, int, int]:
    """Create or lock the counter row; returns (last_r, floor_r, last_p, floor_p)."""
    return lock_counters(session, mpp, [(gerai, day)])[(gerai, day)]


@functools.lru_cache(maxsize=64)
def _lock_sql(n: int) -> Any:
    rows = ", ".join(
        f"(:mpp, :g{i}, :d{i}, 0, 0, {LEASE_CEILING}, {LEASE_CEILING})" for i in range(n)
    )
    return text(
        "INSERT INTO number_counter (mpp_code, gerai_code, service_day, last_r, last_p, "
        f"floor_r, floor_p) VALUES {rows} ON CONFLICT (mpp_code, gerai_code, service_day) "
        "DO UPDATE SET last_r = number_counter.last_r "
        "RETURNING gerai_code, service_day, last_r, floor_r, last_p, floor_p"
    ).bindparams(*(bindparam(f"d{i}", type_=Date()) for i in range(n)))


def lock_counters(
    session: Session, mpp: str, keys: Sequence[tuple[str, date]]
) -> dict[tuple[str, date], tuple[int, int, int, int]]:
    """Create or lock the counter rows of ``keys`` (in sorted order, one statement);
    returns (last_r, floor_r, last_p, floor_p) for each."""
    keys = sorted(set(keys))
    if not keys:
        return {}
    stmt = _lock_sql(len(keys))
    params: dict[str, Any] = {"mpp": mpp}
    for i, (gerai, day) in enumerate(keys):
        params[f"g{i}"], params[f"d{i}"] = gerai, day
    out = {}
    for row in session.connection().execute(stmt, params):
        day = row[1] if isinstance(row[1], date) else date.fromisoformat(str(row[1]))
        out[(str(row[0]), day)] = (int(row[2]), int(row[3]), int(row[4]), int(row[5]))
    return out


def _next_online_sql(series: str) -> Any:
    last_col, floor_col = SERIES_COLUMNS[series]
    # The same statement on SQLite (3.35+) and PostgreSQL; text() compiles once.
    return text(
        "INSERT INTO number_counter (mpp_code, gerai_code, service_day, last_r, last_p, "
        "floor_r, floor_p) VALUES (:mpp, :gerai, :day, :first_r, :first_p, :ceiling, :ceiling) "
        "ON CONFLICT (mpp_code, gerai_code, service_day) "
        f"DO UPDATE SET {last_col} = number_counter.{last_col} + 1 "
        f"RETURNING {last_col}, {floor_col}"
    ).bindparams(bindparam("day", type_=Date()))


_NEXT_ONLINE = {series: _next_online_sql(series) for series in SERIES_COLUMNS}


def next_online(session: Session, mpp: str, gerai: str, day: date, series: str) -> int:
    """Draw the next online number (locks the counter row until the transaction ends)."""
    conn = session.connection()
    row = conn.execute(
        _NEXT_ONLINE[series],
        {
            "mpp": mpp,
            "gerai": gerai,
            "day": day,
            "first_r": int(series == "R"),
            "first_p": int(series == "P"),
            "ceiling": LEASE_CEILING,
        },
    ).one()
    seq, floor = int(row[0]), int(row[1])
    if floor <= seq < LEASE_CEILING:
        # A very busy day reached the leased block: go on above the three-digit range.
        last_col, _ = SERIES_COLUMNS[series]
        seq = LEASE_CEILING
        conn.execute(update(Counter).where(counter_key(mpp, gerai, day)).values({last_col: seq}))
    if seq > MAX_ONLINE_SEQ:
        raise NumberingError(
            409, "numbers_exhausted", f"gerai {gerai} has used every number for {day}"
        )
    return seq


def raise_online_last(
    session: Session, mpp: str, gerai: str, day: date, series: str, seq: int
) -> None:
    """Keep the online counter above a number it did not hand out (an online ticket the
    server does not know, see ``central.numbering.uploads``)."""
    last_col, _ = SERIES_COLUMNS[series]
    col = getattr(Counter, last_col)
    session.execute(
        update(Counter).where(counter_key(mpp, gerai, day), col < seq).values({last_col: seq})
    )


def lower_floor(session: Session, mpp: str, gerai: str, day: date, series: str, start: int) -> None:
    """Record that numbers from ``start`` up are leased (the row is locked already)."""
    _, floor_col = SERIES_COLUMNS[series]
    session.execute(update(Counter).where(counter_key(mpp, gerai, day)).values({floor_col: start}))
