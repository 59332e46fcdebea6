"""A loket's actions, each one atomic transaction with its audit row: *Panggil berikutnya*,
*Panggil ulang*, *Selesai*, *Tidak hadir*, *Alihkan*, *Istirahat* / *Lanjut*.

Everything that touches a gerai's calls first takes the gerai's call lock for the day: on
PostgreSQL a transaction-scoped advisory lock (``pg_advisory_xact_lock``), on SQLite the one
writer the database allows (``BEGIN IMMEDIATE``). Two officers pressing "next" at once are
therefore served one after the other and never get the same ticket; a second guard is that a
ticket is only called while its row says ``waiting`` (the update checks it).
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select, text
from sqlalchemy.orm import Session

from central.accounts.audit import record
from central.accounts.users import User
from central.calls.views import LIVE_STATES, display, gerai_view
from central.catalogs import Published
from central.models import Loket, Ticket, TicketCall
from mpp_core.domain.clock import service_day


class CallRefused(Exception):
    """An action that cannot be done now; ``reason`` is a stable code the page words."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


REASONS = ("paused", "empty", "no_current", "too_few_recalls", "bad_target", "not_petugas")


@dataclass(frozen=True, slots=True)
class Outcome:
    action: str
    ticket_id: str | None
    number: str | None
    gerais: frozenset[str]  # the gerai whose pages change
    audit_id: int | None = None


def lock_gerai(session: Session, mpp: str, gerai: str, day: object) -> None:
    """Serialise calls of one gerai and day (PostgreSQL; SQLite has one writer anyway)."""
    if session.get_bind().dialect.name == "postgresql":
        key = zlib.crc32(f"call|{mpp}|{gerai}|{day}".encode()) - 2**31
        session.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": key})


def _loket(session: Session, user: User, now: datetime) -> Loket:
    if user.role != "petugas" or user.gerai_code is None or user.loket is None:
        raise CallRefused("not_petugas")
    row = session.get(Loket, (user.mpp_code, user.gerai_code, user.loket))
    if row is None:
        row = Loket(
            mpp_code=user.mpp_code,
            gerai_code=user.gerai_code,
            number=user.loket,
            paused=False,
            updated_at=now,
        )
        session.add(row)
        session.flush()
    return row


def _current(session: Session, loket: Loket) -> tuple[TicketCall, Ticket] | None:
    if loket.current_ticket_id is None:
        return None
    call = session.get(TicketCall, loket.current_ticket_id)
    ticket = session.get(Ticket, loket.current_ticket_id)
    if call is None or ticket is None or call.status != "called":
        return None
    return call, ticket


def _finish(session: Session, user: User, loket: Loket, status: str, now: datetime) -> Outcome:
    cur = _current(session, loket)
    if cur is None:
        raise CallRefused("no_current")
    call, ticket = cur
    call.status = status
    call.finished_at = now
    loket.current_ticket_id = None
    loket.updated_at = now
    number = display(ticket.number, ticket.series)
    row = record(
        session,
        mpp=user.mpp_code,
        actor=user.name,
        action="done" if status == "done" else "no_show",
        at=now,
        gerai=call.gerai_code,
        loket=loket.number,
        ticket_id=ticket.id,
        number=number,
        recalls=call.recalls,
    )
    return Outcome(row.action, ticket.id, number, frozenset({call.gerai_code}), row.id)


def call_next(session: Session, user: User, published: Published | None, now: datetime) -> Outcome:
    """Finish the loket's current ticket (served), then call the next one by the rule."""
    day = service_day(now)
    assert user.gerai_code is not None
    lock_gerai(session, user.mpp_code, user.gerai_code, day)
    loket = _loket(session, user, now)
    if loket.paused:
        raise CallRefused("paused")
    if _current(session, loket) is not None:
        _finish(session, user, loket, "done", now)
    view = gerai_view(session, user.mpp_code, user.gerai_code, day, published, now)
    services = set(user.services or ())
    pick = next((t for t in view.waiting if not services or t.service_code in services), None)
    if pick is None:
        raise CallRefused("empty")
    ticket = session.get(Ticket, pick.ticket_id)
    assert ticket is not None and ticket.state in LIVE_STATES
    call = session.get(TicketCall, ticket.id)
    if call is None:
        call = TicketCall(
            ticket_id=ticket.id,
            mpp_code=ticket.mpp_code,
            service_day=ticket.service_day,
            gerai_code=ticket.gerai_code,
            service_code=ticket.service_code,
            recalls=0,
            transfers=0,
        )
        session.add(call)
    elif call.status != "waiting":
        raise CallRefused("empty")  # cannot happen under the lock; never call a ticket twice
    call.status = "called"
    call.loket = loket.number
    call.recalls = 0
    call.first_called_at = now
    call.called_at = now
    call.called_by = user.name
    loket.current_ticket_id = ticket.id
    loket.updated_at = now
    session.flush()
    row = record(
        session,
        mpp=user.mpp_code,
        actor=user.name,
        action="call",
        at=now,
        gerai=call.gerai_code,
        loket=loket.number,
        ticket_id=ticket.id,
        number=pick.number,
        series=ticket.series,
        service=call.service_code,
        waited_s=int((now - ticket.issued_at).total_seconds()),
    )
    return Outcome("call", ticket.id, pick.number, frozenset({call.gerai_code}), row.id)


def recall(session: Session, user: User, now: datetime) -> Outcome:
    loket = _loket(session, user, now)
    cur = _current(session, loket)
    if cur is None:
        raise CallRefused("no_current")
    call, ticket = cur
    call.recalls += 1
    call.called_at = now
    number = display(ticket.number, ticket.series)
    row = record(
        session,
        mpp=user.mpp_code,
        actor=user.name,
        action="recall",
        at=now,
        gerai=call.gerai_code,
        loket=loket.number,
        ticket_id=ticket.id,
        number=number,
        recalls=call.recalls,
    )
    return Outcome("recall", ticket.id, number, frozenset({call.gerai_code}), row.id)


def done(session: Session, user: User, now: datetime) -> Outcome:
    return _finish(session, user, _loket(session, user, now), "done", now)


def no_show(session: Session, user: User, no_show_after: int, now: datetime) -> Outcome:
    loket = _loket(session, user, now)
    cur = _current(session, loket)
    if cur is not None and cur[0].recalls < no_show_after:
        raise CallRefused("too_few_recalls")
    return _finish(session, user, loket, "no_show", now)


def transfer(
    session: Session,
    user: User,
    published: Published | None,
    service_code: str,
    now: datetime,
) -> Outcome:
    """Send the loket's current ticket to another service (of this or another gerai): it waits
    there with its own issue time, so it keeps its place."""
    loket = _loket(session, user, now)
    service = published.catalog.service_by_code(service_code) if published else None
    if service is None or not service.needs_queue:
        raise CallRefused("bad_target")
    cur = _current(session, loket)
    if cur is None:
        raise CallRefused("no_current")
    call, ticket = cur
    if service.code == call.service_code:
        raise CallRefused("bad_target")
    source = call.gerai_code
    day = service_day(now)
    if service.gerai_code != source:
        lock_gerai(session, user.mpp_code, service.gerai_code, day)
    call.status = "waiting"
    call.from_gerai = source
    call.gerai_code = service.gerai_code
    call.service_code = service.code
    call.loket = None
    call.recalls = 0
    call.transfers += 1
    loket.current_ticket_id = None
    loket.updated_at = now
    number = display(ticket.number, ticket.series)
    row = record(
        session,
        mpp=user.mpp_code,
        actor=user.name,
        action="transfer",
        at=now,
        gerai=source,
        loket=loket.number,
        ticket_id=ticket.id,
        number=number,
        to_gerai=service.gerai_code,
        to_service=service.code,
    )
    return Outcome("transfer", ticket.id, number, frozenset({source, service.gerai_code}), row.id)


def set_paused(session: Session, user: User, paused: bool, now: datetime) -> Outcome:
    """*Istirahat* (``paused``) or *Lanjut*: a paused loket's "next" is refused."""
    loket = _loket(session, user, now)
    loket.paused = paused
    loket.updated_at = now
    row = record(
        session,
        mpp=user.mpp_code,
        actor=user.name,
        action="pause" if paused else "resume",
        at=now,
        gerai=loket.gerai_code,
        loket=loket.number,
    )
    return Outcome(row.action, None, None, frozenset({loket.gerai_code}), row.id)


def current_ticket(session: Session, user: User) -> tuple[str, str, int] | None:
    """(ticket id, number, recalls) the petugas's loket serves now, or None."""
    if user.gerai_code is None or user.loket is None:
        return None
    loket = session.get(Loket, (user.mpp_code, user.gerai_code, user.loket))
    cur = _current(session, loket) if loket is not None else None
    if cur is None:
        return None
    return cur[1].id, display(cur[1].number, cur[1].series), cur[0].recalls


def loket_paused(session: Session, user: User) -> bool:
    if user.gerai_code is None or user.loket is None:
        return False
    row = session.get(Loket, (user.mpp_code, user.gerai_code, user.loket))
    return bool(row and row.paused)


def ticket_gerai(session: Session, ticket_id: str) -> tuple[str, str, date] | None:
    """(MPP, gerai where it is now, service day) of a ticket the server holds, or None."""
    row = session.execute(
        select(Ticket.mpp_code, Ticket.gerai_code, TicketCall.gerai_code, Ticket.service_day)
        .outerjoin(TicketCall, TicketCall.ticket_id == Ticket.id)
        .where(Ticket.id == ticket_id)
    ).first()
    if row is None:
        return None
    return row[0], row[2] or row[1], row[3]
