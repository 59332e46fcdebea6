"""How the emulated printer is reached: a loopback TCP port (`TcpEmulator`), the printer
end of a serial line (`SerialEmulator`), and a socat pty pair to make such a line
(`SocatPtyPair`). Drop-after and hang faults apply per connection."""

from __future__ import annotations

import contextlib
import os
import select
import shutil
import signal
import socket
import struct
import subprocess
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from tools.escpos_emulator.device import EmulatedPrinter
from tools.escpos_emulator.tokenizer import Tokenizer

# --- connection handling shared by TCP and serial ------------------------------------------------


class _Link:
    """One connection: tokenizer, byte count, drop-after."""

    def __init__(self, printer: EmulatedPrinter) -> None:
        self.printer = printer
        self.tokenizer = Tokenizer()
        self.count = 0
        self.epoch = printer.drop_epoch
        self.cut_off = False  # drop-after reached

    def receive(self, data: bytes) -> tuple[bytes, bool]:
        """(reply, keep_going). Applies drop-after to this connection."""
        if self.epoch != self.printer.drop_epoch:
            self.epoch, self.count = self.printer.drop_epoch, 0
        limit = self.printer.drop_after
        if limit is not None and self.count + len(data) >= limit:
            data = data[: max(0, limit - self.count)]
            self.count = limit
            reply = self.printer.process(self.tokenizer.feed(data))
            if self.printer.drop_mode == "hang":
                self.printer.set_drop_after(None)
                self.printer.set_fault("hang")
                return reply, True  # the rest of this read is lost, like a stalled buffer
            self.cut_off = True
            return reply, False
        self.count += len(data)
        return self.printer.process(self.tokenizer.feed(data)), True


class TcpEmulator:
    """The emulated printer on a loopback TCP port (raw port 9100 protocol)."""

    def __init__(self, printer: EmulatedPrinter, host: str = "127.0.0.1", port: int = 0) -> None:
        self.printer = printer
        self._server = socket.create_server((host, port))
        self._server.settimeout(0.1)
        self.host, self.port = self._server.getsockname()[:2]
        self._stop = threading.Event()
        self._threads: list[threading.Thread] = []
        self._conns: set[socket.socket] = set()
        self._accept = threading.Thread(target=self._serve, name="emulator-tcp", daemon=True)

    def start(self) -> TcpEmulator:
        self._accept.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._accept.join(2)
        self._server.close()
        for conn in list(self._conns):
            with contextlib.suppress(OSError):
                conn.close()
        for thread in self._threads:
            thread.join(2)

    def __enter__(self) -> TcpEmulator:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    def _serve(self) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = self._server.accept()
            except (TimeoutError, OSError):
                continue
            conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            self._conns.add(conn)
            thread = threading.Thread(target=self._client, args=(conn,), daemon=True)
            self._threads = [t for t in self._threads if t.is_alive()] + [thread]
            thread.start()

    def _client(self, conn: socket.socket) -> None:
        link = _Link(self.printer)
        try:
            while not self._stop.is_set():
                if self.printer.has_fault("hang"):
                    time.sleep(0.01)  # accepted, never read: the kiosk's writes pile up
                    continue
                ready, _, _ = select.select([conn], [], [], 0.05)
                if not ready:
                    continue
                data = conn.recv(65536)
                if not data:
                    break
                reply, keep = link.receive(data)
                if reply:
                    conn.sendall(reply)
                if not keep:
                    # hard disconnect (RST), like a printer losing power mid-slip
                    conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
                    break
        except OSError:
            pass
        finally:
            self._conns.discard(conn)
            with contextlib.suppress(OSError):
                conn.close()
            self.printer.connection_closed()


class SerialEmulator:
    """The emulated printer on a serial device (the printer end of a pty pair)."""

    def __init__(self, printer: EmulatedPrinter, device: str) -> None:
        self.printer = printer
        self.device = device
        self._stop = threading.Event()
        self._fd = os.open(device, os.O_RDWR | os.O_NOCTTY | os.O_NONBLOCK)
        _make_raw(self._fd)
        self._thread = threading.Thread(target=self._serve, name="emulator-serial", daemon=True)

    def start(self) -> SerialEmulator:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(2)
        with contextlib.suppress(OSError):
            os.close(self._fd)

    def __enter__(self) -> SerialEmulator:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()

    def _serve(self) -> None:
        link = _Link(self.printer)
        while not self._stop.is_set():
            if self.printer.has_fault("hang"):
                time.sleep(0.01)
                continue
            ready, _, _ = select.select([self._fd], [], [], 0.05)
            if not ready:
                continue
            try:
                data = os.read(self._fd, 65536)
            except BlockingIOError:
                continue
            except OSError:
                time.sleep(0.01)  # the other end is not open yet (EIO on a pty)
                continue
            if link.cut_off:
                if self.printer.drop_after is None:  # fault cleared: the cable is back
                    link = _Link(self.printer)
                else:
                    continue  # cable pulled: bytes vanish, nothing answers
            reply, _keep = link.receive(data)
            if reply:
                with contextlib.suppress(OSError):
                    os.write(self._fd, reply)


def _make_raw(fd: int) -> None:
    with contextlib.suppress(Exception):
        import termios
        import tty

        tty.setraw(fd, termios.TCSANOW)
        attrs = termios.tcgetattr(fd)
        attrs[3] &= ~termios.ECHO
        termios.tcsetattr(fd, termios.TCSANOW, attrs)


# --- socat pty pair ---------------------------------------------------------------------------


class SocatPtyPair:
    """`socat -d -d pty,raw,echo=0,link=A pty,raw,echo=0,link=B`: a virtual null-modem cable.

    `kiosk_end` is opened by the kiosk (as `serial_device`), `printer_end` by `SerialEmulator`.
    """

    def __init__(self, folder: str | Path | None = None) -> None:
        self._own_dir = folder is None
        self.folder = Path(folder or tempfile.mkdtemp(prefix="mpp-pty-"))
        self.kiosk_end = str(self.folder / "ttyKIOSK")
        self.printer_end = str(self.folder / "ttyPRN")
        self._proc: subprocess.Popen[bytes] | None = None
        self._log: BinaryIO | None = None

    def start(self, timeout: float = 5.0) -> SocatPtyPair:
        socat = shutil.which("socat")
        if socat is None:
            raise RuntimeError("socat is not installed (apt-get install socat)")
        self.folder.mkdir(parents=True, exist_ok=True)
        self._log = (self.folder / "socat.log").open("wb")
        self._proc = subprocess.Popen(
            [
                socat,
                "-d",
                "-d",
                f"pty,raw,echo=0,link={self.kiosk_end}",
                f"pty,raw,echo=0,link={self.printer_end}",
            ],
            stdout=subprocess.DEVNULL,
            stderr=self._log,
        )
        deadline = time.monotonic() + timeout
        while not (os.path.exists(self.kiosk_end) and os.path.exists(self.printer_end)):
            if self._proc.poll() is not None or time.monotonic() > deadline:
                self._log.flush()
                err = (self.folder / "socat.log").read_text(errors="replace")
                self.stop()
                raise RuntimeError(f"socat did not create the pty pair: {err.strip()}")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        proc, self._proc = self._proc, None
        if proc is not None and proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(2)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(2)
        if self._log is not None:
            self._log.close()
            self._log = None
        if self._own_dir:
            shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> SocatPtyPair:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()


@contextlib.contextmanager
def running_emulator(
    printer: EmulatedPrinter | None = None,
) -> Iterator[tuple[EmulatedPrinter, TcpEmulator]]:
    """A TCP emulator on a free loopback port, stopped on exit (tests, benchmarks)."""
    device = printer or EmulatedPrinter()
    server = TcpEmulator(device).start()
    try:
        yield device, server
    finally:
        server.stop()
