"""When the kiosk cannot serve: the out-of-service page (both languages, the reason code),
staff still sign in with their PIN (read straight from the file), the server hears of it,
and the process never loops on a crash."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPoint, Qt

from kiosk.app import Boot
from kiosk.out_of_service import OutOfServiceMode
from kiosk.settings.kiosk import KioskConfig
from kiosk.store.db import open_database
from kiosk.store.uow import UnitOfWorkFactory
from kiosk.sync.beacon import OutOfServiceBeacon
from kiosk.usecases.audit import AuditLog
from kiosk.usecases.out_of_service import OfflinePins, pin_sources
from kiosk.usecases.staff_pins import StaffAuth
from kiosk.usecases.staff_session import Role
from mpp_core.domain.clock import FixedClock
from mpp_core.wire.schemas import HeartbeatIn
from tests.conftest import WEDNESDAY_10

ROOT = Path(__file__).resolve().parents[2]
LEFT = Qt.MouseButton.LeftButton


def _pins(db: Path) -> None:
    uow = UnitOfWorkFactory(open_database(db))
    clock = FixedClock(WEDNESDAY_10)
    auth = StaffAuth(uow, clock, AuditLog(uow, clock, "k1"))
    auth.set_pin(Role.STAFF, "482915", by="test")
    auth.set_pin(Role.TECHNICIAN, "731946", by="test")
    uow.engine.dispose()


def test_the_page_and_the_staff_way_out(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    db = tmp_path / "kiosk.db"
    _pins(db)
    boot = Boot.create(KioskConfig(fullscreen=False))
    window = boot.window
    qtbot.addWidget(window)
    window.resize(1280, 720)
    window.show()
    exits: list[int] = []
    mode = OutOfServiceMode(
        window, boot.metrics, "DB-UNRECOVERABLE", "kiosk.db is damaged; no room to rebuild it",
        OfflinePins(pin_sources(db)), exit_app=exits.append, hold_ms=50,
    )  # fmt: skip
    mode.show()
    page = mode.page
    texts = " ".join(w.text() for w in page.lines) + page.code_label.text()
    for words in ("tidak melayani", "out of service", "meja informasi",
                  "information desk", "DB-UNRECOVERABLE"):  # fmt: skip
        assert words in texts
    assert page.isVisible() and page.geometry() == window.rect()

    qtbot.mousePress(page.notice, LEFT, pos=QPoint(5, 5))  # the staff gesture: a held corner
    qtbot.waitUntil(lambda: page.stack.currentWidget() is page.pin, timeout=3000)
    qtbot.mouseRelease(page.notice, LEFT, pos=QPoint(5, 5))
    for d in "111111":
        page.pin.type_digit(d)
    page.pin.submit()
    assert page.pin.state == "wrong"
    for d in "482915":  # staff: restart, but not the desktop
        page.pin.type_digit(d)
    page.pin.submit()
    assert page.stack.currentWidget() is page.staff
    assert "DB-UNRECOVERABLE" in page.staff_title.text()
    assert "damaged" in page.details.text()
    assert not page.exit_button.isVisibleTo(page)
    qtbot.mouseClick(page.restart_button, LEFT)
    assert exits == [75]
    mode.leave()
    assert page.stack.currentWidget() is page.notice


class _Server(BaseHTTPRequestHandler):
    beats: list[dict[str, Any]] = []

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        type(self).beats.append(body)
        data = json.dumps({"ok": True}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args: object) -> None:
        pass


def test_the_server_hears_that_the_kiosk_is_out_of_service() -> None:
    server = HTTPServer(("127.0.0.1", 0), _Server)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    beacon = OutOfServiceBeacon(
        {
            "url": f"http://127.0.0.1:{server.server_port}",
            "token": "mppk_test_token_123",
            "heartbeat_s": 0.05,
        },
        "CONFIG-MODE",
        "a database used with a server, a config without one",
    )
    beacon.start()
    try:
        deadline = threading.Event()
        for _ in range(200):
            if _Server.beats:
                break
            deadline.wait(0.05)
    finally:
        beacon.stop()
        server.shutdown()
    beat = _Server.beats[0]
    assert beat["service_state"] == "out_of_service" and beat["reason_code"] == "CONFIG-MODE"
    HeartbeatIn.model_validate(beat)  # what the real server accepts


def _probe(config: Path, *options: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "kiosk", "--config", str(config), *options, "--windowed"],
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "MPP_KIOSK_STARTUP_PROBE": "1"},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_a_database_that_cannot_be_opened_shows_the_page_not_a_crash_loop(tmp_path: Path) -> None:
    db = tmp_path / "kiosk.db"
    db.mkdir()  # in the database's place: it cannot be opened
    config = tmp_path / "kiosk.toml"
    config.write_text("[kiosk]\nfullscreen = false\n")
    r = _probe(config, "--database", str(db))
    assert r.returncode == 0, r.stderr[-2000:]  # was: exit 70 two seconds after every start
    assert "OUT_OF_SERVICE DB-UNAVAILABLE" in r.stdout
    stamp = json.loads((tmp_path / "ready.json").read_text())
    assert stamp["state"] == "out_of_service"  # what mpp-kiosk update and doctor read


def test_run_opens_the_database_given_on_the_command_line(tmp_path: Path) -> None:
    live, other = tmp_path / "live" / "kiosk.db", tmp_path / "test" / "kiosk.db"
    config = tmp_path / "kiosk.toml"
    config.write_text(f'[kiosk]\ndatabase = "{live}"\nfullscreen = false\n')
    r = _probe(config, "--database", str(other))
    assert r.returncode == 0 and "READY_MS" in r.stdout, r.stderr[-2000:]
    assert other.exists() and not live.exists()  # was: the live database opened
    assert oct(other.stat().st_mode & 0o777) == "0o600"  # it holds the PIN hashes
    assert oct(other.parent.stat().st_mode & 0o777) == "0o700"
    r = _probe(config, "--data-dir", str(tmp_path / "third"))
    assert (tmp_path / "third" / "kiosk.db").exists() and not live.exists()


def test_a_damaged_database_is_recovered_at_start(tmp_path: Path) -> None:
    db = tmp_path / "kiosk.db"
    _pins(db)
    with open(db, "r+b") as fh:
        fh.truncate(db.stat().st_size * 2 // 3)
    config = tmp_path / "kiosk.toml"
    config.write_text(f'[kiosk]\ndatabase = "{db}"\nfullscreen = false\n')
    r = _probe(config)
    assert r.returncode == 0, r.stderr[-2000:]
    assert "READY_MS" in r.stdout and "OUT_OF_SERVICE" not in r.stdout
    assert "database recovered in" in r.stderr
    assert [p for p in tmp_path.glob("kiosk.db.corrupt-*") if not p.name.endswith(("wal", "shm"))]
