"""The catalog's files: exact round trip, and every kind of bad file refused by name."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mpp_core.catalog.documents import catalog_to_files
from mpp_core.catalog.files import DEFAULT_CATALOG_DIR
from mpp_core.catalog.schema import CatalogInvalid, parse_catalog

from ..conftest import MINI_CATALOG


def files_of(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.glob("*.json"))}


def problems(files: dict[str, bytes]) -> list[str]:
    with pytest.raises(CatalogInvalid) as exc:
        parse_catalog(files)
    return [str(p) for p in exc.value.problems]


def test_default_catalog_has_25_gerai_and_286_services() -> None:
    c = parse_catalog(files_of(DEFAULT_CATALOG_DIR))
    assert len(c.gerai) == 25
    assert len(c.services) == 286
    assert c.gerai[0].prefix == "A" and "dukcapil" in c.gerai[0].code
    assert "verif" in c.mpp.notice.lower()  # says plainly it must be verified


@pytest.mark.parametrize("folder", [DEFAULT_CATALOG_DIR, MINI_CATALOG])
def test_round_trip_is_byte_exact(folder: Path) -> None:
    original = files_of(folder)
    again = catalog_to_files(parse_catalog(original))
    assert {k: v.encode() for k, v in again.items()} == original


def test_high_volume_services_carry_real_requirements() -> None:
    c = parse_catalog(files_of(DEFAULT_CATALOG_DIR))
    for words in (
        ["ktp"],
        ["kartu", "keluarga"],
        ["kia"],
        ["kelahiran"],
        ["kematian"],
        ["skck"],
        ["bpjs"],
        ["pbb"],
        ["bphtb"],
        ["pbg"],
        ["nib"],
    ):
        found = [
            s
            for s in c.services
            if all(w in (s.name + " " + " ".join(s.keywords)).lower() for w in words)
        ]
        assert found, words
        assert any(len(s.requirements) >= 2 for s in found), words


def _mini() -> dict[str, bytes]:
    return files_of(MINI_CATALOG)


def _edit(files: dict[str, bytes], name: str, change) -> dict[str, bytes]:  # type: ignore[no-untyped-def]
    doc = json.loads(files[name])
    change(doc)
    out = dict(files)
    out[name] = json.dumps(doc, indent=2).encode()
    return out


def test_bad_syntax_names_file_line_and_column() -> None:
    files = _mini()
    files["01-dukcapil.json"] = files["01-dukcapil.json"].replace(
        b'"prefix": "A",', b'"prefix" "A",'
    )
    [p] = problems(files)
    assert p.startswith("01-dukcapil.json: line 7, column")
    assert "invalid JSON" in p


def test_missing_field_named_with_service() -> None:
    files = _edit(_mini(), "01-dukcapil.json", lambda d: d["services"][1].pop("processing_time"))
    [p] = problems(files)
    assert p == "01-dukcapil.json: services[1] (kk-baru).processing_time: required field is missing"


def test_wrong_type_and_unknown_field() -> None:
    def change(d):  # type: ignore[no-untyped-def]
        d["services"][0]["fee_rp"] = "gratis"
        d["services"][0]["colour"] = "red"

    ps = problems(_edit(_mini(), "01-dukcapil.json", change))
    assert "01-dukcapil.json: services[0] (ktp-el-baru).colour: unknown field" in ps
    assert (
        "01-dukcapil.json: services[0] (ktp-el-baru).fee_rp: must be a whole number, not text" in ps
    )


def test_gerai_file_for_an_unknown_gerai() -> None:
    files = _mini()
    files["04-samsat.json"] = files["02-dinkes.json"]  # content says dinkes, order 2
    ps = problems(files)
    assert any(p.startswith("04-samsat.json: code: is 'dinkes'") for p in ps)
    assert any("already used" in p for p in ps)


def test_duplicate_service_code_across_files() -> None:
    files = _edit(_mini(), "02-dinkes.json", lambda d: d["services"][0].update(code="ktp-el-baru"))
    [p] = problems(files)
    assert p == (
        "02-dinkes.json: services[0].code: 'ktp-el-baru' is already used in 01-dukcapil.json"
    )


def test_prefix_rules() -> None:
    for bad in ("I", "O", "P", "AP", "a", "ABC", "1"):
        ps = problems(_edit(_mini(), "02-dinkes.json", lambda d, b=bad: d.update(prefix=b)))
        assert any(p.startswith("02-dinkes.json: prefix:") for p in ps), bad


def test_colour_must_keep_white_text_readable() -> None:
    ps = problems(_edit(_mini(), "02-dinkes.json", lambda d: d.update(color="#FFCC00")))
    assert any("02-dinkes.json: color: #FFCC00 gives white text a contrast" in p for p in ps)


def test_hostile_text_is_refused() -> None:
    ps = problems(
        _edit(
            _mini(), "01-dukcapil.json", lambda d: d["services"][0].update(name="KTP\x1b@\x1dV\x00")
        )
    )
    assert ps == ["01-dukcapil.json: services[0] (ktp-el-baru).name: contains a control character"]


def test_ten_megabytes_of_junk_is_refused_quickly() -> None:
    files = _mini()
    files["01-dukcapil.json"] = b"\x00\xff" * (5 * 1024 * 1024)
    [p] = problems(files)
    assert p == (
        "01-dukcapil.json: file is 10,485,760 bytes; a catalog file is at most 1,048,576 bytes"
    )


def test_not_utf8_and_missing_mpp_file() -> None:
    files = _mini()
    files["02-dinkes.json"] = b'{"code": "\xff"}'
    assert problems(files) == ["02-dinkes.json: byte 10: is not valid UTF-8 text"]
    files = _mini()
    del files["mpp.json"]
    assert problems(files) == ["mpp.json: file is missing"]


def test_hours_checked() -> None:
    def change(d):  # type: ignore[no-untyped-def]
        d["default_hours"]["mon"] = [["15:00", "08:00"]]

    ps = problems(_edit(_mini(), "mpp.json", change))
    assert ps == ["mpp.json: default_hours.mon[0]: opens at 15:00 but closes at 08:00"]


# ---------------------------------------------------------------------------- format 2


def test_a_version_1_catalog_is_refused_with_one_clear_problem() -> None:
    def old(d):  # type: ignore[no-untyped-def]
        d["schema_version"] = 1

    files = _edit(_mini(), "mpp.json", old)
    files["01-dukcapil.json"] = b'{"code": "dukcapil"}'  # not read: one problem, not hundreds
    [p] = problems(files)
    assert p.startswith("mpp.json: schema_version: is 1: this catalog is in the old format")
    assert "reads format version 2" in p and "English" in p


def test_an_unknown_newer_version_is_refused() -> None:
    [p] = problems(_edit(_mini(), "mpp.json", lambda d: d.update(schema_version=3)))
    assert p == "mpp.json: schema_version: is 3; this kiosk reads version 2"


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda d: d["services"][0]["requirements"][0].pop("text_en"),
            "services[0] (ktp-el-baru).requirements[0].text_en: English version is missing",
        ),
        (
            lambda d: d["services"][0]["requirements"][1].update(note_en="  "),
            "services[0] (ktp-el-baru).requirements[1].note_en: English version is empty",
        ),
        (
            lambda d: d["services"][0]["requirements"][1].update(note_en=None),
            "services[0] (ktp-el-baru).requirements[1].note_en: English version is missing (null)",
        ),
        (
            lambda d: d["services"][1]["procedure"][1].pop("text_en"),
            "services[1] (kk-baru).procedure[1].text_en: English version is missing",
        ),
        (
            lambda d: d["services"][0]["conditions"][0].update(text_en=""),
            "services[0] (ktp-el-baru).conditions[0].text_en: English version is empty",
        ),
        (
            lambda d: d["services"][2].pop("processing_time_en"),
            "services[2] (akta-kelahiran).processing_time_en: English version is missing",
        ),
        (
            lambda d: d["services"][2].pop("product_en"),
            "services[2] (akta-kelahiran).product_en: English version is missing",
        ),
        (
            lambda d: d["services"][2].update(complaints_en=""),
            "services[2] (akta-kelahiran).complaints_en: English version is empty",
        ),
        (
            lambda d: d["services"][3].update(fee_note="Gratis"),
            "services[3] (ikd-aktivasi).fee_note_en: English version is missing (null)",
        ),
        (lambda d: d.pop("agency_en"), "agency_en: English version is missing"),
        (lambda d: d.update(location_en=None), "location_en: English version is missing (null)"),
        (
            lambda d: d["groups"][1].update(name_en=""),
            "groups[1].name_en: English version is empty",
        ),
    ],
)
def test_missing_or_empty_english_is_refused_by_name(change, expected: str) -> None:  # type: ignore[no-untyped-def]
    assert problems(_edit(_mini(), "01-dukcapil.json", change)) == [f"01-dukcapil.json: {expected}"]


def test_every_missing_english_is_named_in_one_pass() -> None:
    def change(d):  # type: ignore[no-untyped-def]
        for s in d["services"]:
            s.pop("name_en")

    ps = problems(_edit(_mini(), "01-dukcapil.json", change))
    assert len(ps) == 4 and all(p.endswith(".name_en: English version is missing") for p in ps)


def test_mpp_and_holiday_english_is_required() -> None:
    def change(d):  # type: ignore[no-untyped-def]
        d["mpp"].pop("address_en")
        d["holidays"][0]["name_en"] = ""

    assert problems(_edit(_mini(), "mpp.json", change)) == [
        "mpp.json: mpp.address_en: English version is missing",
        "mpp.json: holidays[0].name_en: English version is empty",
    ]


def test_english_must_be_null_where_the_indonesian_is() -> None:
    def change(d):  # type: ignore[no-untyped-def]
        d["services"][0]["requirements"][0]["note_en"] = "a note without Indonesian"

    [p] = problems(_edit(_mini(), "01-dukcapil.json", change))
    assert p.endswith("requirements[0].note_en: must be null when note is null")


def test_plain_strings_have_no_english_and_are_refused() -> None:
    def change(d):  # type: ignore[no-untyped-def]
        d["services"][0]["requirements"][0] = "Kartu Keluarga"
        d["services"][1]["procedure"][0] = "Ambil nomor antrean"

    ps = problems(_edit(_mini(), "01-dukcapil.json", change))
    assert any("services[0] (ktp-el-baru).requirements[0]: must be {" in p for p in ps)
    assert any("services[1] (kk-baru).procedure[0]: must be {" in p for p in ps)
    assert all("a plain string has no English" in p for p in ps)


def test_a_location_may_be_unknown() -> None:
    c = parse_catalog(files_of(MINI_CATALOG))
    dinkes = c.gerai_by_code("dinkes")
    assert dinkes is not None and dinkes.location is None
    assert dinkes.display_location("id") == dinkes.display_location("en") == ""
    dukcapil = c.gerai[0]
    assert dukcapil.display_location("en") == "2nd floor, counter 1"


def test_conditions_and_requirements_are_apart() -> None:
    c = parse_catalog(files_of(MINI_CATALOG))
    s = c.service_by_code("ktp-el-baru")
    assert s is not None
    assert s.conditions_in("id") == ("Berusia 17 tahun atau sudah/pernah kawin",)
    assert s.conditions_in("en") == ("Aged 17 or over, or married",)
    assert [r.describe("id") for r in s.requirements] == [
        "Kartu Keluarga (fotokopi)",
        "KTP-el lama (asli): diserahkan saat mengambil",
    ]
    assert [r.describe("en", with_note=False) for r in s.requirements] == [
        "Family Card (Kartu Keluarga, KK), photocopy",
        "Old e-ID card (KTP-el), original",
    ]
    assert s.steps_in("en") == ("Take a queue number", "Biometric recording")


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            lambda d: d["services"][0].update(group="lainnya"),
            "services[0] (ktp-el-baru).group: 'lainnya' is not one of the gerai's groups "
            "(kependudukan, pencatatan-sipil)",
        ),
        (
            lambda d: d["services"][2].update(group=None),
            "services[2] (akta-kelahiran).group: is null but the gerai has groups: put the "
            "service under one of them",
        ),
        (
            lambda d: d["groups"].append({"code": "kosong", "name": "Kosong", "name_en": "Empty"}),
            "groups[2]: group 'kosong' has no services",
        ),
        (
            lambda d: d["groups"].append(dict(d["groups"][0])),
            "groups[2].code: 'kependudukan' is listed twice",
        ),
    ],
)
def test_group_rules(change, expected: str) -> None:  # type: ignore[no-untyped-def]
    assert f"01-dukcapil.json: {expected}" in problems(_edit(_mini(), "01-dukcapil.json", change))


def test_a_group_needs_a_gerai_that_has_groups() -> None:
    [p] = problems(_edit(_mini(), "02-dinkes.json", lambda d: d["services"][0].update(group="x")))
    assert p == (
        "02-dinkes.json: services[0] (sip-dokter).group: is 'x' but the gerai defines no groups "
        "(use null)"
    )


def _many_services(d, n: int, *, queue: bool = True) -> None:  # type: ignore[no-untyped-def]
    base = d["services"][0]
    d["services"] = [
        {
            **base,
            "code": f"layanan-{i:02d}",
            "needs_queue": queue,
            "procedure": [{"text": f"Langkah {i}", "text_en": f"Step {i}"}],
        }
        for i in range(n)
    ]


def test_more_than_12_queue_services_need_groups() -> None:
    assert parse_catalog(_edit(_mini(), "02-dinkes.json", lambda d: _many_services(d, 12)))
    [p] = problems(_edit(_mini(), "02-dinkes.json", lambda d: _many_services(d, 13)))
    assert p == (
        "02-dinkes.json: groups: the gerai has 13 services that take a queue number; more than "
        "12 must be put under groups (headings)"
    )
    # Self-service entries (no queue number) do not count.
    assert parse_catalog(
        _edit(_mini(), "02-dinkes.json", lambda d: _many_services(d, 13, queue=False))
    )


def test_groups_keep_their_order_and_hold_their_services() -> None:
    c = parse_catalog(files_of(MINI_CATALOG))
    g = c.gerai[0]
    assert [(x.code, x.order) for x in g.groups] == [("kependudukan", 1), ("pencatatan-sipil", 2)]
    assert [
        (grp.code if grp else None, [s.code for s in ss]) for grp, ss in g.grouped_services()
    ] == [
        ("kependudukan", ["ktp-el-baru", "kk-baru", "ikd-aktivasi"]),
        ("pencatatan-sipil", ["akta-kelahiran"]),
    ]
    assert g.group("pencatatan-sipil") is not None
    assert g.group("pencatatan-sipil").display_name("en") == "Civil registration"  # type: ignore[union-attr]
    dinkes = c.gerai[1]
    assert [(grp, len(ss)) for grp, ss in dinkes.grouped_services()] == [(None, 1)]


def test_english_falls_back_to_indonesian_only_where_it_is_empty() -> None:
    from mpp_core.domain.catalog import Line, Requirement

    assert Line("Kartu Keluarga", "Family Card").text_in("en") == "Family Card"
    assert Line("Kartu Keluarga", "Family Card").text_in("id") == "Kartu Keluarga"
    assert Line("Kartu Keluarga", "").text_in("en") == "Kartu Keluarga"  # kept from format 1
    assert (
        Requirement("Kartu Keluarga", "", "fotokopi").describe("en") == "Kartu Keluarga (photocopy)"
    )


# ---------------------------------------------------------------------------- the default data


def test_every_long_gerai_is_grouped(default_catalog) -> None:  # type: ignore[no-untyped-def]
    for g in default_catalog.gerai:
        if sum(s.needs_queue for s in g.services) > 12:
            assert g.groups, g.code
    groups = {g.code: [x.code for x in g.groups] for g in default_catalog.gerai if g.groups}
    assert groups["dispendukcapil"] == ["ktp-el", "kk-kia", "pindah-datang", "akta", "lainnya"]
    assert set(groups) == {"dispendukcapil", "dinkes", "bapenda", "dpmptsp", "dpkpp"}


def test_the_defects_found_in_the_default_catalog_stay_fixed(default_catalog) -> None:  # type: ignore[no-untyped-def]
    c = default_catalog
    # No placeholder locations: the sources give no counter numbers, so none is shown.
    assert all(g.location is None and g.location_en is None for g in c.gerai)
    # The information desk does not call SKCK unavailable while the Polres gerai is open.
    polres = c.gerai_by_code("polres-batu")
    skck_info = c.service_by_code("informasi-skck")
    assert polres is not None and polres.selectable and skck_info is not None
    assert "belum" not in skck_info.name.lower()
    # A lost and a damaged KTP-el: the same card, the same time.
    lost, damaged = c.service_by_code("ktp-el-hilang"), c.service_by_code("ktp-el-rusak")
    assert lost is not None and damaged is not None
    assert lost.processing_time == damaged.processing_time
    # PBB-P2 payment is Bapenda's; Bank Jatim keeps its banking services.
    pay = c.service_by_code("bayar-pbb")
    assert pay is not None and pay.gerai_code == "bapenda" and pay.group == "pbb"
    # Each PBB service has its own steps.
    pbb = [s for s in c.services if s.group == "pbb"]
    assert len({s.procedure for s in pbb}) == len(pbb)
    # A named agency for the labour gerai.
    labour = c.gerai_by_code("disnaker")
    assert labour is not None and labour.agency.startswith("Dinas ")
    # Conditions are not listed as things to bring.
    baru = c.service_by_code("ktp-el-baru")
    assert baru is not None and len(baru.conditions) == 2
    assert not any(
        r.text.startswith(("Berusia", "Hadir")) for s in c.services for r in s.requirements
    )
