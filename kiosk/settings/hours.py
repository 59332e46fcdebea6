"""``[hours]``: this kiosk's opening-hours override (e.g. Ramadan hours, an event Saturday, a
day the MPP is closed), and its one validator.

``check_hours`` is used by the config file check and, through it, by the technician's kiosk
form (the form saves the whole file, which is checked first).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from kiosk.settings.rules import Choice, Items, Key, Pattern, Problem, check_table
from mpp_core.domain.catalog import WEEKDAYS
from mpp_core.i18n import Text

HOURS_MODES = ("catalog", "closed", "custom")


@dataclass(frozen=True)
class HoursConfig:
    """``catalog`` follows the catalog's hours; ``closed`` closes every gerai; ``custom``
    opens every gerai from ``open`` to ``close`` (WIB) on ``days``. ``until`` (YYYY-MM-DD)
    ends the override after that day; "" keeps it until changed."""

    mode: str = "catalog"  # catalog | closed | custom
    open: str = "08:00"  # custom: every gerai opens ...
    close: str = "15:00"  # ... and closes at these times (WIB) ...
    days: tuple[str, ...] = ("mon", "tue", "wed", "thu", "fri")  # ... on these days
    until: str = ""  # YYYY-MM-DD: the override ends after this day; "" = until changed

    def active_on(self, day: date) -> bool:
        if self.mode == "catalog":
            return False
        return not self.until or day <= date.fromisoformat(self.until)


_TIME = Pattern(
    r"^([01][0-9]|2[0-3]):[0-5][0-9]$",
    Text("waktu JJ:MM (24 jam)", "a time as HH:MM (24 hours)"),
)
CLOSE_AFTER_OPEN = Text(
    "harus lebih lambat dari hours.open ({open}), bukan {close}",
    "must be later than hours.open ({open}), not {close}",
)
NOT_A_DATE = Text("bukan tanggal yang ada: {until}", "is not a real date: {until}")
HOURS_KEYS: dict[str, Key] = {
    "mode": Key(str, Choice(HOURS_MODES)),
    "open": Key(str, _TIME),
    "close": Key(str, _TIME),
    "days": Key(list, Items(WEEKDAYS)),
    "until": Key(
        str,
        Pattern(
            r"^(\d{4}-\d{2}-\d{2})?$",
            Text("tanggal TTTT-BB-HH, atau kosong", "a date as YYYY-MM-DD, or empty"),
        ),
    ),
}


def check_hours(table: Mapping[str, Any], base: HoursConfig) -> tuple[HoursConfig, list[Problem]]:
    """The ``[hours]`` table over ``base``: a bad key keeps its base value; closing no later
    than opening puts the whole override back to ``base``; a date that does not exist
    (2026-02-30) keeps the base ``until``."""
    good, problems = check_table("hours", table, HOURS_KEYS)
    asked = replace(base, **good)
    hours = asked
    if asked.mode == "custom" and asked.open >= asked.close:
        problems.append(
            Problem("hours.close", CLOSE_AFTER_OPEN.bind(open=asked.open, close=asked.close))
        )
        hours = base
    if asked.until:
        try:
            date.fromisoformat(asked.until)
        except ValueError:
            problems.append(Problem("hours.until", NOT_A_DATE.bind(until=repr(asked.until))))
            hours = replace(hours, until=base.until)
    return hours, problems
