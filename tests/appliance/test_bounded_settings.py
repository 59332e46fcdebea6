"""Every numeric sync setting has a finite range: nan, inf and absurd values are refused (as
the printer's are), so no worker thread can be handed a timeout that ends it."""

from __future__ import annotations

import math

import pytest

from kiosk.settings.server import SERVER_KEYS, check_server

BASE = {"url": "https://queue.example.id", "token": "mppk_abcdefgh12345678"}
NUMERIC = [k for k, key in SERVER_KEYS.items() if key.kind in (int, float)]


def test_there_are_numeric_sync_settings() -> None:
    assert {"interval_s", "heartbeat_s", "read_timeout_s", "lease_block"} <= set(NUMERIC)


@pytest.mark.parametrize("name", NUMERIC)
@pytest.mark.parametrize("value", [1e12, -1, math.inf, math.nan])
def test_each_numeric_sync_setting_is_bounded(name: str, value: float) -> None:
    typed = int(value) if SERVER_KEYS[name].kind is int and math.isfinite(value) else value
    good, problems = check_server({**BASE, name: typed})
    assert name not in good
    assert [p.key for p in problems] == [f"server.{name}"]
