"""The running kiosk's life under systemd, on the GUI thread: READY once the first frame is
painted, WATCHDOG pings from the event loop, SIGTERM into an orderly stop, the watch over the
supervisor thread, and the kiosk-mode lockdown of the window.

- **Watchdog.** A ``QTimer`` on the GUI thread sends ``WATCHDOG=1`` every third of the unit's
  ``WatchdogSec=``: if the event loop is stuck, the pings stop and systemd restarts the kiosk.
  (A ping from another thread would keep a frozen screen alive.)
- **SIGTERM/SIGINT.** Python handlers run only when the interpreter gets control, which a Qt
  event loop does not give; ``signal.set_wakeup_fd`` writes the signal number to a socket
  watched by a ``QSocketNotifier``, so the stop starts at once, on the GUI thread.
- **Supervisor.** Every 2 s the GUI thread checks that the supervisor thread is alive (it
  restarts dead worker threads); if not, it is started again.
- **Lockdown** (kiosk mode: fullscreen and not ``--windowed``): the window refuses to close
  (only staff exit the app), no context menu opens, keyboard shortcuts (any key with Ctrl, Alt
  or Meta, function keys) are swallowed, and the mouse cursor is hidden: the kiosk is touch
  only. The staff gesture is a touch, so it still works.
"""

from __future__ import annotations

import logging
import signal
import socket
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QSocketNotifier, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent
from PySide6.QtWidgets import QApplication

from kiosk.system.sdnotify import Notifier
from kiosk.system.supervise import Supervisor

log = logging.getLogger(__name__)

SUPERVISOR_CHECK_MS = 2000
STOP_SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)


class Lifecycle(QObject):
    stop_requested = Signal(int)  # the signal number

    def __init__(self, notifier: Notifier, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.notifier = notifier
        self.stopping = False
        self.pings = 0
        self.supervisor: Supervisor | None = None
        self.status: Callable[[], str] | None = None
        self._watchdog = QTimer(self)
        self._watchdog.timeout.connect(self._ping)
        interval = notifier.watchdog_interval_ms()
        if interval is not None:
            self._watchdog.start(interval)
            log.info("systemd watchdog: a ping every %d ms from the GUI thread", interval)
        self._supervisor_timer = QTimer(self)
        self._supervisor_timer.setInterval(SUPERVISOR_CHECK_MS)
        self._supervisor_timer.timeout.connect(self._check_supervisor)
        self._rsock, self._wsock = socket.socketpair()
        for s in (self._rsock, self._wsock):
            s.setblocking(False)
        self._previous: dict[int, object] = {}
        self._notifier = QSocketNotifier(self._rsock.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._on_signal)
        self._old_wakeup = signal.set_wakeup_fd(self._wsock.fileno(), warn_on_full_buffer=False)
        for sig in STOP_SIGNALS:
            self._previous[sig] = signal.signal(sig, self._note_signal)

    # ------------------------------------------------------------------ systemd

    def first_frame(self) -> None:
        """The welcome screen is on the screen: the unit is started."""
        self.notifier.ready(self.status() if self.status is not None else "first frame shown")

    def _ping(self) -> None:
        if self.notifier.watchdog():
            self.pings += 1

    def send_status(self) -> None:
        if self.status is not None:
            self.notifier.status(self.status())

    # ------------------------------------------------------------------ supervisor

    def watch_supervisor(self, supervisor: Supervisor) -> None:
        self.supervisor = supervisor
        supervisor.start()
        self._supervisor_timer.start()

    def _check_supervisor(self) -> None:
        if self.supervisor is not None and not self.stopping and not self.supervisor.running:
            log.error("the supervisor thread was not running: started again")
            self.supervisor.start()
        self.send_status()

    # ------------------------------------------------------------------ signals

    def _note_signal(self, signum: int, _frame: object) -> None:
        """The Python-level handler (the wakeup socket has already woken the event loop)."""

    def _on_signal(self) -> None:
        try:
            data = self._rsock.recv(64)
        except BlockingIOError:
            return
        for signum in data:
            if signum in STOP_SIGNALS and not self.stopping:
                self.stopping = True
                log.warning("signal %s: stopping", signal.Signals(signum).name)
                self.notifier.stopping()
                self.stop_requested.emit(signum)

    def close(self) -> None:
        """Give the signals back (tests build several kiosks in one process)."""
        self._watchdog.stop()
        self._supervisor_timer.stop()
        signal.set_wakeup_fd(self._old_wakeup)
        for sig, handler in self._previous.items():
            signal.signal(sig, handler)  # type: ignore[arg-type]
        self._notifier.setEnabled(False)
        self._rsock.close()
        self._wsock.close()


class Lockdown(QObject):
    """Kiosk mode's application-wide guard (see the module's description)."""

    BLOCKED = {
        QEvent.Type.ContextMenu,
        QEvent.Type.Shortcut,
        QEvent.Type.ShortcutOverride,
        QEvent.Type.WhatsThis,
    }
    MODIFIERS = (
        Qt.KeyboardModifier.ControlModifier
        | Qt.KeyboardModifier.AltModifier
        | Qt.KeyboardModifier.MetaModifier
    )

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.app = app
        self.blocked = 0
        app.installEventFilter(self)
        QGuiApplication.setOverrideCursor(Qt.CursorShape.BlankCursor)

    def release(self) -> None:
        """Undo it (tests: one application serves many kiosks)."""
        self.app.removeEventFilter(self)
        QGuiApplication.restoreOverrideCursor()

    def eventFilter(self, obj: QObject, e: QEvent) -> bool:
        t = e.type()
        if t in self.BLOCKED:
            self.blocked += 1
            return True
        if t in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease) and isinstance(e, QKeyEvent):
            key = e.key()
            if e.modifiers() & self.MODIFIERS or Qt.Key.Key_F1 <= key <= Qt.Key.Key_F35:
                self.blocked += 1
                return True
        return False
