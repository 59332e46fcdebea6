"""Backup and restore (SQLite and PostgreSQL): after a restore from a backup taken before more
numbers were handed out, no number is issued twice. The server refuses online numbers and
leases until it has learnt, from the kiosks, what they printed and which blocks they hold since
the backup (or, at a deadline, moves online numbering above 999).

The kiosks here are scripted HTTP clients that do what docs/sync.md asks of a kiosk: number
offline when the server answers 5xx, and during a recovery re-send their tickets issued since
the backup and report their blocks.
"""

from __future__ import annotations

import subprocess
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from api_client import Client, today
from central_harness import PYTHON, REPO, Mpp, ThreadServer

from central.settings import Settings
from mpp_core.domain.clock import service_day
from mpp_core.wire.protocol import RECOVERY_HEADER, emergency_range

Number = tuple[str, str, str, int]  # gerai, day, series, seq


class ScriptedKiosk:
    """Issues tickets like the kiosk does and remembers every number it printed."""

    def __init__(self, name: str, token: str, slot: int) -> None:
        self.name, self.token, self.slot = name, token, slot
        self.client: Client | None = None
        self.printed: dict[str, dict[str, Any]] = {}  # ticket id -> upload payload
        self.blocks: list[dict[str, Any]] = []
        self.used: set[int] = set()
        self.next_emergency = emergency_range(slot)[0]
        self.sent_at: dict[str, int] = {}  # ticket id -> upload round it was sent in

    def connect(self, server: ThreadServer) -> None:
        self.client = Client(server, self.token)

    @property
    def c(self) -> Client:
        assert self.client is not None
        return self.client

    def take_block(self, size: int = 10) -> dict[str, Any]:
        r = self.c.post(
            "/leases",
            {
                "requests": [
                    {
                        "key": str(uuid.uuid4()),
                        "gerai_code": "dukcapil",
                        "service_day": today(),
                        "series": "R",
                        "size": size,
                    }
                ]
            },
        )
        assert r.status_code == 200, r.text
        answer = dict(r.json()["leases"][0])
        if answer["status"] == "granted":
            self.blocks.append(answer)
        return answer

    def issue(self, *, offline: bool = False) -> dict[str, Any]:
        """One ticket: online, or offline when the server answers 5xx (or ``offline``: the
        network is down)."""
        tid = str(uuid.uuid4())
        now = datetime.now(UTC)
        item: dict[str, Any] = {
            "ticket_id": tid,
            "request_id": uuid.uuid4().hex,
            "gerai_code": "dukcapil",
            "service_code": "ktp-el-baru",
            "prefix": "A",
            "series": "R",
            "service_day": today(),
            "issued_at": now.isoformat(),
        }
        r = None if offline else self.c.allocate(ticket_id=tid)
        if r is not None and r.status_code == 200:
            item.update(seq=r.json()["seq"], source="online")
        else:
            assert r is None or r.status_code >= 500, r.text  # offline, as on any 5xx
            item.update(self._offline())
        self.printed[tid] = item
        return item

    def _offline(self) -> dict[str, Any]:
        for block in self.blocks:
            for seq in range(block["start"], block["end"] + 1):
                if seq not in self.used:
                    self.used.add(seq)
                    return {"seq": seq, "source": "lease", "lease_id": block["lease_id"]}
        seq = self.next_emergency
        self.next_emergency += 1
        return {"seq": seq, "source": "emergency"}

    def upload(self, ids: list[str] | None = None) -> list[dict[str, Any]]:
        items = [self.printed[t] for t in (ids if ids is not None else list(self.printed))]
        if not items:
            return []
        r = self.c.post("/tickets/batch", {"tickets": items})
        assert r.status_code == 200, r.text
        results = list(r.json()["results"])
        assert all(x["status"] != "conflict" for x in results), results
        return results

    def report(self, recovery_id: int) -> dict[str, Any]:
        """What the kiosk does during a recovery: send every ticket again, report its blocks,
        say it is complete."""
        self.upload()
        held = [
            {
                "lease_id": b["lease_id"],
                "gerai_code": b["gerai_code"],
                "service_day": b["service_day"],
                "series": b["series"],
                "start": b["start"],
                "end": b["end"],
            }
            for b in self.blocks
        ]
        r = self.c.post(
            "/recovery/report", {"recovery_id": recovery_id, "leases": held, "complete": True}
        )
        assert r.status_code == 200, r.text
        return dict(r.json())

    def numbers(self) -> list[Number]:
        return [
            (i["gerai_code"], i["service_day"], i["series"], i["seq"])
            for i in self.printed.values()
        ]


def cli(*args: str, url: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [PYTHON, "-m", "central", *args, "--database", url],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def kiosks(mpp: Mpp) -> list[ScriptedKiosk]:
    return [ScriptedKiosk(n, mpp.token(n), mpp.kiosks[n][0].slot) for n in ("k1", "k2", "k3")]


def start(mpp: Mpp, kiosks: list[ScriptedKiosk]) -> ThreadServer:
    srv = ThreadServer(Settings(database_url=mpp.url, auth_cache_s=0, catalog_cache_s=0))
    for k in kiosks:
        k.connect(srv)
    return srv


def before_and_after_backup(
    mpp: Mpp, kiosks: list[ScriptedKiosk], tmp_path: Path, minutes: str = "60"
) -> Iterator[ThreadServer]:
    """Numbers handed out, a backup taken, more numbers handed out (some reported to the
    server, some still only on the kiosks), then the server stopped and the backup restored."""
    k1, k2, _k3 = kiosks
    srv = start(mpp, kiosks)
    try:
        k1.take_block()
        k2.take_block()
        for _ in range(3):
            k1.issue()
            k2.issue()
        k1.upload()
        k2.upload()
        backup = tmp_path / "central.backup"
        done = cli("backup", str(backup), url=mpp.url)
        assert done.returncode == 0, done.stderr
        # After the backup: online numbers, a new block for k2 and offline numbers from it.
        for _ in range(5):
            k1.issue()
        block = k2.take_block(size=20)
        assert block["status"] == "granted"
        k2.blocks = [block]  # k2 has used up its first block (in this story)
        for _ in range(4):
            k1.issue()
            k2.issue(offline=True)  # k2's network is down for a while
        k1.upload()
        k2.upload()
        assert any(
            i["source"] == "lease" and i["seq"] >= block["start"] for i in k2.printed.values()
        )
        k2.issue(offline=True)  # printed, not yet sent when the server goes down
    finally:
        srv.stop()
    done = cli("restore", str(backup), "--recovery-minutes", minutes, url=mpp.url)
    assert done.returncode == 0, done.stderr + done.stdout
    assert "recovery" in done.stdout
    srv = start(mpp, kiosks)
    try:
        yield srv
    finally:
        srv.stop()


def wait_until_numbering(k: ScriptedKiosk, deadline_s: float = 20) -> None:
    """Until the server says (in a heartbeat) it is not recovering: a server process trusts
    what it read of a recovery for a second."""
    end = time.monotonic() + deadline_s
    while True:
        beat = k.c.post(
            "/heartbeat", {"app_version": "1", "kiosk_time": datetime.now(UTC).isoformat()}
        ).json()
        if beat["recovery"] is None:
            return
        assert time.monotonic() < end, "still recovering"
        time.sleep(0.1)


def assert_no_number_twice(kiosks: list[ScriptedKiosk]) -> None:
    numbers = [n for k in kiosks for n in k.numbers()]
    twice = [n for n, c in Counter(numbers).items() if c > 1]
    assert twice == [], twice


def test_after_a_restore_no_number_is_issued_twice(
    mpp: Mpp, kiosks: list[ScriptedKiosk], tmp_path: Path
) -> None:
    k1, k2, k3 = kiosks
    for _srv in before_and_after_backup(mpp, kiosks, tmp_path):
        # The server does not number online, nor lease, until it has heard from the kiosks.
        r = k1.c.allocate()
        assert r.status_code == 503 and r.json()["reason"] == "recovering"
        assert int(r.headers["Retry-After"]) > 0
        header = r.headers[RECOVERY_HEADER]
        recovery_id = int(header.split(";")[0])
        assert k1.take_block()["reason"] == "recovering"
        beat = k2.c.post(
            "/heartbeat", {"app_version": "1", "kiosk_time": datetime.now(UTC).isoformat()}
        ).json()
        assert beat["recovery"]["recovery_id"] == recovery_id
        # Meanwhile the kiosks number offline (their blocks, then emergency numbers).
        for _ in range(3):
            assert k1.issue()["source"] != "online"
            assert k2.issue()["source"] == "lease"
        # Each kiosk re-sends everything and reports its blocks; the last ends the recovery.
        assert k1.report(recovery_id)["recovering"] is True
        answer = k2.report(recovery_id)
        assert answer["recovering"] is True
        assert {x["status"] for x in answer["leases"]} <= {"accepted", "known"}
        assert "accepted" in {x["status"] for x in answer["leases"]}
        assert k3.report(recovery_id)["recovering"] is False
        wait_until_numbering(k1)
        # Numbering resumes where it really was: online above every number printed ...
        online_before = max(i["seq"] for i in k1.printed.values() if i["source"] == "online")
        fresh = k1.issue()
        assert fresh["source"] == "online" and fresh["seq"] > online_before
        # ... and new blocks below every block a kiosk still holds.
        block = k1.take_block()
        assert block["status"] == "granted"
        assert block["end"] < min(b["start"] for b in k2.blocks)
        for _ in range(15):
            for k in (k1, k2, k3):
                k.issue()
        for k in kiosks:
            k.upload()
    assert_no_number_twice(kiosks)


@pytest.mark.parametrize("how", ["supervisor", "deadline"])
def test_without_reports_online_numbering_moves_above_999(
    mpp: Mpp, kiosks: list[ScriptedKiosk], tmp_path: Path, how: str
) -> None:
    """Kiosks that never report (an old kiosk version, one switched off) cannot block the
    server for ever: the supervisor ends the recovery, or its deadline passes. The numbers
    they printed cannot be met either."""
    k1, k2, k3 = kiosks
    minutes = "60" if how == "supervisor" else "0.05"
    for _srv in before_and_after_backup(mpp, kiosks, tmp_path, minutes):
        if how == "supervisor":
            assert k1.c.allocate().status_code == 503
            status = cli("recovery", "status", url=mpp.url)
            assert "waiting for k1, k2, k3" in status.stdout, status.stdout
            ended = cli("recovery", "end", url=mpp.url)  # the supervisor does not wait
            assert ended.returncode == 0 and "ended" in ended.stdout
        wait_until_numbering(k1)
        fresh = [k1.issue(), k3.issue()]
        assert [f["source"] for f in fresh] == ["online", "online"]
        assert all(f["seq"] >= 1000 for f in fresh)
        assert k1.take_block()["reason"] == "no_numbers"
        for _ in range(10):
            for k in (k1, k2, k3):
                k.issue()
        for k in kiosks:
            k.upload()  # k2's offline tickets from its unknown block: still taken
    assert_no_number_twice(kiosks)
    assert service_day(datetime.now(UTC)).isoformat() == today()
