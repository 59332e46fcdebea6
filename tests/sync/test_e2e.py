"""End to end: the real server process on 127.0.0.1, kiosks syncing through a proxy that
injects faults, the server killed and restarted, a kiosk clock hours off, a kiosk process
killed in the middle of a sync.

After recovery: no number appears twice for a gerai and day, every ticket issued is on the
server exactly once (with the number printed on it), and no kiosk ever showed a half-applied
catalog.
"""

from __future__ import annotations

import random
import signal
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from central_harness import (
    REPO,
    Mpp,
    ServerProcess,
    SqliteTemplate,
    setup_mpp,
    truncate_all,
    write_catalog,
)
from faultproxy import FaultProxy, Rule
from kiosk_harness import SimKiosk, local_numbers, make_kiosk
from sqlalchemy import select

from central.catalogs import import_catalog, publish
from central.db import open_database
from central.models import Ticket as ServerTicket
from central.models import TicketConflict
from mpp_core.catalog.files import read_catalog_dir
from mpp_core.domain.clock import WIB, SystemClock, service_day
from mpp_core.domain.tickets import IssueRefused
from mpp_core.wire.protocol import canonical_catalog_docs, catalog_etag

pytestmark = pytest.mark.slow
SERVICES = ["ktp-el-baru", "kk-baru", "sip-dokter", "akta-kelahiran"]


def avoid_midnight() -> None:
    """Numbering restarts at WIB midnight; do not run across it."""
    now = datetime.now(WIB)
    midnight = (now + timedelta(days=1)).replace(hour=0, minute=0, second=0, microsecond=0)
    if midnight - now < timedelta(minutes=2):
        time.sleep((midnight - now).total_seconds() + 1)


@pytest.fixture(params=["sqlite", "postgresql"])
def central_db(
    request: pytest.FixtureRequest, tmp_path: Path, sqlite_template: SqliteTemplate
) -> Iterator[str]:
    if request.param == "sqlite":
        yield sqlite_template.fresh(tmp_path)
        return
    url = request.getfixturevalue("postgres_url")
    db = open_database(url, pool_size=1)
    truncate_all(db)
    db.dispose()
    yield url


def server_rows(mpp: Mpp) -> list[ServerTicket]:
    with mpp.db.read() as s:
        return list(s.scalars(select(ServerTicket)))


def wait_for(predicate: object, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():  # type: ignore[operator]
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def test_kiosks_survive_faults_and_agree_with_the_server(central_db: str, tmp_path: Path) -> None:
    avoid_midnight()
    names = ["k1", "k2", "k3", "k4"]
    mpp = setup_mpp(central_db, tmp_path, names)
    v2_dir = write_catalog(tmp_path / "v2", version="e2e-2", extra_service=True)
    good_etags = {
        catalog_etag(canonical_catalog_docs(read_catalog_dir(d))) for d in (mpp.catalog_dir, v2_dir)
    }
    server = ServerProcess(central_db, tmp_path / "server.log").start()
    proxy = FaultProxy(server.port, seed=11, delay=1.2).start()
    tuning = {
        "lease_block": 4,
        "priority_lease_block": 2,
        "lease_low_water": 2,
        "allocate_timeout_s": 0.6,
        "read_timeout_s": 1.0,
        "retries": 1,
    }
    kiosks: list[SimKiosk] = []
    for n in names:
        # k4's clock is seven hours fast: the server's time must correct it.
        clock = SystemClock(lambda: datetime.now(UTC) + timedelta(hours=7)) if n == "k4" else None
        kiosks.append(
            make_kiosk(
                tmp_path / n,
                n,
                mpp.catalog_dir,
                url=proxy.url,
                token=mpp.token(n),
                clock=clock,
                server=tuning,
            )
        )
    failures: list[str] = []
    refused = Counter[str]()
    stop = threading.Event()

    def visitor(k: SimKiosk, seed: int) -> None:
        rng = random.Random(seed)
        while not stop.is_set():
            try:
                k.issue(rng.choice(SERVICES), None)
            except IssueRefused:
                refused[k.name] += 1
            except Exception as exc:
                failures.append(f"{k.name}: {exc!r}")
            time.sleep(rng.uniform(0.005, 0.03))

    def watcher() -> None:
        while not stop.is_set():
            for k in kiosks:
                with k.uow() as u:
                    cat = u.catalog.load()
                for c in (cat, k.store.current):
                    if c is None or catalog_etag(canonical_catalog_docs(c)) not in good_etags:
                        failures.append(f"{k.name}: a catalog that is neither v1 nor v2")
            time.sleep(0.05)

    try:
        for k in kiosks:
            assert k.sync is not None
            k.sync.start()
        wait_for(
            lambda: all(
                k.sync and k.sync.status.online and k.sync.status.leased_left for k in kiosks
            ),
            15,
            "every kiosk online with leases",
        )
        threads = [threading.Thread(target=visitor, args=(k, i)) for i, k in enumerate(kiosks)]
        threads.append(threading.Thread(target=watcher))
        for t in threads:
            t.start()
        time.sleep(1.0)  # normal service

        proxy.chaos(0.35)  # 500s, timeouts, truncated and malformed answers, resets
        time.sleep(1.5)
        import_catalog(mpp.db, v2_dir)
        publish(mpp.db)  # a new catalog, pulled through the chaos
        time.sleep(1.5)

        proxy.clear()
        server.stop(kill=True)  # the server dies: kiosks go on offline
        time.sleep(2.5)
        server.start()

        proxy.chaos(0.2)
        time.sleep(1.5)
        proxy.clear()
        stop.set()
        for t in threads:
            t.join(20)

        for k in kiosks:
            assert k.sync is not None
            k.sync.sync_now()
        wait_for(lambda: all(not k.outbox() for k in kiosks), 40, "every outbox drained")
        wait_for(
            lambda: all(k.store.current.version == "e2e-2" for k in kiosks),
            20,
            "every kiosk on catalog v2",
        )
    finally:
        stop.set()
        for k in kiosks:
            k.close()
        proxy.stop()
        server.stop()

    assert not failures, failures[:5]
    assert sum(proxy.injected.values()) > 20, proxy.injected
    local = local_numbers(kiosks)
    assert len(local) > 100
    # No number twice for a gerai, day and series, across all kiosks.
    assert max(Counter(local.values()).values()) == 1
    # Every ticket on the server exactly once, with the number the kiosk printed.
    rows = server_rows(mpp)
    on_server = {r.id: (r.gerai_code, r.service_day, r.series, r.seq) for r in rows}
    assert len(rows) == len(on_server)
    assert on_server == local
    assert {r.state for r in rows} == {"confirmed"}
    with mpp.db.read() as s:
        assert s.scalars(select(TicketConflict)).all() == []
    for k in kiosks:
        assert k.outbox("rejected") == []
    # The kiosk whose clock was 7 hours off numbered for the real service day.
    today = service_day(datetime.now(UTC))
    assert {t.service_day for t in kiosks[3].tickets()} == {today}
    # Tickets were numbered online, from leases and (leases being small) in emergency ranges.
    sources = Counter(r.source for r in rows)
    print(
        f"tickets {len(rows)} by source {dict(sources)}; faults {dict(proxy.injected)}; "
        f"refused {dict(refused)}"
    )
    assert sources["online"] and sources["lease"], sources
    mpp.db.dispose()


def test_a_kiosk_killed_in_the_middle_of_a_sync_loses_and_repeats_nothing(
    tmp_path: Path, sqlite_template: SqliteTemplate
) -> None:
    avoid_midnight()
    url = sqlite_template.fresh(tmp_path)
    mpp = setup_mpp(url, tmp_path, ["k1"])
    server = ServerProcess(url, tmp_path / "server.log").start()
    proxy = FaultProxy(server.port, delay=4.0).start()
    folder = tmp_path / "kiosk"

    def driver(tickets: int) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [
                sys.executable,
                str(Path(__file__).with_name("kiosk_driver.py")),
                "--folder",
                str(folder),
                "--name",
                "k1",
                "--url",
                proxy.url,
                "--token",
                mpp.token("k1"),
                "--catalog",
                str(mpp.catalog_dir),
                "--tickets",
                str(tickets),
            ],
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )

    def kill(p: subprocess.Popen[str]) -> str:
        p.send_signal(signal.SIGKILL)
        out, _ = p.communicate(10)
        return out

    try:
        # 1. Killed while the server has committed an upload whose answer is on its way.
        proxy.set(Rule("/api/v1/tickets/batch", "slow_after"))
        p = driver(5)
        wait_for(lambda: proxy.injected["slow_after"] >= 1, 30, "an upload in flight")
        time.sleep(0.5)
        kill(p)
        assert any(r.state == "confirmed" for r in server_rows(mpp))
        proxy.clear()
        # 2. Killed at random moments while issuing and syncing, three times.
        rng = random.Random(5)
        for _ in range(3):
            p = driver(40)
            time.sleep(rng.uniform(1.2, 2.5))
            kill(p)
        # 3. A restart drains whatever is left.
        p = driver(0)
        out, _ = p.communicate(timeout=60)
        assert "DRAINED" in out, out
    finally:
        proxy.stop()
        server.stop()

    k = make_kiosk(folder, "k1", mpp.catalog_dir)  # read the kiosk's database as it is now
    try:
        local = {t.id: (t.gerai_code, t.service_day, t.series.value, t.seq) for t in k.tickets()}
        assert k.outbox() == [] and len(k.outbox("sent")) == len(local)
    finally:
        k.close()
    assert len(local) > 5
    rows = server_rows(mpp)
    assert {
        r.id: (r.gerai_code, r.service_day, r.series, r.seq) for r in rows if r.state == "confirmed"
    } == local
    # An online number whose kiosk was killed before committing the ticket stays unconfirmed
    # (not a visit); at most one per kill.
    assert len([r for r in rows if r.state != "confirmed"]) <= 4
    mpp.db.dispose()
