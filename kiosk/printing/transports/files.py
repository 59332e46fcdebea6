"""Character devices (the kernel usblp driver's /dev/usb/lp*), plain files, and the
preview printer's in-memory transport."""

from __future__ import annotations

import errno
import os
import select
import time
from typing import Any

from kiosk.printing.settings import PrinterSettings
from kiosk.printing.transports.base import Transport

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
