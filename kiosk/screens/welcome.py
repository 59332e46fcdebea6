"""Welcome: MPP name and logo, clock, the start button, and notices for visitors."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.screens import theme
from kiosk.screens.theme import Metrics
from kiosk.screens.widgets import button, icon_pixmap, label
from mpp_core.domain.catalog import MppInfo
from mpp_core.domain.clock import service_day
from mpp_core.i18n import Text, Words
from mpp_core.i18n_dates import LongDate, TimeOfDay

TOUCH_TO_START = Text("Sentuh untuk mulai", "Touch to start")


class WelcomeScreen(QWidget):
    start = Signal()

    def __init__(self, m: Metrics) -> None:
        super().__init__()
        self.setObjectName("Screen")
        self.m = m
        lay = QVBoxLayout(self)
        lay.setContentsMargins(m.margin, m.gap, m.margin, m.gap)
        lay.setSpacing(m.px(2))
        lay.addStretch(1)

        self.logo = QLabel()
        self.logo.setPixmap(_logo(m))
        self.logo.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.logo.setAccessibleName("Logo")
        lay.addWidget(self.logo)

        self.name = label("", "huge")
        self.name.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.place = label("", "label")
        self.place.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.clock = label("", "huge")
        self.clock.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.date = label("", "label")
        self.date.setAlignment(Qt.AlignmentFlag.AlignCenter)
        for w in (self.name, self.place, self.clock, self.date):
            lay.addWidget(w)
        lay.addSpacing(m.gap)

        self.attention = label("", "error")
        self.attention.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.attention.hide()
        lay.addWidget(self.attention)

        row = QHBoxLayout()
        row.addStretch(1)
        self.start_button = button(TOUCH_TO_START, "start", m, kind="go", icon_name="next")
        self.start_button.setMinimumWidth(m.px(150))
        self.start_button.setMinimumHeight(m.px(30))
        self.start_button.clicked.connect(self.start)
        row.addWidget(self.start_button)
        row.addStretch(1)
        lay.addLayout(row)
        lay.addStretch(1)

        self.notice = label("", "muted")
        self.notice.setAlignment(Qt.AlignmentFlag.AlignCenter)
        lay.addWidget(self.notice)

    def set_mpp(self, mpp: MppInfo) -> None:
        self.name.say(mpp.name)
        self.place.say(mpp.full_name)
        notice, notice_en = mpp.notice, mpp.notice_en
        self.notice.say(lambda lang: notice_en if lang == "en" else notice)

    def set_time(self, now: datetime) -> None:
        self.clock.say(TimeOfDay(now))
        self.date.say(LongDate(service_day(now)))

    def set_attention(self, message: Words | None) -> None:
        """A printer or pause notice for visitors, or None to hide it."""
        self.attention.setVisible(message is not None)
        self.attention.say(message)

    def page_title(self) -> Words | None:
        return None

    def mouseReleaseEvent(self, e: QMouseEvent) -> None:
        # Anywhere on the welcome screen starts, not only the button.
        self.start.emit()
        super().mouseReleaseEvent(e)


def _logo(m: Metrics) -> QPixmap:

    size = m.px(26)
    pm = QPixmap(size, size)
    pm.fill(Qt.GlobalColor.transparent)
    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.setBrush(QColor(theme.PRIMARY))
    p.setPen(Qt.PenStyle.NoPen)
    p.drawEllipse(0, 0, size, size)
    inner = int(size * 0.6)
    p.drawPixmap((size - inner) // 2, (size - inner) // 2, icon_pixmap("building", inner))
    p.end()
    return pm
