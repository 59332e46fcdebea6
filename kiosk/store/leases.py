"""Numbers this kiosk may issue offline: blocks leased from the server, and the emergency range.

A number is taken inside the ticket's own transaction (the block's ``next_seq`` moves in the
same commit as the ticket), so a crash can neither reuse a number nor lose one that was
printed. Numbers already present in the local ticket table (numbered locally before the
server was configured, say) are skipped.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from kiosk.store.models import LeaseRow, TicketRow

LEASE = "lease"
EMERGENCY = "emergency"


class LeaseRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add_lease(
        self,
        lease_id: str,
        gerai_code: str,
        day: date,
        series: str,
        start: int,
        end: int,
        now: datetime,
    ) -> bool:
        """Keep a block the server granted; False if it is already known (a retried answer)."""
        if self.session.get(LeaseRow, lease_id) is not None:
            return False
        self.session.add(
            LeaseRow(
                id=lease_id,
                kind=LEASE,
                gerai_code=gerai_code,
                service_day=day,
                series=series,
                start_seq=start,
                end_seq=end,
                next_seq=start,
                obtained_at=now,
            )
        )
        self.session.flush()
        return True

    def _used(self, gerai_code: str, day: date, series: str, seq: int) -> bool:
        return (
            self.session.scalar(
                select(TicketRow.id).where(
                    TicketRow.gerai_code == gerai_code,
                    TicketRow.service_day == day,
                    TicketRow.series == series,
                    TicketRow.seq == seq,
                )
            )
            is not None
        )

    def _take_from(self, row: LeaseRow) -> int | None:
        while row.next_seq <= row.end_seq:
            seq = row.next_seq
            row.next_seq = seq + 1
            if not self._used(row.gerai_code, row.service_day, row.series, seq):
                self.session.flush()
                return seq
        self.session.flush()
        return None

    def take(self, gerai_code: str, day: date, series: str) -> tuple[int, str] | None:
        """The next leased number (and its lease id), or None when the leases are used up."""
        rows = self.session.scalars(
            select(LeaseRow)
            .where(
                LeaseRow.gerai_code == gerai_code,
                LeaseRow.service_day == day,
                LeaseRow.series == series,
                LeaseRow.kind == LEASE,
                LeaseRow.next_seq <= LeaseRow.end_seq,
            )
            .order_by(LeaseRow.start_seq)
        )
        for row in rows:
            seq = self._take_from(row)
            if seq is not None:
                return seq, row.id
        return None

    def take_emergency(
        self, gerai_code: str, day: date, series: str, start: int, end: int, now: datetime
    ) -> int | None:
        """The next number of this kiosk's emergency range for the gerai, day and series."""
        key = f"{EMERGENCY}:{gerai_code}:{day.isoformat()}:{series}"
        row = self.session.get(LeaseRow, key)
        if row is None:
            row = LeaseRow(
                id=key,
                kind=EMERGENCY,
                gerai_code=gerai_code,
                service_day=day,
                series=series,
                start_seq=start,
                end_seq=end,
                next_seq=start,
                obtained_at=now,
            )
            self.session.add(row)
        return self._take_from(row)

    def remaining(self, days: Iterable[date]) -> dict[tuple[str, date, str], int]:
        """Unused leased numbers per (gerai, day, series), for the given days."""
        out: dict[tuple[str, date, str], int] = defaultdict(int)
        days = list(days)
        if not days:
            return out
        for row in self.session.scalars(
            select(LeaseRow).where(LeaseRow.kind == LEASE, LeaseRow.service_day.in_(days))
        ):
            out[(row.gerai_code, row.service_day, row.series)] += max(
                0, row.end_seq - row.next_seq + 1
            )
        return out

    def emergency_used(self, day: date) -> int:
        return sum(
            row.next_seq - row.start_seq
            for row in self.session.scalars(
                select(LeaseRow).where(LeaseRow.kind == EMERGENCY, LeaseRow.service_day == day)
            )
        )
