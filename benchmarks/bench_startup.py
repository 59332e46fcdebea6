"""Process start to the first painted welcome frame (target 600 ms), and to a kiosk ready
for its first tap, cold and warm.

Runs `python -m kiosk --windowed` offscreen with MPP_KIOSK_STARTUP_PROBE=1: the kiosk prints
FIRST_FRAME_MS when the welcome screen first paints (only Qt loaded; see kiosk.app.run) and
READY_MS once the store, printer, flow and staff mode are built, then quits. Times here are
wall-clock from Popen(). "first start" creates the database and imports the default catalog.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _harness import percentile

ROOT = Path(__file__).resolve().parents[1]
RUNS = int(os.environ.get("RUNS", "15"))


def once(config: Path) -> dict[str, float]:
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
    out: dict[str, float] = {}
    for line in proc.stdout:
        parts = line.split()
        if parts and parts[0] == "FIRST_FRAME_MS":
            out["first"] = (time.perf_counter() - t0) * 1000
            out["first_rss"] = float(parts[3])
        elif parts and parts[0] == "READY_MS":
            out["ready"] = (time.perf_counter() - t0) * 1000
            out["ready_rss"] = float(parts[3])
            break
    proc.wait(timeout=30)
    if "first" not in out or "ready" not in out:
        raise RuntimeError("the kiosk did not report its first frame and readiness")
    return out


def main() -> None:
    tmp = Path(tempfile.mkdtemp(prefix="kiosk-start-"))
    config = tmp / "kiosk.toml"
    config.write_text(f'[kiosk]\ndatabase = "{tmp / "k.db"}"\nfullscreen = false\n')
    first = once(config)
    print(
        f"first start (new database + default catalog): first frame {first['first']:.0f} ms,"
        f" ready {first['ready']:.0f} ms"
    )
    runs = [once(config) for _ in range(RUNS)]
    frames = [r["first"] for r in runs]
    ready = [r["ready"] for r in runs]
    print(
        f"warm start x{RUNS}, process start to first welcome frame: median "
        f"{statistics.median(frames):.0f} ms, p95 {percentile(frames, 95):.0f} ms "
        f"(target 600 ms: {'OK' if percentile(frames, 95) <= 600 else 'MISSED'})"
    )
    print(
        f"warm start x{RUNS}, process start to ready for the first tap: median "
        f"{statistics.median(ready):.0f} ms, p95 {percentile(ready, 95):.0f} ms"
    )
    print(
        f"RSS at the first frame {statistics.median(r['first_rss'] for r in runs):.1f} MB; "
        f"when ready {statistics.median(r['ready_rss'] for r in runs):.1f} MB"
    )


if __name__ == "__main__":
    main()
