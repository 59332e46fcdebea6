from __future__ import annotations

import pytest

from mpp_core.domain.catalog import Catalog
from mpp_core.domain.search import ServiceIndex, fold


@pytest.fixture(scope="module")
def index(default_catalog: Catalog) -> ServiceIndex:
    return ServiceIndex(default_catalog)


def names(index: ServiceIndex, q: str, n: int = 5) -> list[str]:
    """Each hit as its name plus its gerai code, lower case."""
    return [f"{h.service.name} {h.service.gerai_code}".lower() for h in index.search(q, n)]


def test_fold() -> None:
    assert fold("  KTP-el  Baru! ") == "ktp el baru"
    assert fold("Café") == "cafe"


@pytest.mark.parametrize(
    ("query", "must_contain"),
    [
        ("ktp", "ktp"),
        ("kk", "kartu keluarga"),
        ("akta lahir", "kelahiran"),
        ("skck", "skck"),
        ("bpjs", "bpjs"),
        ("kartu kel", "kartu keluarga"),
        ("AKTA KEMATIAN", "kematian"),
        ("pindah", "dispendukcapil"),  # the busiest gerai first among equal matches
        ("ktp hilang", "ktp-el hilang"),
        ("izin praktik bidan", "bidan"),
    ],
)
def test_people_find_what_they_type(index: ServiceIndex, query: str, must_contain: str) -> None:
    top = names(index, query)
    assert top, f"nothing found for {query!r}"
    assert must_contain in top[0], top


def test_nonsense_finds_nothing(index: ServiceIndex) -> None:
    assert index.search("zzqxv") == []
    assert index.search("") == []


def test_only_selectable_gerai_are_searched(index: ServiceIndex, default_catalog: Catalog) -> None:
    planned = {g.code for g in default_catalog.gerai if not g.selectable}
    for hit in index.search("a", 500):
        assert hit.service.gerai_code not in planned


@pytest.mark.parametrize(
    ("query", "must_contain"),
    [
        ("birth certificate", "akta kelahiran"),
        ("family card", "kartu keluarga"),
        ("property tax", "pbb"),
        ("driving licence", "sim"),
        ("pencatatan sipil", "akta"),  # a gerai's heading
    ],
)
def test_english_names_and_headings_are_found(
    index: ServiceIndex, query: str, must_contain: str
) -> None:
    top = names(index, query)
    assert top and must_contain in top[0], top
