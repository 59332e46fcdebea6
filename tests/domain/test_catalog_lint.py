"""The truth check: the default catalog passes, and each kind of contradiction found in the
catalog before (placeholder locations, conditions under requirements, one document with two
times, copied steps, untranslated English, "not available" said of an open gerai) is caught."""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from mpp_core.catalog.files import DEFAULT_CATALOG_DIR, read_catalog_dir
from mpp_core.catalog.lint import lint_catalog
from mpp_core.catalog.schema import parse_catalog
from mpp_core.domain.catalog import Catalog, Line

from ..conftest import MINI_CATALOG, ROOT

Doc = dict[str, Any]


def mini_files() -> dict[str, Doc]:
    return {p.name: json.loads(p.read_bytes()) for p in sorted(MINI_CATALOG.glob("*.json"))}


def parsed(files: dict[str, Doc]) -> Catalog:
    return parse_catalog({k: json.dumps(v).encode() for k, v in files.items()})


def findings(change: Callable[[dict[str, Doc]], None]) -> list[str]:
    files = mini_files()
    change(files)
    return [str(p) for p in lint_catalog(parsed(files))]


def svc(files: dict[str, Doc], code: str) -> Doc:
    for doc in files.values():
        for s in doc.get("services", []):
            if s["code"] == code:
                return s
    raise KeyError(code)


def lines(*pairs: tuple[str, str]) -> list[dict[str, str]]:
    return [{"text": a, "text_en": b} for a, b in pairs]


def test_the_default_and_the_mini_catalog_pass(default_catalog: Catalog) -> None:
    assert [str(p) for p in lint_catalog(default_catalog)] == []
    assert [str(p) for p in lint_catalog(read_catalog_dir(MINI_CATALOG))] == []


def test_the_script_checks_schema_and_truth(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import runpy

    script = runpy.run_path(str(ROOT / "scripts" / "check_catalog_data.py"))
    main = script["main"]
    assert main(["check", str(DEFAULT_CATALOG_DIR)]) == 0
    assert "25 gerai, 286 services" in capsys.readouterr().out

    bad = tmp_path / "bad"
    bad.mkdir()
    files = mini_files()
    files["02-dinkes.json"]["location"] = "Gedung B lantai 2 (lokasi menyusul)"
    files["02-dinkes.json"]["location_en"] = "Building B, 2nd floor (to be announced)"
    for name, doc in files.items():
        (bad / name).write_text(json.dumps(doc), "utf-8")
    assert main(["check", str(bad)]) == 1
    out = capsys.readouterr().out
    assert "02-dinkes.json: location: 'Gedung B lantai 2 (lokasi menyusul)' is a placeholder" in out

    (bad / "02-dinkes.json").write_text("{", "utf-8")  # the schema comes first
    assert main(["check", str(bad)]) == 1
    assert "02-dinkes.json: line 1, column 2: invalid JSON" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("location", "location_en"),
    [
        ("Gedung B lantai 2 (lokasi menyusul)", "Building B, 2nd floor"),
        ("Loket belum ditentukan", "Counter not decided"),
        ("Lantai 2, loket 3", "2nd floor, counter TBD"),
        ("Lantai 2, loket 3", "2nd floor (to be announced)"),
    ],
)
def test_placeholder_locations(location: str, location_en: str) -> None:
    def change(files: dict[str, Doc]) -> None:
        files["02-dinkes.json"].update(location=location, location_en=location_en)

    found = findings(change)
    assert found and all("[placeholder]" in p and "02-dinkes.json: location" in p for p in found)


def test_placeholder_words_in_any_text() -> None:
    found = findings(lambda f: svc(f, "kk-baru").update(product_en="TODO"))
    assert found == [
        "01-dukcapil.json: services[1] (kk-baru).product_en: holds the placeholder 'TODO' "
        "[placeholder]"
    ]


def test_an_unknown_location_is_fine() -> None:
    assert findings(lambda f: f["01-dukcapil.json"].update(location=None, location_en=None)) == []


@pytest.mark.parametrize(
    ("text", "text_en"),
    [
        ("Berusia 17 tahun atau sudah/pernah kawin", "Aged 17 or over"),
        ("Hadir sendiri untuk perekaman biometrik", "Come in person for biometrics"),
        ("Sudah melakukan perekaman KTP-el", "e-ID already recorded"),
        ("Belum pernah memiliki paspor", "Never had a passport"),
        ("Bagi pemohon yang sudah menikah", "Married applicants"),
        ("Warga Kota Batu", "Residents of Kota Batu"),
        ("KTP-el pemohon, berusia paling rendah 17 tahun", "Applicant's e-ID card"),
        ("KTP-el sudah direkam", "e-ID card"),
        ("Surat keterangan", "Must be married"),  # the English is checked too
    ],
)
def test_conditions_listed_as_requirements(text: str, text_en: str) -> None:
    def change(files: dict[str, Doc]) -> None:
        svc(files, "kk-baru")["requirements"].append(
            {"text": text, "text_en": text_en, "form": None, "note": None, "note_en": None}
        )

    [p] = findings(change)
    assert p.startswith("01-dukcapil.json: services[1] (kk-baru).requirements[2].text")
    assert p.endswith("move it to conditions [condition-in-requirements]")


def test_conditions_belong_in_conditions() -> None:
    def change(files: dict[str, Doc]) -> None:
        svc(files, "kk-baru")["conditions"] = lines(
            ("Berusia 17 tahun atau sudah/pernah kawin", "Aged 17 or over, or married")
        )

    assert findings(change) == []


def test_the_same_document_with_two_processing_times() -> None:
    """The KTP-el lost/damaged case: one card, made the same way, 14 days and 1 day."""

    def change(files: dict[str, Doc]) -> None:
        for code, time in (
            ("ktp-el-baru", "Paling lama 14 hari kerja"),
            ("kk-baru", "1 hari kerja"),
        ):
            svc(files, code).update(
                product="KTP-el pengganti",
                product_en="Replacement e-ID card",
                processing_time=time,
                processing_time_en=time.replace("hari kerja", "working days"),
            )

    [p] = findings(change)
    assert p.startswith("01-dukcapil.json: services[1] (kk-baru).processing_time: '1 hari kerja'")
    assert "ktp-el-baru (01-dukcapil.json) gives the same product 'KTP-el pengganti'" in p
    assert p.endswith("[same-product-time]")


def test_the_same_product_in_the_same_time_and_notes_in_brackets_are_fine() -> None:
    def change(files: dict[str, Doc]) -> None:
        svc(files, "ktp-el-baru").update(
            product="KTP-el (berlaku seumur hidup)", processing_time="1 hari kerja (bila ada)"
        )
        svc(files, "kk-baru").update(product="KTP-el", processing_time="1 hari kerja")

    assert findings(change) == []


def test_steps_copied_into_another_gerai() -> None:
    def change(files: dict[str, Doc]) -> None:
        svc(files, "sip-dokter")["procedure"] = svc(files, "ktp-el-baru")["procedure"]

    [p] = findings(change)
    assert p == (
        "02-dinkes.json: services[0] (sip-dokter).procedure: the same steps as ktp-el-baru of "
        "another gerai (01-dukcapil.json): write this service's own steps [copied-steps]"
    )


def test_steps_copied_under_another_heading() -> None:
    def change(files: dict[str, Doc]) -> None:
        svc(files, "akta-kelahiran")["procedure"] = svc(files, "kk-baru")["procedure"]

    [p] = findings(change)
    assert p.startswith("01-dukcapil.json: services[2] (akta-kelahiran).procedure: the same steps")
    assert "kk-baru, which is under another heading (kependudukan)" in p


def test_one_procedure_shared_under_one_heading_is_fine() -> None:
    def change(files: dict[str, Doc]) -> None:
        svc(files, "kk-baru")["procedure"] = svc(files, "ktp-el-baru")["procedure"]

    assert findings(change) == []


def test_a_step_naming_a_form_the_service_never_mentions() -> None:
    """The PBB case: a copy of a copy of an SPPT was to be asked for with SPOP/LSPOP forms."""

    def change(files: dict[str, Doc]) -> None:
        svc(files, "kk-baru")["procedure"] = lines(
            ("Ambil nomor antrean", "Take a queue number"),
            ("Serahkan berkas dan formulir SPOP/LSPOP", "Hand in the SPOP/LSPOP forms"),
        )

    found = findings(change)
    assert found == [
        "01-dukcapil.json: services[1] (kk-baru).procedure[1]: names SPOP, which the service "
        "mentions nowhere else (not in its name, requirements or product): copied from another "
        "service? [copied-steps]",
        "01-dukcapil.json: services[1] (kk-baru).procedure[1]: names LSPOP, which the service "
        "mentions nowhere else (not in its name, requirements or product): copied from another "
        "service? [copied-steps]",
    ]


def test_a_step_may_name_what_the_service_asks_for() -> None:
    def change(files: dict[str, Doc]) -> None:
        s = svc(files, "kk-baru")
        s["requirements"][0].update(text="Formulir SPOP", text_en="SPOP form")
        s["procedure"] = lines(
            ("Ambil nomor antrean", "Take a queue number"),
            ("Serahkan formulir SPOP dan KTP-el; petugas mengirim PIN", "Hand in the form"),
        )

    assert findings(change) == []


@pytest.mark.parametrize(
    ("where", "key", "expected"),
    [
        (("kk-baru", "requirements", 0), "text_en", True),  # "Kartu Keluarga" left as it was
        (("kk-baru", "procedure", 1), "text_en", True),
        (("kk-baru", None, None), "name_en", True),
    ],
)
def test_english_left_in_indonesian(
    where: tuple[str, str | None, int | None], key: str, expected: bool
) -> None:
    code, list_key, index = where

    def change(files: dict[str, Doc]) -> None:
        s = svc(files, code)
        item = s if list_key is None else s[list_key][index]
        item[key] = item[key.removesuffix("_en")]

    found = findings(change)
    assert bool(found) is expected
    assert all(p.endswith("[english-same]") for p in found)


@pytest.mark.parametrize(
    "same",
    ["SKCK", "BPJS Kesehatan", "Bank Jatim", "PBB-P2 (SPPT)", "lapor.go.id, SMS 1708", "KTP-el"],
)
def test_names_acronyms_and_addresses_may_stay_the_same(same: str) -> None:
    def change(files: dict[str, Doc]) -> None:
        svc(files, "kk-baru").update(product=same, product_en=same)

    assert findings(change) == []


def test_english_missing_in_a_catalog_kept_from_format_1(mini_catalog: Catalog) -> None:
    g = mini_catalog.gerai[0]
    s = replace(g.services[0], procedure=(Line("Ambil nomor antrean", ""),), product_en="")
    legacy = replace(
        mini_catalog, gerai=(replace(g, services=(s, *g.services[1:])), *mini_catalog.gerai[1:])
    )
    found = [str(p) for p in lint_catalog(legacy)]
    where = "01-dukcapil.json: services[0] (ktp-el-baru)"
    missing = "English version is missing [english-missing]"
    assert f"{where}.procedure[0].text_en: {missing}" in found
    assert f"{where}.product_en: {missing}" in found


def test_not_available_said_of_an_open_gerai() -> None:
    """The information desk said SKCK was not available while the Polres gerai was open."""

    def change(files: dict[str, Doc]) -> None:
        svc(files, "sip-dokter").update(
            name="Informasi KTP-el (Gerai Dispendukcapil Belum Tersedia)",
            name_en="e-ID information (population counter not open yet)",
        )

    found = findings(change)
    assert found == [
        "02-dinkes.json: services[0] (sip-dokter).name: says it is not available, but the gerai "
        "'Dispendukcapil' (01-dukcapil.json) is open [not-available]"
    ]


def test_not_available_is_true_of_a_planned_gerai() -> None:
    def change(files: dict[str, Doc]) -> None:
        svc(files, "sip-dokter").update(
            name="Informasi Paspor (Gerai Imigrasi Belum Tersedia)",
            name_en="Passport information (immigration counter not open yet)",
        )

    assert findings(change) == []
