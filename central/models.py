"""SQLAlchemy 2 models of the central database (SQLite or PostgreSQL).

Times are stored as naive UTC in ``timestamp without time zone`` columns on both databases
and read back aware (:class:`UTCDateTime`), so the same code runs on either.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from mpp_core.db.tickets import (
    SLOT_AFTER_ESTIMATE,
    SLOT_AFTER_ID,
    SLOT_AFTER_ISSUED_AT,
    SLOT_AFTER_PRIORITY,
    TicketColumns,
)
from mpp_core.db.types import UTCDateTime
from mpp_core.wire.protocol import THREE_DIGIT_MAX

# Where the leased blocks start: leases are carved from the top of the three-digit range
# downwards while online numbers count up from 1, so the two never meet in a normal day.
LEASE_CEILING = THREE_DIGIT_MAX + 1  # the first number above the three-digit range (1000)


class Base(DeclarativeBase):
    pass


class Mpp(Base):
    """One Mal Pelayanan Publik: its kiosks, catalog releases and queues."""

    __tablename__ = "mpp"

    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(120), default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Kiosk(Base):
    __tablename__ = "kiosk"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    mpp_code: Mapped[str] = mapped_column(ForeignKey("mpp.code"))
    name: Mapped[str] = mapped_column(String(64), unique=True)
    # Emergency numbers (offline with no leased number left) are slot * 10000 + n.
    slot: Mapped[int] = mapped_column(Integer)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)  # sha256 hex
    token_hint: Mapped[str] = mapped_column(String(16))  # the first characters, for logs
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    # The last heartbeat, for staff dashboards and `mpp-central kiosk list`.
    last_seen_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    app_version: Mapped[str | None] = mapped_column(String(40), nullable=True)
    catalog_version: Mapped[str | None] = mapped_column(String(64), nullable=True)
    printer_state: Mapped[str | None] = mapped_column(String(32), nullable=True)
    paper_left_pct: Mapped[float | None] = mapped_column(Float, nullable=True)
    outbox_length: Mapped[int | None] = mapped_column(Integer, nullable=True)
    clock_skew_s: Mapped[float | None] = mapped_column(Float, nullable=True)
    last_error: Mapped[str | None] = mapped_column(String(300), nullable=True)

    __table_args__ = (Index("ix_kiosk_mpp_slot", "mpp_code", "slot"),)


class Heartbeat(Base):
    """Every heartbeat as received (the kiosk row keeps the latest)."""

    __tablename__ = "heartbeat"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kiosk_id: Mapped[int] = mapped_column(ForeignKey("kiosk.id"))
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)

    __table_args__ = (Index("ix_heartbeat_kiosk", "kiosk_id", "received_at"),)


class CatalogRelease(Base):
    """An imported catalog; the published one with the latest ``published_at`` is served."""

    __tablename__ = "catalog_release"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    mpp_code: Mapped[str] = mapped_column(ForeignKey("mpp.code"))
    version: Mapped[str] = mapped_column(String(64))
    etag: Mapped[str] = mapped_column(String(64))
    files: Mapped[dict[str, Any]] = mapped_column(JSON)  # file name -> parsed JSON document
    gerai_count: Mapped[int] = mapped_column(Integer)
    service_count: Mapped[int] = mapped_column(Integer)
    source: Mapped[str] = mapped_column(String(300), default="")
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)

    __table_args__ = (
        UniqueConstraint("mpp_code", "version", name="uq_release_version"),
        Index("ix_release_published", "mpp_code", "published_at"),
    )


class Counter(Base):
    """Numbers handed out per gerai and service day: online upwards, leases downwards.

    The row is also the lock that serialises everything touching one gerai's queue.
    """

    __tablename__ = "number_counter"

    mpp_code: Mapped[str] = mapped_column(String(40), primary_key=True)
    gerai_code: Mapped[str] = mapped_column(String(40), primary_key=True)
    service_day: Mapped[date] = mapped_column(Date, primary_key=True)
    last_r: Mapped[int] = mapped_column(Integer, default=0)  # last online regular number
    last_p: Mapped[int] = mapped_column(Integer, default=0)  # last online priority number
    floor_r: Mapped[int] = mapped_column(Integer, default=LEASE_CEILING)  # lowest leased
    floor_p: Mapped[int] = mapped_column(Integer, default=LEASE_CEILING)


class Lease(Base):
    """A block of numbers one kiosk may issue while offline."""

    __tablename__ = "number_lease"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    request_key: Mapped[str] = mapped_column(String(36), unique=True)  # client UUID
    kiosk_id: Mapped[int] = mapped_column(ForeignKey("kiosk.id"))
    mpp_code: Mapped[str] = mapped_column(String(40))
    gerai_code: Mapped[str] = mapped_column(String(40))
    service_day: Mapped[date] = mapped_column(Date)
    series: Mapped[str] = mapped_column(String(1))
    start_seq: Mapped[int] = mapped_column(Integer)
    end_seq: Mapped[int] = mapped_column(Integer)  # inclusive
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)

    __table_args__ = (Index("ix_lease_kiosk", "kiosk_id", "gerai_code", "service_day", "series"),)


class Ticket(TicketColumns, Base):
    """Every ticket any kiosk issued, once. The number is unique per gerai, day and series.

    The columns the kiosk's ticket table has too are in ``TicketColumns``; these are the
    server's own."""

    __tablename__ = "ticket"

    mpp_code: Mapped[str] = mapped_column(String(40), sort_order=SLOT_AFTER_ID)
    kiosk_id: Mapped[int] = mapped_column(ForeignKey("kiosk.id"), sort_order=SLOT_AFTER_ID + 1)
    request_id: Mapped[str] = mapped_column(String(64), sort_order=SLOT_AFTER_ID + 2)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime, sort_order=SLOT_AFTER_ISSUED_AT)
    # online, lease, emergency
    source: Mapped[str] = mapped_column(String(10), sort_order=SLOT_AFTER_PRIORITY)
    # allocated: numbered online, not yet confirmed by the kiosk's outbox; confirmed: the
    # kiosk committed (and printed) it. Reports count confirmed tickets.
    state: Mapped[str] = mapped_column(String(10), sort_order=SLOT_AFTER_PRIORITY + 1)
    lease_id: Mapped[int | None] = mapped_column(
        Integer, nullable=True, sort_order=SLOT_AFTER_PRIORITY + 2
    )
    # When the model expects service to start (issue order, `counters` counters,
    # `avg_service_minutes` each). Late offline tickets are placed by issue time.
    queue_start: Mapped[datetime | None] = mapped_column(
        UTCDateTime, nullable=True, sort_order=SLOT_AFTER_ESTIMATE
    )
    flag: Mapped[str | None] = mapped_column(
        String(40), nullable=True, sort_order=SLOT_AFTER_ESTIMATE + 1
    )

    __table_args__ = (
        UniqueConstraint(
            "mpp_code", "gerai_code", "service_day", "series", "seq", name="uq_ticket_number"
        ),
        Index("ix_ticket_queue", "mpp_code", "gerai_code", "service_day", "queue_start"),
        Index("ix_ticket_issued", "mpp_code", "gerai_code", "service_day", "issued_at"),
        Index("ix_ticket_service_day", "mpp_code", "service_day", "service_code"),
    )


class TicketConflict(Base):
    """An uploaded ticket the server could not accept as it is (kept for staff, never lost)."""

    __tablename__ = "ticket_conflict"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    ticket_id: Mapped[str] = mapped_column(String(36))
    kiosk_id: Mapped[int] = mapped_column(ForeignKey("kiosk.id"))
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)
    reason: Mapped[str] = mapped_column(String(200))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    # The stable reason code answered with it (docs/sync.md); NULL on rows from before 0002.
    code: Mapped[str | None] = mapped_column(String(40), nullable=True)

    __table_args__ = (UniqueConstraint("ticket_id", "kiosk_id", name="uq_conflict_ticket"),)


class Feedback(Base):
    """A visitor's rating (and optional comment), uploaded from a kiosk's outbox."""

    __tablename__ = "feedback"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)  # the kiosk's UUID
    mpp_code: Mapped[str] = mapped_column(String(40))
    kiosk_id: Mapped[int] = mapped_column(ForeignKey("kiosk.id"))
    rating: Mapped[int] = mapped_column(Integer)
    gerai_code: Mapped[str | None] = mapped_column(String(40), nullable=True)
    service_code: Mapped[str | None] = mapped_column(String(48), nullable=True)
    ticket_id: Mapped[str | None] = mapped_column(String(36), nullable=True)
    comment: Mapped[str | None] = mapped_column(String(500), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)


class AuditEntry(Base):
    """A kiosk's staff audit log entry (who did what on the kiosk), uploaded once."""

    __tablename__ = "audit_entry"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kiosk_id: Mapped[int] = mapped_column(ForeignKey("kiosk.id"))
    entry_id: Mapped[int] = mapped_column(BigInteger)  # the kiosk's own id for the entry
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    actor: Mapped[str] = mapped_column(String(20))
    action: Mapped[str] = mapped_column(String(40))
    detail: Mapped[dict[str, Any]] = mapped_column(JSON)
    received_at: Mapped[datetime] = mapped_column(UTCDateTime)

    __table_args__ = (UniqueConstraint("kiosk_id", "entry_id", name="uq_audit_entry"),)


class ServerState(Base):
    """Small facts about the server itself (``backup_started_at``: see ``central.backup``)."""

    __tablename__ = "server_state"

    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Recovery(Base):
    """After a restore: numbers handed out since ``since`` are unknown until the kiosks report
    them (``central.numbering.recovery``). Open while ``ended_at`` is NULL."""

    __tablename__ = "recovery"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    mpp_code: Mapped[str] = mapped_column(String(40))
    since: Mapped[datetime] = mapped_column(UTCDateTime)
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    deadline: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    end_reason: Mapped[str | None] = mapped_column(String(20), nullable=True)

    __table_args__ = (Index("ix_recovery_open", "mpp_code", "ended_at"),)


class RecoveryReport(Base):
    """A kiosk's report during a recovery: its leases, and whether it has sent everything."""

    __tablename__ = "recovery_report"

    recovery_id: Mapped[int] = mapped_column(ForeignKey("recovery.id"), primary_key=True)
    kiosk_id: Mapped[int] = mapped_column(ForeignKey("kiosk.id"), primary_key=True)
    reported_at: Mapped[datetime] = mapped_column(UTCDateTime)
    complete: Mapped[bool] = mapped_column(Boolean)
    leases: Mapped[int] = mapped_column(Integer)
