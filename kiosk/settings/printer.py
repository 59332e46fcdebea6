"""``[printer]``: every key of the printer settings, its default and its rule, and the one
validator of the table.

``check_printer`` is what ``mpp-kiosk config check``, the printer commands
(``mpp-kiosk printer ...``), the technician's printer form and ``PrinterSettings.from_mapping``
all run (through ``kiosk.printing.settings.check_printer_table``, which adds the printer
profiles python-escpos knows). ``value_problems`` is its part that needs no files:
``PrinterSettings`` runs it on every construction.

Values are taken leniently (the form and the command line give text): "9100" and "0x04b8"
are whole numbers, "yes"/"no" are true/false, "pause-issuing" is pause_issuing.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kiosk.settings import paths
from kiosk.settings.rules import (
    Choice,
    Problem,
    Range,
    Rule,
    follows,
    is_a,
    not_one_of,
    unknown_key,
    wrong_type,
)
from mpp_core.i18n import Text, Words

PRINTER_KINDS = ("preview", "network", "serial", "usb", "file")
FLOW_CONTROLS = ("none", "rtscts", "dsrdtr", "xonxoff")
FAULT_POLICIES = ("keep_issuing", "pause_issuing")
CUT_MODES = ("full", "partial", "none")
QR_MODES = ("native", "image")
BAUDRATES = (1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400)
PAPER_COLUMNS = {80: (48, 42), 58: (32,)}
MAX_LOGO_BYTES = 512 * paths.KIB
TIMEOUT = Range(0.05, 120.0)  # seconds: connect, write and status answer


@dataclass(frozen=True)
class PrinterKey:
    """A ``[printer]`` key: its type, its default, its rule; ``optional`` keys take "" (or
    leave the key out) for "none"."""

    kind: type
    default: Any
    rule: Rule = None
    optional: bool = False


PRINTER_KEYS: dict[str, PrinterKey] = {
    "kind": PrinterKey(str, "preview", Choice(PRINTER_KINDS)),
    # network (raw TCP, "JetDirect")
    "host": PrinterKey(str, ""),
    "port": PrinterKey(int, 9100, Range(1, 65535)),
    # serial
    "serial_device": PrinterKey(str, ""),
    "baudrate": PrinterKey(int, 9600),
    "flow_control": PrinterKey(str, "none", Choice(FLOW_CONTROLS)),
    # usb: vendor/product id through pyusb, or a kernel usblp device such as /dev/usb/lp0
    "usb_vendor_id": PrinterKey(int, None, Range(0, 0xFFFF), optional=True),
    "usb_product_id": PrinterKey(int, None, Range(0, 0xFFFF), optional=True),
    "usb_device": PrinterKey(str, ""),
    "usb_out_endpoint": PrinterKey(int, None, Range(0, 0xFF), optional=True),
    "usb_in_endpoint": PrinterKey(int, None, Range(0, 0xFF), optional=True),
    # file (raw bytes appended; a character device is treated like a printer port)
    "file_path": PrinterKey(str, ""),
    # preview: where the PNGs go, inside the data folder ("" = a temporary folder)
    "preview_dir": PrinterKey(str, ""),
    # slip format
    "profile": PrinterKey(str, "TM-T20II"),
    "paper_width_mm": PrinterKey(int, 80),
    "columns": PrinterKey(int, 48),
    "code_page": PrinterKey(int, 0, Range(0, 255)),
    "cancel_kanji": PrinterKey(bool, False),
    "cut": PrinterKey(str, "full", Choice(CUT_MODES)),
    "cut_feed_lines": PrinterKey(int, 4, Range(0, 20)),
    "qr": PrinterKey(str, "native", Choice(QR_MODES)),
    "qr_module_size": PrinterKey(int, 0, Range(0, 16)),  # 0 = automatic
    "logo_path": PrinterKey(str, None, optional=True),
    "print_requirements": PrinterKey(bool, False),
    # paper accounting
    "roll_length_m": PrinterKey(float, 50.0, Range(1.0, 300.0)),
    "low_paper_warn_m": PrinterKey(float, 5.0, Range(0.0, 300.0)),
    # timeouts, seconds
    "connect_timeout_s": PrinterKey(float, 3.0, TIMEOUT),
    "write_timeout_s": PrinterKey(float, 5.0, TIMEOUT),
    "status_timeout_s": PrinterKey(float, 0.3, TIMEOUT),
    # status and fault policy
    "check_status": PrinterKey(bool, True),
    "status_poll_s": PrinterKey(float, 10.0, Range(0.0, 3600.0)),  # 0 = off
    "on_fault": PrinterKey(str, "keep_issuing", Choice(FAULT_POLICIES)),
}
PRINTER_DEFAULTS: dict[str, Any] = {k: spec.default for k, spec in PRINTER_KEYS.items()}

COLUMNS_FOR_PAPER = Text(
    "harus {allowed} pada kertas {width} mm, bukan {columns}",
    "must be {allowed} on {width} mm paper, not {columns}",
)
BELOW_ROLL = Text(
    "harus di bawah roll_length_m ({roll}), bukan {warn}",
    "must be below roll_length_m ({roll}), not {warn}",
)
NOT_AN_ADDRESS = Text("bukan alamat yang valid: {host}", "not a valid address: {host}")
NETWORK_NEEDS_HOST = Text(
    "printer jaringan perlu alamat IP (host), misalnya 192.168.1.50",
    "a network printer needs a host (IP address), for example 192.168.1.50",
)
SERIAL_NEEDS_DEVICE = Text(
    "printer serial perlu perangkat, misalnya /dev/ttyUSB0",
    "a serial printer needs a device path, for example /dev/ttyUSB0",
)
FILE_NEEDS_PATH = Text(
    "printer berkas perlu jalur berkas atau perangkat, misalnya /dev/usb/lp0",
    "a file printer needs a path, for example /dev/usb/lp0",
)
USB_NEEDS_IDS = Text(
    "printer USB perlu usb_vendor_id dan usb_product_id, atau usb_device (/dev/usb/lp0)",
    "a USB printer needs usb_vendor_id and usb_product_id, or usb_device (/dev/usb/lp0)",
)
USB_NEEDS_PRODUCT = Text("printer USB perlu usb_product_id", "a USB printer needs usb_product_id")
UNKNOWN_PROFILE = Text(
    "profil python-escpos {name} tidak dikenal; untuk Epson/Xprinter/Bixolon 80 mm pakai "
    "TM-T20II (576 titik) atau TM-T88V (512 titik), untuk 58 mm POS-5890 atau default (yang "
    "dikenal: {known})",
    "unknown python-escpos profile {name}; for an 80 mm Epson/Xprinter/Bixolon use TM-T20II "
    "(576 dots) or TM-T88V (512 dots), for 58 mm use POS-5890 or default (known: {known})",
)

_HOST_RE = re.compile(r"^[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?$")
_TRUE, _FALSE = ("true", "yes", "1", "on"), ("false", "no", "0", "off")


# --------------------------------------------------------------------------- values


def _convert(name: str, spec: PrinterKey, raw: Any) -> tuple[Any, Words | None]:
    """The value of one key from a TOML table, a form or the command line."""
    if spec.optional and raw == "":
        return None, None
    if spec.kind is str:
        if not isinstance(raw, str):
            return None, wrong_type(str, raw)
        value = raw.strip()
        if isinstance(spec.rule, Choice):
            value = value.lower()
            if name == "on_fault":
                value = value.replace("-", "_")
        if spec.optional and not value:
            return None, None
        return value, None
    if spec.kind is int:
        if is_a(raw, int):
            return raw, None
        if isinstance(raw, str):
            try:
                return int(raw.strip(), 0), None  # "9100", "0x04b8"
            except ValueError:
                pass
        return None, wrong_type(int, raw)
    if spec.kind is float:
        if is_a(raw, float) or is_a(raw, int):
            return float(raw), None
        if isinstance(raw, str):
            try:
                return float(raw.strip()), None
            except ValueError:
                pass
        return None, wrong_type(float, raw)
    if isinstance(raw, bool):
        return raw, None
    if isinstance(raw, str) and raw.strip().lower() in _TRUE + _FALSE:
        return raw.strip().lower() in _TRUE, None
    return None, wrong_type(bool, raw)


def value_problems(values: Mapping[str, Any]) -> list[Problem]:
    """Every rule that needs no file, over a complete set of printer values (as
    ``PrinterSettings`` holds them): each key's own rule, then the rules across keys."""
    problems: list[Problem] = []

    def bad(name: str, words: Words) -> None:
        problems.append(Problem(f"printer.{name}", words))

    for name, spec in PRINTER_KEYS.items():
        value = values[name]
        if value is None and spec.optional:
            continue
        words = follows(spec.rule, value)
        if words is not None:
            bad(name, words)
    if values["baudrate"] not in BAUDRATES:
        bad("baudrate", not_one_of(BAUDRATES, values["baudrate"]))
    width, columns = values["paper_width_mm"], values["columns"]
    if width not in PAPER_COLUMNS:
        bad("paper_width_mm", not_one_of(tuple(PAPER_COLUMNS), width))
    elif columns not in PAPER_COLUMNS[width]:
        allowed = " / ".join(str(c) for c in PAPER_COLUMNS[width])
        bad("columns", COLUMNS_FOR_PAPER.bind(allowed=allowed, width=width, columns=columns))
    roll, warn = values["roll_length_m"], values["low_paper_warn_m"]
    if warn >= roll:
        bad("low_paper_warn_m", BELOW_ROLL.bind(roll=f"{roll:g}", warn=f"{warn:g}"))
    host = values["host"]
    if host and not _is_host(host):
        bad("host", NOT_AN_ADDRESS.bind(host=repr(host)))
    problems += _kind_problems(values)
    return problems


def _is_host(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        return bool(_HOST_RE.match(host))


def _kind_problems(v: Mapping[str, Any]) -> list[Problem]:
    """What each kind of printer needs."""
    kind = v["kind"]
    if kind == "network" and not v["host"]:
        return [Problem("printer.host", NETWORK_NEEDS_HOST)]
    if kind == "serial" and not v["serial_device"]:
        return [Problem("printer.serial_device", SERIAL_NEEDS_DEVICE)]
    if kind == "file" and not v["file_path"]:
        return [Problem("printer.file_path", FILE_NEEDS_PATH)]
    if kind == "usb" and not v["usb_device"]:
        if v["usb_vendor_id"] is None:
            return [Problem("printer.usb_vendor_id", USB_NEEDS_IDS)]
        if v["usb_product_id"] is None:
            return [Problem("printer.usb_product_id", USB_NEEDS_PRODUCT)]
    return []


# --------------------------------------------------------------------------- files


def _path_problems(given: dict[str, Any], data_dir: Path) -> list[Problem]:
    """The paths among the given values: what is there, how large, and where. A good
    ``preview_dir`` is replaced by its full path inside the data folder."""
    problems: list[Problem] = []
    for name, example, check in (
        ("serial_device", "/dev/ttyUSB0", paths.device),
        ("usb_device", "/dev/usb/lp0", paths.device),
        ("file_path", "/dev/usb/lp0", lambda p: paths.writable_target(p, devices=True)),
    ):
        value = given.get(name)
        if value:
            words = paths.absolute(value, example) or check(value)
            if words is not None:
                problems.append(Problem(f"printer.{name}", words))
    logo = given.get("logo_path")
    if logo:
        words = paths.image_file(logo, MAX_LOGO_BYTES)
        if words is not None:
            problems.append(Problem("printer.logo_path", words))
    preview = given.get("preview_dir")
    if preview:
        target, words = paths.folder_inside(preview, data_dir)
        if words is not None:
            problems.append(Problem("printer.preview_dir", words))
        else:
            given["preview_dir"] = str(target)
    return problems


def _profile_problem(name: str, known: Collection[str]) -> Problem | None:
    if name in known:
        return None
    listed = ", ".join(sorted(known))
    return Problem("printer.profile", UNKNOWN_PROFILE.bind(name=repr(name), known=listed))


# --------------------------------------------------------------------------- the validator


def check_printer(
    table: Mapping[str, Any],
    *,
    data_dir: Path,
    profiles: Callable[[], Collection[str]],
) -> tuple[dict[str, Any], list[Problem]]:
    """The ``[printer]`` table's values (converted; only the keys given) and every problem:
    each key alone, then the rules across keys, the profile, and the paths (a device, a
    regular image of at most 512 KiB for the logo (or no file: the slip prints without it),
    a preview folder inside ``data_dir``).
    ``profiles`` lists the printer profiles python-escpos knows (asked only when a profile
    is given)."""
    given: dict[str, Any] = {}
    problems: list[Problem] = []
    for raw_name, raw in table.items():
        name = str(raw_name)
        spec = PRINTER_KEYS.get(name)
        if spec is None:
            problems.append(Problem(f"printer.{name}", unknown_key(list(PRINTER_KEYS))))
            continue
        value, words = _convert(name, spec, raw)
        if words is not None:
            problems.append(Problem(f"printer.{name}", words))
        else:
            given[name] = value
    # Picking 58 mm paper without saying columns means 32 columns.
    if given.get("paper_width_mm") == 58 and "columns" not in table:
        given["columns"] = 32
    problems += value_problems({**PRINTER_DEFAULTS, **given})
    if "profile" in given:
        problem = _profile_problem(given["profile"], profiles())
        if problem is not None:
            problems.append(problem)
    problems += _path_problems(given, data_dir)
    return given, problems
