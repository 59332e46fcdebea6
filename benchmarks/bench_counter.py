"""Calling numbers under load: 25 lokets calling, 10 boards and 300 visitor status pages open
(Server-Sent Events), measuring from *Panggil berikutnya* (the POST leaving the petugas) to
the board and to the visitor's status page receiving the call. Target: p95 at most 500 ms.
Also the server's memory (RSS of the supervisor and its workers) under that load.

    .venv/bin/python benchmarks/bench_counter.py [--backend sqlite|postgresql] [--workers N]
        [--rounds 10] [--pause 2.0]

SQLite runs one worker, PostgreSQL two by default. The server is the real process
(``python -m central serve``); the clients are one asyncio process with httpx on the same
2-core machine (so they take CPU from the server too). The default catalog (25 gerai), open
all day; 5 gerai with 5 lokets each; 12 waiting tickets per loket, each with its status page.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import random
import re
import statistics
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "central"))
sys.path.insert(0, str(ROOT / "scripts"))

import httpx  # noqa: E402
from central_harness import ServerProcess, fresh_pg_database  # noqa: E402
from web_screenshots import catalog  # noqa: E402

from central.accounts.users import add_user  # noqa: E402
from central.catalogs import import_catalog, publish  # noqa: E402
from central.db import open_database  # noqa: E402
from central.kiosks import add_kiosk  # noqa: E402
from mpp_core.wire.status_link import decode_key, mint_status_token  # noqa: E402

GERAI = ["dispendukcapil", "dinkes", "bank-jatim", "bapenda", "dpmptsp"]
LOKETS_PER_GERAI = 5
BOARDS = 10
PASSWORD = "bench-password-123"
TARGET_MS = 500


def percentile(values: list[float], p: float) -> float:
    s = sorted(values)
    return s[max(0, min(len(s) - 1, round(p / 100 * (len(s) - 1))))]


def family(pid: int) -> list[int]:
    """A process and its children (the server's supervisor and its workers)."""
    pids = [pid]
    with contextlib.suppress(OSError):
        pids += [int(c) for c in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]
    return pids


def rss_mb(pid: int) -> float:
    """RSS of a process and its children (the workers), in MiB."""
    total = 0
    for p in family(pid):
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
    return total / 1024


def cpu_s(pid: int) -> float:
    """CPU seconds (user + system) of a process and its children (the workers)."""
    total = 0.0
    tick = os.sysconf("SC_CLK_TCK")
    for p in family(pid):
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick
        except (OSError, IndexError, ValueError):
            pass
    return total


def prepare(url: str, folder: Path) -> tuple[str, list[str]]:
    db = open_database(url)
    import_catalog(db, catalog(folder))
    publish(db)
    _k, token = add_kiosk(db, "bench-kiosk", None)
    now = datetime.now(UTC)
    for g in GERAI:
        for n in range(1, LOKETS_PER_GERAI + 1):
            add_user(db, f"{g}-{n}", "petugas", "batu", now, password=PASSWORD, gerai=g, loket=n)
    boards = []
    for b in range(BOARDS):
        _u, board_token = add_user(db, f"board-{b}", "display", "batu", now)
        assert board_token is not None
        boards.append(board_token)
    db.dispose()
    return token, boards


async def events(client: httpx.AsyncClient, url: str, on_event: Any) -> None:
    async with client.stream("GET", url, timeout=httpx.Timeout(None, connect=10)) as r:
        r.raise_for_status()
        name, data = None, []
        async for line in r.aiter_lines():
            if line.startswith("event:"):
                name = line[6:].strip()
            elif line.startswith("data:"):
                data.append(line[5:].removeprefix(" "))
            elif line == "" and name:
                on_event(name, "\n".join(data), time.perf_counter())
                name, data = None, []


async def sign_in(base: str, path: str, fields: dict[str, str]) -> httpx.AsyncClient:
    c = httpx.AsyncClient(base_url=base, timeout=30)
    page = await c.get(path)
    pre = re.search(r'name="pre" value="([^"]+)"', page.text)
    assert pre, page.text[:300]
    r = await c.post(path, data={"pre": pre.group(1), **fields})
    assert r.status_code == 303, (r.status_code, r.text[:300])
    return c


async def run(
    base: str, kiosk_token: str, boards: list[str], rounds: int, pause: float, server_pid: int
) -> dict[str, Any]:
    api = httpx.AsyncClient(
        base_url=base, timeout=30, headers={"Authorization": f"Bearer {kiosk_token}"}
    )
    services = {"dispendukcapil": "ktp-el-baru", "dinkes": "surat-keterangan-sehat"}
    doc = (await api.get("/api/v1/catalog")).json()
    for f in doc["files"].values():
        if f.get("code") in GERAI and f["code"] not in services:
            services[f["code"]] = next(s["code"] for s in f["services"] if s.get("needs_queue"))
    key = (await api.get("/api/v1/kiosk/status-key")).json()
    secret = decode_key(key["key"])
    tickets: list[dict[str, Any]] = []
    for _ in range(rounds + 2):
        for g in GERAI:
            for _n in range(LOKETS_PER_GERAI):
                r = await api.post(
                    "/api/v1/tickets/allocate",
                    json={
                        "ticket_id": str(uuid.uuid4()),
                        "request_id": "b",
                        "service_code": services[g],
                    },
                )
                r.raise_for_status()
                tickets.append(r.json())
    print(f"{len(tickets)} tickets issued", flush=True)

    sent: dict[str, float] = {}
    board_got: dict[str, list[float]] = {}
    status_got: dict[str, float] = {}
    seen_ids: list[set[int]] = [set() for _ in boards]

    def on_board(i: int) -> Any:
        def handle(name: str, data: str, at: float) -> None:
            if name != "calls":
                return
            for c in json.loads(data):
                if c["id"] not in seen_ids[i]:
                    seen_ids[i].add(c["id"])
                    board_got.setdefault(c["ticket"], []).append(at)

        return handle

    def on_status(number: str) -> Any:
        def handle(name: str, data: str, at: float) -> None:
            if 'data-state="called"' in data and number not in status_got:
                status_got[number] = at

        return handle

    tasks = []
    board_clients = [await sign_in(base, "/board/pair", {"token": t}) for t in boards]
    for i, c in enumerate(board_clients):
        tasks.append(asyncio.create_task(events(c, "/board/events", on_board(i))))
    status_client = httpx.AsyncClient(base_url=base, limits=httpx.Limits(max_connections=1000))
    watched = tickets[:300]
    for t in watched:
        token = mint_status_token(secret, key["key_id"], t["ticket_id"])
        tasks.append(
            asyncio.create_task(
                events(status_client, f"/s/{token}/events", on_status(t["display"]))
            )
        )
    officers = []
    for g in GERAI:
        for n in range(1, LOKETS_PER_GERAI + 1):
            c = await sign_in(base, "/login", {"username": f"{g}-{n}", "password": PASSWORD})
            page = await c.get("/petugas")
            csrf = re.search(r'name="csrf" value="([^"]+)"', page.text)
            assert csrf
            officers.append((c, csrf.group(1)))
            tasks.append(asyncio.create_task(events(c, "/petugas/events", lambda *a: None)))
    await asyncio.sleep(3)  # every stream connected and had its snapshot
    print(f"{len(tasks)} SSE streams open; calling…", flush=True)
    rss: list[float] = []
    errors: list[str] = []
    post_ms: list[float] = []

    async def officer(c: httpx.AsyncClient, csrf: str) -> None:
        for _ in range(rounds):
            await asyncio.sleep(random.uniform(0.2 * pause, 1.8 * pause))
            t0 = time.perf_counter()
            r = await c.post(
                "/petugas/act",
                data={"action": "next", "csrf": csrf},
                headers={"X-Requested-With": "fetch", "X-CSRF-Token": csrf},
            )
            doc = r.json()
            post_ms.append((time.perf_counter() - t0) * 1000)
            if not doc.get("ok"):
                errors.append(str(doc))
                continue
            sent[doc["number"]] = t0

    async def sample() -> None:
        while True:
            rss.append(rss_mb(server_pid))
            await asyncio.sleep(0.5)

    sampler = asyncio.create_task(sample())
    started = time.perf_counter()
    server_cpu0, client_cpu0 = cpu_s(server_pid), time.process_time()
    await asyncio.gather(*(officer(c, csrf) for c, csrf in officers))
    duration = time.perf_counter() - started
    server_cpu = cpu_s(server_pid) - server_cpu0
    client_cpu = time.process_time() - client_cpu0
    await asyncio.sleep(3)
    sampler.cancel()
    for t in tasks:
        t.cancel()
    board_ms = [(at - sent[n]) * 1000 for n, ats in board_got.items() if n in sent for at in ats]
    status_ms = [(at - sent[n]) * 1000 for n, at in status_got.items() if n in sent]
    watched_called = sum(1 for t in watched if t["display"] in sent)
    return {
        "calls": len(sent),
        "duration_s": duration,
        "errors": errors[:5],
        "board_ms": board_ms,
        "post_ms": post_ms,
        "status_ms": status_ms,
        "rss": rss,
        "board_expected": len(sent) * len(boards),
        "status_expected": watched_called,
        "server_cpu": server_cpu / duration,
        "client_cpu": client_cpu / duration,
    }


def report(name: str, ms: list[float], expected: int) -> str:
    if not ms:
        return f"{name}: no samples"
    p95 = percentile(ms, 95)
    return (
        f"{name:<26} n={len(ms)}/{expected}  median={statistics.median(ms):6.1f} ms  "
        f"p95={p95:6.1f} ms  max={max(ms):6.1f} ms  target p95 {TARGET_MS} ms: "
        f"{'OK' if p95 <= TARGET_MS else 'MISSED'}"
    )


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--backend", choices=["sqlite", "postgresql"], default="sqlite")
    ap.add_argument("--workers", type=int, default=None)
    ap.add_argument("--rounds", type=int, default=10)
    ap.add_argument("--pause", type=float, default=2.0, help="mean seconds between calls")
    args = ap.parse_args()
    workers = args.workers or (1 if args.backend == "sqlite" else 2)
    tmp = Path(tempfile.mkdtemp(prefix="bench-counter-"))
    random.seed(7)

    def go(url: str) -> int:
        kiosk_token, boards = prepare(url, tmp)
        srv = ServerProcess(
            url,
            tmp / "server.log",
            workers=workers,
            env={
                "MPP_CENTRAL_AUDIO_CACHE_DIR": str(tmp / "audio"),
                "MPP_CENTRAL_AUTH_CACHE_S": "2",
                "MPP_CENTRAL_CATALOG_CACHE_S": "1",
            },
        )
        srv.start(timeout=60)
        try:
            assert srv.proc is not None
            idle = rss_mb(srv.proc.pid)
            out = asyncio.run(
                run(srv.url, kiosk_token, boards, args.rounds, args.pause, srv.proc.pid)
            )
        finally:
            srv.stop()
        print(
            f"\n{args.backend}, {workers} worker(s): {out['calls']} calls by 25 lokets in "
            f"{out['duration_s']:.1f} s; {BOARDS} boards, 300 status pages, 25 petugas "
            f"pages open"
        )
        print(report("call answered (POST)", out["post_ms"], out["calls"]))
        print(report("call -> board", out["board_ms"], out["board_expected"]))
        print(report("call -> status page", out["status_ms"], out["status_expected"]))
        print(
            f"server RSS: idle {idle:.0f} MiB, under load max {max(out['rss']):.0f} MiB "
            f"(supervisor and workers)"
        )
        print(
            f"CPU while calling: server {out['server_cpu']:.0%} of a core, load generator "
            f"{out['client_cpu']:.0%} (2 cores in all)"
        )
        if out["errors"]:
            print("refused calls:", out["errors"])
        return 0

    if args.backend == "sqlite":
        return go(f"sqlite:///{tmp / 'central.db'}")
    with fresh_pg_database("bench") as url:
        return go(url)


if __name__ == "__main__":
    os.environ.setdefault("MPP_CENTRAL_LOG_LEVEL", "warning")
    sys.exit(main())
