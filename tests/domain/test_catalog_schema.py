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
