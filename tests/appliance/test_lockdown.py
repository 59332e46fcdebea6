"""Kiosk mode: the window refuses to close (only staff exit the app), no context menus,
keyboard shortcuts swallowed (digits still reach the staff PIN pad), the cursor hidden."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QContextMenuEvent, QGuiApplication
from PySide6.QtWidgets import QApplication, QLineEdit

from kiosk.app import Boot
from kiosk.lifecycle import Lockdown
from kiosk.screens.staff.pin_pad import PinPadScreen
from kiosk.settings.kiosk import KioskConfig


def test_kiosk_mode_locks_the_window_down(qtbot) -> None:  # type: ignore[no-untyped-def]
    boot = Boot.create(KioskConfig(fullscreen=False))
    window = boot.window
    qtbot.addWidget(window)
    window.locked = True
    lockdown = Lockdown(boot.app)
    try:
        window.show()
        qtbot.waitExposed(window)
        assert window.close() is False and window.isVisible()  # Alt+F4, a close request

        qtbot.keyClick(window, Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier)
        qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClick(window, Qt.Key.Key_F1)
        assert lockdown.blocked >= 3 and window.isVisible()

        field = QLineEdit(window)
        field.show()
        before = lockdown.blocked
        QApplication.sendEvent(
            field, QContextMenuEvent(QContextMenuEvent.Reason.Mouse, QPoint(2, 2), QPoint(2, 2))
        )
        assert lockdown.blocked == before + 1  # no menu opened

        pad = PinPadScreen(window.m)
        qtbot.addWidget(pad)
        pad.show()
        qtbot.keyClicks(pad, "4829")  # plain digits still type a PIN
        assert pad.pin == "4829"

        cursor = QGuiApplication.overrideCursor()
        assert cursor is not None and cursor.shape() is Qt.CursorShape.BlankCursor

        window.may_close = True  # the orderly stop, or staff leaving
        assert window.close() is True
    finally:
        lockdown.release()
    assert QGuiApplication.overrideCursor() is None
