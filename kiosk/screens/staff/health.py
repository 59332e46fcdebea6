"""The kiosk's health at a glance: printer and paper, network and server, catalog, today's
tickets per gerai, the clock, and anything wrong with the configuration."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QLabel, QVBoxLayout, QWidget

from kiosk.screens import theme
from kiosk.screens.staff.common import StaffPage, section_title
from kiosk.screens.theme import Metrics
from kiosk.screens.widgets import KineticScroll, Said, WordLabel, card, icon_pixmap, label
from kiosk.usecases.health import HealthReport
from mpp_core.domain.clock import local
from mpp_core.i18n import Number, Text
from mpp_core.i18n_dates import LongDate, TimeOfDay

PAUSED = Text(
    "Pengambilan nomor sedang dihentikan. Pengunjung melihat: {message}",
    "Issuing numbers is paused. Visitors see: {message}",
)
PAPER_LEFT = Text("Sisa kertas: sekitar {metres} m", "Paper left: about {metres} m")
NETWORK = Text("Jaringan terhubung: {where}", "Network connected: {where}")
NO_NETWORK = Text("Tidak ada sambungan jaringan", "No network connection")
LOG_WAITING = Text(
    "Catatan petugas menunggu dikirim: {count}", "Staff log entries waiting to be sent: {count}"
)
VERSION = Text("Versi {version}", "Version {version}")
TICKETS_TODAY = Text("{count} tiket hari ini", "{count} ticket today", "{count} tickets today")
NOT_PRINTED = Text(
    "{count} tiket tidak tercetak", "{count} ticket did not print", "{count} tickets did not print"
)
NO_PIN_FOR = Text("PIN belum diatur untuk: {role}", "No PIN set for: {role}")
CARD_TITLES = {
    "clock": Text("Jam", "Clock"),
    "printer": Text("Printer", "Printer"),
    "network": Text("Jaringan dan server", "Network and server"),
    "catalog": Text("Katalog layanan", "Service catalog"),
    "tickets": Text("Tiket hari ini per gerai", "Tickets today per gerai"),
    "problems": Text("Perlu diperhatikan", "Needs attention"),
}


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
        self._lines: list[WordLabel] = []

    def set_icon(self, name: str, color: str) -> None:
        self.icon.setPixmap(icon_pixmap(name, self.m.px(8), color))

    def set_lines(self, lines: list[tuple[Said, str | None]]) -> None:
        """(words, role) per line; role None is plain text."""
        while len(self._lines) < len(lines):
            lab = label()
            self.lines_box.addWidget(lab)
            self._lines.append(lab)
        for lab, (text, role) in zip(self._lines, lines, strict=False):
            lab.setProperty("role", role)
            lab.style().unpolish(lab)
            lab.style().polish(lab)
            lab.say(text)
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
        for key, c in (
            ("clock", self.clock),
            ("printer", self.printer),
            ("network", self.network),
            ("catalog", self.catalog),
            ("tickets", self.tickets),
            ("problems", self.problems),
        ):
            c.title.say(CARD_TITLES[key])
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
        self._gerai_labels: list[WordLabel] = []
        self.area = KineticScroll(host)
        lay.addWidget(self.area, 1)

    def show_report(self, report: HealthReport) -> None:
        self.report = report
        self._fill()

    def _fill(self) -> None:
        r = self.report
        if r is None:
            return
        self.banner.setVisible(r.paused)
        if r.paused:
            self.banner.say(PAUSED.bind(message=r.pause_words))
        self.clock.set_lines([(TimeOfDay(r.now), "huge"), (LongDate(local(r.now).date()), None)])
        self.printer.set_icon(
            "printer" if r.printer_ok else "warning",
            theme.PRIMARY if r.printer_ok else theme.ERROR_TEXT,
        )
        self.printer.set_lines(
            [
                (r.printer_words, None if r.printer_ok else "error"),
                (
                    PAPER_LEFT.bind(metres=Number(r.paper_left_m, ".1f")),
                    "warn" if r.paper_low else None,
                ),
                (r.printer_device, "muted"),
            ]
        )
        net = r.network
        net_line: tuple[Said, str | None]
        if net.connected:
            where = net.address + (f" ({', '.join(net.interfaces)})" if net.interfaces else "")
            net_line = (NETWORK.bind(where=where), None)
        else:
            net_line = (NO_NETWORK, "warn")
        server: list[tuple[Said, str | None]] = [(line, None) for line in r.server_lines]
        if r.server_configured and not r.server_online and server:
            server[0] = (server[0][0], "warn")
        lines = [net_line, *server]
        if r.audit_waiting:
            lines.append((LOG_WAITING.bind(count=r.audit_waiting), "muted"))
        self.network.set_lines(lines)
        system: list[tuple[Said, str | None]] = list(r.system_lines)
        version = [line for line in system[:1] if line[1] is None]  # the app's version
        self.catalog.set_lines([(VERSION.bind(version=r.catalog_version), None), *version])
        self.tickets.set_lines(
            [
                (TICKETS_TODAY.bind(count=r.tickets_total), None),
                (NOT_PRINTED.bind(count=r.not_printed), "warn" if r.not_printed else None),
            ]
        )
        self._fill_gerai(r)
        problems: list[tuple[Said, str | None]] = [
            (NO_PIN_FOR.bind(role=role.words), "warn") for role in r.roles_without_pin
        ]
        problems += system[len(version) :]
        problems += [(p, "error") for p in r.config_problems]
        self.problems.setVisible(bool(problems))
        self.problems.set_lines(problems)

    def _fill_gerai(self, r: HealthReport) -> None:
        while len(self._gerai_labels) < len(r.tickets):
            i = len(self._gerai_labels)
            lab = label(wrap=False)
            self.gerai_grid.addWidget(lab, i // self.gerai_columns, i % self.gerai_columns)
            self._gerai_labels.append(lab)
        for lab, g in zip(self._gerai_labels, r.tickets, strict=False):
            lab.say(f"{g.prefix}  {g.name}: {g.count}")
            lab.setAlignment(Qt.AlignmentFlag.AlignLeft)
            lab.show()
        for lab in self._gerai_labels[len(r.tickets) :]:
            lab.hide()
