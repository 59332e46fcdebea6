"""The out-of-service page: the whole window, in Bahasa Indonesia and English at once (no
visitor chooses a language here), with "please go to the information desk", the reason code,
and, behind the staff gesture and a PIN, why and the way out (restart; technicians: leave to
the desktop). It shows what it is given and emits what is tapped."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QStackedWidget, QVBoxLayout, QWidget

from kiosk.screens import theme
from kiosk.screens.staff.common import staff_style
from kiosk.screens.staff.pin_pad import PinPadScreen
from kiosk.screens.theme import Metrics
from kiosk.screens.widgets import button, card, icon_pixmap, label
from kiosk.usecases.out_of_service import CODE, GO_TO_DESK, TITLE
from mpp_core.i18n import Text

STAFF_TITLE = Text("Kiosk tidak melayani: {code}", "Kiosk out of service: {code}")
RESTART = Text("Mulai ulang kiosk", "Restart the kiosk")
EXIT = Text("Keluar ke desktop", "Exit to desktop")
CLOSE = Text("Tutup", "Close")


class OutOfServicePage(QWidget):
    restart = Signal()
    exit_desktop = Signal()
    leave = Signal()

    def __init__(self, m: Metrics, parent: QWidget, code: str) -> None:
        super().__init__(parent)
        self.setObjectName("out-of-service")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(f"#out-of-service {{ background: {theme.BG}; }}" + staff_style(m))
        self.m = m
        self.code = code
        self.stack = QStackedWidget()
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.stack)

        # what visitors see
        self.notice = QWidget()
        lay = QVBoxLayout(self.notice)
        lay.setContentsMargins(m.margin, m.margin, m.margin, m.margin)
        lay.setSpacing(m.gap)
        lay.addStretch(1)
        mark = label("", wrap=False)
        mark.setPixmap(icon_pixmap("warning", m.px(30), theme.ERROR_TEXT))
        mark.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lay.addWidget(mark)
        self.lines: list[QWidget] = []
        for lang, role in (("id", "title"), ("en", "label")):
            title = label(TITLE(lang), role)
            title.setObjectName(f"oos-title-{lang}")
            desk = label(GO_TO_DESK(lang), role)
            desk.setObjectName(f"oos-desk-{lang}")
            for w in (title, desk):
                w.setAlignment(Qt.AlignmentFlag.AlignCenter)
                lay.addWidget(w)
                self.lines.append(w)
        self.code_label = label(f"{CODE('id', code=code)} · {CODE('en', code=code)}", "label")
        self.code_label.setObjectName("oos-code")
        self.code_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.code_label.setStyleSheet("font-family: monospace; font-weight: bold;")
        lay.addWidget(self.code_label)
        lay.addStretch(2)
        self.stack.addWidget(self.notice)

        # the PIN pad, and what staff see once signed in
        self.pin = PinPadScreen(m)
        self.pin.cancelled.connect(self.leave)
        self.stack.addWidget(self.pin)
        self.staff = QWidget()
        sl = QVBoxLayout(self.staff)
        sl.setContentsMargins(m.margin, m.margin, m.margin, m.margin)
        sl.setSpacing(m.gap)
        box = card()
        bl = QVBoxLayout(box)
        bl.setContentsMargins(m.px(5), m.px(4), m.px(5), m.px(4))
        self.staff_title = label(None, "title")
        self.staff_title.setObjectName("oos-staff-title")
        bl.addWidget(self.staff_title)
        self.details = label(None, "label")
        self.details.setObjectName("oos-details")
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        bl.addWidget(self.details)
        sl.addWidget(box, 1)
        row = QHBoxLayout()
        row.setSpacing(m.gap)
        self.restart_button = button(RESTART, "oos-restart", m, kind="primary", icon_name="home")
        self.restart_button.clicked.connect(self.restart)
        self.exit_button = button(EXIT, "oos-exit", m, icon_name="computer")
        self.exit_button.clicked.connect(self.exit_desktop)
        self.close_button = button(CLOSE, "oos-close", m, icon_name="close")
        self.close_button.clicked.connect(self.leave)
        for b in (self.restart_button, self.exit_button, self.close_button):
            row.addWidget(b, 1)
        sl.addLayout(row)
        self.stack.addWidget(self.staff)
        self.show_notice()

    def show_notice(self) -> None:
        self.pin.reset()
        self.stack.setCurrentWidget(self.notice)

    def show_pin(self) -> None:
        self.pin.reset()
        self.stack.setCurrentWidget(self.pin)

    def show_staff(self, details: list[str], technician: bool) -> None:
        self.staff_title.say(STAFF_TITLE.bind(code=self.code))
        self.details.say("\n".join(details))
        self.exit_button.setVisible(technician)
        self.stack.setCurrentWidget(self.staff)

    def set_details(self, details: list[str]) -> None:
        self.details.say("\n".join(details))
