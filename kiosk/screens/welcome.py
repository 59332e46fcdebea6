"""Welcome: MPP name and logo, clock, the start button, and notices for visitors."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.screens import texts, theme
from kiosk.screens.theme import Metrics
from kiosk.screens.widgets import button, icon_pixmap, label, set_button_text
from mpp_core.domain.catalog import MppInfo
from mpp_core.domain.clock import service_day


class WelcomeScreen(QWidget):
    start = Signal()

    def __init__(self, m: Metrics) -> None:
        super().__init__()
        self.setObjectName("Screen")
        self.m = m
        self.lang = "id"
        self._mpp: MppInfo | None = None
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
        self.start_button = button("", "start", m, kind="go", icon_name="next")
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
        self.retranslate()

    def set_mpp(self, mpp: MppInfo) -> None:
        self._mpp = mpp
        self.name.setText(mpp.name)
        self.place.setText(mpp.full_name)
        self._notice()

    def set_language(self, lang: str) -> None:
        self.lang = lang
        self._notice()

    def _notice(self) -> None:
        if self._mpp is not None:
            self.notice.setText(self._mpp.notice_en if self.lang == "en" else self._mpp.notice)

    def set_time(self, now: datetime) -> None:
        self.clock.setText(texts.clock_text(now, self.lang))
        self.date.setText(texts.date_text(service_day(now), self.lang))

    def set_attention(self, message: str | None) -> None:
        """A printer or pause notice for visitors, or None to hide it."""
        self.attention.setVisible(bool(message))
        self.attention.setText(message or "")

    def page_title(self) -> str:
        return ""

    def retranslate(self) -> None:
        set_button_text(self.start_button, self.tr("Touch to start"))

    def changeEvent(self, e: QEvent) -> None:
        if e.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(e)

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
