"""Switching language live on every staff and technician screen: English and back changes
what is shown, comes back to the same Indonesian, and no widget is left in the other
language (the checks of tests/ui/test_live_language.py)."""

from __future__ import annotations

from ..ui.test_live_language import switched, wrong_language
from .test_staff_a11y import pages


def test_every_staff_screen_switches_language_live(qtbot, staff_kiosk) -> None:  # type: ignore[no-untyped-def]
    k = staff_kiosk()
    overlay = k.staff.overlay
    seen = 0
    for name in pages(qtbot, k):
        k.staff._tick.stop()  # the countdown in the header must not move meanwhile
        before, english, after = switched(qtbot, k, overlay)
        assert english != before, f"{name}: nothing changed"
        assert after == before, f"{name}: not the same Indonesian again"
        assert wrong_language(before, "id", k.catalog.current) == [], name
        assert wrong_language(english, "en", k.catalog.current) == [], name
        seen += 1
    assert seen == 14
