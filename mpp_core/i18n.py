"""One way to say anything to a person: Bahasa Indonesia first, English second.

Every human-facing string (visitor and staff screens, slips, staff-facing command-line
messages, the server's pages) is a :class:`Text`: both languages side by side, where it is
used, so a reader checks the Indonesian against the English in one place and no catalogue
can drift from the code. A text is turned into words only when it is shown, in the
language asked for, so the kiosk switches language live and the printer thread prints a
slip in the visitor's language while the screen shows another.

Placeholders are ``{name}`` fields and must be the same in both languages; a text without
English, or whose placeholders differ, is refused when it is made (and a test scans the
code for every ``Text(...)`` so a rarely used one cannot hide). English plurals: give
``en_many`` and a ``count`` value; Indonesian does not inflect. A sentence made of parts is
one text with placeholders (word order differs between the languages); a placeholder's value
may itself be words (a bound text, a catalog name, a :class:`Number`), said in the same
language. Day and month names and the wording of dates and times are in
``mpp_core.i18n_dates``.

Pure Python: no Qt, no framework (import-linter keeps it so).
"""

from __future__ import annotations

import string
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Final, Literal, Protocol

Lang = Literal["id", "en"]
LANGUAGES: Final[tuple[Lang, ...]] = ("id", "en")
DEFAULT_LANG: Final[Lang] = "id"

_FORMATTER = string.Formatter()


def placeholders(template: str) -> frozenset[str]:
    """The ``{name}`` fields of a template (``{{`` and ``}}`` are literal braces)."""
    names = set()
    for _literal, name, _spec, _conversion in _FORMATTER.parse(template):
        if name is not None:
            if name == "" or name.isdigit():
                raise ValueError(f"use named placeholders, not {{{name}}}: {template!r}")
            names.add(name.split(".")[0].split("[")[0])
    return frozenset(names)


def language(lang: str | None) -> Lang:
    """``lang`` when it is one of ours, otherwise Indonesian."""
    return "en" if lang == "en" else "id"


ENV_LANGUAGE: Final[tuple[str, ...]] = ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG")


def language_from_env(environ: Mapping[str, str], names: Sequence[str] = ENV_LANGUAGE) -> Lang:
    """The language of a command-line tool run without ``--lang``: the first of ``LANGUAGE``,
    ``LC_ALL``, ``LC_MESSAGES`` and ``LANG`` that is set decides; English when it starts with
    ``en`` (``en_US.UTF-8``, ``en:id``), otherwise Indonesian."""
    for name in names:
        value = environ.get(name, "").strip()
        if value:
            return "en" if value.lower().startswith("en") else "id"
    return DEFAULT_LANG


class Words(Protocol):
    """Anything that can be said in a language: a :class:`Text` with its values bound, a
    name from the catalog, a fixed string."""

    def __call__(self, lang: str, /) -> str: ...


@dataclass(frozen=True, slots=True)
class Text:
    """A message in Indonesian and English, with ``{name}`` placeholders."""

    id: str
    en: str
    en_many: str | None = None  # English when ``count`` is not 1

    def __post_init__(self) -> None:
        if not self.id.strip():
            raise ValueError(f"a text without Indonesian: {self.en!r}")
        if not self.en.strip():
            raise ValueError(f"a text without English: {self.id!r}")
        wanted = placeholders(self.id)
        for other in (self.en, self.en_many):
            if other is not None and placeholders(other) != wanted:
                raise ValueError(
                    f"placeholders differ: {self.id!r} has {sorted(wanted)}, "
                    f"{other!r} has {sorted(placeholders(other))}"
                )
        if self.en_many is not None and "count" not in wanted:
            raise ValueError(f"a plural text needs a {{count}} placeholder: {self.id!r}")

    def __call__(self, lang: str, /, **values: object) -> str:
        """The words in ``lang`` (Indonesian for anything but ``"en"``)."""
        if lang == "en":
            template = self.en
            if self.en_many is not None and values.get("count") != 1:
                template = self.en_many
        else:
            template = self.id
        return template.format(**values) if values or "{" in template else template

    def bind(self, **values: object) -> Bound:
        """This text with its values, to be said later in whatever language is shown."""
        return Bound(self, values)


@dataclass(frozen=True, slots=True)
class Bound:
    """A :class:`Text` with its placeholder values; values that are themselves
    :class:`Words` (another bound text, a bilingual name) are said in the same language."""

    text: Text
    values: Mapping[str, object] = field(default_factory=dict)

    def __call__(self, lang: str, /) -> str:
        values = {k: v(lang) if callable(v) else v for k, v in self.values.items()}
        return self.text(lang, **values)


@dataclass(frozen=True, slots=True)
class Names:
    """A value that already comes in both languages (a catalog name and its English), so it
    can be used where :class:`Words` are expected. Empty English falls back to Indonesian."""

    id: str
    en: str = ""

    def __call__(self, lang: str, /) -> str:
        return self.en if lang == "en" and self.en else self.id


@dataclass(frozen=True, slots=True)
class Plain:
    """Words that are the same in every language (a number, a code, a name)."""

    value: str

    def __call__(self, lang: str, /) -> str:
        return self.value


@dataclass(frozen=True, slots=True)
class Number:
    """A number as each language writes it: ``2.5`` in English, ``2,5`` in Indonesian
    (``spec`` is a format spec such as ``".1f"``; the default writes it as it is)."""

    value: float
    spec: str = "g"

    def __call__(self, lang: str, /) -> str:
        text = format(self.value, self.spec)
        return text if lang == "en" else text.replace(".", ",")


@dataclass(frozen=True, slots=True)
class Joined:
    """Several words said one after the other with ``sep`` between them (empty ones left
    out): lines under each other, items of a list, whole sentences in a row. Never the parts
    of one sentence: a sentence is one :class:`Text`."""

    parts: tuple[Words, ...]
    sep: str = "\n"

    def __call__(self, lang: str, /) -> str:
        return self.sep.join(text for text in (p(lang) for p in self.parts) if text)


def said(words: Words | None, lang: str) -> str:
    """``words`` in ``lang``; nothing at all is no words."""
    return "" if words is None else words(lang)
