"""The ticket columns the kiosk's database and the central server's describe alike.

Both ``ticket`` tables hold the same facts about a ticket (its id, gerai and service, number,
service day, issue time, priority and queue estimate); each adds its own columns: the kiosk its
request id (unique there), kiosk name and print state, the server the MPP, the kiosk's id, the
request id, and what it knows about the ticket's arrival, source and queue place.

``sort_order`` keeps each table's column order exactly as its migrations create it: the shared
columns take the slots below, and each model puts its own columns between them with
:data:`SLOT_AFTER_ID`, :data:`SLOT_AFTER_ISSUED_AT`, :data:`SLOT_AFTER_PRIORITY` and
:data:`SLOT_AFTER_ESTIMATE` (plus a small offset for a second column in one gap).
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from mpp_core.db.types import UTCDateTime

SLOT_AFTER_ID = 20
SLOT_AFTER_ISSUED_AT = 50
SLOT_AFTER_PRIORITY = 70
SLOT_AFTER_ESTIMATE = 90


class TicketColumns:
    """Declarative mixin: the columns every ``ticket`` table has.

    The estimates default to 0 in Python only (the database has no defaults)."""

    id: Mapped[str] = mapped_column(String(36), primary_key=True, sort_order=10)  # UUID
    gerai_code: Mapped[str] = mapped_column(String(40), sort_order=40)
    service_code: Mapped[str] = mapped_column(String(48), sort_order=41)
    prefix: Mapped[str] = mapped_column(String(2), sort_order=42)
    series: Mapped[str] = mapped_column(String(1), sort_order=43)  # "R" regular, "P" priority
    seq: Mapped[int] = mapped_column(Integer, sort_order=44)
    number: Mapped[str] = mapped_column(String(12), sort_order=45)  # "A001", "AP001"
    service_day: Mapped[date] = mapped_column(Date, sort_order=46)  # the WIB day
    issued_at: Mapped[datetime] = mapped_column(UTCDateTime, sort_order=47)
    priority: Mapped[str | None] = mapped_column(String(20), nullable=True, sort_order=60)
    people_ahead: Mapped[int] = mapped_column(Integer, default=0, sort_order=80)
    est_wait_minutes: Mapped[int] = mapped_column(Integer, default=0, sort_order=81)
