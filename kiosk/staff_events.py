"""The Qt event filters staff mode adds to the visitor screens: the hidden gesture (a press
held in the welcome screen's top-left corner) and a watch that rewords the visitors' pause
notice when the language changes."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QRect, QTimer
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QWidget


class CornerHold(QObject):
    """The hidden gesture: a press held still in the welcome screen's top-left corner.
    Its release is swallowed, so the welcome screen does not also start the visitor path."""

    def __init__(
        self, target: QWidget, corner_px: int, hold_ms: int, on_hold: Callable[[], None]
    ) -> None:
        super().__init__(target)
        self.target = target
        self.corner_px = corner_px
        self.on_hold = on_hold
        self.fired = False
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(hold_ms)
        self.timer.timeout.connect(self._fire)
        target.installEventFilter(self)

    def corner(self) -> QRect:
        return QRect(0, 0, self.corner_px, self.corner_px)

    def eventFilter(self, obj: QObject, e: QEvent) -> bool:
        t = e.type()
        if t == QEvent.Type.MouseButtonPress and isinstance(e, QMouseEvent):
            self.fired = False
            if self.corner().contains(e.position().toPoint()):
                self.timer.start()
            return False
        if t == QEvent.Type.MouseMove and isinstance(e, QMouseEvent):
            if self.timer.isActive() and not self.corner().adjusted(
                -self.corner_px // 4,
                -self.corner_px // 4,
                self.corner_px // 4,
                self.corner_px // 4,
            ).contains(e.position().toPoint()):
                self.timer.stop()
            return False
        if t == QEvent.Type.MouseButtonRelease:
            self.timer.stop()
            if self.fired:
                self.fired = False
                return True  # the gesture's own release: not a tap on the welcome screen
        return False

    def _fire(self) -> None:
        self.fired = True
        self.on_hold()
