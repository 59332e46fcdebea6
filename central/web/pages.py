"""Public pages and signing in: ``/`` (landing), ``/login``, ``/logout``, ``/board/pair``,
and the visitor's status page ``/s/<token>`` with its live stream ``/s/<token>/events``."""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import AsyncIterator
from typing import Any

import anyio.to_thread
from fastapi import APIRouter, Request
from fastapi.responses import Response
from sse_starlette.event import ServerSentEvent
from sse_starlette.sse import EventSourceResponse

from central.accounts.sessions import (
    LIMITS,
    PRE_COOKIE,
    SESSION_COOKIE,
    create_session,
    csrf_ok,
    end_session,
    pre_token,
    pre_token_ok,
    server_secret,
)
from central.accounts.users import User, board_login, password_login
from central.calls.desk import ticket_gerai
from central.calls.views import GeraiView, TicketState
from central.web import texts
from central.web.common import (
    TEMPLATES,
    clean,
    finish,
    form,
    lang_of,
    now,
    page,
    redirect,
    refuse,
    set_pre_cookie,
    set_session_cookie,
    signed_in,
    who_is,
)
from central.web.live import OTHERS, LiveHub
from mpp_core.domain.clock import WIB, service_day

router = APIRouter(include_in_schema=False)
PING_S = 15
OTHER_DAY = "\x00other-day"  # not a gerai code: a ticket of another service day
HOME = {"petugas": "/petugas", "display": "/board", "supervisor": "/"}


def _web(request: Request) -> Any:
    return request.app.state.web


@router.get("/")
def landing(request: Request) -> Response:
    who = signed_in(request)
    return page(request, "landing.html", {"who": who.user if who else None,
                                          "csrf": who.csrf if who else ""})  # fmt: skip


def _pre_form(request: Request, name: str, context: dict[str, Any], status: int = 200) -> Response:
    """A form shown before sign-in, with its signed CSRF token bound to a cookie nonce."""
    nonce = request.cookies.get(PRE_COOKIE) or secrets.token_urlsafe(16)
    secret = server_secret(request.app.state.services.db, now())
    response = page(request, name, {**context, "pre": pre_token(secret, nonce)}, status)
    set_pre_cookie(request, response, nonce)
    return response


@router.get("/login")
def login_form(request: Request) -> Response:
    return _pre_form(request, "login.html", {"error": None})


def _start_session(request: Request, user: User) -> Response:
    value = create_session(request.app.state.services.db, user, now())
    response = redirect(request, HOME.get(user.role, "/"))
    set_session_cookie(request, response, value, int(LIMITS[user.role][1].total_seconds()))
    response.delete_cookie(PRE_COOKIE)
    return response


def _pre_checked(request: Request, fields: dict[str, str] | None) -> bool:
    secret = server_secret(request.app.state.services.db, now())  # cached after the first
    return fields is not None and pre_token_ok(
        secret, request.cookies.get(PRE_COOKIE), fields.get("pre")
    )


@router.post("/login")
async def login(request: Request) -> Response:
    fields = await form(request)
    if not _pre_checked(request, fields):
        return _pre_form(request, "login.html", {"error": texts.FORM_EXPIRED}, 400)
    assert fields is not None
    name = clean(fields.get("username", "").strip().lower(), 64)
    password = clean(fields.get("password", ""), 256)
    client = request.client.host if request.client else "?"
    limiter = _web(request).login_limiter
    if limiter.retry_after("a:" + client) is not None:
        return _pre_form(request, "login.html", {"error": texts.LOGIN_SLOW}, 429)
    if not name or not password:
        return _pre_form(request, "login.html", {"error": texts.LOGIN_FAILED}, 401)
    db = request.app.state.services.db
    result = await anyio.to_thread.run_sync(password_login, db, name, password, now())
    if result.user is None:
        delay, _ = limiter.failed("a:" + client)
        await asyncio.sleep(delay)
        if result.locked_until is not None:
            until = result.locked_until.astimezone(WIB).strftime("%H:%M:%S")
            error: Any = texts.LOGIN_LOCKED.bind(time=until)
            return _pre_form(request, "login.html", {"error": error}, 429)
        return _pre_form(request, "login.html", {"error": texts.LOGIN_FAILED}, 401)
    return _start_session(request, result.user)


@router.get("/board/pair")
def pair_form(request: Request) -> Response:
    return _pre_form(request, "pair.html", {"error": None})


@router.post("/board/pair")
async def pair(request: Request) -> Response:
    """A board signs in with its board token in a POST (never in a URL) and keeps a cookie."""
    fields = await form(request)
    if not _pre_checked(request, fields):
        return _pre_form(request, "pair.html", {"error": texts.FORM_EXPIRED}, 400)
    assert fields is not None
    client = request.client.host if request.client else "?"
    limiter = _web(request).login_limiter
    if limiter.retry_after("a:" + client) is not None:
        return _pre_form(request, "pair.html", {"error": texts.LOGIN_SLOW}, 429)
    token = clean(fields.get("token", "").strip(), 100) or ""
    db = request.app.state.services.db
    user = await anyio.to_thread.run_sync(board_login, db, token, now())
    if user is None:
        delay, _ = limiter.failed("a:" + client)
        await asyncio.sleep(delay)
        return _pre_form(request, "pair.html", {"error": texts.PAIR_FAILED}, 401)
    return _start_session(request, user)


@router.post("/logout")
async def logout(request: Request) -> Response:
    who = await who_is(request)
    fields = await form(request)
    if who is not None:
        if fields is None or not csrf_ok(who.csrf, fields.get("csrf")):
            return refuse(request, 403, texts.FORM_EXPIRED)
        value = request.cookies.get(SESSION_COOKIE) or ""
        await anyio.to_thread.run_sync(end_session, request.app.state.services.db, value)
    response = redirect(request, "/login")
    response.delete_cookie(SESSION_COOKIE)
    return response


# ---------------------------------------------------------------------------- status page


def _status_context(
    view_state: TicketState | None, web: Any, mpp: str, gerai: str | None, lang: str
) -> dict[str, Any]:
    names = web.gerai_names(mpp, lang)
    return {
        "t": view_state,
        "gerai_name": names.get(gerai or "", gerai or ""),
        "moved_name": names.get(view_state.moved_to or "", "") if view_state else "",
        "updated": now().astimezone(WIB).strftime("%H:%M"),
        "mpp_code": mpp,
    }


async def _ticket_state(
    hub: LiveHub,
    mpp: str,
    ticket_id: str,
    gerai: str | None,
    views: dict[str, GeraiView] | None = None,
) -> tuple[TicketState | None, str | None]:
    """The ticket's state where it is now (following a transfer), or (None, None); from
    ``views`` (an update's) where they have the gerai."""
    for _ in range(3):
        if gerai is None:
            return None, None
        view = (views or {}).get(gerai) or await hub.gerai(mpp, gerai)
        state = view.by_id.get(ticket_id)
        if state is None or state.status != "transferred" or not state.moved_to:
            return state, gerai
        gerai = state.moved_to
    return None, gerai


@router.get("/s/{token}")
async def status_page(request: Request, token: str) -> Response:
    web = _web(request)
    db = request.app.state.services.db
    found = await anyio.to_thread.run_sync(web.verify_status, token)
    if found is None:
        return refuse(request, 404, texts.BAD_LINK)
    mpp, ticket_id = found
    where = await anyio.to_thread.run_sync(ticket_gerai_in, db, ticket_id)
    if where == OTHER_DAY:
        return page(request, "status.html", {"other_day": True, "mpp_code": mpp})
    state, gerai = await _ticket_state(web.hub, mpp, ticket_id, where)
    ctx = _status_context(state, web, mpp, gerai, lang_of(request))
    return page(request, "status.html", {**ctx, "token": token})


def ticket_gerai_in(db: Any, ticket_id: str) -> str | None:
    """The gerai where a ticket of today is now; None when the server does not have it;
    ``OTHER_DAY`` for a ticket of another day."""
    with db.read() as s:
        found = ticket_gerai(s, ticket_id)
    if found is None:
        return None
    return found[1] if found[2] == service_day(now()) else OTHER_DAY


@router.get("/s/{token}/events")
async def status_events(request: Request, token: str) -> Response:
    web = _web(request)
    found = await anyio.to_thread.run_sync(web.verify_status, token)
    if found is None:
        return refuse(request, 404, texts.BAD_LINK)
    mpp, ticket_id = found
    lang = lang_of(request)
    db = request.app.state.services.db
    template = TEMPLATES.get_template("_status_live.html")

    def render(state: TicketState | None, gerai: str | None) -> bytes:
        ctx = _status_context(state, web, mpp, gerai, lang)
        html = template.render({**ctx, "lang": lang, "say": lambda t, **v: t(lang, **v),
                                "T": texts})  # fmt: skip
        return ServerSentEvent(html, event="status").encode()

    async def stream() -> AsyncIterator[bytes]:
        with web.hub.subscribe(mpp, OTHERS, ticket_id) as sub:
            where = await anyio.to_thread.run_sync(ticket_gerai_in, db, ticket_id)
            if where == OTHER_DAY:
                return  # nothing will change: the page says so and does not listen
            state, gerai = await _ticket_state(web.hub, mpp, ticket_id, where)
            last = (state, gerai)
            yield render(state, gerai)
            while True:
                update = await sub.next(
                    lambda u, g=gerai: g is None or g in u.gerais or ticket_id in u.tickets
                )
                if gerai is None:
                    gerai = next((g for g, v in update.gerais.items() if ticket_id in v.by_id),
                                 None)  # fmt: skip
                    if gerai is None:
                        continue
                elif gerai not in update.gerais:
                    continue
                state, gerai = await _ticket_state(web.hub, mpp, ticket_id, gerai, update.gerais)
                if (state, gerai) != last:
                    last = (state, gerai)
                    yield render(state, gerai)

    return finish(request, EventSourceResponse(stream(), ping=PING_S, send_timeout=10))
