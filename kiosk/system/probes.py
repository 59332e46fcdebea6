"""Looks at the machine for ``mpp-kiosk doctor``: each is quick, reads only, and never waits
on a device (files in /sys and /proc, one system call).
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import os
import re
from dataclasses import dataclass
from pathlib import Path

STA_UNSYNC = 0x0040  # <linux/timex.h>
TIME_ERROR = 5


def ntp_synchronised() -> bool | None:
    """Whether the kernel's clock is synchronised (what ``timedatectl`` shows as "System
    clock synchronized"), from ``adjtimex``; None when it cannot be asked."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
    except OSError:
        return None
    buf = ctypes.create_string_buffer(512)  # struct timex (208 bytes on LP64), modes = 0
    state = libc.adjtimex(buf)
    if state < 0:
        return None
    status = int.from_bytes(buf.raw[40:44], "little", signed=True)  # after 4 longs + modes
    return state != TIME_ERROR and not status & STA_UNSYNC


@dataclass(frozen=True)
class UsbDevice:
    sysfs: Path
    node: Path  # /dev/bus/usb/BBB/DDD
    vendor: int
    product: int
    drivers: tuple[str, ...]  # kernel drivers bound to its interfaces (usblp ...)
    printer_class: bool


def usb_devices(sys_root: Path = Path("/sys/bus/usb/devices")) -> list[UsbDevice]:
    out: list[UsbDevice] = []
    try:
        entries = sorted(sys_root.iterdir())
    except OSError:
        return out
    for dev in entries:
        try:
            vendor = int((dev / "idVendor").read_text().strip(), 16)
            product = int((dev / "idProduct").read_text().strip(), 16)
            bus = int((dev / "busnum").read_text())
            num = int((dev / "devnum").read_text())
        except (OSError, ValueError):
            continue
        drivers: list[str] = []
        printer = False
        for iface in sys_root.glob(f"{dev.name}:*"):
            with contextlib.suppress(OSError):
                printer |= (iface / "bInterfaceClass").read_text().strip() == "07"
            driver = iface / "driver"
            if driver.is_symlink():
                drivers.append(os.path.basename(os.readlink(driver)))
        node = Path(f"/dev/bus/usb/{bus:03d}/{num:03d}")
        out.append(UsbDevice(dev, node, vendor, product, tuple(drivers), printer))
    return out


def unit_setting(unit_file: Path, key: str) -> str | None:
    """A ``Key=value`` of a systemd unit file (the last one wins, as in systemd)."""
    try:
        text = unit_file.read_text(encoding="utf-8")
    except OSError:
        return None
    found = re.findall(rf"^\s*{re.escape(key)}\s*=\s*(.*?)\s*$", text, re.MULTILINE)
    return found[-1] if found else None


def process_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
