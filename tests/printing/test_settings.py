"""PrinterSettings: defaults, validation naming the key, TOML round trip."""

import tomllib
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from PIL import Image

from kiosk.printing.settings import PrinterSettings, PrinterSettingsError


def test_default_is_the_preview_printer() -> None:
    s = PrinterSettings()
    assert s.kind == "preview"
    assert (s.paper_width_mm, s.columns, s.qr, s.cut) == (80, 48, "native", "full")
    assert s.status_timeout_s == pytest.approx(0.3)
    assert s.roll_length_m == 50


def test_from_mapping_full() -> None:
    s = PrinterSettings.from_mapping(
        {
            "kind": "usb",
            "usb_vendor_id": "0x04b8",
            "usb_product_id": 0x0E15,
            "paper_width_mm": 58,
            "profile": "POS-5890",
            "cut": "partial",
            "qr": "image",
            "on_fault": "pause-issuing",
            "print_requirements": True,
            "roll_length_m": 30,
        }
    )
    assert s.usb_vendor_id == 0x04B8 and s.usb_product_id == 0x0E15
    assert s.columns == 32  # 58 mm implies 32 columns
    assert s.dots_width == 384
    assert s.on_fault == "pause_issuing"
    assert s.roll_length_m == 30.0


@pytest.mark.parametrize(
    ("mapping", "key"),
    [
        ({"kind": "bluetooth"}, "kind"),
        ({"kind": "network"}, "host"),
        ({"kind": "serial"}, "serial_device"),
        ({"kind": "usb"}, "usb_vendor_id"),
        ({"kind": "usb", "usb_vendor_id": 1}, "usb_product_id"),
        ({"kind": "file"}, "file_path"),
        ({"port": 70000}, "port"),
        ({"port": "abc"}, "port"),
        ({"port": True}, "port"),
        ({"paper_width_mm": 76}, "paper_width_mm"),
        ({"paper_width_mm": 58, "columns": 48}, "columns"),
        ({"columns": 32}, "columns"),
        ({"baudrate": 12345}, "baudrate"),
        ({"cut": "half"}, "cut"),
        ({"qr": "svg"}, "qr"),
        ({"status_timeout_s": 0}, "status_timeout_s"),
        ({"low_paper_warn_m": 60}, "low_paper_warn_m"),
        ({"profile": "TM-T82"}, "profile"),
        ({"print_requirements": "maybe"}, "print_requirements"),
        ({"colour": "red"}, "colour"),
        ({"host": 12}, "host"),
    ],
)
def test_errors_name_the_key(mapping: dict[str, Any], key: str) -> None:
    with pytest.raises(PrinterSettingsError) as info:
        PrinterSettings.from_mapping(mapping)
    assert info.value.key == key
    assert f"printer.{key}" in str(info.value)


def test_unknown_profile_suggests_one() -> None:
    with pytest.raises(PrinterSettingsError) as info:
        PrinterSettings.from_mapping({"profile": "TM-T82"})
    assert "TM-T20II" in info.value.message


def test_toml_round_trip(tmp_path: Path) -> None:
    logo = tmp_path / "logo.png"
    Image.new("1", (32, 16)).save(logo)
    original = PrinterSettings(
        kind="usb",
        usb_vendor_id=0x0416,
        usb_product_id=0x5011,
        usb_out_endpoint=0x03,
        paper_width_mm=58,
        columns=32,
        logo_path=str(logo),
        flow_control="rtscts",
    )
    text = tomli_w.dumps({"printer": original.to_mapping()})
    assert 'usb_vendor_id = "0x0416"' in text
    loaded = PrinterSettings.from_mapping(tomllib.loads(text)["printer"])
    assert loaded == original


def test_to_mapping_has_no_none() -> None:
    mapping = PrinterSettings().to_mapping()
    assert None not in mapping.values()
    assert "logo_path" not in mapping
    assert PrinterSettings.from_mapping(mapping) == PrinterSettings()


def test_describe_names_the_device() -> None:
    assert PrinterSettings(kind="network", host="10.0.0.5").describe() == (
        "network printer 10.0.0.5:9100"
    )
    assert "ttyUSB0" in PrinterSettings(kind="serial", serial_device="/dev/ttyUSB0").describe()
    assert (
        "04b8:0e15"
        in PrinterSettings(kind="usb", usb_vendor_id=0x04B8, usb_product_id=0x0E15).describe()
    )


def test_slip_format_follows_settings() -> None:
    fmt = PrinterSettings(paper_width_mm=80, columns=42, qr="image", cut="none").slip_format()
    assert (fmt.dots_width, fmt.dpi, fmt.columns) == (512, 180, 42)
    assert fmt.qr_mode == "image" and fmt.cut == "none"
    assert fmt.qr_module_size == 6
    assert PrinterSettings(paper_width_mm=58, columns=32).slip_format().qr_module_size == 5
