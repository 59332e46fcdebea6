"""Shared test helpers for the printing tests."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from kiosk.printing.slip import SlipData

# Short timeouts keep the fault tests fast; one test checks the real defaults.
FAST: dict[str, Any] = {
    "status_timeout_s": 0.15,
    "connect_timeout_s": 1.0,
    "write_timeout_s": 1.5,
    "status_poll_s": 0.0,
}


def make_slip(**changes: Any) -> SlipData:
    base: dict[str, Any] = {
        "mpp_name": "MPP Kota Surabaya",
        "number": "A-001",
        "gerai_name": "Dinas Kependudukan dan Pencatatan Sipil",
        "gerai_location": "Lantai 2, Gerai 5",
        "service_name": "Perekaman KTP-el",
        "issued_at": datetime(2025, 5, 12, 1, 15, tzinfo=UTC),
        "people_ahead": 7,
        "est_wait_minutes": 25,
        "priority_label": None,
        "qr_payload": "MPP-SBY:T:0001",
        "footer_lines": ("Buka Senin-Jumat 08.00-15.00 WIB",),
        "requirements": (),
    }
    base.update(changes)
    return SlipData(**base)
