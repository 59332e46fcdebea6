"""Printer settings: one frozen dataclass, read from and written to the `[printer]` TOML table.

`PrinterSettings()` is the preview printer (no hardware), the default when nothing is
configured. The rules are `kiosk.settings.printer` (the one validator of the `[printer]`
table): every construction runs its value rules; `from_mapping` runs all of it (files and the
python-escpos profile too) and names the first offending key in `PrinterSettingsError`;
`check_printer_table` lists every problem, for the config check and the technician's form.
`to_mapping` returns TOML-friendly values (no None).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from kiosk.printing.slip import CutMode, QrMode, SlipFormat
from kiosk.settings.kiosk import default_data_dir
from kiosk.settings.printer import check_printer, value_problems
from kiosk.settings.rules import Problem
from mpp_core.i18n import Plain, Text, Words

PREVIEW_PRINTER = Text("printer pratinjau (tanpa perangkat)", "preview printer (no hardware)")
NETWORK_PRINTER = Text("printer jaringan {address}", "network printer {address}")
SERIAL_PRINTER = Text(
    "printer serial {device} pada {baud} baud", "serial printer {device} at {baud} baud"
)
USB_PRINTER = Text("printer USB {device}", "USB printer {device}")
FILE_PRINTER = Text("berkas printer {path}", "printer file {path}")

PrinterKind = Literal["preview", "network", "serial", "usb", "file"]
FlowControl = Literal["none", "rtscts", "dsrdtr", "xonxoff"]
FaultPolicy = Literal["keep_issuing", "pause_issuing"]


class PrinterSettingsError(ValueError):
    """A bad value in the printer settings; `key` names the setting, `words` say what is
    wrong (`message` in English)."""

    def __init__(self, key: str, words: Words) -> None:
        self.key = key
        self.words = words
        self.message = words("en")
        super().__init__(f"printer.{key}: {self.message}")

    @classmethod
    def from_problem(cls, problem: Problem) -> PrinterSettingsError:
        return cls(problem.name, problem.words)


def check_printer_table(
    table: Mapping[str, Any], data_dir: Path | None = None
) -> tuple[dict[str, Any], list[Problem]]:
    """The `[printer]` table checked by its one validator (`kiosk.settings.printer`): its
    values and every problem. ``data_dir`` is the kiosk's data folder (the preview folder
    must stay inside it); by default the one a config without `database` uses."""
    return check_printer(table, data_dir=data_dir or default_data_dir(), profiles=_known_profiles)


def _known_profiles() -> frozenset[str]:
    from kiosk.printing.render import known_profiles  # python-escpos: only when a profile is given

    return known_profiles()


@dataclass(frozen=True)
class PrinterSettings:
    """The printer in use. Fields, defaults and choices are those of
    `kiosk.settings.printer.PRINTER_KEYS` (tests/staff/test_one_validator.py keeps them equal)."""

    kind: PrinterKind = "preview"
    # network (raw TCP, "JetDirect")
    host: str = ""
    port: int = 9100
    # serial
    serial_device: str = ""
    baudrate: int = 9600
    flow_control: FlowControl = "none"
    # usb: by vendor/product id through pyusb, or a kernel usblp device such as /dev/usb/lp0
    usb_vendor_id: int | None = None
    usb_product_id: int | None = None
    usb_device: str = ""
    usb_out_endpoint: int | None = None  # None: found from the descriptors
    usb_in_endpoint: int | None = None
    # file (raw bytes appended; a character device is treated like a printer port)
    file_path: str = ""
    # preview: where the PNGs go ("" = a kiosk-printing folder in the temp directory)
    preview_dir: str = ""
    # slip format
    profile: str = "TM-T20II"
    paper_width_mm: int = 80
    columns: int = 48
    code_page: int = 0
    cancel_kanji: bool = False
    cut: CutMode = "full"
    cut_feed_lines: int = 4
    qr: QrMode = "native"
    qr_module_size: int = 0  # 0 = automatic (6 on 80 mm, 5 on 58 mm)
    logo_path: str | None = None
    print_requirements: bool = False
    # paper accounting
    roll_length_m: float = 50.0
    low_paper_warn_m: float = 5.0
    # timeouts, seconds
    connect_timeout_s: float = 3.0
    write_timeout_s: float = 5.0
    status_timeout_s: float = 0.3
    # status and fault policy
    check_status: bool = True  # False only for printers that cannot answer DLE EOT at all
    status_poll_s: float = 10.0  # idle status polling so "needs attention" clears; 0 = off
    on_fault: FaultPolicy = "keep_issuing"

    def __post_init__(self) -> None:
        problems = value_problems(self.__dict__)
        if problems:
            raise PrinterSettingsError.from_problem(problems[0])

    # --- conversions -----------------------------------------------------------------------

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any], data_dir: Path | None = None) -> PrinterSettings:
        """Build from a `[printer]` table (``data_dir``: see `check_printer_table`). Unknown keys
        and bad values raise `PrinterSettingsError` naming the (first) key."""
        values, problems = check_printer_table(data, data_dir)
        if problems:
            raise PrinterSettingsError.from_problem(problems[0])
        return cls(**values)

    def to_mapping(self) -> dict[str, Any]:
        """TOML-friendly values (str, int, float, bool); None is left out."""
        out: dict[str, Any] = {}
        for f in dataclasses.fields(self):
            value = getattr(self, f.name)
            if value is None:
                continue
            if f.name in ("usb_vendor_id", "usb_product_id"):
                value = f"0x{value:04x}"
            elif f.name in ("usb_out_endpoint", "usb_in_endpoint"):
                value = f"0x{value:02x}"
            out[f.name] = value
        return out

    def replace(self, **changes: Any) -> PrinterSettings:
        return dataclasses.replace(self, **changes)

    # --- derived values --------------------------------------------------------------------

    @property
    def dots_width(self) -> int:
        if self.paper_width_mm == 58:
            return 384
        return 512 if self.columns == 42 else 576

    @property
    def dpi(self) -> int:
        return 180 if self.dots_width == 512 else 203

    def slip_format(self) -> SlipFormat:
        qr_size = self.qr_module_size or (6 if self.paper_width_mm == 80 else 5)
        return SlipFormat(
            paper_width_mm=self.paper_width_mm,
            columns=self.columns,
            dots_width=self.dots_width,
            dpi=self.dpi,
            profile=self.profile,
            code_page=self.code_page,
            cancel_kanji=self.cancel_kanji,
            cut=self.cut,
            cut_feed_lines=self.cut_feed_lines,
            qr_mode=self.qr,
            qr_module_size=qr_size,
            logo_path=self.logo_path or None,
            print_requirements=self.print_requirements,
        )

    def describe(self) -> str:
        """The device in English, for the log and the audit: "network printer 192.168.1.50:9100"."""
        return self.device_words()("en")

    def device_words(self) -> Words:
        """The device in words, for staff: "printer jaringan 192.168.1.50:9100"."""
        match self.kind:
            case "preview":
                return PREVIEW_PRINTER
            case "network":
                return NETWORK_PRINTER.bind(address=f"{self.host}:{self.port}")
            case "serial":
                return SERIAL_PRINTER.bind(device=self.serial_device, baud=self.baudrate)
            case "usb":
                if self.usb_device:
                    return USB_PRINTER.bind(device=self.usb_device)
                ids = f"{self.usb_vendor_id or 0:04x}:{self.usb_product_id or 0:04x}"
                return USB_PRINTER.bind(device=ids)
            case "file":
                return FILE_PRINTER.bind(path=self.file_path)
        return Plain(self.kind)  # pragma: no cover - Literal exhausted
