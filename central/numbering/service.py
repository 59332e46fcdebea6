"""The numbering service: the one object the API calls for queue numbers.

:class:`Numbering` runs each request in its transaction (again, if it lost a race on a unique
key) and hands the work to the modules of this package; refusals are :class:`NumberingError`
with the HTTP status to answer.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.orm import Session

from central.catalogs import Published
from central.db import Database
from central.kiosks import KioskAuth
from central.numbering.allocation import (
    allocate,
    allocate_one_statement,
    fast_path_allowed,
    replay,
)
from central.numbering.counters import NumberingError
from central.numbering.leases import grant_leases
from central.numbering.queue import queue_state
from central.numbering.uploads import upload_tickets
from central.settings import Settings
from mpp_core.wire.schemas import AllocateIn, LeaseRequestIn, TicketIn


class _Replay(Exception):
    """The ticket id is known: answer from the database instead."""


class Numbering:
    """Online numbers, leased blocks, uploads and queue state for one server process."""

    def __init__(self, db: Database, settings: Settings) -> None:
        self.db = db
        self.settings = settings

    def allocate(
        self, kiosk: KioskAuth, published: Published | None, req: AllocateIn
    ) -> dict[str, Any]:
        """The next number for a service, idempotent by ``req.ticket_id``: the kiosk's answer.

        On PostgreSQL a service without a quota is numbered in one statement; otherwise (and
        whenever that path declines) in a transaction. A retried request that already got a
        number rolls its new draw back and is answered from the database.
        """
        if published is None:
            raise NumberingError(409, "no_catalog", "no catalog has been published for this MPP")
        pub = published
        if not self.db.is_sqlite and fast_path_allowed(pub, req.service_code):
            with self.db.autocommit() as conn:
                fast = allocate_one_statement(conn, kiosk, pub, req, datetime.now(UTC))
            if fast is not None:
                return fast.answer

        def run(s: Session) -> dict[str, Any]:
            result = allocate(s, kiosk, pub, req, datetime.now(UTC))
            if result is None:
                raise _Replay  # a retried request: roll back, its number goes back
            return result.answer

        try:
            return self.db.run_write(run)
        except _Replay:
            pass
        with self.db.read() as s:
            again = replay(s, kiosk, req)
        if again is None:
            raise NumberingError(503, "retry", "try again")
        return again.answer

    def grant_leases(
        self, kiosk: KioskAuth, published: Published | None, requests: Sequence[LeaseRequestIn]
    ) -> list[dict[str, Any]]:
        """Blocks of numbers for offline use, one answer per request (in request order)."""
        return self.db.run_write(
            lambda s: grant_leases(s, kiosk, published, requests, datetime.now(UTC), self.settings)
        )

    def upload(
        self, kiosk: KioskAuth, published: Published | None, tickets: Sequence[TicketIn]
    ) -> list[dict[str, Any]]:
        """Tickets the kiosk committed: one result per ticket (created, confirmed, duplicate,
        conflict)."""
        return self.db.run_write(
            lambda s: upload_tickets(s, kiosk, published, tickets, datetime.now(UTC))
        )

    def queue(
        self, kiosk: KioskAuth, published: Published | None, now: datetime
    ) -> list[dict[str, Any]]:
        """People waiting and the expected wait per gerai of the kiosk's MPP at ``now``."""
        with self.db.read() as s:
            return queue_state(s, kiosk.mpp_code, published, now)
