"""Sizes in millimetres on the configured panel, colours, fonts and the style sheet.

Every size a visitor meets is set here in mm and converted with the panel's mm/px, so a
touch target is 20 mm on a 15.6" panel and on a 32" one alike (see docs/accessibility).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from PySide6.QtGui import QColor, QFont, QFontDatabase, QFontMetricsF

from kiosk.settings.screen import PanelConfig
from mpp_core.assets import assets_dir

ASSETS = assets_dir()
FONT_FAMILY = "Noto Sans"

# Colour tokens. Each text/background pair used is listed in TEXT_PAIRS and tested >= 7:1.
BG = "#EEF1F4"
SURFACE = "#FFFFFF"
TEXT = "#111827"
TEXT_MUTED = "#2F3A48"
PRIMARY = "#0B4F8A"
ON_PRIMARY = "#FFFFFF"
GO = "#0A5A2A"  # take a number
PRIORITY = "#5B2A86"
WARN_BG = "#FFF4D6"
WARN_TEXT = "#5A3300"
ERROR_BG = "#FDE8E8"
ERROR_TEXT = "#7A0D0D"
PLANNED_BG = "#DDE2E8"
PLANNED_TEXT = "#1F2937"
BORDER = "#5B6675"  # >= 3:1 against SURFACE (non-text contrast)

TEXT_PAIRS: tuple[tuple[str, str], ...] = (
    (TEXT, BG),
    (TEXT, SURFACE),
    (TEXT_MUTED, SURFACE),
    (TEXT_MUTED, BG),
    (ON_PRIMARY, PRIMARY),
    (ON_PRIMARY, GO),
    (ON_PRIMARY, PRIORITY),
    (WARN_TEXT, WARN_BG),
    (ERROR_TEXT, ERROR_BG),
    (PLANNED_TEXT, PLANNED_BG),
)


@dataclass(frozen=True)
class Metrics:
    """Pixel sizes for one panel, from millimetre rules."""

    panel: PanelConfig
    cap_ratio: float  # cap height / pixel size of the UI font

    def px(self, mm: float) -> int:
        return self.panel.px(mm)

    def font_px_for_cap(self, cap_mm: float) -> int:
        """The pixel size that gives capitals ``cap_mm`` tall."""
        return math.ceil(cap_mm / self.panel.mm_per_px / self.cap_ratio)

    # Targets and spacing (accessibility.md T1/T2: >= 20 mm, >= 2.5 mm apart).
    @property
    def target(self) -> int:
        return self.px(22)

    @property
    def big_target(self) -> int:
        return self.px(28)

    @property
    def gap(self) -> int:
        return self.px(4)

    @property
    def margin(self) -> int:
        return self.px(8)

    # Text (capital height >= 4.8 mm; we use 5.2 mm for body text).
    @property
    def body(self) -> int:
        return self.font_px_for_cap(5.2)

    @property
    def label(self) -> int:
        return self.font_px_for_cap(6.0)

    @property
    def title(self) -> int:
        return self.font_px_for_cap(8.5)

    @property
    def huge(self) -> int:
        return self.font_px_for_cap(14.0)

    @property
    def ticket(self) -> int:
        return self.font_px_for_cap(38.0)

    @property
    def icon(self) -> int:
        return self.px(13)


def load_fonts() -> str:
    """Register the bundled Noto Sans (same look on every kiosk); returns the family."""
    fonts = ASSETS / "fonts"
    family = FONT_FAMILY
    for name in ("NotoSans-Regular.ttf", "NotoSans-Bold.ttf"):
        fid = QFontDatabase.addApplicationFont(str(fonts / name))
        if fid >= 0:
            families = QFontDatabase.applicationFontFamilies(fid)
            if families:
                family = families[0]
    return family


def make_metrics(panel: PanelConfig, family: str = FONT_FAMILY) -> Metrics:
    f = QFont(family)
    f.setPixelSize(200)
    cap = QFontMetricsF(f).capHeight()
    ratio = cap / 200 if cap > 0 else 0.714
    return Metrics(panel, ratio)


def font(m: Metrics, px: int, bold: bool = False) -> QFont:
    f = QFont(FONT_FAMILY)
    f.setPixelSize(px)
    f.setBold(bold)
    return f


def style_sheet(m: Metrics) -> str:
    """The one style sheet. No hover rules: touch screens have no hover."""
    r = m.px(3)
    return f"""
    QWidget {{ font-family: "{FONT_FAMILY}"; color: {TEXT}; }}
    #KioskRoot, #Screen {{ background: {BG}; }}
    QLabel {{ font-size: {m.body}px; background: transparent; }}
    QLabel[role="title"] {{ font-size: {m.title}px; font-weight: bold; }}
    QLabel[role="label"] {{ font-size: {m.label}px; }}
    QLabel[role="muted"] {{ color: {TEXT_MUTED}; }}
    QLabel[role="huge"] {{ font-size: {m.huge}px; font-weight: bold; }}
    QLabel[role="ticket"] {{ font-size: {m.ticket}px; font-weight: bold; color: {TEXT}; }}
    QLabel[role="warn"] {{ background: {WARN_BG}; color: {WARN_TEXT}; padding: {m.px(3)}px;
        border-radius: {r}px; font-size: {m.label}px; }}
    QLabel[role="error"] {{ background: {ERROR_BG}; color: {ERROR_TEXT}; padding: {m.px(3)}px;
        border-radius: {r}px; font-size: {m.label}px; font-weight: bold; }}
    QFrame[role="card"] {{ background: {SURFACE}; border: 2px solid {BORDER};
        border-radius: {r}px; }}
    QPushButton {{ font-size: {m.label}px; font-weight: bold; min-height: {m.target}px;
        min-width: {m.target}px; border-radius: {r}px; padding: 0 {m.px(4)}px;
        background: {SURFACE}; color: {TEXT}; border: 2px solid {BORDER}; }}
    QPushButton:pressed {{ background: {PLANNED_BG}; }}
    QPushButton:focus {{ border: 4px solid {PRIMARY}; }}
    QPushButton[kind="primary"] {{ background: {PRIMARY}; color: {ON_PRIMARY};
        border: none; }}
    QPushButton[kind="go"] {{ background: {GO}; color: {ON_PRIMARY}; border: none;
        font-size: {m.title}px; min-height: {m.big_target}px; }}
    QPushButton[kind="priority"] {{ background: {PRIORITY}; color: {ON_PRIMARY};
        border: none; }}
    QPushButton[kind="key"] {{ font-size: {m.title}px; padding: 0;
        min-width: {m.px(20.5)}px; min-height: {m.px(21)}px; }}
    QPushButton:disabled {{ background: {PLANNED_BG}; color: {PLANNED_TEXT};
        border: 2px dashed {BORDER}; }}
    QLineEdit {{ font-size: {m.title}px; min-height: {m.target}px; padding: 0 {m.px(3)}px;
        border: 3px solid {PRIMARY}; border-radius: {r}px; background: {SURFACE}; }}
    QScrollArea {{ border: none; background: transparent; }}
    QScrollArea > QWidget > QWidget {{ background: transparent; }}
    QScrollBar:vertical {{ width: {m.px(5)}px; background: {PLANNED_BG}; }}
    QScrollBar::handle:vertical {{ background: {BORDER}; min-height: {m.px(15)}px; }}
    """


def qcolor(hex_color: str) -> QColor:
    return QColor(hex_color)
