"""End to end against emupos, an independent ESC/POS printer simulator (its own Python 3.13
venv, built by scripts/setup-emupos.sh): the kiosk's PrintService prints over TCP and over
emupos's serial pty; faults are switched through emupos's REST API in the middle of the run;
the slips emupos rendered are read back (text, and QR codes decoded from its PNG by zxing-cpp).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kiosk.printing.service import PrintService
from kiosk.printing.settings import PrinterSettings
from kiosk.printing.slip import QrMode
from kiosk.printing.status import PrinterState

from .conftest import EmuposDaemon
from .helpers import FAST, make_slip

pytestmark = pytest.mark.emulator


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text)


def settings_for(daemon: EmuposDaemon, link: str, **extra: object) -> PrinterSettings:
    if link == "tcp":
        return PrinterSettings(
            kind="network",
            host="127.0.0.1",
            port=daemon.tcp_port_80,
            **{**FAST, **extra},
        )
    return PrinterSettings(
        kind="serial",
        serial_device=daemon.serial_link,
        baudrate=9600,
        **{**FAST, **extra},
    )


FAULT_ROWS = [
    ("paper-near-end", True, PrinterState.PAPER_NEAR_END),
    ("paper-out", False, PrinterState.PAPER_OUT),
    ("cover-open", False, PrinterState.COVER_OPEN),
    ("offline", False, PrinterState.OFFLINE),
]


@pytest.mark.parametrize("link", ["tcp", "serial"])
def test_slips_and_faults_through_emupos(
    emupos_daemon: EmuposDaemon, link: str, tmp_path: Path
) -> None:
    daemon = emupos_daemon
    service = PrintService(settings_for(daemon, link))
    before = len(daemon.receipts("p80"))
    expected = before
    try:
        # a normal slip
        service.print_ticket(f"{link}-1", make_slip(number="C-101", qr_payload=f"MPP:{link}:1"))
        outcome = service.wait_for(f"{link}-1", timeout=10)
        assert outcome.printed and outcome.state is PrinterState.READY
        expected += 1
        receipts = daemon.wait_receipts("p80", expected)
        assert len(receipts) == expected
        newest = receipts[0]
        assert newest["boundary"] == "cut"
        text = daemon.receipt_text("p80", newest["id"])
        assert "C-101" in text.splitlines()
        assert "Dinas Kependudukan dan Pencatatan Sipil" in _norm(text)
        assert "Perekaman KTP-el" in text
        assert daemon.receipt_qr("p80", newest["id"], tmp_path) == [f"MPP:{link}:1"]

        # each fault row, switched on and off in the middle of the run
        for index, (fault, printed, state) in enumerate(FAULT_ROWS, start=2):
            daemon.fault("p80", fault, True)
            job = f"{link}-{index}"
            service.print_ticket(job, make_slip(number=f"C-{100 + index}"))
            outcome = service.wait_for(job, timeout=10)
            daemon.fault("p80", fault, False)
            assert outcome.printed is printed, (fault, outcome)
            assert outcome.state is state, (fault, outcome)
            assert outcome.needs_reprint is (not printed)
            if printed:
                expected += 1
            # after the fault clears nothing stale comes out: emupos holds data sent during a
            # blocking fault and prints it on recovery, so this proves nothing was sent
            receipts = daemon.wait_receipts("p80", expected + 1, timeout=0.3)
            assert len(receipts) == expected, (fault, receipts[:2])

        # the printer is back: the next ticket prints, once
        service.print_ticket(f"{link}-9", make_slip(number="C-199"))
        assert service.wait_for(f"{link}-9", timeout=10).printed
        expected += 1
        receipts = daemon.wait_receipts("p80", expected)
        assert len(receipts) == expected
        assert "C-199" in daemon.receipt_text("p80", receipts[0]["id"]).splitlines()
    finally:
        service.close()


@pytest.mark.parametrize("qr", ["native", "image"])
def test_58mm_slip_through_emupos(emupos_daemon: EmuposDaemon, qr: QrMode, tmp_path: Path) -> None:
    daemon = emupos_daemon
    settings = PrinterSettings(
        kind="network",
        host="127.0.0.1",
        port=daemon.tcp_port_58,
        paper_width_mm=58,
        columns=32,
        profile="POS-5890",
        qr=qr,
        print_requirements=True,
        **FAST,
    )
    service = PrintService(settings)
    before = len(daemon.receipts("p58"))
    try:
        slip = make_slip(number="D-007", qr_payload=f"MPP:58:{qr}", requirements=("Fotokopi KK",))
        service.print_ticket(f"58-{qr}", slip)
        assert service.wait_for(f"58-{qr}", timeout=10).printed
        receipts = daemon.wait_receipts("p58", before + 1)
        newest = receipts[0]
        assert newest["width_dots"] == 384 and newest["boundary"] == "cut"
        text = daemon.receipt_text("p58", newest["id"])
        assert "D-007" in text.splitlines()
        assert "[ ] Fotokopi KK" in text
        assert all(len(line) <= 32 for line in text.splitlines())
        assert daemon.receipt_qr("p58", newest["id"], tmp_path) == [f"MPP:58:{qr}"]
    finally:
        service.close()
