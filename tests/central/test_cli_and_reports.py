"""``mpp-central`` commands (as real processes) and the visit report (on both databases)."""

from __future__ import annotations

import contextlib
import csv
import io
import subprocess
import sys
import uuid
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from central_harness import REPO, Mpp, write_catalog
from sqlalchemy import select, text

from central.cli import main
from central.kiosks import token_hash
from central.models import Kiosk, Ticket
from central.reports import render_csv, render_table, visit_report


def run(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``mpp-central ARGS --database DB`` in this process (the same ``main`` as the script)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([*args, "--database", str(db)])
    return subprocess.CompletedProcess(args, code, out.getvalue(), err.getvalue())


def run_process(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "central", *args, "--database", str(db)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_kiosk_catalog_and_report_commands(tmp_path: Path) -> None:
    db = tmp_path / "central.db"
    bad = tmp_path / "bad"
    write_catalog(bad)
    (bad / "02-dinkes.json").write_text('{"code": "dinkes"', encoding="utf-8")
    r = run(db, "catalog", "import", str(bad))
    assert r.returncode == 2 and "02-dinkes.json" in r.stderr and "nothing was imported" in r.stderr
    assert "No catalogs" in run(db, "catalog", "list").stdout

    good = write_catalog(tmp_path / "good")
    r = run(db, "catalog", "import", str(good))
    assert r.returncode == 0 and "3 gerai, 5 services" in r.stdout
    assert run(db, "catalog", "import", str(good)).stdout.startswith("Already imported")
    assert run(db, "catalog", "publish").returncode == 0
    assert "* test" in run(db, "catalog", "list").stdout

    r = run_process(db, "kiosk", "add", "lobby-1", "--url", "https://central.example")
    assert r.returncode == 0, r.stderr
    token = next(
        line.split('"')[1] for line in r.stdout.splitlines() if line.startswith("token = ")
    )
    assert token.startswith("mppk_") and "slot = 1" in r.stdout
    assert run(db, "kiosk", "add", "lobby-1").returncode == 2  # names are unique
    listing = run(db, "kiosk", "list").stdout
    assert "lobby-1" in listing and token not in listing and token[:9] in listing

    # Only the hash is stored: the token appears nowhere in the database file.
    raw = db.read_bytes() + (
        db.with_name("central.db-wal").read_bytes()
        if db.with_name("central.db-wal").exists()
        else b""
    )
    assert token.encode() not in raw and token_hash(token).encode() in raw

    assert run(db, "kiosk", "revoke", "lobby-1").returncode == 0
    assert "revoked" in run(db, "kiosk", "list").stdout
    assert run(db, "kiosk", "revoke", "nobody").returncode == 2

    r = run(db, "report", "--by", "year")
    assert r.returncode == 0 and "No visits." in r.stdout
    r = run(db, "report", "--csv", "-")
    assert r.stdout.splitlines()[0] == (
        "mpp,period,gerai_code,gerai_name,service_code,service_name,visits"
    )


def test_python_dash_m_central_shows_help() -> None:
    r = subprocess.run(
        [sys.executable, "-m", "central", "--help"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert r.returncode == 0
    for command in ("serve", "kiosk", "catalog", "report"):
        assert command in r.stdout


def _add_visits(
    mpp: Mpp, day: date, gerai: str, service: str, n: int, *, state: str = "confirmed"
) -> None:
    kiosk_id = next(iter(mpp.kiosks.values()))[0].id
    with mpp.db.write() as s:
        start = int(s.scalar(text("SELECT count(*) FROM ticket")) or 0)
        at = datetime(day.year, day.month, day.day, 2, tzinfo=UTC)
        s.add_all(
            Ticket(
                id=str(uuid.uuid4()),
                mpp_code="test",
                kiosk_id=kiosk_id,
                request_id="r",
                gerai_code=gerai,
                service_code=service,
                prefix="A",
                series="R",
                seq=start + i + 1,
                number=f"A{start + i + 1:03d}",
                service_day=day,
                issued_at=at,
                received_at=at,
                source="online",
                state=state,
            )
            for i in range(n)
        )


def test_visit_report_per_day_month_and_year(mpp: Mpp) -> None:
    _add_visits(mpp, date(2024, 1, 15), "dukcapil", "ktp-el-baru", 700)
    _add_visits(mpp, date(2024, 1, 16), "dukcapil", "kk-baru", 20)
    _add_visits(mpp, date(2024, 2, 1), "dinkes", "sip-dokter", 900)
    _add_visits(mpp, date(2024, 2, 2), "dukcapil", "ktp-el-baru", 500)
    _add_visits(mpp, date(2025, 3, 1), "dinkes", "sip-dokter", 3)
    _add_visits(mpp, date(2024, 2, 3), "dukcapil", "ktp-el-baru", 4, state="allocated")

    year = visit_report(mpp.db, by="year")
    assert year.totals == {"2024": 2120, "2025": 3}
    assert year.unconfirmed == 4
    first = year.rows[0]
    assert (first.period, first.gerai_name, first.visits) == ("2024", "Dispendukcapil", 1220)
    table = render_table(year)
    assert "2,120" in table and "1,220" in table and "never confirmed" in table
    assert table.index("Dispendukcapil") < table.index("Dinas Kesehatan")  # most visits first

    month = visit_report(mpp.db, by="month", level="gerai")
    assert month.totals == {"2024-01": 720, "2024-02": 1400, "2025-03": 3}
    rows = list(csv.DictReader(io.StringIO(render_csv(month))))
    assert {(r["period"], r["gerai_code"], r["visits"]) for r in rows} == {
        ("2024-01", "dukcapil", "720"),
        ("2024-02", "dinkes", "900"),
        ("2024-02", "dukcapil", "500"),
        ("2025-03", "dinkes", "3"),
    }
    assert all(r["service_code"] == "" for r in rows)

    day = visit_report(mpp.db, by="day", start=date(2024, 1, 16), end=date(2024, 2, 1))
    assert day.totals == {"2024-01-16": 20, "2024-02-01": 900}
    services = [r for r in day.rows if r.service_code]
    assert {(r.period, r.service_name, r.visits) for r in services} == {
        ("2024-01-16", "Kartu Keluarga Baru", 20),
        ("2024-02-01", "Surat Izin Praktik Dokter", 900),
    }
    svc_csv = list(csv.DictReader(io.StringIO(render_csv(day))))
    assert len(svc_csv) == 2 and svc_csv[0]["service_name"]


def test_report_refuses_bad_arguments(mpp: Mpp) -> None:
    with pytest.raises(ValueError):
        visit_report(mpp.db, by="week")
    with pytest.raises(ValueError):
        visit_report(mpp.db, "nowhere")


def test_tokens_are_stored_only_as_hashes(mpp: Mpp) -> None:
    with mpp.db.read() as s:
        rows = s.scalars(select(Kiosk)).all()
    for row in rows:
        token = mpp.token(row.name)
        assert row.token_hash == token_hash(token) and token not in row.token_hint
    assert {r.slot for r in rows} == {1, 2, 3}


def test_slots_of_long_revoked_kiosks_are_reused(mpp: Mpp) -> None:
    from central.kiosks import add_kiosk, revoke_kiosk

    revoke_kiosk(mpp.db, "k2")
    assert add_kiosk(mpp.db, "k4", None)[0].slot == 4  # k2's slot is kept for a while
    with mpp.db.write() as s:
        k2 = s.scalar(select(Kiosk).where(Kiosk.name == "k2"))
        assert k2 is not None
        k2.revoked_at = datetime.now(UTC) - timedelta(days=3)
    assert add_kiosk(mpp.db, "k5", None)[0].slot == 2
