"""The ticket: the number very large, where to go, how long, and what the printer did."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.screens import texts
from kiosk.screens.theme import Metrics
from kiosk.screens.widgets import FittedImage, QrWidget, button, card, label, set_button_text
from mpp_core.domain.catalog import Gerai, Service
from mpp_core.domain.tickets import Ticket


class TicketScreen(QWidget):
    done = Signal()

    def __init__(self, m: Metrics, portrait: bool) -> None:
        super().__init__()
        self.setObjectName("Screen")
        self.m = m
        self.lang = "id"
        self.ticket: Ticket | None = None
        self._gerai: Gerai | None = None
        self._service: Service | None = None
        self._print_message = ""
        self._print_failed = False
        self._seconds = 0
        lay = QVBoxLayout(self)
        lay.setContentsMargins(m.margin, m.gap, m.margin, m.gap)
        lay.setSpacing(m.gap)

        row = QHBoxLayout() if not portrait else QVBoxLayout()
        row.setSpacing(m.gap)
        self.number_card = card()
        nl = QVBoxLayout(self.number_card)
        nl.setContentsMargins(m.px(4), m.px(3), m.px(4), m.px(3))
        self.number = label("", "ticket", wrap=False)
        self.number.setObjectName("ticket-number")
        self.number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        nl.addWidget(self.number)
        self.priority = label("", "label")
        self.priority.setAlignment(Qt.AlignmentFlag.AlignCenter)
        nl.addWidget(self.priority)
        self.where = label("", "huge")
        self.where.setAlignment(Qt.AlignmentFlag.AlignCenter)
        nl.addWidget(self.where)
        self.location = label("", "label")
        self.location.setAlignment(Qt.AlignmentFlag.AlignCenter)
        nl.addWidget(self.location)
        self.service = label("", "label")
        self.service.setAlignment(Qt.AlignmentFlag.AlignCenter)
        nl.addWidget(self.service)
        row.addWidget(self.number_card, 3)

        side = QVBoxLayout()
        side.setSpacing(m.gap)
        self.ahead = label("", "label")
        self.wait = label("", "label")
        self.issued = label("", "muted")
        for w in (self.ahead, self.wait, self.issued):
            side.addWidget(w)
        self.qr = QrWidget(m.px(40))
        side.addWidget(self.qr, 0, Qt.AlignmentFlag.AlignHCenter)
        # With the preview printer (no paper), the slip itself is shown here.
        self.slip_preview = FittedImage()
        self.slip_preview.setObjectName("slip-preview")
        self.slip_preview.hide()
        side.addWidget(self.slip_preview, 1)
        self.print_state = label("", "label")
        self.print_state.setObjectName("print-state")
        side.addWidget(self.print_state)
        side.addStretch(1)
        row.addLayout(side, 2)
        lay.addLayout(row, 1)

        foot = QHBoxLayout()
        self.countdown = label("", "muted")
        foot.addWidget(self.countdown, 1)
        self.done_button = button("", "ticket-done", m, kind="primary", icon_name="home")
        self.done_button.setMinimumWidth(m.px(70))
        self.done_button.clicked.connect(self.done)
        foot.addWidget(self.done_button)
        lay.addLayout(foot)
        self.retranslate()

    def show_ticket(
        self, ticket: Ticket, gerai: Gerai, service: Service, qr: list[list[bool]] | None = None
    ) -> None:
        self.ticket, self._gerai, self._service = ticket, gerai, service
        self._print_message, self._print_failed = "", False
        self.qr.set_payload(ticket.qr_payload, qr)
        self.qr.show()
        self.slip_preview.hide()
        self.slip_preview.clear()
        self._fill()

    def set_slip_preview(self, path: str) -> None:
        """Show the slip as the preview printer rendered it (it carries the QR code)."""
        if not self.slip_preview.set_image(path):
            return
        self.slip_preview.setAccessibleName(self.tr("Your slip"))
        self.qr.hide()
        self.slip_preview.show()

    def set_print_state(self, message: str, failed: bool) -> None:
        self._print_message, self._print_failed = message, failed
        self.print_state.setText(message)
        self.print_state.setProperty("role", "error" if failed else "label")
        # Not printed: the QR on screen is what the visitor shows (or photographs).
        side = self.m.px(55 if failed else 40)
        if self.qr.width() != side:
            self.qr.setFixedSize(side, side)
        self.print_state.style().unpolish(self.print_state)
        self.print_state.style().polish(self.print_state)

    def set_countdown(self, seconds: int) -> None:
        self._seconds = seconds
        self.countdown.setText(
            self.tr("Back to the start in %n second(s)", "", seconds) if seconds > 0 else ""
        )

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self._fill()

    def _fill(self) -> None:
        t, g, s, lang = self.ticket, self._gerai, self._service, self.lang
        if t is None or g is None or s is None:
            return
        self.number.setText(t.display)
        self.number.setAccessibleName(self.tr("Your number is %1").replace("%1", t.display))
        self.priority.setVisible(t.priority is not None)
        if t.priority is not None:
            self.priority.setText(
                self.tr("PRIORITY · %1").replace("%1", texts.priority_text(t.priority))
            )
        self.where.setText(g.display_name(lang))
        self.location.setText(g.display_location(lang))
        self.service.setText(s.display_name(lang))
        ahead, wait = texts.wait_text(t.people_ahead, t.est_wait_minutes)
        self.ahead.setText(ahead)
        self.wait.setText(wait)
        self.issued.setText(
            self.tr("Taken %1, %2 WIB")
            .replace("%1", texts.date_text(t.service_day, lang))
            .replace("%2", texts.clock_text(t.issued_at, lang))
        )
        self.set_print_state(self._print_message, self._print_failed)

    def page_title(self) -> str:
        return self.tr("Your queue number")

    def retranslate(self) -> None:
        set_button_text(self.done_button, self.tr("Done"))
        self.set_countdown(self._seconds)
        self._fill()

    def changeEvent(self, e: QEvent) -> None:
        if e.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(e)
