"""``[panel]`` (the physical screen) and ``[screen]`` (which display, which way up, how large),
and their one validator.

``check_screen`` is used by the config file check and, through it, by the technician's screen
form (the form saves the whole file, which is checked first).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

from kiosk.settings.rules import Choice, Key, Problem, Range, check_table

ORIENTATIONS = ("auto", "landscape", "portrait")


@dataclass(frozen=True)
class PanelConfig:
    """The physical screen: sizes on screen are set in millimetres through this.

    ``scale`` (from ``[screen] scale``) makes every millimetre size larger (1.0 to 2.0), for
    a panel mounted further away; it never makes anything smaller than the rules.
    """

    diagonal_in: float = 21.5
    width_px: int = 1920
    height_px: int = 1080
    scale: float = 1.0

    @property
    def mm_per_px(self) -> float:
        diag_px = (self.width_px**2 + self.height_px**2) ** 0.5
        return self.diagonal_in * 25.4 / diag_px / self.scale

    @property
    def portrait(self) -> bool:
        return self.height_px > self.width_px

    def px(self, mm: float) -> int:
        """Millimetres on this panel to whole pixels (rounded up)."""
        return int(-(-mm // self.mm_per_px))


@dataclass(frozen=True)
class ScreenConfig:
    """Which display the kiosk fills, which way up, and how large (``[screen]``)."""

    display: int = 0  # index of the display (QGuiApplication.screens()); 0 = the first
    orientation: str = "auto"  # auto (as [panel] says) | landscape | portrait
    scale: float = 1.0  # 1.0 .. 2.0: every size on screen times this


PANEL_KEYS: dict[str, Key] = {
    "diagonal_in": Key(float, Range(7.0, 100.0)),
    "width_px": Key(int, Range(320, 8000)),
    "height_px": Key(int, Range(320, 8000)),
}
SCREEN_KEYS: dict[str, Key] = {
    "display": Key(int, Range(0, 15)),
    "orientation": Key(str, Choice(ORIENTATIONS)),
    "scale": Key(float, Range(1.0, 2.0)),
}


def check_screen(
    screen: Mapping[str, Any],
    panel: Mapping[str, Any],
    base: tuple[ScreenConfig, PanelConfig],
) -> tuple[ScreenConfig, PanelConfig, list[Problem]]:
    """The ``[screen]`` and ``[panel]`` tables over ``base``; a bad key keeps its base value.
    The panel comes back turned to the orientation and scaled (as the kiosk uses it)."""
    good_screen, problems = check_table("screen", screen, SCREEN_KEYS)
    good_panel, panel_problems = check_table("panel", panel, PANEL_KEYS)
    new_screen = replace(base[0], **good_screen)
    new_panel = oriented(replace(base[1], **good_panel), new_screen)
    return new_screen, new_panel, problems + panel_problems


def oriented(panel: PanelConfig, screen: ScreenConfig) -> PanelConfig:
    """The panel as the kiosk uses it: turned to the configured orientation, scaled."""
    w, h = panel.width_px, panel.height_px
    if screen.orientation == "landscape":
        w, h = max(w, h), min(w, h)
    elif screen.orientation == "portrait":
        w, h = min(w, h), max(w, h)
    return replace(panel, width_px=w, height_px=h, scale=screen.scale)
