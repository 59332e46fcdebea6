"""Calling numbers on SQLite and PostgreSQL: accounts and sessions, the call model (waiting
list, priority interleave, recall, no-show, transfer, pause), concurrency, audit, status links,
queue state for the kiosks, and live updates by SSE."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import requests
from api_client import Client, lease, ticket, upload
from central_harness import Mpp, ThreadServer
from sqlalchemy import select
from web_client import PASSWORD, Events, act, display, login, new_id, pair, petugas, status_link

from central.accounts.users import (
    FREE_FAILURES,
    add_user,
    as_user,
    lock_for,
    password_login,
    reset_user,
)
from central.calls import desk
from central.calls.desk import CallRefused
from central.calls.rules import set_rule
from central.models import TicketCall, WebAudit, WebUser


def _alloc(k: Client, service: str = "kk-baru", priority: str | None = None) -> dict[str, Any]:
    r = k.allocate(service, priority)
    assert r.status_code == 200, r.text
    return dict(r.json())


def _actions(mpp: Mpp) -> list[str]:
    with mpp.db.read() as s:
        return list(s.scalars(select(WebAudit.action).order_by(WebAudit.id)))


def test_accounts_lock_out_with_growing_delays_kept_in_the_database(mpp: Mpp) -> None:
    petugas(mpp.db, "ani")
    now = datetime.now(UTC)
    for _ in range(FREE_FAILURES):
        assert password_login(mpp.db, "ani", "wrong-password!", now).locked_until is None
    locked = password_login(mpp.db, "ani", "wrong-password!", now)
    assert locked.user is None and locked.locked_until == now + lock_for(FREE_FAILURES + 1)
    # Even the right password is refused while locked; the lock is a column (survives restarts).
    assert password_login(mpp.db, "ani", PASSWORD, now + timedelta(seconds=5)).user is None
    later = password_login(mpp.db, "ani", "wrong-password!", now + timedelta(seconds=31))
    assert later.locked_until == now + timedelta(seconds=31) + timedelta(seconds=60)  # doubled
    ok = password_login(mpp.db, "ani", PASSWORD, now + timedelta(minutes=5))
    assert ok.user is not None and ok.user.loket == 1
    with mpp.db.read() as s:
        row = s.scalar(select(WebUser).where(WebUser.name == "ani"))
        assert row is not None and row.failed_logins == 0
        assert row.password_hash is not None and row.password_hash.startswith("$argon2id$")
    assert "login_failed" in _actions(mpp) and "login" in _actions(mpp)


def test_sign_in_needs_the_forms_csrf_token_and_sets_a_strict_session_cookie(
    mpp: Mpp, server: ThreadServer
) -> None:
    petugas(mpp.db, "budi")
    s = requests.Session()
    r = s.post(
        server.url + "/login",
        data={"username": "budi", "password": PASSWORD},
        allow_redirects=False,
        timeout=10,
    )
    assert r.status_code == 400 and "mpp_session" not in r.headers.get("set-cookie", "")
    s, csrf = login(server.url, "budi")
    cookie = next(c for c in s.cookies if c.name == "mpp_session")
    assert cookie.has_nonstandard_attr("HttpOnly")
    page = s.get(server.url + "/petugas", timeout=10)
    assert page.headers["content-security-policy"].startswith("default-src 'self'")
    assert "Loket 1" in page.text and "Panggil berikutnya" in page.text
    # No CSRF token, a wrong one: refused, nothing done.
    assert (
        s.post(server.url + "/petugas/act", data={"action": "next"}, timeout=10).status_code == 403
    )
    assert act(s, server.url, "x" * 43, "next").status_code == 403
    assert "call" not in _actions(mpp)
    # Logout ends the session on the server.
    s.post(server.url + "/logout", data={"csrf": csrf}, timeout=10)
    r = requests.get(
        server.url + "/petugas",
        cookies={"mpp_session": cookie.value or ""},
        allow_redirects=False,
        timeout=10,
    )
    assert r.status_code == 303 and r.headers["location"] == "/login"


def test_a_whole_loket_day_on_the_call_model(mpp: Mpp, server: ThreadServer, k1: Client) -> None:
    petugas(mpp.db, "budi", loket=2)
    petugas(mpp.db, "citra", gerai="dinkes", loket=1)
    mpp.db.run_write(lambda s: set_rule(s, "test", "", 2, 1, "test", datetime.now(UTC)))
    a1 = _alloc(k1)
    p1 = _alloc(k1, priority="lansia")
    a2 = _alloc(k1, "ktp-el-baru")
    # An offline ticket issued before all of them arrives late: it takes its place by issue time.
    block = lease(k1, size=5)
    early = ticket(
        block["end"], lease_id=block["lease_id"], issued=datetime.now(UTC) - timedelta(minutes=5)
    )
    assert upload(k1, early)[0]["status"] == "created"
    a3 = _alloc(k1)
    s, csrf = login(server.url, "budi")
    order = []
    r = act(s, server.url, csrf, "next")
    assert r.status_code == 200 and r.json()["ok"], r.text
    order.append(r.json()["number"])
    r = act(s, server.url, csrf, "recall")
    assert r.json()["action"] == "recall"
    r = act(s, server.url, csrf, "no_show")
    assert r.json()["action"] == "no_show"
    for _ in range(4):
        r = act(s, server.url, csrf, "next")
        order.append(r.json()["number"])
    # Regular by issue time, one priority after every 2 regular.
    assert order == [
        "A-" + str(block["end"]).zfill(3),
        a1["display"],
        p1["display"],
        a2["display"],
        a3["display"],
    ]
    assert act(s, server.url, csrf, "next").json()["reason"] == "empty"
    # Transfer the last one to dinkes: it waits there, ahead of a later dinkes ticket.
    later = _alloc(k1, "sip-dokter")
    r = act(s, server.url, csrf, "transfer", service="sip-dokter")
    assert r.json()["action"] == "transfer"
    s2, csrf2 = login(server.url, "citra")
    assert act(s2, server.url, csrf2, "next").json()["number"] == a3["display"]
    assert act(s2, server.url, csrf2, "next").json()["number"] == later["display"]
    # Istirahat: next refused until resumed.
    assert act(s2, server.url, csrf2, "pause").json()["action"] == "pause"
    assert act(s2, server.url, csrf2, "next").json()["reason"] == "paused"
    assert act(s2, server.url, csrf2, "resume").json()["action"] == "resume"
    assert act(s2, server.url, csrf2, "done").json()["action"] == "done"
    with mpp.db.read() as db:
        states = dict(db.execute(select(TicketCall.ticket_id, TicketCall.status)).all())
    assert states[a1["ticket_id"]] == "done" and states[early["ticket_id"]] == "no_show"
    assert states[later["ticket_id"]] == "done"
    actions = _actions(mpp)
    for a in (
        "login",
        "call",
        "recall",
        "no_show",
        "done",
        "transfer",
        "pause",
        "resume",
        "rule_change",
    ):
        assert a in actions
    with mpp.db.read() as db:
        audit = db.scalar(select(WebAudit).where(WebAudit.action == "transfer"))
        assert audit is not None and audit.actor == "budi" and audit.detail["to_gerai"] == "dinkes"


def test_no_show_only_after_the_configured_recalls(mpp: Mpp, k1: Client) -> None:
    petugas(mpp.db, "budi")
    user = _user(mpp, "budi")
    _alloc(k1)
    now = datetime.now(UTC)
    mpp.db.run_write(lambda s: desk.call_next(s, user, None, now))
    with pytest.raises(CallRefused, match="too_few_recalls"):
        mpp.db.run_write(lambda s: desk.no_show(s, user, 2, now))
    for _ in range(2):
        mpp.db.run_write(lambda s: desk.recall(s, user, now))
    assert mpp.db.run_write(lambda s: desk.no_show(s, user, 2, now)).action == "no_show"


def _user(mpp: Mpp, name: str) -> Any:
    with mpp.db.read() as s:
        row = s.scalar(select(WebUser).where(WebUser.name == name))
        assert row is not None
        return as_user(row)


def test_two_officers_pressing_next_at_once_never_get_the_same_ticket(mpp: Mpp, k1: Client) -> None:
    lokets = 6
    for n in range(1, lokets + 1):
        petugas(mpp.db, f"p{n}", loket=n)
    users = [_user(mpp, f"p{n}") for n in range(1, lokets + 1)]
    for _ in range(12):
        _alloc(k1)
    got: list[str] = []
    errors: list[BaseException] = []
    start = threading.Barrier(lokets)

    def officer(user: Any) -> None:
        try:
            start.wait(10)
            for _ in range(2):
                out = mpp.db.run_write(lambda s: desk.call_next(s, user, None, datetime.now(UTC)))
                got.append(out.ticket_id or "")
        except BaseException as exc:
            errors.append(exc)

    threads = [threading.Thread(target=officer, args=(u,)) for u in users]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    assert len(got) == 12 and len(set(got)) == 12
    with mpp.db.read() as s:
        called = s.scalars(select(TicketCall.ticket_id).where(TicketCall.status == "called")).all()
    assert len(called) == lokets  # each loket's first call was finished by its second


def test_status_link_follows_the_ticket_from_kiosk_to_loket(
    mpp: Mpp, server: ThreadServer, k1: Client
) -> None:
    petugas(mpp.db, "budi", loket=3)
    unsent = new_id()
    url = status_link(server.url, mpp.token("k1"), unsent)
    r = requests.get(url, timeout=10)
    assert r.status_code == 200 and "belum sampai di server" in r.text
    assert "Show your slip" in requests.get(url + "?lang=en", timeout=10).text
    # A forged or damaged link is refused without a 500.
    for bad in (
        url[:-1] + ("A" if url[-1] != "A" else "B"),
        url + "x",
        url.rsplit("/", 1)[0] + "/" + "%00" * 10,
    ):
        assert requests.get(bad, timeout=10).status_code in (404, 422)
    first = _alloc(k1)
    mine = _alloc(k1)
    url = status_link(server.url, mpp.token("k1"), mine["ticket_id"])
    page = requests.get(url, timeout=10).text
    assert mine["display"] in page and "1 orang di depan Anda" in page
    events = Events(url.replace("/s/", "/s/") + "/events")
    try:
        assert 'data-state="waiting"' in events.next("status")
        s, csrf = login(server.url, "budi")
        assert act(s, server.url, csrf, "next").json()["number"] == first["display"]
        assert "0 orang di depan Anda" in events.next("status", "orang di depan")
        assert act(s, server.url, csrf, "next").json()["number"] == mine["display"]
        assert "Dipanggil ke loket 3" in events.next("status", 'data-state="called"')
    finally:
        events.close()


def test_an_offline_ticket_turns_live_when_it_arrives(
    mpp: Mpp, server: ThreadServer, k1: Client
) -> None:
    block = lease(k1, size=3)
    t = ticket(block["end"], lease_id=block["lease_id"])
    url = status_link(server.url, mpp.token("k1"), t["ticket_id"])
    events = Events(url + "/events")
    try:
        assert 'data-state="unknown"' in events.next("status")
        assert upload(k1, t)[0]["status"] == "created"
        assert 'data-state="waiting"' in events.next("status", "waiting")
    finally:
        events.close()


def test_petugas_page_updates_live_when_kiosks_issue_numbers(
    mpp: Mpp, server: ThreadServer, k1: Client
) -> None:
    petugas(mpp.db, "budi")
    s, _csrf = login(server.url, "budi")
    events = Events(server.url + "/petugas/events", cookies=s.cookies.get_dict())
    try:
        assert "Tidak ada yang menunggu" in events.next("queue")
        new = _alloc(k1)
        assert new["display"] in events.next("queue", new["display"])
        # An offline ticket syncing in appears too, in its issue-time place (first).
        block = lease(k1, size=3)
        late = ticket(
            block["end"],
            lease_id=block["lease_id"],
            issued=datetime.now(UTC) - timedelta(minutes=3),
        )
        assert upload(k1, late)[0]["status"] == "created"
        html = events.next("queue", f"A-{block['end']}")
        assert html.index(f"A-{block['end']}") < html.index(new["display"])
    finally:
        events.close()


def test_board_pairs_by_post_and_streams_calls(mpp: Mpp, server: ThreadServer, k1: Client) -> None:
    token = display(mpp.db)
    petugas(mpp.db, "budi", loket=2)
    assert requests.get(server.url + "/board", allow_redirects=False, timeout=10).status_code == 303
    board = pair(server.url, token)
    assert "Sedang dilayani" in board.get(server.url + "/board", timeout=10).text
    events = Events(server.url + "/board/events", cookies=board.cookies.get_dict())
    try:
        events.next("calls")
        new = _alloc(k1)
        s, csrf = login(server.url, "budi")
        act(s, server.url, csrf, "next")
        calls = events.json("calls")
        while not calls:
            calls = events.json("calls")
        assert calls[-1]["ticket"] == new["display"] and calls[-1]["loket"] == 2
    finally:
        events.close()
    # A display account cannot open the petugas page, nor a petugas the board's audio.
    assert board.get(server.url + "/petugas", timeout=10).status_code == 403


def test_queue_state_and_status_keys_for_the_kiosks(
    mpp: Mpp, server: ThreadServer, k1: Client
) -> None:
    _alloc(k1)
    _alloc(k1, priority="anak")
    r = k1.get("/queue-state")
    assert r.status_code == 200
    dukcapil = next(g for g in r.json()["gerai"] if g["gerai_code"] == "dukcapil")
    assert dukcapil["waiting_regular"] == 1 and dukcapil["waiting_priority"] == 1
    assert dukcapil["service_measured"] is False and dukcapil["median_service_s"] == 600
    assert k1.get("/queue-state", headers={"If-None-Match": r.headers["etag"]}).status_code == 304
    _alloc(k1)
    assert k1.get("/queue-state", headers={"If-None-Match": r.headers["etag"]}).status_code == 200
    key = k1.get("/kiosk/status-key").json()
    assert k1.get("/kiosk/status-key").json()["key_id"] == key["key_id"]
    beat = k1.post("/heartbeat", {"app_version": "1", "kiosk_time": datetime.now(UTC).isoformat()})
    assert beat.json()["status_key_id"] == key["key_id"]
    old_url = status_link(server.url, mpp.token("k1"), new_id())
    from central.calls.statuskeys import rotate

    new_id_ = mpp.db.run_write(lambda s: rotate(s, "k1", datetime.now(UTC)))
    assert k1.get("/kiosk/status-key").json()["key_id"] == new_id_ != key["key_id"]
    assert requests.get(old_url, timeout=10).status_code == 200  # old slips still open
    assert requests.get(server.url + "/api/v1/queue-state", timeout=10).status_code == 401


def test_hostile_web_input_never_yields_a_500(mpp: Mpp, server: ThreadServer) -> None:
    petugas(mpp.db, "budi")
    s = requests.Session()
    from web_client import pre_token

    for fields in (
        {"username": "budi\x00", "password": "x"},
        {"username": "b" * 5000, "password": "p" * 5000},
    ):
        pre = pre_token(s, server.url)
        r = s.post(server.url + "/login", data={"pre": pre, **fields}, timeout=10)
        assert r.status_code in (400, 401, 413, 429), r.status_code
    pre = pre_token(s, server.url)
    r = s.post(
        server.url + "/login",
        data=f"pre={pre}&username=%ED%A0%80%00&password=x",
        headers={"content-type": "application/x-www-form-urlencoded"},
        timeout=10,
    )
    assert r.status_code == 401
    r = s.post(
        server.url + "/login",
        data=b"x" * 20000,
        headers={"content-type": "application/x-www-form-urlencoded"},
        timeout=10,
    )
    assert r.status_code == 413
    r = s.post(
        server.url + "/login",
        data=b"\xff\xfe",
        timeout=10,
        headers={"content-type": "application/x-www-form-urlencoded"},
    )
    assert r.status_code == 400
    assert requests.get(server.url + "/board/audio/abc.wav", timeout=10).status_code in (303, 422)
    assert requests.get(server.url + "/s/" + "A" * 50, timeout=10).status_code == 404


def test_reset_and_disable_end_sessions(mpp: Mpp, server: ThreadServer) -> None:
    petugas(mpp.db, "budi")
    s, _ = login(server.url, "budi")
    reset_user(mpp.db, "budi", datetime.now(UTC), "another-password-9")
    assert s.get(server.url + "/petugas", allow_redirects=False, timeout=10).status_code == 303
    login(server.url, "budi", "another-password-9")
    with pytest.raises(ValueError, match="password"):
        add_user(mpp.db, "weak", "supervisor", "test", datetime.now(UTC), password="short")


def test_pages_render_in_both_languages(mpp: Mpp, server: ThreadServer) -> None:
    r = requests.get(server.url + "/?lang=en", timeout=10)
    assert "Counter officer page" in r.text and "mpp_lang=en" in r.headers["set-cookie"]
    assert "Halaman petugas loket" in requests.get(server.url + "/", timeout=10).text
    assert "Staff sign-in" in requests.get(server.url + "/login?lang=en", timeout=10).text
    assert requests.get(server.url + "/static/chime.wav", timeout=10).content[:4] == b"RIFF"
    time.sleep(0)


def test_pages_loaded_without_live_streams_show_the_current_state(
    mpp: Mpp, server: ThreadServer, k1: Client
) -> None:
    petugas(mpp.db, "budi", loket=1)
    petugas(mpp.db, "ani", loket=2)
    first = _alloc(k1)
    _alloc(k1)
    s, _csrf = login(server.url, "budi")
    row = f'<td class="num">{first["display"]}'
    assert row in s.get(server.url + "/petugas", timeout=10).text
    s2, csrf2 = login(server.url, "ani")
    assert act(s2, server.url, csrf2, "next").json()["number"] == first["display"]
    assert row not in s.get(server.url + "/petugas", timeout=10).text


def test_logs_never_show_board_tokens_or_status_links() -> None:
    from central.logs import redact

    token = "AQAAAAfKGgVZ7jVKr4ZFgP8VSe5dbwFQ_pm3tayYTJt5cGoVxA"
    line = f'127.0.0.1 - "GET /s/{token}/events HTTP/1.1" 200 mppb_U_UlLeh7Db7YUxZ1JkRSCdc13lW'
    cleaned = redact(line)
    assert token not in cleaned and "mppb_U_" not in cleaned and "/s/[redacted]" in cleaned


def test_hostile_actions_and_paths_never_yield_a_500(mpp: Mpp, server: ThreadServer) -> None:
    petugas(mpp.db, "budi")
    s, csrf = login(server.url, "budi")
    for data in (
        {"csrf": csrf, "action": "launch"},
        {"csrf": csrf, "action": "transfer", "service": "x" * 500},
        {"csrf": csrf, "action": "transfer", "service": "\x00"},
        {"csrf": csrf + "\u0000", "action": "next"},
    ):
        r = s.post(
            server.url + "/petugas/act",
            data=data,
            timeout=10,
            headers={"X-Requested-With": "fetch"},
        )
        assert r.status_code in (400, 403, 409), (data, r.status_code)
    for path in (
        "/s/" + "é" * 50,
        "/s/%ff%fe",
        "/board/audio/99999999999999999999.wav",
        "/board/audio/-1.wav",
        "/petugas?r=%00",
        "/?lang=%00",
        "/s/x/events",
    ):
        r = s.get(server.url + path, timeout=10, allow_redirects=False)
        assert r.status_code < 500, (path, r.status_code)


def test_a_slip_of_another_day_says_so(mpp: Mpp, server: ThreadServer, k1: Client) -> None:
    yesterday = datetime.now(UTC) - timedelta(days=1)
    from mpp_core.domain.clock import service_day

    slot = mpp.kiosks["k1"][0].slot
    old = ticket(
        slot * 10000 + 1,
        source="emergency",
        day=service_day(yesterday).isoformat(),
        issued=yesterday,
    )
    assert upload(k1, old)[0]["status"] == "created"
    r = requests.get(status_link(server.url, mpp.token("k1"), old["ticket_id"]), timeout=10)
    assert r.status_code == 200 and 'data-state="other_day"' in r.text


def test_the_petugas_page_works_without_javascript(
    mpp: Mpp, server: ThreadServer, k1: Client
) -> None:
    petugas(mpp.db, "budi")
    s, csrf = login(server.url, "budi")
    empty = s.post(
        server.url + "/petugas/act",
        data={"csrf": csrf, "action": "next"},
        allow_redirects=False,
        timeout=10,
    )
    assert empty.status_code == 303 and empty.headers["location"] == "/petugas?r=empty"
    assert "Tidak ada nomor yang menunggu." in s.get(server.url + "/petugas?r=empty").text
    new = _alloc(k1)
    r = s.post(server.url + "/petugas/act", data={"csrf": csrf, "action": "next"}, timeout=10)
    assert r.url.endswith("/petugas") and f'id="current-number">{new["display"]}' in r.text
