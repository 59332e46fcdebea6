"""Uploads cannot talk the server into a wrong number (SQLite and PostgreSQL).

An online ticket must match an allocation made to that kiosk, an offline one a block leased to
it (under that lease id) or its emergency range; its service must be in a catalog published to
the MPP, with that gerai and prefix; its day must be the day it was issued. Each refusal is a
``conflict`` with a stable reason code, kept on the server, and never fails the rest of the
batch. Overlapping uploads of the same tickets are answered from what is stored.
"""

from __future__ import annotations

import threading
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from api_client import Client, count, lease, ticket, today, upload
from central_harness import Mpp, write_catalog
from sqlalchemy import select

from central.catalogs import import_catalog, publish
from central.models import Ticket, TicketConflict
from mpp_core.domain.clock import service_day
from mpp_core.wire.protocol import TICKET_REFUSALS


def reasons(results: list[dict[str, Any]]) -> list[str | None]:
    return [r.get("reason") if r["status"] == "conflict" else r["status"] for r in results]


def test_overlapping_uploads_of_the_same_tickets_are_never_conflicts(k1: Client, mpp: Mpp) -> None:
    """Two uploads of one batch at once (a retry racing the first try): each ticket is
    created once and the other answer is ``duplicate``, never ``conflict``."""
    block = lease(k1, size=100)
    seqs = iter(range(block["start"], block["end"] + 1))
    statuses: list[str] = []
    for _round in range(12):
        batch = [ticket(next(seqs), lease_id=block["lease_id"]) for _ in range(5)]
        start = threading.Barrier(2)
        answers: list[list[dict[str, Any]]] = []

        def send(
            batch: list[dict[str, Any]] = batch,
            start: threading.Barrier = start,
            answers: list[list[dict[str, Any]]] = answers,
        ) -> None:
            client = Client.__new__(Client)
            client.base, client.s = k1.base, k1.s.__class__()
            client.s.headers.update(k1.s.headers)
            start.wait()
            answers.append(upload(client, *batch))

        threads = [threading.Thread(target=send) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
        assert len(answers) == 2
        for res in answers:
            statuses += [r["status"] for r in res]
        for i in range(5):
            assert sorted(a[i]["status"] for a in answers) in (
                ["created", "duplicate"],
                ["duplicate", "duplicate"],
            ), answers
    assert "conflict" not in statuses
    assert count(mpp, Ticket) == 60 and count(mpp, TicketConflict) == 0


def test_an_online_claim_needs_an_allocation(k1: Client, k2: Client, mpp: Mpp) -> None:
    """Claiming A-9999 online used to exhaust the gerai's numbers for the day."""
    res = upload(k1, ticket(9999, source="online"))
    assert reasons(res) == ["not_allocated"]
    a = k1.allocate().json()
    assert a["seq"] == 1  # the series is untouched
    # Another kiosk cannot confirm k1's allocation either.
    res = upload(k2, ticket(a["seq"], source="online", tid=a["ticket_id"]))
    assert reasons(res) == ["ticket_id_taken"]
    assert reasons(upload(k1, ticket(a["seq"], source="online", tid=a["ticket_id"]))) == [
        "confirmed"
    ]


def test_an_allocated_ticket_cannot_be_rewritten(k1: Client, mpp: Mpp) -> None:
    tomorrow = (service_day(datetime.now(UTC)) + timedelta(days=1)).isoformat()

    def attempt(change: Any) -> tuple[str | None, dict[str, Any]]:
        a = k1.allocate().json()
        reason = reasons(upload(k1, change(a)))[0]
        with mpp.db.read() as s:
            t = s.get(Ticket, a["ticket_id"])
            assert t is not None
            assert (t.seq, t.service_code, t.state) == (a["seq"], "ktp-el-baru", "allocated")
        return reason, a

    def online(a: dict[str, Any], **kw: Any) -> dict[str, Any]:
        return ticket(a["seq"], source="online", tid=a["ticket_id"], **kw)

    assert attempt(lambda a: {**online(a), "seq": a["seq"] + 5})[0] == "online_mismatch"
    assert attempt(lambda a: online(a, day=tomorrow))[0] in ("wrong_day", "online_mismatch")
    assert attempt(lambda a: {**online(a), "service_code": "kk-baru"})[0] == "online_mismatch"
    offline = {"source": "emergency", "seq": 10_001}
    assert (
        attempt(lambda a: {**online(a), **offline, "service_code": "kk-baru"})[0]
        == "allocation_mismatch"
    )
    assert attempt(lambda a: {**online(a), **offline, "series": "P", "priority": "lansia"})[0] in (
        "allocation_mismatch",
    )
    # The printed offline number of the same service is taken (the online answer was lost).
    a = k1.allocate().json()
    res = upload(k1, {**online(a), **offline})
    assert reasons(res) == ["confirmed"] and res[0]["number"] == "A10001"


def test_service_gerai_prefix_series_and_day_must_be_right(k1: Client, mpp: Mpp) -> None:
    now = datetime.now(UTC)
    later = now + timedelta(days=3)
    base = ticket(10_001, source="emergency")
    cases = {
        "unknown_service": {**base, "service_code": "no-such-service"},
        "gerai_mismatch": {**base, "prefix": "B"},
        "series_mismatch": {**base, "series": "P"},
        "wrong_day": {**base, "service_day": service_day(later).isoformat()},
        "issued_in_future": {
            **base,
            "service_day": service_day(later).isoformat(),
            "issued_at": later.isoformat(),
        },
    }
    for reason, item in cases.items():
        res = upload(k1, {**item, "ticket_id": str(uuid.uuid4())})
        assert reasons(res) == [reason], (reason, res)
        assert res[0]["detail"]
    assert count(mpp, Ticket) == 0 and count(mpp, TicketConflict) == len(cases)
    with mpp.db.read() as s:
        assert set(s.scalars(select(TicketConflict.code))) == set(cases)
    assert set(cases) <= set(TICKET_REFUSALS)


def test_one_refused_item_never_fails_the_batch(k1: Client, mpp: Mpp) -> None:
    block = lease(k1)
    good = ticket(block["start"], lease_id=block["lease_id"])
    bad = ticket(5, lease_id=block["lease_id"])  # not in the block
    also_good = ticket(10_001, source="emergency")
    res = upload(k1, good, bad, also_good)
    assert reasons(res) == ["created", "not_in_lease", "created"]
    # Sent again: the stored results, the refusal included.
    again = upload(k1, good, bad, also_good)
    assert reasons(again) == ["duplicate", "not_in_lease", "duplicate"]
    assert again[1]["detail"] == res[1]["detail"]


def test_a_lease_id_must_be_one_of_the_kiosks_leases(k1: Client, k2: Client, mpp: Mpp) -> None:
    mine = lease(k1)
    theirs = lease(k2)
    # In k1's block, but under k2's lease id (or one that does not exist).
    for lease_id in (theirs["lease_id"], 2**31 - 1):
        res = upload(k1, ticket(mine["start"], lease_id=lease_id))
        assert reasons(res) == ["not_in_lease"]
    # In k2's block, under k1's lease id.
    assert reasons(upload(k1, ticket(theirs["start"], lease_id=mine["lease_id"]))) == [
        "not_in_lease"
    ]
    # A lease id no database column can hold is a 422, not a server error.
    r = k1.post("/tickets/batch", {"tickets": [ticket(mine["start"], lease_id=2**40)]})
    assert r.status_code == 422 and r.json()["reason"] == "invalid_request"
    assert reasons(upload(k1, ticket(mine["start"], lease_id=mine["lease_id"]))) == ["created"]


def test_a_confirmed_ticket_sent_with_another_number_is_refused(k1: Client, mpp: Mpp) -> None:
    t = ticket(10_001, source="emergency")
    assert reasons(upload(k1, t)) == ["created"]
    res = upload(k1, {**t, "seq": 10_002})
    assert reasons(res) == ["differs_from_stored"] and res[0]["number"] == "A10001"
    with mpp.db.read() as s:
        assert s.scalars(select(Ticket.seq)).one() == 10_001


def test_a_service_from_an_earlier_published_catalog_is_still_taken(
    k1: Client, mpp: Mpp, tmp_path: Path
) -> None:
    """A kiosk that has not yet pulled the newest catalog (or one rolled back) still uploads
    tickets for services it was given."""
    import_catalog(mpp.db, write_catalog(tmp_path / "v2", version="e2e-2", extra_service=True))
    publish(mpp.db)
    publish(mpp.db, version="e2e-1")  # rolled back: sik-perawat is not in the current one
    item = {**ticket(10_001, source="emergency"), "service_code": "sik-perawat"}
    item.update(gerai_code="dinkes", prefix="B")
    assert reasons(upload(k1, item)) == ["created"]


@pytest.mark.parametrize("source", ["online", "lease", "emergency"])
def test_every_refusal_is_kept_for_staff(k1: Client, mpp: Mpp, source: str) -> None:
    res = upload(k1, {**ticket(1, source=source), "prefix": "B"})
    assert res[0]["status"] == "conflict" and res[0]["reason"] == "gerai_mismatch"
    with mpp.db.read() as s:
        row = s.scalars(select(TicketConflict)).one()
        assert row.code == "gerai_mismatch" and row.payload["source"] == source
    assert today()
