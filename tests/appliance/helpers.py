"""Shared pieces of the appliance tests: a datagram socket standing in for systemd's notify
socket, and a real SQLite kiosk database filled with tickets."""

from __future__ import annotations

import contextlib
import os
import socket
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class FakeSystemd:
    """Receives what the kiosk sends to ``$NOTIFY_SOCKET`` (as systemd would), with when."""

    path: Path
    sock: socket.socket
    received: list[tuple[float, str]] = field(default_factory=list)

    def env(self, watchdog_usec: int | None = None) -> dict[str, str]:
        env = {"NOTIFY_SOCKET": str(self.path)}
        if watchdog_usec:
            env["WATCHDOG_USEC"] = str(watchdog_usec)
        return env

    def drain(self, timeout: float = 0.0) -> list[str]:
        """Messages that have arrived (waiting up to ``timeout`` for the first)."""
        self.sock.settimeout(timeout if timeout > 0 else 0.0001)
        got: list[str] = []
        while True:
            try:
                data = self.sock.recv(4096)
            except (BlockingIOError, TimeoutError):
                break
            message = data.decode()
            self.received.append((time.monotonic(), message))
            got.append(message)
            self.sock.settimeout(0.0001)
        return got

    def wait_for(self, wanted: str, timeout: float) -> float:
        """Wait until a message containing ``wanted`` arrives; returns when (monotonic)."""
        deadline = time.monotonic() + timeout
        for at, message in self.received:
            if wanted in message:
                return at
        while time.monotonic() < deadline:
            for message in self.drain(min(0.5, max(0.01, deadline - time.monotonic()))):
                if wanted in message:
                    return self.received[-1][0]
        raise AssertionError(f"no {wanted!r} within {timeout} s; got {self.messages()}")

    def messages(self) -> list[str]:
        return [m for _at, m in self.received]


@contextlib.contextmanager
def fake_systemd(folder: Path) -> Iterator[FakeSystemd]:
    path = folder / "notify.sock"
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.bind(str(path))
    os.chmod(path, 0o777)
    try:
        yield FakeSystemd(path, sock)
    finally:
        sock.close()
