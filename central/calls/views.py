"""What the pages show, read from the database: a gerai's day (waiting order, people ahead,
estimated waits, who is called where), and an MPP's board (lokets serving, last calls).

A :class:`GeraiView` is computed once per change and shared by every page that shows the
gerai (``central.web.live``): the petugas pages, and the status pages of its tickets.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from central.calls.rules import Rule, rule_for
from central.catalogs import Published
from central.models import Loket, ServerState, Ticket, TicketCall, WebAudit
from mpp_core.domain.calling import (
    REGULAR,
    Waiting,
    call_order,
    median_service_s,
    regulars_since_priority,
    wait_minutes,
)

ACTIVE_LOKET = timedelta(minutes=30)  # a loket that called within this is counted as open
LAST_CALLS = 8
NOTICE_KEY = "notice:"
LIVE_STATES = ("allocated", "confirmed")


def display(number: str, series: str) -> str:
    """``A001`` -> ``A-001``, ``AP001`` -> ``A-P001`` (the stored form has no dash)."""
    digits = len(number) - len(number.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    head, tail = number[:digits], number[digits:]
    if series == "P" and head.endswith("P") and len(head) > 1:
        return f"{head[:-1]}-P{tail}"
    return f"{head}-{tail}"


@dataclass(frozen=True, slots=True)
class TicketState:
    """One ticket of a gerai's day as the pages see it."""

    ticket_id: str
    number: str  # as shown: A-001
    series: str
    service_code: str
    issued_at: datetime
    status: str  # waiting, called, done, no_show, transferred (moved to another gerai)
    loket: int | None = None
    recalls: int = 0
    ahead: int = 0
    wait_minutes: int = 0
    moved_to: str | None = None  # the gerai a transferred ticket now waits at
    called_at: datetime | None = None


@dataclass(slots=True)
class GeraiView:
    mpp_code: str
    gerai_code: str
    day: date
    computed_at: datetime
    rule: Rule
    waiting: list[TicketState] = field(default_factory=list)  # in call order
    called: list[TicketState] = field(default_factory=list)  # newest call first
    by_id: dict[str, TicketState] = field(default_factory=dict)
    service_s: float = 600.0
    service_measured: bool = False
    lokets: int = 1
    paused: frozenset[int] = frozenset()
    version: int = 0

    def waiting_of(self, series: str) -> int:
        return sum(1 for t in self.waiting if (t.series == "P") == (series == "P"))


def _gerai_rows(session: Session, mpp: str, gerai: str, day: date) -> list[Any]:
    return list(
        session.execute(
            select(
                Ticket.id,
                Ticket.number,
                Ticket.series,
                Ticket.service_code,
                Ticket.issued_at,
                Ticket.gerai_code,
                TicketCall.gerai_code.label("c_gerai"),
                TicketCall.service_code.label("c_service"),
                TicketCall.status,
                TicketCall.loket,
                TicketCall.recalls,
                TicketCall.first_called_at,
                TicketCall.called_at,
                TicketCall.finished_at,
            )
            .outerjoin(TicketCall, TicketCall.ticket_id == Ticket.id)
            .where(
                Ticket.mpp_code == mpp,
                Ticket.service_day == day,
                Ticket.state.in_(LIVE_STATES),
                or_(Ticket.gerai_code == gerai, TicketCall.gerai_code == gerai),
            )
        )
    )


def gerai_view(
    session: Session, mpp: str, gerai: str, day: date, published: Published | None, now: datetime
) -> GeraiView:
    rule = rule_for(session, mpp, gerai)
    view = GeraiView(mpp, gerai, day, now, rule)
    waiting: list[Any] = []
    finished: list[Any] = []
    for r in _gerai_rows(session, mpp, gerai, day):
        here = (r.c_gerai or r.gerai_code) == gerai
        status = r.status or "waiting"
        number = display(r.number, r.series)
        service = r.c_service or r.service_code
        if not here:
            view.by_id[r.id] = TicketState(
                r.id, number, r.series, service, r.issued_at, "transferred", moved_to=r.c_gerai
            )
        elif status == "waiting":
            waiting.append(r)
        else:
            finished.append(r)
            state = TicketState(
                r.id, number, r.series, service, r.issued_at, status, r.loket, r.recalls or 0,
                called_at=r.called_at,
            )  # fmt: skip
            view.by_id[r.id] = state
            if status == "called":
                view.called.append(state)
    view.called.sort(key=lambda t: t.called_at or now, reverse=True)
    # The service times and the priority interleave come from the calls of the day.
    durations = [
        (r.finished_at - r.first_called_at).total_seconds()
        for r in sorted(finished, key=lambda r: r.finished_at or now, reverse=True)
        if r.status == "done" and r.finished_at and r.first_called_at
    ]
    median = median_service_s(durations)
    gerai_info = published.catalog.gerai_by_code(gerai) if published else None
    if median is not None:
        view.service_s, view.service_measured = median, True
    elif gerai_info is not None:
        view.service_s = gerai_info.avg_service_minutes * 60.0
    recent = sorted(
        (r for r in finished if r.first_called_at), key=lambda r: r.first_called_at, reverse=True
    )
    since = regulars_since_priority([r.series for r in recent])
    lokets = session.execute(
        select(Loket.number, Loket.paused).where(Loket.mpp_code == mpp, Loket.gerai_code == gerai)
    ).all()
    view.paused = frozenset(n for n, p in lokets if p)
    active = {r.loket for r in finished if r.called_at and now - r.called_at < ACTIVE_LOKET}
    active -= view.paused
    view.lokets = len(active) or (gerai_info.counters if gerai_info else 1) or 1
    waiting.sort(key=lambda r: (r.issued_at, r.id))
    rows = {r.id: r for r in waiting}
    order = call_order([Waiting(r.id, r.series) for r in waiting], since, rule.priority_every)
    for ahead, w in enumerate(order):
        r = rows[w.ticket_id]
        state = TicketState(
            r.id,
            display(r.number, r.series),
            r.series,
            r.c_service or r.service_code,
            r.issued_at,
            "waiting",
            ahead=ahead,
            wait_minutes=wait_minutes(ahead, view.service_s, view.lokets),
        )
        view.waiting.append(state)
        view.by_id[r.id] = state
    return view


@dataclass(frozen=True, slots=True)
class Call:
    id: int  # the audit row's id: the board's event id
    number: str
    gerai_code: str
    loket: int
    at: datetime
    recall: bool


@dataclass(slots=True)
class BoardView:
    mpp_code: str
    serving: list[tuple[str, int, str]]  # (gerai, loket, number) being served now
    calls: list[Call]  # newest first
    notice: str
    version: int = 0


def board_view(session: Session, mpp: str, day: date, day_start: datetime) -> BoardView:
    """Who is served where today, the last calls of today, and the running notice."""
    serving = [
        (g, n, display(num, series))
        for g, n, num, series in session.execute(
            select(Loket.gerai_code, Loket.number, Ticket.number, Ticket.series)
            .join(
                TicketCall,
                and_(
                    TicketCall.ticket_id == Loket.current_ticket_id,
                    TicketCall.status == "called",
                ),
            )
            .join(Ticket, Ticket.id == Loket.current_ticket_id)
            .where(Loket.mpp_code == mpp, Ticket.service_day == day)
            .order_by(Loket.gerai_code, Loket.number)
        )
    ]
    calls = [
        Call(a.id, str(a.detail.get("number", "")), a.gerai_code or "", a.loket or 0, a.at,
             a.action == "recall")
        for a in session.scalars(
            select(WebAudit)
            .where(
                WebAudit.mpp_code == mpp,
                WebAudit.action.in_(["call", "recall"]),
                WebAudit.at >= day_start,
            )
            .order_by(WebAudit.id.desc())
            .limit(LAST_CALLS)
        )
    ]  # fmt: skip
    row = session.get(ServerState, NOTICE_KEY + mpp)
    return BoardView(mpp, serving, calls, row.value if row else "")


def queue_figures(view: GeraiView) -> dict[str, Any]:
    """The queue state of one gerai sent down to kiosks (``GET /api/v1/queue-state``)."""
    return {
        "gerai_code": view.gerai_code,
        "waiting_regular": view.waiting_of(REGULAR),
        "waiting_priority": view.waiting_of("P"),
        "median_service_s": round(view.service_s, 1),
        "service_measured": view.service_measured,
        "open_lokets": view.lokets,
        "est_wait_minutes": wait_minutes(len(view.waiting), view.service_s, view.lokets),
    }
