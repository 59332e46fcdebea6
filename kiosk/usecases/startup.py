"""The kiosk's start-up self-check of its database: check, recover, or say why it cannot.

``open_checked`` runs before anything else touches the file:

1. ``PRAGMA quick_check`` (``kiosk.store.integrity``);
2. a damaged file is moved aside as ``kiosk.db.corrupt-<UTC time>``, a new file is built from
   the models and the catalog, and what the old file still holds is salvaged into it
   (tickets not yet uploaded, today's counters and tickets, PIN hashes ...); numbering resumes
   above every number the old file issued. The recovery is recorded for staff (health
   screen), the server (heartbeat) and the audit log;
3. when the file cannot be opened or recovered, ``OutOfService`` says why with a reason code:
   the kiosk then shows its out-of-service page instead of exiting (a restart loop).

The numbering mode is checked too: a database that was last used with a central server is
never used without one unless the config says so in a file that loaded cleanly (a missing
config must not turn a server kiosk into one that numbers alone).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kiosk.store import integrity
from kiosk.store.db import open_database
from kiosk.store.uow import UnitOfWorkFactory
from kiosk.system import disk
from mpp_core.domain.clock import Clock, service_day

log = logging.getLogger(__name__)

RECOVERY_KEY = "db.recovery"  # the last recovery, for the health screen and the heartbeat
MODE_KEY = "kiosk.numbering_mode"  # "server" or "local": how numbers were last drawn

# Reason codes (the out-of-service page shows them; docs/deploy.md explains each).
DB_UNAVAILABLE = "DB-UNAVAILABLE"  # the file cannot be opened (permissions, I/O, a folder)
DB_UNRECOVERABLE = "DB-UNRECOVERABLE"  # damaged, and a new file could not be built
DISK_FULL = "DISK-FULL"  # no room to open or rebuild the database
MODE_CHANGED = "CONFIG-MODE"  # the config lost its [server] table: numbering would change


class OutOfService(Exception):
    """The kiosk cannot issue numbers safely; ``code`` is shown to visitors and staff."""

    def __init__(self, code: str, detail: str) -> None:
        super().__init__(f"{code}: {detail}")
        self.code = code
        self.detail = detail[:300]


@dataclass(frozen=True)
class Recovery:
    at: str
    reason: str
    moved_to: str
    summary: str
    seconds: float

    def as_dict(self) -> dict[str, Any]:
        return dict(vars(self))


@dataclass
class DatabaseStart:
    uow: UnitOfWorkFactory
    state: str  # "ok", "new" or "recovered"
    recovery: Recovery | None = None


def _code_for(exc: BaseException, folder: Path) -> str:
    words = str(exc).lower()
    if "disk is full" in words or "no space" in words or getattr(exc, "errno", None) == 28:
        return DISK_FULL
    if disk.measure(folder).state is disk.DiskState.FULL:
        return DISK_FULL
    return DB_UNRECOVERABLE


def open_checked(
    path: Path,
    clock: Clock,
    *,
    load_catalog: Callable[[UnitOfWorkFactory], object],
    kiosk_id: str = "kiosk-1",
) -> DatabaseStart:
    """The kiosk's database, checked (and recovered when damaged); raises OutOfService.
    ``load_catalog`` seeds a new file with the catalog (``CatalogStore.load``)."""
    result = integrity.check(path)
    if result.ok:
        try:
            uow = UnitOfWorkFactory(open_database(path))
            load_catalog(uow)
        except Exception as exc:
            log.exception("the database %s cannot be opened", path)
            code = DISK_FULL if _code_for(exc, path.parent) == DISK_FULL else DB_UNAVAILABLE
            raise OutOfService(code, f"{path}: {exc}") from exc
        return DatabaseStart(uow, "new" if result.detail == "missing" else "ok")
    if not result.corrupt:
        full = disk.measure(path.parent).state is disk.DiskState.FULL
        raise OutOfService(DISK_FULL if full else DB_UNAVAILABLE, f"{path}: {result.detail}")
    return _recover(path, result.detail, clock, load_catalog, kiosk_id)


def _recover(
    path: Path,
    reason: str,
    clock: Clock,
    load_catalog: Callable[[UnitOfWorkFactory], object],
    kiosk_id: str,
) -> DatabaseStart:
    started = time.monotonic()
    now = datetime.now(UTC)
    log.error("the database %s is damaged (%s): recovering", path, reason)
    try:
        moved = integrity.move_aside(path, now)
        engine = open_database(path)
        load_catalog(UnitOfWorkFactory(engine))
        engine.dispose()  # the salvage writes with its own connection
        salvage = integrity.salvage(moved, path, service_day(clock.now()))
        engine = open_database(path)
        uow = UnitOfWorkFactory(engine)
        load_catalog(uow)  # the salvaged catalog, when it could be read whole
    except Exception as exc:
        log.exception("the damaged database %s could not be recovered", path)
        code = _code_for(exc, path.parent)
        raise OutOfService(code, f"{path} is damaged ({reason}); {exc}") from exc
    recovery = Recovery(
        at=now.isoformat(timespec="seconds"),
        reason=reason,
        moved_to=str(moved),
        summary=salvage.summary(),
        seconds=round(time.monotonic() - started, 3),
    )
    log.warning(
        "database recovered in %.2f s: %s; the damaged file is kept as %s",
        recovery.seconds,
        recovery.summary,
        moved,
    )
    from kiosk.usecases.audit import AuditLog

    with uow() as u:
        u.state.set(RECOVERY_KEY, recovery.as_dict())
        u.commit()
    AuditLog(uow, clock, kiosk_id).record("system", "database_recovered", **recovery.as_dict())
    return DatabaseStart(uow, "recovered", recovery)


def check_numbering_mode(uow: UnitOfWorkFactory, *, server: bool, explicit: bool) -> None:
    """Remember how numbers are drawn; raise OutOfService when a database last used with a
    server would now number alone (or the other way round) without an explicit setting:
    ``explicit`` is True when the config came from a file that loaded without a problem."""
    mode = "server" if server else "local"
    with uow() as u:
        before = u.state.get(MODE_KEY)
        if before not in (None, mode) and not explicit:
            raise OutOfService(
                MODE_CHANGED,
                f"this database was last used with numbering '{before}', the settings now say "
                f"'{mode}' without a config file that loaded cleanly",
            )
        if before != mode:
            u.state.set(MODE_KEY, mode)
            u.commit()


def last_recovery(uow: UnitOfWorkFactory) -> Recovery | None:
    with uow() as u:
        value = u.state.get(RECOVERY_KEY)
    if not isinstance(value, dict):
        return None
    try:
        return Recovery(**value)
    except TypeError:
        return None
