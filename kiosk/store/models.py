"""SQLAlchemy 2 models of the kiosk's local database."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Boolean, Date, ForeignKey, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from mpp_core.db.tickets import SLOT_AFTER_ESTIMATE, SLOT_AFTER_ID, TicketColumns
from mpp_core.db.types import UTCDateTime


class Base(DeclarativeBase):
    pass


class CatalogMetaRow(Base):
    """The catalog's mpp.json, whole. ``schema_version`` 1 marks a catalog kept from before
    the English fields (migration 0004): its English is empty and is shown in Indonesian."""

    __tablename__ = "catalog_meta"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)  # always 1
    schema_version: Mapped[int] = mapped_column(Integer)
    version: Mapped[str] = mapped_column(String(64))
    mpp: Mapped[dict[str, Any]] = mapped_column(JSON)
    default_hours: Mapped[dict[str, Any]] = mapped_column(JSON)
    holidays: Mapped[list[Any]] = mapped_column(JSON)
    source: Mapped[str] = mapped_column(String(200), default="")
    applied_at: Mapped[datetime] = mapped_column(UTCDateTime)


class GeraiRow(Base):
    __tablename__ = "gerai"

    code: Mapped[str] = mapped_column(String(40), primary_key=True)
    name: Mapped[str] = mapped_column(String(40))
    name_en: Mapped[str] = mapped_column(String(40))
    agency: Mapped[str] = mapped_column(String(200))
    prefix: Mapped[str] = mapped_column(String(2), unique=True)
    # "" when the catalog does not know where the gerai is (null in the catalog files).
    location: Mapped[str] = mapped_column(String(120))
    location_en: Mapped[str] = mapped_column(String(120))
    display_order: Mapped[int] = mapped_column(Integer, unique=True)
    color: Mapped[str] = mapped_column(String(7))
    icon: Mapped[str] = mapped_column(String(40))
    state: Mapped[str] = mapped_column(String(10))
    hours: Mapped[dict[str, Any] | None] = mapped_column(JSON, nullable=True)
    holidays: Mapped[list[Any]] = mapped_column(JSON)
    counters: Mapped[int] = mapped_column(Integer)
    avg_service_minutes: Mapped[int] = mapped_column(Integer)
    # Added by migration 0004: at the end (the migrated column order is the models') and with
    # the defaults it added them with (SQLite adds columns in place; no table is rebuilt).
    agency_en: Mapped[str] = mapped_column(String(200), server_default="")
    # [{"code", "name", "name_en"}], in order
    groups: Mapped[list[Any]] = mapped_column(JSON, server_default="[]")


class ServiceRow(Base):
    __tablename__ = "service"

    code: Mapped[str] = mapped_column(String(48), primary_key=True)
    gerai_code: Mapped[str] = mapped_column(ForeignKey("gerai.code", ondelete="CASCADE"))
    display_order: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(120))
    name_en: Mapped[str] = mapped_column(String(120))
    keywords: Mapped[list[str]] = mapped_column(JSON)
    # [{"text", "text_en", "form", "note", "note_en"}]
    requirements: Mapped[list[Any]] = mapped_column(JSON)
    procedure: Mapped[list[Any]] = mapped_column(JSON)  # [{"text", "text_en"}]
    processing_time: Mapped[str] = mapped_column(String(120))
    fee_rp: Mapped[int | None] = mapped_column(Integer, nullable=True)
    fee_note: Mapped[str | None] = mapped_column(String(500), nullable=True)
    product: Mapped[str] = mapped_column(String(500))
    complaints: Mapped[str] = mapped_column(String(500))
    online_url: Mapped[str | None] = mapped_column(String(300), nullable=True)
    adm: Mapped[bool] = mapped_column(Boolean)
    needs_queue: Mapped[bool] = mapped_column(Boolean)
    daily_quota: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # Added by migration 0004: at the end and with the defaults it added them with.
    group_code: Mapped[str | None] = mapped_column(String(40), nullable=True)
    # [{"text", "text_en"}]
    conditions: Mapped[list[Any]] = mapped_column(JSON, server_default="[]")
    processing_time_en: Mapped[str] = mapped_column(String(120), server_default="")
    fee_note_en: Mapped[str | None] = mapped_column(String(500), nullable=True)
    product_en: Mapped[str] = mapped_column(String(500), server_default="")
    complaints_en: Mapped[str] = mapped_column(String(500), server_default="")

    __table_args__ = (Index("ix_service_gerai", "gerai_code", "display_order"),)


class CounterRow(Base):
    """The last number drawn per gerai, service day and series."""

    __tablename__ = "number_counter"

    gerai_code: Mapped[str] = mapped_column(String(40), primary_key=True)
    service_day: Mapped[date] = mapped_column(Date, primary_key=True)
    series: Mapped[str] = mapped_column(String(1), primary_key=True)
    last_seq: Mapped[int] = mapped_column(Integer)


class TicketRow(TicketColumns, Base):
    """A ticket this kiosk issued (the columns shared with the server's in ``TicketColumns``)."""

    __tablename__ = "ticket"

    request_id: Mapped[str] = mapped_column(String(64), unique=True, sort_order=SLOT_AFTER_ID)
    kiosk_id: Mapped[str] = mapped_column(String(64), default="", sort_order=SLOT_AFTER_ID + 1)
    print_state: Mapped[str] = mapped_column(
        String(10), default="pending", sort_order=SLOT_AFTER_ESTIMATE
    )
    print_attempts: Mapped[int] = mapped_column(
        Integer, default=0, sort_order=SLOT_AFTER_ESTIMATE + 1
    )
    print_message: Mapped[str | None] = mapped_column(
        String(300), nullable=True, sort_order=SLOT_AFTER_ESTIMATE + 2
    )

    __table_args__ = (
        UniqueConstraint("gerai_code", "service_day", "series", "seq", name="uq_ticket_number"),
        Index("ix_ticket_day_gerai", "service_day", "gerai_code"),
        Index("ix_ticket_day_service", "service_day", "service_code"),
        Index("ix_ticket_print_state", "print_state"),
    )


class SettingRow(Base):
    """Small kiosk state kept across restarts (paper left, paused flag, ...)."""

    __tablename__ = "kiosk_state"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[Any] = mapped_column(JSON)


class OutboxRow(Base):
    """Something to send to the central server, written in the same commit as what it reports.

    ``key`` is the item's UUID (a ticket's id): the server's idempotency key, so sending an item
    again after a crash is harmless.
    """

    __tablename__ = "outbox"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    kind: Mapped[str] = mapped_column(String(20))  # "ticket", "feedback"
    key: Mapped[str] = mapped_column(String(64))
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    state: Mapped[str] = mapped_column(String(10), default="pending")  # pending, sent, rejected
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    last_error: Mapped[str | None] = mapped_column(String(300), nullable=True)

    __table_args__ = (
        UniqueConstraint("kind", "key", name="uq_outbox_item"),
        Index("ix_outbox_state", "state", "id"),
    )


class LeaseRow(Base):
    """A block of numbers this kiosk may issue offline (leased from the server), or its
    emergency range for a gerai, day and series."""

    __tablename__ = "number_lease"

    id: Mapped[str] = mapped_column(String(80), primary_key=True)  # server lease id, or local
    kind: Mapped[str] = mapped_column(String(10))  # "lease", "emergency"
    gerai_code: Mapped[str] = mapped_column(String(40))
    service_day: Mapped[date] = mapped_column(Date)
    series: Mapped[str] = mapped_column(String(1))
    start_seq: Mapped[int] = mapped_column(Integer)
    end_seq: Mapped[int] = mapped_column(Integer)  # inclusive
    next_seq: Mapped[int] = mapped_column(Integer)  # the next unused number of the block
    obtained_at: Mapped[datetime] = mapped_column(UTCDateTime)

    __table_args__ = (Index("ix_lease_pick", "gerai_code", "service_day", "series", "kind"),)


class AuditRow(Base):
    """One thing staff or a technician did on the kiosk (who, what, when), kept on the kiosk
    and sent to the central server when there is one (``synced_at``)."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime)
    kiosk_id: Mapped[str] = mapped_column(String(64))
    actor: Mapped[str] = mapped_column(String(20))  # staff, technician, system, cli
    action: Mapped[str] = mapped_column(String(40))
    detail: Mapped[dict[str, Any]] = mapped_column(JSON)
    synced_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)

    __table_args__ = (
        Index("ix_audit_at", "at"),
        Index("ix_audit_unsynced", "synced_at", "id"),
    )


class StaffCredentialRow(Base):
    """A role's PIN as a salted slow hash (never the PIN itself)."""

    __tablename__ = "staff_credential"

    role: Mapped[str] = mapped_column(String(20), primary_key=True)  # staff, technician
    scheme: Mapped[str] = mapped_column(String(20))  # "scrypt"
    params: Mapped[dict[str, Any]] = mapped_column(JSON)  # {"n": ..., "r": ..., "p": ...}
    salt: Mapped[str] = mapped_column(String(64))  # hex
    digest: Mapped[str] = mapped_column(String(128))  # hex
    set_at: Mapped[datetime] = mapped_column(UTCDateTime)
    set_by: Mapped[str] = mapped_column(String(40))
