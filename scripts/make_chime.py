"""Make the display board's chime (central/web/static/chime.wav): two soft bell tones,
"ding-dong", 16 kHz mono, about 1.2 s. Run once; the small file is committed."""

from __future__ import annotations

import math
import struct
import sys
import wave
from pathlib import Path

RATE = 16_000
OUT = Path(__file__).resolve().parents[1] / "central" / "web" / "static" / "chime.wav"


def tone(freq: float, seconds: float, decay: float) -> list[float]:
    n = int(RATE * seconds)
    return [
        math.exp(-decay * i / RATE)
        * (math.sin(2 * math.pi * freq * i / RATE) + 0.3 * math.sin(4 * math.pi * freq * i / RATE))
        * min(1.0, i / (0.01 * RATE))
        for i in range(n)
    ]


def main() -> int:
    a = tone(784.0, 0.55, 4.0)  # G5
    b = tone(622.3, 0.75, 3.5)  # D#5
    samples = a + b
    peak = max(abs(s) for s in samples)
    with wave.open(str(OUT), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(b"".join(struct.pack("<h", int(s / peak * 0.6 * 32767)) for s in samples))
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
