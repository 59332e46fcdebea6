"""Repositories for staff mode: the audit log and the roles' PIN hashes (one session each)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from kiosk.store.models import AuditRow, StaffCredentialRow


@dataclass(frozen=True, slots=True)
class AuditEntry:
    id: int
    at: datetime
    kiosk_id: str
    actor: str
    action: str
    detail: dict[str, Any]
    synced_at: datetime | None = None

    def payload(self) -> dict[str, Any]:
        """What the central server receives (ISO time, the kiosk's own id for the entry)."""
        return {
            "id": self.id,
            "at": self.at.isoformat(),
            "kiosk_id": self.kiosk_id,
            "actor": self.actor,
            "action": self.action,
            "detail": self.detail,
        }


def _entry(row: AuditRow) -> AuditEntry:
    return AuditEntry(
        row.id, row.at, row.kiosk_id, row.actor, row.action, dict(row.detail), row.synced_at
    )


class AuditRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def add(
        self, at: datetime, kiosk_id: str, actor: str, action: str, detail: dict[str, Any]
    ) -> int:
        row = AuditRow(
            at=at,
            kiosk_id=kiosk_id,
            actor=actor[:20],
            action=action[:40],
            detail=detail,
            synced_at=None,
        )
        self.session.add(row)
        self.session.flush()
        return int(row.id)

    def recent(self, limit: int = 50) -> list[AuditEntry]:
        rows = self.session.scalars(select(AuditRow).order_by(AuditRow.id.desc()).limit(limit))
        return [_entry(r) for r in rows]

    def unsynced(self, limit: int = 200) -> list[AuditEntry]:
        """Entries the central server has not received yet, oldest first (for kiosk.sync)."""
        rows = self.session.scalars(
            select(AuditRow).where(AuditRow.synced_at.is_(None)).order_by(AuditRow.id).limit(limit)
        )
        return [_entry(r) for r in rows]

    def mark_synced(self, ids: Iterable[int], at: datetime) -> None:
        ids = list(ids)
        for i in range(0, len(ids), 500):
            self.session.execute(
                update(AuditRow).where(AuditRow.id.in_(ids[i : i + 500])).values(synced_at=at)
            )

    def count_unsynced(self) -> int:
        return int(
            self.session.scalar(
                select(func.count()).select_from(AuditRow).where(AuditRow.synced_at.is_(None))
            )
            or 0
        )


@dataclass(frozen=True, slots=True)
class StoredPin:
    role: str
    scheme: str
    params: dict[str, int]
    salt: bytes
    digest: bytes
    set_at: datetime
    set_by: str


class CredentialRepository:
    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self, role: str) -> StoredPin | None:
        row = self.session.get(StaffCredentialRow, role)
        if row is None:
            return None
        return StoredPin(
            row.role,
            row.scheme,
            {k: int(v) for k, v in row.params.items()},
            bytes.fromhex(row.salt),
            bytes.fromhex(row.digest),
            row.set_at,
            row.set_by,
        )

    def all(self) -> list[StoredPin]:
        roles = self.session.scalars(select(StaffCredentialRow.role))
        return [p for r in list(roles) if (p := self.get(r)) is not None]

    def put(self, pin: StoredPin) -> None:
        row = self.session.get(StaffCredentialRow, pin.role)
        if row is None:
            row = StaffCredentialRow(role=pin.role)
            self.session.add(row)
        row.scheme = pin.scheme
        row.params = dict(pin.params)
        row.salt = pin.salt.hex()
        row.digest = pin.digest.hex()
        row.set_at = pin.set_at
        row.set_by = pin.set_by[:40]
        self.session.flush()
