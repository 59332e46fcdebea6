"""Concurrent kiosks asking for numbers, leases and uploads at once: on SQLite and PostgreSQL.

Whatever the interleaving: no number is handed out twice for a gerai, day and series, every
retried request gets its first answer, and online and leased numbers never overlap.
"""

from __future__ import annotations

import random
import threading
import uuid
from collections import Counter
from datetime import UTC, datetime
from typing import Any

import requests
from central_harness import Mpp, ThreadServer
from sqlalchemy import select

from central.kiosks import KioskAuth
from central.models import Lease, Ticket
from central.numbering.allocation import allocate
from central.numbering.leases import grant_leases
from central.settings import Settings
from mpp_core.domain.clock import service_day
from mpp_core.wire.schemas import AllocateIn, LeaseRequestIn

API = "/api/v1"
SERVICES = ["ktp-el-baru", "kk-baru", "sip-dokter"]


def test_concurrent_kiosks_over_http_never_share_a_number(server: ThreadServer, mpp: Mpp) -> None:
    """8 kiosks (threads) allocate, replay, lease and upload in parallel."""
    kiosks = list(mpp.kiosks)
    day = service_day(datetime.now(UTC)).isoformat()
    answers: dict[str, dict[str, Any]] = {}
    replays: list[tuple[dict[str, Any], dict[str, Any]]] = []
    leases: list[dict[str, Any]] = []
    errors: list[str] = []
    lock = threading.Lock()
    start = threading.Barrier(8)

    def kiosk(n: int) -> None:
        name = kiosks[n % len(kiosks)]
        rng = random.Random(n)
        s = requests.Session()
        s.headers["Authorization"] = f"Bearer {mpp.token(name)}"
        start.wait()
        for i in range(30):
            tid = str(uuid.uuid4())
            body = {
                "ticket_id": tid,
                "request_id": f"{n}-{i}",
                "service_code": rng.choice(SERVICES),
                "priority": "lansia" if rng.random() < 0.2 else None,
            }
            r = s.post(server.url + API + "/tickets/allocate", json=body, timeout=30)
            if r.status_code != 200:
                errors.append(r.text)
                continue
            with lock:
                answers[tid] = r.json()
            if rng.random() < 0.2:  # a retry after a lost answer
                again = s.post(server.url + API + "/tickets/allocate", json=body, timeout=30)
                with lock:
                    replays.append((r.json(), again.json()))
            if i % 10 == 0:
                lr = s.post(
                    server.url + API + "/leases",
                    json={
                        "requests": [
                            {
                                "key": str(uuid.uuid4()),
                                "gerai_code": g,
                                "service_day": day,
                                "series": sr,
                                "size": 5,
                            }
                            for g in ("dukcapil", "dinkes")
                            for sr in ("R", "P")
                        ]
                    },
                    timeout=30,
                )
                if lr.status_code != 200:
                    errors.append(lr.text)
                else:
                    with lock:
                        leases.extend(x for x in lr.json()["leases"] if x["status"] == "granted")

    threads = [threading.Thread(target=kiosk, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert not errors, errors[:3]
    assert len(answers) == 8 * 30
    for first, again in replays:
        assert again["replayed"] is True and again["number"] == first["number"]

    numbers = Counter(
        (a["gerai_code"], a["service_day"], a["series"], a["seq"]) for a in answers.values()
    )
    assert max(numbers.values()) == 1
    # Online numbers are dense from 1 per gerai and series (none lost to a race).
    by_series: dict[tuple[str, str], list[int]] = {}
    for g, _d, sr, seq in numbers:
        by_series.setdefault((g, sr), []).append(seq)
    for seqs in by_series.values():
        assert sorted(seqs) == list(range(1, len(seqs) + 1))
    # Leased blocks do not overlap each other or any online number.
    taken: set[tuple[str, str, int]] = {(g, sr, seq) for g, _d, sr, seq in numbers}
    for lease in leases:
        for seq in range(lease["start"], lease["end"] + 1):
            key = (lease["gerai_code"], lease["series"], seq)
            assert key not in taken
            taken.add(key)
    with mpp.db.read() as s:
        assert len(s.scalars(select(Ticket.id)).all()) == 8 * 30
        assert len(s.scalars(select(Lease.id)).all()) == len(leases)


def test_concurrent_allocations_in_the_service_layer(mpp: Mpp) -> None:
    """Many threads straight on the database (no HTTP in between): more contention."""
    from central.catalogs import CatalogCache

    published = CatalogCache(mpp.db, 60).get("test")
    assert published is not None
    auths: list[KioskAuth] = [a for a, _t in mpp.kiosks.values()]
    settings = Settings()
    day = service_day(datetime.now(UTC))
    seqs: list[tuple[str, int]] = []
    blocks: list[tuple[str, int, int]] = []
    lock = threading.Lock()
    go = threading.Barrier(6)

    def worker(n: int) -> None:
        auth = auths[n % len(auths)]
        go.wait()
        for i in range(25):
            req = AllocateIn(
                ticket_id=str(uuid.uuid4()), request_id=f"{n}-{i}", service_code="ktp-el-baru"
            )
            with mpp.db.write() as s:
                result = allocate(s, auth, published, req, datetime.now(UTC))
                assert result is not None
                got = (result.answer["series"], result.answer["seq"])
            with lock:
                seqs.append(got)
            if i % 5 == 0:
                with mpp.db.write() as s:
                    res = grant_leases(
                        s,
                        auth,
                        published,
                        [
                            LeaseRequestIn(
                                key=str(uuid.uuid4()),
                                gerai_code="dukcapil",
                                service_day=day,
                                series="R",
                                size=3,
                            )
                        ],
                        datetime.now(UTC),
                        settings,
                    )[0]
                with lock:
                    blocks.append((res["status"], res.get("start", 0), res.get("end", 0)))

    threads = [threading.Thread(target=worker, args=(n,)) for n in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert sorted(s for _sr, s in seqs) == list(range(1, 6 * 25 + 1))
    leased = [n for st, lo, hi in blocks if st == "granted" for n in range(lo, hi + 1)]
    assert len(leased) == len(set(leased)) == 6 * 5 * 3
    assert min(leased) > 6 * 25
