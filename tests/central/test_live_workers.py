"""Several workers on PostgreSQL: a change made through one worker reaches the live pages
served by every worker (NOTIFY after commit, LISTEN in each worker)."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
import requests
from central_harness import ServerProcess, fresh_pg_database, require_postgres, setup_mpp
from web_client import Events, act, login, petugas, status_link

pytestmark = [pytest.mark.postgres, pytest.mark.slow]
STREAMS = 8


def test_a_call_reaches_status_pages_on_both_workers(tmp_path: Path) -> None:
    require_postgres()
    with fresh_pg_database("live") as url:
        mpp = setup_mpp(url, tmp_path, ["k1"])
        petugas(mpp.db, "budi", loket=4)
        mpp.db.dispose()
        srv = ServerProcess(url, tmp_path / "server.log", workers=2).start(timeout=60)
        streams: list[Events] = []
        try:
            kiosk = {"Authorization": f"Bearer {mpp.token('k1')}"}
            tickets = []
            for _ in range(STREAMS):
                r = requests.post(
                    srv.url + "/api/v1/tickets/allocate",
                    headers=kiosk,
                    json={
                        "ticket_id": str(uuid.uuid4()),
                        "request_id": "r",
                        "service_code": "kk-baru",
                    },
                    timeout=10,
                )
                assert r.status_code == 200, r.text
                tickets.append(r.json())
            for t in tickets:
                # A new connection each: the kernel spreads them over the two workers.
                e = Events(status_link(srv.url, mpp.token("k1"), t["ticket_id"]) + "/events")
                assert 'data-state="waiting"' in e.next("status")
                streams.append(e)
            s, csrf = login(srv.url, "budi")
            assert act(s, srv.url, csrf, "next").json()["number"] == tickets[0]["display"]
            assert "Dipanggil ke loket 4" in streams[0].next("status", 'data-state="called"')
            for n, e in enumerate(streams[1:]):
                assert f"{n} orang di depan Anda" in e.next("status", "orang di depan")
        finally:
            for e in streams:
                e.close()
            srv.stop()
