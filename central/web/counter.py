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
from sqlalchemy.orm import Session
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
)
from mpp_core.domain.clock import WIB

router = APIRouter(include_in_schema=False)
PING_S = 15
ACTIONS = ("next", "recall", "done", "no_show", "transfer", "pause", "resume")
ANNOUNCE_WITHIN_S = 90  # a board announces calls at most this old (after a reconnect)


def _web(request: Request) -> Any:
    return request.app.state.web


def _who(request: Request, role: str) -> SignedIn | Response:
    who = signed_in(request)
    if who is None:
        return redirect(request, "/login")
    if who.user.role != role:
        return refuse(request, 403, texts.WRONG_ROLE)
    return who


def _say(lang: str) -> Callable[..., str]:
    return lambda t, **v: t(lang, **v)


# ---------------------------------------------------------------------------- petugas


def _petugas_context(web: Any, who: SignedIn, view: GeraiView, lang: str) -> dict[str, Any]:
    user = who.user
    mine = set(user.services or ())
    current = next((t for t in view.called if t.loket == user.loket), None)
    published = web.catalogs.get(user.mpp_code)
    targets = []
    if published is not None:
        for g in published.catalog.gerai:
            for s in g.services:
                if s.needs_queue:
                    targets.append((s.code, g, s))
    return {
        "user": user,
        "view": view,
        "waiting": [t for t in view.waiting if not mine or t.service_code in mine],
        "current": current,
        "paused": user.loket in view.paused,
        "services": web.service_names(user.mpp_code),
        "targets": targets,
        "gerai_name": web.gerai_names(user.mpp_code, lang).get(user.gerai_code or "", ""),
        "mpp_code": user.mpp_code,
        "csrf": who.csrf,
        "wib": lambda d: d.astimezone(WIB).strftime("%H:%M"),
    }


@router.get("/petugas")
async def petugas(request: Request) -> Response:
    who = _who(request, "petugas")
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
    return page(request, "petugas.html", {**ctx, "message": message})


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


@router.post("/petugas/act")
async def petugas_act(request: Request) -> Response:
    """One action of the loket. A page with JavaScript gets JSON; a plain form, a redirect."""
    who = _who(request, "petugas")
    if isinstance(who, Response):
        return who
    fields = await form(request)
    wants_json = request.headers.get("x-requested-with") == "fetch"
    given = request.headers.get("x-csrf-token") or (fields or {}).get("csrf")
    if fields is None or not csrf_ok(who.csrf, given):
        if wants_json:
            return JSONResponse({"ok": False, "message": texts.FORM_EXPIRED(lang_of(request))}, 403)
        return refuse(request, 403, texts.FORM_EXPIRED)
    action = fields.get("action", "")
    service = fields.get("service", "")[:48]
    if action not in ACTIONS:
        return refuse(request, 400, texts.REFUSED)
    web = _web(request)
    db = request.app.state.services.db
    try:
        outcome = await anyio.to_thread.run_sync(
            lambda: db.run_write(lambda s: _act(s, web, who, action, service))
        )
    except CallRefused as exc:
        if not wants_json:
            return redirect(request, f"/petugas?r={exc.reason}")
        message = texts.REASON[exc.reason]
        with db.read() as s:
            from central.calls.rules import rule_for

            count = rule_for(s, who.user.mpp_code, who.user.gerai_code or "").no_show_after
        words = (
            message(lang_of(request), count=count)
            if "{count}" in message.id
            else message(lang_of(request))
        )
        return JSONResponse({"ok": False, "reason": exc.reason, "message": words}, 409)
    web.hub.announce(who.user.mpp_code, outcome.gerais)
    if not wants_json:
        return redirect(request, "/petugas")
    words = ""
    if outcome.action == "call":
        words = texts.CALLED_OK(lang_of(request), number=outcome.number, loket=who.user.loket)
    return JSONResponse({"ok": True, "action": outcome.action, "number": outcome.number,
                         "message": words})  # fmt: skip


@router.get("/petugas/events")
async def petugas_events(request: Request) -> Response:
    who = _who(request, "petugas")
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
        with web.hub.subscribe(user.mpp_code) as q:
            view = await web.hub.gerai(user.mpp_code, gerai)
            yield {"event": "queue", "data": render(view), "id": str(view.version)}
            while True:
                update = await q.get()
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
    who = signed_in(request)
    if who is None:
        return redirect(request, "/board/pair")
    if who.user.role != "display":
        return refuse(request, 403, texts.WRONG_ROLE)
    view = await _web(request).hub.board(who.user.mpp_code)
    ctx = _board_context(_web(request), who, view, lang_of(request))
    return page(request, "board.html", {**ctx, "csrf": who.csrf})


@router.get("/board/events")
async def board_events(request: Request) -> Response:
    who = _who(request, "display")
    if isinstance(who, Response):
        return who
    web = _web(request)
    lang = lang_of(request)
    template = TEMPLATES.get_template("_board_live.html")
    mpp = who.user.mpp_code

    def events(view: BoardView) -> list[dict[str, str]]:
        ctx = _board_context(web, who, view, lang)
        html = template.render({**ctx, "lang": lang, "say": _say(lang), "T": texts})
        return [
            {"event": "board", "data": html},
            {"event": "calls", "data": _calls_json(ctx, now()), "id": str(view.version)},
        ]

    async def stream() -> AsyncIterator[dict[str, str]]:
        with web.hub.subscribe(mpp) as q:
            for event in events(await web.hub.board(mpp)):
                yield event
            while True:
                update = await q.get()
                for event in events(update.board):
                    yield event

    return finish(request, EventSourceResponse(stream(), ping=PING_S, send_timeout=10))


@router.get("/board/audio/{call_id}.wav")
async def board_audio(request: Request, call_id: int) -> Response:
    """The spoken announcement of one call (made once per number, loket and gerai)."""
    who = _who(request, "display")
    if isinstance(who, Response):
        return who
    web = _web(request)
    db = request.app.state.services.db
    if not 0 < call_id < 2**63:
        return refuse(request, 404, texts.REFUSED)
    with db.read() as s:
        row = s.get(WebAudit, call_id)
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
