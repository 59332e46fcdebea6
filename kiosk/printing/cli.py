"""`mpp-kiosk printer detect|status|test|preview` for technicians.

`add_printer_commands(subparsers)` adds the `printer` command to the app's argparse parser;
`python -m kiosk.printing ...` runs the same commands on their own. Every command takes the
printer options below or `--config kiosk.toml` (its `[printer]` table); options override the
file. Exit codes: 0 fine, 1 printer problem, 2 bad settings or usage. (The ESC/POS printer
emulator is a developer tool outside the product: `python -m tools.escpos_emulator`.)

The commands speak the language of `--lang id|en`, else of the environment (see
`kiosk.cli`); the sample slips of `preview` and the test slip are printed in it too. Device
names, paths and the printer's technical details stay as they are.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import sys
import tomllib
from collections.abc import Callable, Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, TextIO

from kiosk.printing.settings import PrinterSettings, PrinterSettingsError
from kiosk.printing.status import PrinterStatus
from mpp_core.i18n import LANGUAGES, Joined, Lang, Plain, Text, language_from_env

Handler = Callable[[argparse.Namespace, TextIO], int]

ERROR = Text("kesalahan: {problem}", "error: {problem}")
CANNOT_READ = Text("{path} tidak dapat dibaca: {error}", "cannot read {path}: {error}")
NOT_TOML = Text("{path} bukan TOML yang valid: {error}", "{path} is not valid TOML: {error}")
NOT_A_TABLE = Text("[printer] di {path} harus tabel", "[printer] in {path} must be a table")
STATE = Text("status: {state}", "state: {state}")
DETAIL = Text("rincian: {detail}", "detail: {detail}")
PRINTED = Text("tercetak: {detail}", "printed: {detail}")
NOT_PRINTED = Text("TIDAK tercetak: {detail}", "NOT printed: {detail}")
SENT = Text("{bytes} bita, struk {length} mm", "{bytes} bytes, slip {length} mm")
PREVIEW_AT = Text("pratinjau: {path}", "preview: {path}")
WROTE_PREVIEW = Text(
    "{path} ditulis ({width} mm, {columns} kolom, kertas {length} mm)",
    "wrote {path} ({width} mm, {columns} columns, {length} mm of paper)",
)
WROTE_ESCPOS = Text("{path} ditulis (bita ESC/POS)", "wrote {path} (ESC/POS bytes)")
USB_PRINTERS = Text("Printer USB (pyusb):", "USB printers (pyusb):")
USB_DEVICES = Text("Perangkat printer USB (kernel usblp):", "USB printer devices (kernel usblp):")
NONE = Text("tidak ada", "none")
SERIAL_PORTS = Text("Port serial:", "Serial ports:")
NETWORK_PRINTERS = Text("Printer jaringan:", "Network printers:")
BAD_ADDRESS = Text("{target}: alamat tidak valid ({error})", "{target}: bad address ({error})")
NOT_REACHABLE = Text(
    "{address}: tidak dapat dijangkau. {detail}", "{address}: not reachable. {detail}"
)
NO_DLE_EOT = Text(
    "{address}: menerima sambungan tetapi tidak menjawab DLE EOT (bukan printer ESC/POS, atau "
    "sedang sibuk)",
    "{address}: accepts connections but does not answer DLE EOT (not an ESC/POS printer, or busy)",
)
ESCPOS_PRINTER = Text("{address}: printer ESC/POS, {state}", "{address}: ESC/POS printer, {state}")
NO_PYUSB = Text(
    "pyusb tidak terpasang (pip install pyusb)", "pyusb is not installed (pip install pyusb)"
)
NO_LIBUSB = Text(
    "tidak ada backend libusb: apt-get install libusb-1.0-0",
    "no libusb backend: apt-get install libusb-1.0-0",
)
CANNOT_LIST_USB = Text(
    "perangkat USB tidak dapat didaftar: {error}", "cannot list USB devices: {error}"
)
NO_USB_FOUND = Text(
    "tidak ditemukan (periksa kabel dan daya; `lsusb` mendaftar semua perangkat)",
    "none found (check the cable and power; `lsusb` lists all devices)",
)
NO_PYSERIAL = Text(
    "pyserial tidak terpasang (pip install pyserial)",
    "pyserial is not installed (pip install pyserial)",
)
NONE_FOUND = Text("tidak ditemukan", "none found")

# Known ESC/POS printer vendors for `printer detect` (besides the USB printer class).
USB_PRINTER_VENDORS = {
    0x04B8: "Epson",
    0x1504: "Bixolon",
    0x0416: "Winbond (Xprinter/POS-58 clones)",
    0x0483: "STMicro (Xprinter clones)",
    0x1FC9: "NXP (Xprinter clones)",
    0x0FE6: "ICS (generic POS printers)",
    0x28E9: "GigaDevice (generic POS printers)",
    0x154F: "SNBC",
    0x0519: "Star Micronics",
    0x1D90: "Citizen",
    0x0DD4: "Custom",
    0x2730: "Citizen",
}

# option dest -> settings key
_OPTION_KEYS = {
    "kind": "kind",
    "host": "host",
    "port": "port",
    "serial_device": "serial_device",
    "baudrate": "baudrate",
    "flow_control": "flow_control",
    "usb_vendor_id": "usb_vendor_id",
    "usb_product_id": "usb_product_id",
    "usb_device": "usb_device",
    "file_path": "file_path",
    "profile": "profile",
    "paper_width": "paper_width_mm",
    "columns": "columns",
    "code_page": "code_page",
    "cut": "cut",
    "qr": "qr",
    "logo": "logo_path",
    "status_timeout": "status_timeout_s",
    "connect_timeout": "connect_timeout_s",
    "cancel_kanji": "cancel_kanji",
}


def add_printer_commands(subparsers: Any) -> argparse.ArgumentParser:
    """Add `printer {detect,status,test,preview}` to an argparse subparsers object.

    Each leaf parser sets `func(args) -> int` (exit code), so the caller runs
    `sys.exit(args.func(args))`.
    """
    printer = subparsers.add_parser(
        "printer", help="receipt printer tools", description="Receipt printer tools."
    )
    commands = printer.add_subparsers(dest="printer_command", metavar="COMMAND")
    commands.required = True

    detect = commands.add_parser("detect", help="list USB and serial printers, probe network")
    detect.add_argument(
        "--probe",
        action="append",
        default=[],
        metavar="HOST[:PORT]",
        help="also try a network printer (port 9100 by default); repeatable",
    )
    detect.add_argument("--timeout", type=float, default=1.0, help="network probe timeout (s)")
    _bind(detect, _cmd_detect)

    status = commands.add_parser("status", help="ask the printer for its status")
    _printer_options(status)
    _bind(status, _cmd_status)

    test = commands.add_parser("test", help="print a test slip")
    _printer_options(test)
    _bind(test, _cmd_test)

    preview = commands.add_parser("preview", help="render a slip to PNG (no printer needed)")
    _printer_options(preview)
    preview.add_argument("--output", "-o", default="slip-preview.png", help="PNG file to write")
    preview.add_argument(
        "--slip", choices=("ticket", "requirements", "test"), default="ticket", help="which slip"
    )
    preview.add_argument("--number", default="A-001", help="ticket number for the sample")
    preview.add_argument(
        "--escpos", metavar="FILE", help="also write the ESC/POS bytes of the slip to FILE"
    )
    _bind(preview, _cmd_preview)

    return printer


def _bind(parser: argparse.ArgumentParser, handler: Handler) -> None:
    parser.add_argument(
        "--lang",
        choices=LANGUAGES,
        default=argparse.SUPPRESS,  # given before the command, it stays as given there
        help="language of the messages (default: from LANGUAGE, LC_ALL, LC_MESSAGES, LANG)",
    )
    parser.set_defaults(func=lambda args: handler(args, sys.stdout))


def _lang(args: argparse.Namespace) -> Lang:
    """``--lang`` when given, else the environment's language."""
    given = getattr(args, "lang", None)
    return "en" if given == "en" else "id" if given == "id" else language_from_env(os.environ)


def _printer_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", metavar="TOML", help="kiosk config file ([printer] table)")
    g = parser.add_argument_group("printer (override the config file)")
    g.add_argument("--kind", choices=("preview", "network", "serial", "usb", "file"))
    g.add_argument("--host", help="network printer IP address")
    g.add_argument("--port", type=int, help="network printer port (9100)")
    g.add_argument("--serial-device", help="serial device, e.g. /dev/ttyUSB0")
    g.add_argument("--baudrate", type=int, help="serial speed (9600)")
    g.add_argument("--flow-control", choices=("none", "rtscts", "dsrdtr", "xonxoff"))
    g.add_argument("--usb-vendor-id", help="USB vendor id, e.g. 0x04b8")
    g.add_argument("--usb-product-id", help="USB product id, e.g. 0x0e15")
    g.add_argument("--usb-device", help="kernel USB printer device, e.g. /dev/usb/lp0")
    g.add_argument("--file-path", help="write raw bytes to this file or device")
    g.add_argument("--profile", help="python-escpos capability profile (TM-T20II)")
    g.add_argument("--paper-width", type=int, choices=(80, 58), help="paper width in mm")
    g.add_argument("--columns", type=int, choices=(48, 42, 32))
    g.add_argument("--code-page", type=int, help="ESC t code table number (0 = CP437)")
    g.add_argument("--cut", choices=("full", "partial", "none"))
    g.add_argument("--qr", choices=("native", "image"))
    g.add_argument("--logo", help="logo image file")
    g.add_argument("--status-timeout", type=float, help="status answer timeout in s (0.3)")
    g.add_argument("--connect-timeout", type=float, help="connect timeout in s (3)")
    g.add_argument(
        "--cancel-kanji",
        action="store_const",
        const=True,
        help="send FS . (Chinese-market firmware: Xprinter, Zjiang)",
    )


def settings_from_args(args: argparse.Namespace) -> PrinterSettings:
    """The settings from `--config` and the options (options win)."""
    mapping: dict[str, Any] = {}
    if getattr(args, "config", None):
        path = Path(args.config)
        try:
            with path.open("rb") as file:
                document = tomllib.load(file)
        except OSError as exc:
            raise PrinterSettingsError("config", CANNOT_READ.bind(path=path, error=exc)) from exc
        except tomllib.TOMLDecodeError as exc:
            raise PrinterSettingsError("config", NOT_TOML.bind(path=path, error=exc)) from exc
        table = document.get("printer", {})
        if not isinstance(table, dict):
            raise PrinterSettingsError("config", NOT_A_TABLE.bind(path=path))
        mapping.update(table)
    for dest, key in _OPTION_KEYS.items():
        value = getattr(args, dest, None)
        if value is not None:
            mapping[key] = value
    if "kind" not in mapping or (getattr(args, "kind", None) is None and not args.config):
        inferred = _infer_kind(mapping)
        if inferred:
            mapping["kind"] = inferred
    return PrinterSettings.from_mapping(mapping)


def _infer_kind(mapping: dict[str, Any]) -> str | None:
    if mapping.get("kind"):
        return str(mapping["kind"])
    if mapping.get("host"):
        return "network"
    if mapping.get("serial_device"):
        return "serial"
    if mapping.get("usb_device") or mapping.get("usb_vendor_id"):
        return "usb"
    if mapping.get("file_path"):
        return "file"
    return None


def _load(args: argparse.Namespace, out: TextIO) -> PrinterSettings | None:
    try:
        return settings_from_args(args)
    except PrinterSettingsError as exc:
        problem = Joined((Plain(f"printer.{exc.key}"), exc.words), ": ")
        print(ERROR.bind(problem=problem)(_lang(args)), file=out)
        return None


# --- commands ------------------------------------------------------------------------------------


def _print_status(status: PrinterStatus, out: TextIO, lang: Lang) -> None:
    print(STATE(lang, state=status.state.value), file=out)
    print(f"  {status.words(lang)}", file=out)
    for words in status.byte_words():
        print(f"  - {words(lang)}", file=out)
    if status.detail and status.state.value in ("offline", "unknown"):
        print("  " + DETAIL(lang, detail=status.detail), file=out)


def _cmd_status(args: argparse.Namespace, out: TextIO) -> int:
    from kiosk.printing.service import PrinterDriver

    settings = _load(args, out)
    if settings is None:
        return 2
    print(f"printer: {settings.device_words()(_lang(args))}", file=out)
    driver = PrinterDriver(settings)
    try:
        status = driver.status()
    finally:
        driver.close()
    _print_status(status, out, _lang(args))
    return 0 if status.can_print else 1


def _cmd_test(args: argparse.Namespace, out: TextIO) -> int:
    from kiosk.printing.service import PrinterDriver, PrintJob

    settings = _load(args, out)
    if settings is None:
        return 2
    lang = _lang(args)
    print(f"printer: {settings.device_words()(lang)}", file=out)
    job = PrintJob.test_page(settings, "printer-test", lang)
    driver = PrinterDriver(settings)
    try:
        outcome = driver.print_job(job)
    finally:
        driver.close()
    said = PRINTED if outcome.printed else NOT_PRINTED
    print(said(lang, detail=outcome.detail), file=out)
    print(f"  {outcome.words(lang)}", file=out)
    length = f"{outcome.slip_length_mm:.0f}"
    print("  " + SENT(lang, bytes=outcome.bytes_sent, length=length), file=out)
    if outcome.image_path is not None:
        print("  " + PREVIEW_AT(lang, path=outcome.image_path), file=out)
    return 0 if outcome.printed else 1


def _cmd_preview(args: argparse.Namespace, out: TextIO) -> int:
    from kiosk.printing.paper import slip_length_mm
    from kiosk.printing.preview import render_preview
    from kiosk.printing.render import render_escpos
    from kiosk.printing.slip import (
        layout_requirements,
        layout_test_page,
        layout_ticket,
        sample_requirements_data,
        sample_slip_data,
    )

    settings = _load(args, out)
    if settings is None:
        return 2
    lang = _lang(args)
    fmt = settings.slip_format()
    now = datetime.now(UTC)
    if args.slip == "requirements":
        layout = layout_requirements(sample_requirements_data(now, lang), fmt)
    elif args.slip == "test":
        layout = layout_test_page(fmt, settings.device_words()(lang), lang)
    else:
        layout = layout_ticket(sample_slip_data(now, args.number, lang), fmt)
    target = Path(args.output)
    target.parent.mkdir(parents=True, exist_ok=True)
    render_preview(layout).save(target, format="PNG")
    length = f"{slip_length_mm(layout):.0f}"
    print(
        WROTE_PREVIEW(
            lang, path=target, width=fmt.paper_width_mm, columns=fmt.columns, length=length
        ),
        file=out,
    )
    if args.escpos:
        Path(args.escpos).write_bytes(render_escpos(layout))
        print(WROTE_ESCPOS(lang, path=args.escpos), file=out)
    return 0


def _cmd_detect(args: argparse.Namespace, out: TextIO) -> int:
    lang = _lang(args)
    print(USB_PRINTERS(lang), file=out)
    for line in _detect_usb(lang):
        print(f"  {line}", file=out)
    usb_lp = sorted(Path("/dev/usb").glob("lp*")) if Path("/dev/usb").is_dir() else []
    print(USB_DEVICES(lang), file=out)
    for path in usb_lp:
        print(f'  {path}  (kind = "usb", usb_device = "{path}")', file=out)
    if not usb_lp:
        print("  " + NONE(lang), file=out)
    print(SERIAL_PORTS(lang), file=out)
    for line in _detect_serial(lang):
        print(f"  {line}", file=out)
    if args.probe:
        print(NETWORK_PRINTERS(lang), file=out)
    worst = 0
    for target in args.probe:
        host, _, port_text = target.rpartition(":") if ":" in target else (target, "", "9100")
        try:
            port = int(port_text or 9100)
            settings = PrinterSettings(
                kind="network",
                host=host,
                port=port,
                connect_timeout_s=args.timeout,
                status_timeout_s=min(args.timeout, 0.5),
            )
        except (ValueError, PrinterSettingsError) as exc:
            print("  " + BAD_ADDRESS(lang, target=target, error=exc), file=out)
            worst = 2
            continue
        from kiosk.printing.transports import NetworkTransport

        transport = NetworkTransport(settings)
        try:
            status = transport.query_status()
        finally:
            transport.close()
        address = f"{host}:{port}"
        if status.state.value == "offline":
            print("  " + NOT_REACHABLE(lang, address=address, detail=status.detail), file=out)
            worst = max(worst, 1)
        elif status.state.value == "unknown":
            print("  " + NO_DLE_EOT(lang, address=address), file=out)
            worst = max(worst, 1)
        else:
            state = status.words(lang)
            print("  " + ESCPOS_PRINTER(lang, address=address, state=state), file=out)
    return worst


def _detect_usb(lang: Lang) -> list[str]:
    try:
        import usb.core
    except ImportError:
        return [NO_PYUSB(lang)]
    try:
        devices = list(usb.core.find(find_all=True))
    except usb.core.NoBackendError:
        return [NO_LIBUSB(lang)]
    except Exception as exc:  # permission or bus errors
        return [CANNOT_LIST_USB(lang, error=exc)]
    lines: list[str] = []
    for dev in devices:
        vendor, product = int(dev.idVendor), int(dev.idProduct)
        is_printer = vendor in USB_PRINTER_VENDORS
        with contextlib.suppress(Exception):
            for cfg in dev:
                for intf in cfg:
                    if intf.bInterfaceClass == 7:
                        is_printer = True
        if not is_printer:
            continue
        name = USB_PRINTER_VENDORS.get(vendor, "printer class")
        with contextlib.suppress(Exception):
            name = f"{dev.manufacturer or name} {dev.product or ''}".strip()
        lines.append(
            f"{vendor:04x}:{product:04x} {name} (bus {dev.bus} address {dev.address}) -> "
            f'kind = "usb", usb_vendor_id = "0x{vendor:04x}", usb_product_id = "0x{product:04x}"'
        )
    return lines or [NO_USB_FOUND(lang)]


def _detect_serial(lang: Lang) -> list[str]:
    try:
        from serial.tools import list_ports
    except ImportError:
        return [NO_PYSERIAL(lang)]
    ports = sorted(list_ports.comports(), key=lambda p: p.device)
    lines = [
        f'{p.device}: {p.description or "serial port"} ({p.hwid}) -> serial_device = "{p.device}"'
        for p in ports
    ]
    return lines or [NONE_FOUND(lang)]


# --- standalone entry point ---------------------------------------------------------------


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m kiosk.printing")
    parser.add_argument("--lang", choices=LANGUAGES, default=None, help="language of the messages")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    subparsers.required = True
    add_printer_commands(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    lead: list[str] = []  # `--lang en` before the command
    while args_list and args_list[0].startswith("--lang"):
        lead.append(args_list.pop(0))
        if lead[-1] == "--lang" and args_list:
            lead.append(args_list.pop(0))
    if not args_list or args_list[0] != "printer":  # `python -m kiosk.printing status`
        args_list = ["printer", *args_list]
    args = build_parser().parse_args([*lead, *args_list])
    result: int = args.func(args)
    return result
