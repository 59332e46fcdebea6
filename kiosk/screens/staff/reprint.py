"""Today's tickets, or only those that did not print: tap one, confirm, and a copy marked
SALINAN comes out."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QSizePolicy, QVBoxLayout, QWidget

from kiosk.screens.staff.common import CANCEL, ChoiceRow, Notice, StaffPage, taps_at_once
from kiosk.screens.theme import Metrics
from kiosk.screens.widgets import KineticScroll, WordButton, button, card, label
from kiosk.usecases.staff_actions import TicketLine
from mpp_core.domain.tickets import PrintState
from mpp_core.i18n import Joined, Plain, Text, Words
from mpp_core.i18n_dates import TimeOfDay

MAX_ROWS = 200
STATES = {
    PrintState.PRINTED: Text("tercetak", "printed"),
    PrintState.FAILED: Text("tidak tercetak", "not printed"),
    PrintState.PENDING: Text("belum tercetak", "not printed yet"),
    PrintState.PREVIEW: Text("ditampilkan di layar", "shown on screen"),
}
PRINT_A_COPY = Text(
    "Cetak salinan {number}? Struk ditandai SALINAN.",
    "Print a copy of {number}? It is marked COPY.",
)
DID_NOT_PRINT = Text("Tidak tercetak", "Did not print")
ALL_TODAY = Text("Semua hari ini", "All today")
PRINT_COPY = Text("Cetak salinan", "Print copy")
NONE_UNPRINTED = Text(
    "Tidak ada tiket yang gagal dicetak hari ini.", "No tickets that did not print today."
)
NONE_TODAY = Text("Belum ada tiket hari ini.", "No tickets today yet.")


class ReprintScreen(StaffPage):
    filter_changed = Signal(bool)  # only the tickets that did not print
    reprint = Signal(str)  # ticket id

    def __init__(self, m: Metrics) -> None:
        super().__init__(m)
        self.setObjectName("staff-reprint")
        self.lines: list[TicketLine] = []
        self.only_not_printed = True
        self._chosen: TicketLine | None = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(m.margin, m.gap, m.margin, m.gap)
        lay.setSpacing(m.gap)
        self.filter = ChoiceRow(m, "reprint-filter", columns=2)
        self.filter.set_options([(True, DID_NOT_PRINT), (False, ALL_TODAY)])
        self.filter.set_value(True)
        self.filter.chosen.connect(self._filter)
        lay.addWidget(self.filter)
        self.notice = Notice()
        lay.addWidget(self.notice)

        self.confirm_box = card()
        cl = QVBoxLayout(self.confirm_box)
        cl.setContentsMargins(m.px(5), m.px(4), m.px(5), m.px(4))
        cl.setSpacing(m.gap)
        self.confirm_text = label("", "label")
        cl.addWidget(self.confirm_text)
        row = QHBoxLayout()
        row.setSpacing(m.gap)
        self.confirm_yes = button(PRINT_COPY, "reprint-yes", m, kind="primary", icon_name="printer")
        self.confirm_yes.clicked.connect(self._confirmed)
        self.confirm_no = button(CANCEL, "reprint-no", m, icon_name="close")
        self.confirm_no.clicked.connect(self._cancel)
        row.addWidget(self.confirm_yes, 1)
        row.addWidget(self.confirm_no, 1)
        cl.addLayout(row)
        self.confirm_box.hide()
        lay.addWidget(self.confirm_box)

        self.empty = label("", "label")
        lay.addWidget(self.empty)
        host = QWidget()
        self.rows_layout = QVBoxLayout(host)
        self.rows_layout.setContentsMargins(0, 0, m.px(6), 0)
        self.rows_layout.setSpacing(m.gap)
        self.rows_layout.addStretch(1)
        self.rows: list[WordButton] = []
        self.area = taps_at_once(KineticScroll(host))
        lay.addWidget(self.area, 1)
        self._relabel()

    def set_tickets(self, lines: Sequence[TicketLine], only_not_printed: bool) -> None:
        self.lines = list(lines)[:MAX_ROWS]
        self.only_not_printed = only_not_printed
        self.filter.set_value(only_not_printed)
        self._cancel()
        while len(self.rows) < len(self.lines):
            index = len(self.rows)
            b = button("", f"ticket-row-{index}", self.m)
            b.setMinimumHeight(self.m.px(25))
            b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            b.setStyleSheet(
                f"text-align: left; font-size: {self.m.body}px; "
                f"padding: {self.m.px(2)}px {self.m.px(4)}px;"
            )
            b.clicked.connect(lambda _=False, i=index: self._tap(i))
            self.rows_layout.insertWidget(self.rows_layout.count() - 1, b)
            self.rows.append(b)
        self._relabel()
        self.area.to_top()

    def show_result(self, words: Words, ok: bool) -> None:
        self.notice.show_words(words, ok)

    def _relabel(self) -> None:
        for i, b in enumerate(self.rows):
            if i < len(self.lines):
                t = self.lines[i]
                service = f"{t.service} ({t.gerai})"
                if len(service) > 48:
                    service = service[:47] + "…"
                head = Joined((Plain(t.number), TimeOfDay(t.issued_at), STATES[t.state]), "  ·  ")
                b.say(Joined((head, Plain(service))))
                b.show()
            else:
                b.hide()
        self.empty.say(NONE_UNPRINTED if self.only_not_printed else NONE_TODAY)
        self.empty.setVisible(not self.lines)

    def _filter(self, value: object) -> None:
        self.filter_changed.emit(bool(value))

    def _tap(self, i: int) -> None:
        if i >= len(self.lines):
            return
        self._chosen = self.lines[i]
        self.confirm_text.say(PRINT_A_COPY.bind(number=self._chosen.number))
        self.confirm_box.show()

    def _confirmed(self) -> None:
        chosen, self._chosen = self._chosen, None
        self.confirm_box.hide()
        if chosen is not None:
            self.reprint.emit(chosen.id)

    def _cancel(self) -> None:
        self._chosen = None
        self.confirm_box.hide()
