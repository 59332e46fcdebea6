"""The pure layout step: content, widths, wrapping, number size, optional parts."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest

from kiosk.printing.settings import PrinterSettings
from kiosk.printing.slip import (
    Cut,
    QrBlock,
    RequirementsSlipData,
    SlipData,
    TextLine,
    format_datetime_wib,
    format_wait,
    layout_requirements,
    layout_test_page,
    layout_ticket,
    number_scale,
)

from .helpers import make_slip

WIDTHS = [(80, 48), (80, 42), (58, 32)]


def fmt_for(paper: int, columns: int, **extra: Any) -> PrinterSettings:
    return PrinterSettings(paper_width_mm=paper, columns=columns, **extra)


@pytest.mark.parametrize(("paper", "columns"), WIDTHS)
def test_every_line_fits_the_columns(paper: int, columns: int) -> None:
    slip = make_slip(
        gerai_name="Badan Pelayanan Pajak Daerah dan Retribusi Kota Surabaya Wilayah Timur",
        service_name="Pengurusan Surat Keterangan Tidak Mampu untuk Jaminan Kesehatan Daerah",
        requirements=("Fotokopi KTP-el dan Kartu Keluarga yang masih berlaku sampai hari ini",),
        priority_label="PRIORITAS - Penyandang Disabilitas",
    )
    layout = layout_ticket(slip, fmt_for(paper, columns, print_requirements=True).slip_format())
    for block in layout.blocks:
        if isinstance(block, TextLine):
            assert len(block.text) * block.width <= columns, block


@pytest.mark.parametrize(("paper", "columns"), WIDTHS)
def test_ticket_content(paper: int, columns: int) -> None:
    layout = layout_ticket(make_slip(), fmt_for(paper, columns).slip_format())
    text = "\n".join(layout.text_lines)
    assert "NOMOR ANTREAN" in text
    assert "A-001" in layout.text_lines
    assert "Lantai 2, Gerai 5" in text
    assert "Perekaman KTP-el" in text
    assert "08.15 WIB" in text  # 01:15 UTC is 08.15 in Jakarta
    assert "Layanan  : Perekaman KTP-el" in layout.text_lines
    assert "7 orang" in text
    assert "25 menit" in text
    assert "Simpan struk ini" in text
    assert layout.qr_payloads == ["MPP-SBY:T:0001"]
    assert isinstance(layout.blocks[-1], Cut)


@pytest.mark.parametrize(("paper", "columns"), WIDTHS)
def test_ticket_in_english(paper: int, columns: int) -> None:
    """A visitor who chose English gets the slip's own words in English (the catalog's words
    are whatever the app hands over)."""
    slip = make_slip(lang="en", footer_lines=())
    layout = layout_ticket(slip, fmt_for(paper, columns, print_requirements=True).slip_format())
    text = "\n".join(layout.text_lines)
    for english in ("QUEUE NUMBER", "Service  : Perekaman KTP-el", "08:15 WIB", "7 people"):
        assert english in text, english
    assert "about 25 minutes" in text and "Show this slip at the counter" in text
    assert "Keep this slip until you are" in text  # (wrapped at 32 columns)
    assert "Monday" in text and "May" in text
    for indonesian in ("NOMOR ANTREAN", "Layanan", "orang", "menit", "Senin", "Tunjukkan"):
        assert indonesian not in text, indonesian


@pytest.mark.parametrize(("paper", "columns"), WIDTHS)
def test_number_is_at_least_four_times_normal(paper: int, columns: int) -> None:
    layout = layout_ticket(make_slip(number="B-123"), fmt_for(paper, columns).slip_format())
    number = next(b for b in layout.blocks if isinstance(b, TextLine) and b.text == "B-123")
    assert number.width >= 4 and number.height >= 4
    assert number.bold and number.align == "center"


def test_number_scale_steps_down_only_for_absurd_numbers() -> None:
    fmt = fmt_for(58, 32).slip_format()
    assert number_scale("A-001", fmt) == 5
    assert number_scale("AB-0001", fmt) == 4  # 7 x 4 = 28 <= 32
    assert number_scale("ABCD-00001", fmt) == 3


def test_long_names_wrap_at_word_boundaries() -> None:
    slip = make_slip(gerai_name="Dinas Kependudukan dan Pencatatan Sipil")
    layout = layout_ticket(slip, fmt_for(58, 32).slip_format())
    assert "Dinas Kependudukan dan" in layout.text_lines
    assert "Pencatatan Sipil" in layout.text_lines


def test_optional_parts_left_out_when_unknown() -> None:
    layout = layout_ticket(
        make_slip(people_ahead=None, est_wait_minutes=None, gerai_location=""),
        fmt_for(80, 48).slip_format(),
    )
    text = "\n".join(layout.text_lines)
    assert "Di depan" not in text and "Perkiraan" not in text


def test_priority_marker_is_inverted() -> None:
    layout = layout_ticket(
        make_slip(priority_label="PRIORITAS - Lansia"), fmt_for(80, 48).slip_format()
    )
    marker = next(b for b in layout.blocks if isinstance(b, TextLine) and "Lansia" in b.text)
    assert marker.invert and marker.bold
    assert marker.text == " PRIORITAS - Lansia "


def test_requirements_only_when_enabled() -> None:
    slip = make_slip(requirements=("Fotokopi KK", "Surat pengantar RT/RW"))
    off = layout_ticket(slip, fmt_for(80, 48).slip_format())
    on = layout_ticket(slip, fmt_for(80, 48, print_requirements=True).slip_format())
    assert "[ ] Fotokopi KK" not in off.text_lines
    assert "[ ] Fotokopi KK" in on.text_lines
    assert "[ ] Surat pengantar RT/RW" in on.text_lines


def test_copy_is_marked() -> None:
    layout = layout_ticket(make_slip(is_copy=True), fmt_for(80, 48).slip_format())
    assert "SALINAN / CETAK ULANG" in layout.text_lines
    layout = layout_ticket(make_slip(is_copy=True, lang="en"), fmt_for(80, 48).slip_format())
    assert "COPY / REPRINT" in layout.text_lines


def test_requirements_slip_has_no_number_nor_qr() -> None:
    data = RequirementsSlipData(
        mpp_name="MPP Kota Surabaya",
        gerai_name="Disdukcapil",
        service_name="Perekaman KTP-el",
        requirements=("Fotokopi KK", "Pas foto 3x4 latar merah"),
        printed_at=datetime(2025, 5, 12, 1, 15, tzinfo=UTC),
    )
    layout = layout_requirements(data, fmt_for(58, 32).slip_format())
    assert "PERSYARATAN LAYANAN" in layout.text_lines
    assert "1. Fotokopi KK" in layout.text_lines
    assert "NOMOR ANTREAN" not in layout.text_lines
    assert not layout.qr_payloads
    assert "Struk ini bukan nomor antrean" in layout.text_lines
    english = layout_requirements(replace(data, lang="en"), fmt_for(58, 32).slip_format())
    assert "SERVICE REQUIREMENTS" in english.text_lines
    assert "This slip is not a queue number" in english.text_lines
    assert any(line.startswith("Printed: Monday, 12 May 2025") for line in english.text_lines)


def test_test_page_has_ruler_number_qr_and_cut() -> None:
    layout = layout_test_page(fmt_for(80, 48).slip_format())
    assert "MPP KIOSK - TES PRINTER" in layout.text_lines
    assert (
        "MPP KIOSK - PRINTER TEST"
        in layout_test_page(fmt_for(80, 48).slip_format(), lang="en").text_lines
    )
    assert "123456789012345678901234567890123456789012345678" in layout.text_lines
    assert "A-888" in layout.text_lines
    assert any(isinstance(b, QrBlock) for b in layout.blocks)
    assert isinstance(layout.blocks[-1], Cut)


def test_date_is_rendered_in_jakarta_time() -> None:
    utc = datetime(2025, 12, 31, 17, 30, tzinfo=UTC)  # 00:30 on 1 January in Jakarta
    assert format_datetime_wib(utc) == "Kamis, 1 Januari 2026 00.30 WIB"
    assert format_datetime_wib(utc, "en") == "Thursday, 1 January 2026 00:30 WIB"
    wita = datetime(2025, 5, 12, 9, 15, tzinfo=timezone(timedelta(hours=8)))
    assert format_datetime_wib(wita) == "Senin, 12 Mei 2025 08.15 WIB"


def test_naive_datetime_is_refused() -> None:
    with pytest.raises(ValueError):
        make_slip(issued_at=datetime(2025, 5, 12, 8, 15))
    with pytest.raises(ValueError):
        SlipData(**{**make_slip().__dict__, "issued_at": datetime(2025, 1, 1)})


@pytest.mark.parametrize(
    ("minutes", "words", "english"),
    [
        (0, "kurang dari 1 menit", "less than 1 minute"),
        (1, "sekitar 1 menit", "about 1 minute"),
        (25, "sekitar 25 menit", "about 25 minutes"),
        (60, "sekitar 1 jam", "about 1 hour"),
        (120, "sekitar 2 jam", "about 2 hours"),
        (95, "sekitar 1 jam 35 menit", "about 1 h 35 min"),
    ],
)
def test_format_wait(minutes: int, words: str, english: str) -> None:
    assert format_wait(minutes) == words
    assert format_wait(minutes, "en") == english


def test_data_fields_are_cleaned_in_the_layout() -> None:
    layout = layout_ticket(
        make_slip(service_name="KTP\x1b@ Café", number="A\x00-1"), fmt_for(80, 48).slip_format()
    )
    assert "A?-1" in layout.text_lines
    assert any("KTP?@ Cafe" in line for line in layout.text_lines)
