"""Fixtures for the printing tests: emulators (TCP, socat pty), emupos (independent decoder and
simulator in its own Python 3.13 venv, built on demand), sample data and fast settings."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import time
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from kiosk.printing.settings import PrinterSettings
from kiosk.printing.slip import SlipData
from tools.escpos_emulator import EmulatedPrinter, SerialEmulator, SocatPtyPair, TcpEmulator

from .helpers import FAST, make_slip

REPO = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
EMUPOS_VENV = Path(os.environ.get("EMUPOS_VENV", REPO / ".venv-emupos"))
EMUPOS_58MM_PROFILE = HERE / "emupos-58mm.yaml"
EMUPOS_80MM_PROFILE = "epson-tm-t20iii"
# emupos profile per printable width in dots
EMUPOS_PROFILES = {
    576: EMUPOS_80MM_PROFILE,
    512: str(HERE / "emupos-80mm-512.yaml"),
    384: str(EMUPOS_58MM_PROFILE),
}


@pytest.fixture
def slip() -> SlipData:
    return make_slip()


# --- our emulator -------------------------------------------------------------------------------


@pytest.fixture
def printer() -> EmulatedPrinter:
    return EmulatedPrinter("test")


@pytest.fixture
def tcp_printer(printer: EmulatedPrinter) -> Iterator[TcpEmulator]:
    server = TcpEmulator(printer).start()
    yield server
    server.stop()


@pytest.fixture
def pty_pair(tmp_path: Path) -> Iterator[SocatPtyPair]:
    with SocatPtyPair(tmp_path / "pty") as pair:
        yield pair


@pytest.fixture
def serial_printer(printer: EmulatedPrinter, pty_pair: SocatPtyPair) -> Iterator[SerialEmulator]:
    emulator = SerialEmulator(printer, pty_pair.printer_end).start()
    yield emulator
    emulator.stop()


@pytest.fixture(params=["tcp", "serial"])
def link(request: pytest.FixtureRequest, printer: EmulatedPrinter) -> PrinterSettings:
    """Settings pointing at the emulator, over TCP and over a socat pty pair."""
    if request.param == "tcp":
        server: TcpEmulator = request.getfixturevalue("tcp_printer")
        return PrinterSettings(kind="network", host="127.0.0.1", port=server.port, **FAST)
    pair: SocatPtyPair = request.getfixturevalue("pty_pair")
    request.getfixturevalue("serial_printer")
    return PrinterSettings(kind="serial", serial_device=pair.kiosk_end, baudrate=115200, **FAST)


# --- emupos -------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def emupos_python() -> Path:
    """The emupos venv's interpreter; built with scripts/setup-emupos.sh when missing.
    Never skips: without it these tests fail, loudly."""
    python = EMUPOS_VENV / "bin" / "python"

    def ready() -> bool:
        if not python.exists():
            return False
        check = subprocess.run(
            [str(python), "-c", "import emupos, zxingcpp"], capture_output=True, timeout=60
        )
        return check.returncode == 0

    if not ready():
        result = subprocess.run(
            ["bash", str(REPO / "scripts" / "setup-emupos.sh")],
            capture_output=True,
            text=True,
            timeout=900,
            env={**os.environ, "EMUPOS_VENV": str(EMUPOS_VENV)},
        )
        if result.returncode != 0 or not ready():
            pytest.fail(
                "could not build the emupos venv with scripts/setup-emupos.sh:\n"
                + result.stdout
                + result.stderr,
                pytrace=False,
            )
    return python


Decoder = Callable[..., list[dict[str, Any]]]


@pytest.fixture(scope="session")
def emupos_decode(emupos_python: Path, tmp_path_factory: pytest.TempPathFactory) -> Decoder:
    """decode(data_or_list, dots_width=576|512|384) -> what emupos made of each input, with
    the QR codes in its rendering decoded by zxing-cpp."""
    folder = tmp_path_factory.mktemp("emupos-decode")
    counter = iter(range(1_000_000))

    def decode(data: bytes | list[bytes], dots_width: int = 576) -> list[dict[str, Any]]:
        blobs = data if isinstance(data, list) else [data]
        files = []
        for blob in blobs:
            path = folder / f"slip{next(counter)}.bin"
            path.write_bytes(blob)
            files.append(str(path))
        profile = EMUPOS_PROFILES[dots_width]
        result = subprocess.run(
            [
                str(emupos_python),
                str(HERE / "emupos_tool.py"),
                "decode",
                "--profile",
                profile,
                "--png-dir",
                str(folder),
                *files,
            ],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 0, result.stderr
        out: list[dict[str, Any]] = json.loads(result.stdout)["files"]
        return out

    return decode


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class EmuposDaemon:
    api: str
    tcp_port_80: int
    tcp_port_58: int
    serial_link: str
    python: Path
    proc: subprocess.Popen[bytes]

    def call(self, method: str, path: str) -> Any:
        request = urllib.request.Request(self.api + path, method=method)
        with urllib.request.urlopen(request, timeout=5) as response:
            body = response.read()
        return json.loads(body) if body and body[:1] in (b"{", b"[") else body

    def fault(self, device: str, fault: str, on: bool) -> None:
        self.call("PUT" if on else "DELETE", f"/devices/{device}/faults/{fault}")

    def receipts(self, device: str) -> list[dict[str, Any]]:
        result: list[dict[str, Any]] = self.call("GET", f"/devices/{device}/receipts")
        return result

    def receipt_text(self, device: str, receipt_id: str) -> str:
        text: bytes = self.call("GET", f"/devices/{device}/receipts/{receipt_id}/text")
        return text.decode()

    def receipt_qr(self, device: str, receipt_id: str, folder: Path) -> list[str]:
        png: bytes = self.call("GET", f"/devices/{device}/receipts/{receipt_id}/image")
        path = folder / f"{receipt_id}.png"
        path.write_bytes(png)
        result = subprocess.run(
            [str(self.python), str(HERE / "emupos_tool.py"), "qr", str(path)],
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert result.returncode == 0, result.stderr
        qr: list[str] = json.loads(result.stdout)["files"][0]["qr"]
        return qr

    def wait_receipts(self, device: str, count: int, timeout: float = 5.0) -> list[dict[str, Any]]:
        deadline = time.monotonic() + timeout
        while True:
            receipts = self.receipts(device)
            if len(receipts) >= count or time.monotonic() > deadline:
                return receipts
            time.sleep(0.05)


@pytest.fixture(scope="session")
def emupos_daemon(
    emupos_python: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[EmuposDaemon]:
    """`emupos run` with an 80 mm printer (TCP + its own serial pty) and a 58 mm one (TCP)."""
    folder = tmp_path_factory.mktemp("emupos-daemon")
    api_port, p80, p58 = free_port(), free_port(), free_port()
    (folder / "p58.yaml").write_text(EMUPOS_58MM_PROFILE.read_text())
    (folder / "emupos.yaml").write_text(
        f"""schema: 1
api: {{ host: 127.0.0.1, port: {api_port} }}
devices:
  - id: p80
    type: printer
    profile: {EMUPOS_80MM_PROFILE}
    connections:
      - tcp: {{ host: 127.0.0.1, port: {p80} }}
      - serial: {{ pty: true }}
    receipts_dir: ./receipts
  - id: p58
    type: printer
    profile: ./p58.yaml
    connections:
      - tcp: {{ host: 127.0.0.1, port: {p58} }}
    receipts_dir: ./receipts
"""
    )
    log = (folder / "emupos.log").open("wb")
    proc = subprocess.Popen(
        [str(emupos_python.parent / "emupos"), "run", "--config", "emupos.yaml"],
        cwd=folder,
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "TMPDIR": str(folder)},
    )
    daemon = EmuposDaemon(
        f"http://127.0.0.1:{api_port}/api/v1",
        p80,
        p58,
        str(folder / "emupos" / "p80"),
        emupos_python,
        proc,
    )
    deadline = time.monotonic() + 30
    while True:
        try:
            daemon.call("GET", "/health")
            if Path(daemon.serial_link).exists():
                break
        except OSError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            log.close()
            pytest.fail(
                "emupos did not start:\n" + (folder / "emupos.log").read_text(), pytrace=False
            )
        time.sleep(0.05)
    yield daemon
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait(5)
    log.close()
