"""Paper accounting: each slip's length from its layout, and what is left on the roll.

Lengths follow how an ESC/POS printer moves paper in standard mode: a text line advances by
the line spacing (ESC 2 default, 30 motion units) or by the character height when that is
larger (Font A is 24 dots, times the GS ! height); a QR code or a raster image advances by its
own height; `ESC d n` feeds n lines. The figures are estimates within a few millimetres, good
enough to warn staff before the roll runs out (the printer's own near-end sensor, when it has
one, is the second line of defence).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from kiosk.printing.bitmaps import (
    QR_QUIET_ZONE_MODULES,
    load_logo,
    qr_module_count,
    qr_symbol_modules,
)
from kiosk.printing.slip import Cut, Feed, ImageBlock, QrBlock, SlipLayout, TextLine

FONT_A_HEIGHT_DOTS = 24
MM_PER_INCH = 25.4


def slip_length_dots(layout: SlipLayout) -> int:
    fmt = layout.format
    spacing = fmt.line_spacing_dots
    total = 0
    for block in layout.blocks:
        if isinstance(block, TextLine):
            total += max(spacing, FONT_A_HEIGHT_DOTS * block.height)
        elif isinstance(block, QrBlock):
            if fmt.qr_mode == "image":
                modules = qr_symbol_modules(block.payload) + 2 * QR_QUIET_ZONE_MODULES
            else:
                modules = qr_module_count(block.payload)
            total += modules * block.module_size
        elif isinstance(block, ImageBlock):
            logo = load_logo(block.path, block.max_width_dots, block.max_height_dots)
            total += logo.height if logo is not None else 0
        elif isinstance(block, Feed):
            total += block.lines * spacing
        elif isinstance(block, Cut):
            total += block.feed_lines * spacing
    return total


def slip_length_mm(layout: SlipLayout) -> float:
    """Paper used by one slip, in millimetres, rounded to 0.1 mm."""
    return round(slip_length_dots(layout) * MM_PER_INCH / layout.format.dpi, 1)


@dataclass(frozen=True)
class PaperCounter:
    """What is left on the roll. Pure and immutable: the app stores `remaining_mm` and builds
    the counter again at start-up (`PaperCounter(roll, remaining, warn)`)."""

    roll_length_mm: float = 50_000.0
    remaining_mm: float = 50_000.0
    warn_below_mm: float = 5_000.0

    @classmethod
    def new_roll(cls, roll_length_m: float = 50.0, warn_below_m: float = 5.0) -> PaperCounter:
        roll = roll_length_m * 1000.0
        return cls(roll, roll, warn_below_m * 1000.0)

    def consume(self, length_mm: float) -> PaperCounter:
        """After a slip of `length_mm`; never goes below zero."""
        if length_mm < 0:
            raise ValueError("length_mm must not be negative")
        return replace(self, remaining_mm=max(0.0, self.remaining_mm - length_mm))

    def replaced(self) -> PaperCounter:
        """Staff marked the roll replaced."""
        return replace(self, remaining_mm=self.roll_length_mm)

    @property
    def remaining_m(self) -> float:
        return self.remaining_mm / 1000.0

    @property
    def fraction_left(self) -> float:
        return self.remaining_mm / self.roll_length_mm if self.roll_length_mm else 0.0

    @property
    def is_low(self) -> bool:
        return self.remaining_mm < self.warn_below_mm

    @property
    def is_empty(self) -> bool:
        return self.remaining_mm <= 0.0

    def slips_left(self, slip_length_mm: float) -> int:
        """About how many slips of this length still fit on the roll."""
        return int(self.remaining_mm // slip_length_mm) if slip_length_mm > 0 else 0
