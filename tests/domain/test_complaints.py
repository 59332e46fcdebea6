"""Complaint and aspiration rules: cleaning, limits, consent, phone numbers, tracking codes."""

from __future__ import annotations

import pytest

from mpp_core.domain.complaints import (
    MAX_TEXT,
    Category,
    Kind,
    Refused,
    clean_text,
    make_report,
    new_tracking_code,
    normal_code,
)


def report(**kw: object):  # type: ignore[no-untyped-def]
    args: dict[str, object] = {
        "kind": Kind.COMPLAINT,
        "category": Category.PELAYANAN,
        "gerai_code": "dispendukcapil",
        "text": "Antrean lama",
    }
    args.update(kw)
    return make_report(**args)  # type: ignore[arg-type]


def test_text_is_cleaned_of_control_and_direction_characters() -> None:
    hostile = "Cafe\u0301\x00 ramah\x1b[31m\u202e\r\n\r\n\r\n\r\nterima kasih  \t!"
    assert clean_text(hostile) == "Café ramah[31m\n\nterima kasih !"


def test_empty_or_too_long_text_is_refused() -> None:
    with pytest.raises(Refused) as e:
        report(text=" \n\x00 ")
    assert e.value.field == "text"
    with pytest.raises(Refused):
        report(text="x" * (MAX_TEXT + 1))
    assert report(text="x" * MAX_TEXT).text == "x" * MAX_TEXT


def test_name_and_phone_only_with_consent_and_valid() -> None:
    with pytest.raises(Refused) as e:
        report(name="Siti")
    assert e.value.field == "consent"
    r = report(name="  Siti\nAminah ", phone="0812-3456-7890", consent=True)
    assert (r.name, r.phone) == ("Siti Aminah", "081234567890")
    with pytest.raises(Refused) as e:
        report(phone="12345", consent=True)
    assert e.value.field == "phone"
    anonymous = report()
    assert anonymous.name is None and anonymous.phone is None


def test_tracking_codes_are_random_and_read_back_however_typed() -> None:
    codes = {new_tracking_code() for _ in range(200)}
    assert len(codes) == 200
    code = next(iter(codes))
    assert normal_code(code) == code
    assert normal_code(code.lower().replace("-", " ")) == code
    assert normal_code(code.replace("-", "")) == code
    assert normal_code("ADU-0000-1111") is None  # 0 and 1 are never in a code
    assert normal_code("XYZ-ABCD-EFGH") is None
