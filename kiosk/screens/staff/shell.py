"""The staff overlay: covers the whole kiosk window while staff or a technician work. A header
(who is signed in, when the mode closes by itself, language, leave), a row of tabs, and the
staff screens. The visitor screens under it keep their state."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QGridLayout,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from kiosk.screens import theme
from kiosk.screens.main_window import OTHER_LANGUAGE
from kiosk.screens.staff.actions import ActionsScreen
from kiosk.screens.staff.common import staff_style
from kiosk.screens.staff.doctor import DoctorScreen
from kiosk.screens.staff.health import HealthScreen
from kiosk.screens.staff.kiosk_form import KioskForm
from kiosk.screens.staff.pause import PauseScreen
from kiosk.screens.staff.pin_pad import PinPadScreen
from kiosk.screens.staff.printer_form import PrinterForm
from kiosk.screens.staff.reprint import ReprintScreen
from kiosk.screens.staff.screen_form import ScreenForm
from kiosk.screens.staff.server_form import ServerForm
from kiosk.screens.theme import Metrics
from kiosk.screens.widgets import button, label
from kiosk.usecases.staff_actions import PAUSE_PRESETS
from mpp_core.i18n import Text, Words

CLOSES_IN = Text("Tertutup otomatis dalam {time}", "Closes by itself in {time}")
STAFF_MODE_AS = Text("Mode petugas: {role}", "Staff mode: {role}")
STAFF_MODE = Text("Mode petugas", "Staff mode")
LEAVE = Text("Keluar", "Leave")
TAB_WORDS = {
    "health": Text("Kondisi", "Health"),
    "actions": Text("Tindakan", "Actions"),
    "reprint": Text("Cetak ulang", "Reprint"),
    "pause": Text("Jeda", "Pause"),
    "printer": Text("Printer", "Printer"),
    "server": Text("Server", "Server"),
    "screen": Text("Layar", "Screen"),
    "kiosk": Text("Kiosk", "Kiosk"),
    "doctor": Text("Periksa", "Doctor"),
}

STAFF_TABS = ("health", "actions", "reprint", "pause")
TECH_TABS = ("printer", "server", "screen", "kiosk", "doctor")


class StaffOverlay(QWidget):
    leave = Signal()
    language_toggled = Signal()
    tab_chosen = Signal(str)

    def __init__(self, m: Metrics, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("staff-overlay")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setStyleSheet(f"#staff-overlay {{ background: {theme.BG}; }}" + staff_style(m))
        self.m = m
        portrait = m.panel.portrait
        self.role_words: Words | None = None
        self.technician = False
        self.seconds_left = 0
        root = QVBoxLayout(self)
        root.setContentsMargins(0, 0, 0, 0)
        root.setSpacing(0)

        self.header = QFrame()
        self.header.setObjectName("staff-header")
        hl = QGridLayout(self.header)
        hl.setContentsMargins(m.margin, m.px(2), m.margin, m.px(2))
        hl.setHorizontalSpacing(m.gap)
        hl.setVerticalSpacing(0)
        # Portrait: the countdown goes under the title, so the buttons keep their words.
        self.title = label("", "label" if portrait else "title", wrap=False)
        self.title.setObjectName("staff-title")
        self.title.setStyleSheet("font-weight: bold;")
        hl.addWidget(self.title, 0, 0)
        hl.setColumnStretch(0 if portrait else 1, 1)
        self.countdown = label("", "label", wrap=False)
        self.countdown.setObjectName("staff-countdown")
        hl.addWidget(self.countdown, 1 if portrait else 0, 0 if portrait else 1)
        self.lang_button = button(OTHER_LANGUAGE, "staff-language", m, icon_name="language")
        self.lang_button.clicked.connect(self.language_toggled)
        self.leave_button = button(LEAVE, "staff-leave", m, kind="primary", icon_name="close")
        self.leave_button.clicked.connect(self.leave)
        for i, b in enumerate((self.lang_button, self.leave_button)):
            b.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
            hl.addWidget(
                b,
                0,
                (1 if portrait else 2) + i,
                2 if portrait else 1,
                1,
                Qt.AlignmentFlag.AlignVCenter,
            )
        root.addWidget(self.header)

        self.tabs_box = QWidget()
        tl = QGridLayout(self.tabs_box)
        tl.setContentsMargins(m.margin, m.px(3), m.margin, 0)
        tl.setSpacing(m.px(3))
        self.tab_group = QButtonGroup(self)
        self.tabs: dict[str, QPushButton] = {}
        cols = 5 if portrait else len(STAFF_TABS) + len(TECH_TABS)
        for i, name in enumerate((*STAFF_TABS, *TECH_TABS)):
            b = button(TAB_WORDS[name], f"tab-{name}", m)
            b.setCheckable(True)
            b.setProperty("kind", "tab")
            b.clicked.connect(lambda _=False, n=name: self.go(n, emit=True))
            self.tab_group.addButton(b)
            tl.addWidget(b, i // cols, i % cols)
            self.tabs[name] = b
        root.addWidget(self.tabs_box)

        self.stack = QStackedWidget()
        self.pin = PinPadScreen(m)
        self.health = HealthScreen(m, portrait)
        self.actions_page = ActionsScreen(m, portrait)
        self.reprint = ReprintScreen(m)
        self.pause = PauseScreen(m, portrait, PAUSE_PRESETS)
        self.printer = PrinterForm(m, portrait)
        self.server = ServerForm(m, portrait)
        self.screen_form = ScreenForm(m, portrait)
        self.kiosk = KioskForm(m, portrait)
        self.doctor = DoctorScreen(m)
        self.pages: dict[str, QWidget] = {
            "pin": self.pin,
            "health": self.health,
            "actions": self.actions_page,
            "reprint": self.reprint,
            "pause": self.pause,
            "printer": self.printer,
            "server": self.server,
            "screen": self.screen_form,
            "kiosk": self.kiosk,
            "doctor": self.doctor,
        }
        for page in self.pages.values():
            self.stack.addWidget(page)
        root.addWidget(self.stack, 1)
        self.current = "pin"
        self.hide()
        self._title()
        self.set_seconds_left(0)

    # ------------------------------------------------------------------ navigation

    def show_pin(self) -> None:
        self.role_words = None
        self.technician = False
        self.tabs_box.hide()
        self.pin.reset()
        self.go("pin")
        self._title()

    def show_signed_in(self, role_words: Words, technician: bool) -> None:
        self.role_words = role_words
        self.technician = technician
        for name in TECH_TABS:
            self.tabs[name].setVisible(technician)
        self.tabs_box.show()
        self.go("health")
        self._title()

    def _title(self) -> None:
        role = self.role_words
        self.title.say(STAFF_MODE_AS.bind(role=role) if role is not None else STAFF_MODE)

    def go(self, name: str, emit: bool = False) -> None:
        self.current = name
        self.stack.setCurrentWidget(self.pages[name])
        if name in self.tabs:
            self.tabs[name].setChecked(True)
        if emit:
            self.tab_chosen.emit(name)

    def set_seconds_left(self, seconds: int) -> None:
        self.seconds_left = seconds
        minutes, rest = divmod(max(0, seconds), 60)
        self.countdown.say(CLOSES_IN.bind(time=f"{minutes}:{rest:02d}"))
