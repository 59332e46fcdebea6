"""Today's tickets, or only those that did not print: tap one, confirm, and a copy marked
SALINAN comes out."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QSizePolicy, QVBoxLayout, QWidget

from kiosk.screens.staff.common import ChoiceRow, Notice, StaffPage, taps_at_once
from kiosk.screens.theme import Metrics
from kiosk.screens.widgets import KineticScroll, button, card, label, set_button_text
from kiosk.usecases.staff_actions import TicketLine
from mpp_core.domain.tickets import PrintState

MAX_ROWS = 200


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
        self.filter.set_options([(True, ""), (False, "")])
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
        self.confirm_yes = button("", "reprint-yes", m, kind="primary", icon_name="printer")
        self.confirm_yes.clicked.connect(self._confirmed)
        self.confirm_no = button("", "reprint-no", m, icon_name="close")
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
        self.rows: list[QPushButton] = []
        self.area = taps_at_once(KineticScroll(host))
        lay.addWidget(self.area, 1)
        self.retranslate()

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

    def show_result(self, text: str, ok: bool) -> None:
        self.notice.show_words(text, ok)

    def _relabel(self) -> None:
        for i, b in enumerate(self.rows):
            if i < len(self.lines):
                t = self.lines[i]
                service = f"{t.service} ({t.gerai})"
                if len(service) > 48:
                    service = service[:47] + "…"
                set_button_text(
                    b, f"{t.number}  ·  {t.issued_at}  ·  {self._state(t.state)}\n{service}"
                )
                b.show()
            else:
                b.hide()
        self.empty.setVisible(not self.lines)

    def _state(self, state: PrintState) -> str:
        return {
            PrintState.PRINTED: self.tr("printed"),
            PrintState.FAILED: self.tr("not printed"),
            PrintState.PENDING: self.tr("not printed yet"),
            PrintState.PREVIEW: self.tr("shown on screen"),
        }[state]

    def _filter(self, value: object) -> None:
        self.filter_changed.emit(bool(value))

    def _tap(self, i: int) -> None:
        if i >= len(self.lines):
            return
        self._chosen = self.lines[i]
        self.confirm_text.setText(
            self.tr("Print a copy of %1? It is marked COPY.").replace("%1", self._chosen.number)
        )
        self.confirm_box.show()

    def _confirmed(self) -> None:
        chosen, self._chosen = self._chosen, None
        self.confirm_box.hide()
        if chosen is not None:
            self.reprint.emit(chosen.id)

    def _cancel(self) -> None:
        self._chosen = None
        self.confirm_box.hide()

    def retranslate(self) -> None:
        self.filter.relabel([self.tr("Did not print"), self.tr("All today")])
        set_button_text(self.confirm_yes, self.tr("Print copy"))
        set_button_text(self.confirm_no, self.tr("Cancel"))
        self.empty.setText(
            self.tr("No tickets that did not print today.")
            if self.only_not_printed
            else self.tr("No tickets today yet.")
        )
        self._relabel()
