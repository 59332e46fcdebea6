"""Tell systemd how the kiosk is: ``READY=1`` once the first frame is painted, ``WATCHDOG=1``
from the GUI thread's event loop, ``STATUS=...`` for ``systemctl status``, ``STOPPING=1``.

The protocol is one datagram to the Unix socket named by ``$NOTIFY_SOCKET`` (a leading ``@``
is Linux's abstract namespace), so the standard library does it in a few lines and no package
(``sdnotify``, ``systemd-python``) is needed: ``systemd-python`` needs libsystemd's headers to
build, ``sdnotify`` is unmaintained, and neither adds anything here.

Under cage the kiosk is not the unit's main process (cage is), so the unit says
``NotifyAccess=all``. ``WATCHDOG_PID`` names cage then, so it is deliberately ignored:
``WATCHDOG_USEC`` alone says the watchdog is on.
"""

from __future__ import annotations

import logging
import os
import socket

log = logging.getLogger(__name__)


class Notifier:
    """Sends notifications to systemd; does nothing when the kiosk does not run under it."""

    def __init__(self, environ: dict[str, str] | None = None) -> None:
        env = os.environ if environ is None else environ
        address = env.get("NOTIFY_SOCKET", "")
        self.address = "\0" + address[1:] if address.startswith("@") else address
        usec = env.get("WATCHDOG_USEC", "")
        self.watchdog_usec = int(usec) if usec.isdigit() and int(usec) > 0 else 0
        self.sent: list[str] = []  # the last few messages, for doctor and tests
        self._failed = False

    @property
    def enabled(self) -> bool:
        return bool(self.address)

    def watchdog_interval_ms(self) -> int | None:
        """How often to ping: a third of systemd's ``WatchdogSec=`` (None: no watchdog)."""
        if not self.enabled or not self.watchdog_usec:
            return None
        return max(1, self.watchdog_usec // 3000)

    def notify(self, message: str) -> bool:
        """Send one message (``"READY=1"``, ``"STATUS=..."``); False when not sent."""
        if not self.enabled:
            return False
        try:
            with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC) as s:
                s.setblocking(False)  # never wait on the GUI thread: a full socket drops it
                s.connect(self.address)
                s.sendall(message.encode("utf-8", "replace"))
        except OSError as exc:
            if not self._failed:  # say it once: a watchdog ping fails every few seconds
                log.warning("systemd notification failed (%s): %s", self.address[:60], exc)
                self._failed = True
            return False
        self._failed = False
        self.sent = [*self.sent[-19:], message.split("\n")[0][:80]]
        return True

    def ready(self, status: str = "") -> bool:
        return self.notify("READY=1" + (f"\nSTATUS={status}" if status else ""))

    def watchdog(self) -> bool:
        return self.notify("WATCHDOG=1")

    def status(self, text: str) -> bool:
        return self.notify(f"STATUS={text}")

    def stopping(self) -> bool:
        return self.notify("STOPPING=1")
