"""The visitor's path, driven with real taps offscreen, against a real SQLite file."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt

from kiosk.screens.main_window import Page
from mpp_core.domain.clock import FixedClock
from mpp_core.domain.tickets import PrintState

from ..conftest import WEDNESDAY_10, wait_idle_runner

LEFT = Qt.MouseButton.LeftButton


def tickets_in_db(k):  # type: ignore[no-untyped-def]
    with k.desk._uow() as uow:
        return uow.tickets.all_for_day(WEDNESDAY_10.date())


def row_for(rows, code):  # type: ignore[no-untyped-def]
    return next(r for r in rows if r.code == code)


def test_welcome_to_ticket_in_three_taps(qtbot, kiosk_factory) -> None:  # type: ignore[no-untyped-def]
    k = kiosk_factory()
    w = k.window
    assert w.current is Page.WELCOME
    qtbot.mouseClick(w.welcome.start_button, LEFT)
    assert w.current is Page.GERAI
    qtbot.mouseClick(w.gerai.tiles["dukcapil"], LEFT)  # tap 1
    assert w.current is Page.SERVICES
    qtbot.mouseClick(row_for(w.services.rows, "ktp-el-baru"), LEFT)  # tap 2
    assert w.current is Page.DETAIL
    assert "Kartu Keluarga (fotokopi)" in [
        lab.text() for lab in w.detail.bring_card.findChildren(type(w.detail.title))
    ]
    qtbot.mouseClick(w.detail.take_button, LEFT)  # tap 3
    qtbot.waitUntil(lambda: w.current is Page.TICKET, timeout=5000)
    assert w.ticket.number.text() == "A-001"
    assert w.ticket.where.text() == "Dispendukcapil"
    assert w.ticket.location.text() == "Lantai 2, loket 1"
    assert w.ticket.service.text() == "KTP-el Baru"
    [t] = tickets_in_db(k)
    assert (t.display, t.service_code, t.priority) == ("A-001", "ktp-el-baru", None)
    assert w.ticket.qr.payload == t.qr_payload
    # No printer configured: the preview printer shows the slip on screen and records it.
    qtbot.waitUntil(lambda: w.ticket.slip_preview.isVisible(), timeout=5000)
    assert not w.ticket.qr.isVisible()
    assert w.ticket.print_state.text() == "Tidak ada printer: struk Anda ditampilkan di sini."
    qtbot.waitUntil(lambda: tickets_in_db(k)[0].print_state is PrintState.PREVIEW, timeout=3000)


def test_priority_ticket(qtbot, kiosk_factory) -> None:  # type: ignore[no-untyped-def]
    k = kiosk_factory()
    w = k.window
    k.flow.start()
    k.flow.choose_service("kk-baru")
    from mpp_core.domain.numbering import PriorityGroup

    qtbot.mouseClick(w.detail.priority_buttons[PriorityGroup.HAMIL], LEFT)
    qtbot.waitUntil(lambda: w.current is Page.TICKET, timeout=5000)
    assert w.ticket.number.text() == "A-P001"
    assert w.ticket.priority.isVisible()
    assert "Ibu hamil" in w.ticket.priority.text()
    [t] = tickets_in_db(k)
    assert t.priority is PriorityGroup.HAMIL


def test_double_tap_issues_one_ticket(qtbot, kiosk_factory) -> None:  # type: ignore[no-untyped-def]
    k = kiosk_factory()
    w = k.window
    k.flow.start()
    k.flow.choose_service("ktp-el-baru")
    qtbot.mouseDClick(w.detail.take_button, LEFT)
    qtbot.mouseClick(w.detail.take_button, LEFT)
    k.flow.take_number(None)  # even a second request slipping through is the same request
    qtbot.waitUntil(lambda: w.current is Page.TICKET, timeout=5000)
    wait_idle_runner(qtbot, k)
    assert len(tickets_in_db(k)) == 1


def test_back_and_start_again(qtbot, kiosk_factory) -> None:  # type: ignore[no-untyped-def]
    k = kiosk_factory()
    w = k.window
    qtbot.mouseClick(w.welcome.start_button, LEFT)
    qtbot.mouseClick(w.gerai.tiles["dinkes"], LEFT)
    qtbot.mouseClick(row_for(w.services.rows, "sip-dokter"), LEFT)
    qtbot.mouseClick(w.back_button, LEFT)
    assert w.current is Page.SERVICES
    qtbot.mouseClick(w.back_button, LEFT)
    assert w.current is Page.GERAI
    qtbot.mouseClick(w.home_button, LEFT)
    assert w.current is Page.WELCOME


def test_planned_gerai_cannot_be_chosen(qtbot, kiosk_factory) -> None:  # type: ignore[no-untyped-def]
    k = kiosk_factory()
    w = k.window
    k.flow.start()
    tile = w.gerai.tiles["imigrasi"]
    assert not tile.isEnabled()
    assert tile.status == "Segera hadir"
    qtbot.mouseClick(tile, LEFT)
    assert w.current is Page.GERAI


def test_no_queue_service_points_elsewhere(qtbot, kiosk_factory) -> None:  # type: ignore[no-untyped-def]
    k = kiosk_factory()
    w = k.window
    k.flow.start()
    k.flow.choose_service("ikd-aktivasi")
    assert not w.detail.take_button.isVisible()
    assert "tanpa nomor antrean" in w.detail.adm_hint.text()
    assert w.detail.online_card.isVisible()
    assert w.detail.qr.payload == "https://dukcapil.kemendagri.go.id"


def test_live_language_switch_keeps_the_screen(qtbot, kiosk_factory) -> None:  # type: ignore[no-untyped-def]
    k = kiosk_factory()
    w = k.window
    assert w.welcome.start_button.text() == "Sentuh untuk mulai"
    assert w.lang_button.text() == "English"
    qtbot.mouseClick(w.lang_button, LEFT)
    assert w.welcome.start_button.text() == "Touch to start"
    assert w.lang_button.text() == "Bahasa Indonesia"
    qtbot.mouseClick(w.welcome.start_button, LEFT)
    qtbot.mouseClick(w.gerai.tiles["dukcapil"], LEFT)
    qtbot.mouseClick(row_for(w.services.rows, "ktp-el-baru"), LEFT)
    assert w.detail.title.text() == "New e-ID card"
    assert w.detail.take_button.text() == "Take a queue number"
    assert w.detail.bring_title.text() == "What to bring"
    qtbot.mouseClick(w.lang_button, LEFT)
    assert w.current is Page.DETAIL  # same screen, same service
    assert w.detail.title.text() == "KTP-el Baru"
    assert w.detail.take_button.text() == "Ambil nomor antrean"
    assert w.back_button.text() == "Kembali"
    # The next visitor starts in Indonesian.
    qtbot.mouseClick(w.lang_button, LEFT)
    qtbot.mouseClick(w.home_button, LEFT)
    assert w.welcome.start_button.text() == "Sentuh untuk mulai"


def test_idle_warning_then_return_to_welcome(qtbot, kiosk_factory) -> None:  # type: ignore[no-untyped-def]
    k = kiosk_factory(idle_timeout_s=1, idle_warning_s=2)
    w = k.window
    qtbot.mouseClick(w.welcome.start_button, LEFT)
    qtbot.mouseClick(w.gerai.tiles["dukcapil"], LEFT)
    qtbot.waitUntil(lambda: w.idle.isVisible(), timeout=3000)
    assert w.idle.question.text() == "Masih di sini?"
    assert "2 detik" in w.idle.countdown.text()
    qtbot.mouseClick(w.idle.stay_button, LEFT)  # one tap to carry on
    assert not w.idle.isVisible() and w.current is Page.SERVICES
    qtbot.waitUntil(lambda: w.idle.isVisible(), timeout=3000)
    qtbot.waitUntil(lambda: w.current is Page.WELCOME, timeout=4000)
    assert not w.idle.isVisible()


def test_activity_postpones_the_idle_warning(qtbot, kiosk_factory) -> None:  # type: ignore[no-untyped-def]
    k = kiosk_factory(idle_timeout_s=1, idle_warning_s=20)
    w = k.window
    qtbot.mouseClick(w.welcome.start_button, LEFT)
    for _ in range(4):
        qtbot.wait(400)
        qtbot.mousePress(w.gerai, LEFT)
    assert not w.idle.isVisible()
    qtbot.waitUntil(lambda: w.idle.isVisible(), timeout=3000)
    assert w.idle.seconds == 20


def test_ticket_screen_returns_by_itself(qtbot, kiosk_factory) -> None:  # type: ignore[no-untyped-def]
    k = kiosk_factory(ticket_screen_s=1)
    w = k.window
    # A printer that prints at once (the printers themselves are tested in tests/printing).
    k.flow.print_ticket = lambda t, g, s, lang: k.flow.print_result(t.id, True, None)
    k.flow.start()
    k.flow.choose_service("ktp-el-baru")
    qtbot.mouseClick(w.detail.take_button, LEFT)
    qtbot.waitUntil(lambda: w.current is Page.TICKET, timeout=5000)
    assert w.ticket.print_state.text() == "Ambil struk Anda di bawah layar."
    qtbot.waitUntil(lambda: w.current is Page.WELCOME, timeout=4000)


def test_closed_hours_say_when_it_opens(qtbot, kiosk_factory) -> None:  # type: ignore[no-untyped-def]
    clock = FixedClock(WEDNESDAY_10.replace(hour=19))
    k = kiosk_factory(clock=clock)
    w = k.window
    k.flow.start()
    assert w.gerai.tiles["dukcapil"].status.startswith("Tutup · buka besok 08.00")
    k.flow.choose_service("ktp-el-baru")
    assert not w.detail.take_button.isEnabled()
    assert w.detail.availability.text() == (
        "Pengambilan nomor hari ini sudah ditutup. Nomor antrean tersedia lagi besok pukul 08.00."
    )
    clock.set(WEDNESDAY_10.replace(day=5))  # Saturday
    k.flow.choose_service("ktp-el-baru")
    assert "Hari ini tutup." in w.detail.availability.text()
    assert "Senin, 7 Desember pukul 08.00" in w.detail.availability.text()


def test_quota_used_up(qtbot, kiosk_factory) -> None:  # type: ignore[no-untyped-def]
    k = kiosk_factory()
    w = k.window
    k.desk.issue("x1", "akta-kelahiran")
    k.desk.issue("x2", "akta-kelahiran")
    k.flow.start()
    k.flow.choose_service("akta-kelahiran")
    assert not w.detail.take_button.isEnabled()
    assert w.detail.availability.text().startswith("Kuota layanan ini untuk hari ini sudah habis.")
    assert "online" in w.detail.availability.text()


def test_quota_race_is_refused_with_reason(qtbot, kiosk_factory) -> None:  # type: ignore[no-untyped-def]
    k = kiosk_factory()
    w = k.window
    k.flow.start()
    k.flow.choose_service("akta-kelahiran")
    assert w.detail.take_button.isEnabled()
    k.desk.issue("other-kiosk-1", "akta-kelahiran")  # meanwhile, on another kiosk
    k.desk.issue("other-kiosk-2", "akta-kelahiran")
    qtbot.mouseClick(w.detail.take_button, LEFT)
    wait_idle_runner(qtbot, k)
    assert w.current is Page.DETAIL
    assert w.detail.availability.text().startswith("Kuota layanan ini")
    assert not w.detail.take_button.isEnabled()
    assert len(tickets_in_db(k)) == 2


def test_numbers_restart_after_midnight_without_restart(qtbot, kiosk_factory) -> None:  # type: ignore[no-untyped-def]
    clock = FixedClock(WEDNESDAY_10)
    k = kiosk_factory(clock=clock)
    w = k.window
    for expected in ("A-001", "A-002"):
        k.flow.start()
        k.flow.choose_service("ktp-el-baru")
        qtbot.mouseClick(w.detail.take_button, LEFT)
        qtbot.waitUntil(lambda: w.current is Page.TICKET, timeout=5000)
        assert w.ticket.number.text() == expected
    clock.advance(timedelta(days=1))
    k.flow.start()
    k.flow.choose_service("ktp-el-baru")
    qtbot.mouseClick(w.detail.take_button, LEFT)
    qtbot.waitUntil(lambda: w.ticket.number.text() == "A-001", timeout=5000)
    assert k.flow.last_ticket is not None
    assert k.flow.last_ticket.print_state is PrintState.PENDING


def test_search_with_the_on_screen_keyboard(qtbot, kiosk_factory) -> None:  # type: ignore[no-untyped-def]
    k = kiosk_factory()
    w = k.window
    k.flow.start()
    qtbot.mouseClick(w.search_button, LEFT)
    assert w.current is Page.SEARCH
    for ch in "akta lah":
        key = w.search.keyboard.space if ch == " " else w.search.keyboard.keys[ch]
        qtbot.mouseClick(key, LEFT)
    assert w.search.field.text() == "akta lah"
    assert w.search.result_codes[0] == "akta-kelahiran"
    assert w.search.status.text() == "1 layanan ditemukan"
    qtbot.mouseClick(w.search.keyboard.clear_button, LEFT)
    for ch in "kk":
        qtbot.mouseClick(w.search.keyboard.keys[ch], LEFT)
    assert w.search.result_codes == ["kk-baru"]
    qtbot.mouseClick(w.search.rows[0], LEFT)
    assert w.current is Page.DETAIL and w.detail.service.code == "kk-baru"
    qtbot.mouseClick(w.back_button, LEFT)
    assert w.current is Page.SEARCH
    qtbot.mouseClick(w.search.keyboard.clear_button, LEFT)
    for ch in "qqq":
        qtbot.mouseClick(w.search.keyboard.keys[ch], LEFT)
    assert w.search.result_codes == []
    assert w.search.status.text() == "Tidak ditemukan. Coba kata yang lebih pendek."
