"""The server as a service: local API documents, one worker on SQLite, workers that die with
their supervisor, the systemd unit, the scripted PostgreSQL set-up."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

import psycopg
import pytest
import requests
from central_harness import (
    PG_HOST,
    PG_PORT,
    PG_USER,
    PYTHON,
    REPO,
    ServerProcess,
    ThreadServer,
    pg_url,
    require_postgres,
)

from central.db import HEAD_REVISION, open_database

API = "/api/v1"
DEPLOY = REPO / "deploy" / "server"


def test_the_api_documents_and_every_asset_come_from_the_server(server: ThreadServer) -> None:
    page = requests.get(server.url + API + "/docs", timeout=5)
    assert page.status_code == 200 and "swagger" in page.text.lower()
    assert not re.search(r"(https?:)?//[a-z0-9.-]+\.[a-z]{2,}", page.text, re.I), page.text
    assets = re.findall(r"""(?:src|href)=["']([^"']+)["']""", page.text)
    assets += re.findall(r"""url:\s*['"]([^'"]+)['"]""", page.text)  # the OpenAPI document
    assert len(assets) >= 4, assets
    for path in assets:
        assert path.startswith("/"), path
        r = requests.get(server.url + path, timeout=10)
        assert r.status_code == 200 and len(r.content) > 100, path
    assert any(a.endswith(".js") for a in assets) and any(a.endswith(".css") for a in assets)


def test_more_than_one_worker_on_sqlite_is_refused(tmp_path: Path) -> None:
    proc = subprocess.run(
        [PYTHON, "-m", "central", "serve", "--workers", "2", "--database", str(tmp_path / "c.db")],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2
    assert "SQLite" in proc.stderr and "--workers 1" in proc.stderr


def _children(pid: int) -> list[int]:
    out = []
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        if ppid == pid:
            out.append(int(entry.name))
    return out


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _port_free(port: int) -> bool:
    """Can a new server bind the port (as uvicorn does, with SO_REUSEADDR)?"""
    with socket.socket() as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            return False
        return True


@pytest.mark.postgres
def test_workers_die_with_their_supervisor(postgres_url: str, tmp_path: Path) -> None:
    srv = ServerProcess(postgres_url, tmp_path / "server.log", workers=2).start(timeout=60)
    assert srv.proc is not None
    parent = srv.proc.pid
    deadline = time.monotonic() + 30
    while len(_children(parent)) < 2:
        assert time.monotonic() < deadline, "two workers did not start"
        time.sleep(0.1)
    workers = [p for p in _children(parent) if _alive(p)]
    assert requests.get(srv.url + API + "/health", timeout=5).status_code == 200
    os.kill(parent, signal.SIGKILL)
    srv.proc.wait(10)
    srv.proc = None
    deadline = time.monotonic() + 30
    try:
        while any(_alive(p) for p in workers) or not _port_free(srv.port):
            assert time.monotonic() < deadline, (
                f"orphaned workers {[p for p in workers if _alive(p)]} or the port still held"
            )
            time.sleep(0.1)
    finally:
        for pid in workers:  # never leave an orphan behind, even when the test fails
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)


def test_the_systemd_unit_verifies(tmp_path: Path) -> None:
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze is not installed")
    unit = (DEPLOY / "mpp-central.service").read_text()
    assert "/opt/mpp-central/venv/bin/mpp-central serve" in unit
    # The paths of this checkout instead of /opt (verify checks that ExecStart exists).
    local = unit.replace("/opt/mpp-central/venv/bin/", str(Path(PYTHON).parent) + "/")
    path = tmp_path / "mpp-central.service"
    path.write_text(local)
    proc = subprocess.run(
        [analyze, "verify", str(path)], capture_output=True, text=True, timeout=60
    )
    problems = [line for line in proc.stderr.splitlines() if "mpp-central" in line]
    assert proc.returncode == 0 and problems == [], proc.stderr
    for needed in ("KillMode=mixed", "Restart=always", "StartLimitIntervalSec=", "User="):
        assert needed in unit


@pytest.mark.postgres
def test_the_postgresql_set_up_is_scripted_and_idempotent() -> None:
    require_postgres()
    name = f"mpp_setup_test_{os.getpid()}"
    env = {
        **os.environ,
        "PGHOST": PG_HOST,
        "PGPORT": str(PG_PORT),
        "PGUSER": PG_USER,
        "MPP_CENTRAL_BIN": str(Path(PYTHON).parent / "mpp-central"),
    }
    try:
        for _ in range(2):
            proc = subprocess.run(
                ["bash", str(DEPLOY / "setup-postgres.sh"), name, name],
                env=env,
                capture_output=True,
                text=True,
                timeout=120,
            )
            assert proc.returncode == 0, proc.stderr + proc.stdout
            assert f"MPP_CENTRAL_DATABASE=postgresql://{name}@{PG_HOST}:{PG_PORT}/{name}" in (
                proc.stdout
            )
        db = open_database(pg_url(name).replace(f"{PG_USER}@", f"{name}@"), migrate=False)
        try:
            assert db.current_revision() == HEAD_REVISION
            with db.read_engine.connect() as conn:
                owner = conn.exec_driver_sql(
                    "SELECT tableowner FROM pg_tables WHERE tablename = 'ticket'"
                ).scalar()
            assert owner == name
        finally:
            db.dispose()
        bad = subprocess.run(
            ["bash", str(DEPLOY / "setup-postgres.sh"), "x; DROP TABLE y", name],
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
        )
        assert bad.returncode == 2
    finally:
        with psycopg.connect(
            host=PG_HOST, port=PG_PORT, user=PG_USER, dbname="postgres", autocommit=True
        ) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'DROP ROLE IF EXISTS "{name}"')
