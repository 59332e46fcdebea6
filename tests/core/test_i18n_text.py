"""The one translation mechanism: both languages, same placeholders, plurals, binding."""

from __future__ import annotations

import pytest

from mpp_core.i18n import (
    Bound,
    Joined,
    Names,
    Number,
    Plain,
    Text,
    language,
    language_from_env,
    placeholders,
    said,
)


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


def test_numbers_and_joined_words_follow_the_language() -> None:
    assert Number(2.5, ".1f")("id") == "2,5" and Number(2.5, ".1f")("en") == "2.5"
    assert Number(1e12)("en") == "1e+12"
    lines = Joined((Text("Terhubung", "Online"), Plain(""), Plain("A-001")))
    assert lines("id") == "Terhubung\nA-001" and lines("en") == "Online\nA-001"
    assert Joined((Plain("a"), Plain("b")), " · ")("en") == "a · b"
    assert said(None, "en") == "" and said(Plain("x"), "id") == "x"


def test_a_number_bound_into_a_text_is_written_the_language_s_way() -> None:
    t = Text("Sisa kertas: sekitar {m} m", "Paper left: about {m} m").bind(m=Number(4.25, ".1f"))
    assert t("id") == "Sisa kertas: sekitar 4,2 m"
    assert t("en") == "Paper left: about 4.2 m"


@pytest.mark.parametrize(
    ("environ", "lang"),
    [
        ({}, "id"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({"LANG": "id_ID.UTF-8"}, "id"),
        ({"LANG": "C.UTF-8"}, "id"),
        ({"LANG": "en_US.UTF-8", "LC_ALL": "id_ID.UTF-8"}, "id"),  # LC_ALL before LANG
        ({"LC_ALL": "", "LC_MESSAGES": "en_GB.UTF-8", "LANG": "id_ID"}, "en"),  # empty: skipped
        ({"LANGUAGE": "en:id", "LC_ALL": "id_ID.UTF-8"}, "en"),  # LANGUAGE first
    ],
)
def test_a_command_line_tool_takes_its_language_from_the_environment(
    environ: dict[str, str], lang: str
) -> None:
    assert language_from_env(environ) == lang
