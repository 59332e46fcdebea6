"""The petugas page (``/petugas``, its actions and live stream) and the display board
(``/board``, its live stream and spoken announcements)."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Callable
from datetime import datetime
from typing import Any

import anyio.to_thread
from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, JSONResponse, Response
from markupsafe import Markup
from sqlalchemy.orm import Session
from sse_starlette.event import ServerSentEvent
from sse_starlette.sse import EventSourceResponse

from central.accounts.sessions import SignedIn, csrf_ok
from central.calls import desk
from central.calls.desk import CallRefused, Outcome
from central.calls.views import BoardView, GeraiView
from central.models import WebAudit
from central.web import texts
from central.web.audio import SpeechUnavailable
from central.web.common import (
    TEMPLATES,
    finish,
    form,
    lang_of,
    now,
    page,
    redirect,
    refuse,
    signed_in,
    who_is,
)
from central.web.live import BOARD, PETUGAS
from mpp_core.domain.clock import WIB

router = APIRouter(include_in_schema=False)
PING_S = 15
ACTIONS = ("next", "recall", "done", "no_show", "transfer", "pause", "resume")
ANNOUNCE_WITHIN_S = 90  # a board announces calls at most this old (after a reconnect)


def _web(request: Request) -> Any:
    return request.app.state.web


async def _who(request: Request, role: str) -> SignedIn | Response:
    who = await who_is(request)
    if who is None:
        return redirect(request, "/login")
    if who.user.role != role:
        return refuse(request, 403, texts.WRONG_ROLE)
    return who


def _say(lang: str) -> Callable[..., str]:
    return lambda t, **v: t(lang, **v)


# ---------------------------------------------------------------------------- petugas


def _waiting_html(web: Any, who: SignedIn, view: GeraiView, lang: str) -> Markup:
    """The waiting list of a gerai as its petugas pages show it: rendered once per change,
    language and service filter, shared by every loket of the gerai."""
    user = who.user
    key = (user.mpp_code, view.gerai_code, view.version, lang, user.services)
    html = web.render_cache.get(key)
    if html is None:
        mine = set(user.services or ())
        ctx = {
            "view": view,
            "waiting": [t for t in view.waiting if not mine or t.service_code in mine],
            "services": web.service_names(user.mpp_code),
            "wib": lambda d: d.astimezone(WIB).strftime("%H:%M"),
            "lang": lang,
            "say": _say(lang),
            "T": texts,
        }
        html = Markup(TEMPLATES.get_template("_waiting.html").render(ctx))
        web.remember(key, html)
    return html


def _petugas_context(web: Any, who: SignedIn, view: GeraiView, lang: str) -> dict[str, Any]:
    user = who.user
    current = next((t for t in view.called if t.loket == user.loket), None)
    return {
        "user": user,
        "view": view,
        "waiting_html": _waiting_html(web, who, view, lang),
        "current": current,
        "paused": user.loket in view.paused,
        "services": web.service_names(user.mpp_code),
        "gerai_name": web.gerai_names(user.mpp_code, lang).get(user.gerai_code or "", ""),
        "mpp_code": user.mpp_code,
        "csrf": who.csrf,
    }


@router.get("/petugas")
async def petugas(request: Request) -> Response:
    who = await _who(request, "petugas")
    if isinstance(who, Response):
        return who
    web = _web(request)
    view = await web.hub.gerai(who.user.mpp_code, who.user.gerai_code)
    reason = request.query_params.get("r")
    text = texts.REASON.get(reason) if reason else None
    message: Any = text
    if text is texts.REASON["too_few_recalls"]:
        message = text.bind(count=view.rule.no_show_after)
    ctx = _petugas_context(web, who, view, lang_of(request))
    return page(
        request,
        "petugas.html",
        {**ctx, "message": message, "targets": web.targets(who.user.mpp_code)},
    )


def _act(session: Session, web: Any, who: SignedIn, action: str, service: str) -> Outcome:
    user, at = who.user, now()
    published = web.catalogs.get(user.mpp_code)
    if action == "next":
        return desk.call_next(session, user, published, at)
    if action == "recall":
        return desk.recall(session, user, at)
    if action == "done":
        return desk.done(session, user, at)
    if action == "no_show":
        from central.calls.rules import rule_for

        rule = rule_for(session, user.mpp_code, user.gerai_code or "")
        return desk.no_show(session, user, rule.no_show_after, at)
    if action == "transfer":
        return desk.transfer(session, user, published, service, at)
    return desk.set_paused(session, user, action == "pause", at)


class _Refused(Exception):
    """The action was not done: the session ended or the CSRF token is wrong."""


@router.post("/petugas/act")
async def petugas_act(request: Request) -> Response:
    """One action of the loket. A page with JavaScript gets JSON; a plain form, a redirect.

    The session check and the action's transaction run in one worker thread (one hop off the
    event loop), and the change is announced as soon as it has committed."""
    fields = await form(request)
    wants_json = request.headers.get("x-requested-with") == "fetch"
    given = request.headers.get("x-csrf-token") or (fields or {}).get("csrf")
    action = (fields or {}).get("action", "")
    service = (fields or {}).get("service", "")[:48]
    if action not in ACTIONS:
        return refuse(request, 400, texts.REFUSED)
    web = _web(request)
    db = request.app.state.services.db

    def run() -> tuple[SignedIn | None, Outcome | CallRefused | None]:
        who = signed_in(request)
        if who is None or who.user.role != "petugas":
            return who, None
        if fields is None or not csrf_ok(who.csrf, given):
            raise _Refused
        try:
            outcome = db.run_write(lambda s: _act(s, web, who, action, service))
        except CallRefused as exc:
            return who, exc
        # Committed: tell the live pages (on PostgreSQL a NOTIFY, a round trip: not on the
        # event loop).
        touched = (outcome.ticket_id,) if outcome.ticket_id else ()
        web.hub.announce(who.user.mpp_code, outcome.gerais, touched)
        return who, outcome

    try:
        who, outcome = await anyio.to_thread.run_sync(run)
    except _Refused:
        if wants_json:
            return JSONResponse({"ok": False, "message": texts.FORM_EXPIRED(lang_of(request))}, 403)
        return refuse(request, 403, texts.FORM_EXPIRED)
    if who is None:
        return redirect(request, "/login")
    if outcome is None:
        return refuse(request, 403, texts.WRONG_ROLE)
    if isinstance(outcome, CallRefused):
        if not wants_json:
            return redirect(request, f"/petugas?r={outcome.reason}")
        view = await web.hub.gerai(who.user.mpp_code, who.user.gerai_code)
        message = texts.REASON[outcome.reason]
        words = message(lang_of(request), count=view.rule.no_show_after)
        return JSONResponse({"ok": False, "reason": outcome.reason, "message": words}, 409)
    if not wants_json:
        return redirect(request, "/petugas")
    words = ""
    if outcome.action == "call":
        words = texts.CALLED_OK(lang_of(request), number=outcome.number, loket=who.user.loket)
    return JSONResponse({"ok": True, "action": outcome.action, "number": outcome.number,
                         "message": words})  # fmt: skip


@router.get("/petugas/events")
async def petugas_events(request: Request) -> Response:
    who = await _who(request, "petugas")
    if isinstance(who, Response):
        return who
    web = _web(request)
    lang = lang_of(request)
    template = TEMPLATES.get_template("_petugas_live.html")
    user = who.user
    assert user.gerai_code is not None
    gerai = user.gerai_code

    def render(view: GeraiView) -> str:
        ctx = _petugas_context(web, who, view, lang)
        return template.render({**ctx, "lang": lang, "say": _say(lang), "T": texts})

    async def stream() -> AsyncIterator[dict[str, str]]:
        with web.hub.subscribe(user.mpp_code, PETUGAS) as sub:
            view = await web.hub.gerai(user.mpp_code, gerai)
            yield {"event": "queue", "data": render(view), "id": str(view.version)}
            while True:
                update = await sub.next(lambda u: gerai in u.gerais)
                view = update.gerais.get(gerai)
                if view is not None:
                    yield {"event": "queue", "data": render(view), "id": str(view.version)}

    return finish(request, EventSourceResponse(stream(), ping=PING_S, send_timeout=10))


# ---------------------------------------------------------------------------- board


def _board_context(web: Any, who: SignedIn, board: BoardView, lang: str) -> dict[str, Any]:
    only = who.user.gerai_code
    names = web.gerai_names(board.mpp_code, lang)
    return {
        "serving": [s for s in board.serving if not only or s[0] == only],
        "calls": [c for c in board.calls if not only or c.gerai_code == only],
        "notice": board.notice,
        "names": names,
        "mpp_name": web.mpp_name(board.mpp_code),
        "mpp_code": board.mpp_code,
        "wib": lambda d: d.astimezone(WIB).strftime("%H:%M"),
    }


def _calls_json(ctx: dict[str, Any], at: datetime) -> str:
    return json.dumps(
        [
            {
                "id": c.id,
                "ticket": c.number,
                "loket": c.loket,
                "audio": f"/board/audio/{c.id}.wav",
                "age_s": int((at - c.at).total_seconds()),
            }
            for c in reversed(ctx["calls"])
            if (at - c.at).total_seconds() < ANNOUNCE_WITHIN_S
        ]
    )


@router.get("/board")
async def board(request: Request) -> Response:
    who = await who_is(request)
    if who is None:
        return redirect(request, "/board/pair")
    if who.user.role != "display":
        return refuse(request, 403, texts.WRONG_ROLE)
    view = await _web(request).hub.board(who.user.mpp_code)
    ctx = _board_context(_web(request), who, view, lang_of(request))
    return page(request, "board.html", {**ctx, "csrf": who.csrf})


@router.get("/board/events")
async def board_events(request: Request) -> Response:
    who = await _who(request, "display")
    if isinstance(who, Response):
        return who
    web = _web(request)
    lang = lang_of(request)
    template = TEMPLATES.get_template("_board_live.html")
    mpp = who.user.mpp_code

    def events(view: BoardView) -> bytes:
        # Every board of the MPP in the same language and filter shows the same: render and
        # encode once, send as one write.
        key = ("board", mpp, view.version, lang, who.user.gerai_code)
        cached = web.render_cache.get(key)
        if cached is None:
            ctx = _board_context(web, who, view, lang)
            html = template.render({**ctx, "lang": lang, "say": _say(lang), "T": texts})
            cached = (
                ServerSentEvent(html, event="board").encode()
                + ServerSentEvent(
                    _calls_json(ctx, now()), event="calls", id=str(view.version)
                ).encode()
            )
            web.remember(key, cached)
        return bytes(cached)

    async def stream() -> AsyncIterator[bytes]:
        with web.hub.subscribe(mpp, BOARD) as sub:
            yield events(await web.hub.board(mpp))
            while True:
                yield events((await sub.next()).board)

    return finish(request, EventSourceResponse(stream(), ping=PING_S, send_timeout=10))


@router.get("/board/audio/{call_id}.wav")
async def board_audio(request: Request, call_id: int) -> Response:
    """The spoken announcement of one call (made once per number, loket and gerai)."""
    who = await _who(request, "display")
    if isinstance(who, Response):
        return who
    web = _web(request)
    db = request.app.state.services.db
    if not 0 < call_id < 2**63:
        return refuse(request, 404, texts.REFUSED)
    row = await anyio.to_thread.run_sync(_audit_row, db, call_id)
    if row is None or row.mpp_code != who.user.mpp_code or row.action not in ("call", "recall"):
        return refuse(request, 404, texts.REFUSED)
    gerai_name = web.gerai_names(row.mpp_code).get(row.gerai_code or "", "")
    number = str(row.detail.get("number", ""))
    try:
        path = await anyio.to_thread.run_sync(
            web.announcer.wav, number, int(row.loket or 0), gerai_name
        )
    except SpeechUnavailable:
        return refuse(request, 503, texts.REFUSED)
    response = FileResponse(path, media_type="audio/wav",
                            headers={"Cache-Control": "private, max-age=86400"})  # fmt: skip
    return response


def _audit_row(db: Any, audit_id: int) -> WebAudit | None:
    with db.read() as s:
        return s.get(WebAudit, audit_id)
