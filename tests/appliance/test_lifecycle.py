"""The kiosk's life as systemd sees it, with real processes: READY=1 once the first frame is
painted, WATCHDOG=1 from the GUI thread's event loop (none while it is blocked), a frozen
kiosk killed and restarted by a supervisor that plays systemd's watchdog, and SIGTERM in the
middle of a slip: the slip is marked not printed, the log checkpointed, exit 0."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer

from kiosk.lifecycle import Lifecycle
from kiosk.system.sdnotify import Notifier
from tests.appliance.helpers import FakeSystemd, fake_systemd
from tools.escpos_emulator import EmulatedPrinter, TcpEmulator

ROOT = Path(__file__).resolve().parents[2]
DRIVER = Path(__file__).with_name("kiosk_driver.py")


# Every gerai open around the clock: the tests run on the real clock, any day.
ALWAYS_OPEN = (
    '[hours]\nmode = "custom"\nopen = "00:00"\nclose = "23:59"\n'
    'days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]\n'
)


def _config(tmp_path: Path, printer: str = "") -> Path:
    config = tmp_path / "kiosk.toml"
    config.write_text(
        f'[kiosk]\ndatabase = "{tmp_path / "data" / "kiosk.db"}"\nfullscreen = false\n'
        f"cutoff_minutes = 0\n{ALWAYS_OPEN}{printer}"
    )
    return config


def _start(config: Path, env: dict[str, str], *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(DRIVER), str(config), *extra],
        cwd=ROOT,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen", **env},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _line(proc: subprocess.Popen[str], prefix: str, timeout: float = 120) -> str:
    assert proc.stdout is not None
    found: list[str] = []

    def read() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            if line.startswith(prefix):
                found.append(line.strip())
                return

    t = threading.Thread(target=read, daemon=True)
    t.start()
    t.join(timeout)
    if not found:
        proc.kill()
        _out, err = proc.communicate(timeout=10)
        raise AssertionError(f"no {prefix!r} from the kiosk; stderr: {err[-3000:]}")
    return found[0]


class _Listener:
    """A thread that timestamps every datagram as it arrives (the GUI thread under test may
    be blocked, so the test thread cannot do it)."""

    def __init__(self, systemd: FakeSystemd) -> None:
        self.systemd = systemd
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while not self.stop.is_set():
            self.systemd.drain(0.05)

    def close(self) -> None:
        self.stop.set()
        self.thread.join(2)


def test_watchdog_pings_come_from_the_event_loop_and_stop_while_it_is_blocked(
    qtbot,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    with fake_systemd(tmp_path) as systemd:
        life = Lifecycle(Notifier(systemd.env(watchdog_usec=150_000)))  # a ping every 50 ms
        listener = _Listener(systemd)
        try:
            qtbot.waitUntil(
                lambda: sum(m == "WATCHDOG=1" for m in systemd.messages()) >= 3, timeout=5000
            )
            blocked: list[float] = []

            def freeze() -> None:  # a GUI thread stuck in a slow call
                blocked.append(time.monotonic())
                time.sleep(0.6)
                blocked.append(time.monotonic())

            QTimer.singleShot(0, freeze)
            qtbot.waitUntil(lambda: len(blocked) == 2, timeout=5000)
            qtbot.waitUntil(
                lambda: any(at > blocked[1] and m == "WATCHDOG=1" for at, m in systemd.received),
                timeout=5000,
            )
            during = [at for at, m in systemd.received if blocked[0] + 0.06 < at < blocked[1]]
            assert during == []  # no ping while the event loop was stuck
        finally:
            listener.close()
            life.close()


def test_ready_after_the_first_frame_then_pings_then_a_frozen_kiosk_is_restarted(
    tmp_path: Path,
) -> None:
    """A stand-in for systemd: WatchdogSec=2; a kiosk whose pings stop is killed (SIGABRT, as
    systemd does) and started again."""
    watchdog_s = 2.0
    with fake_systemd(tmp_path) as systemd:
        env = systemd.env(watchdog_usec=int(watchdog_s * 1e6))
        started = time.monotonic()
        proc = _start(_config(tmp_path), env)
        try:
            ready = systemd.wait_for("READY=1", 120)
            _line(proc, "BUILT")
            print(f"UNIT_START_TO_READY_S {ready - started:.2f}")
            systemd.wait_for("WATCHDOG=1", 10)
            first_ping = len(systemd.messages())
            os.kill(proc.pid, signal.SIGSTOP)  # frozen: every thread, the GUI's with it
            frozen = time.monotonic()
            last = frozen
            while time.monotonic() - last < watchdog_s:
                if "WATCHDOG=1" in systemd.drain(0.1):
                    last = time.monotonic()
            os.kill(proc.pid, signal.SIGABRT)
            os.kill(proc.pid, signal.SIGCONT)
            proc.wait(30)
            assert proc.returncode == -signal.SIGABRT
            assert len(systemd.messages()) >= first_ping
            restarted = _start(_config(tmp_path), env)
            try:
                systemd.received.clear()
                back = systemd.wait_for("READY=1", 120)
                print(f"FROZEN_GUI_RESTART_S {back - frozen:.2f} (WatchdogSec={watchdog_s})")
            finally:
                restarted.send_signal(signal.SIGTERM)
                restarted.wait(30)
        finally:
            if proc.poll() is None:
                proc.kill()


@pytest.mark.emulator
def test_sigterm_in_the_middle_of_a_slip(tmp_path: Path) -> None:
    printer = EmulatedPrinter()
    with TcpEmulator(printer) as emulator, fake_systemd(tmp_path) as systemd:
        config = _config(
            tmp_path,
            f'[printer]\nkind = "network"\nhost = "{emulator.host}"\nport = {emulator.port}\n'
            "status_timeout_s = 60.0\nwrite_timeout_s = 60.0\nstatus_poll_s = 0.0\n",
        )
        printer.set_drop_after(300, mode="hang")  # takes 300 bytes of the slip, then stalls
        proc = _start(config, systemd.env(), "--take", "ktp-el-baru")
        try:
            ticket = _line(proc, "TAKEN").split()[1]
            deadline = time.monotonic() + 30
            while len(printer.received) < 300:  # the slip is on its way
                assert time.monotonic() < deadline
                time.sleep(0.05)
            stopped = time.monotonic()
            proc.send_signal(signal.SIGTERM)
            proc.wait(40)
            took = time.monotonic() - stopped
        finally:
            if proc.poll() is None:
                proc.kill()
        print(f"SIGTERM_TO_EXIT_S {took:.2f}")
        assert proc.returncode == 0
        assert took < 20
        assert "STOPPING=1" in systemd.drain(1.0) + systemd.messages()
    db = tmp_path / "data" / "kiosk.db"
    wal = Path(f"{db}-wal")
    assert not wal.exists() or wal.stat().st_size == 0  # everything is in the file
    con = sqlite3.connect(db)
    state, message = con.execute(
        "SELECT print_state, print_message FROM ticket WHERE id = ?", (ticket,)
    ).fetchone()
    con.close()
    assert state == "failed" and "stopped" in message  # in the reprint list, with why
