"""Staff mode driven through the touchscreen (offscreen): the hidden gesture, the PIN pad and
its lockout, the idle exit, and every staff action."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from kiosk.screens.main_window import Page
from kiosk.usecases.staff_actions import DESKTOP_EXIT_CODE, RESTART_EXIT_CODE
from kiosk.usecases.staff_pins import LOCKOUT_AFTER
from kiosk.usecases.staff_session import STAFF_IDLE_S, Role
from mpp_core.domain.tickets import PrintState

from ..conftest import WEDNESDAY_10
from .conftest import LEFT, STAFF_PIN, TECH_PIN, audit_actions, press_pin, sign_in


def hold_corner(qtbot, k, *, until_fired: bool) -> None:  # type: ignore[no-untyped-def]
    """Press the welcome screen's corner and release it either once the gesture's timer has
    fired (a long press: we wait for the timer's own signal, however loaded the machine is)
    or at once while it is still running (a short press)."""
    welcome = k.window.welcome
    gesture = k.staff.gesture
    corner = QPoint(k.window.m.px(8), k.window.m.px(8))
    QTest.mousePress(welcome, LEFT, Qt.KeyboardModifier.NoModifier, corner)
    assert gesture.timer.isActive()
    if until_fired:
        with qtbot.waitSignal(gesture.timer.timeout, timeout=gesture.timer.interval() + 30_000):
            pass
    else:
        assert gesture.timer.remainingTime() > 0 and not gesture.fired
    QTest.mouseRelease(welcome, LEFT, Qt.KeyboardModifier.NoModifier, corner)
    assert not gesture.timer.isActive()


def issue(qtbot, k, service: str = "ktp-el-baru") -> str:  # type: ignore[no-untyped-def]
    k.flow.start()
    k.flow.choose_service(service)
    qtbot.mouseClick(k.window.detail.take_button, LEFT)
    qtbot.waitUntil(lambda: k.window.current is Page.TICKET, timeout=5000)
    return str(k.window.ticket.number.text())


def tickets(k):  # type: ignore[no-untyped-def]
    with k.uow() as u:
        return {t.display: t for t in u.tickets.all_for_day(WEDNESDAY_10.date())}


# ---------------------------------------------------------------------------- getting in


def test_a_three_second_corner_press_opens_the_pin_pad(qtbot, staff_kiosk) -> None:  # type: ignore[no-untyped-def]
    k = staff_kiosk()
    assert k.staff.gesture.timer.interval() == 3000
    hold_corner(qtbot, k, until_fired=True)
    assert k.staff.active and k.staff.overlay.current == "pin"
    # the gesture's release did not also start the visitor path
    assert k.window.current is Page.WELCOME
    press_pin(qtbot, k, STAFF_PIN)
    assert k.staff.staff.role is Role.STAFF
    assert k.staff.overlay.current == "health"
    assert not k.staff.overlay.tabs["printer"].isVisibleTo(k.staff.overlay)


def test_a_short_press_is_an_ordinary_tap(qtbot, staff_kiosk) -> None:  # type: ignore[no-untyped-def]
    k = staff_kiosk()
    hold_corner(qtbot, k, until_fired=False)
    assert not k.staff.active
    assert k.window.current is Page.GERAI  # the welcome screen's tap starts the path


def test_a_long_press_elsewhere_does_nothing(qtbot, staff_kiosk) -> None:  # type: ignore[no-untyped-def]
    k = staff_kiosk()
    k.staff.gesture.timer.setInterval(200)
    welcome = k.window.welcome
    middle = QPoint(welcome.width() // 2, welcome.height() // 3)
    QTest.mousePress(welcome, LEFT, Qt.KeyboardModifier.NoModifier, middle)
    assert not k.staff.gesture.timer.isActive()  # a press outside the corner starts nothing
    qtbot.wait(400)
    QTest.mouseRelease(welcome, LEFT, Qt.KeyboardModifier.NoModifier, middle)
    assert not k.staff.active


def test_no_pin_set_keeps_staff_mode_closed(qtbot, staff_kiosk) -> None:  # type: ignore[no-untyped-def]
    k = staff_kiosk(pins=False)
    k.staff.gesture.timer.setInterval(100)
    hold_corner(qtbot, k, until_fired=True)
    pad = k.staff.overlay.pin
    assert k.staff.active and pad.state == "no_pin"
    assert "PIN belum diatur" in pad.message.text()  # Indonesian first
    assert "admin set-pin" in pad.command.text()
    assert not pad.keypad.isVisible() and not pad.ok_button.isVisible()
    pad.pin = "482915"
    pad.submit()
    assert k.staff.staff.session is None
    qtbot.mouseClick(pad.cancel_button, LEFT)
    assert not k.staff.active


def test_wrong_pins_then_lockout_with_countdown(qtbot, staff_kiosk, clock) -> None:  # type: ignore[no-untyped-def]
    k = staff_kiosk(clock=clock)
    k.staff.open()
    pad = k.staff.overlay.pin
    for left in range(LOCKOUT_AFTER - 1, 0, -1):
        press_pin(qtbot, k, "111222")
        assert pad.state == "wrong" and pad.attempts_left == left
        assert str(left) in pad.message.text()
    press_pin(qtbot, k, "111222")
    assert pad.state == "locked" and pad.seconds_left == 300
    assert "5:00" in pad.message.text()
    assert not pad.keys["4"].isEnabled()
    press_pin(qtbot, k, STAFF_PIN)  # taps on disabled keys do nothing
    assert k.staff.staff.session is None
    # closing and opening the pad again does not lift the lock
    k.staff.leave()
    k.staff.open()
    assert pad.state == "locked"
    clock.advance(timedelta(minutes=2))
    k.staff._count()
    assert "3:00" in pad.message.text()
    clock.advance(timedelta(minutes=3))
    k.staff._count()
    assert pad.state == "ready" and pad.keys["4"].isEnabled()
    press_pin(qtbot, k, STAFF_PIN)
    assert k.staff.staff.role is Role.STAFF
    actions = audit_actions(k)
    assert actions.count(("unknown", "pin_wrong")) == LOCKOUT_AFTER - 1
    assert ("unknown", "pin_lockout") in actions and ("staff", "sign_in") in actions


def test_the_mode_leaves_by_itself_after_two_minutes_idle(qtbot, staff_kiosk) -> None:  # type: ignore[no-untyped-def]
    k = staff_kiosk()
    now = [1000.0]
    k.staff.monotonic = lambda: now[0]
    assert k.staff.idle_s == STAFF_IDLE_S == 120
    sign_in(qtbot, k)
    now[0] += 119
    k.staff._count()
    assert k.staff.active and "0:01" in k.staff.overlay.countdown.text()
    # a touch gives the full two minutes again
    qtbot.mouseClick(k.staff.overlay.tabs["actions"], LEFT)
    now[0] += 100
    k.staff._count()
    assert k.staff.active
    now[0] += 21
    k.staff._count()
    assert not k.staff.active and k.staff.staff.session is None
    assert k.window.current is Page.WELCOME
    assert ("staff", "sign_out") in audit_actions(k)
    assert k.staff.audit.recent(1)[0].detail == {"reason": "idle"}


def test_the_idle_exit_runs_on_its_own_timer(qtbot, staff_kiosk) -> None:  # type: ignore[no-untyped-def]
    k = staff_kiosk()
    k.staff.idle_s = 1.2
    sign_in(qtbot, k)
    qtbot.waitUntil(lambda: not k.staff.active, timeout=4000)


def test_leave_button_signs_out(qtbot, staff_kiosk) -> None:  # type: ignore[no-untyped-def]
    k = staff_kiosk()
    sign_in(qtbot, k)
    qtbot.mouseClick(k.staff.overlay.leave_button, LEFT)
    assert not k.staff.active and k.staff.staff.session is None


# ---------------------------------------------------------------------------- staff actions


def actions(qtbot, k):  # type: ignore[no-untyped-def]
    qtbot.mouseClick(k.staff.overlay.tabs["actions"], LEFT)
    qtbot.wait(20)
    return k.staff.overlay.actions_page


def test_health_screen_shows_the_kiosk_at_a_glance(qtbot, staff_kiosk) -> None:  # type: ignore[no-untyped-def]
    k = staff_kiosk()
    issue(qtbot, k)
    issue(qtbot, k)
    k.flow.go_home()
    sign_in(qtbot, k)
    h = k.staff.overlay.health
    report = h.report
    assert report is not None
    assert report.tickets_total == 2 and report.catalog_version == k.catalog.current.version
    assert not report.server_configured
    texts = [lab.text() for lab in h.findChildren(type(h.banner)) if lab.isVisibleTo(h)]
    joined = "\n".join(texts)
    assert "A  Dispendukcapil: 2" in joined
    assert "10.00" in joined
    assert "Tidak ada server pusat" in joined or "No central server" in joined
    assert k.catalog.current.version in joined


def test_paper_roll_replaced(qtbot, staff_kiosk) -> None:  # type: ignore[no-untyped-def]
    k = staff_kiosk()
    k.printing.paper = k.printing.paper.consume(49_000)
    sign_in(qtbot, k)
    page = actions(qtbot, k)
    qtbot.mouseClick(page.buttons["paper"], LEFT)
    assert k.printing.health.paper_left_m == 50.0
    assert page.notice.isVisible() and page.notice.property("role") == "ok"
    assert k.staff.audit.recent(1)[0].action == "paper_replaced"


def test_test_print_shows_the_printers_answer(qtbot, staff_kiosk) -> None:  # type: ignore[no-untyped-def]
    k = staff_kiosk()
    sign_in(qtbot, k)
    page = actions(qtbot, k)
    qtbot.mouseClick(page.buttons["test-print"], LEFT)
    qtbot.waitUntil(
        lambda: (
            "Struk uji tercetak" in page.notice.text() or "Test slip printed" in page.notice.text()
        ),
        timeout=8000,
    )
    assert ("staff", "test_print") in audit_actions(k)


def test_reprint_a_ticket_that_did_not_print(qtbot, staff_kiosk) -> None:  # type: ignore[no-untyped-def]
    k = staff_kiosk()
    number = issue(qtbot, k)
    qtbot.waitUntil(lambda: tickets(k)[number].print_state is not PrintState.PENDING, timeout=8000)
    k.desk.mark_printed(tickets(k)[number].id, PrintState.FAILED, "paper out")
    k.flow.go_home()
    sign_in(qtbot, k)
    page = actions(qtbot, k)
    assert "(1)" in page.buttons["not-printed"].text()
    qtbot.mouseClick(page.buttons["not-printed"], LEFT)
    r = k.staff.overlay.reprint
    assert k.staff.overlay.current == "reprint" and r.only_not_printed
    qtbot.wait(20)
    assert [t.number for t in r.lines] == [number]
    qtbot.mouseClick(r.rows[0], LEFT)
    assert number in r.confirm_text.text()
    qtbot.mouseClick(r.confirm_yes, LEFT)
    qtbot.waitUntil(lambda: tickets(k)[number].print_state is PrintState.PRINTED, timeout=8000)
    qtbot.waitUntil(
        lambda: "tercetak" in r.notice.text() or "printed" in r.notice.text(), timeout=3000
    )
    assert r.lines == []  # no longer in the "did not print" list
    entry = next(e for e in k.staff.audit.recent(20) if e.action == "reprint")
    assert entry.detail["ticket"] == number and entry.detail["state_before"] == "failed"
    # all of today's tickets, with the copy's ticket printed
    qtbot.mouseClick(r.filter.button_for(False), LEFT)
    assert [t.number for t in r.lines] == [number]


def test_the_copy_is_marked_as_a_copy(qtbot, staff_kiosk, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    k = staff_kiosk()
    number = issue(qtbot, k)
    k.flow.go_home()
    sent = []
    monkeypatch.setattr(k.printing.service, "submit", lambda job: sent.append(job))
    sign_in(qtbot, k)
    k.staff.staff.reprint(tickets(k)[number].id)
    assert sent[0].slip.is_copy and sent[0].slip.number == number


def test_sync_now_without_and_with_a_server(qtbot, staff_kiosk) -> None:  # type: ignore[no-untyped-def]
    k = staff_kiosk()
    sign_in(qtbot, k)
    page = actions(qtbot, k)
    qtbot.mouseClick(page.buttons["sync"], LEFT)
    assert page.notice.property("role") == "error"

    class FakeSync:
        calls = 0

        @property
        def status(self):  # type: ignore[no-untyped-def]
            from kiosk.sync.status import SyncStatus

            return SyncStatus(
                configured=True, online=True, outbox_waiting=3, last_success=WEDNESDAY_10
            )

        def sync_now(self) -> None:
            FakeSync.calls += 1

        def stop(self, timeout: float = 0.0) -> None:
            pass

    k.sync = FakeSync()
    qtbot.mouseClick(page.buttons["sync"], LEFT)
    assert FakeSync.calls == 1 and page.notice.property("role") == "ok"
    report = k.staff.staff.health()
    assert report.server_online and any("3" in line("id") for line in report.server_lines)


def test_pause_and_resume_with_the_message_visitors_see(qtbot, staff_kiosk) -> None:  # type: ignore[no-untyped-def]
    k = staff_kiosk()
    sign_in(qtbot, k)
    page = actions(qtbot, k)
    qtbot.mouseClick(page.buttons["pause"], LEFT)
    p = k.staff.overlay.pause
    assert k.staff.overlay.current == "pause"
    qtbot.wait(20)  # let the page lay itself out before tapping
    qtbot.mouseClick(p.choice.button_for("custom"), LEFT)
    assert p.keyboard.isVisible()
    for ch in "tutup":
        qtbot.mouseClick(p.keyboard.keys[ch], LEFT)
    qtbot.mouseClick(p.pause_button, LEFT)
    assert k.desk.paused
    assert k.window.welcome.attention.text() == "tutup"
    assert p.state_text.text() == "tutup"
    # a printer status update does not wipe the pause notice
    from kiosk.printing.status import STATE_WORDS, PrinterState

    ready = STATE_WORDS[PrinterState.READY]
    k.flow.printer_health(k.printing._health(PrinterState.READY, ready))
    assert k.window.welcome.attention.text() == "tutup"
    assert k.desk.availability(k.catalog.current.gerai[0], None).reason.value == "paused"
    qtbot.mouseClick(p.resume_button, LEFT)
    assert not k.desk.paused and not k.window.welcome.attention.isVisibleTo(k.window)
    actions_done = audit_actions(k)
    assert ("staff", "pause_issuing") in actions_done
    assert ("staff", "resume_issuing") in actions_done


def test_a_preset_pause_message_follows_the_language(qtbot, staff_kiosk) -> None:  # type: ignore[no-untyped-def]
    k = staff_kiosk()
    sign_in(qtbot, k)
    qtbot.mouseClick(k.staff.overlay.tabs["pause"], LEFT)
    p = k.staff.overlay.pause
    qtbot.wait(20)
    qtbot.mouseClick(p.choice.button_for(1), LEFT)
    qtbot.mouseClick(p.pause_button, LEFT)
    assert "Kuota" in k.window.welcome.attention.text()
    k.flow.set_language("en")
    qtbot.waitUntil(lambda: "run out" in k.window.welcome.attention.text(), timeout=2000)


def test_restart_asks_first_then_requests_exit_75(qtbot, staff_kiosk) -> None:  # type: ignore[no-untyped-def]
    k = staff_kiosk()
    sign_in(qtbot, k)
    page = actions(qtbot, k)
    qtbot.mouseClick(page.buttons["restart"], LEFT)
    assert page.confirm_box.isVisible() and k.exits.codes == []
    qtbot.mouseClick(page.confirm_no, LEFT)
    assert k.exits.codes == []
    qtbot.mouseClick(page.buttons["restart"], LEFT)
    qtbot.mouseClick(page.confirm_yes, LEFT)
    assert k.exits.codes == [RESTART_EXIT_CODE] == [75]
    assert ("staff", "restart_app") in audit_actions(k)


def test_reset_terminal_keeps_tickets(qtbot, staff_kiosk, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    k = staff_kiosk()
    issue(qtbot, k)
    before = tickets(k)
    k.flow.start()
    k.flow.idle._warn()  # a visitor screen stuck on the idle question
    reopened = []
    monkeypatch.setattr(k.printing, "reconfigure", lambda s: reopened.append(s))
    k.staff.open()
    press_pin(qtbot, k, STAFF_PIN)
    page = actions(qtbot, k)
    qtbot.mouseClick(page.buttons["reset"], LEFT)
    qtbot.mouseClick(page.confirm_yes, LEFT)
    assert reopened == [k.printing.settings]
    assert k.window.current is Page.WELCOME and not k.window.idle.isVisible()
    assert {n: t.id for n, t in tickets(k).items()} == {n: t.id for n, t in before.items()}
    assert ("staff", "reset_terminal") in audit_actions(k)


def test_exit_to_desktop_is_for_technicians_only(qtbot, staff_kiosk) -> None:  # type: ignore[no-untyped-def]
    k = staff_kiosk()
    sign_in(qtbot, k)
    page = actions(qtbot, k)
    assert not page.buttons["desktop"].isVisibleTo(page)
    k.staff._exit_desktop()  # even called directly, a staff member cannot leave
    assert k.exits.codes == [] and page.notice.property("role") == "error"
    k.staff.leave()
    sign_in(qtbot, k, TECH_PIN)
    page = actions(qtbot, k)
    assert page.buttons["desktop"].isVisibleTo(page)
    qtbot.mouseClick(page.buttons["desktop"], LEFT)
    qtbot.mouseClick(page.confirm_yes, LEFT)
    assert k.exits.codes == [DESKTOP_EXIT_CODE]
    assert ("technician", "exit_to_desktop") in audit_actions(k)


def test_staff_screens_switch_language(qtbot, staff_kiosk) -> None:  # type: ignore[no-untyped-def]
    k = staff_kiosk()
    sign_in(qtbot, k)
    o = k.staff.overlay
    indonesian = o.tabs["actions"].text()
    qtbot.mouseClick(o.lang_button, LEFT)
    assert k.flow.language.lang == "en" and o.tabs["actions"].text() == "Actions"
    assert indonesian != "Actions"
    k.staff.leave()
    assert k.flow.language.lang == "id"  # the next visitor starts in Indonesian
