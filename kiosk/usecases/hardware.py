"""What the kiosk finds around it: the network it is on, and the printers plugged in.

Both look at the machine (``/sys``, a UDP socket, pyusb, ``/dev/usb``, serial ports) and can be
slow: call them off the GUI thread.
"""

from __future__ import annotations

import contextlib
import logging
import socket
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class NetworkInfo:
    connected: bool
    address: str  # this kiosk's address on the way out ("" when there is none)
    interfaces: tuple[str, ...]  # network interfaces that are up (not loopback)


def network_info() -> NetworkInfo:
    """Interfaces that are up and the address a packet would leave from (none is sent)."""
    up: list[str] = []
    net = Path("/sys/class/net")
    if net.is_dir():
        for iface in sorted(net.iterdir()):
            if iface.name == "lo":
                continue
            try:
                state = (iface / "operstate").read_text().strip()
            except OSError:
                continue
            if state == "up" or (state == "unknown" and (iface / "device").exists()):
                up.append(iface.name)
    address = ""
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.connect(("192.0.2.1", 9))  # TEST-NET-1: only picks a route, sends nothing
            address = str(s.getsockname()[0])
    except OSError:
        pass
    return NetworkInfo(bool(address) and address != "0.0.0.0", address, tuple(up))


@dataclass(frozen=True)
class DetectedPrinter:
    """A printer the technician can pick: kind and the [printer] keys it sets."""

    label: str
    kind: str  # usb | serial
    values: Mapping[str, Any] = field(default_factory=dict)


def detect_printers() -> list[DetectedPrinter]:
    """USB printers (pyusb, and kernel usblp devices) and serial ports. Slow: run it off
    the GUI thread."""
    found: list[DetectedPrinter] = []
    try:
        from kiosk.printing.cli import USB_PRINTER_VENDORS
    except ImportError:  # pragma: no cover
        USB_PRINTER_VENDORS = {}
    try:
        import usb.core

        for dev in usb.core.find(find_all=True) or []:
            vendor, product = int(dev.idVendor), int(dev.idProduct)
            is_printer = vendor in USB_PRINTER_VENDORS
            try:
                for cfg in dev:
                    for intf in cfg:
                        if intf.bInterfaceClass == 7:
                            is_printer = True
            except Exception:
                pass
            if not is_printer:
                continue
            name = USB_PRINTER_VENDORS.get(vendor, "USB printer")
            with contextlib.suppress(Exception):
                name = f"{dev.manufacturer or name} {dev.product or ''}".strip()
            found.append(
                DetectedPrinter(
                    f"{name} ({vendor:04x}:{product:04x})",
                    "usb",
                    {"usb_vendor_id": f"0x{vendor:04x}", "usb_product_id": f"0x{product:04x}"},
                )
            )
    except Exception as exc:  # no pyusb, no libusb backend, no permission
        log.info("USB printers not listed: %s", exc)
    usb_dir = Path("/dev/usb")
    if usb_dir.is_dir():
        for dev_path in sorted(usb_dir.glob("lp*")):
            found.append(DetectedPrinter(str(dev_path), "usb", {"usb_device": str(dev_path)}))
    try:
        from serial.tools import list_ports

        for port in sorted(list_ports.comports(), key=lambda p: p.device):
            found.append(
                DetectedPrinter(
                    f"{port.device} ({port.description or 'serial'})",
                    "serial",
                    {"serial_device": port.device},
                )
            )
    except Exception as exc:
        log.info("serial ports not listed: %s", exc)
    return found
