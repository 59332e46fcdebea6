"""Folding to ASCII, neutralising control characters, wrapping."""

import pytest

from kiosk.printing.text import clean, fold_ascii, is_safe_for_printer, wrap, wrap_labelled


@pytest.mark.parametrize(
    ("raw", "folded"),
    [
        ("Désa Café", "Desa Cafe"),
        ("Pelayanan – Terpadu — Satu", "Pelayanan - Terpadu - Satu"),
        ("“Kartu” ‘Keluarga’", "\"Kartu\" 'Keluarga'"),
        ("Tunggu…", "Tunggu..."),
        ("• Fotokopi", "* Fotokopi"),
        ("№ 5", "No. 5"),
        ("Ñandú Ökonomie Straße", "Nandu Okonomie Strasse"),
        ("Łódź Ørsted", "Lodz Orsted"),
        ("Rp 10.000", "Rp 10.000"),
        ("ｆｕｌｌ", "full"),  # full-width forms
        ("人口", "??"),  # no Latin equivalent
        ("ok ✓ 😀", "ok ? ?"),
    ],
)
def test_fold_ascii(raw: str, folded: str) -> None:
    assert fold_ascii(raw) == folded
    assert is_safe_for_printer(fold_ascii(raw))


@pytest.mark.parametrize(
    "control", ["\x00", "\x1b", "\x1d", "\x10", "\x1c", "\x07", "\x7f", "\x9b"]
)
def test_control_characters_become_question_marks(control: str) -> None:
    assert fold_ascii(f"A{control}B") == "A?B"


def test_whitespace_controls_become_spaces_and_collapse() -> None:
    assert clean("  Layanan\tKTP\r\nbaru  ") == "Layanan KTP baru"


def test_hostile_command_sequences_are_text() -> None:
    hostile = "KTP\x1b@\x1dV\x00\x10\x04\x01\x1bd\xff"
    cleaned = clean(hostile)
    assert is_safe_for_printer(cleaned)
    assert cleaned == "KTP?@?V?????dy"  # \xff is y-diaeresis, folded like any accent
    assert all(ord(c) >= 0x20 for c in cleaned)


def test_wrap_at_word_boundaries() -> None:
    text = "Dinas Kependudukan dan Pencatatan Sipil Kota Surabaya"
    lines = wrap(text, 20)
    assert lines == ["Dinas Kependudukan", "dan Pencatatan Sipil", "Kota Surabaya"]
    assert all(len(line) <= 20 for line in lines)


def test_wrap_splits_words_longer_than_a_line() -> None:
    assert wrap("A " + "X" * 25, 10) == ["A", "XXXXXXXXXX", "XXXXXXXXXX", "XXXXX"]


def test_wrap_empty_keeps_one_line() -> None:
    assert wrap("", 10) == [""]
    with pytest.raises(ValueError):
        wrap("x", 0)


def test_wrap_labelled_hanging_indent() -> None:
    lines = wrap_labelled("Layanan", "Perekaman KTP-el (Kartu Tanda Penduduk elektronik)", 32, 9)
    assert lines[0].startswith("Layanan  : Perekaman")
    assert all(line.startswith(" " * 11) for line in lines[1:])
    assert all(len(line) <= 32 for line in lines)


def test_wrap_labelled_narrow_falls_back_to_own_line() -> None:
    assert wrap_labelled("Perkiraan", "sekitar 25 menit", 20, 9) == [
        "Perkiraan:",
        "sekitar 25 menit",
    ]
