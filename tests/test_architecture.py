"""The layers stay visible: import contracts hold (import-linter, indirect imports included)
and screens decide nothing."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LINT_IMPORTS = Path(sys.executable).parent / "lint-imports"
PACKAGES = ("mpp_core", "kiosk", "central")


def _lint_imports(cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(cwd)},
    )


def test_import_contracts_hold() -> None:
    result = _lint_imports(ROOT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "BROKEN" not in result.stdout
    assert "0 broken" in result.stdout


def test_an_indirect_import_of_qt_into_the_domain_breaks_a_contract(tmp_path: Path) -> None:
    """The old AST check saw direct imports only; the contracts follow chains."""
    for name in PACKAGES:
        shutil.copytree(ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    # hours -> a new helper in the catalog package -> a module that imports Qt
    (tmp_path / "mpp_core" / "catalog" / "probe.py").write_text(
        "from mpp_core.catalog import probe_qt  # noqa\n"
    )
    (tmp_path / "mpp_core" / "catalog" / "probe_qt.py").write_text(
        "from PySide6.QtCore import QObject  # noqa\n"
    )
    hours = tmp_path / "mpp_core" / "domain" / "hours.py"
    hours.write_text(hours.read_text() + "\nfrom mpp_core.catalog import probe  # noqa\n")
    result = _lint_imports(tmp_path)
    assert result.returncode != 0
    assert "pure Python" in result.stdout and "BROKEN" in result.stdout
    assert "mpp_core.domain.hours -> mpp_core.catalog.probe" in result.stdout


def test_screens_have_no_hover_or_double_tap_handlers() -> None:
    banned = (
        "mouseDoubleClickEvent",
        "enterEvent",
        "hoverEnterEvent",
        "WA_Hover",
        "QTapAndHoldGesture",
        ":hover",
        "setToolTip",
    )
    hits = []
    for path in sorted((ROOT / "kiosk" / "screens").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        hits += [f"{path.name}: {b}" for b in banned if b in text]
    assert hits == []
