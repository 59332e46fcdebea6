"""The /api/v1 API over HTTP, on SQLite and on PostgreSQL."""

from __future__ import annotations

import logging
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import requests
from api_client import API, Client, count, lease, ticket, today, uid, upload
from central_harness import Mpp, ThreadServer, write_catalog
from sqlalchemy import func, select

from central.catalogs import import_catalog, publish
from central.kiosks import revoke_kiosk
from central.models import Heartbeat, Kiosk, Lease, Ticket, TicketConflict
from mpp_core.catalog.files import read_catalog_dir
from mpp_core.domain.clock import service_day
from mpp_core.wire.protocol import canonical_catalog_docs, catalog_etag

# ------------------------------------------------------------------------------ auth


def test_health_needs_no_token_and_every_answer_carries_the_server_time(
    server: ThreadServer,
) -> None:
    r = requests.get(server.url + API + "/health", timeout=5)
    assert r.status_code == 200
    assert r.json()["status"] == "ok"
    assert abs(float(r.headers["X-Server-Time"]) - datetime.now(UTC).timestamp()) < 5


@pytest.mark.parametrize("header", [None, "Bearer nope-not-a-token", "Basic abc", "Bearer "])
def test_missing_or_wrong_token_is_401(server: ThreadServer, header: str | None) -> None:
    headers = {"Authorization": header} if header is not None else {}
    r = requests.get(server.url + API + "/kiosk", headers=headers, timeout=5)
    assert r.status_code == 401
    assert r.headers["WWW-Authenticate"] == "Bearer"
    assert "token" in r.json()["detail"]


def test_a_wrong_token_is_never_logged_in_full(
    server: ThreadServer, caplog: pytest.LogCaptureFixture
) -> None:
    secret = "mppk_" + "S3cr3tV4lu3" * 4
    with caplog.at_level(logging.INFO):
        r = requests.get(
            server.url + API + "/kiosk", headers={"Authorization": f"Bearer {secret}"}, timeout=5
        )
    assert r.status_code == 401
    assert "mppk_S3cr" in caplog.text  # a hint, for the operator
    assert secret not in caplog.text
    assert secret[:20] not in caplog.text


def test_401_comes_before_the_body_is_looked_at(server: ThreadServer) -> None:
    r = requests.post(
        server.url + API + "/tickets/allocate",
        data=b"{not json",
        headers={"Content-Type": "application/json"},
        timeout=5,
    )
    assert r.status_code == 401


def test_a_revoked_token_stops_working(server: ThreadServer, mpp: Mpp, k1: Client) -> None:
    assert k1.get("/kiosk").status_code == 200
    revoke_kiosk(mpp.db, "k1")
    r = k1.get("/kiosk")
    assert r.status_code == 401
    assert k1.allocate().status_code == 401


def test_whoami(k1: Client) -> None:
    body = k1.get("/kiosk").json()
    assert body["kiosk"] == "k1" and body["mpp"] == "test" and body["slot"] == 1


# ------------------------------------------------------------------------------ catalog


def test_catalog_has_an_etag_the_kiosk_can_compute_and_answers_304_when_unchanged(
    k1: Client, mpp: Mpp
) -> None:
    r = k1.get("/catalog")
    assert r.status_code == 200
    body = r.json()
    local = read_catalog_dir(mpp.catalog_dir)
    etag = catalog_etag(canonical_catalog_docs(local))
    assert body["etag"] == etag and r.headers["ETag"] == f'"{etag}"'
    assert body["version"] == "e2e-1" and set(body["files"]) == {
        "mpp.json",
        "01-dukcapil.json",
        "02-dinkes.json",
        "03-imigrasi.json",
    }
    assert k1.get("/catalog", headers={"If-None-Match": f'"{etag}"'}).status_code == 304
    assert k1.get("/catalog", headers={"If-None-Match": f'W/"x", "{etag}"'}).status_code == 304
    assert k1.get("/catalog", headers={"If-None-Match": '"other"'}).status_code == 200


def test_a_newly_published_catalog_changes_the_etag(k1: Client, mpp: Mpp, tmp_path: Path) -> None:
    old = k1.get("/catalog").json()["etag"]
    import_catalog(mpp.db, write_catalog(tmp_path / "v2", version="e2e-2", extra_service=True))
    assert k1.get("/catalog", headers={"If-None-Match": f'"{old}"'}).status_code == 304
    publish(mpp.db)
    r = k1.get("/catalog", headers={"If-None-Match": f'"{old}"'})
    assert r.status_code == 200 and r.json()["version"] == "e2e-2"
    # Publishing the old version again rolls the kiosks back.
    publish(mpp.db, version="e2e-1")
    assert k1.get("/catalog").json()["etag"] == old


# ------------------------------------------------------------------------------ allocation


def test_allocation_counts_up_per_gerai_and_series(k1: Client, k2: Client) -> None:
    a = k1.allocate().json()
    b = k2.allocate("kk-baru").json()  # same gerai, another service: same sequence
    c = k1.allocate(priority="lansia").json()
    d = k2.allocate("sip-dokter").json()
    assert (a["display"], b["display"], c["display"], d["display"]) == (
        "A-001",
        "A-002",
        "A-P001",
        "B-001",
    )
    assert a["service_day"] == today() and a["series"] == "R" and c["series"] == "P"
    assert a["people_ahead"] == 0 and a["replayed"] is False


def test_allocation_is_idempotent_by_ticket_id(k1: Client, mpp: Mpp) -> None:
    tid = uid()
    first = k1.allocate(ticket_id=tid).json()
    again = k1.allocate(ticket_id=tid).json()
    assert again["replayed"] is True
    assert {k: v for k, v in again.items() if k != "replayed"} == {
        k: v for k, v in first.items() if k != "replayed"
    }
    assert count(mpp, Ticket) == 1
    other = k1.allocate("kk-baru", ticket_id=tid)
    assert other.status_code == 409 and other.json()["reason"] == "ticket_id_reused"


def test_another_kiosk_cannot_take_over_a_ticket_id(k1: Client, k2: Client) -> None:
    tid = uid()
    assert k1.allocate(ticket_id=tid).status_code == 200
    assert k2.allocate(ticket_id=tid).status_code == 409


def test_people_ahead_and_wait_follow_the_queue_model(k1: Client) -> None:
    # 2 counters, 10 minutes each: the third visitor waits for the first counter.
    answers = [k1.allocate().json() for _ in range(4)]
    assert [a["people_ahead"] for a in answers] == [0, 0, 0, 1]
    assert answers[2]["est_wait_minutes"] in (9, 10)
    assert answers[3]["est_wait_minutes"] in (9, 10)


@pytest.mark.parametrize(
    ("service", "status", "reason"),
    [
        ("no-such-service", 404, "unknown_service"),
        ("ikd-aktivasi", 409, "no_queue"),
    ],
)
def test_allocation_refusals(k1: Client, mpp: Mpp, service: str, status: int, reason: str) -> None:
    r = k1.allocate(service)
    assert r.status_code == status and r.json()["reason"] == reason
    assert count(mpp, Ticket) == 0


def test_the_daily_quota_holds_across_kiosks(k1: Client, k2: Client) -> None:
    assert k1.allocate("akta-kelahiran").status_code == 200
    assert k2.allocate("akta-kelahiran").status_code == 200
    r = k1.allocate("akta-kelahiran")
    assert r.status_code == 409 and r.json()["reason"] == "quota_full"
    # The refused request did not use a number.
    assert k2.allocate("kk-baru").json()["seq"] == 3


# ------------------------------------------------------------------------------ validation


@pytest.mark.parametrize(
    ("body", "status"),
    [
        (b"{not json", 400),
        (b'{"ticket_id": "', 400),
        (b"[]", 422),
        (b'{"ticket_id": "x", "request_id": "r", "service_code": "ktp-el-baru"}', 422),
        (
            b'{"ticket_id": "00000000-0000-4000-8000-000000000001", "request_id": "r", '
            b'"service_code": "ktp-el-baru", "extra": 1}',
            422,
        ),
        (
            b'{"ticket_id": "00000000-0000-4000-8000-000000000001", "request_id": "r", '
            b'"service_code": "ktp-el-baru", "priority": "vip"}',
            422,
        ),
        (
            b'{"ticket_id": "00000000-0000-4000-8000-000000000001", "request_id": "'
            + b"r" * 65
            + b'", "service_code": "ktp-el-baru"}',
            422,
        ),
    ],
)
def test_malformed_requests_get_a_4xx_with_a_message_and_change_nothing(
    k1: Client, mpp: Mpp, body: bytes, status: int
) -> None:
    r = k1.post("/tickets/allocate", data=body, headers={"Content-Type": "application/json"})
    assert r.status_code == status
    assert isinstance(r.json()["detail"], str) and r.json()["detail"]
    assert count(mpp, Ticket) == 0


def test_an_oversized_request_is_refused_before_it_is_read(k1: Client, mpp: Mpp) -> None:
    big = b'{"tickets": [' + b" " * (2 * 1024 * 1024) + b"]}"
    r = k1.post("/tickets/batch", data=big, headers={"Content-Type": "application/json"})
    assert r.status_code == 413
    # Without a Content-Length (chunked), the limit holds too.
    r = k1.post(
        "/tickets/batch",
        data=iter([big[:600_000], big[600_000:]]),
        headers={"Content-Type": "application/json"},
    )
    assert r.status_code == 413
    assert count(mpp, Ticket) == 0


def test_too_many_items_in_a_batch_is_422(k1: Client, mpp: Mpp) -> None:
    item = {
        "ticket_id": uid(),
        "request_id": "r",
        "gerai_code": "dukcapil",
        "service_code": "ktp-el-baru",
        "prefix": "A",
        "series": "R",
        "seq": 990,
        "service_day": today(),
        "issued_at": datetime.now(UTC).isoformat(),
        "source": "lease",
    }
    r = k1.post("/tickets/batch", {"tickets": [item] * 501})
    assert r.status_code == 422
    assert count(mpp, Ticket) == 0 and count(mpp, TicketConflict) == 0


def test_openapi_is_published(server: ThreadServer) -> None:
    doc = requests.get(server.url + API + "/openapi.json", timeout=5).json()
    assert doc["info"]["title"] == "MPP Central"
    for path in (
        "/tickets/allocate",
        "/tickets/batch",
        "/leases",
        "/heartbeat",
        "/queue",
        "/catalog",
        "/feedback",
        "/health",
    ):
        assert API + path in doc["paths"]


# ------------------------------------------------------------------------------ leases


def test_leases_come_from_the_top_and_never_meet_online_numbers(k1: Client, k2: Client) -> None:
    first = lease(k1)
    assert (first["status"], first["start"], first["end"]) == ("granted", 990, 999)
    second = lease(k2, size=5)
    assert (second["start"], second["end"]) == (985, 989)
    assert k1.allocate().json()["seq"] == 1
    p = lease(k1, series="P", size=3)
    assert (p["start"], p["end"]) == (997, 999)  # each series has its own range


def test_a_lease_request_is_idempotent_by_key(k1: Client, mpp: Mpp) -> None:
    key = uid()
    a, b = lease(k1, key=key), lease(k1, key=key)
    assert a == b
    assert count(mpp, Lease) == 1


def test_lease_refusals(k1: Client) -> None:
    past = (service_day(datetime.now(UTC)) - timedelta(days=1)).isoformat()
    far = (service_day(datetime.now(UTC)) + timedelta(days=30)).isoformat()
    assert lease(k1, day=past)["status"] == "refused"
    assert lease(k1, day=far)["status"] == "refused"
    assert lease(k1, gerai="no-such-gerai")["status"] == "refused"
    # A kiosk holds at most its share (200 by default) per gerai, day and series.
    for _ in range(2):
        assert lease(k1, size=100)["status"] == "granted"
    assert lease(k1, size=1)["status"] == "refused"


def test_a_very_busy_day_continues_online_above_999(k1: Client, mpp: Mpp) -> None:
    from central.models import Counter

    with mpp.db.write() as s:
        s.add(
            Counter(
                mpp_code="test",
                gerai_code="dukcapil",
                service_day=service_day(datetime.now(UTC)),
                last_r=979,
                last_p=0,
                floor_r=980,
                floor_p=1000,
            )
        )
    assert k1.allocate().json()["seq"] == 1000
    assert k1.allocate().json()["number"] == "A1001"
    assert lease(k1)["status"] == "refused"


# ------------------------------------------------------------------------------ uploads


def test_offline_tickets_are_recorded_once(k1: Client, mpp: Mpp) -> None:
    block = lease(k1)
    t = ticket(990, lease_id=block["lease_id"])
    assert upload(k1, t)[0]["status"] == "created"
    assert upload(k1, t)[0]["status"] == "duplicate"
    assert [r["status"] for r in upload(k1, t, t)] == ["duplicate", "duplicate"]
    assert count(mpp, Ticket) == 1


def test_an_offline_number_outside_the_kiosks_lease_is_a_conflict_and_kept(
    k1: Client, k2: Client, mpp: Mpp
) -> None:
    lease(k1)  # 990..999 belong to k1
    t = ticket(995)
    res = upload(k2, t)[0]
    assert res["status"] == "conflict" and "not in a block" in res["detail"]
    assert upload(k2, t)[0]["status"] == "conflict"  # idempotent too
    assert count(mpp, Ticket) == 0 and count(mpp, TicketConflict) == 1


def test_emergency_numbers_belong_to_the_kiosks_slot(k1: Client, k2: Client, mpp: Mpp) -> None:
    assert upload(k1, ticket(10_001, source="emergency"))[0]["status"] == "created"  # slot 1
    assert upload(k2, ticket(10_002, source="emergency"))[0]["status"] == "conflict"
    assert upload(k2, ticket(20_001, source="emergency"))[0]["status"] == "created"  # slot 2


def test_an_online_ticket_is_confirmed_by_its_upload(k1: Client, mpp: Mpp) -> None:
    a = k1.allocate().json()
    with mpp.db.read() as s:
        assert s.get(Ticket, a["ticket_id"]).state == "allocated"  # type: ignore[union-attr]
    res = upload(k1, ticket(a["seq"], source="online", tid=a["ticket_id"]))
    assert res[0]["status"] == "confirmed"
    with mpp.db.read() as s:
        assert s.get(Ticket, a["ticket_id"]).state == "confirmed"  # type: ignore[union-attr]


def test_a_lost_online_answer_is_replaced_by_the_printed_offline_number(
    k1: Client, mpp: Mpp
) -> None:
    """The kiosk timed out waiting, printed a leased number under the same ticket id."""
    a = k1.allocate().json()
    block = lease(k1)
    res = upload(k1, ticket(990, tid=a["ticket_id"], lease_id=block["lease_id"]))
    assert res[0] == {"ticket_id": a["ticket_id"], "status": "confirmed", "number": "A990"}
    with mpp.db.read() as s:
        t = s.get(Ticket, a["ticket_id"])
        assert t is not None and (t.seq, t.state, t.source) == (990, "confirmed", "lease")
    assert count(mpp, Ticket) == 1
    assert k1.allocate().json()["seq"] == 2  # the lost number 1 is simply skipped


def test_offline_tickets_are_placed_in_the_queue_by_issue_time(k1: Client, mpp: Mpp) -> None:
    block = lease(k1)
    online = [k1.allocate().json() for _ in range(3)]
    early = datetime.now(UTC) - timedelta(minutes=30)
    upload(k1, ticket(990, issued=early, lease_id=block["lease_id"]))
    with mpp.db.read() as s:
        rows = s.scalars(select(Ticket).order_by(Ticket.queue_start)).all()
    assert next(r.seq for r in rows) == 990  # issued first, served first
    # 2 counters, 10 min: the late ticket started 30 min ago; the online ones shift to
    # the counters' free times, in issue order.
    starts = {r.seq: r.queue_start for r in rows}
    assert starts[990] == early
    assert starts[online[0]["seq"]] <= starts[online[1]["seq"]] <= starts[online[2]["seq"]]


def test_an_upload_from_a_kiosk_with_a_wrong_clock_is_refused_and_kept(
    k1: Client, mpp: Mpp
) -> None:
    later = datetime.now(UTC) + timedelta(hours=5)
    res = upload(
        k1, ticket(10_001, source="emergency", issued=later, day=service_day(later).isoformat())
    )
    assert (res[0]["status"], res[0]["reason"]) == ("conflict", "issued_in_future")
    assert count(mpp, Ticket) == 0 and count(mpp, TicketConflict) == 1


# ------------------------------------------------------------------------------ heartbeat etc.


def test_heartbeat_keeps_the_kiosks_state(k1: Client, mpp: Mpp) -> None:
    skewed = datetime.now(UTC) + timedelta(hours=3)
    r = k1.post(
        "/heartbeat",
        {
            "app_version": "0.1.0",
            "catalog_version": "e2e-1",
            "printer_state": "paper_near_end",
            "paper_left_pct": 12.5,
            "outbox_length": 7,
            "kiosk_time": skewed.isoformat(),
        },
    )
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["slot"] == 1 and body["catalog"]["version"] == "e2e-1"
    assert 3 * 3600 - 60 < body["clock_skew_s"] < 3 * 3600 + 60
    with mpp.db.read() as s:
        k = s.scalar(select(Kiosk).where(Kiosk.name == "k1"))
        assert k is not None and k.outbox_length == 7 and k.printer_state == "paper_near_end"
        assert k.last_seen_at is not None
        assert s.scalar(select(func.count()).select_from(Heartbeat)) == 1
    bad = k1.post(
        "/heartbeat",
        {"app_version": "x", "kiosk_time": "2026-01-01T00:00:00", "printer_state": "DROP TABLE"},
    )
    assert bad.status_code == 422


def test_queue_state(k1: Client) -> None:
    for _ in range(3):
        k1.allocate()
    body = k1.get("/queue").json()
    dukcapil = next(g for g in body["gerai"] if g["gerai_code"] == "dukcapil")
    assert dukcapil["issued_today"] == 3 and dukcapil["waiting"] == 1
    assert dukcapil["counters"] == 2 and dukcapil["est_wait_minutes"] >= 9
    assert {g["gerai_code"] for g in body["gerai"]} == {"dukcapil", "dinkes"}


def test_feedback_is_idempotent(k1: Client) -> None:
    item = {
        "feedback_id": uid(),
        "rating": 5,
        "gerai_code": "dukcapil",
        "comment": "Cepat, terima kasih",
        "created_at": datetime.now(UTC).isoformat(),
    }
    assert k1.post("/feedback", {"items": [item]}).json() == {"accepted": 1, "duplicates": 0}
    assert k1.post("/feedback", {"items": [item]}).json() == {"accepted": 0, "duplicates": 1}
    assert k1.post("/feedback", {"items": [{**item, "rating": 9}]}).status_code == 422
