"""The kiosk when it cannot serve: the out-of-service page instead of a restart loop.

Shown when the configuration cannot be trusted, or the database can be neither opened nor
recovered, or the kiosk failed to build. Visitors see the page in both languages with the
reason code; staff hold the welcome corner for 3 s (the same gesture as always), enter their
PIN (``kiosk.usecases.out_of_service.OfflinePins``), read why (and the doctor's checks), and
restart the kiosk (exit code 75) or, technicians, leave to the desktop (0). When a central
server is configured, it hears of it through heartbeats (``kiosk.sync.beacon``).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Mapping
from typing import Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.screens.out_of_service import OutOfServicePage
from kiosk.screens.theme import Metrics
from kiosk.staff_events import CornerHold
from kiosk.staff_mode import CORNER_MM, HOLD_MS
from kiosk.usecases.out_of_service import OfflinePins
from kiosk.usecases.staff_actions import RESTART_EXIT_CODE
from kiosk.usecases.staff_session import Role

log = logging.getLogger(__name__)


def _exit_app(code: int) -> None:
    QApplication.exit(code)


class OutOfServiceMode(QObject):
    _details_ready = Signal(object)  # list[str], from the doctor's thread

    def __init__(
        self,
        window: QWidget,
        m: Metrics,
        code: str,
        detail: str,
        pins: OfflinePins,
        *,
        doctor: Callable[[], list[str]] | None = None,
        server: Mapping[str, Any] | None = None,
        exit_app: Callable[[int], None] = _exit_app,
        hold_ms: int = HOLD_MS,
    ) -> None:
        super().__init__(window)
        self.code = code
        self.detail = detail
        self.pins = pins
        self.exit_app = exit_app
        self.doctor = doctor
        self.role: Role | None = None
        self.details = [detail]
        self.page = OutOfServicePage(m, window, code)
        self.page.setGeometry(window.rect())
        self.page.pin.submitted.connect(self.submit_pin)
        self.page.leave.connect(self.leave)
        self.page.restart.connect(lambda: self.exit_app(RESTART_EXIT_CODE))
        self.page.exit_desktop.connect(self._exit_desktop)
        self._details_ready.connect(self._show_details)
        self.gesture = CornerHold(self.page.notice, m.px(CORNER_MM), hold_ms, self.page.show_pin)
        window.installEventFilter(self)
        self.beacon = None
        if server:
            from kiosk.sync.beacon import OutOfServiceBeacon

            self.beacon = OutOfServiceBeacon(server, code, detail)
            self.beacon.start()
        log.error("out of service: %s (%s)", code, detail)

    def eventFilter(self, obj: QObject, e: Any) -> bool:
        from PySide6.QtCore import QEvent

        if e.type() == QEvent.Type.Resize and isinstance(obj, QWidget):
            self.page.setGeometry(obj.rect())
        return False

    def show(self) -> None:
        self.page.show()
        self.page.raise_()

    def submit_pin(self, pin: str) -> None:
        result = self.pins.check(pin)
        pad = self.page.pin
        if result.role is None:
            if result.reason == "wrong":
                pad.set_state("wrong", attempts_left=result.attempts_left)
            elif result.reason == "locked":
                pad.set_state("locked", seconds_left=result.seconds_left)
            else:
                pad.set_state("no_pin")
            return
        self.role = result.role
        self.page.show_staff(self.details, result.role is Role.TECHNICIAN)
        if self.doctor is not None:
            threading.Thread(target=self._run_doctor, name="kiosk-doctor", daemon=True).start()

    def _run_doctor(self) -> None:
        assert self.doctor is not None
        try:
            lines = self.doctor()
        except Exception as exc:  # the page must keep working
            log.exception("doctor failed")
            lines = [f"doctor: {exc!r}"]
        self._details_ready.emit([self.detail, *lines])

    def _show_details(self, lines: list[str]) -> None:
        self.details = lines
        if self.role is not None:
            self.page.set_details(lines)

    def leave(self) -> None:
        self.role = None
        self.page.show_notice()

    def _exit_desktop(self) -> None:
        if self.role is Role.TECHNICIAN:
            self.exit_app(0)

    def stop(self) -> None:
        if self.beacon is not None:
            self.beacon.stop()
