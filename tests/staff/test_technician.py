"""Technician mode from the touchscreen: the printer set up against the ESC/POS emulator and
tested, the server, screen and kiosk forms, checks with clear messages, atomic saves that take
effect without a restart where they can, and a folder that cannot be written."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from kiosk.screens.main_window import Page
from mpp_core.domain.hours import Reason
from tools.escpos_emulator import EmulatedPrinter, TcpEmulator

from .conftest import LEFT, TECH_PIN, audit_actions, sign_in


def tab(qtbot, k, name: str):  # type: ignore[no-untyped-def]
    qtbot.mouseClick(k.staff.overlay.tabs[name], LEFT)
    qtbot.wait(20)  # laid out, as after a real tap
    return k.staff.overlay.pages[name]


def type_into(qtbot, form, field, text: str) -> None:  # type: ignore[no-untyped-def]
    """Touch the field, clear it and type on the on-screen keyboard."""
    qtbot.mouseClick(field.edit, LEFT)
    kb = form.keyboard
    assert kb.isVisible()
    qtbot.mouseClick(kb.clear_button, LEFT)
    for ch in text:
        if ch.isalpha() and ch.isupper():
            qtbot.mouseClick(kb.shift, LEFT)
        qtbot.mouseClick(kb.keys[ch.lower()], LEFT)
    assert field.text() == text


def saved(k) -> dict:  # type: ignore[no-untyped-def]
    return tomllib.loads(Path(k.config.source_file).read_text(encoding="utf-8"))


@pytest.fixture
def emulator():  # type: ignore[no-untyped-def]
    printer = EmulatedPrinter("tech-test")
    server = TcpEmulator(printer).start()
    yield printer, server.port
    server.stop()


def test_printer_set_up_from_the_touchscreen_then_test_print(qtbot, staff_kiosk, emulator) -> None:  # type: ignore[no-untyped-def]
    printer, port = emulator
    k = staff_kiosk()
    assert k.printing.settings.kind == "preview"
    sign_in(qtbot, k, TECH_PIN)
    form = tab(qtbot, k, "printer")
    qtbot.mouseClick(form.kind.button_for("network"), LEFT)
    assert form.host.isVisible() and not form.usb_box.isVisible()
    type_into(qtbot, form, form.host, "127.0.0.1")
    type_into(qtbot, form, form.port, str(port))
    qtbot.mouseClick(form.keyboard.done_button, LEFT)
    assert not form.keyboard.isVisible()
    qtbot.mouseClick(form.cut.button_for("partial"), LEFT)
    qtbot.mouseClick(form.test_button, LEFT)
    qtbot.waitUntil(lambda: "tercetak" in form.answer.text(), timeout=10000)
    assert form.answer.property("role") == "ok"
    [slip] = printer.wait_for_slips(1)
    assert (
        "TES PRINTER" in slip.text and "printer jaringan 127.0.0.1" in slip.text
    )  # in the staff's language
    assert slip.cut == "partial"
    assert "printer" not in saved(k)  # tested, not saved yet
    qtbot.mouseClick(form.save_button, LEFT)
    assert form.notice.property("role") == "ok"
    table = saved(k)["printer"]
    assert table["kind"] == "network" and table["host"] == "127.0.0.1"
    assert table["port"] == port and table["cut"] == "partial"
    assert k.printing.settings.host == "127.0.0.1" and k.config.printer["port"] == port
    entry = next(e for e in k.staff.audit.recent(10) if e.action == "settings_saved")
    assert entry.actor == "technician" and "printer.host" in entry.detail["changed"]
    # visitors' tickets now print on the new printer, without a restart
    k.staff.leave()
    k.flow.start()
    k.flow.choose_service("ktp-el-baru")
    qtbot.mouseClick(k.window.detail.take_button, LEFT)
    qtbot.waitUntil(lambda: k.window.current is Page.TICKET, timeout=5000)
    slips = printer.wait_for_slips(2, timeout=10)
    assert "A-001" in slips[1].text


def test_an_unsaved_printer_test_is_undone_on_leaving(qtbot, staff_kiosk, emulator) -> None:  # type: ignore[no-untyped-def]
    _printer, port = emulator
    k = staff_kiosk()
    sign_in(qtbot, k, TECH_PIN)
    form = tab(qtbot, k, "printer")
    qtbot.mouseClick(form.kind.button_for("network"), LEFT)
    form.host.set_text("127.0.0.1")
    form.port.set_text(str(port))
    qtbot.mouseClick(form.test_button, LEFT)
    assert k.printing.settings.kind == "network"
    k.staff.leave()
    assert k.printing.settings.kind == "preview"


def test_printer_values_are_checked_with_clear_messages(qtbot, staff_kiosk) -> None:  # type: ignore[no-untyped-def]
    k = staff_kiosk()
    sign_in(qtbot, k, TECH_PIN)
    form = tab(qtbot, k, "printer")
    before = Path(k.config.source_file).read_text(encoding="utf-8")
    qtbot.mouseClick(form.kind.button_for("network"), LEFT)
    form.host.set_text("")
    form.port.set_text("99999")
    form.code_page.set_text("300")
    qtbot.mouseClick(form.save_button, LEFT)
    assert form.host.problem.isVisible() and "alamat IP" in form.host.problem.text()
    assert "1 sampai 65535" in form.port.problem.text()
    assert "0 sampai 255" in form.code_page.problem.text()
    assert form.notice.property("role") == "error"
    assert Path(k.config.source_file).read_text(encoding="utf-8") == before
    qtbot.mouseClick(form.kind.button_for("serial"), LEFT)
    form.serial_device.set_text("ttyUSB0")
    qtbot.mouseClick(form.save_button, LEFT)
    assert "/dev/ttyUSB0" in form.serial_device.problem.text()
    qtbot.mouseClick(form.kind.button_for("usb"), LEFT)
    form.usb_device.set_text("")
    qtbot.mouseClick(form.save_button, LEFT)
    assert form.usb_problem.isVisible()


def test_usb_printers_are_picked_from_the_detected_list(qtbot, staff_kiosk) -> None:  # type: ignore[no-untyped-def]
    from kiosk.usecases.hardware import DetectedPrinter

    k = staff_kiosk()
    k.staff.detect = lambda: [
        DetectedPrinter(
            "EPSON TM-T82 (04b8:0e15)",
            "usb",
            {"usb_vendor_id": "0x04b8", "usb_product_id": "0x0e15"},
        ),
        DetectedPrinter("/dev/ttyUSB0 (FT232R)", "serial", {"serial_device": "/dev/ttyUSB0"}),
    ]
    sign_in(qtbot, k, TECH_PIN)
    form = tab(qtbot, k, "printer")
    qtbot.mouseClick(form.kind.button_for("usb"), LEFT)
    qtbot.mouseClick(form.detect_button, LEFT)
    qtbot.waitUntil(lambda: len(form.usb_list.buttons) == 1, timeout=5000)
    assert "TM-T82" in form.usb_list.buttons[0][1].accessibleName()
    qtbot.wait(20)
    qtbot.mouseClick(form.usb_list.buttons[0][1], LEFT)
    values = form.values()
    assert values["usb_vendor_id"] == "0x04b8" and values["usb_product_id"] == "0x0e15"
    table, problems = k.staff.staff.settings.check_printer(values)
    assert problems == [] and table is not None and table["usb_vendor_id"] == "0x04b8"
    qtbot.mouseClick(form.kind.button_for("serial"), LEFT)
    qtbot.wait(20)
    qtbot.mouseClick(form.serial_list.buttons[0][1], LEFT)
    assert form.serial_device.text() == "/dev/ttyUSB0"


def test_staff_cannot_open_the_technician_forms(qtbot, staff_kiosk) -> None:  # type: ignore[no-untyped-def]
    from kiosk.usecases.staff_session import NotAllowed

    k = staff_kiosk()
    sign_in(qtbot, k)
    assert not k.staff.overlay.tabs["printer"].isVisibleTo(k.staff.overlay)
    with pytest.raises(NotAllowed):
        k.staff.staff.settings.save_printer({"kind": "preview"})
    with pytest.raises(NotAllowed):
        k.staff.staff.exit_to_desktop()


def test_kiosk_form_takes_effect_without_a_restart(qtbot, staff_kiosk) -> None:  # type: ignore[no-untyped-def]
    k = staff_kiosk()
    sign_in(qtbot, k, TECH_PIN)
    form = tab(qtbot, k, "kiosk")
    qtbot.mouseClick(form.idle.button_for(90), LEFT)
    qtbot.mouseClick(form.english.button_for(False), LEFT)
    assert form.language.value() == "id"
    assert not form.language.button_for("en").isEnabled()
    qtbot.mouseClick(form.mode.button_for("closed"), LEFT)
    qtbot.mouseClick(form.until.button_for("today"), LEFT)
    qtbot.mouseClick(form.save_button, LEFT)
    assert form.notice.property("role") == "ok" and "berlaku" in form.notice.text()
    assert k.flow.idle.timing.idle_timeout_s == 90 and k.flow.timing.idle_timeout_s == 90
    assert not k.window.lang_button.isVisibleTo(k.window)
    gerai = k.catalog.current.gerai_by_code("dukcapil")
    assert k.desk.availability(gerai, None).reason is Reason.CLOSED_TODAY
    doc = saved(k)
    assert doc["kiosk"]["idle_timeout_s"] == 90 and doc["kiosk"]["languages"] == ["id"]
    assert doc["hours"]["mode"] == "closed" and doc["hours"]["until"] == "2026-12-02"
    # back to the catalog's hours
    qtbot.mouseClick(form.mode.button_for("catalog"), LEFT)
    qtbot.mouseClick(form.save_button, LEFT)
    assert k.desk.availability(gerai, None).reason is Reason.OPEN


def test_special_hours_open_on_a_saturday(qtbot, staff_kiosk, clock) -> None:  # type: ignore[no-untyped-def]
    from datetime import timedelta

    k = staff_kiosk(clock=clock)
    clock.advance(timedelta(days=3))  # Saturday 10:00: the mini catalog is closed
    gerai = k.catalog.current.gerai_by_code("dukcapil")
    assert k.desk.availability(gerai, None).reason is not Reason.OPEN
    sign_in(qtbot, k, TECH_PIN)
    form = tab(qtbot, k, "kiosk")
    qtbot.mouseClick(form.mode.button_for("custom"), LEFT)
    qtbot.wait(20)
    form.opens.set_value("08:00")
    for _ in range(4):
        qtbot.mouseClick(form.closes.plus, LEFT)  # 15:00 -> 17:00
    assert form.closes.value() == "17:00"
    qtbot.mouseClick(form.days.buttons["sat"], LEFT)
    qtbot.mouseClick(form.save_button, LEFT)
    assert k.desk.availability(gerai, None).reason is Reason.OPEN
    assert "sat" in saved(k)["hours"]["days"]


def test_server_form_checks_saves_and_offers_a_restart(qtbot, staff_kiosk) -> None:  # type: ignore[no-untyped-def]
    k = staff_kiosk()
    sign_in(qtbot, k, TECH_PIN)
    form = tab(qtbot, k, "server")
    type_into(qtbot, form, form.url, "central.mpp")
    qtbot.mouseClick(form.save_button, LEFT)
    assert "https://" in form.url.problem.text() and form.token.problem.isVisible()
    type_into(qtbot, form, form.url, "https://central.mpp:8443")
    form.token.set_text("mppk_Ab-3_xYz0123456789")
    qtbot.mouseClick(form.connect_timeout.button_for(1.5), LEFT)
    qtbot.mouseClick(form.save_button, LEFT)
    assert form.notice.property("role") == "ok"
    assert form.restart_button.isVisible()
    doc = saved(k)["server"]
    assert doc["url"] == "https://central.mpp:8443" and doc["connect_timeout_s"] == 1.5
    entry = next(e for e in k.staff.audit.recent(10) if e.action == "settings_saved")
    assert "server.token" in entry.detail["changed"]
    assert "mppk_Ab" not in str(entry.detail)  # the token never goes into the log
    qtbot.mouseClick(form.restart_button, LEFT)
    assert k.exits.codes == [75]


def test_screen_form_saves_orientation_and_scale(qtbot, staff_kiosk) -> None:  # type: ignore[no-untyped-def]
    k = staff_kiosk()
    sign_in(qtbot, k, TECH_PIN)
    form = tab(qtbot, k, "screen")
    assert len(form.display.buttons) >= 1
    qtbot.mouseClick(form.orientation.button_for("portrait"), LEFT)
    qtbot.mouseClick(form.scale.button_for(1.25), LEFT)
    qtbot.mouseClick(form.save_button, LEFT)
    assert form.restart_button.isVisible()
    doc = saved(k)
    assert doc["screen"] == {"display": 0, "orientation": "portrait", "scale": 1.25}
    assert doc["panel"]["width_px"] == 1080 and doc["panel"]["height_px"] == 1920


def test_an_unwritable_folder_keeps_the_old_settings(qtbot, staff_kiosk, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    blocker = tmp_path / "etc-is-a-file"
    blocker.write_text("not a folder")
    k = staff_kiosk(config_file=blocker / "kiosk.toml")
    sign_in(qtbot, k, TECH_PIN)
    form = tab(qtbot, k, "kiosk")
    qtbot.mouseClick(form.idle.button_for(120), LEFT)
    qtbot.mouseClick(form.save_button, LEFT)
    assert form.notice.property("role") == "error"
    assert "Tidak disimpan" in form.notice.text() and str(blocker) in form.notice.text()
    assert k.flow.timing.idle_timeout_s == 45 and k.config.idle_timeout_s == 45
    assert ("technician", "settings_not_saved") in audit_actions(k)


def test_a_kiosk_started_with_a_broken_config_shows_staff_what_was_wrong(
    qtbot,
    staff_kiosk,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    from kiosk.config import ConfigProblem
    from kiosk.settings.rules import Range, out_of_range

    k = staff_kiosk()
    k.staff.staff.settings.config_problems = [
        ConfigProblem("kiosk.idle_timeout_s", out_of_range(Range(15, 600), 5), 3)
    ]
    sign_in(qtbot, k)
    health = k.staff.overlay.health
    assert health.problems.isVisible()
    shown = [lab.text() for lab in health.problems._lines]
    assert "baris 3: kiosk.idle_timeout_s: harus 15 sampai 600, bukan 5" in shown
    k.flow.set_language("en")  # in the language on screen
    shown = [lab.text() for lab in health.problems._lines]
    assert "line 3: kiosk.idle_timeout_s: must be between 15 and 600, not 5" in shown


def test_the_last_good_copy_is_written_once_the_kiosk_runs(qtbot, staff_kiosk) -> None:  # type: ignore[no-untyped-def]
    from kiosk.config import last_good_path

    k = staff_kiosk()
    path = Path(k.config.source_file)
    assert last_good_path(path).read_text(encoding="utf-8") == path.read_text(encoding="utf-8")


def test_settings_from_the_file_apply_at_start(qtbot, staff_kiosk) -> None:  # type: ignore[no-untyped-def]
    from kiosk.settings.hours import HoursConfig

    k = staff_kiosk(hours=HoursConfig(mode="closed"), languages=("id",))
    assert not k.window.lang_button.isVisibleTo(k.window)
    gerai = k.catalog.current.gerai_by_code("dukcapil")
    assert k.desk.availability(gerai, None).reason is Reason.CLOSED_TODAY
    tile = k.window.gerai.tiles["dukcapil"]
    assert "Tutup" in tile.status or "Closed" in tile.status


def test_a_broken_config_file_starts_the_kiosk_with_the_last_good_one(
    qtbot, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    """As `mpp-kiosk run` does: load the file, build the kiosk, staff see what was wrong."""
    from kiosk.app import build_kiosk
    from kiosk.config import load_config
    from kiosk.usecases.staff_session import Role
    from mpp_core.domain.clock import FixedClock

    from ..conftest import MINI_CATALOG, WEDNESDAY_10
    from .conftest import STAFF_PIN, press_pin

    path = tmp_path / "kiosk.toml"
    path.write_text(
        f'[kiosk]\nkiosk_id = "good"\nidle_timeout_s = 60\nfullscreen = false\n'
        f'database = "{tmp_path / "k.db"}"\n'
    )
    load_config(path, remember=True)
    path.write_text('[kiosk]\nkiosk_id = "bad id!"\nidle_timeout_s = 5\n[printer\n')
    cfg, problems = load_config(path)
    k = build_kiosk(
        cfg, config_problems=problems, clock=FixedClock(WEDNESDAY_10), catalog_seed=MINI_CATALOG
    )
    qtbot.addWidget(k.window)
    try:
        assert k.config.kiosk_id == "good" and k.flow.timing.idle_timeout_s == 60
        assert k.staff is not None
        k.staff.auth.set_pin(Role.STAFF, STAFF_PIN, by="test")
        k.staff.open()
        press_pin(qtbot, k, STAFF_PIN)
        health = k.staff.overlay.health
        shown = [lab.text() for lab in health.problems._lines if lab.isVisibleTo(health)]
        assert any("baris 4" in t and "bukan TOML yang valid" in t for t in shown), shown
    finally:
        k.printing.close()
        k.runner.shutdown(wait=True)
