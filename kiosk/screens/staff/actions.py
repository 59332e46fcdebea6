"""What staff can do: paper, test print, reprints, sync, pause, reset, restart; and for
technicians, leaving to the desktop. Actions that end or disturb service ask first."""

from __future__ import annotations

import textwrap
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.screens.staff.common import Notice, StaffPage, taps_at_once
from kiosk.screens.theme import Metrics
from kiosk.screens.widgets import KineticScroll, button, card, label, set_button_text

ACTIONS = (  # (name, icon, needs confirmation)
    ("paper", "printer", False),
    ("test-print", "document", False),
    ("reprint", "list", False),
    ("not-printed", "warning", False),
    ("sync", "online", False),
    ("pause", "hourglass", False),
    ("reset", "home", True),
    ("restart", "clock", True),
    ("desktop", "computer", True),
)


class ActionsScreen(StaffPage):
    paper_replaced = Signal()
    test_print = Signal()
    open_reprint = Signal(bool)  # only the tickets that did not print
    sync_now = Signal()
    pause_or_resume = Signal()
    reset_terminal = Signal()
    restart = Signal()
    exit_desktop = Signal()

    def __init__(self, m: Metrics, portrait: bool) -> None:
        super().__init__(m)
        self.setObjectName("staff-actions")
        self.paused = False
        self.not_printed = 0
        self.technician = False
        self.wrap = 20 if portrait else 26  # long words break into two lines
        self._pending: str | None = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(m.margin, m.gap, m.margin, m.gap)
        lay.setSpacing(m.gap)
        self.notice = Notice()
        lay.addWidget(self.notice)

        self.confirm_box = card()
        self.confirm_box.setObjectName("confirm-box")
        cl = QVBoxLayout(self.confirm_box)
        cl.setContentsMargins(m.px(5), m.px(4), m.px(5), m.px(4))
        cl.setSpacing(m.gap)
        self.confirm_text = label("", "label")
        cl.addWidget(self.confirm_text)
        row = QHBoxLayout()
        row.setSpacing(m.gap)
        self.confirm_yes = button("", "confirm-yes", m, kind="primary", icon_name="check")
        self.confirm_yes.clicked.connect(self._confirmed)
        self.confirm_no = button("", "confirm-no", m, icon_name="close")
        self.confirm_no.clicked.connect(self.cancel_confirm)
        row.addWidget(self.confirm_yes, 1)
        row.addWidget(self.confirm_no, 1)
        cl.addLayout(row)
        self.confirm_box.hide()
        lay.addWidget(self.confirm_box)

        host = QWidget()
        grid = QGridLayout(host)
        grid.setContentsMargins(0, 0, m.px(6), 0)
        grid.setSpacing(m.gap)
        cols = 2 if portrait else 3
        self.buttons: dict[str, QPushButton] = {}
        self._confirm: dict[str, bool] = {}
        for i, (name, icon_name, confirm) in enumerate(ACTIONS):
            b = button("", f"action-{name}", m, icon_name=icon_name)
            b.setMinimumHeight(m.px(26))
            b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            b.clicked.connect(lambda _=False, n=name: self._tap(n))
            grid.addWidget(b, i // cols, i % cols)
            self.buttons[name] = b
            self._confirm[name] = confirm
        grid.setRowStretch(len(ACTIONS) // cols + 1, 1)
        for c in range(cols):
            grid.setColumnStretch(c, 1)
        self.area = taps_at_once(KineticScroll(host))
        lay.addWidget(self.area, 1)
        self._emit: dict[str, Callable[[], None]] = {
            "paper": self.paper_replaced.emit,
            "test-print": self.test_print.emit,
            "reprint": lambda: self.open_reprint.emit(False),
            "not-printed": lambda: self.open_reprint.emit(True),
            "sync": self.sync_now.emit,
            "pause": self.pause_or_resume.emit,
            "reset": self.reset_terminal.emit,
            "restart": self.restart.emit,
            "desktop": self.exit_desktop.emit,
        }
        self.retranslate()

    def set_state(self, *, paused: bool, not_printed: int, technician: bool) -> None:
        self.paused = paused
        self.not_printed = not_printed
        self.technician = technician
        self.buttons["desktop"].setVisible(technician)
        self.retranslate()

    def show_result(self, text: str, ok: bool) -> None:
        self.notice.show_words(text, ok)

    def _tap(self, name: str) -> None:
        if self._confirm[name]:
            self._pending = name
            self.confirm_text.setText(self._question(name))
            set_button_text(self.confirm_yes, self._yes(name))
            self.confirm_box.show()
            return
        self.notice.clear_notice()
        self._emit[name]()

    def _confirmed(self) -> None:
        name, self._pending = self._pending, None
        self.confirm_box.hide()
        if name is not None:
            self._emit[name]()

    def cancel_confirm(self) -> None:
        self._pending = None
        self.confirm_box.hide()

    def _question(self, name: str) -> str:
        if name == "reset":
            return self.tr(
                "Reset the terminal? The printer is reopened and the visitor "
                "screens start again. No ticket is lost."
            )
        if name == "restart":
            return self.tr(
                "Restart the kiosk app now? It is back in a few seconds. No ticket is lost."
            )
        return self.tr(
            "Leave the kiosk app for the desktop? Visitors cannot take numbers "
            "until it is started again."
        )

    def _yes(self, name: str) -> str:
        return {
            "reset": self.tr("Yes, reset"),
            "restart": self.tr("Yes, restart"),
            "desktop": self.tr("Yes, leave"),
        }[name]

    def retranslate(self) -> None:
        words = {
            "paper": self.tr("Paper roll replaced"),
            "test-print": self.tr("Test print"),
            "reprint": self.tr("Reprint a ticket"),
            "not-printed": self.tr("Not printed (%1)").replace("%1", str(self.not_printed)),
            "sync": self.tr("Sync now"),
            "pause": self.tr("Resume numbers") if self.paused else self.tr("Pause numbers"),
            "reset": self.tr("Reset terminal"),
            "restart": self.tr("Restart app"),
            "desktop": self.tr("Exit to desktop"),
        }
        for name, text in words.items():
            b = self.buttons[name]
            b.setText("\n".join(textwrap.wrap(text, self.wrap)) or text)
            b.setAccessibleName(text)
        set_button_text(self.confirm_no, self.tr("Cancel"))
        if self._pending is not None:
            self.confirm_text.setText(self._question(self._pending))
            set_button_text(self.confirm_yes, self._yes(self._pending))
        self.confirm_text.setAlignment(Qt.AlignmentFlag.AlignLeft)
