"""The technician's printer form: connection (USB from a detected list, network host and
port, serial device and baud), profile and paper width, code page, cut, QR mode, logo.
"Test" prints a test slip with these settings and shows the printer's answer in words."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.screens.staff.common import SAVE, ChoiceRow, Field, FormScreen, section_title
from kiosk.screens.theme import Metrics
from kiosk.screens.widgets import button, label
from kiosk.usecases.hardware import DetectedPrinter
from kiosk.usecases.staff_settings import PROFILES
from mpp_core.i18n import Text, Words

KINDS = ("usb", "network", "serial", "preview", "file")
BAUDRATES = (9600, 19200, 38400, 57600, 115200)
NO_LOGO = ""
USB_KEYS = ("printer.usb_vendor_id", "printer.usb_product_id")  # shown under the USB list

CONNECTION = Text("Sambungan", "Connection")
KIND_WORDS = {
    "usb": Text("USB", "USB"),
    "network": Text("Jaringan", "Network"),
    "serial": Text("Serial", "Serial"),
    "preview": Text("Pratinjau (tanpa printer)", "Preview (no printer)"),
    "file": Text("Berkas atau perangkat", "File or device"),
}
FIND_PRINTERS = Text("Cari printer", "Find printers")
NO_USB_PRINTER = Text(
    "Printer USB tidak ditemukan. Periksa kabel dan daya, lalu tekan Cari printer lagi, atau "
    "ketik perangkatnya di bawah.",
    "No USB printer found. Check the cable and power, then press Find printers again, or type "
    "the device below.",
)
USB_DEVICE = Text("Perangkat USB (misalnya /dev/usb/lp0)", "USB device (for example /dev/usb/lp0)")
PRINTER_IP = Text("Alamat IP printer", "Printer IP address")
PORT = Text("Port (biasanya 9100)", "Port (usually 9100)")
SERIAL_DEVICE = Text(
    "Perangkat serial (misalnya /dev/ttyUSB0)", "Serial device (for example /dev/ttyUSB0)"
)
SPEED = Text("Kecepatan (baud)", "Speed (baud)")
FILE_PATH = Text("Jalur berkas atau perangkat", "File or device path")
MODEL = Text("Model printer dan lebar kertas (kolom)", "Printer model and paper width (columns)")
PROFILE = Text(
    "{model} · kertas {width} mm · {columns} kolom",
    "{model} · {width} mm paper · {columns} columns",
)
CODE_PAGE = Text("Code page (ESC t, 0 = CP437)", "Code page (ESC t, 0 = CP437)")
PAPER_CUT = Text("Potong kertas", "Paper cut")
CUTS = {
    "full": Text("Potong penuh", "Full cut"),
    "partial": Text("Potong sebagian", "Partial cut"),
    "none": Text("Tanpa potong (sobek)", "No cut (tear)"),
}
QR_CODE = Text("Kode QR", "QR code")
QR_MODES = {
    "native": Text("QR bawaan printer", "Printer's own QR"),
    "image": Text("Sebagai gambar", "As an image"),
}
LOGO = Text("Logo pada struk", "Logo on the slip")
NO_LOGO_WORDS = Text("Tanpa logo", "No logo")
TEST = Text("Uji", "Test")
UNDO = Text("Urungkan", "Undo")


def _profile_words(value: object) -> Words:
    parts = [str(x) for x in value] if isinstance(value, tuple) else ["?", "?", "?"]
    return PROFILE.bind(model=parts[0], width=parts[1], columns=parts[2])


class PrinterForm(FormScreen):
    detect = Signal()
    test = Signal(object)  # the form's values (dict)
    save = Signal(object)
    revert = Signal()

    def __init__(self, m: Metrics, portrait: bool) -> None:
        super().__init__(m, portrait)
        self.setObjectName("tech-printer")
        self.detected: list[DetectedPrinter] = []
        self._values: dict[str, Any] = {}

        lay = self.add_card()
        self.kind_title = section_title(CONNECTION)
        lay.addWidget(self.kind_title)
        self.kind = ChoiceRow(m, "printer-kind", columns=2, wrap=17)
        self.kind.set_options([(k, KIND_WORDS[k]) for k in KINDS])
        self.kind.chosen.connect(lambda _v: self._show_kind())
        lay.addWidget(self.kind)

        # USB: pick a detected printer (or type a usblp device)
        self.usb_box = QWidget()
        ul = QVBoxLayout(self.usb_box)
        ul.setContentsMargins(0, 0, 0, 0)
        ul.setSpacing(m.px(3))
        self.detect_button = button(FIND_PRINTERS, "printer-detect", m, icon_name="search")
        self.detect_button.clicked.connect(self._detect)
        ul.addWidget(self.detect_button)
        self.usb_list = ChoiceRow(m, "printer-usb", columns=1, wrap=40)
        self.usb_list.chosen.connect(self._usb_chosen)
        ul.addWidget(self.usb_list)
        self.usb_none = label(NO_USB_PRINTER, "muted")
        self.usb_none.hide()
        ul.addWidget(self.usb_none)
        self.usb_device = Field(m, "printer-usb-device", USB_DEVICE, max_length=120)
        ul.addWidget(self.usb_device)
        self.usb_problem = label("", "error")
        self.usb_problem.hide()
        ul.addWidget(self.usb_problem)
        lay.addWidget(self.usb_box)

        self.host = Field(m, "printer-host", PRINTER_IP, max_length=253)
        self.port = Field(m, "printer-port", PORT, max_length=5)
        lay.addWidget(self.host)
        lay.addWidget(self.port)

        self.serial_device = Field(m, "printer-serial-device", SERIAL_DEVICE, max_length=120)
        lay.addWidget(self.serial_device)
        self.serial_list = ChoiceRow(m, "printer-serial", columns=1, wrap=40)
        self.serial_list.chosen.connect(
            lambda v: self.serial_device.set_text(str(v)) if v else None
        )
        lay.addWidget(self.serial_list)
        self.baud_title = section_title(SPEED)
        lay.addWidget(self.baud_title)
        self.baud = ChoiceRow(m, "printer-baud", columns=3)
        self.baud.set_options([(b, str(b)) for b in BAUDRATES])
        lay.addWidget(self.baud)
        self.file_path = Field(m, "printer-file", FILE_PATH, max_length=200)
        lay.addWidget(self.file_path)

        lay = self.add_card()
        self.profile_title = section_title(MODEL)
        lay.addWidget(self.profile_title)
        self.profile = ChoiceRow(m, "printer-profile", columns=1)
        lay.addWidget(self.profile)
        self.code_page = Field(m, "printer-code-page", CODE_PAGE, max_length=3)
        lay.addWidget(self.code_page)
        self.cut_title = section_title(PAPER_CUT)
        lay.addWidget(self.cut_title)
        self.cut = ChoiceRow(m, "printer-cut", columns=3, wrap=10)
        self.cut.set_options([(c, CUTS[c]) for c in ("full", "partial", "none")])
        lay.addWidget(self.cut)
        self.qr_title = section_title(QR_CODE)
        lay.addWidget(self.qr_title)
        self.qr = ChoiceRow(m, "printer-qr", columns=2)
        self.qr.set_options([(q, QR_MODES[q]) for q in ("native", "image")])
        lay.addWidget(self.qr)
        self.logo_title = section_title(LOGO)
        lay.addWidget(self.logo_title)
        self.logo = ChoiceRow(m, "printer-logo", columns=1, wrap=40)
        lay.addWidget(self.logo)
        self.form.addStretch(1)

        self.answer = label("", "label")
        self.answer.setObjectName("printer-answer")
        self.answer.hide()
        self.form.insertWidget(0, self.answer)

        self.test_button = button(TEST, "printer-test", m, icon_name="printer")
        self.test_button.clicked.connect(lambda: self.test.emit(self.values()))
        self.save_button = button(SAVE, "printer-save", m, kind="primary", icon_name="check")
        self.save_button.clicked.connect(lambda: self.save.emit(self.values()))
        self.revert_button = button(UNDO, "printer-revert", m, icon_name="back")
        self.revert_button.clicked.connect(self.revert)
        for b in (self.test_button, self.save_button, self.revert_button):
            self.foot.addWidget(b, 1)
        self.attach_keyboard(
            [
                self.usb_device,
                self.host,
                self.port,
                self.serial_device,
                self.file_path,
                self.code_page,
            ]
        )

    # ------------------------------------------------------------------ values in and out

    def set_values(self, values: Mapping[str, Any], logos: Sequence[str] = ()) -> None:
        """Show the printer settings in use (PrinterSettings.to_mapping())."""
        self._values = dict(values)
        v = self._values
        self.kind.set_value(v.get("kind", "preview"))
        self.host.set_text(str(v.get("host", "")))
        self.port.set_text(str(v.get("port", 9100)))
        self.serial_device.set_text(str(v.get("serial_device", "")))
        self.baud.set_value(int(v.get("baudrate", 9600)))
        self.usb_device.set_text(str(v.get("usb_device", "")))
        self.file_path.set_text(str(v.get("file_path", "")))
        current = (
            str(v.get("profile", "TM-T20II")),
            int(v.get("paper_width_mm", 80)),
            int(v.get("columns", 48)),
        )
        self.profile.set_options(
            [
                (p, _profile_words(p))
                for p in [*PROFILES, *([current] if current not in PROFILES else [])]
            ]
        )
        self.profile.set_value(current)
        self.code_page.set_text(str(v.get("code_page", 0)))
        self.cut.set_value(v.get("cut", "full"))
        self.qr.set_value(v.get("qr", "native"))
        logo = str(v.get("logo_path") or "")
        choices = [NO_LOGO, *sorted(set(logos) | ({logo} if logo else set()))]
        self.logo.set_options([(c, NO_LOGO_WORDS if c == NO_LOGO else c) for c in choices])
        self.logo.set_value(logo)
        self.show_problems([])
        self.notice.clear_notice()
        self.answer.hide()
        self._usb_selected: Mapping[str, Any] = {
            k: v[k] for k in ("usb_vendor_id", "usb_product_id") if k in v
        }
        self._show_kind()

    def values(self) -> dict[str, Any]:
        profile = self.profile.value() or ("TM-T20II", 80, 48)
        out: dict[str, Any] = {
            "kind": self.kind.value() or "preview",
            "host": self.host.text(),
            "port": self.port.text(),
            "serial_device": self.serial_device.text(),
            "baudrate": self.baud.value() or 9600,
            "usb_device": self.usb_device.text(),
            "file_path": self.file_path.text(),
            "profile": profile[0],
            "paper_width_mm": profile[1],
            "columns": profile[2],
            "code_page": self.code_page.text(),
            "cut": self.cut.value() or "full",
            "qr": self.qr.value() or "native",
            "logo_path": self.logo.value() or "",
        }
        if not out["usb_device"]:
            out.update(self._usb_selected)
        return out

    def set_detected(self, found: Sequence[DetectedPrinter]) -> None:
        self.detected = list(found)
        usb = [d for d in self.detected if d.kind == "usb"]
        serial = [d for d in self.detected if d.kind == "serial"]
        self.usb_list.set_options([(i, d.label) for i, d in enumerate(usb)])
        self.serial_list.set_options(
            [(str(d.values.get("serial_device", "")), d.label) for d in serial]
        )
        self.usb_none.setVisible(not usb)
        self.detect_button.setEnabled(True)

    def _detect(self) -> None:
        self.detect_button.setEnabled(False)
        self.detect.emit()

    def _usb_chosen(self, index: object) -> None:
        usb = [d for d in self.detected if d.kind == "usb"]
        if not isinstance(index, int) or index >= len(usb):
            return
        chosen = usb[index].values
        self.usb_device.set_text(str(chosen.get("usb_device", "")))
        self._usb_selected = {
            k: chosen[k] for k in ("usb_vendor_id", "usb_product_id") if k in chosen
        }

    def _show_kind(self) -> None:
        kind = self.kind.value()
        self.usb_box.setVisible(kind == "usb")
        for w in (self.host, self.port):
            w.setVisible(kind == "network")
        for w2 in (self.serial_device, self.serial_list, self.baud_title, self.baud):
            w2.setVisible(kind == "serial")
        self.file_path.setVisible(kind == "file")

    def show_answer(self, words: Words, ok: bool) -> None:
        self.answer.setProperty("role", "ok" if ok else "error")
        self.answer.style().unpolish(self.answer)
        self.answer.style().polish(self.answer)
        self.answer.say(words, name=words)
        self.answer.show()
        self.area.to_top()

    def show_problems(self, problems: Sequence[tuple[str, Words]]) -> None:
        usb = [words for key, words in problems if key in USB_KEYS]
        self.usb_problem.say(usb[0] if usb else None)
        self.usb_problem.setVisible(bool(usb))
        super().show_problems(problems)
        if problems:
            self.area.to_top()

    def fields_by_key(self) -> dict[str, Field]:
        return {
            "printer.host": self.host,
            "printer.port": self.port,
            "printer.serial_device": self.serial_device,
            "printer.usb_device": self.usb_device,
            "printer.file_path": self.file_path,
            "printer.code_page": self.code_page,
        }
