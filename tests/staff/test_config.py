"""The kiosk's config file broken in many ways: each problem is named with its key and line,
the last good settings are kept, and the kiosk still starts."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from kiosk.config import (
    ConfigSaveError,
    check_config_file,
    config_to_toml,
    last_good_path,
    load_config,
    parse_config,
    remember_good,
    save_config,
)
from kiosk.settings.hours import HoursConfig
from kiosk.settings.kiosk import KioskConfig, with_screen
from kiosk.settings.screen import ScreenConfig
from mpp_core.i18n import ENV_LANGUAGE

from ..conftest import ROOT

GOOD = """\
[kiosk]
kiosk_id = "mpp-batu-1"
idle_timeout_s = 90
language = "id"

[printer]
kind = "network"
host = "192.168.1.50"
"""


@pytest.fixture
def path(tmp_path: Path) -> Path:
    p = tmp_path / "etc" / "kiosk.toml"
    p.parent.mkdir()
    p.write_text(GOOD, encoding="utf-8")
    _cfg, problems = load_config(p, remember=True)
    assert problems == [] and last_good_path(p).read_text(encoding="utf-8") == GOOD
    return p


def keys(problems) -> dict[str, int | None]:  # type: ignore[no-untyped-def]
    return {p.key: p.line for p in problems}


def test_a_good_file_loads_and_becomes_the_last_good_one(path: Path) -> None:
    cfg, problems = load_config(path)
    assert problems == []
    assert cfg.kiosk_id == "mpp-batu-1" and cfg.idle_timeout_s == 90
    assert cfg.printer == {"kind": "network", "host": "192.168.1.50"}
    assert cfg.source_file == str(path)


def test_bad_toml_keeps_the_last_good_settings(path: Path) -> None:
    path.write_text('[kiosk]\nkiosk_id = "x"\nidle_timeout_s = 90\n[printer\nkind = 1\n')
    cfg, problems = load_config(path)
    assert problems[0].key == "(file)" and problems[0].line == 4
    assert "not valid TOML" in problems[0].message
    assert cfg.kiosk_id == "mpp-batu-1" and cfg.printer["host"] == "192.168.1.50"
    assert "last good" in str(problems[-1])
    # the broken file is never remembered
    assert last_good_path(path).read_text(encoding="utf-8") == GOOD


def test_wrong_types_are_named_with_their_line_and_keep_the_last_good_value(path: Path) -> None:
    path.write_text(
        '[kiosk]\nkiosk_id = "mpp-batu-2"\nidle_timeout_s = "ninety"\nfullscreen = 1\n'
        '[panel]\ndiagonal_in = "big"\n[screen]\nscale = true\n'
    )
    cfg, problems = load_config(path)
    assert keys(problems) == {
        "kiosk.idle_timeout_s": 3,
        "kiosk.fullscreen": 4,
        "panel.diagonal_in": 6,
        "screen.scale": 8,
        "(file)": None,
    }
    by_key = {p.key: p.message for p in problems}
    assert by_key["kiosk.idle_timeout_s"] == "must be a whole number, not text ('ninety')"
    assert cfg.kiosk_id == "mpp-batu-2"  # the good key is taken
    assert cfg.idle_timeout_s == 90  # the bad one keeps the last good value, not the default
    assert cfg.fullscreen is True and cfg.panel.diagonal_in == 21.5


def test_unknown_keys_and_sections_are_named(path: Path) -> None:
    path.write_text(
        '[kiosk]\nkiosk_id = "k"\ncolour = "red"\n\n[extras]\na = 1\n'
        '[printer]\nkind = "preview"\nspeed = 9\n'
    )
    _cfg, problems = load_config(path)
    got = keys(problems)
    assert got["kiosk.colour"] == 3 and got["extras"] == 5 and got["printer.speed"] == 9
    assert "unknown key" in next(p.message for p in problems if p.key == "kiosk.colour")


def test_a_missing_file_uses_the_last_good_settings(path: Path) -> None:
    path.unlink()
    cfg, problems = load_config(path)
    assert cfg.kiosk_id == "mpp-batu-1"
    assert len(problems) == 1 and "does not exist" in problems[0].message
    assert "last good" in problems[0].message


def test_a_missing_file_and_no_last_good_one_gives_the_defaults(tmp_path: Path) -> None:
    cfg, problems = load_config(tmp_path / "nothing.toml")
    assert cfg.kiosk_id == KioskConfig().kiosk_id
    assert "using the defaults" in problems[0].message


def test_a_folder_or_binary_in_place_of_the_file(path: Path) -> None:
    path.write_bytes(b"\xff\xfe[kiosk]\n")
    cfg, problems = load_config(path)
    assert "not UTF-8" in problems[0].message and cfg.kiosk_id == "mpp-batu-1"
    path.unlink()
    path.mkdir()
    _cfg, problems = load_config(path)
    assert "is a folder" in problems[0].message


def test_an_unreadable_file(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path.chmod(0)
    if os.geteuid() == 0:
        # root reads any file whatever its mode: make the read fail as it would for the
        # kiosk's own user.
        real = Path.read_text

        def denied(self: Path, *args: object, **kwargs: object) -> str:
            if self == path:
                raise PermissionError(13, "Permission denied", str(self))
            return real(self, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(Path, "read_text", denied)
    try:
        _cfg, problems = load_config(path)
    finally:
        path.chmod(0o644)
    assert "permission denied" in problems[0].message


def test_a_bad_printer_table_keeps_the_last_good_printer(path: Path) -> None:
    path.write_text(
        '[printer]\nkind = "network"\nhost = "10.0.0.9"\nport = 70000\n'
        'columns = 32\ncut = "sideways"\n'
    )
    cfg, problems = load_config(path)
    got = keys(problems)
    assert got["printer.port"] == 4 and got["printer.columns"] == 5 and got["printer.cut"] == 6
    assert cfg.printer == {"kind": "network", "host": "192.168.1.50"}


def test_a_printer_without_the_key_it_needs_points_at_its_table(path: Path) -> None:
    path.write_text('[kiosk]\nkiosk_id = "a"\n\n[printer]\nkind = "serial"\n')
    _cfg, problems = load_config(path)
    assert keys(problems)["printer.serial_device"] == 4


def test_a_bad_server_table(path: Path) -> None:
    path.write_text('[server]\nurl = "ftp://central"\ntoken = "mppk_abcdefgh"\n')
    cfg, problems = load_config(path)
    assert keys(problems)["server.url"] == 2 and cfg.server == {}


def test_languages_and_hours_rules(path: Path) -> None:
    path.write_text(
        '[kiosk]\nlanguages = ["en"]\nlanguage = "en"\n'
        '[hours]\nmode = "custom"\nopen = "16:00"\nclose = "08:00"\n'
        'days = ["mon", "fun"]\nuntil = "2026-02-30"\n'
    )
    cfg, problems = load_config(path)
    got = keys(problems)
    assert got["kiosk.languages"] == 2 and got["hours.close"] == 7 and got["hours.days"] == 8
    assert got["hours.until"] == 9
    assert "id" in cfg.languages and cfg.hours == HoursConfig()


def test_section_of_the_wrong_kind(path: Path) -> None:
    path.write_text('printer = "usb"\n[kiosk]\nkiosk_id = "x"\n')
    cfg, problems = load_config(path)
    assert keys(problems)["printer"] == 1 and cfg.kiosk_id == "x"


def test_without_a_last_good_file_bad_keys_get_their_defaults(tmp_path: Path) -> None:
    p = tmp_path / "kiosk.toml"
    p.write_text("[kiosk]\nidle_timeout_s = 5\n")
    cfg, problems = load_config(p)
    assert cfg.idle_timeout_s == KioskConfig().idle_timeout_s
    assert problems[0].message == "must be between 15 and 600, not 5"
    assert not last_good_path(p).exists()


def test_a_clean_file_does_not_inherit_the_last_good_values(path: Path) -> None:
    path.write_text('[kiosk]\nkiosk_id = "fresh"\n')
    cfg, problems = load_config(path)
    assert problems == [] and cfg.idle_timeout_s == KioskConfig().idle_timeout_s
    assert cfg.printer == {}


def test_save_round_trip_and_orientation(tmp_path: Path) -> None:
    cfg = KioskConfig(
        kiosk_id="k9",
        languages=("id",),
        hours=HoursConfig(
            mode="custom", open="09:00", close="14:00", days=("sat",), until="2026-12-05"
        ),
        printer={"kind": "network", "host": "10.1.1.1", "port": 9100},
    )
    cfg = with_screen(cfg, ScreenConfig(display=1, orientation="portrait", scale=1.25))
    assert cfg.panel.portrait and cfg.panel.scale == 1.25
    p = tmp_path / "deep" / "kiosk.toml"
    save_config(cfg, p)
    back, problems = load_config(p)
    assert problems == []
    assert replace(back, source_file="") == cfg
    assert "scale" not in config_to_toml(cfg).split("[panel]")[1].split("[")[0]


def test_save_into_an_unwritable_folder_says_why_and_changes_nothing(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the folder should be")
    with pytest.raises(ConfigSaveError) as err:
        save_config(KioskConfig(), blocker / "kiosk.toml")
    assert str(blocker) in err.value.message
    assert blocker.read_text() == "a file where the folder should be"


def test_save_is_atomic_when_writing_fails(path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*_a: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", fail)
    with pytest.raises(ConfigSaveError) as err:
        save_config(KioskConfig(kiosk_id="changed"), path)
    assert "permission denied" in err.value.message
    assert path.read_text(encoding="utf-8") == GOOD
    assert [p.name for p in path.parent.iterdir() if p.name.endswith(".tmp")] == []


def test_remember_good_reports_an_unwritable_folder(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path.write_text('[kiosk]\nkiosk_id = "new"\n')

    def fail(*_a: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", fail)
    problem = remember_good(path)
    assert problem is not None and problem.key == "(folder)"
    assert "not writable" in problem.message
    monkeypatch.undo()
    assert remember_good(path) is None
    assert 'kiosk_id = "new"' in last_good_path(path).read_text(encoding="utf-8")


def test_parse_config_names_lines_in_every_section() -> None:
    text = '[screen]\norientation = "sideways"\ndisplay = -1\n'
    _cfg, problems = parse_config(text)
    assert keys(problems) == {"screen.orientation": 2, "screen.display": 3}


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", *args],
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )


def test_config_check_prints_each_problem_with_line_and_key(tmp_path: Path) -> None:
    p = tmp_path / "kiosk.toml"
    p.write_text('[kiosk]\nidle_timeout_s = "soon"\ncolour = 1\n[printer]\nkind = "laser"\n')
    result = cli("--lang", "en", "config", "check", str(p))
    assert result.returncode == 2
    lines = result.stdout.splitlines()
    assert f"{p}:2: kiosk.idle_timeout_s: must be a whole number, not text ('soon')" in lines
    assert any(line.startswith(f"{p}:3: kiosk.colour: unknown key") for line in lines)
    assert any(line.startswith(f"{p}:5: printer.kind: must be one of") for line in lines)
    assert not last_good_path(p).exists()  # checking never writes


def test_config_check_of_a_good_and_a_missing_file(tmp_path: Path) -> None:
    p = tmp_path / "kiosk.toml"
    p.write_text(GOOD)
    ok = cli("--lang", "en", "--config", str(p), "config", "check")
    assert ok.returncode == 0 and "no problems" in ok.stdout
    missing = cli("config", "check", "--lang", "en", str(tmp_path / "nope.toml"))
    assert missing.returncode == 2 and "does not exist" in missing.stdout


def test_the_example_config_has_no_problems() -> None:
    assert check_config_file(ROOT / "config" / "kiosk.example.toml") == []


def test_the_cli_speaks_the_language_of_lang_else_of_the_environment(tmp_path: Path) -> None:
    p = tmp_path / "kiosk.toml"
    p.write_text('[kiosk]\nidle_timeout_s = "soon"\n')
    bare = {k: v for k, v in os.environ.items() if k not in ENV_LANGUAGE}

    def check(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "kiosk", *args, "config", "check", str(p)],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=120,
            env={**bare, **env},
        )

    english = check(LANG="en_US.UTF-8")
    assert f"{p}:2: kiosk.idle_timeout_s: must be a whole number" in english.stdout
    assert "1 problem(s). The kiosk starts anyway" in english.stderr
    indonesian = check(LANG="id_ID.UTF-8")
    assert f"{p}:2: kiosk.idle_timeout_s: harus bilangan bulat" in indonesian.stdout
    assert "1 masalah. Kiosk tetap berjalan" in indonesian.stderr
    assert check().stdout == indonesian.stdout  # no language set: Indonesian
    assert check(LC_ALL="en_GB.UTF-8", LANG="id_ID.UTF-8").stdout == english.stdout
    assert check("--lang", "id", LANG="en_US.UTF-8").stdout == indonesian.stdout
    assert check("--lang", "en", LANG="id_ID.UTF-8").stdout == english.stdout
