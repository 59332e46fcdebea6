"""The services of one gerai, as a list a finger can scroll."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QStackedWidget, QVBoxLayout, QWidget

from kiosk.domain.catalog import Gerai
from kiosk.screens import texts, theme
from kiosk.screens.theme import Metrics
from kiosk.screens.widgets import KineticScroll, ServiceRow, icon_pixmap, label


class _GeraiPage(QWidget):
    """The list for one gerai; built once and kept, so showing it again is instant."""

    def __init__(self, m: Metrics, gerai: Gerai, on_pick: object) -> None:
        super().__init__()
        self.gerai = gerai
        self.m = m
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(m.gap)
        band = QFrame()
        band.setAutoFillBackground(True)
        pal = band.palette()
        pal.setColor(QPalette.ColorRole.Window, QColor(gerai.color))
        band.setPalette(pal)
        bl = QHBoxLayout(band)
        bl.setContentsMargins(m.px(4), m.px(3), m.px(4), m.px(3))
        bl.setSpacing(m.px(4))
        ic = QLabel()
        ic.setPixmap(icon_pixmap(gerai.icon, m.icon))
        bl.addWidget(ic)
        col = QVBoxLayout()
        self.name = label("", "title")
        self.where = label("", "label")
        for w in (self.name, self.where):
            w.setStyleSheet(f"color: {theme.ON_PRIMARY};")
            col.addWidget(w)
        bl.addLayout(col, 1)
        pre = label(gerai.prefix, "huge", wrap=False)
        pre.setStyleSheet(f"color: {theme.ON_PRIMARY};")
        pre.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        bl.addWidget(pre)
        lay.addWidget(band)
        host = QWidget()
        rows = QVBoxLayout(host)
        rows.setContentsMargins(0, 0, m.px(6), 0)
        rows.setSpacing(m.gap)
        self.rows: list[ServiceRow] = []
        for s in gerai.services:
            row = ServiceRow(m, s.code)
            row.clicked.connect(lambda _=False, c=s.code: on_pick(c))  # type: ignore[operator]
            rows.addWidget(row)
            self.rows.append(row)
        rows.addStretch(1)
        self.scroll = KineticScroll(host)
        lay.addWidget(self.scroll, 1)

    def set_language(self, lang: str) -> None:
        g = self.gerai
        self.name.setText(g.display_name(lang))
        self.where.setText(f"{g.agency} · {g.display_location(lang)}")
        for row, s in zip(self.rows, g.services, strict=True):
            row.set_content(s.display_name(lang), texts.service_facts(s))


class ServiceListScreen(QWidget):
    service_chosen = Signal(str)

    def __init__(self, m: Metrics) -> None:
        super().__init__()
        self.setObjectName("Screen")
        self.m = m
        self.lang = "id"
        lay = QVBoxLayout(self)
        lay.setContentsMargins(m.margin, m.gap, m.margin, m.gap)
        lay.setSpacing(m.gap)
        self.hint = label("", "label")
        self.pages = QStackedWidget()
        lay.addWidget(self.pages, 1)
        lay.addWidget(self.hint)
        self._cache: dict[str, _GeraiPage] = {}
        self.current: Gerai | None = None
        self.retranslate()

    def clear_cache(self) -> None:
        for page in self._cache.values():
            self.pages.removeWidget(page)
            page.deleteLater()
        self._cache.clear()

    def prepare(self, gerai: Gerai) -> None:
        """Build a gerai's page ahead of time (called while the kiosk is idle)."""
        if gerai.code not in self._cache:
            page = _GeraiPage(self.m, gerai, self.service_chosen.emit)
            page.set_language(self.lang)
            self._cache[gerai.code] = page
            self.pages.addWidget(page)

    def show_gerai(self, gerai: Gerai) -> None:
        self.prepare(gerai)
        page = self._cache[gerai.code]
        page.scroll.to_top()
        self.pages.setCurrentWidget(page)
        self.current = gerai
        self.retranslate()

    @property
    def rows(self) -> list[ServiceRow]:
        page = self.pages.currentWidget()
        return page.rows if isinstance(page, _GeraiPage) else []

    def set_language(self, lang: str) -> None:
        self.lang = lang
        for page in self._cache.values():
            page.set_language(lang)

    def page_title(self) -> str:
        return self.tr("Choose a service")

    def retranslate(self) -> None:
        self.hint.setText(self.tr("Choose the service you need. Slide the list to see more."))

    def changeEvent(self, e: QEvent) -> None:
        if e.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(e)
