"""Service detail: what to bring, time, fee, online alternative, and the confirm step.

The foot of the screen is the confirm step: a summary, "Take a number", and one button per
priority group (UU 25/2009 Pasal 29; a self-declaration the counter staff may check).
"""

from __future__ import annotations

from typing import Literal

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QBoxLayout,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.screens import texts, theme
from kiosk.screens.theme import Metrics
from kiosk.screens.widgets import (
    KineticScroll,
    QrWidget,
    WordLabel,
    button,
    card,
    icon_pixmap,
    label,
)
from mpp_core.domain.catalog import Gerai, Service
from mpp_core.domain.numbering import PriorityGroup
from mpp_core.i18n import Joined, Plain, Text, Words

TITLE = Text("Rincian layanan", "Service details")
# Conditions (who may apply, what must be true) sit above what to bring.
CONDITIONS_TITLE = Text("Yang harus dipenuhi", "Conditions to meet")
BULLET = Text("• {text}", "• {text}")
STEP = Text("{n}. {text}", "{n}. {text}")
WHAT_TO_BRING = Text("Yang perlu dibawa", "What to bring")
NOTHING_TO_BRING = Text("Tidak ada berkas khusus yang perlu dibawa.", "Nothing special to bring.")
FACT_HEADS = {
    "time": Text("Waktu penyelesaian", "Processing time"),
    "fee": Text("Biaya", "Fee"),
    "product": Text("Hasil layanan", "You receive"),
    "steps": Text("Alur layanan", "Steps"),
    "complaints": Text("Pengaduan dan saran", "Complaints and suggestions"),
}
ONLINE_TOO = Text(
    "Layanan ini juga bisa online. Pindai kode dengan ponsel Anda:\n{url}",
    "You can also do this online. Scan the code with your phone:\n{url}",
)
ADM_TIP = Text(
    "Tips: layanan ini bisa dilakukan di mesin ADM (Anjungan Dukcapil Mandiri) tanpa nomor "
    "antrean.",
    "Tip: this can be done at the ADM self-service machine without a queue number.",
)
NO_QUEUE_HINT = Text(
    "Tidak perlu nomor antrean: langsung ke mesin layanan mandiri atau gunakan layanan online.",
    "No queue number is needed: go straight to the self-service machine or use the online service.",
)
TAKE_NUMBER = Text("Ambil nomor antrean", "Take a queue number")
PRIORITY_FOR = Text(
    "Nomor prioritas (dapat diperiksa petugas) untuk:", "Priority number (staff may check) for:"
)
PRINT_LIST = Text("Cetak daftar ini", "Print this list")
LIST_PRINTING = Text("Mencetak daftar…", "Printing the list…")
LIST_PRINTED = Text(
    "Sudah dicetak: ambil daftar di bawah layar.", "Printed: take the list below the screen."
)
LIST_PREVIEW = Text(
    "Printer tidak terhubung, jadi daftar tidak dapat dicetak. Daftar tetap ada di layar ini.",
    "No printer is connected, so the list cannot be printed. It stays on this screen.",
)
LIST_FAILED_BECAUSE = Text(
    "Daftar tidak dapat dicetak: {reason}. Sebagai gantinya, Anda dapat memotret layar ini.",
    "The list could not be printed: {reason}. You can take a photo of this screen instead.",
)
LIST_FAILED = Text(
    "Daftar tidak dapat dicetak. Sebagai gantinya, Anda dapat memotret layar ini.",
    "The list could not be printed. You can take a photo of this screen instead.",
)

# Printing the "what to bring" list: nothing asked yet, on its way, on paper, shown on
# screen only (no printer connected), or not printed (with the reason).
ListPrintState = Literal["idle", "printing", "printed", "preview", "failed"]


class ServiceDetailScreen(QWidget):
    take_number = Signal(object)  # PriorityGroup | None
    print_requirements = Signal()  # "Print this list": the flow sends it to the printer

    def __init__(self, m: Metrics, portrait: bool) -> None:
        super().__init__()
        self.setObjectName("Screen")
        self.m = m
        self.service: Service | None = None
        self.gerai: Gerai | None = None
        self._availability_text: Words = Plain("")
        self._can_issue = False
        self._print_available = False
        self._print_state: ListPrintState = "idle"
        self._print_reason: Words | None = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(m.margin, m.gap, m.margin, m.gap)
        lay.setSpacing(m.gap)
        self.title = label("", "title")
        self.subtitle = label("", "label")
        lay.addWidget(self.title)
        lay.addWidget(self.subtitle)

        body = QWidget()
        direction = (
            QBoxLayout.Direction.TopToBottom if portrait else QBoxLayout.Direction.LeftToRight
        )
        cols = QBoxLayout(direction, body)
        cols.setContentsMargins(0, 0, m.px(6), 0)
        cols.setSpacing(m.gap)

        self.bring_card = card()
        bring = QVBoxLayout(self.bring_card)
        bring.setContentsMargins(m.px(4), m.px(3), m.px(4), m.px(3))
        # The title with "Print this list" beside it (in view when the screen opens), and
        # under them a short status while and after the list prints.
        bring_head = QHBoxLayout()
        bring_head.setSpacing(m.gap)
        self.bring_title = label(WHAT_TO_BRING, "label")
        self.bring_title.setStyleSheet("font-weight: bold;")
        bring_head.addWidget(self.bring_title, 1)
        self.print_button = button(PRINT_LIST, "print-requirements", m, icon_name="printer")
        self.print_button.clicked.connect(self._print_tapped)
        self.print_button.hide()
        bring_head.addWidget(self.print_button, 0, Qt.AlignmentFlag.AlignTop)
        bring.addLayout(bring_head)
        self.print_status = label("", "label")
        self.print_status.setObjectName("print-requirements-status")
        self.print_status.hide()
        bring.addWidget(self.print_status)
        self.conditions = label(None, "label")
        self.conditions.setObjectName("service-conditions")
        self.conditions.hide()
        bring.addWidget(self.conditions)
        self.checklist = QVBoxLayout()
        self.checklist.setSpacing(m.px(2))
        self._req_rows: list[tuple[QWidget, QLabel, WordLabel]] = []
        bring.addLayout(self.checklist)
        bring.addStretch(1)
        cols.addWidget(self.bring_card, 3)

        side = QVBoxLayout()
        side.setSpacing(m.gap)
        self.facts_card = card()
        facts = QGridLayout(self.facts_card)
        facts.setContentsMargins(m.px(4), m.px(3), m.px(4), m.px(3))
        facts.setHorizontalSpacing(m.px(3))
        facts.setColumnStretch(1, 1)
        self.fact_labels: dict[str, tuple[WordLabel, WordLabel]] = {}
        for i, (key, ic) in enumerate(
            (
                ("time", "clock"),
                ("fee", "money"),
                ("product", "document"),
                ("steps", "list"),
                ("complaints", "help"),
            )
        ):
            pic = QLabel()
            pic.setPixmap(icon_pixmap(ic, m.px(8), theme.PRIMARY))
            pic.setAlignment(Qt.AlignmentFlag.AlignTop)
            head = label(FACT_HEADS[key], "label")
            head.setStyleSheet("font-weight: bold;")
            value = label("")
            box = QVBoxLayout()
            box.setSpacing(0)
            box.addWidget(head)
            box.addWidget(value)
            facts.addWidget(pic, i, 0)
            facts.addLayout(box, i, 1)
            self.fact_labels[key] = (head, value)
        side.addWidget(self.facts_card)

        self.online_card = card()
        online = QHBoxLayout(self.online_card)
        online.setContentsMargins(m.px(4), m.px(3), m.px(4), m.px(3))
        self.qr = QrWidget(m.px(32))
        online.addWidget(self.qr)
        self.online_text = label("")
        online.addWidget(self.online_text, 1)
        side.addWidget(self.online_card)

        self.adm_hint = label("", "warn")
        side.addWidget(self.adm_hint)
        side.addStretch(1)
        cols.addLayout(side, 2)
        self.body_scroll = KineticScroll(body)
        lay.addWidget(self.body_scroll, 1)

        # The confirm step.
        self.confirm = QWidget()
        cl = QVBoxLayout(self.confirm)
        cl.setContentsMargins(0, 0, 0, 0)
        cl.setSpacing(m.px(3))
        self.availability = label("", "label")
        cl.addWidget(self.availability)
        actions = QGridLayout()
        actions.setSpacing(m.gap)
        self.take_button = button(TAKE_NUMBER, "take-number", m, kind="go", icon_name="check")
        self.take_button.clicked.connect(lambda: self._take(None))
        self.priority_buttons: dict[PriorityGroup, QPushButton] = {}
        self.priority_title = label(PRIORITY_FOR, "label")
        if portrait:
            # Take a number across the top; the priority groups in two rows of two.
            actions.addWidget(self.take_button, 0, 0, 1, 2)
            actions.addWidget(self.priority_title, 1, 0, 1, 2)
            first_row, ncols, col0 = 2, 2, 0
        else:
            # Take a number on the left; the priority groups beside it, two by two.
            self.take_button.setSizePolicy(
                QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding
            )
            actions.addWidget(self.take_button, 0, 0, 3, 1)
            actions.addWidget(self.priority_title, 0, 1, 1, 2)
            actions.setColumnStretch(0, 5)
            actions.setColumnStretch(1, 3)
            actions.setColumnStretch(2, 3)
            first_row, ncols, col0 = 1, 2, 1
        for i, group in enumerate(PriorityGroup):
            b = button(
                texts.priority_text(group),
                f"priority-{group.value}",
                m,
                kind="priority",
                icon_name=texts.PRIORITY_ICONS[group],
            )
            b.clicked.connect(lambda _=False, g=group: self._take(g))
            actions.addWidget(b, first_row + i // ncols, col0 + i % ncols)
            self.priority_buttons[group] = b
        cl.addLayout(actions)
        lay.addWidget(self.confirm)

    # ----------------------------------------------------------------- content

    def show_service(
        self, gerai: Gerai, service: Service, availability_text: Words, can_issue: bool
    ) -> None:
        self.gerai, self.service = gerai, service
        self._availability_text = availability_text
        self._can_issue = can_issue
        self._print_state, self._print_reason = "idle", None
        self._fill()
        self.set_busy(False)
        self.body_scroll.to_top()

    def set_busy(self, busy: bool) -> None:
        """While a number is being issued: one tap, one ticket."""
        enabled = self._can_issue and not busy
        self.take_button.setEnabled(enabled)
        for b in self.priority_buttons.values():
            b.setEnabled(enabled)

    def _take(self, group: PriorityGroup | None) -> None:
        if not self.take_button.isEnabled():
            return
        self.set_busy(True)
        self.take_number.emit(group)

    def set_print_available(self, available: bool) -> None:
        """Whether the kiosk can print the list (the button shows for services with one)."""
        self._print_available = available
        self.print_button.setVisible(self._can_print_list())
        self._show_print_state()

    def set_print_state(self, state: ListPrintState, reason: Words | None = None) -> None:
        """How printing the list goes; `reason` says why it failed."""
        self._print_state, self._print_reason = state, reason
        self._show_print_state()

    def _can_print_list(self) -> bool:
        return (
            self._print_available and self.service is not None and bool(self.service.requirements)
        )

    def _print_tapped(self) -> None:
        if self._print_state == "printing":
            return
        self.print_button.setEnabled(False)  # one tap, one slip: the flow says what follows
        self.print_requirements.emit()

    def _show_print_state(self) -> None:
        state, reason = self._print_state, self._print_reason
        text: Words | None = None
        if state == "printing":
            text = LIST_PRINTING
        elif state == "printed":
            text = LIST_PRINTED
        elif state == "preview":
            text = LIST_PREVIEW
        elif state == "failed" and reason is not None:
            text = LIST_FAILED_BECAUSE.bind(reason=reason)
        elif state == "failed":
            text = LIST_FAILED
        self.print_button.setEnabled(state != "printing")
        self.print_status.say(text)
        self.print_status.setVisible(text is not None and self._can_print_list())
        role = "warn" if state == "failed" else "label"
        if self.print_status.property("role") != role:
            self.print_status.setProperty("role", role)
            self.print_status.style().unpolish(self.print_status)
            self.print_status.style().polish(self.print_status)

    def set_availability(self, text: Words, can_issue: bool) -> None:
        self._availability_text, self._can_issue = text, can_issue
        self._fill()
        self.set_busy(False)

    def _fill(self) -> None:
        s, g = self.service, self.gerai
        if s is None or g is None:
            return
        self.title.say(s.display_name)
        self.subtitle.say(Joined((g.display_name, g.display_location), " · "))
        self.conditions.say(
            Joined((CONDITIONS_TITLE, *(BULLET.bind(text=c.text_in) for c in s.conditions)))
            if s.conditions
            else None
        )
        self.conditions.setVisible(bool(s.conditions))
        items: list[Words] = [r.describe for r in s.requirements] or [NOTHING_TO_BRING]
        # Rows are kept and reused: building widgets on every tap is slow, and widgets
        # waiting for deletion would still be painted.
        while len(self._req_rows) < len(items):
            row = QWidget()
            rl = QHBoxLayout(row)
            rl.setContentsMargins(0, 0, 0, 0)
            box = QLabel()
            box.setPixmap(icon_pixmap("check", self.m.px(7), theme.GO))
            box.setAlignment(Qt.AlignmentFlag.AlignTop)
            rl.addWidget(box)
            text = label()
            rl.addWidget(text, 1)
            self.checklist.addWidget(row)
            self._req_rows.append((row, box, text))
        for i, (row, box, text) in enumerate(self._req_rows):
            if i < len(items):
                text.say(items[i])
                box.setVisible(bool(s.requirements))
                row.show()
            else:
                row.hide()
        self.print_button.setVisible(self._can_print_list())
        self._show_print_state()
        self.fact_labels["time"][1].say(s.processing_time_in)
        self.fact_labels["fee"][1].say(texts.fee_text(s))
        self.fact_labels["product"][1].say(s.product_in)
        self.fact_labels["steps"][1].say(
            Joined(
                tuple(STEP.bind(n=i, text=step.text_in) for i, step in enumerate(s.procedure, 1))
            )
        )
        self.fact_labels["complaints"][1].say(s.complaints_in)
        self.online_card.setVisible(bool(s.online_url))
        if s.online_url:
            self.qr.set_payload(s.online_url)
            self.online_text.say(ONLINE_TOO.bind(url=s.online_url))
        hints = ((ADM_TIP,) if s.adm else ()) + (() if s.needs_queue else (NO_QUEUE_HINT,))
        self.adm_hint.say(Joined(hints, " ") if hints else None)
        self.adm_hint.setVisible(bool(hints))
        self.availability.say(self._availability_text)
        self.availability.setProperty("role", "label" if self._can_issue else "warn")
        self.availability.style().unpolish(self.availability)
        self.availability.style().polish(self.availability)
        show_actions = s.needs_queue
        self.take_button.setVisible(show_actions)
        self.priority_title.setVisible(show_actions)
        for b in self.priority_buttons.values():
            b.setVisible(show_actions)

    def page_title(self) -> Words | None:
        return TITLE
