"""The preview printer: a slip layout drawn as a thermal slip, at the printer's dot size.

Used when no printer is configured (the app shows the image on screen) and by
`mpp-kiosk printer preview`. Text is drawn cell by cell on the printer's character grid
(12 x 24 dots per Font A character, scaled like GS !), so columns line up exactly as on paper
whatever font is found. DejaVu Sans Mono is looked up in the usual places; without it Pillow's
built-in font is used.
"""

from __future__ import annotations

import os
import re
import tempfile
from functools import lru_cache
from pathlib import Path

from PIL import Image, ImageDraw, ImageFont

from kiosk.printing.bitmaps import center_on_width, load_logo, qr_image
from kiosk.printing.paper import FONT_A_HEIGHT_DOTS
from kiosk.printing.slip import Cut, Feed, ImageBlock, QrBlock, SlipLayout, TextLine
from mpp_core.assets import asset_path

FontType = ImageFont.FreeTypeFont | ImageFont.ImageFont

_FONT_DIRS = (
    Path(__file__).resolve().parent / "fonts",
    asset_path("fonts"),
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/dejavu"),
    Path("/usr/share/fonts/TTF"),
    Path("/usr/local/share/fonts"),
    Path.home() / ".local" / "share" / "fonts",
)
_FONT_FILES = {False: "DejaVuSansMono.ttf", True: "DejaVuSansMono-Bold.ttf"}
_MARGIN_DOTS = 24  # white paper beyond the printable width on each side
_SAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


def find_font_file(bold: bool) -> Path | None:
    override = os.environ.get("MPP_KIOSK_PREVIEW_FONT")
    if override and Path(override).is_file() and not bold:
        return Path(override)
    for folder in _FONT_DIRS:
        candidate = folder / _FONT_FILES[bold]
        if candidate.is_file():
            return candidate
    return None


@lru_cache(maxsize=64)
def _font(size: int, bold: bool) -> FontType:
    path = find_font_file(bold) or find_font_file(False)
    if path is not None:
        try:
            return ImageFont.truetype(str(path), size)
        except OSError:
            pass
    try:
        return ImageFont.load_default(size)
    except TypeError:  # very old Pillow without FreeType support
        return ImageFont.load_default()


@lru_cache(maxsize=4096)
def _glyph(
    char: str, cell_w: int, cell_h: int, bold: bool, scale_w: int, scale_h: int
) -> Image.Image:
    """One character cell as an 'L' image (0 = ink), scaled like GS ! width x height."""
    base_size = round(cell_h * 0.84)
    size = base_size * scale_h
    font = _font(size, bold)
    big = Image.new("L", (cell_w * scale_h, cell_h * scale_h), 255)
    draw = ImageDraw.Draw(big)
    draw.text(
        (big.width / 2, big.height / 2),
        char,
        fill=0,
        font=font,
        anchor="mm",
        stroke_width=0 if find_font_file(bold) or not bold else max(1, scale_h // 2),
        stroke_fill=0,
    )
    return big.resize((cell_w * scale_w, cell_h * scale_h), Image.Resampling.LANCZOS)


def render_preview(layout: SlipLayout) -> Image.Image:
    """The slip as a 1-bit image: printable width plus a white margin, full length."""
    fmt = layout.format
    cell_w = fmt.cell_width_dots
    cell_h = FONT_A_HEIGHT_DOTS
    width = fmt.dots_width
    rows: list[Image.Image] = [Image.new("L", (width, 16), 255)]  # top margin

    for block in layout.blocks:
        if isinstance(block, TextLine):
            advance = max(fmt.line_spacing_dots, cell_h * block.height)
            row = Image.new("L", (width, advance), 255)
            text_w = len(block.text) * cell_w * block.width
            if block.align == "center":
                x0 = (width - text_w) // 2
            elif block.align == "right":
                x0 = width - text_w
            else:
                x0 = 0
            y0 = advance - cell_h * block.height  # characters sit on the line's bottom edge
            if block.invert and block.text:
                ImageDraw.Draw(row).rectangle(
                    (x0, y0, x0 + text_w - 1, y0 + cell_h * block.height - 1), fill=0
                )
            for i, char in enumerate(block.text):
                if char == " ":
                    continue
                glyph = _glyph(char, cell_w, cell_h, block.bold, block.width, block.height)
                if block.invert:
                    glyph = Image.eval(glyph, lambda v: 255 - v)
                    mask = glyph.point(lambda v: 255 if v > 127 else 0)
                    row.paste(255, (x0 + i * cell_w * block.width, y0), mask)
                else:
                    mask = glyph.point(lambda v: 255 if v < 128 else 0)
                    row.paste(0, (x0 + i * cell_w * block.width, y0), mask)
            rows.append(row)
        elif isinstance(block, QrBlock):
            quiet = 2 if fmt.qr_mode == "image" else 0
            rows.append(center_on_width(qr_image(block.payload, block.module_size, quiet), width))
        elif isinstance(block, ImageBlock):
            logo = load_logo(block.path, block.max_width_dots, block.max_height_dots)
            if logo is not None:
                rows.append(center_on_width(logo, width))
        elif isinstance(block, Feed):
            rows.append(Image.new("L", (width, block.lines * fmt.line_spacing_dots), 255))
        elif isinstance(block, Cut):
            rows.append(Image.new("L", (width, block.feed_lines * fmt.line_spacing_dots), 255))

    height = sum(r.height for r in rows)
    paper = Image.new("L", (width + 2 * _MARGIN_DOTS, height + 12), 255)
    y = 0
    for row in rows:
        paper.paste(row.convert("L"), (_MARGIN_DOTS, y))
        y += row.height
    _draw_edge(paper, y, layout)
    return paper.convert("1", dither=Image.Dither.NONE)


def _draw_edge(paper: Image.Image, y: int, layout: SlipLayout) -> None:
    """The cut (a dashed line) or the tear edge (a zigzag) at the end of the slip."""
    draw = ImageDraw.Draw(paper)
    cut = next((b for b in layout.blocks if isinstance(b, Cut)), None)
    if cut is None or cut.mode == "none":
        points = [(x, y + (6 if (x // 8) % 2 else 0)) for x in range(0, paper.width + 8, 8)]
        draw.line(points, fill=0, width=1)
        return
    dash = 10 if cut.mode == "full" else 4
    for x in range(0, paper.width, dash * 2):
        draw.line((x, y + 4, x + dash, y + 4), fill=0, width=2)


def default_preview_dir() -> Path:
    return Path(tempfile.gettempdir()) / "mpp-kiosk-preview"


def save_preview(layout: SlipLayout, folder: str | Path, name: str) -> Path:
    """Render and write `<folder>/<name>.png` atomically; returns the path."""
    target_dir = Path(folder) if str(folder) else default_preview_dir()
    target_dir.mkdir(parents=True, exist_ok=True)
    safe = _SAFE_NAME.sub("_", name).strip("._") or "slip"
    target = target_dir / f"{safe}.png"
    tmp = target.with_suffix(".png.tmp")
    render_preview(layout).save(tmp, format="PNG", optimize=True)
    os.replace(tmp, target)
    return target
