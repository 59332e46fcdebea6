"""Guard against a Qt binding that leaks references from None.

PySide6 6.12.0 on CPython 3.11 returns None from void methods without a new reference; every
call then takes one reference away from None and the process aborts within a few thousand
calls (see pyproject.toml). A kiosk makes millions of such calls a day.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel, QPushButton


def test_void_qt_calls_leave_none_alone(qtbot) -> None:  # type: ignore[no-untyped-def]
    b = QPushButton("x")
    lab = QLabel("y")
    qtbot.addWidget(b)
    qtbot.addWidget(lab)
    before = sys.getrefcount(None)
    for _ in range(500):
        b.setText("a")
        lab.setText("b")
        b.update()
        b.setEnabled(True)
    assert sys.getrefcount(None) - before > -100
