"""The staff screens follow the visitor screens' rules (accessibility.md §5): targets of
20 mm at least and 2.5 mm apart, capitals of 4.8 mm, names on every target, 7:1 contrast,
in both orientations and both languages."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QAbstractButton, QWidget

from kiosk.screens.staff.common import STAFF_TEXT_PAIRS
from mpp_core.domain.contrast import contrast_ratio, parse_hex_color

from ..ui.test_accessibility import PANELS, screen_problems, visible_rect
from .conftest import TECH_PIN, sign_in


def pages(qtbot, k) -> Iterator[str]:  # type: ignore[no-untyped-def]
    s, o = k.staff, k.staff.overlay
    s.open()
    o.pin.type_digit("1")
    yield "pin"
    o.pin.set_state("wrong", attempts_left=3)
    yield "pin-wrong"
    s.leave()
    sign_in(qtbot, k, TECH_PIN)
    for name in ("health", "actions", "reprint", "pause", "printer", "server", "screen", "kiosk"):
        s._go(name)
        yield name
    s._go("pause")
    o.pause.choice.set_value("custom")
    o.pause._chosen("custom")
    yield "pause-typing"
    s._go("printer")
    o.printer.kind.set_value("network")
    o.printer._show_kind()
    o.printer.keys.open(o.printer.host.edit)
    yield "printer-typing"
    s._go("kiosk")
    o.kiosk.mode.set_value("custom")
    o.kiosk._show_mode()
    yield "kiosk-hours"
    s._go("actions")
    o.actions_page._tap("restart")
    yield "actions-confirm"


def clipped(b: QAbstractButton) -> bool:
    """The button's words, icon and padding do not fit inside it (X2: no clipped text)."""
    b.ensurePolished()
    return b.sizeHint().width() > b.width() + 1


def targets(overlay: QWidget) -> Iterator[QAbstractButton]:
    for w in overlay.findChildren(QAbstractButton):
        if visible_rect(overlay, w) is not None:
            yield w


@pytest.mark.parametrize("orientation", ["landscape", "portrait"])
@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_staff_screen_meets_the_numbers(
    qtbot,
    staff_kiosk,
    orientation: str,  # type: ignore[no-untyped-def]
    lang: str,
) -> None:
    panel = PANELS[orientation]
    k = staff_kiosk(panel=panel)
    overlay = k.staff.overlay
    seen = 0
    for name in pages(qtbot, k):
        if k.flow.language.lang != lang:
            k.flow.set_language(lang)  # the staff screens reword themselves as well
        qtbot.wait(10)
        found = list(targets(overlay))
        assert found, name
        problems = screen_problems(
            overlay,
            found,
            panel,
            whole_only=True,
            extra=lambda t: f"words cut off ({t.width()} px wide)" if clipped(t) else None,
        )
        assert problems == [], f"{orientation}/{lang}/{name}: " + "; ".join(problems[:12])
        seen += 1
    assert seen == 14


def test_text_fields_have_names(qtbot, staff_kiosk) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtWidgets import QLineEdit

    k = staff_kiosk()
    edits = k.staff.overlay.findChildren(QLineEdit)
    assert len(edits) >= 8
    assert all(e.accessibleName().strip() for e in edits), [
        e.objectName() for e in edits if not e.accessibleName()
    ]


def test_staff_colour_pairs_reach_7_to_1() -> None:
    for fg, bg in STAFF_TEXT_PAIRS:
        assert contrast_ratio(parse_hex_color(fg), parse_hex_color(bg)) >= 7.0, (fg, bg)
