from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from mpp_core.domain.catalog import Catalog, GeraiState
from mpp_core.domain.clock import WIB
from mpp_core.domain.hours import Reason, availability


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 12, day, hour, minute, tzinfo=WIB)  # 2 Dec 2026 is a Wednesday


def _svc(c: Catalog, code: str):  # type: ignore[no-untyped-def]
    s = c.service_by_code(code)
    assert s is not None
    g = c.gerai_by_code(s.gerai_code)
    assert g is not None
    return g, s


def test_open_in_hours_with_last_ticket_time(mini_catalog: Catalog) -> None:
    g, s = _svc(mini_catalog, "ktp-el-baru")
    av = availability(mini_catalog, g, s, at(2, 10))
    assert av.can_issue and av.reason is Reason.OPEN
    assert av.closes_at == at(2, 14, 30)  # 15:00 close minus the 30 min cut-off


def test_before_opening_says_today_when(mini_catalog: Catalog) -> None:
    g, s = _svc(mini_catalog, "ktp-el-baru")
    av = availability(mini_catalog, g, s, at(2, 7, 15))
    assert av.reason is Reason.BEFORE_OPENING and av.next_open == at(2, 8)


def test_after_cutoff_points_to_next_working_morning(mini_catalog: Catalog) -> None:
    g, s = _svc(mini_catalog, "ktp-el-baru")
    av = availability(mini_catalog, g, s, at(2, 14, 31))
    assert av.reason is Reason.AFTER_CUTOFF and av.next_open == at(3, 8)
    # Friday closes at 14:00, so the cut-off is 13:30; next opening is Monday.
    av = availability(mini_catalog, g, s, at(4, 13, 45))
    assert av.reason is Reason.AFTER_CUTOFF and av.next_open == at(7, 8)


def test_cutoff_is_configurable(mini_catalog: Catalog) -> None:
    g, s = _svc(mini_catalog, "ktp-el-baru")
    assert availability(mini_catalog, g, s, at(2, 14, 45), cutoff_minutes=10).can_issue
    assert not availability(mini_catalog, g, s, at(2, 14, 51), cutoff_minutes=10).can_issue


def test_weekend_closed_opens_monday(mini_catalog: Catalog) -> None:
    g, s = _svc(mini_catalog, "ktp-el-baru")
    av = availability(mini_catalog, g, s, at(5, 10))  # Saturday
    assert av.reason is Reason.CLOSED_TODAY and av.next_open == at(7, 8)


def test_holiday_named_and_next_day(mini_catalog: Catalog) -> None:
    g, s = _svc(mini_catalog, "ktp-el-baru")
    av = availability(mini_catalog, g, s, at(25, 10))  # Friday, Christmas
    assert av.reason is Reason.HOLIDAY
    assert av.holiday_name == "Hari Raya Natal"
    assert av.next_open == at(28, 8)


def test_quota_used_up_points_to_next_day(mini_catalog: Catalog) -> None:
    g, s = _svc(mini_catalog, "akta-kelahiran")  # quota 2
    assert availability(mini_catalog, g, s, at(2, 10), issued_today=1).can_issue
    av = availability(mini_catalog, g, s, at(2, 10), issued_today=2)
    assert av.reason is Reason.QUOTA_FULL and av.next_open == at(3, 8)


def test_planned_and_no_queue(mini_catalog: Catalog) -> None:
    planned = mini_catalog.gerai_by_code("imigrasi")
    assert planned is not None and planned.state is GeraiState.PLANNED
    assert availability(mini_catalog, planned, None, at(2, 10)).reason is Reason.GERAI_PLANNED
    g, s = _svc(mini_catalog, "ikd-aktivasi")
    assert availability(mini_catalog, g, s, at(2, 10)).reason is Reason.NO_QUEUE


def test_closed_gerai(mini_catalog: Catalog) -> None:
    g, s = _svc(mini_catalog, "sip-dokter")
    closed = replace(g, state=GeraiState.CLOSED)
    assert availability(mini_catalog, closed, s, at(2, 10)).reason is Reason.GERAI_CLOSED


@pytest.mark.parametrize("hour", [0, 8, 12, 23])
def test_time_zone_is_wib_whatever_the_input_zone(mini_catalog: Catalog, hour: int) -> None:
    g, s = _svc(mini_catalog, "ktp-el-baru")
    wib = at(2, hour)
    utc = wib.astimezone(UTC)
    assert utc.tzinfo is UTC
    assert availability(mini_catalog, g, s, wib) == availability(mini_catalog, g, s, utc)
