"""Central server benchmarks, on SQLite and on PostgreSQL (a fresh database, dropped after).

* Ticket allocations with 8 concurrent kiosks (8 client processes, keep-alive connections,
  closed loop): allocations per second and latency percentiles.
  Targets on PostgreSQL: 1,000 per second, p99 25 ms (on a 2-core machine).
* A catalog check with no change (the kiosk's CatalogPuller: If-None-Match, 304).
  Target: 10 ms.

    .venv/bin/python benchmarks/bench_central.py [--seconds 10] [--backend sqlite|postgresql]
        [--workers N] [--client raw|kiosk]

The server is the real process (``python -m central serve``). ``--client raw`` drives it with
lean keep-alive HTTP connections so the load generator leaves the CPU to the server (both
share this machine's cores); ``--client kiosk`` uses the kiosk's own ApiClient (requests).
"""

from __future__ import annotations

import argparse
import http.client
import json
import multiprocessing as mp
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from central.catalogs import import_catalog, publish  # noqa: E402
from central.db import open_database  # noqa: E402
from central.kiosks import add_kiosk  # noqa: E402
from mpp_core.catalog.files import DEFAULT_CATALOG_DIR, read_catalog_dir  # noqa: E402

PG = "postgresql+psycopg://postgres@127.0.0.1:5432"
KIOSKS = 8


def percentile(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[max(0, min(len(s) - 1, round(p / 100 * (len(s) - 1))))]


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def database(backend: str) -> Iterator[str]:
    """An empty central database for the run."""
    if backend == "sqlite":
        folder = Path(tempfile.mkdtemp(prefix="central-bench-"))
        yield f"sqlite:///{folder / 'central.db'}"
        return
    import psycopg

    name = f"mpp_central_bench_{os.getpid()}"
    admin = {"host": "127.0.0.1", "user": "postgres", "dbname": "postgres", "autocommit": True}
    with psycopg.connect(**admin) as conn:  # type: ignore[arg-type]
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{PG}/{name}"
    finally:
        with psycopg.connect(**admin) as conn:  # type: ignore[arg-type]
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def prepare(url: str, kiosks: int = KIOSKS) -> list[str]:
    """Import and publish the default catalog (286 services); register kiosks; their tokens."""
    db = open_database(url, pool_size=1)
    import_catalog(db, DEFAULT_CATALOG_DIR)
    publish(db)
    tokens = [add_kiosk(db, f"bench-{i}", None)[1] for i in range(kiosks)]
    db.dispose()
    return tokens


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time of these processes so far (Linux /proc)."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / tick
    return total


def family(pid: int) -> list[int]:
    """The process and its children (the server's worker processes)."""
    out = [pid]
    for child in Path("/proc").glob("[0-9]*"):
        try:
            ppid = int((child / "stat").read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
        if ppid == pid:
            out.append(int(child.name))
    return out


def db_backends(url: str) -> list[int]:
    """PostgreSQL backend processes serving this database (empty for SQLite)."""
    if not url.startswith("postgresql"):
        return []
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(host="127.0.0.1", user="postgres", dbname="postgres") as conn:
        rows = conn.execute("SELECT pid FROM pg_stat_activity WHERE datname = %s", (name,))
        return [int(r[0]) for r in rows]


SERVER_PIDS: list[int] = []


@contextmanager
def server(url: str, workers: int) -> Iterator[str]:
    port = free_port()
    log = Path(tempfile.mkdtemp(prefix="central-bench-")) / "server.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "central",
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(port),
                "--database",
                url,
                "--workers",
                str(workers),
                "--no-access-log",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                c = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
                c.request("GET", "/api/v1/health")
                if c.getresponse().status == 200:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline or proc.poll() is not None:
                raise RuntimeError(log.read_text())
            time.sleep(0.1)
        time.sleep(0.5 * workers)  # every worker up
        SERVER_PIDS[:] = family(proc.pid)
        yield base
    finally:
        proc.terminate()
        proc.wait(15)


def queue_services() -> list[str]:
    catalog = read_catalog_dir(DEFAULT_CATALOG_DIR)
    return [
        s.code
        for g in catalog.gerai
        if g.selectable
        for s in g.services
        if s.needs_queue and s.daily_quota is None
    ]


# ---------------------------------------------------------------------------- allocation


def _raw_kiosk(
    port: int,
    token: str,
    services: list[str],
    seconds: float,
    warmup: float,
    start: Any,
    out: Any,
    seed: int,
) -> None:
    rng = random.Random(seed)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    lat: list[float] = []
    errors = 0
    start.wait()
    t_begin = time.perf_counter()
    t_measure, t_end = t_begin + warmup, t_begin + warmup + seconds
    cpu0: float | None = None
    n = 0
    while True:
        now = time.perf_counter()
        if now >= t_end:
            break
        body = json.dumps(
            {
                "ticket_id": str(uuid.uuid4()),
                "request_id": f"{seed}-{n}",
                "service_code": rng.choice(services),
                "priority": "lansia" if rng.random() < 0.1 else None,
            }
        ).encode()
        n += 1
        t0 = time.perf_counter()
        try:
            conn.request("POST", "/api/v1/tickets/allocate", body=body, headers=headers)
            resp = conn.getresponse()
            data = resp.read()
            ok = resp.status == 200 and b'"seq"' in data
        except (OSError, http.client.HTTPException):
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            ok = False
        t1 = time.perf_counter()
        if t0 >= t_measure:
            if cpu0 is None:
                cpu0 = time.process_time()
            if ok:
                lat.append((t1 - t0) * 1000)
            else:
                errors += 1
    out.put((lat, errors, time.process_time() - (cpu0 or time.process_time())))


def _kiosk_client(
    base: str,
    token: str,
    services: list[str],
    seconds: float,
    warmup: float,
    start: Any,
    out: Any,
    seed: int,
) -> None:
    from kiosk.sync.client import ApiClient
    from kiosk.sync.settings import ServerSettings

    rng = random.Random(seed)
    client = ApiClient(ServerSettings(url=base, token=token))
    lat: list[float] = []
    errors = 0
    start.wait()
    t_begin = time.perf_counter()
    t_measure, t_end = t_begin + warmup, t_begin + warmup + seconds
    cpu0: float | None = None
    while time.perf_counter() < t_end:
        body = {
            "ticket_id": str(uuid.uuid4()),
            "request_id": uuid.uuid4().hex,
            "service_code": rng.choice(services),
            "priority": None,
        }
        t0 = time.perf_counter()
        try:
            client.request("POST", "/tickets/allocate", body=body, keyed=True, deadline_s=1.5)
            ok = True
        except Exception:
            ok = False
        t1 = time.perf_counter()
        if t0 >= t_measure:
            if cpu0 is None:
                cpu0 = time.process_time()
            if ok:
                lat.append((t1 - t0) * 1000)
            else:
                errors += 1
    out.put((lat, errors, time.process_time() - (cpu0 or time.process_time())))


def bench_allocation(
    base: str, tokens: list[str], seconds: float, client: str, url: str, warmup: float = 2.0
) -> dict[str, float]:
    port = int(base.rsplit(":", 1)[1])
    services = queue_services()
    ctx = mp.get_context("fork")
    start, out = ctx.Event(), ctx.Queue()
    target = _raw_kiosk if client == "raw" else _kiosk_client
    where: Any = port if client == "raw" else base
    procs = [
        ctx.Process(
            target=target, args=(where, tokens[i], services, seconds, warmup, start, out, i)
        )
        for i in range(len(tokens))
    ]
    for p in procs:
        p.start()
    time.sleep(0.5)
    start.set()
    time.sleep(warmup)
    backends = db_backends(url)
    server_cpu0, db_cpu0 = cpu_seconds(SERVER_PIDS), cpu_seconds(backends)
    lat: list[float] = []
    errors = 0
    client_cpu = 0.0
    for _ in procs:
        part, err, cpu = out.get(timeout=seconds + warmup + 60)
        lat += part
        errors += err
        client_cpu += cpu
    server_cpu = cpu_seconds(SERVER_PIDS) - server_cpu0
    db_cpu = cpu_seconds(backends) - db_cpu0
    for p in procs:
        p.join(10)
    n = max(1, len(lat))
    per = {
        "server": server_cpu / n * 1000,
        "db": db_cpu / n * 1000,
        "client": client_cpu / n * 1000,
    }
    return {
        "per_s": len(lat) / seconds,
        "n": len(lat),
        "errors": errors,
        "p50": percentile(lat, 50),
        "p95": percentile(lat, 95),
        "p99": percentile(lat, 99),
        "mean": statistics.fmean(lat),
        "cpu_server_ms": per["server"],
        "cpu_db_ms": per["db"],
        "cpu_client_ms": per["client"],
        "projected_per_s": (os.cpu_count() or 1) * 1000 / max(1e-9, sum(per.values())),
    }


# ---------------------------------------------------------------------------- catalog check


def bench_catalog_check(base: str, token: str, rounds: int = 300) -> dict[str, float]:
    """What a kiosk does every minute when nothing changed: If-None-Match, 304."""
    from kiosk.sync.catalog import CatalogPuller
    from kiosk.sync.client import ApiClient
    from kiosk.sync.settings import ServerSettings

    catalog = read_catalog_dir(DEFAULT_CATALOG_DIR)
    client = ApiClient(ServerSettings(url=base, token=token))
    puller = CatalogPuller(client, lambda: catalog, lambda c, source: None)
    assert puller.check().status == "unchanged"
    ms = []
    for _ in range(rounds):
        t0 = time.perf_counter()
        result = puller.check()
        ms.append((time.perf_counter() - t0) * 1000)
        assert result.status == "unchanged"
    return {
        "p50": percentile(ms, 50),
        "p95": percentile(ms, 95),
        "p99": percentile(ms, 99),
        "max": max(ms),
    }


def run(backend: str, seconds: float, workers: int, client: str) -> None:
    with database(backend) as url:
        tokens = prepare(url)
        with server(url, workers) as base:
            check = bench_catalog_check(base, tokens[0])
            alloc = bench_allocation(base, tokens, seconds, client, url)
    target = "  (target on PostgreSQL: 1,000/s, p99 25 ms)" if backend == "postgresql" else ""
    print(
        f"[{backend}, {workers} worker(s), {client} client] allocations with {KIOSKS} kiosks: "
        f"{alloc['per_s']:,.0f}/s over {seconds:.0f} s (n={alloc['n']:,}, "
        f"errors={alloc['errors']}); latency p50 {alloc['p50']:.1f} ms, p95 "
        f"{alloc['p95']:.1f} ms, p99 {alloc['p99']:.1f} ms{target}"
    )
    load = Path("/proc/loadavg").read_text().split()[0]
    print(
        f"[{backend}] CPU per allocation: server {alloc['cpu_server_ms']:.2f} ms, database "
        f"{alloc['cpu_db_ms']:.2f} ms, load generator {alloc['cpu_client_ms']:.2f} ms: "
        f"{os.cpu_count()} idle cores would give about {alloc['projected_per_s']:,.0f}/s "
        f"(load average now {load})"
    )
    print(
        f"[{backend}] catalog check, no change (304): p50 {check['p50']:.2f} ms, "
        f"p95 {check['p95']:.2f} ms, p99 {check['p99']:.2f} ms (target 10 ms)"
    )


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--seconds", type=float, default=10.0)
    p.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    p.add_argument(
        "--workers",
        type=int,
        default=1,
        help="server worker processes (default 1: what a 2-core machine that also runs "
        "PostgreSQL and the load generator should run, docs/server.md)",
    )
    p.add_argument("--client", choices=["raw", "kiosk"], default="raw")
    args = p.parse_args()
    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    for backend in backends:
        workers = 1 if backend == "sqlite" else args.workers
        run(backend, args.seconds, workers, args.client)


if __name__ == "__main__":
    main()
