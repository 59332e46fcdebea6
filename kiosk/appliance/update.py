"""``mpp-kiosk update PACKAGE``: a new release, kept only if it serves.

1. the release folder is built beside the others (the kiosk keeps serving meanwhile);
2. the database is backed up (SQLite's online backup: a consistent copy while it is in use)
   to ``<data>/backups/kiosk.db.before-<version>-<UTC time>``;
3. once no slip is printing (the slip lock, ``kiosk.system.locks``), the new release's
   migrations run (``<release>/bin/mpp-kiosk db migrate``), ``current`` is switched, and the
   kiosk restarted (``systemctl restart mpp-kiosk.service``);
4. the new version must write its "in service" stamp within ``--health-timeout`` (default
   120 s) and still be running ``--settle`` seconds later. If not, ``current`` goes back, the
   database backup is restored (the new version never served, so nothing is lost), the kiosk
   is restarted on the old release, and the update exits 1.

Old releases beyond the last three and old backups beyond the last three are removed.
"""

from __future__ import annotations

import contextlib
import os
import shlex
import sqlite3
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from kiosk.appliance.layout import Layout, passwd_entry
from kiosk.appliance.releases import (
    FAILED,
    ReleaseError,
    build_release,
    current_version,
    prune,
    release_dir,
    switch_current,
    wheel_version,
)
from kiosk.system import locks, readiness
from kiosk.system.probes import process_alive

RESTART = "systemctl restart mpp-kiosk.service"
KEEP_BACKUPS = 3


@dataclass
class UpdateResult:
    version: str
    previous: str | None
    healthy: bool
    rolled_back: bool
    backup: Path | None
    seconds: float
    message: str


def backup_database(db: Path, version: str, now: datetime) -> Path | None:
    """A consistent copy of the live database (None when there is none yet)."""
    if not db.exists():
        return None
    folder = db.parent / "backups"
    folder.mkdir(mode=0o700, exist_ok=True)
    target = folder / f"{db.name}.before-{version}-{now:%Y%m%dT%H%M%SZ}"
    with contextlib.closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)) as src:
        fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.close(fd)
        with contextlib.closing(sqlite3.connect(target)) as dst:
            src.backup(dst)
    _same_owner(target, db.parent)
    backups = sorted(folder.glob(f"{db.name}.before-*"), key=lambda p: p.stat().st_mtime)
    for old in backups[:-KEEP_BACKUPS]:
        old.unlink(missing_ok=True)
    return target


def restore_database(backup: Path, db: Path) -> None:
    """Put the backup back in place of the database (its -wal and -shm go: they belong to
    the file being replaced)."""
    tmp = db.with_name(f".{db.name}.restore")
    with contextlib.closing(sqlite3.connect(f"file:{backup}?mode=ro", uri=True)) as src:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.close(fd)
        with contextlib.closing(sqlite3.connect(tmp)) as dst:
            src.backup(dst)
    for extra in ("-wal", "-shm"):
        Path(f"{db}{extra}").unlink(missing_ok=True)
    os.replace(tmp, db)
    _same_owner(db, db.parent)


def _same_owner(path: Path, like: Path) -> None:
    """Files made by root for the kiosk belong to the kiosk user (the data folder's owner)."""
    st = like.stat()
    for p in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        with contextlib.suppress(FileNotFoundError, PermissionError):
            os.chown(p, st.st_uid, st.st_gid)


def migrate(layout: Layout, version: str, db: Path) -> None:
    """The new release's own migrations, run by its own interpreter."""
    tool = release_dir(layout, version) / "bin" / "mpp-kiosk"
    subprocess.run([str(tool), "--database", str(db), "db", "migrate"], check=True, timeout=600)
    _same_owner(db, db.parent)


def wait_healthy(
    data_dir: Path,
    version: str,
    since: float,
    timeout_s: float,
    settle_s: float,
    say: Callable[[str], None],
) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        stamp = readiness.read_stamp(data_dir)
        if (
            stamp
            and stamp.get("version") == version
            and float(stamp.get("at", 0)) >= since
            and stamp.get("state") == readiness.IN_SERVICE
        ):
            say(f"version {version} is serving (pid {stamp.get('pid')}); watching {settle_s} s")
            time.sleep(settle_s)
            pid = stamp.get("pid")
            return isinstance(pid, int) and process_alive(pid)
        if stamp and stamp.get("version") == version and float(stamp.get("at", 0)) >= since:
            say(f"version {version} says {stamp.get('state')}: {stamp.get('detail')}")
            return False
        time.sleep(0.5)
    return False


def update(
    layout: Layout,
    wheel: Path,
    *,
    restart: str = RESTART,
    health_timeout_s: float = 120.0,
    settle_s: float = 20.0,
    slip_wait_s: float = 600.0,
    database: Path | None = None,
    extras: str = "kiosk",
    pip_args: tuple[str, ...] = (),
    say: Callable[[str], None] = print,
) -> UpdateResult:
    started = time.monotonic()
    version = wheel_version(wheel)
    previous = current_version(layout)
    data_dir = layout.at(layout.data_dir)
    db = database or data_dir / "kiosk.db"
    if previous == version:
        return UpdateResult(version, previous, True, False, None, 0.0, f"{version} is current")
    say(f"building release {version} (the kiosk keeps serving {previous})")
    build_release(layout, wheel, extras=extras, pip_args=pip_args)
    ids = passwd_entry(layout, layout.user)
    backup = backup_database(db, version, datetime.now(UTC))
    say(f"database backed up to {backup}" if backup else "no database yet: nothing to back up")
    lock = locks.lock_path(data_dir)
    say("waiting until no slip is printing")
    with locks.no_slip_printing(lock, slip_wait_s):
        if ids is not None:
            with contextlib.suppress(OSError):
                os.chown(lock, *ids)
        if db.exists():
            try:
                migrate(layout, version, db)
            except (subprocess.SubprocessError, OSError) as exc:
                if backup is not None:
                    restore_database(backup, db)
                (release_dir(layout, version) / FAILED).write_text(f"migrations: {exc}\n")
                raise ReleaseError(
                    f"the migrations of {version} failed ({exc}); the database is as it was "
                    f"and {previous} keeps serving"
                ) from exc
            say(f"migrations of {version} applied")
        switch_current(layout, version)
        since = time.time()
        say(f"current -> {version}; restarting: {restart}")
        subprocess.run(shlex.split(restart), check=False, timeout=120)
    if wait_healthy(data_dir, version, since, health_timeout_s, settle_s, say):
        removed = prune(layout, protect=[p for p in (previous,) if p])
        if removed:
            say(f"old releases removed: {', '.join(removed)}")
        return UpdateResult(
            version, previous, True, False, backup, time.monotonic() - started,
            f"updated {previous} -> {version}",
        )  # fmt: skip
    say(f"version {version} did not report healthy: rolling back to {previous}")
    (release_dir(layout, version) / FAILED).write_text(f"{datetime.now(UTC).isoformat()}\n")
    if previous is None:
        raise ReleaseError(f"{version} is not healthy and there is no release to go back to")
    switch_current(layout, previous)
    if backup is not None:
        restore_database(backup, db)
        say(f"database restored from {backup}")
    since = time.time()
    subprocess.run(shlex.split(restart), check=False, timeout=120)
    back = wait_healthy(data_dir, previous, since, health_timeout_s, settle_s, say)
    return UpdateResult(
        version, previous, False, True, backup, time.monotonic() - started,
        f"rolled back to {previous}" + ("" if back else f"; {previous} has not reported yet"),
    )  # fmt: skip
