"""While the server learns the numbers given out since a restore, a kiosk can claim online
numbers the database does not know, but not any number: one token must not be able to use up
a day's series (9999) or climb there claim by claim. SQLite and PostgreSQL."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from central_harness import Mpp
from sqlalchemy import select

from central.catalogs import CatalogCache
from central.models import Counter
from central.numbering.allocation import allocate
from central.numbering.uploads import RECOVERY_MARGIN, Lost, upload_tickets
from mpp_core.domain.clock import service_day
from mpp_core.wire.protocol import MAX_ONLINE_SEQ, THREE_DIGIT_MAX
from mpp_core.wire.schemas import AllocateIn, TicketIn


def _online(seq: int, at: datetime) -> TicketIn:
    return TicketIn(
        ticket_id=str(uuid.uuid4()),
        request_id=uuid.uuid4().hex,
        gerai_code="dukcapil",
        service_code="ktp-el-baru",
        prefix="A",
        series="R",
        seq=seq,
        service_day=service_day(at),
        issued_at=at,
        source="online",
    )


def test_a_recovering_kiosk_cannot_claim_any_online_number(mpp: Mpp) -> None:
    published = CatalogCache(mpp.db, 60).get("test")
    assert published is not None
    k1, k2 = mpp.kiosks["k1"][0], mpp.kiosks["k2"][0]
    now = datetime.now(UTC)
    day = service_day(now)
    lost = Lost(day - timedelta(days=1), None, MAX_ONLINE_SEQ)  # a recovery is open
    # The restored database knows a few online numbers of the day.
    for i in range(3):
        with mpp.db.write() as s:
            req = AllocateIn(
                ticket_id=str(uuid.uuid4()), request_id=f"r{i}", service_code="ktp-el-baru"
            )
            assert allocate(s, k2, published, req, now) is not None

    def send(kiosk: Any, *seqs: int) -> list[dict[str, Any]]:
        with mpp.db.write() as s:
            return upload_tickets(s, kiosk, published, [_online(q, now) for q in seqs], now, lost)

    def last_r() -> int:
        with mpp.db.read() as s:
            row = s.scalar(select(Counter).where(Counter.gerai_code == "dukcapil"))
            assert row is not None
            return int(row.last_r)

    bound = THREE_DIGIT_MAX + RECOVERY_MARGIN
    refused = send(k1, MAX_ONLINE_SEQ, bound + 1)
    assert [r["status"] for r in refused] == ["conflict", "conflict"]
    assert {r["reason"] for r in refused} == {"not_allocated"}
    assert last_r() == 3
    # Numbers the others' tickets make plausible are taken (a restore lost them) ...
    assert [r["status"] for r in send(k1, 40, bound)] == ["created", "created"]
    assert last_r() == bound
    # ... but the kiosk's own claims do not move its bound: no climbing claim by claim.
    assert send(k1, bound + 1)[0]["status"] == "conflict"
    # Another kiosk's claim near the first one's is plausible for it (interleaved numbers).
    assert send(k2, bound + 50)[0]["status"] == "created"
    # The day's numbering goes on, far from the end of the series.
    with mpp.db.write() as s:
        req = AllocateIn(
            ticket_id=str(uuid.uuid4()), request_id="after", service_code="ktp-el-baru"
        )
        result = allocate(s, k2, published, req, now)
    assert result is not None and result.answer["seq"] == bound + 51 < MAX_ONLINE_SEQ
