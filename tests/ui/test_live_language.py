"""Switching language live: on every visitor screen, English and back changes what is shown,
comes back to exactly the same Indonesian, and no widget is left in the other language (the
staff screens: tests/staff/test_staff_live_language.py). Which words belong to one language
only is read from the code's own texts (tests/i18n_scan.py)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from PySide6.QtWidgets import QAbstractButton, QLabel, QLineEdit, QWidget

from kiosk.screens.widgets import ServiceRow, TileButton
from mpp_core.catalog.files import DEFAULT_CATALOG_DIR
from mpp_core.domain.catalog import Catalog

from ..i18n_scan import ROOT, scan
from .test_accessibility import screens, settle

SPLIT = re.compile(r"\n| · |  ·  ")
# Names of languages are written in their own language on both (the language button, the
# technician's choice of the start language): they belong to neither.
ENDONYMS = {"English", "Bahasa Indonesia"}


def _pattern(template: str) -> re.Pattern[str] | None:
    """A template as a pattern (each placeholder any words), or None when its words alone
    say nothing of a language (only placeholders, numbers and signs)."""
    literal = re.sub(r"\{[^{}]*\}", "", template)
    if not re.search(r"[A-Za-z]{2}", literal):
        return None
    parts = re.split(r"(\{[^{}]*\})", template.replace("{{", "{").replace("}}", "}"))
    regex = "".join(".+?" if p.startswith("{") and p.endswith("}") else re.escape(p) for p in parts)
    return re.compile(regex, re.S)


@lru_cache(maxsize=1)
def only_in(lang: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The kiosk's texts that exist in ``lang`` only: their template and its pattern."""
    written, _found = scan([ROOT / "kiosk", ROOT / "mpp_core"])
    other = "en" if lang == "id" else "id"
    said_other = set(ENDONYMS)
    for w in written:
        said_other.add(w.text.en if other == "en" else w.text.id)
        if other == "en" and w.text.en_many:
            said_other.add(w.text.en_many)
    out = []
    for w in written:
        forms = [w.text.id] if lang == "id" else [w.text.en, w.text.en_many or w.text.en]
        for template in forms:
            if template in said_other:
                continue  # the same words in both languages ("Printer", "Online")
            pattern = _pattern(template)
            if pattern is not None:
                out.append((template, pattern))
    return tuple(out)


def catalog_words(catalog: Catalog) -> list[str]:
    """The catalog's own words (its data, in whatever languages it has), longest first."""
    m = catalog.mpp
    found = {m.name, m.full_name, m.notice, m.notice_en, m.complaints, m.address, m.city}
    for lang in ("id", "en"):
        found |= {m.name_in(lang), m.full_name_in(lang), m.address_in(lang)}
        found |= {m.complaints_in(lang), m.notice_in(lang)}
    for g in catalog.gerai:
        found |= {g.name, g.name_en, g.agency, g.agency_en, g.location or "", g.location_en or ""}
        found |= {x.name for x in g.groups} | {x.name_en for x in g.groups}
        for s in g.services:
            found |= {s.name, s.name_en, s.processing_time, s.processing_time_en}
            found |= {s.fee_note or "", s.fee_note_en or "", s.product, s.product_en}
            found |= {s.complaints, s.complaints_en, *s.keywords}
            for line in (*s.procedure, *s.conditions):
                found |= {line.text, line.text_en}
            for r in s.requirements:
                found |= {r.text, r.text_en, r.form or "", r.note or "", r.note_en or ""}
                found |= {r.describe("id"), r.describe("en")}
    return sorted((w for w in found if len(w) >= 8), key=len, reverse=True)


def wrong_language(shown: list[str], lang: str, catalog: Catalog | None = None) -> list[str]:
    """Shown strings (or their lines and " · " parts) that are texts of the other language.
    Whole strings and parts are matched whole; long templates anywhere, once the catalog's
    own words are taken out (its data has what English it has; not the code's texts)."""
    other = "en" if lang == "id" else "id"
    data = catalog_words(catalog) if catalog is not None else []
    bad = []
    for text in shown:
        for words in data:
            if words in text:
                text = text.replace(words, "")
        pieces = {text, *(p.strip() for p in SPLIT.split(text))}
        for template, pattern in only_in(other):
            long = len(re.sub(r"\{[^{}]*\}", "", template)) >= 16  # not by chance in a name
            if any(pattern.fullmatch(p) for p in pieces if p) or (long and pattern.search(text)):
                bad.append(f"{text!r} is {other}: {template!r}")
    return bad


def visible(root: QWidget) -> Iterator[QWidget]:
    overlay = root.findChild(QWidget, "idle-overlay")
    for w in root.findChildren(QWidget):
        if not (w.isVisibleTo(root) and w.isVisible()):
            continue
        if overlay is not None and overlay.isVisible() and not overlay.isAncestorOf(w):
            continue  # covered by the idle question
        yield w


def shown_words(root: QWidget) -> list[str]:
    """Everything a person reads or hears on screen: labels, buttons, painted tiles and
    rows, placeholders and accessible names."""
    out: list[str] = []
    for w in visible(root):
        if isinstance(w, TileButton):
            out += [w.title, w.status]
        elif isinstance(w, ServiceRow):
            out += [w.title, w.facts]
        elif isinstance(w, QLabel | QAbstractButton):
            out.append(w.text())
        elif isinstance(w, QLineEdit):
            out.append(w.placeholderText())
        out.append(w.accessibleName())
    return [t for t in out if t.strip()]


def switched(qtbot, k, root: QWidget) -> tuple[list[str], list[str], list[str]]:  # type: ignore[no-untyped-def]
    """What ``root`` shows in Indonesian, in English, and in Indonesian again."""
    settle(qtbot)
    before = shown_words(root)
    k.flow.set_language("en")
    settle(qtbot)
    english = shown_words(root)
    k.flow.set_language("id")
    settle(qtbot)
    return before, english, shown_words(root)


def test_every_visitor_screen_switches_language_live(qtbot, kiosk_factory) -> None:  # type: ignore[no-untyped-def]
    k = kiosk_factory(catalog_dir=DEFAULT_CATALOG_DIR)
    seen = []
    for name in screens(k):
        if name == "ticket":  # the preview printer's slip replaces the QR code: wait for it
            qtbot.waitUntil(k.window.ticket.slip_preview.isVisible, timeout=5000)
        k.flow.idle.tick.stop()  # the countdowns must not move while the words are compared
        k.flow._ticket_timer.stop()
        before, english, after = switched(qtbot, k, k.window)
        assert english != before, f"{name}: nothing changed"
        assert after == before, f"{name}: not the same Indonesian again"
        assert wrong_language(before, "id", k.catalog.current) == [], name
        assert wrong_language(english, "en", k.catalog.current) == [], name
        seen.append(name)
    assert seen == ["welcome", "gerai", "services", "search", "detail", "idle", "ticket"]


def test_the_check_sees_a_widget_left_in_the_other_language(qtbot, kiosk_factory) -> None:  # type: ignore[no-untyped-def]
    k = kiosk_factory()
    k.flow.start()
    k.flow.set_language("en")
    k.window.page_title.setText("Pilih gerai layanan")  # set as a string: not reworded
    assert wrong_language(shown_words(k.window), "en") == [
        "'Pilih gerai layanan' is id: 'Pilih gerai layanan'"
    ]
    k.window.page_title.setText("Choose a service counter")
    assert wrong_language(["Gerai ini segera hadir. Tiket 4"], "en") != []  # a sentence inside
    assert wrong_language(["3 orang di depan Anda"], "en") != []  # with its value
