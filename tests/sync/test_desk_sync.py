"""The ticket desk with a central server: online numbers, leases, emergency numbers, the outbox,
the clock, the worker thread. The server runs in this process (see test_e2e for real ones)."""

from __future__ import annotations

import threading
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from central_harness import Central, Mpp
from faultproxy import FaultProxy, Rule
from kiosk_harness import SimKiosk, make_kiosk
from sqlalchemy import select
from sqlalchemy.orm import Session

from central.models import Ticket as ServerTicket
from kiosk.store.models import OutboxRow
from kiosk.sync.engine import OFFSET_KEY
from kiosk.sync.numbers import SLOT_KEY, NoOfflineNumbers
from kiosk.sync.status import SyncStatus
from mpp_core.domain.clock import FixedClock, SystemClock, service_day
from mpp_core.domain.hours import Reason
from mpp_core.domain.tickets import IssueRefused


def kiosk(tmp_path: Path, mpp: Mpp, url: str, name: str = "k1", **kw: object) -> SimKiosk:
    return make_kiosk(tmp_path / name, name, mpp.catalog_dir, url=url, token=mpp.token(name), **kw)  # type: ignore[arg-type]


def server_tickets(mpp: Mpp) -> dict[str, ServerTicket]:
    with mpp.db.read() as s:
        return {t.id: t for t in s.scalars(select(ServerTicket))}


def test_without_a_server_the_kiosk_numbers_locally_as_before(tmp_path: Path, mpp: Mpp) -> None:
    k = make_kiosk(tmp_path, "alone", mpp.catalog_dir)
    try:
        assert k.sync is None
        a, b = k.issue(), k.issue(priority=None)
        assert (a.display, b.display) == ("A-001", "A-002")
        assert k.outbox() == []  # nothing is queued for a server that does not exist
        assert k.issue(request_id="same").id == k.issue(request_id="same").id
    finally:
        k.close()


def test_online_the_server_numbers_and_the_outbox_confirms(
    tmp_path: Path, mpp: Mpp, central: Central
) -> None:
    k1, k2 = kiosk(tmp_path, mpp, central.url), kiosk(tmp_path, mpp, central.url, "k2")
    try:
        a, b, c = k1.issue(), k2.issue(), k1.issue()
        assert [t.display for t in (a, b, c)] == ["A-001", "A-002", "A-003"]
        assert c.est_wait_minutes >= 9  # the server sees both kiosks' tickets (2 counters)
        row = k1.outbox()[0]
        assert row.kind == "ticket" and row.key == a.id and row.payload["source"] == "online"
        k1.drain()
        k2.drain()
        on_server = server_tickets(mpp)
        assert {t.state for t in on_server.values()} == {"confirmed"}
        assert {t.id: t.seq for t in on_server.values()} == {a.id: 1, b.id: 2, c.id: 3}
        assert k1.outbox("sent") and k1.sync is not None and k1.sync.status.online
    finally:
        k1.close()
        k2.close()


def test_the_same_tap_gets_the_same_ticket(tmp_path: Path, mpp: Mpp, central: Central) -> None:
    k = kiosk(tmp_path, mpp, central.url)
    try:
        assert k.issue(request_id="tap-1").id == k.issue(request_id="tap-1").id
        assert len(k.tickets()) == 1 and len(k.outbox()) == 1
    finally:
        k.close()


def test_offline_the_kiosk_uses_its_leases_then_its_emergency_range(
    tmp_path: Path, mpp: Mpp, central: Central
) -> None:
    k = kiosk(tmp_path, mpp, central.url, server={"lease_block": 3, "lease_low_water": 1})
    try:
        assert k.pass_once()  # heartbeat (slot), leases for today and the next open day
        central.stop()
        t0 = time.monotonic()
        tickets = [k.issue() for _ in range(5)]
        assert time.monotonic() - t0 < 3  # one failed online try, then straight offline
        assert [t.seq for t in tickets] == [997, 998, 999, 10_001, 10_002]  # slot 1
        assert [r.payload["source"] for r in k.outbox()] == ["lease"] * 3 + ["emergency"] * 2
        assert k.sync is not None and not k.pass_once() and not k.sync.status.online
        central.start()
        k.drain()
        on_server = server_tickets(mpp)
        assert sorted(t.seq for t in on_server.values()) == [997, 998, 999, 10_001, 10_002]
        assert {t.state for t in on_server.values()} == {"confirmed"}
    finally:
        k.close()


def test_a_ticket_and_its_outbox_row_are_one_commit(
    tmp_path: Path, mpp: Mpp, central: Central, monkeypatch: pytest.MonkeyPatch
) -> None:
    k = kiosk(tmp_path, mpp, central.url)
    try:
        assert k.sync is not None

        def broken(*_a: object) -> None:
            raise OSError("disk full")

        monkeypatch.setattr(k.sync.numbers, "record", broken)
        with pytest.raises(OSError):
            k.issue()
        assert k.tickets() == [] and k.outbox() == []
        monkeypatch.undo()
        t = k.issue()
        assert [r.key for r in k.outbox()] == [t.id]
    finally:
        k.close()


def test_a_late_online_answer_falls_back_to_a_leased_number_under_the_same_id(
    tmp_path: Path, mpp: Mpp, central: Central
) -> None:
    proxy = FaultProxy(central.port, delay=2.0).start()
    k = kiosk(tmp_path, mpp, proxy.url, server={"allocate_timeout_s": 0.5, "retries": 0})
    try:
        assert k.pass_once()
        proxy.set(Rule("/api/v1/tickets/allocate", "slow_after"))
        t0 = time.monotonic()
        t = k.issue()
        assert time.monotonic() - t0 < 1.5
        assert t.seq >= 990  # leased, printed
        time.sleep(2.2)  # the server did number it online meanwhile
        assert server_tickets(mpp)[t.id].state == "allocated"
        proxy.clear()
        k.drain()
        st = server_tickets(mpp)[t.id]
        assert (st.seq, st.state, st.source) == (t.seq, "confirmed", "lease")
    finally:
        k.close()
        proxy.stop()


def test_the_server_refusing_for_quota_refuses_the_visitor(
    tmp_path: Path, mpp: Mpp, central: Central
) -> None:
    k1, k2 = kiosk(tmp_path, mpp, central.url), kiosk(tmp_path, mpp, central.url, "k2")
    try:
        k1.issue("akta-kelahiran")
        k2.issue("akta-kelahiran")
        with pytest.raises(IssueRefused) as err:
            k1.issue("akta-kelahiran")  # k1 alone has issued only one
        assert err.value.availability.reason is Reason.QUOTA_FULL  # type: ignore[attr-defined]
    finally:
        k1.close()
        k2.close()


def test_a_kiosk_clock_hours_off_numbers_for_the_right_day(
    tmp_path: Path, mpp: Mpp, central: Central
) -> None:
    wrong = SystemClock(lambda: datetime.now(UTC) + timedelta(hours=11))
    k = kiosk(tmp_path, mpp, central.url, clock=wrong, server={"lease_block": 2})
    today = service_day(datetime.now(UTC))
    try:
        assert k.pass_once()
        assert abs((wrong.now() - datetime.now(UTC)).total_seconds()) < 2
        central.stop()
        t = k.issue()  # offline: the day comes from the corrected clock
        assert t.service_day == today and t.seq >= 990
        with k.uow() as u:
            assert abs(u.state.get(OFFSET_KEY) + 11 * 3600) < 2
    finally:
        k.close()
    # After a restart, still offline, the correction learnt before is used.
    again = SystemClock(lambda: datetime.now(UTC) + timedelta(hours=11))
    k = make_kiosk(
        tmp_path / "k1", "k1", mpp.catalog_dir, url=central.url, token=mpp.token("k1"), clock=again
    )
    try:
        assert abs((again.now() - datetime.now(UTC)).total_seconds()) < 2
        assert k.issue().service_day == today
    finally:
        k.close()


def test_day_rollover_offline_uses_the_next_days_lease_then_emergency(
    tmp_path: Path, mpp: Mpp, central: Central
) -> None:
    start = datetime.now(UTC).replace(microsecond=0)
    clock = FixedClock(start)
    k = kiosk(tmp_path, mpp, central.url, clock=clock, server={"lease_block": 2})
    try:
        assert k.pass_once()  # leases for today and tomorrow (the catalog is open daily)
        central.stop()
        day1 = service_day(start)
        clock.set(start + timedelta(days=1))
        a, b, c = k.issue(), k.issue(), k.issue()
        assert {a.service_day, b.service_day, c.service_day} == {day1 + timedelta(days=1)}
        assert (a.seq, b.seq, c.seq) == (998, 999, 10_001)
        clock.set(start + timedelta(days=2))  # nothing leased that far ahead
        d = k.issue()
        assert d.service_day == day1 + timedelta(days=2) and d.seq == 10_001
    finally:
        k.close()


def test_a_kiosk_that_never_reached_the_server_and_has_no_slot_refuses(
    tmp_path: Path, mpp: Mpp
) -> None:
    k = kiosk(tmp_path, mpp, "http://127.0.0.1:9")  # nothing listens there
    try:
        with pytest.raises(NoOfflineNumbers):
            k.issue()
        assert k.tickets() == [] and k.outbox() == []
    finally:
        k.close()
    # With the slot from `kiosk add` in its config, it can issue emergency numbers.
    k = kiosk(tmp_path / "b", mpp, "http://127.0.0.1:9", server={"slot": 1})
    try:
        assert k.issue().seq == 10_001
    finally:
        k.close()


def test_the_slot_is_learnt_from_the_server(tmp_path: Path, mpp: Mpp, central: Central) -> None:
    k = kiosk(tmp_path, mpp, central.url, "k3")
    try:
        assert k.pass_once()
        with k.uow() as u:
            assert u.state.get(SLOT_KEY) == 3
        assert k.sync is not None and k.sync.status.slot == 3
    finally:
        k.close()


def test_a_conflicting_upload_is_marked_rejected_not_retried_forever(
    tmp_path: Path, mpp: Mpp, central: Central
) -> None:
    k = kiosk(tmp_path, mpp, central.url, server={"slot": 2})  # k1 is really slot 1
    try:
        central.stop()
        k.issue()  # emergency number of slot 2: not k1's to use
        central.start()
        assert k.pass_once()
        assert k.outbox() == [] and len(k.outbox("rejected")) == 1
        assert k.sync is not None and k.sync.status.outbox_rejected == 1
    finally:
        k.close()


def test_a_poisoned_outbox_item_does_not_block_the_others(
    tmp_path: Path, mpp: Mpp, central: Central
) -> None:
    k = kiosk(tmp_path, mpp, central.url)
    try:
        good = [k.issue() for _ in range(3)]
        with Session(k.uow.engine) as s, s.begin():  # the poison, written behind the store
            row = s.scalar(select(OutboxRow).where(OutboxRow.key == good[1].id))
            assert row is not None
            row.payload = {**row.payload, "seq": "not a number"}
        k.pass_once()
        assert k.outbox() == []
        assert [r.key for r in k.outbox("rejected")] == [good[1].id]
        assert set(server_tickets(mpp)) >= {good[0].id, good[2].id}
    finally:
        k.close()


def test_feedback_goes_through_the_outbox(tmp_path: Path, mpp: Mpp, central: Central) -> None:
    import uuid

    from central.models import Feedback
    from kiosk.sync.numbers import record_feedback

    k = kiosk(tmp_path, mpp, central.url)
    try:
        with k.uow() as u:
            record_feedback(
                u,
                feedback_id=str(uuid.uuid4()),
                rating=4,
                created_at=datetime.now(UTC),
                gerai_code="dukcapil",
                comment="Ramah",
            )
            u.commit()
        k.drain()
        with mpp.db.read() as s:
            fb = s.scalars(select(Feedback)).one()
        assert fb.rating == 4 and fb.comment == "Ramah"
    finally:
        k.close()


def test_the_worker_thread_syncs_in_the_background_and_reports_status(
    tmp_path: Path, mpp: Mpp, central: Central
) -> None:
    k = kiosk(tmp_path, mpp, central.url)
    seen: list[tuple[SyncStatus, str]] = []
    assert k.sync is not None
    k.sync.board.subscribe(lambda st: seen.append((st, threading.current_thread().name)))
    try:
        k.sync.start()
        t = k.issue()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and (k.outbox() or not k.sync.status.online):
            time.sleep(0.05)
        assert k.outbox() == [] and server_tickets(mpp)[t.id].state == "confirmed"
        assert any(st.online and st.last_success for st, _ in seen)
        assert {name for _st, name in seen} - {"MainThread"} == {"kiosk-sync"}
        central.stop()
        k.sync.sync_now()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and k.sync.status.online:
            time.sleep(0.05)
        st = k.sync.status
        assert not st.online and st.last_error
        lines = [line("en") for line in st.lines()]
        assert lines[0] == "Offline" and any("Waiting to send: 0" in x for x in lines)
        assert st.lines()[0]("id") == "Tidak terhubung"
    finally:
        t0 = time.monotonic()
        k.close()
        assert time.monotonic() - t0 < 5


def test_the_staff_audit_log_is_sent_once(tmp_path: Path, mpp: Mpp, central: Central) -> None:
    from central.models import AuditEntry

    k = kiosk(tmp_path, mpp, central.url)
    try:
        with k.uow() as u:
            repo = u.audit
            for action in ("pause", "resume", "reprint"):
                repo.add(datetime.now(UTC), "k1", "staff", action, {"why": "test"})
            u.commit()
        assert k.pass_once()
        assert k.pass_once()
        with k.uow() as u:
            assert u.audit.count_unsynced() == 0
        with mpp.db.read() as s:
            rows = s.scalars(select(AuditEntry).order_by(AuditEntry.entry_id)).all()
        assert [(r.entry_id, r.action) for r in rows] == [
            (1, "pause"),
            (2, "resume"),
            (3, "reprint"),
        ]
    finally:
        k.close()


def test_a_revoked_kiosk_keeps_serving_offline_and_says_why(
    tmp_path: Path, mpp: Mpp, central: Central
) -> None:
    from central.kiosks import revoke_kiosk

    k = kiosk(tmp_path, mpp, central.url)
    try:
        assert k.pass_once()
        revoke_kiosk(mpp.db, "k1")
        t = k.issue()
        assert t.seq >= 990  # a leased number: the visitor is served
        assert k.sync is not None and not k.pass_once()
        st = k.sync.status
        assert not st.online and st.last_error and "token" in st.last_error
        assert len(k.outbox()) == 1  # kept for when the kiosk is registered again
    finally:
        k.close()


def test_a_blocked_printer_pauses_issuing_with_a_server_too(
    tmp_path: Path, mpp: Mpp, central: Central
) -> None:
    """The refusals are the same whichever source the numbers come from."""
    k = kiosk(tmp_path, mpp, central.url)
    try:
        k.desk.set_printer_blocked(True)
        with pytest.raises(IssueRefused) as exc:
            k.issue()
        assert exc.value.availability.reason is Reason.PRINTER_FAULT  # type: ignore[attr-defined]
        assert server_tickets(mpp) == {}  # nothing was allocated on the server either
        k.desk.set_printer_blocked(False)
        assert k.issue().display == "A-001"
    finally:
        k.close()
