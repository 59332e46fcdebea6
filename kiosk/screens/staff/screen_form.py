"""The technician's screen form: which display, which way up, and how large."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal

from kiosk.screens.staff.common import RESTART_NOW, SAVE, ChoiceRow, FormScreen, section_title
from kiosk.screens.theme import Metrics
from kiosk.screens.widgets import button
from kiosk.settings.screen import ORIENTATIONS, ScreenConfig
from mpp_core.i18n import Text

SCALES = (1.0, 1.25, 1.5, 1.75, 2.0)
DISPLAY = Text("Layar tampilan", "Display")
ORIENTATION = Text("Orientasi", "Orientation")
ORIENTATION_WORDS = {
    "auto": Text("Sesuai pemasangan", "As installed"),
    "landscape": Text("Mendatar", "Landscape"),
    "portrait": Text("Tegak", "Portrait"),
}
SIZE = Text("Ukuran semua isi layar", "Size of everything on screen")


class ScreenForm(FormScreen):
    save = Signal(object)  # ScreenConfig
    restart = Signal()

    def __init__(self, m: Metrics, portrait: bool) -> None:
        super().__init__(m, portrait)
        self.setObjectName("tech-screen")
        self.keyboard.hide()
        lay = self.add_card()
        self.display_title = section_title(DISPLAY)
        lay.addWidget(self.display_title)
        self.display = ChoiceRow(m, "screen-display", columns=1, wrap=40)
        lay.addWidget(self.display)
        self.orientation_title = section_title(ORIENTATION)
        lay.addWidget(self.orientation_title)
        self.orientation = ChoiceRow(m, "screen-orientation", columns=3, wrap=12)
        self.orientation.set_options([(o, ORIENTATION_WORDS[o]) for o in ORIENTATIONS])
        lay.addWidget(self.orientation)
        self.scale_title = section_title(SIZE)
        lay.addWidget(self.scale_title)
        self.scale = ChoiceRow(m, "screen-scale", columns=5)
        self.scale.set_options([(s, f"{s:g}×") for s in SCALES])
        lay.addWidget(self.scale)
        self.form.addStretch(1)
        self.save_button = button(SAVE, "screen-save", m, kind="primary", icon_name="check")
        self.save_button.clicked.connect(self._save)
        self.restart_button = button(RESTART_NOW, "screen-restart", m, kind="go", icon_name="clock")
        self.restart_button.clicked.connect(self.restart)
        self.restart_button.hide()
        self.foot.addWidget(self.save_button, 1)
        self.foot.addWidget(self.restart_button, 1)

    def set_values(self, screen: ScreenConfig, displays: Sequence[str]) -> None:
        names = list(displays) or ["0"]
        if screen.display >= len(names):
            names += [str(i) for i in range(len(names), screen.display + 1)]
        self.display.set_options([(i, f"{i + 1}: {n}") for i, n in enumerate(names)])
        self.display.set_value(screen.display)
        self.orientation.set_value(screen.orientation)
        self.scale.set_value(min(SCALES, key=lambda s: abs(s - screen.scale)))
        self.notice.clear_notice()

    def _save(self) -> None:
        self.save.emit(
            ScreenConfig(
                display=int(self.display.value() or 0),
                orientation=str(self.orientation.value() or "auto"),
                scale=float(self.scale.value() or 1.0),
            )
        )

    def offer_restart(self, on: bool) -> None:
        self.restart_button.setVisible(on)
