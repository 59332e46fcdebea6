"""The numbering service: the one object the API calls for queue numbers.

:class:`Numbering` runs each request in its transaction (again, if it lost a race on a unique
key) and hands the work to the modules of this package; refusals are :class:`NumberingError`
with the HTTP status to answer.
"""

from __future__ import annotations

import threading
import time
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
from central.numbering.recovery import (
    RecoveryInfo,
    begin,
    current,
    finish,
    latest,
    lost_numbers,
    report,
    waiting_for,
)
from central.numbering.uploads import upload_tickets
from central.settings import Settings
from mpp_core.wire.schemas import AllocateIn, LeaseRequestIn, RecoveryReportIn, TicketIn

RECOVERY_CACHE_S = 1.0  # how long a process trusts what it last read of a recovery
RETRY_AFTER_S = 30


class _Replay(Exception):
    """The ticket id is known: answer from the database instead."""


class Numbering:
    """Online numbers, leased blocks, uploads and queue state for one server process."""

    def __init__(self, db: Database, settings: Settings) -> None:
        self.db = db
        self.settings = settings
        self._recovery: dict[str, tuple[float, RecoveryInfo | None]] = {}
        self._recovery_lock = threading.Lock()

    # ------------------------------------------------------------------------ recovery

    def _latest_recovery(self, mpp: str) -> RecoveryInfo | None:
        """The MPP's latest recovery, open or ended (re-read at most every second)."""
        now_m = time.monotonic()
        with self._recovery_lock:
            hit = self._recovery.get(mpp)
        if hit is not None and now_m - hit[0] < RECOVERY_CACHE_S:
            return hit[1]
        with self.db.read() as s:
            info = latest(s, mpp)
        with self._recovery_lock:
            self._recovery[mpp] = (now_m, info)
        return info

    def recovery(self, mpp: str, published: Published | None = None) -> RecoveryInfo | None:
        """The MPP's open recovery after a restore, or None. A recovery whose deadline has
        passed is ended here (see ``recovery.finish``)."""
        info = self._latest_recovery(mpp)
        if info is None or info.ended_at is not None:
            return None
        if info.deadline is not None and info.deadline <= datetime.now(UTC):
            self.end_recovery(info, "deadline", published)
            return None
        return info

    def end_recovery(self, info: RecoveryInfo, reason: str, published: Published | None) -> None:
        def run(s: Session) -> None:
            still = current(s, info.mpp_code)
            if still is not None and still.id == info.id:
                finish(
                    s, info, reason, datetime.now(UTC), published, self.settings.lease_days_ahead
                )

        self.db.run_write(run)
        with self._recovery_lock:
            self._recovery.pop(info.mpp_code, None)

    def begin_recovery(self, since: datetime, minutes: float | None) -> list[RecoveryInfo]:
        """After a restore: a recovery for every MPP (``mpp-central restore``)."""
        return self.db.run_write(lambda s: begin(s, since, datetime.now(UTC), minutes))

    def recovery_waiting_for(self, info: RecoveryInfo) -> list[str]:
        with self.db.read() as s:
            return waiting_for(s, info)

    def report_recovery(
        self, kiosk: KioskAuth, published: Published | None, body: RecoveryReportIn
    ) -> dict[str, Any]:
        """A kiosk's report during a recovery (its blocks; whether it re-sent everything)."""
        answer = self.db.run_write(
            lambda s: report(
                s,
                kiosk,
                body.recovery_id,
                body.leases,
                body.complete,
                datetime.now(UTC),
                published,
                self.settings.lease_days_ahead,
            )
        )
        with self._recovery_lock:
            self._recovery.pop(kiosk.mpp_code, None)
        return answer

    # ------------------------------------------------------------------------ numbers

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
        if self.recovery(kiosk.mpp_code, published) is not None:
            raise NumberingError(
                503,
                "recovering",
                "the server is learning the numbers given out since a restore; number offline",
                RETRY_AFTER_S,
            )
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
        recovering = self.recovery(kiosk.mpp_code, published) is not None
        return self.db.run_write(
            lambda s: grant_leases(
                s, kiosk, published, requests, datetime.now(UTC), self.settings, recovering
            )
        )

    def upload(
        self, kiosk: KioskAuth, published: Published | None, tickets: Sequence[TicketIn]
    ) -> list[dict[str, Any]]:
        """Tickets the kiosk committed: one result per ticket (created, confirmed, duplicate,
        conflict with a reason code)."""
        self.recovery(kiosk.mpp_code, published)  # ends one whose deadline has passed
        lost = lost_numbers(self._latest_recovery(kiosk.mpp_code), self.settings.lease_days_ahead)
        return self.db.run_write(
            lambda s: upload_tickets(s, kiosk, published, tickets, datetime.now(UTC), lost)
        )

    def queue(
        self, kiosk: KioskAuth, published: Published | None, now: datetime
    ) -> list[dict[str, Any]]:
        """People waiting and the expected wait per gerai of the kiosk's MPP at ``now``."""
        with self.db.read() as s:
            return queue_state(s, kiosk.mpp_code, published, now)
