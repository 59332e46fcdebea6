"""Staff and technician modes over the running kiosk: the Qt controller.

``StaffMode`` receives its parts already built (``kiosk/app.py: build_kiosk`` is the one place
that builds them, as it builds the visitor flow) and adds, without touching the visitor
screens' code:

- the hidden gesture: a 3-second press in the top-left corner of the welcome screen (an
  event filter on it, ``kiosk.staff_events.CornerHold``) opens the PIN pad;
- the staff overlay over the whole window (the visitor screens keep their state under it),
  built the first time it is needed;
- its own idle timer: the mode closes by itself after 2 minutes without a touch;
- the actions, through ``kiosk.usecases.staff_actions.StaffDesk`` (every one audited), and the
  technician's forms through ``StaffDesk.settings``.

Restarting the app exits with ``RESTART_EXIT_CODE`` (75), which the launcher or systemd
unit restarts on; leaving to the desktop (technicians only) exits with 0.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from kiosk.staff_events import CornerHold
from kiosk.usecases.hardware import DetectedPrinter, detect_printers
from kiosk.usecases.staff_actions import StaffDesk
from kiosk.usecases.staff_session import (
    STAFF_IDLE_S,
    TECHNICIANS_ONLY,
    NotAllowed,
    Outcome,
    Role,
)
from mpp_core.domain.catalog import Catalog
from mpp_core.domain.clock import Clock, service_day
from mpp_core.i18n import Text, Words

if TYPE_CHECKING:
    from kiosk.flow import KioskFlow
    from kiosk.screens.main_window import KioskWindow
    from kiosk.screens.staff.shell import StaffOverlay
    from kiosk.workers import BackgroundRunner

log = logging.getLogger(__name__)

HOLD_MS = 3000
CORNER_MM = 25.0
POLL_MS = 150
PRINT_ANSWER_TIMEOUT_S = 30.0
ACTIVITY = {
    QEvent.Type.MouseButtonPress,
    QEvent.Type.TouchBegin,
    QEvent.Type.KeyPress,
    QEvent.Type.TouchUpdate,
    QEvent.Type.MouseMove,
}


NO_ANSWER = Text(
    "Printer tidak menjawab dalam 30 detik.", "The printer did not answer within 30 seconds."
)
PRINTING_TEST = Text("Mencetak struk uji…", "Printing a test slip…")
PRINTING_COPY = Text("Mencetak salinan…", "Printing a copy…")
CANNOT_REPRINT = Text("Tidak dapat dicetak ulang: {detail}", "Cannot reprint: {detail}")


def _exit_app(code: int) -> None:
    QApplication.exit(code)


class StaffMode(QObject):
    _doctor_done = Signal(object)  # list[str], from the doctor's thread

    def __init__(
        self,
        *,
        window: KioskWindow,
        flow: KioskFlow,
        staff: StaffDesk,
        catalog: Callable[[], Catalog],
        clock: Clock,
        runner: BackgroundRunner,
        logo_dirs: Sequence[Path] = (),
        exit_app: Callable[[int], None] = _exit_app,
        hold_ms: int = HOLD_MS,
        idle_s: float = STAFF_IDLE_S,
        monotonic: Callable[[], float] = time.monotonic,
        detect: Callable[[], list[DetectedPrinter]] = detect_printers,
        doctor: Callable[[], list[str]] | None = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.flow = flow
        self.staff = staff
        self.audit = staff.audit
        self.auth = staff.auth
        self.catalog = catalog
        self.clock = clock
        self.runner = runner
        self.logo_dirs = tuple(logo_dirs)
        self.exit_app = exit_app
        self.idle_s = idle_s
        self.monotonic = monotonic
        self.detect = detect
        self.doctor = doctor
        self._doctor_done.connect(lambda lines: self.overlay.doctor.show_lines(lines))
        self.exit_requested: int | None = None
        self._overlay: StaffOverlay | None = None  # built on first use: start-up stays fast
        self.gesture = CornerHold(window.welcome, window.m.px(CORNER_MM), hold_ms, self.open)
        window.installEventFilter(self)
        self._deadline = 0.0
        self._tick = QTimer(self)
        self._tick.setInterval(1000)
        self._tick.timeout.connect(self._count)
        self._health_timer = QTimer(self)
        self._health_timer.setInterval(5000)
        self._health_timer.timeout.connect(self._refresh_health)
        self._polls: list[tuple[str, float, Callable[[Any], None]]] = []
        self._poll_timer = QTimer(self)
        self._poll_timer.setInterval(POLL_MS)
        self._poll_timer.timeout.connect(self._poll)
        self._only_not_printed = True
        self.show_pause_notice()

    # ------------------------------------------------------------------ wiring

    @property
    def overlay(self) -> StaffOverlay:
        """The staff screens, built the first time they are needed (about 0.25 s)."""
        if self._overlay is None:
            from kiosk.screens.staff.shell import StaffOverlay  # imported when first needed

            self._overlay = StaffOverlay(self.window.m, self.window)
            self._overlay.setGeometry(self.window.rect())
            self._wire(self._overlay)
        return self._overlay

    def _wire(self, o: StaffOverlay) -> None:
        o.leave.connect(lambda: self.leave("leave"))
        o.language_toggled.connect(self._toggle_language)
        o.tab_chosen.connect(self._tab)
        o.pin.submitted.connect(self.submit_pin)
        o.pin.cancelled.connect(lambda: self.leave("cancel"))
        a = o.actions_page
        a.paper_replaced.connect(lambda: self._do(a.show_result, self.staff.paper_replaced))
        a.test_print.connect(self._test_print)
        a.open_reprint.connect(self._open_reprint)
        a.sync_now.connect(lambda: self._do(a.show_result, self.staff.sync_now))
        a.pause_or_resume.connect(lambda: self._go("pause"))
        a.reset_terminal.connect(self._reset_terminal)
        a.restart.connect(self.restart)
        a.exit_desktop.connect(self._exit_desktop)
        o.doctor.run.connect(self.run_doctor)
        o.reprint.filter_changed.connect(self._reprint_filter)
        o.reprint.reprint.connect(self._reprint)
        o.pause.pause.connect(self._pause)
        o.pause.resume.connect(self._resume)
        p = o.printer
        p.detect.connect(self._detect)
        p.test.connect(self._printer_test)
        p.save.connect(self._printer_save)
        p.revert.connect(self._printer_revert)
        o.server.save.connect(self._server_save)
        o.server.restart.connect(self.restart)
        o.screen_form.save.connect(self._screen_save)
        o.screen_form.restart.connect(self.restart)
        o.kiosk.save.connect(self._kiosk_save)

    def printer_news(self, _health: object) -> None:
        """The printer's status changed: the health screen shows it at once."""
        self._refresh_health()

    def eventFilter(self, obj: QObject, e: QEvent) -> bool:
        t = e.type()
        if obj is self.window and t == QEvent.Type.Resize:
            if self._overlay is not None:
                self._overlay.setGeometry(self.window.rect())
        elif t in ACTIVITY and self.active:
            self._deadline = self.monotonic() + self.idle_s
        return False

    # ------------------------------------------------------------------ in and out

    @property
    def active(self) -> bool:
        return self._overlay is not None and self._overlay.isVisible()

    def open(self) -> None:
        """The gesture was made: show the PIN pad (or why it is closed)."""
        if self.active:
            return
        w = self.window
        self.overlay.setGeometry(w.rect())
        self.overlay.show_pin()
        self._pin_state()
        self.overlay.show()
        self.overlay.raise_()
        self.overlay.pin.setFocus()
        self._deadline = self.monotonic() + self.idle_s
        self._watch_activity(True)
        self._tick.start()
        self._count()

    def _pin_state(self) -> None:
        pad = self.overlay.pin
        if not self.auth.roles_with_pin():
            pad.set_state("no_pin")
            return
        until = self.auth.locked_until()
        if until is not None:
            left = int((until - self.clock.now()).total_seconds() + 0.999)
            pad.set_state("locked", seconds_left=left)
        elif pad.state == "locked":
            pad.set_state("ready")

    def submit_pin(self, pin: str) -> None:
        result = self.auth.check(pin)
        pad = self.overlay.pin
        if result.role is not None:
            self.staff.sign_in(result.role)
            self.overlay.show_signed_in(result.role.words, result.role is Role.TECHNICIAN)
            self._tab("health")
            return
        if result.reason == "wrong":
            pad.set_state("wrong", attempts_left=result.attempts_left)
        else:
            self._pin_state()

    def leave(self, reason: str = "leave") -> None:
        if not self.active:
            return
        self.staff.sign_out(reason)
        self._watch_activity(False)
        self._tick.stop()
        self._health_timer.stop()
        self._polls.clear()
        self._poll_timer.stop()
        self.overlay.hide()
        self.overlay.show_pin()
        self.flow.go_home()

    def _watch_activity(self, on: bool) -> None:
        """Every touch while staff mode is open restarts its idle time (an application-wide
        filter, installed only while the mode is open)."""
        app = QApplication.instance()
        if app is None:
            return
        if on:
            app.installEventFilter(self)
        else:
            app.removeEventFilter(self)

    def _count(self) -> None:
        left = self._deadline - self.monotonic()
        if left <= 0:
            self.leave("idle")
            return
        self.overlay.set_seconds_left(int(left + 0.999))
        if self.overlay.current == "pin" and self.overlay.pin.state == "locked":
            self._pin_state()

    def _lang(self) -> str:
        return self.flow.language.lang

    def _toggle_language(self) -> None:
        """Staff screens and the visitor screens under them reword themselves."""
        self.flow.toggle_language()

    # ------------------------------------------------------------------ tabs

    def _go(self, name: str) -> None:
        self.overlay.go(name)
        self._tab(name)

    def run_doctor(self) -> None:
        """The doctor's checks on their own thread (the printer and the server are asked,
        with short timeouts); the lines come back through a queued signal."""
        if self.doctor is None or self.overlay.doctor.running:
            return
        self.overlay.doctor.set_running()
        doctor = self.doctor

        def work() -> None:
            try:
                lines = doctor()
            except Exception as exc:  # the screen must get an answer
                log.exception("doctor failed")
                lines = [f"FAIL  doctor     {exc!r}"]
            self._doctor_done.emit(lines)

        threading.Thread(target=work, name="kiosk-doctor", daemon=True).start()

    def _tab(self, name: str) -> None:
        if self.staff.session is None:
            return
        o = self.overlay
        o.go(name)
        self._health_timer.stop()
        cfg = self.staff.settings.config
        if name == "health":
            self._refresh_health()
            self._health_timer.start()
        elif name == "actions":
            report = self.staff.health()
            o.actions_page.set_state(
                paused=report.paused,
                not_printed=report.not_printed,
                technician=self.staff.role is Role.TECHNICIAN,
            )
        elif name == "reprint":
            self._reprint_filter(self._only_not_printed)
        elif name == "pause":
            o.pause.set_state(self.staff.desk.paused, self.staff.pause_words())
        elif name == "printer":
            o.printer.set_values(self.staff.settings.printer_values(), self._logos())
        elif name == "server":
            table = cfg.server
            lines = self.staff.health().server_lines
            o.server.set_values(
                str(table.get("url", "")),
                str(table.get("token", "")),
                float(table.get("connect_timeout_s", 1.0)),
                float(table.get("read_timeout_s", 5.0)),
                lines,
            )
        elif name == "screen":
            names = [
                s.name() or f"{s.geometry().width()}×{s.geometry().height()}"
                for s in QGuiApplication.screens()
            ]
            o.screen_form.set_values(cfg.screen, names)
        elif name == "kiosk":
            o.kiosk.set_values(cfg, service_day(self.clock.now()))
        elif name == "doctor":
            self.run_doctor()

    def _refresh_health(self) -> None:
        if self._overlay is None:
            return
        if self.staff.session is not None and self.overlay.current == "health":
            self.overlay.health.show_report(self.staff.health())

    def _logos(self) -> list[str]:
        found: list[str] = []
        for folder in self.logo_dirs:
            try:
                found += [str(p) for p in sorted(folder.glob("*.png"))]
            except OSError:
                continue
        return found[:8]

    # ------------------------------------------------------------------ actions

    def _say(self, show: Callable[[Words, bool], None], outcome: Outcome) -> None:
        show(outcome.words, outcome.ok)

    def _do(self, show: Callable[[Words, bool], None], action: Callable[[], Outcome]) -> None:
        try:
            outcome = action()
        except NotAllowed:
            outcome = Outcome(False, TECHNICIANS_ONLY)
        self._say(show, outcome)

    def _wait_for(self, job_id: str, then: Callable[[Any], None]) -> None:
        """Poll the printer for a job's outcome on the GUI thread (never blocks)."""
        self._polls.append((job_id, self.monotonic() + PRINT_ANSWER_TIMEOUT_S, then))
        self._poll_timer.start()

    def _poll(self) -> None:
        keep = []
        for job_id, deadline, then in self._polls:
            outcome = self.staff.print_outcome(job_id)
            if outcome is not None:
                then(outcome)
            elif self.monotonic() > deadline:
                then(None)
            else:
                keep.append((job_id, deadline, then))
        self._polls = keep
        if not keep:
            self._poll_timer.stop()

    def _print_answer(self, outcome: Any) -> Outcome:
        if outcome is None:
            return Outcome(False, NO_ANSWER)
        return self.staff.outcome_words(outcome)

    def _test_print(self) -> None:
        a = self.overlay.actions_page
        a.show_result(PRINTING_TEST, True)
        job = self.staff.test_print(self._lang())  # the test slip in the staff's language
        self._wait_for(job, lambda out: self._say(a.show_result, self._print_answer(out)))

    def _open_reprint(self, only_not_printed: bool) -> None:
        self._only_not_printed = only_not_printed
        self._go("reprint")

    def _reprint_filter(self, only_not_printed: bool) -> None:
        self._only_not_printed = only_not_printed
        self.overlay.reprint.set_tickets(
            self.staff.tickets(only_not_printed=only_not_printed), only_not_printed
        )

    def _reprint(self, ticket_id: str) -> None:
        r = self.overlay.reprint
        try:
            job = self.staff.reprint(ticket_id)
        except KeyError as exc:
            r.show_result(CANNOT_REPRINT.bind(detail=str(exc)), False)
            return
        r.show_result(PRINTING_COPY, True)

        def done(outcome: Any) -> None:
            result = (
                self._print_answer(None)
                if outcome is None
                else self.staff.reprint_done(ticket_id, outcome)
            )
            if self.overlay.current == "reprint":
                self._reprint_filter(self._only_not_printed)
            self._say(r.show_result, result)

        self._wait_for(job, done)

    def _pause(self, words: Words) -> None:
        outcome = self.staff.pause(words)
        self._after_pause(outcome)

    def _resume(self) -> None:
        self._after_pause(self.staff.resume())

    def _after_pause(self, outcome: Outcome) -> None:
        self.flow.refresh_tiles()
        self.show_pause_notice()
        p = self.overlay.pause
        p.set_state(self.staff.desk.paused, self.staff.pause_words())
        self._say(p.show_result, outcome)

    def _reset_terminal(self) -> None:
        outcome = self.staff.reset_terminal()
        flow, w = self.flow, self.window
        flow.idle.set_enabled(False)
        w.hide_idle()
        flow.apply_catalog(self.catalog())
        flow.go_home()
        self.show_pause_notice()
        self._say(self.overlay.actions_page.show_result, outcome)

    def restart(self) -> None:
        code = self.staff.restart()
        self._end(code)

    def _exit_desktop(self) -> None:
        try:
            code = self.staff.exit_to_desktop()
        except NotAllowed:
            self.overlay.actions_page.show_result(TECHNICIANS_ONLY, False)
            return
        self._end(code)

    def _end(self, code: int) -> None:
        self.exit_requested = code
        self._watch_activity(False)
        self._tick.stop()
        self.overlay.hide()
        log.warning("staff asked the app to exit with code %s", code)
        self.exit_app(code)

    # ------------------------------------------------------------------ technician forms

    def _problems(self, problems: list[Any]) -> list[tuple[str, Words]]:
        return [(p.field, p.words) for p in problems]

    def _detect(self) -> None:
        form = self.overlay.printer

        def failed(exc: BaseException) -> None:
            log.warning("printer detection failed: %r", exc)
            form.set_detected([])

        self.runner.submit(self.detect, form.set_detected, failed)

    def _printer_test(self, values: dict[str, Any]) -> None:
        form = self.overlay.printer
        table, problems = self.staff.settings.check_printer(values)
        form.show_problems(self._problems(problems))
        if table is None:
            return
        try:
            job = self.staff.settings.try_printer(table, self._lang())
        except NotAllowed:
            return
        form.show_answer(PRINTING_TEST, True)
        self._wait_for(job, lambda out: self._say(form.show_answer, self._print_answer(out)))

    def _printer_save(self, values: dict[str, Any]) -> None:
        form = self.overlay.printer
        table, problems = self.staff.settings.check_printer(values)
        form.show_problems(self._problems(problems))
        if table is not None:
            self._say(form.show_result, self.staff.settings.save_printer(table))

    def _printer_revert(self) -> None:
        self.staff.settings.revert_printer()
        self.overlay.printer.set_values(self.staff.settings.printer_values(), self._logos())

    def _server_save(self, values: dict[str, Any]) -> None:
        form = self.overlay.server
        table, problems = self.staff.settings.check_server(
            values["url"], values["token"], values["connect_timeout_s"], values["read_timeout_s"]
        )
        form.show_problems(self._problems(problems))
        if table is not None:
            outcome = self.staff.settings.save_server(table)
            self._say(form.show_result, outcome)
            form.offer_restart(outcome.restart_needed)

    def _screen_save(self, screen: Any) -> None:
        form = self.overlay.screen_form
        outcome = self.staff.settings.save_screen(screen)
        self._say(form.show_result, outcome)
        form.offer_restart(outcome.restart_needed)

    def _kiosk_save(self, values: dict[str, Any]) -> None:
        form = self.overlay.kiosk
        outcome = self.staff.settings.save_kiosk(
            idle_timeout_s=values["idle_timeout_s"],
            language=values["language"],
            languages=values["languages"],
            hours=values["hours"],
        )
        self._say(form.show_result, outcome)

    # ------------------------------------------------------------------ visitors' notice

    def show_pause_notice(self) -> None:
        """While issuing is paused, visitors see the pause message (above any printer
        notice, which the flow keeps separately), in the language on screen."""
        message = self.staff.pause_words() if self.staff.desk.paused else None
        self.flow.set_pause_notice(message)
