"""What the server learns from each heartbeat: the version, the disk, the database, issuing
errors and dead worker threads; and two kiosks sending with one token (a disk imaged onto a
second PC) are flagged, while one kiosk that restarts is not."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from central_harness import Central, Mpp
from kiosk_harness import make_kiosk
from sqlalchemy import select

from central.kiosks import interleaved, shared_tokens
from central.models import Heartbeat
from kiosk.sync.status import TOKEN_SHARED
from mpp_core.domain.clock import SystemClock
from mpp_core.version import app_version


def _payloads(mpp: Mpp) -> list[dict[str, Any]]:
    with mpp.db.read() as s:
        return [dict(p) for p in s.scalars(select(Heartbeat.payload).order_by(Heartbeat.id))]


def test_interleaved_runs_mean_two_kiosks() -> None:
    assert not interleaved(["b", "b", "a", "a"])  # a restart: a, then b for good
    assert interleaved(["a", "b", "a"])
    assert not interleaved(["c", "b", "a"])  # three restarts


def test_two_kiosks_on_one_token_are_flagged(central: Central, mpp: Mpp, tmp_path: Path) -> None:
    token = mpp.token("k1")
    first = make_kiosk(tmp_path / "a", "k1", mpp.catalog_dir, url=central.url, token=token)
    imaged = make_kiosk(tmp_path / "b", "k1", mpp.catalog_dir, url=central.url, token=token)
    assert first.sync is not None and imaged.sync is not None
    first.sync.engine.heartbeat()
    first.sync.engine.heartbeat()
    assert shared_tokens(mpp.db) == {}
    imaged.sync.engine.heartbeat()  # looks like a restart so far
    assert shared_tokens(mpp.db) == {}
    first.sync.engine.heartbeat()  # the first run again: two kiosks
    assert "k1" in shared_tokens(mpp.db)
    assert first.sync.status.token_shared  # the kiosk's staff see it
    assert TOKEN_SHARED in first.sync.status.lines()
    restarted = make_kiosk(tmp_path / "c", "k2", mpp.catalog_dir, url=central.url,
                           token=mpp.token("k2"))  # fmt: skip
    assert restarted.sync is not None
    for _ in range(3):
        restarted.sync.engine.heartbeat()
    again = make_kiosk(tmp_path / "c", "k2", mpp.catalog_dir, url=central.url,
                       token=mpp.token("k2"))  # fmt: skip
    assert again.sync is not None
    again.sync.engine.heartbeat()
    assert "k2" not in shared_tokens(mpp.db)


def test_the_heartbeat_carries_the_kiosks_own_health(
    qtbot,
    kiosk_factory,
    central: Central,
    mpp: Mpp,  # type: ignore[no-untyped-def]
) -> None:
    table = {"url": central.url, "token": mpp.token("k1"), "interval_s": 0.1,
             "heartbeat_s": 0.2, "connect_timeout_s": 0.5}  # fmt: skip
    k = kiosk_factory(server=table, clock=SystemClock())
    qtbot.waitUntil(lambda: any("disk_state" in p for p in _payloads(mpp)), timeout=10000)
    beat = [p for p in _payloads(mpp) if "disk_state" in p][-1]
    assert beat["app_version"] == app_version()
    assert beat["service_state"] == "in_service"
    assert beat["database_state"] in ("new", "ok")
    assert beat["disk_state"] == "ok" and beat["disk_free_mb"] > 0
    assert beat["dead_threads"] == [] and beat["issue_errors"] == 0
    assert k.system.heartbeat_fields()["thread_restarts"] == 0


def test_doctor_checks_the_server_tls_and_token(central: Central, mpp: Mpp, tmp_path: Path) -> None:
    from kiosk.settings.kiosk import KioskConfig
    from kiosk.sync.probe import check_server
    from kiosk.usecases.doctor import DoctorContext, Status

    def checks(token: str) -> dict[str, Any]:
        config = KioskConfig(server={"url": central.url, "token": token})
        found, offset = check_server(DoctorContext(tmp_path / "kiosk.toml", config, []))
        return {"offset": offset, **{c.name: c for c in found}}

    good = checks(mpp.token("k1"))
    assert good["server"].status is Status.PASS and good["token"].status is Status.PASS
    assert good["tls"].reason == "plain http (no TLS)"
    assert good["offset"] is not None and abs(good["offset"]) < 60  # the clock's offset
    assert checks("mppk_not_a_real_token_at_all")["token"].status is Status.FAIL
