"""The layers stay visible: the domain is pure Python, screens decide nothing."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FORBIDDEN_IN_DOMAIN = ("PySide6", "sqlalchemy", "requests", "escpos", "alembic", "usb", "serial")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def _offenders(folder: str, forbidden: tuple[str, ...]) -> list[str]:
    bad = []
    for path in sorted((ROOT / folder).rglob("*.py")):
        for name in _imports(path):
            if name.split(".")[0] in forbidden or any(
                name.startswith(f + ".") or name == f for f in forbidden
            ):
                bad.append(f"{path.relative_to(ROOT)} imports {name}")
    return bad


def test_domain_imports_no_framework() -> None:
    assert _offenders("mpp_core/domain", FORBIDDEN_IN_DOMAIN) == []


def test_the_check_would_catch_an_offender(tmp_path: Path) -> None:
    bad = tmp_path / "x.py"
    bad.write_text("from PySide6.QtCore import QObject\nimport sqlalchemy.orm\n")
    assert {"PySide6.QtCore", "sqlalchemy.orm"} <= _imports(bad)


def test_screens_do_not_touch_storage_or_devices() -> None:
    forbidden = ("sqlalchemy", "kiosk.store", "requests", "escpos", "kiosk.sync")
    assert _offenders("kiosk/screens", forbidden) == []


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
