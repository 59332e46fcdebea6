"""Paper accounting: slip lengths from the layout, the roll counter."""

from pathlib import Path

import pytest
from PIL import Image

from kiosk.printing.paper import PaperCounter, slip_length_mm
from kiosk.printing.settings import PrinterSettings
from kiosk.printing.slip import layout_ticket

from .helpers import make_slip


def test_counter_consumes_and_warns() -> None:
    counter = PaperCounter.new_roll(roll_length_m=1.0, warn_below_m=0.2)
    assert counter.remaining_mm == 1000 and not counter.is_low
    for _ in range(8):
        counter = counter.consume(100)
    assert counter.remaining_mm == pytest.approx(200)
    assert not counter.is_low
    counter = counter.consume(0.5)
    assert counter.is_low and not counter.is_empty
    counter = counter.consume(10_000)
    assert counter.remaining_mm == 0 and counter.is_empty
    replaced = counter.replaced()
    assert replaced.remaining_mm == 1000 and not replaced.is_low
    assert replaced.fraction_left == 1.0
    assert replaced.slips_left(100) == 10


def test_counter_is_immutable_and_rejects_negative() -> None:
    counter = PaperCounter.new_roll()
    counter.consume(10)
    assert counter.remaining_m == 50.0
    with pytest.raises(ValueError):
        counter.consume(-1)


def test_counter_from_stored_value() -> None:
    counter = PaperCounter(roll_length_mm=50_000, remaining_mm=4_000, warn_below_mm=5_000)
    assert counter.is_low


@pytest.mark.parametrize(("paper", "columns"), [(80, 48), (80, 42), (58, 32)])
def test_slip_length_is_plausible(paper: int, columns: int) -> None:
    fmt = PrinterSettings(paper_width_mm=paper, columns=columns).slip_format()
    length = slip_length_mm(layout_ticket(make_slip(), fmt))
    assert 70 < length < 160


def test_longer_content_uses_more_paper() -> None:
    fmt = PrinterSettings(print_requirements=True).slip_format()
    short = slip_length_mm(layout_ticket(make_slip(), fmt))
    longer = slip_length_mm(layout_ticket(make_slip(requirements=("Fotokopi KK", "Pas foto")), fmt))
    # two more lines plus the heading and a rule: 4 lines of 30 dots at 203 dpi
    assert longer - short == pytest.approx(4 * 30 * 25.4 / 203, abs=0.2)


def test_logo_adds_its_height(tmp_path: Path) -> None:
    logo = tmp_path / "logo.png"
    Image.new("RGB", (300, 100), "black").save(logo)
    plain = PrinterSettings().slip_format()
    with_logo = PrinterSettings(logo_path=str(logo)).slip_format()
    delta = slip_length_mm(layout_ticket(make_slip(), with_logo)) - slip_length_mm(
        layout_ticket(make_slip(), plain)
    )
    assert delta == pytest.approx(100 * 25.4 / 203, abs=0.2)
