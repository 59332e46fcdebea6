"""The kiosk's own printer transports, each with explicit timeouts.

python-escpos builds the bytes; these classes move them. Unlike python-escpos's connection
classes they never wait 60 s, never stay stuck after a failed open (every error closes the
transport, and the next use opens it again), and report "no answer" as no answer.

Every transport offers:
- `open()` / `close()` (idempotent; `close()` never raises),
- `write(data, timeout)` that raises `TransportError` with `bytes_sent`,
- `read(count, timeout)` that returns what arrived in time (maybe nothing),
- `exchange(payload, queries, timeout)`: write payload + DLE EOT queries, read the answers,
- `query_status()`: DLE EOT 1, 2, 4 (3 on error) -> `PrinterStatus`; no answer -> UNKNOWN.
"""

from __future__ import annotations

import contextlib
import errno
import os
import select
import socket
import stat
import time
from abc import ABC, abstractmethod
from collections.abc import Sequence
from typing import Any

from kiosk.printing.settings import PrinterSettings
from kiosk.printing.status import DLE_EOT, STATUS_QUERIES, PrinterStatus, decode_status

UDEV_RULE_EXAMPLE = (
    'SUBSYSTEM=="usb", ATTRS{{idVendor}}=="{vid:04x}", ATTRS{{idProduct}}=="{pid:04x}", '
    'MODE="0660", GROUP="lp"'
)


class TransportError(Exception):
    """The printer could not be reached or stopped in the middle of a transfer.

    `device` names the printer, `hint` says what to check, `bytes_sent` is how much of the
    last write went out before the failure.
    """

    def __init__(self, device: str, message: str, hint: str = "", bytes_sent: int = 0) -> None:
        self.device = device
        self.message = message
        self.hint = hint
        self.bytes_sent = bytes_sent
        text = f"{device}: {message}"
        if hint:
            text += f". Check: {hint}"
        super().__init__(text)


def status_query_bytes(queries: Sequence[int]) -> bytes:
    return b"".join(DLE_EOT + bytes((n,)) for n in queries)


class Transport(ABC):
    """Base class. Subclasses implement `_open`, `_close`, `_write_some`, `_read_some`."""

    persistent = True  # kept open between jobs (False: opened and closed around each job)
    supports_status = True

    def __init__(self, settings: PrinterSettings) -> None:
        self.settings = settings
        self.device = settings.describe()
        self._open_now = False

    # --- lifecycle -------------------------------------------------------------------------

    @property
    def is_open(self) -> bool:
        return self._open_now

    def open(self) -> None:
        if self._open_now:
            return
        try:
            self._open()
        except TransportError:
            self._safe_close()
            raise
        except Exception as exc:  # anything a driver raises becomes a TransportError
            self._safe_close()
            raise self._error("cannot open", exc) from exc
        self._open_now = True

    def close(self) -> None:
        self._safe_close()
        self._open_now = False

    def _safe_close(self) -> None:
        with contextlib.suppress(Exception):  # closing a broken connection must never raise
            self._close()

    def __enter__(self) -> Transport:
        self.open()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    # --- I/O -------------------------------------------------------------------------------

    def write(self, data: bytes, timeout: float | None = None) -> None:
        """Write everything within `timeout` (default: write_timeout_s) or raise."""
        self.open()
        limit = self.settings.write_timeout_s if timeout is None else timeout
        deadline = time.monotonic() + limit
        view = memoryview(data)
        sent = 0
        while sent < len(data):
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                self.close()
                raise TransportError(
                    self.device,
                    f"write timed out after {limit:.1f} s ({sent} of {len(data)} bytes sent)",
                    self._hint_stalled(),
                    bytes_sent=sent,
                )
            try:
                sent += self._write_some(view[sent:], remaining)
            except TransportError as exc:
                self.close()
                exc.bytes_sent = sent
                raise
            except Exception as exc:
                self.close()
                raise self._error("write failed", exc, bytes_sent=sent) from exc

    def read(self, count: int, timeout: float) -> bytes:
        """Up to `count` bytes, returning early once they are all there; b"" if none came."""
        self.open()
        deadline = time.monotonic() + timeout
        got = b""
        while len(got) < count:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            try:
                got += self._read_some(count - len(got), remaining)
            except TransportError:
                self.close()
                raise
            except Exception as exc:
                self.close()
                raise self._error("read failed", exc) from exc
        return got

    def drain_input(self) -> None:
        """Drop stale bytes (late answers, automatic status messages) before a query,
        without waiting for more."""
        self.open()
        for _ in range(64):
            try:
                chunk = self._read_some(4096, 0.0)
            except TransportError:
                self.close()
                raise
            except Exception as exc:
                self.close()
                raise self._error("read failed", exc) from exc
            if not chunk:
                return

    def exchange(
        self,
        payload: bytes,
        queries: Sequence[int],
        timeout: float,
        write_timeout: float | None = None,
    ) -> dict[int, int | None]:
        """Write `payload` followed by DLE EOT n for each query; read one byte per query.

        DLE EOT is real-time, so the answers only come once the printer has received
        everything before them: after a slip they confirm that the slip arrived.
        """
        self.drain_input()
        data = payload + status_query_bytes(queries)
        self.write(data, write_timeout)
        try:
            answers = self.read(len(queries), timeout)
        except TransportError as exc:
            exc.bytes_sent = len(payload)  # all of it went out before the link failed
            raise
        return {n: (answers[i] if i < len(answers) else None) for i, n in enumerate(queries)}

    def query_status(self, timeout: float | None = None) -> PrinterStatus:
        """Ask DLE EOT 1, 2 and 4 (and 3 when the printer reports an error). Never raises:
        a transport failure is OFFLINE (cannot open) or UNKNOWN (no answer)."""
        if not self.supports_status:
            return PrinterStatus.not_supported(f"{self.device} has no status channel")
        limit = self.settings.status_timeout_s if timeout is None else timeout
        try:
            self.open()
        except TransportError as exc:
            return PrinterStatus.offline(str(exc))
        try:
            answers = self.exchange(b"", STATUS_QUERIES, limit)
            status = decode_status(answers)
            if status.error:
                answers.update(self.exchange(b"", (3,), limit))
                status = decode_status(answers)
        except TransportError as exc:
            return PrinterStatus.unknown(str(exc))
        return status

    # --- for subclasses --------------------------------------------------------------------

    @abstractmethod
    def _open(self) -> None: ...

    @abstractmethod
    def _close(self) -> None: ...

    @abstractmethod
    def _write_some(self, data: memoryview, timeout: float) -> int: ...

    @abstractmethod
    def _read_some(self, count: int, timeout: float) -> bytes: ...

    def _hint_stalled(self) -> str:
        return "the printer is on, online, has paper and the cable is connected"

    def _error(self, what: str, exc: BaseException, bytes_sent: int = 0) -> TransportError:
        return TransportError(self.device, f"{what}: {exc}", self._hint_for(exc), bytes_sent)

    def _hint_for(self, exc: BaseException) -> str:
        return self._hint_stalled()


# --- network (raw TCP, port 9100) ---------------------------------------------------------------


class NetworkTransport(Transport):
    """Raw TCP. One connection per job (printers such as Bixolon accept a single client, and a
    long-lived socket to a printer that rebooted fails silently)."""

    persistent = False

    def __init__(self, settings: PrinterSettings) -> None:
        super().__init__(settings)
        self._sock: socket.socket | None = None

    def _open(self) -> None:
        s = self.settings
        self._sock = socket.create_connection((s.host, s.port), timeout=s.connect_timeout_s)
        self._sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def _close(self) -> None:
        sock, self._sock = self._sock, None
        if sock is None:
            return
        with contextlib.suppress(OSError):
            sock.shutdown(socket.SHUT_RDWR)
        sock.close()

    def _write_some(self, data: memoryview, timeout: float) -> int:
        assert self._sock is not None
        self._sock.settimeout(timeout)
        try:
            return self._sock.send(data)
        except TimeoutError:
            return 0  # the caller's deadline decides

    def _read_some(self, count: int, timeout: float) -> bytes:
        assert self._sock is not None
        self._sock.settimeout(max(timeout, 0.0))  # 0: non-blocking
        try:
            chunk = self._sock.recv(count)
        except (TimeoutError, BlockingIOError):
            return b""
        if not chunk:
            raise TransportError(
                self.device, "the printer closed the connection", self._hint_stalled()
            )
        return chunk

    def _hint_for(self, exc: BaseException) -> str:
        s = self.settings
        if isinstance(exc, ConnectionRefusedError):
            return (
                f"the printer at {s.host} is switched on and listens on port {s.port} "
                "(raw/JetDirect printing enabled)"
            )
        if isinstance(exc, TimeoutError | socket.timeout):
            return (
                f"the IP address {s.host} (print the printer's self-test page to see it), "
                "the network cable, and that the kiosk is on the same network"
            )
        if isinstance(exc, socket.gaierror):
            return f"the host name {s.host!r}; use the printer's IP address"
        return f"the network cable and the printer's IP address ({s.host}:{s.port})"


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


# --- device files (/dev/usb/lp0) and plain files -----------------------------------------------


class DeviceFileTransport(Transport):
    """A character device: the kernel usblp driver's /dev/usb/lp*, a parallel port.
    Status is read back from the device when the driver supports reading."""

    def __init__(self, settings: PrinterSettings, path: str) -> None:
        super().__init__(settings)
        self.path = path
        self._fd: int | None = None

    def _open(self) -> None:
        flags = os.O_NONBLOCK | getattr(os, "O_NOCTTY", 0)
        try:
            self._fd = os.open(self.path, os.O_RDWR | flags)
        except OSError as exc:
            if exc.errno not in (errno.EINVAL, errno.EROFS, errno.EPERM):
                raise
            self._fd = os.open(self.path, os.O_WRONLY | flags)  # no read path: status UNKNOWN

    def _close(self) -> None:
        fd, self._fd = self._fd, None
        if fd is not None:
            os.close(fd)

    def _write_some(self, data: memoryview, timeout: float) -> int:
        assert self._fd is not None
        _, writable, _ = select.select([], [self._fd], [], timeout)
        if not writable:
            return 0
        try:
            return os.write(self._fd, data[:4096])
        except BlockingIOError:
            return 0

    def _read_some(self, count: int, timeout: float) -> bytes:
        assert self._fd is not None
        readable, _, _ = select.select([self._fd], [], [], timeout)
        if not readable:
            return b""
        try:
            chunk = os.read(self._fd, count)
        except BlockingIOError:
            return b""
        except OSError as exc:
            if exc.errno in (errno.EBADF, errno.EINVAL):  # opened write-only / no read support
                time.sleep(timeout)
                return b""
            raise
        if not chunk:
            time.sleep(min(timeout, 0.01))  # EOF on a device: nothing to read yet
        return chunk

    def _hint_for(self, exc: BaseException) -> str:
        if isinstance(exc, FileNotFoundError):
            return (
                f"{self.path} does not exist: check the USB cable and power "
                "(ls /dev/usb/; dmesg | grep usblp)"
            )
        if isinstance(exc, PermissionError):
            return f"permissions on {self.path}: add the kiosk user to the lp group"
        if isinstance(exc, OSError) and exc.errno == errno.EBUSY:
            return f"another program (CUPS?) has {self.path} open"
        return self._hint_stalled()


class FileTransport(Transport):
    """Appends the raw bytes to a regular file (debugging, capture). Has no status channel."""

    persistent = False
    supports_status = False

    def __init__(self, settings: PrinterSettings, path: str) -> None:
        super().__init__(settings)
        self.path = path
        self._file: Any = None

    def _open(self) -> None:
        self._file = open(self.path, "ab")  # noqa: SIM115 - closed in _close

    def _close(self) -> None:
        file, self._file = self._file, None
        if file is not None:
            file.close()

    def _write_some(self, data: memoryview, timeout: float) -> int:
        written = int(self._file.write(data))
        self._file.flush()
        return written

    def _read_some(self, count: int, timeout: float) -> bytes:
        return b""

    def _hint_for(self, exc: BaseException) -> str:
        return f"that the folder of {self.path} exists and is writable"


class PreviewTransport(Transport):
    """Keeps the last slip's bytes in memory; the preview image is made from the layout."""

    persistent = True
    supports_status = False

    def __init__(self, settings: PrinterSettings) -> None:
        super().__init__(settings)
        self.last_bytes = b""

    def _open(self) -> None:
        pass

    def _close(self) -> None:
        pass

    def _write_some(self, data: memoryview, timeout: float) -> int:
        self.last_bytes = bytes(data)
        return len(data)

    def _read_some(self, count: int, timeout: float) -> bytes:
        return b""


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


def make_transport(settings: PrinterSettings) -> Transport:
    """The transport for `settings.kind`."""
    match settings.kind:
        case "network":
            return NetworkTransport(settings)
        case "serial":
            return SerialTransport(settings)
        case "usb":
            if settings.usb_device:
                return DeviceFileTransport(settings, settings.usb_device)
            return UsbTransport(settings)
        case "file":
            path = settings.file_path
            try:
                if stat.S_ISCHR(os.stat(path).st_mode):
                    return DeviceFileTransport(settings, path)
            except OSError:
                pass
            return FileTransport(settings, path)
        case _:
            return PreviewTransport(settings)
