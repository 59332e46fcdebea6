"""The preview printer: a PNG that looks like the thermal slip."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from kiosk.printing import preview
from kiosk.printing.paper import slip_length_dots
from kiosk.printing.settings import PrinterSettings
from kiosk.printing.slip import layout_requirements, layout_ticket, sample_requirements_data

from .helpers import make_slip


@pytest.mark.parametrize(
    ("paper", "columns", "dots"), [(80, 48, 576), (80, 42, 512), (58, 32, 384)]
)
def test_preview_size_follows_the_paper(paper: int, columns: int, dots: int) -> None:
    layout = layout_ticket(
        make_slip(priority_label="PRIORITAS - Lansia"),
        PrinterSettings(paper_width_mm=paper, columns=columns).slip_format(),
    )
    image = preview.render_preview(layout)
    assert image.mode == "1"
    assert image.width == dots + 48
    # as long as the paper (plus top margin and edge), give or take the quiet zone
    assert abs(image.height - slip_length_dots(layout)) < 60


def test_preview_has_ink_in_the_number_and_qr(tmp_path: Path) -> None:
    layout = layout_ticket(make_slip(), PrinterSettings().slip_format())
    path = preview.save_preview(layout, tmp_path, "A-001")
    image = Image.open(path).convert("L")
    assert path.name == "A-001.png"
    # the big number sits in the upper part: plenty of black pixels there
    top = image.crop((0, 60, image.width, 260))
    dark = sum(top.histogram()[:128])
    assert dark > 3000


def test_requirements_preview(tmp_path: Path) -> None:
    layout = layout_requirements(sample_requirements_data(), PrinterSettings().slip_format())
    path = preview.save_preview(layout, tmp_path, "req")
    assert Image.open(path).height > 300


def test_preview_without_any_font_file(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(preview, "find_font_file", lambda bold: None)
    preview._font.cache_clear()
    preview._glyph.cache_clear()
    try:
        image = preview.render_preview(
            layout_ticket(make_slip(), PrinterSettings(paper_width_mm=58, columns=32).slip_format())
        )
        assert image.width == 384 + 48
    finally:
        preview._font.cache_clear()
        preview._glyph.cache_clear()


def test_unsafe_names_are_sanitised(tmp_path: Path) -> None:
    layout = layout_ticket(make_slip(), PrinterSettings().slip_format())
    path = preview.save_preview(layout, tmp_path, "../../etc/passwd")
    assert path.parent == tmp_path
