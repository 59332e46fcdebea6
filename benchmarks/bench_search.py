"""Search keystroke to results painted, over all 286 services (target p95 5 ms).

Types queries one key at a time through the on-screen keyboard's signal (what a key tap
calls), then lets Qt paint what changed (the field, the count and the result rows).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _harness import build, paint_pending, percentile, settle, summary, timed

QUERIES = [
    "ktp",
    "kartu keluarga",
    "akta lahir",
    "skck",
    "bpjs",
    "pbb",
    "izin praktik",
    "pindah",
    "kia",
    "nib",
    "paspor",
    "akta kematian",
    "pajak",
    "surat",
    "sertifikat",
]
ROUNDS = 20


def main() -> None:
    k = build()
    f, w = k.flow, k.window
    f.start()
    f.open_search()
    settle()
    kb = w.search.keyboard
    index_ms: list[float] = []
    paint_ms: list[float] = []
    for _ in range(ROUNDS):
        for q in QUERIES:
            kb.clear.emit()
            for ch in q:
                t0 = time.perf_counter()
                k.catalog.index.search(w.search.field.text() + ch, 30)
                index_ms.append((time.perf_counter() - t0) * 1000)
                paint_ms.append(timed(lambda c=ch: kb.key.emit(c), paint_pending))
    print(f"services indexed: {len(k.catalog.index)}")
    print(summary("search only (domain index)", index_ms))
    print(summary("keystroke -> results painted", paint_ms, 5))
    print(f"p99 keystroke -> painted: {percentile(paint_ms, 99):.2f} ms")
    k.close()


if __name__ == "__main__":
    main()
