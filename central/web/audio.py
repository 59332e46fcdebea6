"""Spoken announcements, made on this server by espeak-ng (its Indonesian voice, ``-v id``),
and cached on disk per (number, loket, gerai, languages).

The words come from ``mpp_core.domain.speech`` ("Nomor antrean A nol nol satu, silakan menuju
loket dua, Dispendukcapil"); with English on, the English sentence follows after a pause in the
same WAV file. The cache is bounded: past ``max_files`` the files used least recently go. Files
are written under a temporary name and renamed, so a worker never serves half a file.
"""

from __future__ import annotations

import hashlib
import logging
import os
import shutil
import subprocess
import tempfile
import threading
import wave
from pathlib import Path

from mpp_core.domain.speech import announcement

log = logging.getLogger("central.web.audio")
VOICES = {"id": "id", "en": "en"}
SPEED_WPM = 140
PAUSE_S = 0.6
TIMEOUT_S = 20


class SpeechUnavailable(RuntimeError):
    """espeak-ng is not installed, or failed."""


class Announcer:
    def __init__(self, cache_dir: Path, *, english: bool = False, max_files: int = 2000) -> None:
        self.cache_dir = cache_dir
        self.english = english
        self.max_files = max_files
        self._lock = threading.Lock()
        self._binary = shutil.which("espeak-ng")

    def key(self, number: str, loket: int, gerai_name: str) -> str:
        langs = "id+en" if self.english else "id"
        raw = f"v1|{langs}|{number}|{loket}|{gerai_name}|{SPEED_WPM}"
        return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:32]

    def wav(self, number: str, loket: int, gerai_name: str) -> Path:
        """The announcement's WAV file (made now if not cached)."""
        path = self.cache_dir / f"{self.key(number, loket, gerai_name)}.wav"
        if path.exists():
            os.utime(path)  # most recently used
            return path
        if self._binary is None:
            raise SpeechUnavailable("espeak-ng is not installed")
        self.cache_dir.mkdir(parents=True, exist_ok=True, mode=0o750)
        with self._lock, tempfile.TemporaryDirectory(dir=self.cache_dir) as tmp:
            if path.exists():
                return path
            parts = [self._speak(announcement(number, loket, gerai_name, "id"), "id", tmp)]
            if self.english:
                parts.append(self._speak(announcement(number, loket, gerai_name, "en"), "en", tmp))
            out = Path(tmp) / "joined.wav"
            _join(parts, out)
            os.replace(out, path)
            self._trim()
        return path

    def _speak(self, words: str, lang: str, folder: str) -> Path:
        out = Path(folder) / f"{lang}.wav"
        assert self._binary is not None
        try:
            subprocess.run(
                [
                    self._binary,
                    "-v",
                    VOICES[lang],
                    "-s",
                    str(SPEED_WPM),
                    "-w",
                    str(out),
                    "--",
                    words,
                ],
                check=True,
                capture_output=True,
                timeout=TIMEOUT_S,
            )
        except (subprocess.SubprocessError, OSError) as exc:
            raise SpeechUnavailable(f"espeak-ng failed: {exc}") from exc
        return out

    def _trim(self) -> None:
        files = sorted(self.cache_dir.glob("*.wav"), key=lambda p: p.stat().st_mtime)
        for old in files[: max(0, len(files) - self.max_files)]:
            old.unlink(missing_ok=True)


def _join(parts: list[Path], out: Path) -> None:
    """Concatenate WAV files of the same format, with a pause between them."""
    with wave.open(str(parts[0]), "rb") as first:
        params = first.getparams()
    with wave.open(str(out), "wb") as w:
        w.setparams(params)
        silence = b"\x00" * int(params.framerate * PAUSE_S) * params.sampwidth * params.nchannels
        for i, part in enumerate(parts):
            if i:
                w.writeframes(silence)
            with wave.open(str(part), "rb") as r:
                w.writeframes(r.readframes(r.getnframes()))
