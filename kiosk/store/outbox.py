"""The transactional outbox: what the kiosk still has to tell the central server.

An item is added in the same transaction as the thing it reports (a ticket and its outbox row
are one commit), so nothing committed can be lost and nothing rolled back is ever sent. The
sync worker reads due items, sends them (idempotent by ``key``) and marks them ``sent``, or
``rejected`` when the server refuses one for good; a crash between sending and marking only
means the item is sent again, and the server answers "duplicate".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.orm import Session

from kiosk.store.models import OutboxRow

PENDING = "pending"
SENT = "sent"
REJECTED = "rejected"


@dataclass(frozen=True, slots=True)
class OutboxItem:
    id: int
    kind: str
    key: str
    payload: dict[str, Any]
    attempts: int


class OutboxRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, kind: str, key: str, payload: dict[str, Any], now: datetime) -> None:
        """Queue one item (inside the caller's transaction)."""
        self.session.add(
            OutboxRow(
                kind=kind,
                key=key,
                payload=payload,
                state=PENDING,
                attempts=0,
                created_at=now,
                next_attempt_at=None,
                sent_at=None,
                last_error=None,
            )
        )
        self.session.flush()

    def due(self, kind: str, now: datetime, limit: int) -> list[OutboxItem]:
        """Pending items of ``kind`` whose retry time has come, oldest first."""
        rows = self.session.scalars(
            select(OutboxRow)
            .where(
                OutboxRow.state == PENDING,
                OutboxRow.kind == kind,
                or_(OutboxRow.next_attempt_at.is_(None), OutboxRow.next_attempt_at <= now),
            )
            .order_by(OutboxRow.id)
            .limit(limit)
        )
        return [OutboxItem(r.id, r.kind, r.key, dict(r.payload), r.attempts) for r in rows]

    def mark_sent(self, ids: Iterable[int], now: datetime) -> None:
        ids = list(ids)
        for i in range(0, len(ids), 500):
            self.session.execute(
                update(OutboxRow)
                .where(OutboxRow.id.in_(ids[i : i + 500]), OutboxRow.state == PENDING)
                .values(state=SENT, sent_at=now, attempts=OutboxRow.attempts + 1, last_error=None)
            )

    def mark_rejected(self, item_id: int, reason: str, now: datetime) -> None:
        self.session.execute(
            update(OutboxRow)
            .where(OutboxRow.id == item_id)
            .values(
                state=REJECTED,
                sent_at=now,
                attempts=OutboxRow.attempts + 1,
                last_error=reason[:300],
            )
        )

    def mark_failed(self, ids: Iterable[int], error: str, retry_at: datetime | None) -> None:
        """Sending failed: count the attempt; try again at ``retry_at`` (None: next pass)."""
        ids = list(ids)
        for i in range(0, len(ids), 500):
            self.session.execute(
                update(OutboxRow)
                .where(OutboxRow.id.in_(ids[i : i + 500]), OutboxRow.state == PENDING)
                .values(
                    attempts=OutboxRow.attempts + 1,
                    next_attempt_at=retry_at,
                    last_error=error[:300],
                )
            )

    def release(self) -> None:
        """Make every pending item due now (the server is back: no need to wait)."""
        self.session.execute(
            update(OutboxRow)
            .where(OutboxRow.state == PENDING, OutboxRow.next_attempt_at.is_not(None))
            .values(next_attempt_at=None)
        )

    def count(self, state: str = PENDING) -> int:
        return int(
            self.session.scalar(
                select(func.count()).select_from(OutboxRow).where(OutboxRow.state == state)
            )
            or 0
        )

    def state_of(self, kind: str, key: str) -> str | None:
        return self.session.scalar(
            select(OutboxRow.state).where(OutboxRow.kind == kind, OutboxRow.key == key)
        )

    def prune_sent(self, before: datetime) -> int:
        """Forget items sent before ``before`` (rejected ones stay for staff)."""
        result = self.session.execute(
            delete(OutboxRow).where(OutboxRow.state == SENT, OutboxRow.sent_at < before)
        )
        return int(getattr(result, "rowcount", 0) or 0)
