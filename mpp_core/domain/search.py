"""Search over all services from what visitors type: partial words and abbreviations.

Every query word must match the start of a word of the service (its names in both
languages, keywords, its heading, its gerai's names and agency) or one of a few common
spellings. "ktp" finds KTP-el services, "akta lahir" finds Akta Kelahiran, "kk" finds
Kartu Keluarga, "passport" finds the passport services.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from mpp_core.domain.catalog import Catalog, Service

_NON_WORD = re.compile(r"[^0-9a-z]+")

# What people type -> words that appear in the catalog. Applied to query words only.
SYNONYMS: dict[str, tuple[str, ...]] = {
    "lahir": ("kelahiran",),
    "mati": ("kematian",),
    "meninggal": ("kematian",),
    "nikah": ("perkawinan", "pernikahan"),
    "kawin": ("perkawinan",),
    "cerai": ("perceraian",),
    "ektp": ("ktp",),
    "e-ktp": ("ktp",),
    "ktpel": ("ktp",),
    "sim": ("sim",),
    "pajak": ("pajak", "pbb", "bphtb"),
    "imb": ("pbg", "imb"),
    "kartu": ("kartu",),
    "hilang": ("hilang",),
    "anak": ("anak", "kia"),
    "rumah": ("pbg", "bangunan", "rumah"),
    "sehat": ("kesehatan",),
}


def fold(text: str) -> str:
    """Lower case, accents removed, only letters and digits separated by single spaces."""
    decomposed = unicodedata.normalize("NFKD", text.lower())
    ascii_only = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _NON_WORD.sub(" ", ascii_only).strip()


def words(text: str) -> list[str]:
    folded = fold(text)
    return folded.split() if folded else []


@dataclass(frozen=True, slots=True)
class Hit:
    service: Service
    score: float


@dataclass(slots=True)
class _Entry:
    service: Service
    rank: int  # the gerai's display order: the catalog lists the busiest gerai first
    name: str  # "|word|word|": prefix and whole-word tests become substring tests
    other: str
    keywords: frozenset[str]


def _joined(ws: Iterable[str]) -> str:
    return "|" + "|".join(ws) + "|"


class ServiceIndex:
    """An in-memory index of a catalog's services, rebuilt when the catalog changes."""

    def __init__(self, catalog: Catalog) -> None:
        self._entries: list[_Entry] = []
        for g in catalog.gerai:
            if not g.selectable:
                continue
            gerai_words = words(f"{g.name} {g.name_en} {g.agency} {g.agency_en}")
            headings = {grp.code: words(f"{grp.name} {grp.name_en}") for grp in g.groups}
            for s in g.services:
                kws = [w for k in s.keywords for w in words(k)]
                kws += [fold(k).replace(" ", "") for k in s.keywords]
                # English names and the service's heading match too, below its own name.
                heading = headings.get(s.group or "", [])
                other = [*words(s.name_en), *kws, *heading, *gerai_words]
                self._entries.append(
                    _Entry(s, g.order, _joined(words(s.name)), _joined(other), frozenset(kws))
                )

    def __len__(self) -> int:
        return len(self._entries)

    def search(self, query: str, limit: int = 50) -> list[Hit]:
        terms = words(query)
        if not terms:
            return []
        expanded = [(t, SYNONYMS.get(t, ())) for t in terms]
        hits: list[tuple[float, int, int, Hit]] = []
        for e in self._entries:
            total = 0.0
            for term, alternatives in expanded:
                best = _score_term(term, e)
                for alt in alternatives:
                    best = max(best, _score_term(alt, e) * 0.95)
                if best == 0.0:
                    break
                total += best
            else:
                # Equal matches: the busier gerai first, then the catalog's own order.
                hits.append((-round(total, 1), e.rank, e.service.order, Hit(e.service, total)))
        hits.sort(key=lambda h: h[:3])
        return [h[3] for h in hits[:limit]]


def _score_term(term: str, e: _Entry) -> float:
    if term in e.keywords:
        return 3.0
    start = "|" + term
    if start in e.name:
        return 2.5 if start + "|" in e.name else 2.0
    if start in e.other:
        return 1.5 if start + "|" in e.other else 1.0
    if len(term) >= 3 and term in e.name:
        return 0.5  # inside a word: "lahir" in "kelahiran"
    return 0.0


def search_services(index: ServiceIndex, query: str, limit: int = 50) -> list[Service]:
    return [h.service for h in index.search(query, limit)]


def unique(items: Iterable[Service]) -> list[Service]:
    seen: set[str] = set()
    out = []
    for s in items:
        if s.code not in seen:
            seen.add(s.code)
            out.append(s)
    return out
