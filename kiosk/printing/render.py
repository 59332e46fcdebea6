"""Layout -> ESC/POS bytes, built with python-escpos's Dummy printer and a capability profile.

Choices (see docs/printing.md and the escpos reference):
- The code table is pinned with an explicit `ESC t n` after `ESC @` (plus `FS .` on
  Chinese-market firmware when configured). Text is already folded to ASCII by the layout, so
  it is written raw; python-escpos's MagicEncode is not used because its slot choice differs
  between profiles and printers.
- Character size uses `GS !` (custom_size), never `ESC !`, which would drop bold.
- Images (logo, image-QR) are padded to the printable width here and sent as `GS v 0`, so they
  are centred whatever the profile knows about the paper width.
- The cut is sent as configured (`ESC d n` + `GS V 0|1`) even when the profile claims no cutter
  (python-escpos would silently drop it); "none" feeds past the tear bar instead.
"""

from __future__ import annotations

import os
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PIL import Image

from kiosk.printing.bitmaps import center_on_width, load_logo, qr_image
from kiosk.printing.slip import Cut, Feed, ImageBlock, QrBlock, SlipLayout, TextLine
from kiosk.printing.text import is_safe_for_printer

if TYPE_CHECKING:
    from escpos.printer import Dummy

ESC = b"\x1b"
GS = b"\x1d"
FS = b"\x1c"
INIT = ESC + b"@"
CANCEL_KANJI = FS + b"."
FULL_CUT = GS + b"V\x00"
PARTIAL_CUT = GS + b"V\x01"


def _escpos_cache_dir() -> None:
    """python-escpos pickles its capability database on import; keep it in one place
    instead of a fresh temporary folder per process (only if nobody chose a folder)."""
    if "ESCPOS_CAPABILITIES_PICKLE_DIR" in os.environ:
        return
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    folder = Path(base) / "mpp-kiosk" / "escpos"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        folder = Path(tempfile.gettempdir()) / "mpp-kiosk-escpos"
        folder.mkdir(parents=True, exist_ok=True)
    os.environ["ESCPOS_CAPABILITIES_PICKLE_DIR"] = str(folder)


@lru_cache(maxsize=1)
def _escpos() -> Any:
    _escpos_cache_dir()
    import escpos.capabilities
    import escpos.constants
    import escpos.image
    import escpos.printer

    return escpos


@lru_cache(maxsize=1)
def known_profiles() -> frozenset[str]:
    """Names of python-escpos capability profiles ("default", "TM-T20II", "POS-5890", ...)."""
    return frozenset(_escpos().capabilities.CAPABILITIES["profiles"].keys())


def _dummy(profile: str) -> Dummy:
    printer: Dummy = _escpos().printer.Dummy(profile=profile)
    return printer


def profile_supports(profile: str, feature: str) -> bool:
    return bool(_dummy(profile).profile.supports(feature))


class _State:
    def __init__(self) -> None:
        self.align = "left"
        self.bold = False
        self.size = (1, 1)
        self.invert = False


def _raster(printer: Dummy, img: Image.Image) -> None:
    """`GS v 0` raster bit image, the way python-escpos builds it, without its stdout chatter."""
    im = _escpos().image.EscposImage(img)
    header = GS + b"v0\x00" + im.width_bytes.to_bytes(2, "little") + im.height.to_bytes(2, "little")
    printer._raw(header + im.to_raster_format())


def render_escpos(layout: SlipLayout) -> bytes:
    """The slip as the bytes sent to the printer, ESC @ to cut."""
    fmt = layout.format
    p = _dummy(fmt.profile)
    p.hw("INIT")
    if fmt.cancel_kanji:
        p._raw(CANCEL_KANJI)
    p._raw(ESC + b"t" + bytes((fmt.code_page,)))
    state = _State()

    def set_align(align: str) -> None:
        if state.align != align:
            p.set(align=align)
            state.align = align

    for block in layout.blocks:
        if isinstance(block, TextLine):
            set_align(block.align)
            if state.bold != block.bold:
                p.set(bold=block.bold)
                state.bold = block.bold
            if state.size != (block.width, block.height):
                p.set(custom_size=True, width=block.width, height=block.height)
                state.size = (block.width, block.height)
            if state.invert != block.invert:
                p.set(invert=block.invert)
                state.invert = block.invert
            if not is_safe_for_printer(block.text):  # the layout cleans; this is the last guard
                raise ValueError(f"unsafe text reached the renderer: {block.text!r}")
            p._raw(block.text.encode("ascii") + b"\n")
        elif isinstance(block, QrBlock):
            set_align("center")
            if not is_safe_for_printer(block.payload):
                raise ValueError("unsafe QR payload reached the renderer")
            if fmt.qr_mode == "native":
                qr_consts = _escpos().constants
                p.qr(block.payload, native=True, size=block.module_size, ec=qr_consts.QR_ECLEVEL_M)
            else:
                _raster(
                    p, center_on_width(qr_image(block.payload, block.module_size), fmt.dots_width)
                )
        elif isinstance(block, ImageBlock):
            logo = load_logo(block.path, block.max_width_dots, block.max_height_dots)
            if logo is not None:
                _raster(p, center_on_width(logo, fmt.dots_width))
        elif isinstance(block, Feed):
            if block.lines:
                p.print_and_feed(block.lines)
        elif isinstance(block, Cut):
            if block.feed_lines:
                p.print_and_feed(block.feed_lines)
            if block.mode == "full":
                p._raw(FULL_CUT)
            elif block.mode == "partial":
                p._raw(PARTIAL_CUT)
    return bytes(p.output)


def separator_bytes(layout: SlipLayout) -> bytes:
    """Reset, feed and cut: ends a partial slip left by an interrupted job (nothing else)."""
    fmt = layout.format
    out = INIT + ESC + b"d" + bytes((fmt.cut_feed_lines + 1,))
    if fmt.cut == "full":
        out += FULL_CUT
    elif fmt.cut == "partial":
        out += PARTIAL_CUT
    return out
