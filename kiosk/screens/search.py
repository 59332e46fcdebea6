"""Search over every service, typed on the on-screen keyboard."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QBoxLayout, QLineEdit, QVBoxLayout, QWidget

from kiosk.i18n import shown
from kiosk.screens import texts
from kiosk.screens.keyboard import OnScreenKeyboard
from kiosk.screens.theme import Metrics
from kiosk.screens.widgets import KineticScroll, ServiceRow, label
from mpp_core.domain.catalog import Catalog, Service
from mpp_core.i18n import Text, Words

TITLE = Text("Cari layanan", "Search for a service")
PLACEHOLDER = Text("Nama layanan…", "Service name…")
TYPE_A_WORD = Text(
    "Ketik kata, misalnya: ktp, akta lahir, skck.",
    "Type a word, for example: ktp, akta lahir, skck.",
)
NOTHING_FOUND = Text(
    "Tidak ditemukan. Coba kata yang lebih pendek.", "Nothing found. Try a shorter word."
)
FOUND = Text("{count} layanan ditemukan", "{count} service found", "{count} services found")

POOL = 30  # result rows kept ready; more results are rarely useful on a kiosk


class SearchScreen(QWidget):
    service_chosen = Signal(str)
    query_changed = Signal(str)

    def __init__(self, m: Metrics, portrait: bool) -> None:
        super().__init__()
        self.setObjectName("Screen")
        self.m = m
        self._catalog: Catalog | None = None
        self._search: Callable[[str], Sequence[Service]] | None = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(m.margin, m.gap, m.margin, m.gap)
        lay.setSpacing(m.gap)
        self.field = QLineEdit()
        self.field.setObjectName("search-field")
        self.field.setMaxLength(40)
        self.field.textChanged.connect(self._on_text)
        lay.addWidget(self.field)
        # Landscape: results on the left, keyboard on the right. Portrait: keyboard below.
        body = QBoxLayout(
            QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight
        )
        body.setSpacing(m.gap)
        results_col = QVBoxLayout()
        results_col.setSpacing(m.gap)
        self.status = label("", "label")
        results_col.addWidget(self.status)
        host = QWidget()
        rows = QVBoxLayout(host)
        rows.setContentsMargins(0, 0, m.px(6), 0)
        rows.setSpacing(m.gap)
        self.rows: list[ServiceRow] = []
        for i in range(POOL):
            row = ServiceRow(m, f"result-{i}")
            row.hide()
            row.clicked.connect(lambda _=False, r=row: self.service_chosen.emit(r.code))
            rows.addWidget(row)
            self.rows.append(row)
        rows.addStretch(1)
        self.results = KineticScroll(host)
        results_col.addWidget(self.results, 1)
        body.addLayout(results_col, 1)
        self.keyboard = OnScreenKeyboard(m)
        self.keyboard.key.connect(self._type)
        self.keyboard.backspace.connect(self.field.backspace)
        self.keyboard.clear.connect(self.field.clear)
        body.addWidget(
            self.keyboard, 0, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom
        )
        lay.addLayout(body, 1)
        self._results: list[Service] = []
        self.retranslate()
        self._update_status()

    def set_source(self, catalog: Catalog, search: Callable[[str], Sequence[Service]]) -> None:
        self._catalog = catalog
        self._search = search

    def reset(self) -> None:
        self.field.clear()
        self._show([])

    def _type(self, ch: str) -> None:
        self.field.insert(ch)

    def _on_text(self, text: str) -> None:
        found = list(self._search(text)) if self._search is not None and text.strip() else []
        self._show(found)
        self.query_changed.emit(text)

    def _show(self, found: list[Service]) -> None:
        self._results = found[:POOL]
        catalog = self._catalog
        for i, row in enumerate(self.rows):
            if i < len(self._results):
                s = self._results[i]
                if row.property("shown") != s.code:  # unchanged rows are not touched
                    g = catalog.gerai_by_code(s.gerai_code) if catalog else None
                    row.code = s.code
                    row.set_content(
                        s.display_name, texts.service_facts(s, g.display_name if g else None)
                    )
                    row.setProperty("shown", s.code)
                if row.isHidden():
                    row.show()
            elif not row.isHidden():
                row.hide()
        self._update_status()
        if self.results.verticalScrollBar().value():
            self.results.to_top()

    def _update_status(self) -> None:
        text = self.field.text().strip()
        if not text:
            self.status.say(TYPE_A_WORD)
        elif not self._results:
            self.status.say(NOTHING_FOUND)
        else:
            self.status.say(FOUND.bind(count=len(self._results)))

    @property
    def result_codes(self) -> list[str]:
        return [s.code for s in self._results]

    def page_title(self) -> Words | None:
        return TITLE

    def retranslate(self) -> None:
        lang = shown()
        self.field.setPlaceholderText(PLACEHOLDER(lang))
        self.field.setAccessibleName(TITLE(lang))

    def changeEvent(self, e: QEvent) -> None:
        if e.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(e)
