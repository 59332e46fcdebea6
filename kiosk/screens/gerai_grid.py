"""Gerai grid: one large tile per agency counter, and the way into search."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGridLayout, QVBoxLayout, QWidget

from kiosk.screens.theme import Metrics
from kiosk.screens.widgets import KineticScroll, TileButton
from mpp_core.domain.catalog import Gerai
from mpp_core.i18n import Text, Words

TITLE = Text("Pilih gerai layanan", "Choose a service counter")


@dataclass(frozen=True, slots=True)
class GeraiTile:
    gerai: Gerai
    status: Words  # worded by kiosk.screens.texts from the domain's availability


class GeraiGridScreen(QWidget):
    gerai_chosen = Signal(str)

    def __init__(self, m: Metrics, columns: int) -> None:
        super().__init__()
        self.setObjectName("Screen")
        self.m = m
        self.columns = columns
        self.tiles: dict[str, TileButton] = {}
        self._items: list[GeraiTile] = []
        lay = QVBoxLayout(self)
        lay.setContentsMargins(m.margin, m.gap, m.margin, m.gap)
        lay.setSpacing(m.gap)
        self.grid_host = QWidget()
        self.grid = QGridLayout(self.grid_host)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(m.gap)
        self.grid_scroll = KineticScroll(self.grid_host)
        lay.addWidget(self.grid_scroll, 1)

    def set_tiles(self, items: Sequence[GeraiTile]) -> None:
        """Build the tiles once per catalog; later calls only update their content."""
        codes = [t.gerai.code for t in items]
        if codes != list(self.tiles):
            for tile in self.tiles.values():
                tile.setParent(None)
                tile.deleteLater()
            self.tiles.clear()
            for i, item in enumerate(items):
                tile = TileButton(self.m, item.gerai.code)
                tile.clicked.connect(lambda _=False, c=item.gerai.code: self.gerai_chosen.emit(c))
                self.grid.addWidget(tile, i // self.columns, i % self.columns)
                self.tiles[item.gerai.code] = tile
            rows = (len(items) + self.columns - 1) // self.columns
            for r in range(rows):
                self.grid.setRowMinimumHeight(r, self.m.px(36))
        self._items = list(items)
        self._refresh()

    def _refresh(self) -> None:
        for item in self._items:
            g = item.gerai
            self.tiles[g.code].set_content(
                color=g.color,
                icon_name=g.icon,
                prefix=g.prefix,
                title=g.display_name,
                status=item.status,
                planned=not g.selectable,
            )

    def page_title(self) -> Words | None:
        return TITLE
