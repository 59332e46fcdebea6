"""Spoken announcements: espeak-ng's Indonesian voice makes a valid WAV, cached per number,
loket and gerai, with English after it when configured; the cache stays bounded."""

from __future__ import annotations

import shutil
import wave
from pathlib import Path

import pytest

from central.web.audio import Announcer

pytestmark = pytest.mark.skipif(
    shutil.which("espeak-ng") is None, reason="espeak-ng is installed by scripts/setup.sh --tests"
)


def _seconds(path: Path) -> float:
    with wave.open(str(path), "rb") as w:
        return w.getnframes() / w.getframerate()


def test_an_announcement_is_a_wav_cached_per_number_loket_and_gerai(tmp_path: Path) -> None:
    a = Announcer(tmp_path / "audio")
    first = a.wav("A-001", 2, "Dispendukcapil")
    assert first.read_bytes()[:4] == b"RIFF" and 2.0 < _seconds(first) < 15.0
    again = a.wav("A-001", 2, "Dispendukcapil")
    assert again == first
    assert a.wav("A-002", 2, "Dispendukcapil") != first
    both = Announcer(tmp_path / "audio", english=True).wav("A-001", 2, "Dispendukcapil")
    assert both != first and _seconds(both) > _seconds(first) + 1.5


def test_the_cache_is_bounded(tmp_path: Path) -> None:
    a = Announcer(tmp_path / "audio", max_files=2)
    for n in range(1, 5):
        a.wav(f"A-00{n}", 1, "Dinkes")
    assert len(list((tmp_path / "audio").glob("*.wav"))) == 2
