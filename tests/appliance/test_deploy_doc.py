"""docs/deploy.md: every command it tells a technician to run is in its "Commands and their
tests" table, and every test the table names exists and runs that command."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "deploy.md"
# Run on the kiosk by systemd or the technician, not by a test here (no systemd as PID 1 on
# the CI machine): the table says what checks them instead.
SYSTEM_TOOLS = ("systemctl", "journalctl", "chown", "lsusb", "reboot")


def _commands() -> list[str]:
    text = DOC.read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)```", text, re.S)
    out = []
    for block in blocks:
        for line in block.splitlines():
            line = line.strip()
            if line and not line.startswith("#"):
                out.append(line)
    return out


def _program(command: str) -> str:
    words = [w for w in command.split() if w != "sudo" and "=" not in w and w != "env"]
    if words[:3] == ["python3", "-m", "kiosk.appliance"]:
        return f"python3 -m kiosk.appliance {words[3]}"
    if words[0] in ("mpp-kiosk", "mpp-central"):
        verbs = [w for w in words[1:] if not w.startswith("-") and not w.startswith("/")]
        return " ".join([words[0], *verbs[:1]])
    return " ".join(words[:3])


def _table() -> dict[str, str]:
    text = DOC.read_text(encoding="utf-8").split("## 7. Commands and their tests")[1]
    rows = {}
    for line in text.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 2 and cells[0].startswith("`"):
            rows[cells[0]] = cells[1]
    return rows


def test_every_command_in_the_doc_has_a_test() -> None:
    commands = _commands()
    assert len(commands) >= 10
    table = " ".join(_table())
    for command in commands:
        program = _program(command)
        if program.split()[0] in SYSTEM_TOOLS:
            assert program.split()[0] in table, command
            continue
        assert program in table, f"{command!r} ({program}) is not in the table"


def test_every_test_the_table_names_exists() -> None:
    for tested in _table().values():
        files = re.findall(r"`(tests/[\w/]+\.py)(?:::(\w+))?`", tested)
        short = re.findall(r"`(test_\w+\.py)(?:::(\w+))?`", tested)
        names = re.findall(r"`(test_\w+)`", tested)
        for path, name in files + [(f"tests/appliance/{f}", n) for f, n in short]:
            text = (ROOT / path).read_text(encoding="utf-8")
            if name:
                assert f"def {name}(" in text, (path, name)
        for name in names:
            assert any(
                f"def {name}(" in p.read_text(encoding="utf-8")
                for p in (ROOT / "tests").rglob("test_*.py")
            ), name
