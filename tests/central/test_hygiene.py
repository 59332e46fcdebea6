"""Hygiene at the edge (SQLite and PostgreSQL): every text field refuses control characters and
over-long values with 422 and the reason, and is stored NFC-normalised; numbers a column
cannot hold are refused; hostile input never yields a 500."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from typing import Any

import pytest
from api_client import Client, count, ticket, uid
from central_harness import Mpp
from sqlalchemy import select

from central.models import AuditEntry, Feedback, Heartbeat, Kiosk, Ticket


def heartbeat(**kw: Any) -> dict[str, Any]:
    return {"app_version": "0.1.0", "kiosk_time": datetime.now(UTC).isoformat(), **kw}


def feedback(**kw: Any) -> dict[str, Any]:
    return {
        "items": [
            {"feedback_id": uid(), "rating": 4, "created_at": datetime.now(UTC).isoformat(), **kw}
        ]
    }


def audit(**kw: Any) -> dict[str, Any]:
    entry = {
        "id": 1,
        "at": datetime.now(UTC).isoformat(),
        "kiosk_id": "k1",
        "actor": "staff",
        "action": "pause",
        "detail": {},
    }
    return {"entries": [{**entry, **kw}]}


NUL_CASES = [
    ("/heartbeat", heartbeat(app_version="0.1\x00")),
    ("/heartbeat", heartbeat(last_error="printer\x00 jammed")),
    ("/heartbeat", heartbeat(catalog_version="v\x1b[31m")),
    ("/feedback", feedback(comment="bagus\x00")),
    ("/feedback", feedback(comment="tab\there")),
    ("/audit", audit(action="pause\x00")),
    ("/audit", audit(actor="\x07staff")),
    ("/audit", audit(detail={"reason": "x\x00y"})),
    ("/audit", audit(detail={"bad\nkey": 1})),
    ("/audit", audit(detail={"deep": [[[[["too deep"]]]]]})),
]


@pytest.mark.parametrize(("path", "body"), NUL_CASES)
def test_control_characters_are_refused_with_the_reason(
    k1: Client, mpp: Mpp, path: str, body: dict[str, Any]
) -> None:
    r = k1.post(path, body)
    assert r.status_code == 422, r.text
    answer = r.json()
    assert answer["reason"] == "invalid_request"
    assert answer["errors"] and answer["detail"].startswith("invalid request")
    assert "\x00" not in r.text
    assert count(mpp, Heartbeat) == count(mpp, Feedback) == count(mpp, AuditEntry) == 0


def test_over_long_text_is_refused(k1: Client, mpp: Mpp) -> None:
    r = k1.post("/feedback", feedback(comment="a" * 501))
    assert r.status_code == 422 and r.json()["errors"][0]["type"] == "string_too_long"
    r = k1.post("/heartbeat", heartbeat(last_error="e" * 301))
    assert r.status_code == 422


def test_text_is_stored_nfc_and_newlines_kept_where_they_mean_something(
    k1: Client, mpp: Mpp
) -> None:
    decomposed = "Pelayanan cepat, terima kasih Bu Rene\u0301e\nSampai jumpa"
    assert k1.post("/feedback", feedback(comment=decomposed)).status_code == 200
    r = k1.post("/heartbeat", heartbeat(app_version="1.0-Cafe\u0301", last_error="a\nb"))
    assert r.status_code == 200
    with mpp.db.read() as s:
        assert s.scalars(select(Feedback.comment)).one() == (
            "Pelayanan cepat, terima kasih Bu Renée\nSampai jumpa"
        )
        k = s.scalar(select(Kiosk).where(Kiosk.name == "k1"))
        assert k is not None and k.app_version == "1.0-Café" and k.last_error == "a\nb"


def test_large_ids_are_kept_or_refused_never_a_server_error(k1: Client, mpp: Mpp) -> None:
    assert k1.post("/audit", audit(id=2**31)).status_code == 200  # a 64-bit column now
    assert k1.post("/audit", audit(id=2**63 - 1)).status_code == 200
    assert k1.post("/audit", audit(id=2**63)).status_code == 422
    with mpp.db.read() as s:
        assert set(s.scalars(select(AuditEntry.entry_id))) == {2**31, 2**63 - 1}
    r = k1.post("/tickets/batch", {"tickets": [ticket(990, lease_id=2**40)]})
    assert r.status_code == 422
    assert count(mpp, Ticket) == 0


HOSTILE: list[bytes] = [
    b"\x00",
    b'{"items": [' + b"[" * 5000 + b"]" * 5000 + b"]}",
    b"[" * 100_000,
    b'{"app_version": "\\ud800", "kiosk_time": "2026-01-01T00:00:00Z"}',
    b'{"app_version": "x", "kiosk_time": "9999-12-31T23:59:59-12:00"}',
    b'{"app_version": "x", "kiosk_time": "0001-01-01T00:00:00+14:00"}',
    b'{"app_version": "x", "kiosk_time": "2026-01-01T00:00:00Z", "paper_left_pct": NaN}',
    b'{"app_version": "x", "kiosk_time": "2026-01-01T00:00:00Z", "clock_offset_s": 1e999}',
    b'{"entries": [{"id": 1, "at": "2026-01-01T00:00:00Z", "kiosk_id": "k", "actor": "a", '
    b'"action": "b", "detail": {"n": 1e999, "i": 123456789012345678901234567890}}]}',
    b'{"tickets": [{"ticket_id": "00000000-0000-4000-8000-000000000001"}]}',
    b'{"requests": [{"key": "00000000-0000-4000-8000-000000000001", "gerai_code": "dukcapil",'
    b' "service_day": "9999-12-31", "series": "R", "size": 5}]}',
    b'{"ticket_id": "00000000-0000-4000-8000-000000000001", "request_id": "r", '
    b'"service_code": "ktp-el-baru", "kiosk_time": "2026-13-45T99:00:00Z"}',
    '{"comment": "\udcff"}'.encode("utf-8", "surrogatepass"),
    b"\xff\xfe\xfd",
]
PATHS = [
    "/heartbeat",
    "/feedback",
    "/audit",
    "/tickets/batch",
    "/leases",
    "/tickets/allocate",
    "/recovery/report",
]


@pytest.mark.parametrize("path", PATHS)
def test_hostile_bodies_never_yield_a_server_error(k1: Client, mpp: Mpp, path: str) -> None:
    for body in HOSTILE:
        r = k1.post(path, data=body, headers={"Content-Type": "application/json"})
        assert 400 <= r.status_code < 500, (path, body[:80], r.status_code, r.text[:200])
        json.loads(r.content)
    assert count(mpp, Ticket) == 0
