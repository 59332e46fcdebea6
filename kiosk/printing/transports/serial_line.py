"""A serial printer through pyserial (RS-232 or a USB-serial adapter)."""

from __future__ import annotations

from typing import Any

from kiosk.printing.settings import PrinterSettings
from kiosk.printing.transports.base import Transport

# --- serial (pyserial) --------------------------------------------------------------------------


class SerialTransport(Transport):
    def __init__(self, settings: PrinterSettings) -> None:
        super().__init__(settings)
        self._port: Any = None

    def _open(self) -> None:
        import serial

        s = self.settings
        self._port = serial.Serial(
            port=s.serial_device,
            baudrate=s.baudrate,
            timeout=s.status_timeout_s,
            write_timeout=s.write_timeout_s,
            rtscts=s.flow_control == "rtscts",
            dsrdtr=s.flow_control == "dsrdtr",
            xonxoff=s.flow_control == "xonxoff",
            exclusive=True,
        )

    def _close(self) -> None:
        port, self._port = self._port, None
        if port is not None:
            port.close()

    def _write_some(self, data: memoryview, timeout: float) -> int:
        import serial

        chunk = data[:1024]
        self._port.write_timeout = max(timeout, 0.001)
        try:
            return int(self._port.write(chunk))
        except serial.SerialTimeoutException:
            return 0  # nothing (or an unknown part) went out; the caller's deadline decides

    def _read_some(self, count: int, timeout: float) -> bytes:
        self._port.timeout = max(timeout, 0.0)  # 0: non-blocking
        return bytes(self._port.read(count))

    def _hint_stalled(self) -> str:
        s = self.settings
        return (
            f"the serial cable on {s.serial_device}, that the printer is set to {s.baudrate} "
            f"baud and flow control {s.flow_control}, and that it is on and has paper"
        )

    def _hint_for(self, exc: BaseException) -> str:
        s = self.settings
        text = str(exc)
        if isinstance(exc, FileNotFoundError) or "No such file" in text:
            return (
                f"{s.serial_device} does not exist: check the cable or USB-serial adapter "
                "(ls /dev/ttyUSB* /dev/ttyS* /dev/ttyACM*)"
            )
        if isinstance(exc, PermissionError) or "Permission denied" in text:
            return f"permissions on {s.serial_device}: add the kiosk user to the dialout group"
        if "busy" in text.lower() or "lock" in text.lower():
            return f"another program (a second kiosk, a terminal) has {s.serial_device} open"
        return self._hint_stalled()
