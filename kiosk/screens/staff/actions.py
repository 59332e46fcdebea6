"""What staff can do: paper, test print, reprints, sync, pause, reset, restart; and for
technicians, leaving to the desktop. Actions that end or disturb service ask first."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGridLayout,
    QHBoxLayout,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.screens.staff.common import CANCEL, Notice, StaffPage, taps_at_once
from kiosk.screens.staff.pause import PAUSE, RESUME
from kiosk.screens.theme import Metrics
from kiosk.screens.widgets import KineticScroll, WordButton, button, card, label
from mpp_core.i18n import Text, Words

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


QUESTIONS = {
    "reset": Text(
        "Atur ulang terminal? Printer dibuka ulang dan layar pengunjung mulai dari awal. Tidak "
        "ada tiket yang hilang.",
        "Reset the terminal? The printer is reopened and the visitor screens start again. No "
        "ticket is lost.",
    ),
    "restart": Text(
        "Mulai ulang aplikasi kiosk sekarang? Aplikasi kembali dalam beberapa detik. Tidak ada "
        "tiket yang hilang.",
        "Restart the kiosk app now? It is back in a few seconds. No ticket is lost.",
    ),
    "desktop": Text(
        "Keluar dari aplikasi kiosk ke desktop? Pengunjung tidak dapat mengambil nomor sampai "
        "aplikasi dijalankan lagi.",
        "Leave the kiosk app for the desktop? Visitors cannot take numbers until it is started "
        "again.",
    ),
}
YES = {
    "reset": Text("Ya, atur ulang", "Yes, reset"),
    "restart": Text("Ya, mulai ulang", "Yes, restart"),
    "desktop": Text("Ya, keluar", "Yes, leave"),
}
WORDS = {
    "paper": Text("Kertas sudah diganti", "Paper roll replaced"),
    "test-print": Text("Cetak uji", "Test print"),
    "reprint": Text("Cetak ulang tiket", "Reprint a ticket"),
    "sync": Text("Sinkronkan sekarang", "Sync now"),
    "reset": Text("Atur ulang terminal", "Reset terminal"),
    "restart": Text("Mulai ulang aplikasi", "Restart app"),
    "desktop": Text("Keluar ke desktop", "Exit to desktop"),
}
NOT_PRINTED = Text("Tidak tercetak ({count})", "Not printed ({count})")


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
        self.wrap = 20 if portrait else 26
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
        self.confirm_no = button(CANCEL, "confirm-no", m, icon_name="close")
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
        self.buttons: dict[str, WordButton] = {}
        self._confirm: dict[str, bool] = {}
        for i, (name, icon_name, confirm) in enumerate(ACTIONS):
            b = button(None, f"action-{name}", m, icon_name=icon_name)
            b.wrap = self.wrap  # long words break into two lines
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
        self.confirm_text.setAlignment(Qt.AlignmentFlag.AlignLeft)
        for name, words in WORDS.items():
            self.buttons[name].say(words)
        self.set_state(paused=False, not_printed=0, technician=False)

    def set_state(self, *, paused: bool, not_printed: int, technician: bool) -> None:
        self.paused = paused
        self.not_printed = not_printed
        self.technician = technician
        self.buttons["desktop"].setVisible(technician)
        self.buttons["not-printed"].say(NOT_PRINTED.bind(count=not_printed))
        self.buttons["pause"].say(RESUME if paused else PAUSE)

    def show_result(self, words: Words, ok: bool) -> None:
        self.notice.show_words(words, ok)

    def _tap(self, name: str) -> None:
        if self._confirm[name]:
            self._pending = name
            self.confirm_text.say(QUESTIONS[name])
            self.confirm_yes.say(YES[name])
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
