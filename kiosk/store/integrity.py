"""The database's start-up check and, when the file is damaged, its recovery.

``check`` runs ``PRAGMA quick_check`` on the file (a few ms on a kiosk's database). A damaged
file is moved aside with a timestamp (its -wal and -shm with it, so what they hold can still be
read), a new file is built, and ``salvage`` copies over what can still be read from the old
one: the catalog (when every row of it reads), today's (and later) counters and leased number
blocks, today's tickets and every ticket the server has not had yet, the outbox items still to
send, the kiosk's small state (paper, pause, slot), the staff PIN hashes and the audit entries
not yet sent. Rows are read in shrinking rowid ranges, so one bad page costs only its own rows.

Numbering then resumes above every number the old file is known to have issued: the highest of
its counters, its tickets and its outbox. When a counter, ticket or outbox page could not be
read, ``SAFETY_GAP`` numbers are skipped as well: a number may be skipped, never issued twice.

Only the standard library's sqlite3 is used: the old file may be too damaged for SQLAlchemy's
start-up queries.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from kiosk.store.staff import StoredPin
from mpp_core.domain.numbering import Series

log = logging.getLogger(__name__)

SAFETY_GAP = 50  # numbers skipped after a counter, ticket or outbox page was lost
SERIES = tuple(s.value for s in Series)
_CHUNK = 256
_EMPTY_CHUNKS = 16


# What SQLite says about a file whose content is damaged (as opposed to one it cannot open:
# permissions, a folder in its place, a disk error), in sqlite3's messages.
_CORRUPT_WORDS = ("malformed", "not a database", "corrupt", "disk image")


@dataclass(frozen=True)
class CheckResult:
    ok: bool
    detail: str  # "ok", "missing", or SQLite's first complaint
    corrupt: bool = False  # the content is damaged (not: the file cannot be opened)


def check(path: Path) -> CheckResult:
    """``PRAGMA quick_check`` on the file; a missing or empty file is fine (it is built)."""
    if not path.exists() or (path.is_file() and path.stat().st_size == 0):
        return CheckResult(True, "missing")
    try:
        with contextlib.closing(sqlite3.connect(path, timeout=30)) as conn:
            rows = conn.execute("PRAGMA quick_check").fetchall()
            # quick_check reads only the pages the tables point to; a file cut short below
            # its own page count is caught here.
            pages = conn.execute("PRAGMA page_count").fetchone()[0]
            page_size = conn.execute("PRAGMA page_size").fetchone()[0]
    except sqlite3.DatabaseError as exc:
        words = str(exc)[:300]
        return CheckResult(False, words, any(w in words for w in _CORRUPT_WORDS))
    found = [str(r[0]) for r in rows]
    if found != ["ok"]:
        return CheckResult(False, "; ".join(found[:3])[:300], True)
    size = path.stat().st_size
    if size < pages * page_size:
        return CheckResult(
            False, f"file is {size} bytes, its header says {pages * page_size}", True
        )
    return CheckResult(True, "ok")


def move_aside(path: Path, now: datetime) -> Path:
    """Rename the damaged file (and its -wal and -shm, so they still belong to it) to
    ``<name>.corrupt-<UTC time>``; returns the new name."""
    stamp = now.strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.corrupt-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.corrupt-{stamp}-{n}")
    for suffix in ("-wal", "-shm"):
        extra = Path(f"{path}{suffix}")
        if extra.exists():
            os.replace(extra, f"{target}{suffix}")
    os.replace(path, target)
    with contextlib.suppress(OSError):
        fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)
    return target


@dataclass
class Salvage:
    """What was copied from the damaged file."""

    source: str
    rows: dict[str, int] = field(default_factory=dict)
    lost: dict[str, str] = field(default_factory=dict)  # table -> what went wrong
    catalog: bool = False  # the whole catalog was copied
    gap: int = 0  # numbers skipped above the highest known
    seconds: float = 0.0

    def summary(self) -> str:
        copied = ", ".join(f"{t} {n}" for t, n in sorted(self.rows.items()) if n) or "nothing"
        lost = f"; unreadable: {', '.join(sorted(self.lost))}" if self.lost else ""
        return f"salvaged {copied}{lost}" + (f"; {self.gap} numbers skipped" if self.gap else "")


def _rows(
    conn: sqlite3.Connection, table: str, where: str, lost: dict[str, str]
) -> Iterator[sqlite3.Row]:
    """Every readable row of ``table`` matching ``where``, read in rowid chunks; a chunk that
    cannot be read is split until only the unreadable rows are left out (noted in ``lost``).
    When even the table's highest rowid cannot be read, chunks are read until
    ``_EMPTY_CHUNKS`` in a row give no row."""
    try:
        high: int | None = conn.execute(f"SELECT max(rowid) FROM {table}").fetchone()[0] or 0
    except sqlite3.DatabaseError as exc:
        lost[table] = str(exc)[:200]
        high = None
    start, empty = 1, 0
    while (high is not None and start <= high) or (high is None and empty < _EMPTY_CHUNKS):
        stack = [(start, start + _CHUNK - 1)]
        found = 0
        while stack:
            lo, hi = stack.pop()
            try:
                rows = conn.execute(
                    f"SELECT * FROM {table} WHERE rowid BETWEEN ? AND ? AND ({where})", (lo, hi)
                ).fetchall()
            except sqlite3.DatabaseError as exc:
                lost.setdefault(table, str(exc)[:200])
                if hi > lo:
                    mid = (lo + hi) // 2
                    stack.extend([(mid + 1, hi), (lo, mid)])
                continue
            found += len(rows)
            yield from rows
        empty = 0 if found else empty + 1
        start += _CHUNK


def _tables(conn: sqlite3.Connection) -> set[str]:
    try:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    except sqlite3.DatabaseError:
        return {
            "catalog_meta", "gerai", "service", "number_counter", "ticket", "kiosk_state",
            "outbox", "number_lease", "audit_log", "staff_credential",
        }  # fmt: skip


def _columns(conn: sqlite3.Connection, table: str) -> list[str]:
    return [r[1] for r in conn.execute(f"PRAGMA table_info({table})")]


def _copy(
    old: sqlite3.Connection,
    new: sqlite3.Connection,
    table: str,
    where: str,
    result: Salvage,
) -> list[dict[str, Any]]:
    wanted = _columns(new, table)
    copied: list[dict[str, Any]] = []
    for row in _rows(old, table, where, result.lost):
        values = {k: row[k] for k in row.keys() if k in wanted}  # noqa: SIM118
        names = ", ".join(values)
        marks = ", ".join("?" for _ in values)
        try:
            new.execute(
                f"INSERT OR IGNORE INTO {table} ({names}) VALUES ({marks})", tuple(values.values())
            )
        except sqlite3.DatabaseError as exc:
            result.lost.setdefault(table, f"row not copied: {exc}"[:200])
            continue
        copied.append(values)
    result.rows[table] = result.rows.get(table, 0) + len(copied)
    return copied


def salvage(old_path: Path, new_path: Path, today: date) -> Salvage:
    """Copy what can be read from ``old_path`` into the new, migrated database at
    ``new_path`` (see the module's description); never raises for what cannot be read."""
    started = time.monotonic()
    result = Salvage(str(old_path))
    day = today.isoformat()
    _pad_truncated(old_path, result)
    try:
        old = sqlite3.connect(f"file:{old_path}?mode=ro", uri=True, timeout=5)
    except sqlite3.DatabaseError as exc:
        result.lost["(file)"] = str(exc)[:200]
        return result
    old.row_factory = sqlite3.Row
    new = sqlite3.connect(new_path, timeout=30, isolation_level=None)
    try:
        present = _tables(old)
        new.execute("BEGIN IMMEDIATE")
        _salvage_catalog(old, new, present, result)
        plain = [
            ("kiosk_state", "1"),
            ("staff_credential", "1"),
            ("audit_log", "synced_at IS NULL"),
            ("number_counter", f"service_day >= '{day}'"),
            ("number_lease", f"service_day >= '{day}'"),
            ("outbox", "state = 'pending'"),
        ]
        copied: dict[str, list[dict[str, Any]]] = {}
        for table, where in plain:
            if table in present:
                copied[table] = _copy(old, new, table, where, result)
        pending = {str(r.get("key")) for r in copied.get("outbox", [])}
        tickets = _copy(old, new, "ticket", f"service_day >= '{day}'", result)
        if pending:  # older tickets the server has not had yet
            more = [
                r
                for r in _rows(old, "ticket", f"service_day < '{day}'", result.lost)
                if r["id"] in pending
            ]
            for row in more:
                values = {k: row[k] for k in row.keys()}  # noqa: SIM118
                new.execute(
                    f"INSERT OR IGNORE INTO ticket ({', '.join(values)}) "
                    f"VALUES ({', '.join('?' for _ in values)})",
                    tuple(values.values()),
                )
            result.rows["ticket"] += len(more)
        _resume_numbering(new, tickets, copied.get("outbox", []), result, day)
        new.execute("COMMIT")
    except sqlite3.DatabaseError as exc:
        with contextlib.suppress(sqlite3.DatabaseError):
            new.execute("ROLLBACK")
        result.lost["(salvage)"] = str(exc)[:200]
        log.exception("salvage from %s stopped", old_path)
    finally:
        old.close()
        new.close()
    result.seconds = time.monotonic() - started
    return result


def _pad_truncated(path: Path, result: Salvage) -> None:
    """A file cut short (a power cut while it grew, a full disk) is padded with zeros up to the
    size its header gives: SQLite then reads every page that is still there, where it would
    otherwise refuse the whole file. (The file was moved aside: only the copy is changed.)"""
    try:
        with open(path, "r+b") as fh:
            header = fh.read(100)
            if len(header) < 100 or not header.startswith(b"SQLite format 3\0"):
                return
            page_size = int.from_bytes(header[16:18], "big")
            page_size = 65536 if page_size == 1 else page_size
            wanted = page_size * int.from_bytes(header[28:32], "big")
            size = os.fstat(fh.fileno()).st_size
            if size < wanted:
                fh.truncate(wanted)
                result.lost["(file)"] = f"cut short: {size} of {wanted} bytes"
    except OSError as exc:
        result.lost.setdefault("(file)", str(exc)[:200])


def _salvage_catalog(
    old: sqlite3.Connection, new: sqlite3.Connection, present: set[str], result: Salvage
) -> None:
    """The catalog is copied only whole (every row of its three tables read): a catalog with
    holes would offer services whose gerai is gone."""
    tables = ("catalog_meta", "gerai", "service")
    if not set(tables) <= present:
        return
    lost: dict[str, str] = {}
    rows = {t: list(_rows(old, t, "1", lost)) for t in tables}
    if lost or not rows["catalog_meta"]:
        result.lost.update({f"{t} (default catalog used)": w for t, w in lost.items()})
        return
    new.execute("SAVEPOINT catalog")
    try:
        for t in ("service", "gerai", "catalog_meta"):
            new.execute(f"DELETE FROM {t}")
        for t in tables:
            wanted = _columns(new, t)
            for row in rows[t]:
                values = {k: row[k] for k in row.keys() if k in wanted}  # noqa: SIM118
                new.execute(
                    f"INSERT INTO {t} ({', '.join(values)}) "
                    f"VALUES ({', '.join('?' for _ in values)})",
                    tuple(values.values()),
                )
            result.rows[t] = len(rows[t])
    except sqlite3.DatabaseError as exc:
        new.execute("ROLLBACK TO catalog")
        result.lost["catalog (default catalog used)"] = str(exc)[:200]
    else:
        result.catalog = True
    new.execute("RELEASE catalog")


def _resume_numbering(
    new: sqlite3.Connection,
    tickets: list[dict[str, Any]],
    outbox: list[dict[str, Any]],
    result: Salvage,
    day: str,
) -> None:
    """Counters at or above every number the old file is known to have issued (plus the
    safety gap when a numbering page was lost)."""
    highest: dict[tuple[str, str, str], int] = {}

    def seen(gerai: object, service_day: object, series: object, seq: object) -> None:
        if isinstance(seq, int) and all(isinstance(v, str) for v in (gerai, service_day, series)):
            key = (str(gerai), str(service_day), str(series))
            highest[key] = max(highest.get(key, 0), seq)

    for row in new.execute("SELECT gerai_code, service_day, series, last_seq FROM number_counter"):
        seen(*row)
    for t in tickets:
        seen(t.get("gerai_code"), t.get("service_day"), t.get("series"), t.get("seq"))
    for item in outbox:
        payload = item.get("payload")
        try:
            body = json.loads(payload) if isinstance(payload, str) else {}
        except ValueError:
            continue
        if isinstance(body, dict):
            seen(
                body.get("gerai_code"), body.get("service_day"), body.get("series"), body.get("seq")
            )
    numbering_lost = {"number_counter", "ticket", "outbox"} & set(result.lost)
    result.gap = SAFETY_GAP if numbering_lost else 0
    if result.gap:  # every gerai, even one none of whose numbers could be read
        for (gerai,) in new.execute("SELECT code FROM gerai"):
            for series in SERIES:
                highest.setdefault((str(gerai), day, series), 0)
    for (gerai, service_day, series), seq in highest.items():
        if service_day < day:
            continue
        new.execute(
            "INSERT INTO number_counter (gerai_code, service_day, series, last_seq) "
            "VALUES (?, ?, ?, ?) ON CONFLICT (gerai_code, service_day, series) "
            "DO UPDATE SET last_seq = max(last_seq, excluded.last_seq)",
            (gerai, service_day, series, seq + result.gap),
        )


def read_pins(paths: list[Path]) -> list[StoredPin]:
    """The staff PIN hashes from the first of ``paths`` (database files, read-only) that has
    any: the out-of-service page checks PINs with them when the database cannot be used."""
    for path in paths:
        if not path.is_file():
            continue
        try:
            with contextlib.closing(
                sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=2)
            ) as conn:
                rows = conn.execute(
                    "SELECT role, scheme, params, salt, digest, set_at, set_by "
                    "FROM staff_credential"
                ).fetchall()
        except sqlite3.DatabaseError:
            continue
        pins = []
        for role, scheme, params, salt, digest, set_at, set_by in rows:
            try:
                pins.append(
                    StoredPin(
                        str(role),
                        str(scheme),
                        {k: int(v) for k, v in json.loads(params).items()},
                        bytes.fromhex(salt),
                        bytes.fromhex(digest),
                        datetime.fromisoformat(str(set_at)),
                        str(set_by),
                    )
                )
            except (ValueError, TypeError, AttributeError):
                continue
        if pins:
            return pins
    return []


@dataclass(frozen=True)
class Peek:
    """What doctor and the support bundle read from the database (read-only)."""

    catalog_version: str | None
    outbox_pending: int
    outbox_oldest: str | None  # created_at of the oldest item not yet sent
    outbox_rejected: int
    tickets_by_state: dict[str, int]
    revision: str | None


def peek(path: Path, day: date | None = None) -> Peek:
    """Counts only (never a ticket's or a PIN's content); raises sqlite3.Error."""
    with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=5)) as c:

        def one(sql: str, *args: object) -> Any:
            try:
                row = c.execute(sql, args).fetchone()
            except sqlite3.OperationalError:  # an older file without the table
                return None
            return row[0] if row else None

        states: dict[str, int] = {}
        where = "WHERE service_day = ?" if day is not None else ""
        args = (day.isoformat(),) if day is not None else ()
        try:
            for state, n in c.execute(
                f"SELECT print_state, count(*) FROM ticket {where} GROUP BY print_state", args
            ):
                states[str(state)] = int(n)
        except sqlite3.OperationalError:
            pass
        return Peek(
            catalog_version=one("SELECT version FROM catalog_meta WHERE id = 1"),
            outbox_pending=int(one("SELECT count(*) FROM outbox WHERE state = 'pending'") or 0),
            outbox_oldest=one("SELECT min(created_at) FROM outbox WHERE state = 'pending'"),
            outbox_rejected=int(one("SELECT count(*) FROM outbox WHERE state = 'rejected'") or 0),
            tickets_by_state=states,
            revision=one("SELECT version_num FROM alembic_version"),
        )
