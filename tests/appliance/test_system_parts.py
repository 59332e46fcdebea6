"""The OS-side parts on their own: systemd notifications over a real datagram socket, the
supervisor restarting a thread that died, the disk's states, pruning, the slip lock."""

from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from kiosk.system import housekeeping, locks
from kiosk.system.disk import DiskState, measure
from kiosk.system.sdnotify import Notifier
from kiosk.system.supervise import Supervisor, install_excepthook
from tests.appliance.conftest import fill
from tests.appliance.helpers import fake_systemd


def test_notifier_sends_datagrams_and_is_silent_without_systemd(tmp_path: Path) -> None:
    with fake_systemd(tmp_path) as systemd:
        n = Notifier(systemd.env(watchdog_usec=3_000_000))
        assert n.watchdog_interval_ms() == 1000  # a third of WatchdogSec
        assert n.ready("ok") and n.watchdog() and n.status("printer=ready")
        systemd.wait_for("STATUS=printer=ready", 2.0)
        assert systemd.messages() == ["READY=1\nSTATUS=ok", "WATCHDOG=1", "STATUS=printer=ready"]
    quiet = Notifier({})
    assert not quiet.enabled and quiet.watchdog_interval_ms() is None
    assert quiet.ready() is False


def test_abstract_socket_addresses_are_understood() -> None:
    assert Notifier({"NOTIFY_SOCKET": "@/org/x"}).address == "\0/org/x"


def test_a_dead_thread_is_restarted_with_back_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(threading, "excepthook", threading.__excepthook__)
    install_excepthook()
    clock = [0.0]
    started: list[threading.Thread] = []

    def work() -> None:
        raise OverflowError("timeout value is too large")  # what status_poll_s=1e12 did

    def start() -> None:
        t = threading.Thread(target=work, name="kiosk-test-worker", daemon=True)
        started.append(t)
        t.start()
        t.join()

    start()
    sup = Supervisor(monotonic=lambda: clock[0])
    sup.watch("worker", alive=lambda: started[-1].is_alive(), restart=start,
              thread_name="kiosk-test-worker")  # fmt: skip
    sup.tick()
    [state] = sup.states()
    assert not state.alive and "OverflowError" in state.last_error
    assert sup.dead() == ["worker"]
    sup.tick()
    assert len(started) == 1  # waits 1 s first
    clock[0] = 1.0
    sup.tick()
    assert len(started) == 2 and sup.states()[0].restarts == 1
    sup.tick()  # died again: now it waits 2 s
    clock[0] = 2.5
    sup.tick()
    assert len(started) == 2
    clock[0] = 3.0
    sup.tick()
    assert len(started) == 3


def test_disk_states_on_a_real_small_filesystem(small_disk: Path) -> None:
    assert measure(small_disk).state is DiskState.OK
    filler = fill(small_disk)
    assert measure(small_disk).state is DiskState.FULL
    with open(filler, "r+b") as fh:  # leave 5 % free: below a tenth, above a fiftieth
        fh.truncate(filler.stat().st_size - 4 * 1024 * 1024 // 20)
    assert measure(small_disk).state is DiskState.LOW
    filler.unlink()
    assert measure(small_disk / "not" / "yet").state is DiskState.OK  # its nearest parent


def test_old_previews_are_pruned(tmp_path: Path) -> None:
    now = time.time()
    for i in range(12):
        p = tmp_path / f"slip-{i:02d}.png"
        p.write_bytes(b"x" * 8000)
        os.utime(p, (now - i * 86400, now - i * 86400))
    (tmp_path / "notes.txt").write_text("kept")
    removed = housekeeping.prune_previews(tmp_path, keep_days=7, keep_files=5, now=now)
    left = sorted(p.name for p in tmp_path.iterdir())
    assert removed == 7
    assert left == ["notes.txt", *(f"slip-{i:02d}.png" for i in range(5))]


def test_the_slip_lock_keeps_an_update_waiting(tmp_path: Path) -> None:
    path = locks.lock_path(tmp_path)
    with locks.printing(path) as held:
        assert held
        with pytest.raises(TimeoutError), locks.no_slip_printing(path, 0.2):
            pass
    # no slip printing: the update has it at once, and a slip does not wait long for it
    with locks.no_slip_printing(path, 0.2), locks.printing(path, wait_s=0.1) as held:
        assert not held
    assert oct(path.stat().st_mode & 0o777) == "0o600"


def test_restarts_are_spaced_when_the_kiosk_keeps_failing(tmp_path: Path) -> None:
    from kiosk.appliance.service import backoff_delay
    from kiosk.system import readiness

    delays = [backoff_delay(tmp_path, now=1000.0 + i) for i in range(8)]
    assert delays == [0, 0, 0, 1, 2, 4, 8, 16]  # systemd 252 has no RestartSteps=
    assert backoff_delay(tmp_path, now=1000.0 + 20 * 60) == 0  # ten quiet minutes: a fresh start
    for i in range(10):
        backoff_delay(tmp_path, now=3000.0 + i)
    assert backoff_delay(tmp_path, now=3011.0) == 60  # never more than a minute
    readiness.write_stamp(tmp_path, "0.1.0", readiness.IN_SERVICE, at=3012.0)
    assert backoff_delay(tmp_path, now=3013.0) == 0  # it served: the count starts again
