"""WCAG 2 relative luminance and contrast ratio."""

from __future__ import annotations

RGB = tuple[int, int, int]


def parse_hex_color(value: str) -> RGB:
    """``"#0B4F8A"`` -> ``(11, 79, 138)``."""
    v = value.lstrip("#")
    if len(v) != 6:
        raise ValueError(f"not a #RRGGBB colour: {value!r}")
    return int(v[0:2], 16), int(v[2:4], 16), int(v[4:6], 16)


def _channel(c: int) -> float:
    s = c / 255
    return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4


def relative_luminance(rgb: RGB) -> float:
    r, g, b = (_channel(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(a: RGB, b: RGB) -> float:
    hi, lo = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)
