"""Printer settings: one frozen dataclass, read from and written to the `[printer]` TOML table.

`PrinterSettings()` is the preview printer (no hardware), the default when nothing is
configured. `from_mapping` validates everything and names the offending key in
`PrinterSettingsError`; `to_mapping` returns TOML-friendly values (no None).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal, get_args

from kiosk.printing.slip import CutMode, QrMode, SlipFormat

PrinterKind = Literal["preview", "network", "serial", "usb", "file"]
FlowControl = Literal["none", "rtscts", "dsrdtr", "xonxoff"]
FaultPolicy = Literal["keep_issuing", "pause_issuing"]

_PAPER_COLUMNS = {80: (48, 42), 58: (32,)}


class PrinterSettingsError(ValueError):
    """A bad value in the printer settings; `key` names the setting."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(f"printer.{key}: {message}")
        self.key = key
        self.message = message


@dataclass(frozen=True)
class PrinterSettings:
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
        _validate(self)

    # --- conversions -----------------------------------------------------------------------

    @classmethod
    def from_mapping(cls, data: Mapping[str, Any]) -> PrinterSettings:
        """Build from a `[printer]` table. Unknown keys and bad values raise
        `PrinterSettingsError` naming the key."""
        known = {f.name: f for f in dataclasses.fields(cls)}
        values: dict[str, Any] = {}
        for key, raw in data.items():
            if key not in known:
                raise PrinterSettingsError(str(key), "unknown setting")
            values[key] = _CONVERTERS[key](key, raw)
        # Picking 58 mm paper without saying columns means 32 columns.
        if values.get("paper_width_mm") == 58 and "columns" not in values:
            values["columns"] = 32
        if "profile" in values:
            _check_profile(values["profile"])
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
        """The device in words, for messages: "network printer 192.168.1.50:9100"."""
        match self.kind:
            case "preview":
                return "preview printer (no hardware)"
            case "network":
                return f"network printer {self.host}:{self.port}"
            case "serial":
                return f"serial printer {self.serial_device} at {self.baudrate} baud"
            case "usb":
                if self.usb_device:
                    return f"USB printer {self.usb_device}"
                return f"USB printer {self.usb_vendor_id or 0:04x}:{self.usb_product_id or 0:04x}"
            case "file":
                return f"printer file {self.file_path}"
        return self.kind  # pragma: no cover - Literal exhausted


# --- validation -------------------------------------------------------------------------------


def _validate(s: PrinterSettings) -> None:
    for key, allowed in (
        ("kind", PrinterKind),
        ("flow_control", FlowControl),
        ("on_fault", FaultPolicy),
        ("cut", CutMode),
        ("qr", QrMode),
    ):
        if getattr(s, key) not in get_args(allowed):
            raise PrinterSettingsError(key, f"must be one of {', '.join(get_args(allowed))}")
    if s.paper_width_mm not in _PAPER_COLUMNS:
        raise PrinterSettingsError("paper_width_mm", "must be 80 or 58")
    if s.columns not in _PAPER_COLUMNS[s.paper_width_mm]:
        allowed_cols = " or ".join(str(c) for c in _PAPER_COLUMNS[s.paper_width_mm])
        raise PrinterSettingsError(
            "columns", f"must be {allowed_cols} on {s.paper_width_mm} mm paper"
        )
    if not 1 <= s.port <= 65535:
        raise PrinterSettingsError("port", "must be between 1 and 65535")
    if s.baudrate not in _BAUDRATES:
        raise PrinterSettingsError(
            "baudrate", f"must be a standard rate ({', '.join(map(str, _BAUDRATES))})"
        )
    if not 0 <= s.code_page <= 255:
        raise PrinterSettingsError("code_page", "must be between 0 and 255 (ESC t n)")
    if not 0 <= s.cut_feed_lines <= 20:
        raise PrinterSettingsError("cut_feed_lines", "must be between 0 and 20")
    if not 0 <= s.qr_module_size <= 16:
        raise PrinterSettingsError("qr_module_size", "must be between 1 and 16, or 0 for auto")
    for key in ("connect_timeout_s", "write_timeout_s", "status_timeout_s"):
        value = getattr(s, key)
        if not 0 < value <= 120:
            raise PrinterSettingsError(key, "must be more than 0 and at most 120 seconds")
    if s.status_poll_s < 0:
        raise PrinterSettingsError("status_poll_s", "must be 0 (off) or more")
    if s.roll_length_m <= 0:
        raise PrinterSettingsError("roll_length_m", "must be more than 0")
    if not 0 <= s.low_paper_warn_m < s.roll_length_m:
        raise PrinterSettingsError("low_paper_warn_m", "must be 0 or more and below roll_length_m")
    for key in ("usb_vendor_id", "usb_product_id"):
        value = getattr(s, key)
        if value is not None and not 0 <= value <= 0xFFFF:
            raise PrinterSettingsError(key, "must be a 16-bit id such as 0x04b8")
    for key in ("usb_out_endpoint", "usb_in_endpoint"):
        value = getattr(s, key)
        if value is not None and not 0 <= value <= 0xFF:
            raise PrinterSettingsError(key, "must be an endpoint address such as 0x01")
    # what each kind needs
    if s.kind == "network" and not s.host:
        raise PrinterSettingsError("host", "a network printer needs a host (IP address)")
    if s.kind == "serial" and not s.serial_device:
        raise PrinterSettingsError("serial_device", "a serial printer needs a device path")
    if s.kind == "file" and not s.file_path:
        raise PrinterSettingsError("file_path", "a file printer needs a path")
    if s.kind == "usb" and not s.usb_device:
        if s.usb_vendor_id is None:
            raise PrinterSettingsError(
                "usb_vendor_id",
                "a USB printer needs usb_vendor_id and usb_product_id, "
                "or usb_device (/dev/usb/lp0)",
            )
        if s.usb_product_id is None:
            raise PrinterSettingsError("usb_product_id", "a USB printer needs usb_product_id")


def _check_profile(name: str) -> None:
    from kiosk.printing.render import known_profiles  # imports python-escpos: only when needed

    names = known_profiles()
    if name not in names:
        raise PrinterSettingsError(
            "profile",
            f"unknown python-escpos profile {name!r}; for an 80 mm Epson/Xprinter/Bixolon use "
            f"TM-T20II (576 dots) or TM-T88V (512 dots), for 58 mm use POS-5890 or default "
            f"(known: {', '.join(sorted(names))})",
        )


_BAUDRATES = (1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400)


# --- value conversion from TOML/JSON-ish mappings ---------------------------------------------


def _as_str(key: str, raw: Any) -> str:
    if not isinstance(raw, str):
        raise PrinterSettingsError(key, f"must be text, not {type(raw).__name__}")
    return raw.strip()


def _as_opt_str(key: str, raw: Any) -> str | None:
    value = _as_str(key, raw)
    return value or None


def _as_int(key: str, raw: Any) -> int:
    if isinstance(raw, bool):
        raise PrinterSettingsError(key, "must be a whole number, not true/false")
    if isinstance(raw, int):
        return raw
    if isinstance(raw, str):
        try:
            return int(raw.strip(), 0)  # accepts "9100", "0x04b8"
        except ValueError:
            pass
    raise PrinterSettingsError(key, f"must be a whole number, not {raw!r}")


def _as_opt_int(key: str, raw: Any) -> int | None:
    if raw == "":
        return None
    return _as_int(key, raw)


def _as_float(key: str, raw: Any) -> float:
    if isinstance(raw, bool):
        raise PrinterSettingsError(key, "must be a number, not true/false")
    if isinstance(raw, int | float):
        return float(raw)
    if isinstance(raw, str):
        try:
            return float(raw.strip())
        except ValueError:
            pass
    raise PrinterSettingsError(key, f"must be a number, not {raw!r}")


def _as_bool(key: str, raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, str) and raw.strip().lower() in ("true", "yes", "1", "on"):
        return True
    if isinstance(raw, str) and raw.strip().lower() in ("false", "no", "0", "off"):
        return False
    raise PrinterSettingsError(key, f"must be true or false, not {raw!r}")


def _as_choice(allowed: Any) -> Callable[[str, Any], str]:
    choices = get_args(allowed)

    def convert(key: str, raw: Any) -> str:
        value = _as_str(key, raw).lower()
        if key == "on_fault":
            value = value.replace("-", "_")
        if value not in choices:
            raise PrinterSettingsError(key, f"must be one of {', '.join(choices)}, not {raw!r}")
        return str(value)

    return convert


_CONVERTERS: dict[str, Callable[[str, Any], Any]] = {
    "kind": _as_choice(PrinterKind),
    "host": _as_str,
    "port": _as_int,
    "serial_device": _as_str,
    "baudrate": _as_int,
    "flow_control": _as_choice(FlowControl),
    "usb_vendor_id": _as_opt_int,
    "usb_product_id": _as_opt_int,
    "usb_device": _as_str,
    "usb_out_endpoint": _as_opt_int,
    "usb_in_endpoint": _as_opt_int,
    "file_path": _as_str,
    "preview_dir": _as_str,
    "profile": _as_str,
    "paper_width_mm": _as_int,
    "columns": _as_int,
    "code_page": _as_int,
    "cancel_kanji": _as_bool,
    "cut": _as_choice(CutMode),
    "cut_feed_lines": _as_int,
    "qr": _as_choice(QrMode),
    "qr_module_size": _as_int,
    "logo_path": _as_opt_str,
    "print_requirements": _as_bool,
    "roll_length_m": _as_float,
    "low_paper_warn_m": _as_float,
    "connect_timeout_s": _as_float,
    "write_timeout_s": _as_float,
    "status_timeout_s": _as_float,
    "check_status": _as_bool,
    "status_poll_s": _as_float,
    "on_fault": _as_choice(FaultPolicy),
}
