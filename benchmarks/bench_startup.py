"""Process start to the first painted welcome frame (target 600 ms), cold and warm.

Runs `python -m kiosk --windowed` offscreen with MPP_KIOSK_STARTUP_PROBE=1, which prints
FIRST_FRAME_MS when the welcome screen first paints and quits. "first start" includes
creating the database and importing the default catalog; the other runs reuse it.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _harness import percentile

ROOT = Path(__file__).resolve().parents[1]
RUNS = int(os.environ.get("RUNS", "15"))
RSS: list[float] = []


def once(config: Path) -> tuple[float, float]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", MPP_KIOSK_STARTUP_PROBE="1")
    # An installed kiosk runs from compiled bytecode; a developer shell may forbid writing it.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    t0 = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, "-m", "kiosk", "--config", str(config), "--windowed"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert proc.stdout is not None
    inner = float("nan")
    for line in proc.stdout:
        if line.startswith("FIRST_FRAME_MS"):
            wall = (time.perf_counter() - t0) * 1000
            parts = line.split()
            inner = float(parts[1])
            RSS.append(float(parts[3]))
            break
    else:
        raise RuntimeError("the kiosk never painted its first frame")
    proc.wait(timeout=30)
    return wall, inner


def main() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="kiosk-start-"))
    config = tmp / "kiosk.toml"
    config.write_text(f'[kiosk]\ndatabase = "{tmp / "k.db"}"\nfullscreen = false\n')
    first_wall, first_inner = once(config)
    print(
        f"first start (new database + default catalog): wall {first_wall:.0f} ms, "
        f"in-process {first_inner:.0f} ms"
    )
    walls, inners = [], []
    for _ in range(RUNS):
        w, i = once(config)
        walls.append(w)
        inners.append(i)
    print(
        f"warm start x{RUNS}: wall median {sorted(walls)[len(walls) // 2]:.0f} ms, "
        f"p95 {percentile(walls, 95):.0f} ms; in-process median "
        f"{sorted(inners)[len(inners) // 2]:.0f} ms  (target 600 ms: "
        f"{'OK' if percentile(walls, 95) <= 600 else 'MISSED'})"
    )
    rss = sorted(RSS[1:])
    print(f"RSS at the first frame (warm): median {rss[len(rss) // 2]:.1f} MB")


if __name__ == "__main__":
    main()
