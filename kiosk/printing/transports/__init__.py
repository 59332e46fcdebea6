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

Modules by transport kind: `base` (Transport, TransportError), `network`, `serial_line`,
`usb_bus`, `files` (device files, plain files, the preview printer).
"""

from __future__ import annotations

import os
import stat

from kiosk.printing.settings import PrinterSettings
from kiosk.printing.transports.base import Transport, TransportError, status_query_bytes
from kiosk.printing.transports.files import DeviceFileTransport, FileTransport, PreviewTransport
from kiosk.printing.transports.network import NetworkTransport
from kiosk.printing.transports.serial_line import SerialTransport
from kiosk.printing.transports.usb_bus import UDEV_RULE_EXAMPLE, UsbTransport

__all__ = [
    "UDEV_RULE_EXAMPLE",
    "DeviceFileTransport",
    "FileTransport",
    "NetworkTransport",
    "PreviewTransport",
    "SerialTransport",
    "Transport",
    "TransportError",
    "UsbTransport",
    "make_transport",
    "status_query_bytes",
]


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
