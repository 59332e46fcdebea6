"""The idle warning: "Are you still there?" with a countdown and one tap to carry on."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

from kiosk.screens.theme import Metrics
from kiosk.screens.widgets import button, card, label
from mpp_core.i18n import Text

STILL_THERE = Text("Masih di sini?", "Are you still there?")
STAY = Text("Ya, saya masih di sini", "Yes, I am still here")
START_AGAIN = Text("Mulai lagi", "Start again")
COUNTDOWN = Text(
    "Layar kembali ke awal dalam {count} detik.",
    "The screen goes back to the start in {count} second.",
    "The screen goes back to the start in {count} seconds.",
)


class IdleOverlay(QWidget):
    """Covers the whole window; the screen under it keeps its state."""

    stay = Signal()
    leave = Signal()

    def __init__(self, m: Metrics, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("idle-overlay")
        self.m = m
        self._seconds = 0
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        box = card()
        box.setMaximumWidth(m.px(220))
        bl = QVBoxLayout(box)
        bl.setContentsMargins(m.px(8), m.px(8), m.px(8), m.px(8))
        bl.setSpacing(m.gap)
        self.question = label(STILL_THERE, "huge")
        self.question.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.countdown = label("", "label")
        self.countdown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        bl.addWidget(self.question)
        bl.addWidget(self.countdown)
        self.stay_button = button(STAY, "idle-stay", m, kind="go", icon_name="check")
        self.stay_button.clicked.connect(self.stay)
        bl.addWidget(self.stay_button)
        self.leave_button = button(START_AGAIN, "idle-leave", m, icon_name="home")
        self.leave_button.clicked.connect(self.leave)
        bl.addWidget(self.leave_button)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(box)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(1)
        self.hide()
        self.set_seconds(0)

    def set_seconds(self, seconds: int) -> None:
        self._seconds = seconds
        self.countdown.say(COUNTDOWN.bind(count=seconds))

    @property
    def seconds(self) -> int:
        return self._seconds

    def paintEvent(self, _e: QPaintEvent) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), QColor(17, 24, 39, 190))
        p.end()
