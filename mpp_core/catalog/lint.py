"""The truth check: does what the catalog says hang together?

``parse_catalog`` decides whether files are a catalog at all (shape, types, English present,
codes unique). This module reads a parsed catalog and finds what is well formed but cannot
be true, or is very likely a copy-and-paste slip, each reported like a parse problem (file,
place, message) with the rule's name at the end:

- ``placeholder``: a location that says "to be announced" ("menyusul", "TBD", "belum") or
  any text with TODO/TBD/lorem: a location is either real or left out (null);
- ``condition-in-requirements``: a condition ("Berusia 17 tahun", "Hadir sendiri", "Sudah
  ...") listed under what to bring; it belongs in ``conditions``;
- ``same-product-time``: services giving the same product (e.g. "KTP-el pengganti" for a
  lost and for a damaged card) with different processing times;
- ``copied-steps``: the same procedure in services of different gerai, or under different
  headings of one gerai; and a step naming a form or system (SPOP/LSPOP, OSS, SIMBG, ...)
  that its service mentions nowhere else;
- ``english-missing``: an empty English version (a catalog kept from format version 1);
- ``english-same``: English identical to the Indonesian although it holds words that are
  not names, acronyms or numbers (see ``SAME_IN_BOTH``);
- ``not-available``: a text saying something is not available ("belum tersedia") about a
  gerai that is open.

Pure Python over the domain objects; ``scripts/check_catalog_data.py`` is its command line.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from mpp_core.catalog.schema import MPP_FILE, Problem, file_of
from mpp_core.domain.catalog import Catalog, Gerai, GeraiState, Service

# ------------------------------------------------------------------------------ wording

PLACEHOLDER_LOCATION_RE = re.compile(
    r"menyusul|\bbelum\b|\bakan\s+(diumumkan|ditentukan)|\btbd\b|\btba\b|to be (announced|"
    r"confirmed|decided)|\bsementara\b|\?",
    re.IGNORECASE,
)
PLACEHOLDER_ANY_RE = re.compile(r"\b(todo|fixme|tbd|lorem ipsum|xxx+)\b", re.IGNORECASE)

# A requirement is something to bring; these openings say what must be true instead.
CONDITION_START_RE = re.compile(
    r"^(berusia|usia|hadir|sudah|belum|bagi|warga|telah|pernah|tidak sedang|bukan|"
    r"terdaftar|bersedia|berdomisili|berstatus|merupakan|sedang|harus|wajib|"
    r"aged?|must|already|not yet|in person|you are|you have)\b",
    re.IGNORECASE,
)
CONDITION_ANYWHERE_RE = re.compile(
    r"\bberusia\b|\bhadir sendiri\b|\bsudah/pernah kawin\b|\bsudah direkam\b|\bsudah online\b",
    re.IGNORECASE,
)

# Names of forms, systems and documents are written in capitals: SPOP, LSPOP, OSS, SIMBG.
TERM_RE = re.compile(r"\b[A-Z][A-Z0-9]{2,}(?:-[A-Za-z0-9]+)?\b")
# Terms any step may use without the service naming them elsewhere.
GENERIC_TERMS = frozenset(
    {"ADM", "MPP", "NIK", "PIN", "TTE", "PNBP", "HVS", "WNI", "WNA", "SMS", "KTP", "KTP-el"}
)

NOT_AVAILABLE_RE = re.compile(
    r"belum\s+(tersedia|ada|dibuka|buka|beroperasi)|tidak\s+tersedia|masih\s+direncanakan|"
    r"not\s+(yet\s+)?(open|available)|still\s+planned",
    re.IGNORECASE,
)
# Words of a gerai's name that do not identify it when another text mentions them.
NAME_NOISE = frozenset(
    {"kota", "batu", "gerai", "layanan", "dinas", "kantor", "badan", "dan", "tanpa", "antre"}
)

# Words that may stand unchanged in the English: proper names, brands and words English
# uses as they are. Acronyms (two capitals or more), numbers, web or mail addresses and
# the names in NAMES_IN_BOTH are always allowed. Everything else identical in both
# languages is reported.
SAME_IN_BOTH = frozenset(
    (
        "among",
        "warga",
        "tani",
        "batu",
        "kota",
        "malang",
        "jatim",
        "jawa",
        "timur",
        "bank",
        "tirto",
        "perumdam",
        "sudirman",
        "panglima",
        "jl",
        "no",
        "pratama",
        "polres",
        "samsat",
        "imigrasi",
        "bapenda",
        "dispendukcapil",
        "dukcapil",
        "disnaker",
        "dinkes",
        "dinsos",
        "dishub",
        "kemenag",
        "kemnaker",
        "karirhub",
        "mobile",
        "jkn",
        "pandawa",
        "online",
        "email",
        "whatsapp",
        "e-court",
        "qris",
        "ktp-el",
        "e-ktp",
        "sp4n-lapor",
        "lapor",
        "idul",
        "fitri",
        "adha",
        "imlek",
        "kongzili",
        "nyepi",
        "waisak",
        "saka",
        "mikraj",
        "isra",
        "maulid",
        "natal",
        "paskah",
    )
)

# Names of several words that stay as they are (agencies, apps); taken out before the words
# of an unchanged English are looked at.
NAMES_IN_BOTH = (
    "BPJS Kesehatan",
    "BPJS Ketenagakerjaan",
    "Identitas Kependudukan Digital",
    "Sentuh Tanahku",
    "SATUSEHAT Mobile",
    "PLN Mobile",
    "Mobile JKN",
)
_NAMES_RE = re.compile("|".join(re.escape(n) for n in NAMES_IN_BOTH), re.IGNORECASE)
_PAREN_RE = re.compile(r"\([^)]*\)")
_SPACE_RE = re.compile(r"\s+")
_TOKEN_RE = re.compile(r"[^\s,;:()/\[\]\"'!?]+")


def _norm(text: str) -> str:
    return _SPACE_RE.sub(" ", text).strip().casefold()


def _norm_core(text: str) -> str:
    """Lower case without what is in parentheses: "KTP-el (berlaku seumur hidup)" is KTP-el."""
    return _norm(_PAREN_RE.sub(" ", text)).strip(" .;,")


# ------------------------------------------------------------------------------ places


@dataclass(frozen=True, slots=True)
class _Text:
    file: str
    place: str
    text: str
    text_en: str | None


def _service_place(s: Service) -> str:
    return f"services[{s.order - 1}] ({s.code})"


def _texts(catalog: Catalog) -> Iterator[_Text]:
    """Every visitor text with its English, and where it is."""
    m = catalog.mpp
    for key in ("name", "full_name", "city", "address", "notice", "complaints"):
        yield _Text(MPP_FILE, f"mpp.{key}", getattr(m, key), getattr(m, f"{key}_en"))
    for i, h in enumerate(catalog.holidays):
        yield _Text(MPP_FILE, f"holidays[{i}].name", h.name, h.name_en)
    for g in catalog.gerai:
        f = file_of(g)
        yield _Text(f, "name", g.name, g.name_en)
        yield _Text(f, "agency", g.agency, g.agency_en)
        if g.location is not None:
            yield _Text(f, "location", g.location, g.location_en)
        for i, h in enumerate(g.holidays):
            yield _Text(f, f"holidays[{i}].name", h.name, h.name_en)
        for grp in g.groups:
            yield _Text(f, f"groups[{grp.order - 1}].name", grp.name, grp.name_en)
        for s in g.services:
            p = _service_place(s)
            yield _Text(f, f"{p}.name", s.name, s.name_en)
            for i, c in enumerate(s.conditions):
                yield _Text(f, f"{p}.conditions[{i}].text", c.text, c.text_en)
            for i, r in enumerate(s.requirements):
                yield _Text(f, f"{p}.requirements[{i}].text", r.text, r.text_en)
                if r.note is not None:
                    yield _Text(f, f"{p}.requirements[{i}].note", r.note, r.note_en)
            for i, step in enumerate(s.procedure):
                yield _Text(f, f"{p}.procedure[{i}].text", step.text, step.text_en)
            yield _Text(f, f"{p}.processing_time", s.processing_time, s.processing_time_en)
            if s.fee_note is not None:
                yield _Text(f, f"{p}.fee_note", s.fee_note, s.fee_note_en)
            yield _Text(f, f"{p}.product", s.product, s.product_en)
            yield _Text(f, f"{p}.complaints", s.complaints, s.complaints_en)


# ------------------------------------------------------------------------------ rules


def _placeholders(catalog: Catalog) -> Iterator[Problem]:
    for g in catalog.gerai:
        for key, value in (("location", g.location), ("location_en", g.location_en)):
            if value and PLACEHOLDER_LOCATION_RE.search(value):
                yield Problem(
                    file_of(g),
                    key,
                    f"{value!r} is a placeholder: give the real place or leave location and "
                    "location_en null (then nothing is shown or printed) [placeholder]",
                )
    for t in _texts(catalog):
        for key, value in (("", t.text), ("_en", t.text_en or "")):
            m = PLACEHOLDER_ANY_RE.search(value)
            if m:
                yield Problem(
                    t.file, t.place + key, f"holds the placeholder {m.group(0)!r} [placeholder]"
                )


def _conditions_in_requirements(catalog: Catalog) -> Iterator[Problem]:
    for g in catalog.gerai:
        for s in g.services:
            for i, r in enumerate(s.requirements):
                for key, text in (("text", r.text), ("text_en", r.text_en)):
                    if CONDITION_START_RE.match(text) or CONDITION_ANYWHERE_RE.search(text):
                        yield Problem(
                            file_of(g),
                            f"{_service_place(s)}.requirements[{i}].{key}",
                            f"{text!r} says what must be true, not what to bring: move it to "
                            "conditions [condition-in-requirements]",
                        )
                        break


def _same_product_time(catalog: Catalog) -> Iterator[Problem]:
    first: dict[str, tuple[Gerai, Service]] = {}
    for g in catalog.gerai:
        for s in g.services:
            key = _norm_core(s.product)
            if not key:
                continue
            if key not in first:
                first[key] = (g, s)
                continue
            g0, s0 = first[key]
            for label, a, b in (
                ("processing_time", s0.processing_time, s.processing_time),
                ("processing_time_en", s0.processing_time_en, s.processing_time_en),
            ):
                if _norm_core(a) != _norm_core(b):
                    yield Problem(
                        file_of(g),
                        f"{_service_place(s)}.{label}",
                        f"{b!r}, but {s0.code} ({file_of(g0)}) gives the same product "
                        f"{s.product!r} in {a!r}: the same document takes the same time "
                        "unless the catalog says why [same-product-time]",
                    )
                    break


def _copied_steps(catalog: Catalog) -> Iterator[Problem]:
    seen: dict[tuple[str, ...], tuple[Gerai, Service]] = {}
    for g in catalog.gerai:
        for s in g.services:
            steps = tuple(_norm(x.text) for x in s.procedure)
            if steps in seen:
                g0, s0 = seen[steps]
                where = None
                if g0.code != g.code:
                    where = f"{s0.code} of another gerai ({file_of(g0)})"
                elif s0.group != s.group:
                    where = f"{s0.code}, which is under another heading ({s0.group})"
                if where:
                    yield Problem(
                        file_of(g),
                        f"{_service_place(s)}.procedure",
                        f"the same steps as {where}: write this service's own steps [copied-steps]",
                    )
            else:
                seen[steps] = (g, s)
            yield from _foreign_terms(g, s)


def _foreign_terms(g: Gerai, s: Service) -> Iterator[Problem]:
    """A step that names a form or system its service mentions nowhere else was most
    likely copied from another service."""
    context = " ".join(
        [
            g.name,
            g.name_en,
            g.agency,
            s.name,
            s.name_en,
            " ".join(s.keywords),
            s.product,
            s.product_en,
            s.processing_time,
            s.fee_note or "",
            s.online_url or "",
            *(c.text for c in s.conditions),
            *(f"{r.text} {r.text_en} {r.note or ''}" for r in s.requirements),
        ]
    ).casefold()
    for i, step in enumerate(s.procedure):
        for term in dict.fromkeys(TERM_RE.findall(step.text)):
            if term in GENERIC_TERMS or term.casefold() in context:
                continue
            yield Problem(
                file_of(g),
                f"{_service_place(s)}.procedure[{i}]",
                f"names {term}, which the service mentions nowhere else (not in its name, "
                "requirements or product): copied from another service? [copied-steps]",
            )


def _english_missing(catalog: Catalog) -> Iterator[Problem]:
    for t in _texts(catalog):
        if t.text_en is None or not t.text_en.strip():
            yield Problem(t.file, t.place + "_en", "English version is missing [english-missing]")


def _allowed_same(text: str) -> bool:
    for token in _TOKEN_RE.findall(_NAMES_RE.sub(" ", text)):
        word = token.strip(".-&+")
        if not word or any(c.isdigit() for c in word):
            continue
        if sum(c.isupper() for c in word) >= 2:  # acronyms: KTP-el, SKCK, BPJS, PBB-P2
            continue
        if "." in word or "@" in word:  # lapor.go.id
            continue
        if word.casefold() in SAME_IN_BOTH:
            continue
        return False
    return True


def _english_same(catalog: Catalog) -> Iterator[Problem]:
    for t in _texts(catalog):
        if t.text_en and _norm(t.text) == _norm(t.text_en) and not _allowed_same(t.text):
            yield Problem(
                t.file,
                t.place + "_en",
                f"is the Indonesian unchanged ({t.text!r}): translate it (names and document "
                "names may stay, e.g. 'Family Card (Kartu Keluarga, KK)') [english-same]",
            )


def _mentions(text: str, g: Gerai, noise: frozenset[str]) -> bool:
    low = text.casefold()
    if g.code.casefold() in low:
        return True
    words = {w.strip("()").casefold() for w in g.name.split()}
    return any(len(w) >= 4 and w not in noise and w in low for w in words)


def _not_available(catalog: Catalog) -> Iterator[Problem]:
    open_gerai = [g for g in catalog.gerai if g.state is GeraiState.OPEN]
    # The MPP's own name ("MPP Among Warga") is in many texts; it names no gerai.
    noise = NAME_NOISE | {
        w.casefold() for w in f"{catalog.mpp.name} {catalog.mpp.full_name}".split()
    }
    for t in _texts(catalog):
        for key, value in (("", t.text), ("_en", t.text_en or "")):
            if not NOT_AVAILABLE_RE.search(value):
                continue
            for g in open_gerai:
                if t.file == file_of(g):
                    continue  # a gerai may say what it does not do itself
                if _mentions(value, g, noise):
                    yield Problem(
                        t.file,
                        t.place + key,
                        f"says it is not available, but the gerai {g.name!r} ({file_of(g)}) is "
                        "open [not-available]",
                    )
                    break


RULES = (
    _placeholders,
    _conditions_in_requirements,
    _same_product_time,
    _copied_steps,
    _english_missing,
    _english_same,
    _not_available,
)


def lint_catalog(catalog: Catalog) -> list[Problem]:
    """Everything in ``catalog`` that cannot be true or looks copied; empty when all is well."""
    return [p for rule in RULES for p in rule(catalog)]
