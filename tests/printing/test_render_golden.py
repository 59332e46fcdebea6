"""ESC/POS bytes: golden files for both widths and both QR modes, hostile strings, and an
independent decoding of the same bytes by emupos (+ zxing-cpp for the QR codes).

Regenerate the goldens after an intended layout change with:

    MPP_UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/printing/test_render_golden.py

and review the change with `python -m kiosk.printing preview` before committing the new files.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

import pytest

from kiosk.printing.paper import slip_length_dots
from kiosk.printing.render import render_escpos, separator_bytes
from kiosk.printing.settings import PrinterSettings
from kiosk.printing.slip import (
    Cut,
    QrMode,
    SlipLayout,
    layout_requirements,
    layout_ticket,
    sample_requirements_data,
)
from tools.escpos_emulator import Tokenizer

from .conftest import Decoder
from .helpers import make_slip

GOLDEN = Path(__file__).resolve().parent / "golden"
UPDATE = os.environ.get("MPP_UPDATE_GOLDEN") == "1"

GOLDEN_SLIP = make_slip(
    priority_label="PRIORITAS - Lansia",
    requirements=("Fotokopi Kartu Keluarga", "Surat pengantar RT/RW"),
)

VARIANTS: dict[str, PrinterSettings] = {
    "ticket-80mm-48col-native": PrinterSettings(profile="TM-T20II"),
    "ticket-80mm-48col-image": PrinterSettings(profile="TM-T20II", qr="image"),
    "ticket-58mm-32col-native": PrinterSettings(
        profile="POS-5890", paper_width_mm=58, columns=32, print_requirements=True
    ),
    "ticket-58mm-32col-image": PrinterSettings(
        profile="POS-5890", paper_width_mm=58, columns=32, qr="image", cancel_kanji=True
    ),
    "ticket-80mm-42col-native": PrinterSettings(profile="TM-T88V", columns=42, cut="partial"),
    "ticket-58mm-32col-tear": PrinterSettings(
        profile="POS-5890", paper_width_mm=58, columns=32, cut="none"
    ),
}


def layout_for(name: str) -> SlipLayout:
    settings = VARIANTS[name]
    return layout_ticket(GOLDEN_SLIP, settings.slip_format())


def describe(data: bytes) -> str:
    """Readable token list for golden diffs."""
    lines = []
    for token in Tokenizer().feed(data):
        if token.kind == "text":
            lines.append(f"text {token.raw.decode('ascii', 'replace')!r}")
        elif token.kind == "lf":
            lines.append("LF")
        else:
            lines.append(f"{token.name or token.kind} {token.raw[:16].hex(' ')}")
    return "\n".join(lines)


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_golden_bytes(name: str) -> None:
    data = render_escpos(layout_for(name))
    path = GOLDEN / f"{name}.bin"
    if UPDATE or not path.exists():
        if not UPDATE:
            pytest.fail(f"missing golden {path}; run with MPP_UPDATE_GOLDEN=1 to create it")
        path.write_bytes(data)
        (GOLDEN / f"{name}.txt").write_text(describe(data) + "\n")
    expected = path.read_bytes()
    if data != expected:
        assert describe(data) == describe(expected), f"{name} differs from {path}"
        assert data == expected


@pytest.mark.parametrize("name", sorted(VARIANTS))
def test_bytes_are_well_formed(name: str) -> None:
    data = render_escpos(layout_for(name))
    tokens = Tokenizer().feed(data)
    assert data.startswith(b"\x1b@")
    assert not [t for t in tokens if t.kind in ("unknown", "control")]
    assert not [t for t in tokens if t.name in ("ESC !",)], "ESC ! would drop bold"
    cuts = [t for t in tokens if t.name == "GS V"]
    settings = VARIANTS[name]
    assert len(cuts) == (0 if settings.cut == "none" else 1)
    if settings.cut != "none":
        assert tokens[-1].name == "GS V"
        assert cuts[0].raw == (b"\x1dV\x00" if settings.cut == "full" else b"\x1dV\x01")
    assert b"\x1bt\x00" in data  # code table pinned
    if settings.qr == "native":
        assert b"\x1d(k" in data and b"\x1dv0" not in data
    else:
        assert b"\x1dv0" in data and b"\x1d(k" not in data
    assert (b"\x1c." in data) == settings.cancel_kanji


def test_native_qr_is_much_smaller_than_image_qr() -> None:
    native = render_escpos(layout_for("ticket-80mm-48col-native"))
    image = render_escpos(layout_for("ticket-80mm-48col-image"))
    assert len(native) < 1000 < len(image)


# ESC @, GS V 0 (cut), DLE EOT 1, ESC p (drawer kick), u-acute, GS V A (feed and cut), NULs
HOSTILE = "\x1b@\x1dV\x00\x10\x04\x01\x1b\x70\x00\x19\xfa\x1dV\x41\x00\x00"
HOSTILE_AS_TEXT = "?@?V?????p??u?VA??"


def hostile_slip() -> Any:
    return make_slip(
        mpp_name=f"MPP{HOSTILE}Kota",
        number=f"A{HOSTILE}-9",
        gerai_name=f"Gerai{HOSTILE}Pajak",
        gerai_location="Lantai\x001",
        service_name=f"Layanan{HOSTILE}KTP",
        priority_label=f"PRIORITAS{HOSTILE}",
        qr_payload=f"T:{HOSTILE}:1",
        footer_lines=(f"Footer{HOSTILE}",),
        requirements=(f"Syarat{HOSTILE}",),
    )


@pytest.mark.parametrize("qr", ["native", "image"])
def test_hostile_strings_are_printed_as_text(qr: QrMode) -> None:
    settings = PrinterSettings(qr=qr, print_requirements=True)
    data = render_escpos(layout_ticket(hostile_slip(), settings.slip_format()))
    tokens = Tokenizer().feed(data)
    names = [t.name for t in tokens if t.kind == "cmd"]
    assert names.count("ESC @") == 1  # only our own initialise
    assert names.count("GS V") == 1  # only our own cut
    assert "ESC p" not in names  # no drawer kick
    assert not [t for t in tokens if t.kind in ("realtime", "unknown", "control")]
    text = b"".join(t.raw for t in tokens if t.kind == "text").decode("ascii")
    assert f"Layanan{HOSTILE_AS_TEXT}KTP" in text
    assert f"A{HOSTILE_AS_TEXT}-9" in text
    # every text byte is printable ASCII
    assert all(0x20 <= b < 0x7F for t in tokens if t.kind == "text" for b in t.raw)


def test_requirements_slip_bytes() -> None:
    layout = layout_requirements(sample_requirements_data(), PrinterSettings().slip_format())
    data = render_escpos(layout)
    assert b"PERSYARATAN LAYANAN" in data and b"NOMOR ANTREAN" not in data
    assert data.endswith(b"\x1dV\x00")


def test_separator_cuts_without_content() -> None:
    tokens = Tokenizer().feed(separator_bytes(layout_for("ticket-80mm-48col-native")))
    assert [t.name for t in tokens] == ["ESC @", "ESC d", "GS V"]


# --- independent decoding (emupos) --------------------------------------------------------------


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.mark.emulator
def test_emupos_decodes_every_golden_variant(emupos_decode: Decoder) -> None:
    names = sorted(VARIANTS)
    by_width: dict[int, list[str]] = {}
    for name in names:
        by_width.setdefault(VARIANTS[name].dots_width, []).append(name)
    for width, group in by_width.items():
        decoded = emupos_decode([render_escpos(layout_for(n)) for n in group], width)
        for name, result in zip(group, decoded, strict=True):
            settings = VARIANTS[name]
            assert len(result["receipts"]) == 1, (name, result)
            receipt = result["receipts"][0]
            events = [e for e in result["events"] if e["type"] != "printer.job.completed"]
            assert events == [], (name, events)  # no unknown command, no code page problem
            text = _norm(receipt["text"])
            assert "NOMOR ANTREAN" in text
            assert "A-001" in receipt["text"].splitlines()
            assert "Dinas Kependudukan dan Pencatatan Sipil" in text
            assert "Perekaman KTP-el" in text
            assert "PRIORITAS - Lansia" in text
            assert "08.15 WIB" in text
            assert receipt["qr"] == ["MPP-SBY:T:0001"], name
            assert receipt["boundary"] == ("connection-closed" if settings.cut == "none" else "cut")
            assert receipt["width_dots"] == settings.dots_width
            for line in receipt["text"].splitlines():
                assert len(line) <= settings.columns, (name, line)
            if settings.print_requirements:
                assert "[ ] Fotokopi Kartu Keluarga" in receipt["text"]


@pytest.mark.emulator
def test_emupos_shows_hostile_strings_as_text(emupos_decode: Decoder) -> None:
    settings = PrinterSettings(print_requirements=True)
    decoded = emupos_decode(render_escpos(layout_ticket(hostile_slip(), settings.slip_format())))
    result = decoded[0]
    assert len(result["receipts"]) == 1  # an embedded GS V would have cut the slip early
    assert [e for e in result["events"] if e["type"] != "printer.job.completed"] == []
    receipt = result["receipts"][0]
    assert f"Layanan{HOSTILE_AS_TEXT}KTP" in receipt["text"]
    assert receipt["qr"] == [f"T:{HOSTILE_AS_TEXT}:1"]


@pytest.mark.emulator
def test_layout_length_matches_emupos_rendering(emupos_decode: Decoder) -> None:
    """The paper length we account for is what the printer really moves (within 5 %)."""
    names = ["ticket-80mm-48col-native", "ticket-80mm-48col-image"]
    decoded = emupos_decode([render_escpos(layout_for(n)) for n in names])
    for name, result in zip(names, decoded, strict=True):
        layout = layout_for(name)
        # emupos crops the blank paper fed before the cut from its image; the printer does
        # move it (and we count it), so compare without it.
        cut = layout.blocks[-1]
        assert isinstance(cut, Cut)
        ours = slip_length_dots(layout) - cut.feed_lines * layout.format.line_spacing_dots
        theirs = result["receipts"][0]["height_dots"]
        assert abs(ours - theirs) <= 0.03 * theirs, (name, ours, theirs)
