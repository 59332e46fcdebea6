"""What a kiosk PC installs: the wheel carries the product (mpp_core, kiosk, central) and none
of the developer tools, such as the ESC/POS printer emulator in tools/."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOT_SOURCES = shutil.ignore_patterns(
    ".git", ".venv*", "__pycache__", "*_cache", ".import_linter_cache", "build", "dist",
    "*.egg-info", "out", "screenshots",
)  # fmt: skip


@pytest.mark.slow
def test_the_wheel_carries_no_emulator(tmp_path: Path) -> None:
    # Built from a copy of the sources: a build/ folder left in the working tree by an
    # earlier build cannot leak old files into this wheel.
    src = tmp_path / "src"
    shutil.copytree(ROOT, src, ignore=NOT_SOURCES)
    assert (src / "tools" / "escpos_emulator" / "device.py").exists()
    pip_wheel = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-cache-dir", "-q"]
    result = subprocess.run(
        [*pip_wheel, "-w", str(tmp_path / "dist"), str(src)],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    [wheel] = (tmp_path / "dist").glob("mpp_kiosk-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    packages = {name.split("/")[0] for name in names if not name.startswith("mpp_kiosk-")}
    assert packages == {"mpp_core", "kiosk", "central", "mpp_assets"}
    assert [name for name in names if "emulator" in name or "tools" in name.split("/")] == []
    # The server's web pages travel with it: templates, style, scripts, the chime.
    for page in ("templates/petugas.html", "static/app.css", "static/board.js", "static/chime.wav"):
        assert f"central/web/{page}" in names
    for module in ("service.py", "jobs.py", "cli.py", "preview.py", "transports/__init__.py"):
        assert f"kiosk/printing/{module}" in names
