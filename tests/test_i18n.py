"""Every visitor-facing string is translated, and the compiled catalogues are current."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
I18N = ROOT / "assets" / "i18n"
BIN = Path(sys.executable).parent


@pytest.mark.parametrize("lang", ["id", "en"])
def test_no_unfinished_messages(lang: str) -> None:
    ts = (I18N / f"kiosk_{lang}.ts").read_text(encoding="utf-8")
    assert 'type="unfinished"' not in ts
    assert len(re.findall(r"<message", ts)) > 70


def test_every_tr_call_in_the_code_is_in_the_catalogue(tmp_path: Path) -> None:
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in (ROOT / "kiosk" / "screens").glob("*.py"))
    sources += sorted(str(p) for p in (ROOT / "kiosk" / "screens" / "staff").glob("*.py"))
    subprocess.run(
        [
            str(BIN / "pyside6-lupdate"),
            *sources,
            str(ROOT / "kiosk" / "flow.py"),
            "-ts",
            str(fresh),
        ],
        check=True,
        capture_output=True,
        cwd=ROOT,
    )
    wanted = set(re.findall(r"<source>(.*?)</source>", fresh.read_text(encoding="utf-8")))
    have = set(
        re.findall(r"<source>(.*?)</source>", (I18N / "kiosk_id.ts").read_text(encoding="utf-8"))
    )
    assert wanted - have == set(), "run scripts/i18n.sh and translate the new messages"


@pytest.mark.parametrize("lang", ["id", "en"])
def test_qm_is_compiled_from_the_current_ts(tmp_path: Path, lang: str) -> None:
    out = tmp_path / f"kiosk_{lang}.qm"
    subprocess.run(
        [str(BIN / "pyside6-lrelease"), str(I18N / f"kiosk_{lang}.ts"), "-qm", str(out)],
        check=True,
        capture_output=True,
    )
    assert out.read_bytes() == (I18N / f"kiosk_{lang}.qm").read_bytes()
