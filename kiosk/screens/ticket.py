"""The ticket: the number very large, where to go, how long, and what the printer did."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.i18n import shown
from kiosk.screens import texts
from kiosk.screens.theme import Metrics
from kiosk.screens.widgets import FittedImage, QrWidget, button, card, label
from mpp_core.domain.catalog import Gerai, Service
from mpp_core.domain.tickets import Ticket
from mpp_core.i18n import Text, Words
from mpp_core.i18n_dates import LongDate, TimeOfDay

TITLE = Text("Nomor antrean Anda", "Your queue number")
YOUR_SLIP = Text("Struk Anda", "Your slip")
BACK_IN = Text(
    "Kembali ke awal dalam {count} detik",
    "Back to the start in {count} second",
    "Back to the start in {count} seconds",
)
YOUR_NUMBER_IS = Text("Nomor Anda {number}", "Your number is {number}")
PRIORITY = Text("PRIORITAS · {group}", "PRIORITY · {group}")
TAKEN = Text("Diambil {date}, pukul {time} WIB", "Taken {date}, {time} WIB")
DONE = Text("Selesai", "Done")


class TicketScreen(QWidget):
    done = Signal()

    def __init__(self, m: Metrics, portrait: bool) -> None:
        super().__init__()
        self.setObjectName("Screen")
        self.m = m
        self.ticket: Ticket | None = None
        self._gerai: Gerai | None = None
        self._service: Service | None = None
        self._print_message: Words | None = None
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
        self.done_button = button(DONE, "ticket-done", m, kind="primary", icon_name="home")
        self.done_button.setMinimumWidth(m.px(70))
        self.done_button.clicked.connect(self.done)
        foot.addWidget(self.done_button)
        lay.addLayout(foot)

    def show_ticket(
        self, ticket: Ticket, gerai: Gerai, service: Service, qr: list[list[bool]] | None = None
    ) -> None:
        self.ticket, self._gerai, self._service = ticket, gerai, service
        self._print_message, self._print_failed = None, False
        self.qr.set_payload(ticket.qr_payload, qr)
        self.qr.show()
        self.slip_preview.hide()
        self.slip_preview.clear()
        self._fill()

    def set_slip_preview(self, path: str) -> None:
        """Show the slip as the preview printer rendered it (it carries the QR code)."""
        if not self.slip_preview.set_image(path):
            return
        self.slip_preview.setAccessibleName(YOUR_SLIP(shown()))
        self.qr.hide()
        self.slip_preview.show()

    def set_print_state(self, message: Words | None, failed: bool) -> None:
        self._print_message, self._print_failed = message, failed
        self.print_state.say(message)
        self.print_state.setProperty("role", "error" if failed else "label")
        # Not printed: the QR on screen is what the visitor shows (or photographs).
        side = self.m.px(55 if failed else 40)
        if self.qr.width() != side:
            self.qr.setFixedSize(side, side)
        self.print_state.style().unpolish(self.print_state)
        self.print_state.style().polish(self.print_state)

    def set_countdown(self, seconds: int) -> None:
        self._seconds = seconds
        self.countdown.say(BACK_IN.bind(count=seconds) if seconds > 0 else None)

    def _fill(self) -> None:
        t, g, s = self.ticket, self._gerai, self._service
        if t is None or g is None or s is None:
            return
        self.number.say(t.display, name=YOUR_NUMBER_IS.bind(number=t.display))
        self.priority.setVisible(t.priority is not None)
        if t.priority is not None:
            self.priority.say(PRIORITY.bind(group=texts.priority_text(t.priority)))
        self.where.say(g.display_name)
        self.location.say(g.display_location)
        self.service.say(s.display_name)
        ahead, wait = texts.wait_text(t.people_ahead, t.est_wait_minutes)
        self.ahead.say(ahead)
        self.wait.say(wait)
        self.issued.say(TAKEN.bind(date=LongDate(t.service_day), time=TimeOfDay(t.issued_at)))
        self.set_print_state(self._print_message, self._print_failed)

    def page_title(self) -> Words | None:
        return TITLE

    def retranslate(self) -> None:
        if self.slip_preview.isVisibleTo(self):
            self.slip_preview.setAccessibleName(YOUR_SLIP(shown()))

    def changeEvent(self, e: QEvent) -> None:
        if e.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(e)
