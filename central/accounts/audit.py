"""The web audit log: one row per login, call, recall, done, no-show, transfer, pause and
change, with the actor, the time and the details (never a password, token or hash)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from central.models import WebAudit

ACTIONS = (
    "login",
    "login_failed",
    "logout",
    "call",
    "recall",
    "done",
    "no_show",
    "transfer",
    "pause",
    "resume",
    "user_add",
    "user_disable",
    "user_reset",
    "rule_change",
    "notice_change",
    "status_key_rotate",
)


def record(
    session: Session,
    *,
    mpp: str,
    actor: str,
    action: str,
    at: datetime,
    gerai: str | None = None,
    loket: int | None = None,
    ticket_id: str | None = None,
    **detail: Any,
) -> WebAudit:
    if action not in ACTIONS:
        raise ValueError(f"unknown audit action {action!r}")
    row = WebAudit(
        mpp_code=mpp,
        at=at,
        actor=actor[:64],
        action=action,
        gerai_code=gerai,
        loket=loket,
        ticket_id=ticket_id,
        detail=detail,
    )
    session.add(row)
    session.flush()
    return row
