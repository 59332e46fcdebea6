"""Raw TCP to a network printer (port 9100)."""

from __future__ import annotations

import contextlib
import socket

from kiosk.printing.settings import PrinterSettings
from kiosk.printing.transports.base import Transport, TransportError

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
