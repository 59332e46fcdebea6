"""`mpp-kiosk printer ...` commands (through `kiosk.printing.cli.main`)."""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PIL import Image

from kiosk.printing.cli import add_printer_commands, main, settings_from_args
from kiosk.printing.settings import PrinterSettingsError
from tools.escpos_emulator import EmulatedPrinter, TcpEmulator

REPO = Path(__file__).resolve().parents[2]


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(argv)
    return code, capsys.readouterr().out


def test_add_printer_commands_to_an_app_parser() -> None:
    parser = argparse.ArgumentParser(prog="mpp-kiosk")
    add_printer_commands(parser.add_subparsers(dest="command"))
    args = parser.parse_args(["printer", "status", "--host", "10.0.0.5"])
    assert callable(args.func)
    settings = settings_from_args(args)
    assert settings.kind == "network" and settings.host == "10.0.0.5"


def test_preview_writes_png(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "slip.png"
    escpos = tmp_path / "slip.bin"
    code, text = run(
        [
            *("--lang", "en", "printer", "preview", "--paper-width", "58"),
            *("-o", str(out), "--escpos", str(escpos)),
        ],
        capsys,
    )
    assert code == 0 and "58 mm, 32 columns" in text
    assert Image.open(out).width == 384 + 48
    assert escpos.read_bytes().startswith(b"\x1b@")


@pytest.mark.parametrize("slip", ["requirements", "test"])
def test_preview_other_slips(slip: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / f"{slip}.png"
    code, _ = run(["preview", "--slip", slip, "-o", str(out)], capsys)  # `printer` is optional
    assert code == 0 and out.exists()


def test_status_ready_and_faulty(
    tcp_printer: TcpEmulator, printer: EmulatedPrinter, capsys: pytest.CaptureFixture[str]
) -> None:
    target = ["printer", "status", "--host", "127.0.0.1", "--port", str(tcp_printer.port)]
    code, text = run([*target, "--lang", "en"], capsys)
    assert code == 0 and "state: ready" in text and "Printer ready" in text
    code, text = run([*target, "--lang", "id"], capsys)
    assert code == 0 and "status: ready" in text and "Printer siap" in text
    printer.set_fault("paper-out")
    code, text = run([*target, "--lang", "en"], capsys)
    assert code == 1
    assert "state: paper_out" in text
    assert "Paper out" in text and "paper end sensor: no paper (0x" in text
    code, text = run([*target, "--lang", "id"], capsys)
    assert code == 1
    assert "Kertas printer habis" in text and "sensor kertas habis: tidak ada kertas" in text


def test_status_unreachable_names_device(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    code, text = run(
        ["--lang", "en", "printer", "status", "--host", "127.0.0.1", "--port", str(port)], capsys
    )
    assert code == 1
    assert f"127.0.0.1:{port}" in text and "Check:" in text


def test_test_slip(
    tcp_printer: TcpEmulator, printer: EmulatedPrinter, capsys: pytest.CaptureFixture[str]
) -> None:
    code, text = run(
        ["printer", "test", "--lang", "en", "--host", "127.0.0.1", "--port", str(tcp_printer.port)],
        capsys,
    )
    assert code == 0 and text.splitlines()[1].startswith("printed")
    slip = printer.wait_for_slips(1)[0]
    assert "PRINTER TEST" in slip.text and "A-888" in slip.text  # in the language asked for
    assert "123456789012345678901234567890123456789012345678" in slip.text
    assert slip.qr_payloads == ["MPP-KIOSK-TEST"] and slip.cut == "full"


def test_config_file_and_overrides(
    tmp_path: Path,
    tcp_printer: TcpEmulator,
    printer: EmulatedPrinter,
    capsys: pytest.CaptureFixture[str],
) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text(
        "[kiosk]\nname = 'x'\n\n[printer]\nkind = 'network'\nhost = '127.0.0.1'\n"
        f"port = {tcp_printer.port}\npaper_width_mm = 58\ncut = 'partial'\n"
    )
    code, _ = run(
        ["printer", "test", "--lang", "id", "--config", str(config), "--cut", "none"], capsys
    )
    assert code == 0
    slip = printer.wait_for_slips(1)[0]
    assert slip.cut is None  # --cut none wins over the file: feed to tear, no cut
    assert "58 mm, 32 kolom" in slip.text


def test_bad_config_names_the_key(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text("[printer]\nkind = 'network'\nhost = '10.0.0.5'\nport = 'ninety'\n")
    code, text = run(["--lang", "en", "printer", "status", "--config", str(config)], capsys)
    assert code == 2 and "printer.port" in text
    config.write_text("[printer\n")
    code, text = run(["--lang", "en", "printer", "status", "--config", str(config)], capsys)
    assert code == 2 and "not valid TOML" in text
    with pytest.raises(PrinterSettingsError):
        settings_from_args(argparse.Namespace(config=str(tmp_path / "missing.toml")))


def test_detect_probes_a_network_printer(
    tcp_printer: TcpEmulator, capsys: pytest.CaptureFixture[str]
) -> None:
    code, text = run(
        ["--lang", "en", "printer", "detect", "--probe", f"127.0.0.1:{tcp_printer.port}"], capsys
    )
    assert code == 0
    assert "USB printers (pyusb):" in text and "Serial ports:" in text
    assert f"127.0.0.1:{tcp_printer.port}: ESC/POS printer, Printer ready" in text


def test_detect_reports_unreachable(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    code, text = run(["--lang", "en", "printer", "detect", "--probe", f"127.0.0.1:{port}"], capsys)
    assert code == 1 and "not reachable" in text


@pytest.mark.emulator
def test_emulator_as_a_separate_process(capsys: pytest.CaptureFixture[str]) -> None:
    """`python -m tools.escpos_emulator` (the developer tool, from the repository root) in its
    own process, driven over its control port, then used by `printer status` and `test`."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "tools.escpos_emulator", "--port", "0", "--quiet"],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    try:
        assert proc.stdout is not None
        info = json.loads(proc.stdout.readline())
        port, control = info["tcp_port"], info["control_port"]
        target = ["printer", "status", "--host", "127.0.0.1", "--port", str(port)]
        assert run(target, capsys)[0] == 0
        with socket.create_connection(("127.0.0.1", control), timeout=2) as conn:
            stream = conn.makefile("rwb")
            stream.write(b"fault cover-open on\n")
            stream.flush()
            assert json.loads(stream.readline())["faults"] == ["cover-open"]
            code, text = run(target, capsys)
            assert code == 1 and "cover_open" in text
            stream.write(b"clear\n")
            stream.flush()
            stream.readline()
            assert run(["test", "--host", "127.0.0.1", "--port", str(port)], capsys)[0] == 0
            deadline = time.monotonic() + 3
            while True:
                stream.write(b"slips\n")
                stream.flush()
                slips = json.loads(stream.readline())["slips"]
                if slips or time.monotonic() > deadline:
                    break
                time.sleep(0.05)
            assert slips[0]["qr"] == ["MPP-KIOSK-TEST"] and slips[0]["cut"] == "full"
    finally:
        proc.terminate()
        proc.wait(5)
        for pipe in (proc.stdout, proc.stderr):
            if pipe is not None:
                pipe.close()


def test_module_entry_point_help() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "kiosk.printing", "--help"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=30,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    assert result.returncode == 0
    for command in ("detect", "status", "test", "preview"):
        assert command in result.stdout
    assert "emulator" not in result.stdout  # a developer tool, not part of the kiosk


def test_the_kiosk_has_no_emulator_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["printer", "emulator", "--port", "0"])
    assert exit_info.value.code == 2
    assert "invalid choice: 'emulator'" in capsys.readouterr().err


# Runs `mpp-kiosk printer preview` as an installed kiosk would: outside the repository, with
# the developer tools (tools.escpos_emulator) made unimportable.
WITHOUT_TOOLS = """
import sys

class NoTools:
    def find_spec(self, name, path=None, target=None):
        if name == "tools" or name.startswith("tools."):
            raise ImportError(f"{name} is not installed with the kiosk")
        return None

sys.meta_path.insert(0, NoTools())
from kiosk.cli import main

code = main(sys.argv[1:])
assert not any(m == "tools" or m.startswith("tools.") for m in sys.modules), "tools imported"
sys.exit(code)
"""


@pytest.mark.parametrize("slip", ["ticket", "requirements", "test"])
def test_preview_works_without_the_emulator(tmp_path: Path, slip: str) -> None:
    out = tmp_path / f"{slip}.png"
    result = subprocess.run(
        [
            *(sys.executable, "-c", WITHOUT_TOOLS, "--lang", "en"),
            *("printer", "preview", "--slip", slip, "-o", str(out)),
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert f"wrote {out}" in result.stdout
    with Image.open(out) as image:
        assert image.width == 576 + 48 and image.height > 200  # 80 mm paper and its margins


def test_stdout_is_not_polluted(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """python-escpos prints to stdout in places; rendering must not."""
    from kiosk.printing.render import render_escpos
    from kiosk.printing.settings import PrinterSettings
    from kiosk.printing.slip import layout_ticket, sample_slip_data

    capsys.readouterr()
    for qr in ("native", "image"):
        settings = PrinterSettings(profile="default", qr=qr)
        render_escpos(layout_ticket(sample_slip_data(), settings.slip_format()))
    assert capsys.readouterr().out == ""
