"""Reads the code (without running it) for what people are told: every ``Text(...)`` written
in it, checked as ``Text`` checks itself, and what is left of the old ways to translate.

Used by tests/test_one_translation.py (the scan) and tests/ui/test_live_language.py (which
texts are Indonesian-only or English-only, to spot a widget in the other language).
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from mpp_core.i18n import Text

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("mpp_core", "kiosk", "central")
TEXT_FIELDS = ("id", "en", "en_many")
# The ways to translate that are gone: Qt's catalogues and the (id, en) tuples.
OLD_CALLS = {"tr", "trUtf8", "pick", "translate"}  # called by name, or .tr() on a widget
QT_APPS = {"QCoreApplication", "QGuiApplication", "QApplication"}
OLD_MODULES = {"kiosk.words"}


@dataclass(frozen=True)
class Found:
    """A problem at a place in the code."""

    path: Path
    line: int
    problem: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.problem}"


@dataclass(frozen=True)
class Written:
    """A ``Text(...)`` written in the code, made from its literal arguments."""

    path: Path
    line: int
    text: Text


def python_files(roots: Iterable[Path]) -> Iterator[Path]:
    for root in roots:
        if root.is_file():
            yield root
            continue
        for path in sorted(root.rglob("*.py")):
            if "__pycache__" not in path.parts and "migrations" not in path.parts:
                yield path


def _is_text_call(node: ast.Call) -> bool:
    f = node.func
    return (isinstance(f, ast.Name) and f.id == "Text") or (
        isinstance(f, ast.Attribute) and f.attr == "Text"
    )


def _literal(node: ast.expr) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _text_from(call: ast.Call) -> Text | str:
    """The ``Text`` a call makes, or why it cannot be made (or checked)."""
    values: dict[str, str] = {}
    args: list[tuple[str, ast.expr]] = list(zip(TEXT_FIELDS, call.args, strict=False))
    if len(call.args) > len(TEXT_FIELDS) or any(isinstance(a, ast.Starred) for a in call.args):
        return "Text with arguments that cannot be read"
    for kw in call.keywords:
        if kw.arg not in TEXT_FIELDS:
            return f"Text with an unknown argument {kw.arg!r}"
        args.append((kw.arg, kw.value))
    for name, node in args:
        if isinstance(node, ast.JoinedStr):
            return f"an f-string as the {name} of a Text: use {{placeholders}} and bind values"
        value = _literal(node)
        if value is None:
            return f"the {name} of a Text is not written out, so it cannot be checked"
        values[name] = value
    try:
        return Text(**values)
    except (TypeError, ValueError) as exc:
        return str(exc)


def _qt_translate(node: ast.Attribute) -> bool:
    return (
        node.attr == "translate" and isinstance(node.value, ast.Name) and node.value.id in QT_APPS
    )


def _old_call(f: ast.expr) -> str:
    """The old way to translate this call is, or ""."""
    if isinstance(f, ast.Name) and f.id in OLD_CALLS:
        return f.id  # tr(), translate() (an alias of Qt's), pick()
    if isinstance(f, ast.Attribute) and f.attr in ("tr", "trUtf8"):
        return f".{f.attr}"  # self.tr(), widget.tr()
    if isinstance(f, ast.Attribute) and _qt_translate(f):
        return "QCoreApplication.translate"
    return ""


def scan(roots: Iterable[Path]) -> tuple[list[Written], list[Found]]:
    """Every ``Text(...)`` written in the files under ``roots``, and every problem: a text
    that would be refused (no English, other placeholders) or cannot be checked, and any
    trace of the old ways to translate (``tr``/``translate`` calls, ``QTranslator``, the
    ``(id, en)`` pairs' ``pick`` and ``kiosk.words``)."""
    written: list[Written] = []
    found: list[Found] = []
    for path in python_files(roots):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        defines_text = any(isinstance(n, ast.ClassDef) and n.name == "Text" for n in ast.walk(tree))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                if _is_text_call(node) and not defines_text:
                    made = _text_from(node)
                    if isinstance(made, Text):
                        written.append(Written(path, node.lineno, made))
                    else:
                        found.append(Found(path, node.lineno, made))
                old = _old_call(node.func)
                if old:
                    found.append(Found(path, node.lineno, f"a call to {old}()"))
            elif isinstance(node, ast.Attribute) and _qt_translate(node):
                found.append(Found(path, node.lineno, "QCoreApplication.translate"))
            elif isinstance(node, ast.Name | ast.Attribute):
                name = node.id if isinstance(node, ast.Name) else node.attr
                if name == "QTranslator":
                    found.append(Found(path, node.lineno, "QTranslator: Qt's catalogues"))
            elif isinstance(node, ast.ImportFrom):
                module = node.module or ""
                if module in OLD_MODULES:
                    found.append(Found(path, node.lineno, f"an import from {module}"))
                for alias in node.names:
                    if alias.name in ("QTranslator", "pick"):
                        found.append(Found(path, node.lineno, f"an import of {alias.name}"))
    return written, found


def scan_packages() -> tuple[list[Written], list[Found]]:
    return scan(ROOT / p for p in PACKAGES)
