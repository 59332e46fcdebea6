"""What every settings group is checked with: a problem (its key and its words), the checks
the groups share (type, range, choice, list, pattern), and each of their messages, written once.

A problem's words are ``mpp_core.i18n`` words in both languages: the staff screens show them
in the language on screen, ``mpp-kiosk config check`` and the printer commands in the
language they are run in (``--lang``), the settings objects' errors and the log in English.
Numbers are shown as they are written in the file (``1e+12``, ``inf``, ``nan``), with a
decimal comma in Indonesian.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from mpp_core.i18n import Text, Words


@dataclass(frozen=True)
class Problem:
    """One bad setting: ``key`` is ``section.name`` ("printer.port"), or a table's name alone
    ("server") when the table as a whole is wrong."""

    key: str
    words: Words

    @property
    def message(self) -> str:
        """The English words (the settings objects' errors, the log)."""
        return self.words("en")

    @property
    def section(self) -> str:
        return self.key.partition(".")[0]

    @property
    def name(self) -> str:
        """The key inside its table ("" for the table itself)."""
        return self.key.partition(".")[2]

    def __str__(self) -> str:
        return f"{self.key}: {self.message}"


# --------------------------------------------------------------------------- the rules


@dataclass(frozen=True)
class Range:
    """A finite number from ``lo`` to ``hi`` (both included): nan and inf never fit."""

    lo: float
    hi: float

    def __post_init__(self) -> None:
        assert math.isfinite(self.lo) and math.isfinite(self.hi) and self.lo <= self.hi


@dataclass(frozen=True)
class Choice:
    """One of a few words."""

    values: tuple[str, ...]


@dataclass(frozen=True)
class Items:
    """A list of some of a few words, each at most once."""

    values: tuple[str, ...]


@dataclass(frozen=True)
class Pattern:
    """Text that matches ``regex``; ``words`` says what it must look like, e.g.
    Text("waktu JJ:MM (24 jam)", "a time as HH:MM (24 hours)")."""

    regex: str
    words: Words


Rule = Range | Choice | Items | Pattern | None


@dataclass(frozen=True)
class Key:
    """A key of a table: the type its value must have, and the rule it must follow."""

    kind: type
    rule: Rule = None


# --------------------------------------------------------------------------- messages


def number(value: object) -> str:
    """A number as the file writes it: 5, 0.05, 1e+12, inf, nan."""
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def angka(value: object) -> str:
    """A number for Indonesian words (decimal comma)."""
    return number(value).replace(".", ",")


@dataclass(frozen=True)
class Written:
    """A number as the file writes it, with a decimal comma in Indonesian (as words)."""

    value: object

    def __call__(self, lang: str, /) -> str:
        return number(self.value) if lang == "en" else angka(self.value)


_TYPE_WORDS: dict[type, Text] = {
    str: Text("teks", "text"),
    int: Text("bilangan bulat", "a whole number"),
    float: Text("angka", "a number"),
    bool: Text("true atau false", "true or false"),
    list: Text("daftar", "a list"),
    dict: Text("tabel", "a table"),
}
_VALUE_WORDS: dict[type, Text] = {**_TYPE_WORDS, bool: Text("true/false", "true/false")}
MUST_BE_TYPE = Text("harus {want}, bukan {got} ({value})", "must be {want}, not {got} ({value})")
OUT_OF_RANGE = Text(
    "harus {lo} sampai {hi}, bukan {value}", "must be between {lo} and {hi}, not {value}"
)
NOT_ONE_OF = Text(
    "harus salah satu dari {listed}, bukan {value}", "must be one of {listed}, not {value}"
)
BAD_ITEMS = Text(
    "setiap isi harus salah satu dari {listed}, sekali saja (ada {found})",
    "each item must be one of {listed}, once (found {found})",
)
NO_MATCH = Text("harus {pattern}, bukan {value}", "must be {pattern}, not {value}")
UNKNOWN_KEY = Text(
    "kunci tidak dikenal (yang dikenal: {known})", "unknown key (known keys: {known})"
)


def _type_name(kind: type) -> Words:
    return lambda _lang: kind.__name__


def value_words(value: object) -> Words:
    """What kind of value this is, in words ("text", "a whole number", "a table", ...)."""
    return _VALUE_WORDS.get(type(value)) or _type_name(type(value))


def wrong_type(kind: type, value: object) -> Words:
    want = _TYPE_WORDS.get(kind) or _type_name(kind)
    return MUST_BE_TYPE.bind(want=want, got=value_words(value), value=repr(value))


def out_of_range(rule: Range, value: object) -> Words:
    return OUT_OF_RANGE.bind(lo=Written(rule.lo), hi=Written(rule.hi), value=Written(value))


def not_one_of(choices: Sequence[object], value: object) -> Words:
    listed = ", ".join(str(c) for c in choices)
    return NOT_ONE_OF.bind(listed=listed, value=repr(value))


def bad_items(choices: Sequence[str], value: Sequence[object]) -> Words:
    listed, found = ", ".join(choices), ", ".join(map(repr, value))
    return BAD_ITEMS.bind(listed=listed, found=found)


def no_match(pattern: Pattern, value: str) -> Words:
    return NO_MATCH.bind(pattern=pattern.words, value=repr(value))


def unknown_key(known: Sequence[str]) -> Words:
    return UNKNOWN_KEY.bind(known=", ".join(known))


# --------------------------------------------------------------------------- checking


def is_a(value: object, kind: type) -> bool:
    """``isinstance`` where true/false is not a number."""
    return isinstance(value, kind) and not (kind in (int, float) and isinstance(value, bool))


def follows(rule: Rule, value: Any) -> Words | None:
    """Why ``value`` (already of the right type) breaks ``rule``, or None."""
    if isinstance(rule, Range):
        return None if rule.lo <= value <= rule.hi else out_of_range(rule, value)
    if isinstance(rule, Choice):
        return None if value in rule.values else not_one_of(rule.values, value)
    if isinstance(rule, Items):
        fits = all(v in rule.values for v in value) and len(set(value)) == len(value)
        return None if fits else bad_items(rule.values, value)
    if isinstance(rule, Pattern):
        return None if re.match(rule.regex, value) else no_match(rule, value)
    return None


def check_value(spec: Key, value: object) -> tuple[Any, Words | None]:
    """The value as the setting keeps it (a whole number where a number is asked for becomes
    a float, a list a tuple), or why it is refused."""
    if spec.kind is float and is_a(value, int):
        value = float(value)  # type: ignore[arg-type]
    if not is_a(value, spec.kind):
        return None, wrong_type(spec.kind, value)
    if spec.kind is list:
        value = tuple(value)  # type: ignore[arg-type]
    return value, follows(spec.rule, value)


def check_table(
    section: str, table: Mapping[str, Any], keys: Mapping[str, Key]
) -> tuple[dict[str, Any], list[Problem]]:
    """The good keys of a TOML table (strictly typed) and a problem for each bad one."""
    good: dict[str, Any] = {}
    problems: list[Problem] = []
    for name, raw in table.items():
        spec = keys.get(name)
        if spec is None:
            problems.append(Problem(f"{section}.{name}", unknown_key(list(keys))))
            continue
        value, words = check_value(spec, raw)
        if words is not None:
            problems.append(Problem(f"{section}.{name}", words))
        else:
            good[name] = value
    return good, problems
