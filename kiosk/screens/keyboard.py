"""An on-screen keyboard for search: big keys, letters and digits, no hidden gestures.

Our own widget rather than Qt Virtual Keyboard: it needs no QtQuick (about 36 MB more
memory, see qt-kiosk.md) and its keys follow the same millimetre rules as every button.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QPushButton, QWidget

from kiosk.screens.theme import Metrics
from kiosk.screens.widgets import button
from mpp_core.i18n import Text

SPACE = Text("Spasi", "Space")
DELETE = Text("Hapus", "Delete")
CLEAR = Text("Kosongkan", "Clear")

ROWS = ("1234567890", "qwertyuiop", "asdfghjkl-", "zxcvbnm")


class OnScreenKeyboard(QWidget):
    key = Signal(str)  # a character
    backspace = Signal()
    clear = Signal()

    def __init__(self, m: Metrics, columns: int = 10) -> None:
        super().__init__()
        self.m = m
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(m.px(3))
        self.keys: dict[str, QPushButton] = {}
        for r, row in enumerate(ROWS):
            for c, ch in enumerate(row):
                b = button(ch.upper(), f"key-{ch}", m, kind="key")
                b.clicked.connect(lambda _=False, k=ch: self.key.emit(k))
                grid.addWidget(b, r, c)
                self.keys[ch] = b
        # The word keys get a row of their own, wide enough for their words.
        last = len(ROWS)
        self.space = button(SPACE, "key-space", m, icon_name="space")
        self.space.clicked.connect(lambda: self.key.emit(" "))
        grid.addWidget(self.space, last, 0, 1, 4)
        self.back = button(DELETE, "key-backspace", m, icon_name="backspace")
        self.back.clicked.connect(self.backspace)
        grid.addWidget(self.back, last, 4, 1, 3)
        self.clear_button = button(CLEAR, "key-clear", m, icon_name="close")
        self.clear_button.clicked.connect(self.clear)
        grid.addWidget(self.clear_button, last, 7, 1, 3)
        for c in range(10):
            grid.setColumnStretch(c, 1)
        # Keys a little over the minimum target: a wider keyboard only moves letters apart.
        self.setMaximumWidth(10 * m.px(24) + 9 * m.px(3))
