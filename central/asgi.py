"""The gate in front of the API (plain ASGI, so it costs little per request).

* Every answer carries ``X-Server-Time`` (kiosks correct their clocks from it).
* A body larger than the limit is refused with 413 before the application reads it.
* ``/api/v1/*`` (except health and the API documents) needs a kiosk's bearer token: a missing,
  wrong or revoked token is answered 401 here, before the body is even parsed, and only the
  token's first characters are ever logged.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

import anyio.to_thread

from central.kiosks import TokenAuthenticator, parse_bearer, token_hint
from mpp_core.wire.protocol import API_PREFIX, SERVER_TIME_HEADER

log = logging.getLogger("central.api")

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

OPEN_PATHS = frozenset(
    {
        f"{API_PREFIX}/health",
        f"{API_PREFIX}/openapi.json",
        f"{API_PREFIX}/docs",
        f"{API_PREFIX}/docs/oauth2-redirect",
    }
)
_TIME_HEADER = SERVER_TIME_HEADER.lower().encode("latin-1")


async def _send_json(
    send: Send, status: int, detail: str, extra_headers: list[tuple[bytes, bytes]] | None = None
) -> None:
    body = json.dumps({"detail": detail}).encode()
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        (_TIME_HEADER, f"{time.time():.6f}".encode()),
        *(extra_headers or []),
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class Gate:
    def __init__(self, app: ASGIApp, *, auth: TokenAuthenticator, max_body: int) -> None:
        self.app = app
        self.auth = auth
        self.max_body = max_body

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if length is not None:
            try:
                too_big = int(length) > self.max_body
            except ValueError:
                await _send_json(send, 400, "bad Content-Length")
                return
            if too_big:
                await _send_json(send, 413, f"request body is larger than {self.max_body} bytes")
                return
        elif scope.get("method") in ("POST", "PUT", "PATCH"):
            # No length given (chunked): read up to the limit, then hand the body on.
            chunks: list[bytes] = []
            size = 0
            more = True
            while more:
                message = await receive()
                if message["type"] != "http.request":
                    return  # the client went away
                chunk = message.get("body", b"")
                size += len(chunk)
                if size > self.max_body:
                    await _send_json(
                        send, 413, f"request body is larger than {self.max_body} bytes"
                    )
                    return
                chunks.append(chunk)
                more = bool(message.get("more_body"))
            body = b"".join(chunks)
            sent = False

            async def replay() -> Message:
                nonlocal sent
                if sent:
                    return await receive()
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}

            receive = replay

        path: str = scope.get("path", "")
        if path.startswith(API_PREFIX + "/") and path not in OPEN_PATHS:
            token = parse_bearer(headers.get(b"authorization", b"").decode("latin-1"))
            kiosk = None
            if token is not None:
                hit, kiosk = self.auth.cached(token)
                if not hit:
                    kiosk = await anyio.to_thread.run_sync(self.auth.lookup, token)
            if kiosk is None:
                client = scope.get("client") or ("?", 0)
                log.warning(
                    "401 %s %s from %s: %s",
                    scope.get("method"),
                    path,
                    client[0],
                    "no bearer token"
                    if token is None
                    else f"unknown or revoked token {token_hint(token)}",
                )
                await _send_json(
                    send,
                    401,
                    "missing, unknown or revoked kiosk token",
                    [(b"www-authenticate", b"Bearer")],
                )
                return
            scope.setdefault("state", {})["kiosk"] = kiosk

        async def send_with_time(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = [
                    *message["headers"],
                    (_TIME_HEADER, f"{time.time():.6f}".encode()),
                ]
            await send(message)

        await self.app(scope, receive, send_with_time)
