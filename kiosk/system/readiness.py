"""The kiosk's "I am serving" stamp: ``<data folder>/ready.json``, written once the whole
kiosk is built (or the out-of-service page is shown instead), with the version and process.
``mpp-kiosk update`` waits for the new release's stamp before it keeps it (and rolls back
when it does not come); ``doctor`` reads it too.
"""

from __future__ import annotations

import json
import os
import tempfile
import time
from pathlib import Path
from typing import Any

STAMP = "ready.json"
IN_SERVICE = "in_service"
OUT_OF_SERVICE = "out_of_service"


def stamp_path(data_dir: Path) -> Path:
    return data_dir / STAMP


def write_stamp(
    data_dir: Path,
    version: str,
    state: str,
    detail: str = "",
    status: dict[str, Any] | None = None,
    at: float | None = None,
) -> None:
    """``status``: the running kiosk's printer and outbox, for ``doctor`` (which must not open
    the printer the kiosk holds); ``at``: when it started serving (kept on refreshes)."""
    doc = {
        "version": version,
        "state": state,
        "detail": detail[:300],
        "pid": os.getpid(),
        "at": time.time() if at is None else at,
        "status": status or {},
    }
    data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=data_dir, prefix=".ready.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(doc, fh)
        os.replace(tmp, stamp_path(data_dir))
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_stamp(data_dir: Path) -> dict[str, Any] | None:
    try:
        doc = json.loads(stamp_path(data_dir).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return doc if isinstance(doc, dict) else None
