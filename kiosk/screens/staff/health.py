"""The kiosk's health at a glance: printer and paper, network and server, catalog, today's
tickets per gerai, the clock, and anything wrong with the configuration."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.screens import texts, theme
from kiosk.screens.staff.common import StaffPage, section_title
from kiosk.screens.theme import Metrics
from kiosk.screens.widgets import KineticScroll, card, icon_pixmap, label
from kiosk.usecases.health import HealthReport
from kiosk.words import pick
from mpp_core.domain.clock import local


class _Card(QWidget):
    def __init__(self, m: Metrics, icon_name: str, name: str) -> None:
        super().__init__()
        self.setObjectName(name)
        self.m = m
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.box = card()
        outer.addWidget(self.box)
        lay = QVBoxLayout(self.box)
        lay.setContentsMargins(m.px(4), m.px(3), m.px(4), m.px(3))
        lay.setSpacing(m.px(1.5))
        head = QHBoxLayout()
        self.icon = QLabel()
        self.icon_name = icon_name
        self.set_icon(icon_name, theme.PRIMARY)
        head.addWidget(self.icon)
        self.title = section_title()
        head.addWidget(self.title, 1)
        lay.addLayout(head)
        self.body = QVBoxLayout()
        self.body.setSpacing(m.px(1))
        self.lines_box = QVBoxLayout()
        self.lines_box.setSpacing(m.px(1))
        self.body.addLayout(self.lines_box)
        lay.addLayout(self.body)
        lay.addStretch(1)
        self._lines: list[QLabel] = []

    def set_icon(self, name: str, color: str) -> None:
        self.icon.setPixmap(icon_pixmap(name, self.m.px(8), color))

    def set_lines(self, lines: list[tuple[str, str | None]]) -> None:
        """(text, role) per line; role None is plain text."""
        while len(self._lines) < len(lines):
            lab = label("")
            self.lines_box.addWidget(lab)
            self._lines.append(lab)
        for lab, (text, role) in zip(self._lines, lines, strict=False):
            lab.setProperty("role", role)
            lab.style().unpolish(lab)
            lab.style().polish(lab)
            lab.setText(text)
            lab.show()
        for lab in self._lines[len(lines) :]:
            lab.hide()


class HealthScreen(StaffPage):
    def __init__(self, m: Metrics, portrait: bool) -> None:
        super().__init__(m)
        self.setObjectName("staff-health")
        self.report: HealthReport | None = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(m.margin, m.gap, m.margin, m.gap)
        lay.setSpacing(m.gap)
        self.banner = label("", "error")
        self.banner.setObjectName("health-banner")
        self.banner.hide()
        lay.addWidget(self.banner)
        host = QWidget()
        grid = QGridLayout(host)
        grid.setContentsMargins(0, 0, m.px(6), 0)
        grid.setSpacing(m.gap)
        self.clock = _Card(m, "clock", "health-clock")
        self.printer = _Card(m, "printer", "health-printer")
        self.network = _Card(m, "online", "health-network")
        self.catalog = _Card(m, "list", "health-catalog")
        self.tickets = _Card(m, "users", "health-tickets")
        self.problems = _Card(m, "warning", "health-problems")
        cols = 1 if portrait else 2
        for i, c in enumerate((self.printer, self.network, self.clock, self.catalog)):
            grid.addWidget(c, i // cols, i % cols)
        grid.addWidget(self.problems, 4, 0, 1, cols)
        grid.addWidget(self.tickets, 5, 0, 1, cols)
        grid.setRowStretch(6, 1)
        self.gerai_grid = QGridLayout()
        self.gerai_grid.setHorizontalSpacing(m.px(6))
        self.gerai_grid.setVerticalSpacing(m.px(1))
        self.tickets.body.addLayout(self.gerai_grid)
        self.gerai_columns = 2 if portrait else 3
        self._gerai_labels: list[QLabel] = []
        self.area = KineticScroll(host)
        lay.addWidget(self.area, 1)
        self.retranslate()

    def show_report(self, report: HealthReport) -> None:
        self.report = report
        self._fill()

    def _fill(self) -> None:
        r = self.report
        if r is None:
            return
        lang = self.lang
        self.banner.setVisible(r.paused)
        if r.paused:
            self.banner.setText(
                self.tr("Issuing numbers is paused. Visitors see: %1").replace(
                    "%1", pick(r.pause_words, lang)
                )
            )
        self.clock.set_lines(
            [
                (texts.clock_text(r.now, lang), "huge"),
                (texts.date_text(local(r.now).date(), lang), None),
            ]
        )
        paper = self.tr("Paper left: about %1 m").replace("%1", _num(r.paper_left_m, lang))
        self.printer.set_icon(
            "printer" if r.printer_ok else "warning",
            theme.PRIMARY if r.printer_ok else theme.ERROR_TEXT,
        )
        self.printer.set_lines(
            [
                (pick(r.printer_words, lang), None if r.printer_ok else "error"),
                (paper, "warn" if r.paper_low else None),
                (r.printer_device, "muted"),
            ]
        )
        net = r.network
        net_line: tuple[str, str | None]
        if net.connected:
            where = net.address + (f" ({', '.join(net.interfaces)})" if net.interfaces else "")
            net_line = (self.tr("Network connected: %1").replace("%1", where), None)
        else:
            net_line = (self.tr("No network connection"), "warn")
        server_lines = r.server_lines.get(lang, r.server_lines["id"])
        server: list[tuple[str, str | None]] = [(line, None) for line in server_lines]
        if r.server_configured and not r.server_online and server:
            server[0] = (server[0][0], "warn")
        lines = [net_line, *server]
        if r.audit_waiting:
            lines.append(
                (
                    self.tr("Staff log entries waiting to be sent: %1").replace(
                        "%1", str(r.audit_waiting)
                    ),
                    "muted",
                )
            )
        self.network.set_lines(lines)
        system = list(r.system_lines.get(lang, ()))
        version = [line for line in system[:1] if line[1] is None]  # the app's version
        self.catalog.set_lines(
            [(self.tr("Version %1").replace("%1", r.catalog_version), None), *version]
        )
        self.tickets.set_lines(
            [
                (self.tr("%n ticket(s) today", "", r.tickets_total), None),
                (
                    self.tr("%n ticket(s) did not print", "", r.not_printed),
                    "warn" if r.not_printed else None,
                ),
            ]
        )
        self._fill_gerai(r)
        problems: list[tuple[str, str | None]] = []
        for role in r.roles_without_pin:
            problems.append(
                (self.tr("No PIN set for: %1").replace("%1", pick(role.words, lang)), "warn")
            )
        problems += [line for line in system[len(version) :]]
        problems += [(p, "error") for p in r.config_problems]
        self.problems.setVisible(bool(problems))
        self.problems.set_lines(problems)

    def _fill_gerai(self, r: HealthReport) -> None:
        while len(self._gerai_labels) < len(r.tickets):
            i = len(self._gerai_labels)
            lab = label("", wrap=False)
            self.gerai_grid.addWidget(lab, i // self.gerai_columns, i % self.gerai_columns)
            self._gerai_labels.append(lab)
        for lab, g in zip(self._gerai_labels, r.tickets, strict=False):
            lab.setText(f"{g.prefix}  {g.name}: {g.count}")
            lab.setAlignment(Qt.AlignmentFlag.AlignLeft)
            lab.show()
        for lab in self._gerai_labels[len(r.tickets) :]:
            lab.hide()

    def retranslate(self) -> None:
        self.clock.title.setText(self.tr("Clock"))
        self.printer.title.setText(self.tr("Printer"))
        self.network.title.setText(self.tr("Network and server"))
        self.catalog.title.setText(self.tr("Service catalog"))
        self.tickets.title.setText(self.tr("Tickets today per gerai"))
        self.problems.title.setText(self.tr("Needs attention"))
        self._fill()


def _num(value: float, lang: str) -> str:
    text = f"{value:.1f}"
    return text if lang == "en" else text.replace(".", ",")
