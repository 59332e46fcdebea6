"""A USB printer by vendor and product id, through pyusb (libusb-1.0)."""

from __future__ import annotations

import errno
import time
from typing import Any

from kiosk.printing.settings import PrinterSettings
from kiosk.printing.transports.base import Transport, TransportError

UDEV_RULE_EXAMPLE = (
    'SUBSYSTEM=="usb", ATTRS{{idVendor}}=="{vid:04x}", ATTRS{{idProduct}}=="{pid:04x}", '
    'MODE="0660", GROUP="lp"'
)


# --- USB through pyusb ----------------------------------------------------------------------------


class UsbTransport(Transport):
    """A USB printer by vendor/product id, through pyusb (libusb-1.0). Detaches the kernel
    usblp driver when it holds the interface; never resets the device."""

    def __init__(self, settings: PrinterSettings) -> None:
        super().__init__(settings)
        self._dev: Any = None
        self._interface: int | None = None
        self._out_ep: int | None = None
        self._in_ep: int | None = None

    def _open(self) -> None:
        import usb.core
        import usb.util

        s = self.settings
        dev = usb.core.find(idVendor=s.usb_vendor_id, idProduct=s.usb_product_id)
        if dev is None:
            raise TransportError(
                self.device,
                "not found on the USB bus",
                "the USB cable and that the printer is switched on (lsusb should list "
                f"{s.usb_vendor_id or 0:04x}:{s.usb_product_id or 0:04x})",
            )
        try:
            cfg = dev.get_active_configuration()
        except usb.core.USBError:
            dev.set_configuration()
            cfg = dev.get_active_configuration()
        intf = None
        for candidate in cfg:
            if candidate.bInterfaceClass == 7:  # printer class
                intf = candidate
                break
        if intf is None:
            intf = cfg[(0, 0)]
        number = int(intf.bInterfaceNumber)
        try:
            if dev.is_kernel_driver_active(number):
                dev.detach_kernel_driver(number)
        except (NotImplementedError, usb.core.USBError):
            pass
        usb.util.claim_interface(dev, number)
        self._dev, self._interface = dev, number
        out_ep, in_ep = s.usb_out_endpoint, s.usb_in_endpoint
        for ep in intf:
            direction = usb.util.endpoint_direction(ep.bEndpointAddress)
            bulk = usb.util.endpoint_type(ep.bmAttributes) == usb.util.ENDPOINT_TYPE_BULK
            if not bulk:
                continue
            if direction == usb.util.ENDPOINT_OUT and out_ep is None:
                out_ep = int(ep.bEndpointAddress)
            elif direction == usb.util.ENDPOINT_IN and in_ep is None:
                in_ep = int(ep.bEndpointAddress)
        if out_ep is None:
            raise TransportError(
                self.device, "no bulk OUT endpoint", "set usb_out_endpoint (see lsusb -v)"
            )
        self._out_ep, self._in_ep = out_ep, in_ep

    def _close(self) -> None:
        dev, self._dev = self._dev, None
        if dev is None:
            return
        import usb.util

        try:
            if self._interface is not None:
                usb.util.release_interface(dev, self._interface)
        finally:
            usb.util.dispose_resources(dev)

    def _write_some(self, data: memoryview, timeout: float) -> int:
        import usb.core

        try:
            return int(self._dev.write(self._out_ep, data[:4096], max(1, int(timeout * 1000))))
        except usb.core.USBTimeoutError:
            return 0

    def _read_some(self, count: int, timeout: float) -> bytes:
        import usb.core

        if self._in_ep is None:
            time.sleep(timeout)
            return b""
        try:
            chunk = self._dev.read(self._in_ep, 64, max(1, int(timeout * 1000)))
        except usb.core.USBTimeoutError:
            return b""
        return bytes(chunk)[:count]

    def _hint_for(self, exc: BaseException) -> str:
        s = self.settings
        rule = UDEV_RULE_EXAMPLE.format(vid=s.usb_vendor_id or 0, pid=s.usb_product_id or 0)
        code = getattr(exc, "errno", None)
        if type(exc).__name__ == "NoBackendError":
            return "libusb is installed (apt-get install libusb-1.0-0)"
        if code == errno.EACCES:
            return (
                "USB permissions: install a udev rule such as "
                f"/etc/udev/rules.d/60-mpp-printer.rules with {rule}, then replug the printer"
            )
        if code == errno.EBUSY:
            return "another program (CUPS, or the usblp driver) holds the printer"
        if code in (errno.ENODEV, errno.EIO, errno.EPIPE):
            return "the USB cable and that the printer is switched on"
        return f"the USB cable and power, and the udev rule ({rule})"
