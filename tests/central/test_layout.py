"""The server's rooms stay small and separate: every module of ``central`` has a docstring and
at most 600 lines, and outside ``central.numbering`` only its interface is imported."""

from __future__ import annotations

import ast
from pathlib import Path

from central_harness import REPO

CENTRAL = REPO / "central"
MAX_LINES = 600


def _modules() -> list[Path]:
    return sorted(p for p in CENTRAL.rglob("*.py") if "migrations" not in p.parts)


def test_every_module_is_documented_and_under_600_lines() -> None:
    modules = _modules()
    assert len(modules) > 15
    too_long = {
        str(p.relative_to(REPO)): n
        for p in modules
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert too_long == {}
    undocumented = [
        str(p.relative_to(REPO))
        for p in modules
        if not ast.get_docstring(ast.parse(p.read_text("utf-8")))
    ]
    assert undocumented == []


def test_numbering_is_used_through_its_interface_only() -> None:
    inside = CENTRAL / "numbering"
    reaching_in = []
    users = []
    for path in _modules():
        if inside in path.parents:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
            elif isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            if "central.numbering" in names:
                users.append(path.name)
            reaching_in += [
                f"{path.name}: {n}"
                for n in names
                if n.startswith("central.numbering.")
                and n.removeprefix("central.numbering.") not in ("Numbering", "NumberingError")
            ]
    assert "api.py" in users
    assert reaching_in == []
