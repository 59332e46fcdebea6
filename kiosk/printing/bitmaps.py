"""Bitmaps shared by the ESC/POS renderer, the preview and the length calculation: QR, logo."""

from __future__ import annotations

import logging
from functools import lru_cache

import qrcode
import qrcode.constants
from PIL import Image

log = logging.getLogger(__name__)

QR_QUIET_ZONE_MODULES = 2  # image QR: printed white border, in modules


# Data capacity per QR version (1..20) at error correction M, per encoding mode (ISO 18004).
_CAPACITY_M = {
    "numeric": (34, 63, 101, 149, 202, 255, 293, 365, 432, 513,
                604, 691, 796, 871, 991, 1082, 1212, 1346, 1500, 1600),
    "alphanumeric": (20, 38, 61, 90, 122, 154, 178, 221, 262, 311,
                     366, 419, 483, 528, 600, 656, 734, 816, 909, 970),
    "byte": (14, 26, 42, 62, 84, 106, 122, 152, 180, 213,
             251, 287, 331, 362, 412, 450, 504, 560, 624, 666),
}  # fmt: skip
_ALPHANUMERIC = frozenset("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:")


def qr_module_count(payload: str) -> int:
    """Modules per side of the smallest QR (error correction M, one encoding mode) holding
    `payload`: what a printer makes of a native `GS ( k` symbol. A table lookup, because
    building the symbol with `qrcode` costs milliseconds per slip."""
    if payload.isdigit():
        mode = "numeric"
    elif all(c in _ALPHANUMERIC for c in payload):
        mode = "alphanumeric"
    else:
        mode = "byte"
    size = len(payload.encode("utf-8"))
    for version, capacity in enumerate(_CAPACITY_M[mode], start=1):
        if size <= capacity:
            return 17 + 4 * version
    return qr_symbol_modules(payload)


@lru_cache(maxsize=64)
def qr_symbol_modules(payload: str) -> int:
    """Modules per side of the symbol `qr_image` draws (the `qrcode` library's choice)."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=0)
    code.add_data(payload)
    code.make(fit=True)
    return int(code.modules_count)


def qr_image(
    payload: str, module_size: int, quiet_zone: int = QR_QUIET_ZONE_MODULES
) -> Image.Image:
    """A 1-bit QR symbol, `module_size` dots per module, with a white quiet zone."""
    code = qrcode.QRCode(
        error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=1, border=quiet_zone
    )
    code.add_data(payload)
    code.make(fit=True)
    matrix = code.get_matrix()  # includes the border
    side = len(matrix)
    img = Image.new("1", (side, side), 1)
    pixels = img.load()
    assert pixels is not None
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                pixels[x, y] = 0
    return img.resize((side * module_size, side * module_size), Image.Resampling.NEAREST)


def center_on_width(img: Image.Image, width: int) -> Image.Image:
    """Pad a 1-bit image with white to `width` dots, centred (cropped if wider)."""
    if img.width > width:
        left = (img.width - width) // 2
        return img.crop((left, 0, left + width, img.height))
    canvas = Image.new("1", (width, img.height), 1)
    canvas.paste(img, ((width - img.width) // 2, 0))
    return canvas


@lru_cache(maxsize=8)
def load_logo(path: str, max_width: int, max_height: int) -> Image.Image | None:
    """The logo as a dithered 1-bit image that fits the box, or None if it cannot be read.

    A broken logo file must never stop a slip, so errors are logged and the logo is left out.
    """
    try:
        with Image.open(path) as source:
            source.load()
            img = source.convert("RGBA")
    except (OSError, ValueError) as exc:
        log.warning("logo %s cannot be read (%s); printing without it", path, exc)
        return None
    background = Image.new("RGBA", img.size, (255, 255, 255, 255))
    flat = Image.alpha_composite(background, img).convert("L")
    scale = min(max_width / flat.width, max_height / flat.height, 1.0)
    size = (max(1, round(flat.width * scale)), max(1, round(flat.height * scale)))
    if size != flat.size:
        flat = flat.resize(size, Image.Resampling.LANCZOS)
    return flat.convert("1")  # Floyd-Steinberg dithering
