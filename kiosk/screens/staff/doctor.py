"""The technician's doctor: the same checks as ``mpp-kiosk doctor`` (PASS, WARN or FAIL, each
with its reason and what to do), run off the GUI thread when the tab opens or on request.
The checks' own lines are the command's (technical English); the page's words follow the
language on screen."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.screens.staff.common import StaffPage
from kiosk.screens.theme import Metrics
from kiosk.screens.widgets import KineticScroll, WordLabel, button, label
from mpp_core.i18n import Text

TITLE = Text("Pemeriksaan kiosk (mpp-kiosk doctor)", "Kiosk checks (mpp-kiosk doctor)")
RUNNING = Text("Memeriksa…", "Checking…")
AGAIN = Text("Periksa lagi", "Check again")
SUMMARY = Text(
    "{fails} GAGAL, {warns} PERINGATAN dari {count} pemeriksaan",
    "{fails} FAIL, {warns} WARN of {count} checks",
)


class DoctorScreen(StaffPage):
    run = Signal()

    def __init__(self, m: Metrics) -> None:
        super().__init__(m)
        self.setObjectName("staff-doctor")
        self.lines: list[str] = []
        self.running = False
        lay = QVBoxLayout(self)
        lay.setContentsMargins(m.margin, m.gap, m.margin, m.gap)
        lay.setSpacing(m.gap)
        self.title = label(TITLE, "label")
        self.title.setStyleSheet("font-weight: bold;")
        lay.addWidget(self.title)
        self.summary = label(None, "label")
        self.summary.setObjectName("doctor-summary")
        lay.addWidget(self.summary)
        host = QWidget()
        self.box = QVBoxLayout(host)
        self.box.setSpacing(m.px(1))
        self.box.addStretch(1)
        self._labels: list[WordLabel] = []
        lay.addWidget(KineticScroll(host), 1)
        self.again = button(AGAIN, "doctor-again", m, kind="primary", icon_name="check")
        self.again.clicked.connect(self.run)
        lay.addWidget(self.again)

    def set_running(self) -> None:
        self.running = True
        self.again.setEnabled(False)
        self.summary.say(RUNNING)

    def show_lines(self, lines: list[str]) -> None:
        self.running = False
        self.lines = lines
        while len(self._labels) < len(lines):
            lab = label(None)
            lab.setStyleSheet("font-family: monospace;")
            self.box.insertWidget(len(self._labels), lab)
            self._labels.append(lab)
        for lab, line in zip(self._labels, lines, strict=False):
            role = "error" if line.startswith("FAIL") else "warn" if line.startswith("WARN") else ""
            lab.setProperty("role", role or None)
            lab.style().unpolish(lab)
            lab.style().polish(lab)
            lab.say(line)
            lab.show()
        for lab in self._labels[len(lines) :]:
            lab.hide()
        fails = sum(line.startswith("FAIL") for line in lines)
        warns = sum(line.startswith("WARN") for line in lines)
        self.summary.say(SUMMARY.bind(fails=fails, warns=warns, count=len(lines)))
        self.again.setEnabled(True)
