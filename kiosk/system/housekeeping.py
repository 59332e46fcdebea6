"""Files the kiosk makes and must not let pile up: the slip previews (about 8 KB a ticket).

The diagnostics themselves go to journald, whose size and age are capped by the drop-in the
appliance installer lays down; the tickets and the audit log are data in SQLite.
"""

from __future__ import annotations

import logging
import os
import time
from pathlib import Path

log = logging.getLogger(__name__)

KEEP_DAYS = 7
KEEP_FILES = 2000  # about 16 MB of previews at most


def prune_previews(
    folder: Path, *, keep_days: float = KEEP_DAYS, keep_files: int = KEEP_FILES, now: float = 0.0
) -> int:
    """Delete slip previews (``*.png`` directly in ``folder``) older than ``keep_days``, and
    the oldest beyond the newest ``keep_files``. Returns how many were deleted."""
    now = now or time.time()
    try:
        entries = [e for e in os.scandir(folder) if e.name.endswith(".png") and e.is_file()]
    except OSError:
        return 0
    dated: list[tuple[float, os.DirEntry[str]]] = []
    for entry in entries:
        try:
            dated.append((entry.stat().st_mtime, entry))
        except OSError:
            continue
    dated.sort(key=lambda pair: pair[0], reverse=True)
    cutoff = now - keep_days * 86400
    doomed = [e for i, (mtime, e) in enumerate(dated) if i >= keep_files or mtime < cutoff]
    removed = 0
    for entry in doomed:
        try:
            os.unlink(entry.path)
            removed += 1
        except OSError as exc:
            log.warning("cannot delete the old slip preview %s: %s", entry.path, exc)
    if removed:
        log.info("deleted %d old slip previews from %s", removed, folder)
    return removed
