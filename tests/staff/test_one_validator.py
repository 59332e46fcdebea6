"""One validator per settings group: `mpp-kiosk config check`, the printer commands, the
technician's forms and the settings objects refuse the same values with the same words.
Every number has a finite range; every path is checked for kind, size and location."""

from __future__ import annotations

import math
import os
import re
from pathlib import Path
from typing import Any, get_args

import pytest
from PIL import Image

from kiosk.cli import main as kiosk_main
from kiosk.config import check_config_file, load_config, parse_config
from kiosk.printing.cli import main as printer_main
from kiosk.printing.settings import (
    FaultPolicy,
    FlowControl,
    PrinterKind,
    PrinterSettings,
    PrinterSettingsError,
)
from kiosk.printing.slip import CutMode, QrMode
from kiosk.settings.kiosk import KIOSK_KEYS, KioskConfig
from kiosk.settings.printer import (
    CUT_MODES,
    FAULT_POLICIES,
    FLOW_CONTROLS,
    MAX_LOGO_BYTES,
    PRINTER_DEFAULTS,
    PRINTER_KEYS,
    PRINTER_KINDS,
    QR_MODES,
)
from kiosk.settings.rules import Range
from kiosk.settings.screen import PANEL_KEYS, SCREEN_KEYS
from kiosk.settings.server import SERVER_KEYS
from kiosk.sync.settings import ServerSettings, ServerSettingsError, parse_server_settings
from kiosk.usecases.staff_session import SignedIn
from kiosk.usecases.staff_settings import SettingsDesk
from mpp_core.domain.clock import FixedClock

from ..conftest import WEDNESDAY_10
from .conftest import LEFT, TECH_PIN, sign_in

TOKEN = "mppk_abcdefgh"


def config_problem(text: str, key: str, tmp_path: Path) -> tuple[str, int | None]:
    """What `config check` says of ``key`` in a file with ``text`` (message, line)."""
    path = tmp_path / "kiosk.toml"
    path.write_text(f'[kiosk]\ndatabase = "{tmp_path / "data" / "kiosk.db"}"\n{text}')
    found = {p.key: p for p in check_config_file(path)}
    assert key in found, found
    return found[key].message, found[key].line


def form_desk(tmp_path: Path, **config: Any) -> SettingsDesk:
    """The technician's forms over a configuration (nothing is saved by a check)."""
    cfg = KioskConfig(database=str(tmp_path / "data" / "kiosk.db"), **config)
    return SettingsDesk(
        signed_in=SignedIn(FixedClock(WEDNESDAY_10)),
        audit=None,  # type: ignore[arg-type]
        printing=None,
        hours=None,  # type: ignore[arg-type]
        config=cfg,
    )


def form_words(
    desk: SettingsDesk, key: str, values: dict[str, Any] | None = None
) -> tuple[str, str]:
    table, problems = desk.check_printer(values or {"kind": "preview"})
    assert table is None
    found = {p.field: p.words for p in problems}
    assert key in found, found
    return found[key]("id"), found[key]("en")


# ------------------------------------------------------------------ status_poll_s everywhere


@pytest.mark.parametrize(("toml", "value"), [("1e12", 1e12), ("inf", math.inf), ("nan", math.nan)])
def test_an_absurd_status_poll_is_refused_everywhere_with_the_same_words(
    toml: str, value: float, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    message, line = config_problem(
        f'[printer]\nkind = "preview"\nstatus_poll_s = {toml}\n', "printer.status_poll_s", tmp_path
    )
    assert line == 5
    assert message == f"must be between 0 and 3600, not {value:g}"
    # the settings object, from a table and made directly
    with pytest.raises(PrinterSettingsError) as err:
        PrinterSettings.from_mapping({"status_poll_s": value})
    assert err.value.key == "status_poll_s" and err.value.message == message
    with pytest.raises(PrinterSettingsError) as err:
        PrinterSettings(status_poll_s=value)
    assert err.value.message == message
    # the technician's printer form (the key is kept from the saved table)
    desk = form_desk(tmp_path, printer={"kind": "preview", "status_poll_s": value})
    words = form_words(desk, "printer.status_poll_s")
    assert words[1] == message and words[0] == f"harus 0 sampai 3600, bukan {value:g}"
    # the printer commands, with the same file
    assert printer_main(["status", "--lang", "en", "--config", str(tmp_path / "kiosk.toml")]) == 2
    assert f"printer.status_poll_s: {message}" in capsys.readouterr().out


def test_the_command_line_and_config_check_print_the_same_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "kiosk.toml"
    path.write_text('[printer]\nkind = "network"\nhost = "10.0.0.5"\nstatus_timeout_s = inf\n')
    assert kiosk_main(["--lang", "en", "config", "check", str(path)]) == 2
    checked = [ln for ln in capsys.readouterr().out.splitlines() if "status_timeout_s" in ln]
    assert checked == [f"{path}:4: printer.status_timeout_s: must be between 0.05 and 120, not inf"]
    assert printer_main(["status", "--lang", "en", "--config", str(path)]) == 2
    said = capsys.readouterr().out.strip()
    assert said == "error: " + checked[0].split(": ", 1)[1]
    # an option on the command line is checked by the same validator, in the same words
    assert (
        printer_main(["status", "--lang=en", "--host", "10.0.0.5", "--status-timeout", "inf"]) == 2
    )
    assert capsys.readouterr().out.strip() == said
    # and in Indonesian, both say it in Indonesian
    assert kiosk_main(["config", "check", "--lang", "id", str(path)]) == 2
    checked = [ln for ln in capsys.readouterr().out.splitlines() if "status_timeout_s" in ln]
    assert checked == [f"{path}:4: printer.status_timeout_s: harus 0,05 sampai 120, bukan inf"]
    assert printer_main(["status", "--lang", "id", "--config", str(path)]) == 2
    assert capsys.readouterr().out.strip() == "kesalahan: " + checked[0].split(": ", 1)[1]


def test_the_staff_form_shows_a_bad_saved_key_with_its_name(qtbot, staff_kiosk) -> None:  # type: ignore[no-untyped-def]
    k = staff_kiosk(printer={"kind": "preview", "status_poll_s": 1e12})
    assert [p.key for p in k.config_problems] == ["printer.status_poll_s"]
    assert k.printing.settings.status_poll_s == 10.0  # the preview printer, with its default
    sign_in(qtbot, k, TECH_PIN)
    qtbot.mouseClick(k.staff.overlay.tabs["printer"], LEFT)
    form = k.staff.overlay.pages["printer"]
    before = Path(k.config.source_file).read_text(encoding="utf-8")
    qtbot.mouseClick(form.save_button, LEFT)
    assert form.notice.property("role") == "error"
    assert "printer.status_poll_s: harus 0 sampai 3600, bukan 1e+12" in form.notice.text()
    assert Path(k.config.source_file).read_text(encoding="utf-8") == before


def test_server_timeouts_are_refused_everywhere_with_the_same_words(tmp_path: Path) -> None:
    message, _line = config_problem(
        f'[server]\nurl = "https://central.mpp"\ntoken = "{TOKEN}"\nread_timeout_s = nan\n',
        "server.read_timeout_s",
        tmp_path,
    )
    assert message == "must be between 0.1 and 120, not nan"
    _settings, problems = parse_server_settings(
        {"url": "https://central.mpp", "token": TOKEN, "read_timeout_s": math.nan}
    )
    assert [p.message for p in problems] == [message]
    with pytest.raises(ServerSettingsError) as err:
        ServerSettings("https://central.mpp", TOKEN, read_timeout_s=math.nan)
    assert err.value.problem.message == message
    _table, found = form_desk(tmp_path).check_server("https://central.mpp", TOKEN, 1.0, math.nan)
    assert [(p.field, p.words("en")) for p in found] == [("server.read_timeout_s", message)]


# ------------------------------------------------------------------ every number is bounded


def _numbers() -> list[tuple[str, str, type, Any]]:
    groups: dict[str, dict[str, Any]] = {
        "kiosk": KIOSK_KEYS,
        "panel": PANEL_KEYS,
        "screen": SCREEN_KEYS,
        "server": SERVER_KEYS,
        "printer": PRINTER_KEYS,
    }
    out = []
    for section, keys in groups.items():
        for name, spec in keys.items():
            if spec.kind in (int, float):
                out.append((section, name, spec.kind, spec.rule))
    return out


@pytest.mark.parametrize(("section", "name", "kind", "rule"), _numbers())
def test_every_number_has_a_finite_range(
    section: str, name: str, kind: type, rule: Any, tmp_path: Path
) -> None:
    assert isinstance(rule, Range) or (section, name) in {
        ("printer", "baudrate"),
        ("printer", "paper_width_mm"),
        ("printer", "columns"),
    }, f"{section}.{name} has no range"
    absurd = ["1e12", "-1e12"] if kind is float else ["1000000000000", "-1000000000000"]
    if kind is float:
        absurd += ["nan", "inf", "-inf"]
    server = f'url = "https://central.mpp"\ntoken = "{TOKEN}"\n' if section == "server" else ""
    for value in absurd:
        _cfg, problems = parse_config(f"[{section}]\n{server}{name} = {value}\n")
        assert f"{section}.{name}" in {p.key for p in problems}, (name, value)


def test_the_settings_objects_follow_their_rules() -> None:
    """PrinterSettings' fields, defaults and choices are the validator's."""
    assert PrinterSettings().to_mapping() == {
        k: v for k, v in PRINTER_DEFAULTS.items() if v is not None
    }
    assert get_args(PrinterKind) == PRINTER_KINDS
    assert get_args(FlowControl) == FLOW_CONTROLS
    assert get_args(FaultPolicy) == FAULT_POLICIES
    assert get_args(CutMode) == CUT_MODES
    assert get_args(QrMode) == QR_MODES


# ------------------------------------------------------------------ paths


def png(path: Path, padding: int = 0) -> Path:
    Image.new("1", (64, 32)).save(path)
    if padding:
        with path.open("ab") as fh:
            fh.write(b"\0" * padding)
    return path


def test_a_named_pipe_as_the_logo_is_refused_without_opening_it(tmp_path: Path) -> None:
    fifo = tmp_path / "logo.png"
    os.mkfifo(fifo)
    message, _line = config_problem(
        f'[printer]\nlogo_path = "{fifo}"\n', "printer.logo_path", tmp_path
    )
    assert message == f"{fifo} is a named pipe (FIFO), not a regular file"
    with pytest.raises(PrinterSettingsError) as err:
        PrinterSettings.from_mapping({"logo_path": str(fifo)})
    assert err.value.message == message
    words = form_words(form_desk(tmp_path), "printer.logo_path", {"logo_path": str(fifo)})
    assert words[1] == message and "pipa bernama" in words[0]


def test_logos_must_be_small_regular_images(tmp_path: Path) -> None:
    good = png(tmp_path / "logo.png")
    assert PrinterSettings.from_mapping({"logo_path": str(good)}).logo_path == str(good)
    big = png(tmp_path / "big.png", padding=MAX_LOGO_BYTES)
    message, _line = config_problem(
        f'[printer]\nlogo_path = "{big}"\n', "printer.logo_path", tmp_path
    )
    assert "is too large" in message and "at most 512 KiB" in message
    words = form_words(form_desk(tmp_path), "printer.logo_path", {"logo_path": str(big)})
    assert words[1] == message
    text = tmp_path / "logo.txt"
    text.write_text("not a picture")
    for bad, said in ((text, "is not a PNG, JPEG, GIF or BMP image"), (tmp_path, "is a folder")):
        with pytest.raises(PrinterSettingsError, match=re.escape(said)):
            PrinterSettings.from_mapping({"logo_path": str(bad)})
    # a logo that is not there (yet) leaves the slip without it, as the printer does
    missing = str(tmp_path / "missing.png")
    assert PrinterSettings.from_mapping({"logo_path": missing}).logo_path == missing


@pytest.mark.parametrize("preview_dir", ["../../etc", "/etc", "slips/../../.."])
def test_the_preview_folder_cannot_leave_the_data_folder(preview_dir: str, tmp_path: Path) -> None:
    message, line = config_problem(
        f'[printer]\npreview_dir = "{preview_dir}"\n', "printer.preview_dir", tmp_path
    )
    data = (tmp_path / "data").resolve()
    assert message == f"{preview_dir} is outside the data folder {data}" and line == 4
    with pytest.raises(PrinterSettingsError, match="outside the data folder"):
        PrinterSettings.from_mapping({"preview_dir": preview_dir}, tmp_path / "data")
    words = form_words(
        form_desk(tmp_path, printer={"preview_dir": preview_dir}), "printer.preview_dir"
    )
    assert words[1] == message


def test_a_preview_folder_inside_the_data_folder_is_made_absolute(tmp_path: Path) -> None:
    data = tmp_path / "data"
    settings = PrinterSettings.from_mapping({"preview_dir": "slips"}, data)
    assert settings.preview_dir == str(data.resolve() / "slips")
    (data / "slips").mkdir(parents=True)
    (data / "escape").symlink_to("/etc")
    with pytest.raises(PrinterSettingsError, match="outside the data folder"):
        PrinterSettings.from_mapping({"preview_dir": "escape"}, data)
    (data / "slips.txt").write_text("a file")
    with pytest.raises(PrinterSettingsError, match="is not a folder"):
        PrinterSettings.from_mapping({"preview_dir": "slips.txt"}, data)


def test_printer_devices_and_files_are_checked_for_kind(tmp_path: Path) -> None:
    fifo = tmp_path / "lp0"
    os.mkfifo(fifo)
    for table, said in (
        ({"kind": "file", "file_path": str(fifo)}, "a named pipe (FIFO), not a regular file"),
        ({"kind": "file", "file_path": str(tmp_path)}, "a folder, not a regular file"),
        ({"kind": "file", "file_path": "out.bin"}, "must be a full path"),
        ({"kind": "serial", "serial_device": "ttyUSB0"}, "/dev/ttyUSB0"),
        ({"kind": "serial", "serial_device": str(fifo)}, "not a character device"),
        ({"kind": "usb", "usb_device": str(tmp_path)}, "not a character device"),
    ):
        with pytest.raises(PrinterSettingsError, match=re.escape(said)):
            PrinterSettings.from_mapping(table)
    # a device that is not plugged in yet, and a file to append to, are fine
    PrinterSettings.from_mapping({"kind": "serial", "serial_device": "/dev/ttyUSB7"})
    PrinterSettings.from_mapping({"kind": "file", "file_path": str(tmp_path / "out.bin")})
    PrinterSettings.from_mapping({"kind": "file", "file_path": "/dev/null"})


def test_the_database_and_the_ca_file_are_checked(tmp_path: Path) -> None:
    for database, said in (
        ("kiosk.db", "must be a full path"),
        (str(tmp_path), "is a folder, not a regular file"),
    ):
        _cfg, problems = parse_config(f'[kiosk]\ndatabase = "{database}"\n')
        assert [p.key for p in problems] == ["kiosk.database"] and said in problems[0].message
    big = tmp_path / "ca.pem"
    big.write_bytes(b"x" * (1024 * 1024 + 1))
    for ca_file, said in ((str(big), "is too large"), (str(tmp_path), "is a folder")):
        _settings, problems = parse_server_settings(
            {"url": "https://central.mpp", "token": TOKEN, "ca_file": ca_file}
        )
        assert [p.key for p in problems] == ["server.ca_file"] and said in problems[0].message
    # not there (yet): sync says it cannot verify the server; the table is not thrown away
    missing = str(tmp_path / "no.pem")
    settings, problems = parse_server_settings(
        {"url": "https://central.mpp", "token": TOKEN, "ca_file": missing}
    )
    assert problems == [] and settings is not None and settings.ca_file == missing


def test_a_named_pipe_as_the_config_file_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "kiosk.toml"
    os.mkfifo(fifo)
    [problem] = check_config_file(fifo)
    assert problem.message == f"{fifo} is a named pipe (FIFO), not a regular file"
    cfg, problems = load_config(fifo)
    assert cfg.kiosk_id == KioskConfig().kiosk_id and "using the defaults" in problems[0].message
    big = tmp_path / "big.toml"
    big.write_text("# " + "x" * (1024 * 1024) + "\n")
    assert "is too large" in check_config_file(big)[0].message
