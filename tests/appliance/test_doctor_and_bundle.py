"""``mpp-kiosk doctor`` (one screen of PASS/WARN/FAIL with reasons, and an exit code), the same
checks on the technician's screen, and ``mpp-kiosk support-bundle`` with no secret in it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from PySide6.QtCore import Qt

from kiosk.appliance.layout import Layout, template
from kiosk.config import load_kiosk_config
from kiosk.store.integrity import read_pins
from kiosk.usecases.doctor import DoctorContext, Status, run_checks
from kiosk.usecases.staff_session import Role
from kiosk.usecases.support_bundle import REDACTED, member_texts, write_bundle
from mpp_core.version import app_version
from tests.appliance.test_out_of_service import _pins
from tools.escpos_emulator import EmulatedPrinter, TcpEmulator

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "mppk_SuperSecretToken_0123456789abcdef"
LEFT = Qt.MouseButton.LeftButton


def _kiosk(tmp_path: Path, extra: str = "") -> Path:
    db = tmp_path / "data" / "kiosk.db"
    _pins(db)
    config = tmp_path / "kiosk.toml"
    config.write_text(
        f'# token = "{TOKEN}" (an old comment a technician left)\n'
        f'[kiosk]\nkiosk_id = "lobby-1"\ndatabase = "{db}"\n{extra}'
    )
    return config


def _doctor(config: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", "--config", str(config), "doctor", *args],
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_doctor_one_screen_with_reasons_and_an_exit_code(tmp_path: Path) -> None:
    config = _kiosk(tmp_path, f'[server]\nurl = "http://127.0.0.1:9"\ntoken = "{TOKEN}"\n')
    os.chmod(config, 0o644)  # the token readable by every user
    r = _doctor(config)
    assert r.returncode == 1, r.stdout + r.stderr
    lines = r.stdout.splitlines()
    names = [line.split()[1] for line in lines[:-1]]
    for name in ("qt", "fonts", "config", "config-mode", "database", "db-mode", "disk",
                 "printer", "usb", "clock", "server", "catalog", "outbox", "watchdog"):  # fmt: skip
        assert name in names, r.stdout
    assert any(line.startswith("FAIL  config-mode") and "chmod 600" in line for line in lines)
    assert any(line.startswith("FAIL  server") for line in lines)
    assert TOKEN not in r.stdout + r.stderr
    os.chmod(config, 0o600)
    config.write_text(config.read_text().split("[server]")[0])  # no server: local numbers
    r = _doctor(config, "--json")
    assert r.returncode == 0, r.stdout
    checks = json.loads(r.stdout)["checks"]
    assert {c["status"] for c in checks} <= {"PASS", "WARN"}
    assert next(c for c in checks if c["name"] == "database")["status"] == "PASS"


def test_doctor_sees_the_printer_the_usb_device_and_the_watchdog(tmp_path: Path) -> None:
    printer = EmulatedPrinter()
    with TcpEmulator(printer) as emulator:
        config = _kiosk(tmp_path, f'[printer]\nkind = "network"\nhost = "{emulator.host}"\n'
                                  f"port = {emulator.port}\nstatus_poll_s = 0.0\n")  # fmt: skip
        unit = tmp_path / "mpp-kiosk.service"
        unit.write_text(template("mpp-kiosk.service", Layout()))
        cfg, problems, blocked = load_kiosk_config(config)
        ctx = DoctorContext(config, cfg, problems, blocked, unit_file=unit)
        by_name = {c.name: c for c in run_checks(ctx)}
        assert by_name["printer"].status is Status.PASS
        assert by_name["watchdog"].status is Status.PASS
        assert "NotifyAccess=all" in by_name["watchdog"].reason
        printer.set_fault("paper-out")
        assert {c.name: c for c in run_checks(ctx)}["printer"].status is Status.FAIL
    usb = _kiosk(tmp_path / "u", '[printer]\nkind = "usb"\nusb_vendor_id = "0x04b8"\n'
                                 'usb_product_id = "0x0e15"\n')  # fmt: skip
    cfg, problems, blocked = load_kiosk_config(usb)
    [check] = [c for c in run_checks(DoctorContext(usb, cfg, problems, blocked))
               if c.name == "usb"]  # fmt: skip
    assert check.status is Status.FAIL and "04b8:0e15" in check.reason


def test_the_support_bundle_holds_no_secret(tmp_path: Path) -> None:
    config = _kiosk(tmp_path, f'[server]\nurl = "http://127.0.0.1:9"\ntoken = "{TOKEN}"\n')
    (tmp_path / "kiosk.toml.last-good").write_text(config.read_text())
    db = tmp_path / "data" / "kiosk.db"
    secrets = [TOKEN]
    for pin in read_pins([db]):
        secrets += [pin.digest.hex(), pin.salt.hex()]
    assert len(secrets) == 5
    r = subprocess.run(
        [sys.executable, "-m", "kiosk", "--config", str(config), "support-bundle",
         "--out", str(tmp_path / "out")],
        cwd=ROOT, env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        capture_output=True, text=True, timeout=180,
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    [bundle] = (tmp_path / "out").glob("mpp-lobby-1-*.tar.gz")
    assert oct(bundle.stat().st_mode & 0o777) == "0o600"
    raw = bundle.read_bytes()
    texts = member_texts(bundle)
    every = "\n".join(texts.values())
    for secret in secrets:
        assert secret not in every and secret.encode() not in raw
    names = {name.split("/", 1)[1] for name in texts}
    wanted = {"README.txt", "manifest.json", "doctor.txt", "doctor.json", "versions.txt",
              "config/kiosk.toml", "config/kiosk.toml.last-good", "database.json"}  # fmt: skip
    assert wanted <= names
    config_text = next(t for n, t in texts.items() if n.endswith("config/kiosk.toml"))
    assert f'token = "{REDACTED}"' in config_text and "lobby-1" in config_text
    manifest = json.loads(next(t for n, t in texts.items() if n.endswith("manifest.json")))
    assert manifest["version"] == app_version() and manifest["days_of_logs"] == 7
    assert "logs/mpp-kiosk.log" in manifest["captured"] + list(manifest["not_captured"])
    assert app_version() in next(t for n, t in texts.items() if n.endswith("versions.txt"))
    database = json.loads(next(t for n, t in texts.items() if n.endswith("database.json")))
    assert database["outbox_pending"] == 0


def test_write_bundle_in_process_scrubs_secrets_from_captured_text(tmp_path: Path) -> None:
    config = _kiosk(tmp_path, f'[server]\nurl = "http://127.0.0.1:9"\ntoken = "{TOKEN}"\n')
    path = write_bundle(config, tmp_path / "out")
    assert TOKEN not in "".join(member_texts(path).values())


def test_the_same_checks_on_the_technicians_screen(qtbot, kiosk_factory) -> None:  # type: ignore[no-untyped-def]
    k = kiosk_factory()
    mode = k.staff
    assert mode is not None
    mode.auth.set_pin(Role.TECHNICIAN, "731946", by="test")
    mode.open()
    mode.submit_pin("731946")
    qtbot.mouseClick(mode.overlay.tabs["doctor"], LEFT)
    page = mode.overlay.doctor
    qtbot.waitUntil(lambda: bool(page.lines), timeout=30000)
    names = [line.split()[1] for line in page.lines]
    assert {"qt", "config", "database", "disk", "printer", "watchdog"} <= set(names)
    assert "FAIL" in page.summary.text() or "GAGAL" in page.summary.text()
    mode.leave()


def test_the_version_shows_in_staff_health(kiosk_factory) -> None:  # type: ignore[no-untyped-def]
    k = kiosk_factory()
    assert k.staff is not None
    report = k.staff.staff.health()
    said = [(words("en"), role) for words, role in report.system_lines]
    assert (f"App version {app_version()}", None) in said
    k.staff.overlay.health.show_report(report)
    page = k.staff.overlay.health
    lines = [lab.text() for lab in page.catalog._lines if lab.isVisibleTo(page)]
    assert f"Versi aplikasi {app_version()}" in lines  # in the language on screen
