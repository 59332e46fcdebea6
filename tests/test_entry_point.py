"""`mpp-kiosk` as a real process: the welcome screen paints first (only Qt loaded, the MPP
name read straight from the database), then the rest is built and the kiosk is ready."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def start(config: Path) -> list[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", MPP_KIOSK_STARTUP_PROBE="1")
    # A config whose database is broken falls back to the default data folder: keep that
    # inside the test, not in the home folder other checkouts share.
    env["XDG_DATA_HOME"] = str(config.parent / "xdg-data")
    r = subprocess.run(
        [sys.executable, "-m", "kiosk", "--config", str(config), "--windowed"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert r.returncode == 0, r.stderr[-2000:]
    return [
        " ".join(line.split()[:2]) if line.startswith("OUT_OF_SERVICE") else line.split()[0]
        for line in r.stdout.splitlines()
        if "_MS " in line or line.startswith("OUT_OF_SERVICE")
    ]


def test_first_start_then_a_normal_start(tmp_path: Path) -> None:
    config = tmp_path / "kiosk.toml"
    db = tmp_path / "data" / "kiosk.db"
    config.write_text(f'[kiosk]\ndatabase = "{db}"\nfullscreen = false\n')
    assert start(config) == ["FIRST_FRAME_MS", "READY_MS"]  # new database, default catalog
    assert db.exists()
    assert start(config) == ["FIRST_FRAME_MS", "READY_MS"]


def test_peek_reads_the_name_without_the_store(tmp_path: Path) -> None:
    code = (
        "import sys; from pathlib import Path; from kiosk.app import peek_mpp; "
        f"m = peek_mpp(Path({str(tmp_path / 'none.db')!r})); "
        "print(m.name, 'sqlalchemy' in sys.modules)"
    )
    r = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60
    )
    assert r.stdout.split() == ["MPP", "Among", "Warga", "False"], r.stderr


def test_broken_config_without_a_last_good_copy_is_out_of_service(tmp_path: Path) -> None:
    # Not the defaults: they would open another database and number locally.
    config = tmp_path / "kiosk.toml"
    config.write_text(
        f'[kiosk]\ndatabase = "{tmp_path / "k.db"}"\nfullscreen = false\n'
        'idle_timeout_s = "soon"\n[printer\nkind = 3\n'
    )
    assert start(config) == ["FIRST_FRAME_MS", "OUT_OF_SERVICE CONFIG-INVALID"]
    assert not (tmp_path / "k.db").exists()
