"""The call rules per MPP and gerai: the priority interleave and when "Tidak hadir" is allowed.

A gerai's own row (``call_rule``) wins over its MPP's row (gerai_code ``""``), which wins over
the defaults (one priority after every 3 regular; no-show after 2 recalls).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from central.accounts.audit import record
from central.models import CallRule
from mpp_core.domain.calling import DEFAULT_NO_SHOW_AFTER, DEFAULT_PRIORITY_EVERY

MAX_EVERY = 50
MAX_RECALLS = 10


@dataclass(frozen=True, slots=True)
class Rule:
    priority_every: int = DEFAULT_PRIORITY_EVERY
    no_show_after: int = DEFAULT_NO_SHOW_AFTER


def rule_for(session: Session, mpp: str, gerai: str) -> Rule:
    rows = {
        r.gerai_code: r
        for r in session.scalars(
            select(CallRule).where(CallRule.mpp_code == mpp, CallRule.gerai_code.in_(["", gerai]))
        )
    }
    row = rows.get(gerai) or rows.get("")
    return Rule() if row is None else Rule(row.priority_every, row.no_show_after)


def set_rule(
    session: Session,
    mpp: str,
    gerai: str,
    priority_every: int,
    no_show_after: int,
    actor: str,
    now: datetime,
) -> None:
    """Set the rule of a gerai (``gerai=""``: the MPP's default)."""
    if not 0 <= priority_every <= MAX_EVERY:
        raise ValueError(f"priority_every is 0 to {MAX_EVERY}")
    if not 0 <= no_show_after <= MAX_RECALLS:
        raise ValueError(f"no_show_after is 0 to {MAX_RECALLS}")
    row = session.get(CallRule, (mpp, gerai))
    if row is None:
        session.add(
            CallRule(
                mpp_code=mpp,
                gerai_code=gerai,
                priority_every=priority_every,
                no_show_after=no_show_after,
            )
        )
    else:
        row.priority_every, row.no_show_after = priority_every, no_show_after
    record(
        session,
        mpp=mpp,
        actor=actor,
        action="rule_change",
        at=now,
        gerai=gerai or None,
        priority_every=priority_every,
        no_show_after=no_show_after,
    )
