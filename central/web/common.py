"""What every web page needs: templates, language, cookies, form bodies, CSRF, the signed-in
account, and the security headers of every HTML answer."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import anyio.to_thread
from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from central.accounts.sessions import PRE_COOKIE, SESSION_COOKIE, SignedIn, load_session
from central.web import texts
from mpp_core.i18n import Text, language

HERE = Path(__file__).parent
TEMPLATES = Jinja2Templates(directory=str(HERE / "templates"))
STATIC_DIR = HERE / "static"
LANG_COOKIE = "mpp_lang"
MAX_FORM = 8 * 1024
# Every page: no framing (clickjacking), no foreign scripts, no referrer leaking a status URL.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; img-src 'self' data:; media-src 'self' "
    "blob:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cache-Control": "no-store",
}


def now() -> datetime:
    return datetime.now(UTC)


def lang_of(request: Request) -> str:
    """``?lang=`` when given, else the language cookie, else Indonesian."""
    asked = request.query_params.get("lang")
    return language(asked if asked in ("id", "en") else request.cookies.get(LANG_COOKIE))


def secure_cookies(request: Request) -> bool:
    """Cookies are ``Secure`` over TLS (the proxy says https) or when configured so."""
    settings = request.app.state.services.settings
    return request.url.scheme == "https" or bool(getattr(settings, "cookie_secure", False))


def page(
    request: Request, name: str, context: Mapping[str, Any] | None = None, status: int = 200
) -> HTMLResponse:
    lang = lang_of(request)

    def say(text: Text, **values: object) -> str:
        return text(lang, **values)

    ctx = {
        "request": request,
        "lang": lang,
        "other_lang": "en" if lang == "id" else "id",
        "say": say,
        "T": texts,
        **(context or {}),
    }
    ctx.setdefault("mpp_name", request.app.state.web.mpp_name(ctx.get("mpp_code")))
    response = TEMPLATES.TemplateResponse(request, name, ctx, status_code=status)
    finish(request, response)
    return response


def finish(request: Request, response: Response) -> Response:
    response.headers.update(SECURITY_HEADERS)
    asked = request.query_params.get("lang")
    if asked in ("id", "en") and request.cookies.get(LANG_COOKIE) != asked:
        response.set_cookie(
            LANG_COOKIE, asked, max_age=365 * 86400, samesite="strict", httponly=True,
            secure=secure_cookies(request),
        )  # fmt: skip
    return response


def redirect(request: Request, url: str) -> Response:
    return finish(request, RedirectResponse(url, status_code=303))


def signed_in(request: Request) -> SignedIn | None:
    """The signed-in account (a database read: call it from a thread, see ``who_is``)."""
    db = request.app.state.services.db
    return load_session(db, request.cookies.get(SESSION_COOKIE), now())


async def who_is(request: Request) -> SignedIn | None:
    """:func:`signed_in` for ``async`` handlers, off the event loop."""
    return await anyio.to_thread.run_sync(signed_in, request)


def set_session_cookie(request: Request, response: Response, value: str, max_age: int) -> None:
    response.set_cookie(
        SESSION_COOKIE,
        value,
        max_age=max_age,
        httponly=True,
        samesite="strict",
        secure=secure_cookies(request),
        path="/",
    )


def set_pre_cookie(request: Request, response: Response, nonce: str) -> None:
    response.set_cookie(
        PRE_COOKIE, nonce, max_age=3600, httponly=True, samesite="strict",
        secure=secure_cookies(request),
    )  # fmt: skip


def clean(value: str, limit: int) -> str | None:
    """A form value with no control characters and at most ``limit`` characters, or None."""
    if len(value) > limit or any(ord(c) < 32 or ord(c) == 127 for c in value):
        return None
    return value


async def form(request: Request) -> dict[str, str] | None:
    """An ``application/x-www-form-urlencoded`` body (at most 8 KiB), or None if malformed."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind not in ("application/x-www-form-urlencoded", ""):
        return None
    body = await request.body()
    if len(body) > MAX_FORM:
        return None
    try:
        parsed = parse_qs(body.decode("utf-8"), keep_blank_values=True, max_num_fields=20)
    except (UnicodeDecodeError, ValueError):
        return None
    return {k: v[0] for k, v in parsed.items() if v}


def refuse(request: Request, status: int, message: Text) -> HTMLResponse:
    return page(request, "message.html", {"message": message, "title": texts.REFUSED}, status)
