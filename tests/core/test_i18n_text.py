"""The one translation mechanism: both languages, same placeholders, plurals, binding."""

from __future__ import annotations

import pytest

from mpp_core.i18n import Bound, Names, Plain, Text, language, placeholders


def test_a_text_says_itself_in_either_language() -> None:
    t = Text("Ambil nomor antrean", "Take a queue number")
    assert t("id") == "Ambil nomor antrean"
    assert t("en") == "Take a queue number"
    assert t("fr") == "Ambil nomor antrean"  # anything else: Indonesian first


def test_placeholders_are_filled_in_the_language_asked() -> None:
    t = Text("Loket {n} · {gerai}", "Counter {n} · {gerai}")
    assert t("id", n=2, gerai="Dukcapil") == "Loket 2 · Dukcapil"
    assert t("en", n=2, gerai="Dukcapil") == "Counter 2 · Dukcapil"


@pytest.mark.parametrize(
    ("id_", "en", "why"),
    [
        ("Nomor {nomor}", "Number {number}", "placeholders differ"),
        ("Nomor {n}", "Number", "placeholders differ"),
        ("Nomor", "", "without English"),
        ("", "Number", "without Indonesian"),
        ("Nomor {}", "Number {}", "named placeholders"),
    ],
)
def test_a_text_missing_english_or_with_other_placeholders_is_refused(
    id_: str, en: str, why: str
) -> None:
    with pytest.raises(ValueError, match=why):
        Text(id_, en)


def test_english_plurals_follow_count() -> None:
    t = Text("{count} orang di depan Anda", "{count} person ahead of you", "{count} people ahead")
    assert t("en", count=1) == "1 person ahead of you"
    assert t("en", count=3) == "3 people ahead"
    assert t("id", count=3) == "3 orang di depan Anda"
    with pytest.raises(ValueError, match="count"):
        Text("{n} orang", "{n} person", "{n} people")


def test_bound_texts_say_their_values_in_the_same_language() -> None:
    gerai = Names("Kependudukan", "Population registry")
    said = Text("Silakan ke {gerai}", "Please go to {gerai}").bind(gerai=gerai)
    assert isinstance(said, Bound)
    assert said("id") == "Silakan ke Kependudukan"
    assert said("en") == "Please go to Population registry"
    assert Names("Samsat")("en") == "Samsat"  # no English name: the Indonesian one
    assert Plain("A-001")("en") == "A-001"


def test_literal_braces_and_helpers() -> None:
    assert Text("{{kurung}}", "{{braces}}")("en") == "{braces}"
    assert placeholders("a {b} {c.d} {{e}}") == {"b", "c"}
    assert language("en") == "en" and language(None) == "id" and language("jv") == "id"
