"""The services of one gerai, as a list a finger can scroll."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.screens import texts, theme
from kiosk.screens.theme import Metrics
from kiosk.screens.widgets import KineticScroll, ServiceRow, icon_pixmap, label
from mpp_core.domain.catalog import Gerai
from mpp_core.i18n import Joined, Text, Words

TITLE = Text("Pilih layanan", "Choose a service")
HINT = Text(
    "Pilih layanan yang Anda perlukan. Geser daftar untuk melihat lainnya.",
    "Choose the service you need. Slide the list to see more.",
)


class ServiceListScreen(QWidget):
    """One page whose rows are reused for every gerai: switching gerai changes texts, not
    widgets, so the list appears within a frame."""

    service_chosen = Signal(str)

    def __init__(self, m: Metrics) -> None:
        super().__init__()
        self.setObjectName("Screen")
        self.m = m
        self.current: Gerai | None = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(m.margin, m.gap, m.margin, m.gap)
        lay.setSpacing(m.gap)

        self.band = QFrame()
        self.band.setAutoFillBackground(True)
        bl = QHBoxLayout(self.band)
        bl.setContentsMargins(m.px(4), m.px(3), m.px(4), m.px(3))
        bl.setSpacing(m.px(4))
        self.band_icon = QLabel()
        bl.addWidget(self.band_icon)
        col = QVBoxLayout()
        self.name = label("", "title")
        self.where = label("", "label")
        for w in (self.name, self.where):
            w.setStyleSheet(f"color: {theme.ON_PRIMARY};")
            col.addWidget(w)
        bl.addLayout(col, 1)
        self.prefix = label("", "huge", wrap=False)
        self.prefix.setStyleSheet(f"color: {theme.ON_PRIMARY};")
        self.prefix.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        bl.addWidget(self.prefix)
        lay.addWidget(self.band)

        host = QWidget()
        self._rows_layout = QVBoxLayout(host)
        self._rows_layout.setContentsMargins(0, 0, m.px(6), 0)
        self._rows_layout.setSpacing(m.gap)
        self._rows_layout.addStretch(1)
        self._pool: list[ServiceRow] = []
        self.list_scroll = KineticScroll(host)
        lay.addWidget(self.list_scroll, 1)
        self.hint = label(HINT, "label")
        lay.addWidget(self.hint)

    def prepare(self, gerai: Gerai) -> None:
        """Make sure enough rows exist for this gerai (called while the kiosk is idle)."""
        self._ensure_rows(len(gerai.services))

    def clear_cache(self) -> None:
        self.current = None

    def _ensure_rows(self, n: int) -> None:
        while len(self._pool) < n:
            row = ServiceRow(self.m, f"row-{len(self._pool)}")
            row.hide()
            row.clicked.connect(lambda _=False, r=row: self.service_chosen.emit(r.code))
            self._rows_layout.insertWidget(len(self._pool), row)
            self._pool.append(row)

    def show_gerai(self, gerai: Gerai) -> None:
        self._ensure_rows(len(gerai.services))
        if self.current is None or self.current.code != gerai.code:
            self.current = gerai
            pal = self.band.palette()
            pal.setColor(QPalette.ColorRole.Window, QColor(gerai.color))
            self.band.setPalette(pal)
            self.band_icon.setPixmap(icon_pixmap(gerai.icon, self.m.icon))
            self.prefix.say(gerai.prefix)
            self._fill()
        self.list_scroll.to_top()

    def _fill(self) -> None:
        g = self.current
        if g is None:
            return
        self.name.say(g.display_name)
        self.where.say(Joined((g.agency_in, g.display_location), " · "))
        n = len(g.services)
        for i, row in enumerate(self._pool):
            if i < n:
                s = g.services[i]
                row.code = s.code
                row.setObjectName(f"service-{s.code}")
                row.set_content(s.display_name, texts.service_facts(s))
                row.setVisible(True)
            elif row.isVisibleTo(self):
                row.setVisible(False)

    @property
    def rows(self) -> list[ServiceRow]:
        n = len(self.current.services) if self.current else 0
        return self._pool[:n]

    def page_title(self) -> Words | None:
        return TITLE
