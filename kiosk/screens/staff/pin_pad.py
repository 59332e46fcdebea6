"""The PIN pad behind the hidden gesture: digits only, shown as dots, with the lockout and
"no PIN set" states. It decides nothing: it emits the PIN and shows what it is told."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from kiosk.screens.keyboard import CLEAR, DELETE
from kiosk.screens.staff.common import CANCEL, StaffPage
from kiosk.screens.theme import Metrics
from kiosk.screens.widgets import button, card, label
from mpp_core.i18n import Text, Words

MAX_DIGITS = 12
DIGITS_ENTERED = Text("{count} angka dimasukkan", "{count} digit entered", "{count} digits entered")
WRONG = Text(
    "PIN salah. Sisa {count} kali percobaan sebelum terkunci.",
    "Wrong PIN. {count} attempt left before the pad locks.",
    "Wrong PIN. {count} attempts left before the pad locks.",
)
LOCKED = Text(
    "Terlalu banyak PIN salah. Coba lagi dalam {time}.", "Too many wrong PINs. Try again in {time}."
)
NO_PIN = Text(
    "PIN belum diatur di kiosk ini, jadi mode petugas tetap tertutup. Teknisi mengaturnya di "
    "komputer kiosk dengan:",
    "No PIN has been set on this kiosk, so staff mode stays closed. A technician sets one on "
    "the kiosk's computer with:",
)
ENTER_YOUR_PIN = Text("Masukkan PIN petugas atau teknisi.", "Enter your staff or technician PIN.")
ENTER_PIN = Text("Masukkan PIN", "Enter PIN")
ENTER = Text("Masuk", "Enter")


class PinPadScreen(StaffPage):
    submitted = Signal(str)
    cancelled = Signal()

    def __init__(self, m: Metrics) -> None:
        super().__init__(m)
        self.setObjectName("staff-pin")
        self.pin = ""
        self.state = "ready"  # ready | wrong | locked | no_pin
        self.attempts_left = 0
        self.seconds_left = 0
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(m.margin, m.gap, m.margin, m.gap)
        outer.addStretch(1)
        box = card()
        box.setMaximumWidth(m.px(190))
        lay = QVBoxLayout(box)
        lay.setContentsMargins(m.px(6), m.px(5), m.px(6), m.px(6))
        lay.setSpacing(m.px(3))
        self.title = label(ENTER_PIN, "title")
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lay.addWidget(self.title)
        self.dots = label("", "huge", wrap=False)
        self.dots.setObjectName("pin-dots")
        self.dots.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.dots.setMinimumHeight(m.px(16))
        lay.addWidget(self.dots)
        self.message = label("", "label")
        self.message.setObjectName("pin-message")
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lay.addWidget(self.message)
        self.command = label("mpp-kiosk admin set-pin --role staff", wrap=False)
        self.command.setObjectName("pin-command")
        self.command.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.command.setStyleSheet("font-family: monospace; font-weight: bold;")
        self.command.hide()
        lay.addWidget(self.command)

        self.keypad = QWidget()
        grid = QGridLayout(self.keypad)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(m.px(3))
        self.keys: dict[str, QPushButton] = {}
        for i, d in enumerate("123456789"):
            b = button(d, f"pin-{d}", m, kind="key")
            b.clicked.connect(lambda _=False, k=d: self.type_digit(k))
            grid.addWidget(b, i // 3, i % 3)
            self.keys[d] = b
        self.clear_button = button(CLEAR, "pin-clear", m)
        self.clear_button.clicked.connect(self.clear)
        grid.addWidget(self.clear_button, 3, 0)
        zero = button("0", "pin-0", m, kind="key")
        zero.clicked.connect(lambda: self.type_digit("0"))
        grid.addWidget(zero, 3, 1)
        self.keys["0"] = zero
        self.back_button = button(DELETE, "pin-backspace", m, icon_name="backspace")
        self.back_button.clicked.connect(self.backspace)
        grid.addWidget(self.back_button, 3, 2)
        for c in range(3):
            grid.setColumnStretch(c, 1)
        lay.addWidget(self.keypad)

        actions = QHBoxLayout()
        actions.setSpacing(m.px(3))
        self.cancel_button = button(CANCEL, "pin-cancel", m, icon_name="back")
        self.cancel_button.clicked.connect(self.cancelled)
        self.ok_button = button(ENTER, "pin-ok", m, kind="primary", icon_name="check")
        self.ok_button.clicked.connect(self.submit)
        actions.addWidget(self.cancel_button, 1)
        actions.addWidget(self.ok_button, 1)
        lay.addLayout(actions)

        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(box, 8)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(1)
        self._update()

    # ------------------------------------------------------------------ input

    def type_digit(self, d: str) -> None:
        if self.state in ("locked", "no_pin") or len(self.pin) >= MAX_DIGITS:
            return
        self.pin += d
        self._update()

    def backspace(self) -> None:
        self.pin = self.pin[:-1]
        self._update()

    def clear(self) -> None:
        self.pin = ""
        self._update()

    def submit(self) -> None:
        if not self.pin or self.state in ("locked", "no_pin"):
            return
        pin, self.pin = self.pin, ""
        self._update()
        self.submitted.emit(pin)

    def keyPressEvent(self, e: QKeyEvent) -> None:
        text = e.text()
        if text.isdigit() and text.isascii():
            self.type_digit(text)
        elif e.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.submit()
        elif e.key() == Qt.Key.Key_Backspace:
            self.backspace()
        elif e.key() == Qt.Key.Key_Escape:
            self.cancelled.emit()
        else:
            super().keyPressEvent(e)

    # ------------------------------------------------------------------ state shown

    def reset(self) -> None:
        self.pin = ""
        self.state = "ready"
        self._update()

    def set_state(self, state: str, *, attempts_left: int = 0, seconds_left: int = 0) -> None:
        """ready, wrong (attempts_left), locked (seconds_left) or no_pin."""
        self.state = state
        self.attempts_left = attempts_left
        self.seconds_left = seconds_left
        if state in ("locked", "no_pin"):
            self.pin = ""
        self._update()

    def _update(self) -> None:
        self.dots.say(
            " ".join("●" for _ in self.pin) if self.pin else "",
            name=DIGITS_ENTERED.bind(count=len(self.pin)),
        )
        blocked = self.state in ("locked", "no_pin")
        for b in (*self.keys.values(), self.clear_button, self.back_button):
            b.setEnabled(not blocked)
        self.ok_button.setEnabled(not blocked and bool(self.pin))
        self.keypad.setVisible(self.state != "no_pin")
        self.ok_button.setVisible(self.state != "no_pin")
        self.dots.setVisible(self.state != "no_pin")
        self.command.setVisible(self.state == "no_pin")
        self.message.setProperty("role", "error" if self.state != "ready" else "label")
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        text: Words
        if self.state == "wrong":
            text = WRONG.bind(count=self.attempts_left)
        elif self.state == "locked":
            minutes, seconds = divmod(max(0, self.seconds_left), 60)
            text = LOCKED.bind(time=f"{minutes}:{seconds:02d}")
        elif self.state == "no_pin":
            text = NO_PIN
        else:
            text = ENTER_YOUR_PIN
        self.message.say(text, name=text)
