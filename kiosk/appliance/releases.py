"""Release folders: ``<prefix>/releases/<version>`` is a virtual environment with the wheel
installed in it (built with Debian's own ``python3``, which the kiosk user can read), marked
complete only once pip has finished; ``<prefix>/current`` points at the one in use and is
switched atomically (a new link renamed over the old one)."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import shutil
import subprocess
import time
import zipfile
from collections.abc import Sequence
from pathlib import Path

from kiosk.appliance.layout import Layout, switch_link

COMPLETE = ".complete"  # written last: a folder without it is a half-built release
FAILED = ".failed"  # the release did not report healthy after an update
KEEP = 3


class ReleaseError(RuntimeError):
    pass


def wheel_version(wheel: Path) -> str:
    """The version of a wheel, from its METADATA (its file name could have been renamed)."""
    try:
        with zipfile.ZipFile(wheel) as z:
            meta = next(n for n in z.namelist() if n.endswith(".dist-info/METADATA"))
            for line in z.read(meta).decode("utf-8").splitlines():
                if line.startswith("Version:"):
                    return line.split(":", 1)[1].strip()
    except (OSError, zipfile.BadZipFile, StopIteration) as exc:
        raise ReleaseError(f"{wheel} is not a wheel of the kiosk: {exc}") from exc
    raise ReleaseError(f"{wheel} has no version in its METADATA")


def sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def release_dir(layout: Layout, version: str) -> Path:
    return layout.releases / version


def is_complete(folder: Path) -> bool:
    return (folder / COMPLETE).is_file()


def build_release(
    layout: Layout,
    wheel: Path,
    *,
    extras: str = "kiosk",
    pip_args: Sequence[str] = (),
) -> Path:
    """A new release folder with ``wheel`` (and its dependencies) installed; an unfinished
    one left by an earlier attempt is removed first."""
    version = wheel_version(wheel)
    folder = release_dir(layout, version)
    if is_complete(folder):
        return folder
    if folder.exists():
        shutil.rmtree(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    os.chmod(folder.parent, 0o755)
    started = time.monotonic()
    subprocess.run([layout.python, "-m", "venv", str(folder)], check=True, timeout=300)
    pip = [str(folder / "bin" / "python"), "-m", "pip", "install", "--quiet", *pip_args]
    spec = f"{wheel.resolve()}[{extras}]" if extras else str(wheel.resolve())
    subprocess.run([*pip, spec], check=True, timeout=1800)
    (folder / COMPLETE).write_text(
        json.dumps(
            {
                "version": version,
                "wheel": wheel.name,
                "sha256": sha256(wheel),
                "seconds": round(time.monotonic() - started, 1),
            }
        )
        + "\n"
    )
    return folder


def current_version(layout: Layout) -> str | None:
    try:
        return Path(os.readlink(layout.current)).name
    except OSError:
        return None


def switch_current(layout: Layout, version: str) -> None:
    folder = release_dir(layout, version)
    if not is_complete(folder):
        raise ReleaseError(f"release {version} is not complete ({folder})")
    switch_link(layout.current, f"releases/{version}")


def prune(layout: Layout, keep: int = KEEP, *, protect: Sequence[str] = ()) -> list[str]:
    """Remove the oldest releases beyond ``keep`` (never the current one or ``protect``)."""
    current = current_version(layout)
    try:
        folders = [p for p in layout.releases.iterdir() if p.is_dir()]
    except OSError:
        return []
    folders.sort(key=lambda p: p.stat().st_mtime, reverse=True)
    removed = []
    for folder in folders[keep:]:
        if folder.name in (current, *protect):
            continue
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(folder.name)
    return removed


def release_size(folder: Path) -> int:
    total = 0
    for dirpath, _dirs, files in os.walk(folder):
        for name in files:
            with contextlib.suppress(OSError):
                total += os.lstat(os.path.join(dirpath, name)).st_size
    return total
