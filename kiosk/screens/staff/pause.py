"""Pause and resume issuing numbers, with the message visitors see on the welcome screen."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QBoxLayout, QVBoxLayout, QWidget

from kiosk.screens.staff.common import (
    ChoiceRow,
    Field,
    FormKeyboard,
    KeyboardHost,
    Notice,
    StaffPage,
    form_card,
    section_title,
    taps_at_once,
)
from kiosk.screens.theme import Metrics
from kiosk.screens.widgets import KineticScroll, button, label
from mpp_core.i18n import Plain, Text, Words

CUSTOM = "custom"
WRITE_THE_MESSAGE = Text(
    "Tulis pesan yang akan dilihat pengunjung.", "Write the message visitors will see."
)
PAUSED_VISITORS_SEE = Text(
    "Pengambilan nomor sedang dihentikan. Pengunjung melihat:",
    "Issuing numbers is paused. Visitors see:",
)
RESUME = Text("Buka pengambilan nomor", "Resume numbers")
MESSAGE_FOR_VISITORS = Text("Pesan untuk pengunjung", "Message for visitors")
ANOTHER_MESSAGE = Text("Pesan lain (ketik sendiri)", "Another message (type it)")
YOUR_MESSAGE = Text("Pesan Anda", "Your message")
PAUSE = Text("Hentikan pengambilan nomor", "Pause numbers")


class PauseScreen(StaffPage):
    pause = Signal(object)  # the message for visitors (words)
    resume = Signal()

    def __init__(self, m: Metrics, portrait: bool, presets: Sequence[Words]) -> None:
        super().__init__(m)
        self.setObjectName("staff-pause")
        self.presets = list(presets)
        self.paused = False
        lay = QVBoxLayout(self)
        lay.setContentsMargins(m.margin, m.gap, m.margin, m.gap)
        lay.setSpacing(m.gap)
        self.notice = Notice()
        lay.addWidget(self.notice)
        body = QBoxLayout(
            QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight
        )
        body.setSpacing(m.gap)
        host = QWidget()
        col = QVBoxLayout(host)
        col.setContentsMargins(0, 0, m.px(6), 0)
        col.setSpacing(m.gap)

        self.state_box, sl = form_card(m)
        self.state_title = section_title(PAUSED_VISITORS_SEE)
        sl.addWidget(self.state_title)
        self.state_text = label("", "label")
        self.state_text.setObjectName("pause-current")
        sl.addWidget(self.state_text)
        self.resume_button = button(RESUME, "pause-resume", m, kind="go", icon_name="check")
        self.resume_button.clicked.connect(self.resume)
        sl.addWidget(self.resume_button)
        col.addWidget(self.state_box)

        self.form_box, fl = form_card(m)
        self.choose_title = section_title(MESSAGE_FOR_VISITORS)
        fl.addWidget(self.choose_title)
        self.choice = ChoiceRow(m, "pause-message", columns=1, wrap=36)
        self.choice.set_options(
            [*((i, words) for i, words in enumerate(self.presets)), (CUSTOM, ANOTHER_MESSAGE)]
        )
        self.choice.set_value(0)
        self.choice.chosen.connect(self._chosen)
        fl.addWidget(self.choice)
        self.custom = Field(m, "pause-custom", YOUR_MESSAGE, max_length=200)
        self.custom.hide()
        fl.addWidget(self.custom)
        self.pause_button = button(PAUSE, "pause-start", m, kind="primary", icon_name="hourglass")
        self.pause_button.clicked.connect(self._pause)
        fl.addWidget(self.pause_button)
        col.addWidget(self.form_box)
        col.addStretch(1)
        self.area = taps_at_once(KineticScroll(host))
        body.addWidget(self.area, 1)
        self.keyboard = FormKeyboard(m)
        self.keys = KeyboardHost(self.keyboard, [self.custom])
        body.addWidget(self.keyboard)
        lay.addLayout(body, 1)
        self.set_state(False, self.presets[0])

    def set_state(self, paused: bool, current: Words) -> None:
        self.paused = paused
        self.state_text.say(current)
        self.state_box.setVisible(paused)
        self.form_box.setVisible(not paused)
        if paused:
            self.keys.close()

    def show_result(self, words: Words, ok: bool) -> None:
        self.notice.show_words(words, ok)

    def _chosen(self, value: object) -> None:
        self.custom.setVisible(value == CUSTOM)
        if value == CUSTOM:
            self.custom.edit.setFocus()
            self.keys.open(self.custom.edit)
        else:
            self.keys.close()

    def _pause(self) -> None:
        value = self.choice.value()
        if value == CUSTOM:
            text = self.custom.text()
            if not text:
                self.custom.set_problem(WRITE_THE_MESSAGE)
                return
            self.custom.set_problem(None)
            self.pause.emit(Plain(text))  # typed by staff: the same in both languages
        else:
            self.pause.emit(self.presets[int(value or 0)])
