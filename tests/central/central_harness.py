"""Test helpers for the central server: databases (SQLite and PostgreSQL), catalogs, servers.

Used by tests/central and tests/sync (whose conftest puts this folder on sys.path).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import requests
from sqlalchemy import text

from central.catalogs import import_catalog, publish
from central.db import Database, open_database
from central.kiosks import KioskAuth, add_kiosk
from central.models import Base
from central.settings import Settings

REPO = Path(__file__).resolve().parents[2]
FIXTURE_CATALOG = REPO / "tests" / "fixtures" / "catalog-mini"
PYTHON = sys.executable
PG_HOST = os.environ.get("MPP_TEST_PG_HOST", "127.0.0.1")
PG_PORT = int(os.environ.get("MPP_TEST_PG_PORT", "5432"))
PG_USER = os.environ.get("MPP_TEST_PG_USER", "postgres")
ALWAYS_OPEN = {
    day: [["00:00", "23:59"]] for day in ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
}
# Fast caches so a revoke or a publish shows at once in tests.
TEST_ENV = {"MPP_CENTRAL_AUTH_CACHE_S": "0.2", "MPP_CENTRAL_CATALOG_CACHE_S": "0"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# ---------------------------------------------------------------------------- catalogs


def write_catalog(
    folder: Path,
    *,
    version: str = "e2e-1",
    always_open: bool = True,
    extra_service: bool = False,
    quota: int | None = 2,
    mpp_code: str = "test",
) -> Path:
    """The mini fixture catalog, open all day every day (tests run at any hour)."""
    folder.mkdir(parents=True, exist_ok=True)
    for src in FIXTURE_CATALOG.glob("*.json"):
        doc = json.loads(src.read_text(encoding="utf-8"))
        if src.name == "mpp.json":
            doc["catalog_version"] = version
            doc["mpp"]["code"] = mpp_code
            if always_open:
                doc["default_hours"] = ALWAYS_OPEN
                doc["holidays"] = []
        else:
            for svc in doc.get("services", []):
                if svc.get("daily_quota") is not None:
                    svc["daily_quota"] = quota
            if extra_service and doc["code"] == "dinkes":
                extra = dict(doc["services"][0])
                extra.update(code="sik-perawat", name="SIK Perawat", name_en="Nurse licence")
                doc["services"].append(extra)
        (folder / src.name).write_text(
            json.dumps(doc, ensure_ascii=False, indent=1), encoding="utf-8"
        )
    return folder


# ---------------------------------------------------------------------------- PostgreSQL


def pg_url(dbname: str) -> str:
    return f"postgresql+psycopg://{PG_USER}@{PG_HOST}:{PG_PORT}/{dbname}"


def pg_reachable() -> str | None:
    """None when PostgreSQL answers; else why not."""
    import psycopg

    try:
        with psycopg.connect(
            host=PG_HOST, port=PG_PORT, user=PG_USER, dbname="postgres", connect_timeout=3
        ):
            return None
    except Exception as exc:
        return str(exc)


def require_postgres() -> None:
    """Skip when PostgreSQL is not there, but fail loudly under CI (CI must not skip)."""
    problem = pg_reachable()
    if problem is None:
        return
    message = f"PostgreSQL is not reachable on {PG_HOST}:{PG_PORT}: {problem}"
    if os.environ.get("CI"):
        pytest.fail(message + " (CI is set: the PostgreSQL tests must run)", pytrace=False)
    pytest.skip(message)


@contextlib.contextmanager
def fresh_pg_database(tag: str) -> Iterator[str]:
    """A new, empty database for this test session; dropped at the end."""
    import psycopg

    name = f"mpp_central_test_{tag}_{os.getpid()}"
    with psycopg.connect(
        host=PG_HOST, port=PG_PORT, user=PG_USER, dbname="postgres", autocommit=True
    ) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield pg_url(name)
    finally:
        with psycopg.connect(
            host=PG_HOST, port=PG_PORT, user=PG_USER, dbname="postgres", autocommit=True
        ) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def truncate_all(db: Database) -> None:
    """Empty every table (DELETE: faster than TRUNCATE for the few rows a test leaves)."""
    tables = [t.name for t in reversed(Base.metadata.sorted_tables)]
    with db.write() as s:
        for name in tables:
            s.execute(text(f"DELETE FROM {name}"))


class SqliteTemplate:
    """A migrated SQLite file copied for each test (migrating every time is slow)."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / "template.db"
        db = open_database(f"sqlite:///{self.path}")
        db.dispose()

    def fresh(self, folder: Path) -> str:
        target = folder / "central.db"
        shutil.copy(self.path, target)
        return f"sqlite:///{target}"


# ---------------------------------------------------------------------------- an MPP


@dataclass
class Mpp:
    db: Database
    url: str
    catalog_dir: Path
    kiosks: dict[str, tuple[KioskAuth, str]] = field(default_factory=dict)

    def token(self, name: str) -> str:
        return self.kiosks[name][1]


def setup_mpp(url: str, folder: Path, kiosk_names: list[str], **catalog: Any) -> Mpp:
    db = open_database(url, pool_size=4)
    cat_dir = write_catalog(folder / "catalog", **catalog)
    import_catalog(db, cat_dir)
    publish(db)
    mpp = Mpp(db, url, cat_dir)
    for name in kiosk_names:
        mpp.kiosks[name] = add_kiosk(db, name, None)
    return mpp


# ---------------------------------------------------------------------------- servers


class ThreadServer:
    """The API in this process (uvicorn in a thread), for fast API tests."""

    def __init__(self, settings: Settings, db: Database | None = None, port: int = 0) -> None:
        import uvicorn

        from central.api import create_app
        from central.server import uvicorn_config

        self.gate = create_app(settings, db=db)
        sock = socket.socket()
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.bind(("127.0.0.1", port))
        self.port = int(sock.getsockname()[1])
        self.url = f"http://127.0.0.1:{self.port}"
        config = uvicorn_config(
            settings, self.gate, log_level="warning", access_log=False, own_logging=False
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(
            target=self.server.run, kwargs={"sockets": [sock]}, daemon=True
        )
        self.sock = sock
        self.thread.start()
        deadline = time.monotonic() + 10
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("in-process server did not start")
            time.sleep(0.01)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(10)
        self.sock.close()
        self.gate.app.state.services.db.dispose()  # type: ignore[attr-defined]


class ServerProcess:
    """``python -m central serve`` as a real process on 127.0.0.1."""

    def __init__(
        self,
        database: str,
        log_path: Path,
        *,
        port: int | None = None,
        workers: int = 1,
        env: dict[str, str] | None = None,
        access_log: bool = False,
        log_level: str = "warning",
    ) -> None:
        self.database = database
        self.port = port or free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = log_path
        self.workers = workers
        self.access_log = access_log
        self.log_level = log_level
        self.env = {**os.environ, **TEST_ENV, **(env or {})}
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 20.0) -> ServerProcess:
        log = self.log_path.open("ab")
        self.proc = subprocess.Popen(
            [
                PYTHON,
                "-m",
                "central",
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--database",
                self.database,
                "--workers",
                str(self.workers),
                *([] if self.access_log else ["--no-access-log"]),
                "--log-level",
                self.log_level,
            ],
            cwd=REPO,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()
        self.wait_healthy(timeout)
        return self

    def wait_healthy(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.proc is not None
            if self.proc.poll() is not None:
                raise RuntimeError(f"server exited: {self.log_path.read_text()[-2000:]}")
            try:
                r = requests.get(f"{self.url}/api/v1/health", timeout=0.5)
                if r.status_code == 200:
                    return
            except requests.RequestException:
                pass
            time.sleep(0.05)
        raise RuntimeError(f"server not healthy in {timeout}s: {self.log_path.read_text()}")

    def stop(self, *, kill: bool = False) -> None:
        if self.proc is None:
            return
        if self.proc.poll() is None:
            if kill:
                self.proc.kill()
            else:
                self.proc.terminate()
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(5)
        self.proc = None

    def log_text(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""


class Central:
    """The API in this process over an MPP's database, on a fixed port so it can be stopped
    and started again (the kiosk keeps its URL)."""

    def __init__(self, mpp: Mpp) -> None:
        self.mpp = mpp
        self.settings = Settings(database_url=mpp.url, auth_cache_s=0, catalog_cache_s=0)
        self.srv: ThreadServer | None = ThreadServer(self.settings)
        self.port = self.srv.port
        self.url = self.srv.url

    def stop(self) -> None:
        if self.srv is not None:
            self.srv.stop()
            self.srv = None

    def start(self) -> None:
        if self.srv is None:
            self.srv = ThreadServer(self.settings, port=self.port)
