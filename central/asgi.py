"""The gate in front of the API (plain ASGI, so it costs little per request).

In this order, before the application sees anything:

* a token in the URL's query string is refused (400; tokens go only in the Authorization
  header, and the logs redact them anyway: ``central.logs``);
* an address or token that failed authentication too often is answered 429 with
  ``Retry-After`` (``central.ratelimit``);
* ``/api/v1/*`` (except health and the API documents) needs a kiosk's bearer token: a missing,
  wrong or revoked one is answered 401 before the body is read (failures are counted, and
  repeated ones answered more slowly); only the token's first characters are ever logged;
* a body larger than the endpoint's limit (:data:`BODY_LIMITS`, never more than the server's
  ``max_body_bytes``) is refused with 413 before it is read, and a body is read whole within
  ``body_timeout_s`` or answered 408, so a trickling client cannot hold a worker.

Every refusal here closes the connection (the rest of an unread body is never read). Every
answer carries ``X-Server-Time`` (kiosks correct their clocks from it).
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

import anyio
import anyio.to_thread

from central.kiosks import TokenAuthenticator, parse_bearer, token_hash, token_hint
from central.ratelimit import FailureLimiter
from mpp_core.wire.protocol import API_PREFIX, SERVER_TIME_HEADER

log = logging.getLogger("central.api")

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

DOCS_PREFIX = f"{API_PREFIX}/docs"
DOCS_STATIC = f"{DOCS_PREFIX}/static"  # Swagger UI's own files, served locally
OPEN_PATHS = frozenset(
    {
        f"{API_PREFIX}/health",
        f"{API_PREFIX}/openapi.json",
        DOCS_PREFIX,
        f"{DOCS_PREFIX}/oauth2-redirect",
    }
)
KIB = 1024
# The largest body each endpoint takes (a full batch with room to spare); others take none.
BODY_LIMITS = {
    f"{API_PREFIX}/tickets/allocate": 4 * KIB,
    f"{API_PREFIX}/heartbeat": 16 * KIB,
    f"{API_PREFIX}/leases": 128 * KIB,
    f"{API_PREFIX}/tickets/batch": 1024 * KIB,
    f"{API_PREFIX}/feedback": 1024 * KIB,
    f"{API_PREFIX}/audit": 1024 * KIB,
    f"{API_PREFIX}/recovery/report": 256 * KIB,
}
NO_BODY_LIMIT = 0
_TIME_HEADER = SERVER_TIME_HEADER.lower().encode("latin-1")
_CLOSE = (b"connection", b"close")
_QUERY_SECRETS = (b"mppk_", b"token=", b"access_token=", b"bearer")


def _is_open(path: str) -> bool:
    return path in OPEN_PATHS or path.startswith(DOCS_STATIC + "/")


async def _send_json(
    send: Send,
    status: int,
    detail: str,
    extra_headers: list[tuple[bytes, bytes]] | None = None,
    *,
    reason: str | None = None,
) -> None:
    doc: dict[str, str] = {"detail": detail}
    if reason is not None:
        doc["reason"] = reason
    body = json.dumps(doc).encode()
    headers = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        (_TIME_HEADER, f"{time.time():.6f}".encode()),
        _CLOSE,
        *(extra_headers or []),
    ]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class Gate:
    def __init__(
        self,
        app: ASGIApp,
        *,
        auth: TokenAuthenticator,
        max_body: int,
        limiter: FailureLimiter,
        body_timeout_s: float = 20.0,
    ) -> None:
        self.app = app
        self.auth = auth
        self.max_body = max_body
        self.limiter = limiter
        self.body_timeout_s = body_timeout_s

    def body_limit(self, path: str) -> int:
        return min(self.max_body, BODY_LIMITS.get(path, NO_BODY_LIMIT))

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope.get("path", "")
        headers = dict(scope.get("headers") or [])
        query: bytes = (scope.get("query_string") or b"").lower()
        if any(s in query for s in _QUERY_SECRETS):
            await _send_json(
                send,
                400,
                "a token goes only in the Authorization header, never in the URL",
                reason="token_in_url",
            )
            return
        client = (scope.get("client") or ("?", 0))[0]
        if path.startswith(API_PREFIX + "/") and not _is_open(path):
            kiosk = await self._authenticate(scope, send, headers, client)
            if kiosk is None:
                return
            scope.setdefault("state", {})["kiosk"] = kiosk
        if scope.get("method") in ("POST", "PUT", "PATCH"):
            body = await self._read_body(scope, receive, send, headers, path)
            if body is None:
                return
            sent = False

            async def replay() -> Message:
                nonlocal sent
                if sent:
                    return await receive()
                sent = True
                return {"type": "http.request", "body": body, "more_body": False}

            receive = replay

        async def send_with_time(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                message["headers"] = [
                    *message["headers"],
                    (_TIME_HEADER, f"{time.time():.6f}".encode()),
                ]
            await send(message)

        await self.app(scope, receive, send_with_time)

    async def _authenticate(
        self, scope: Scope, send: Send, headers: dict[bytes, bytes], client: str
    ) -> Any:
        token = parse_bearer(headers.get(b"authorization", b"").decode("latin-1"))
        token_key = "t:" + token_hash(token) if token is not None else None
        address_key = "a:" + client
        keys = [address_key] if token_key is None else [address_key, token_key]
        wait = self.limiter.retry_after(*keys)
        if wait is not None and token_key is not None and self.limiter.trusted(token_key):
            wait = self.limiter.retry_after(token_key)  # a known kiosk behind a busy address
        if wait is not None:
            await self._too_many(send, wait)
            return None
        kiosk = None
        if token is not None:
            hit, kiosk = self.auth.cached(token)
            if not hit:
                kiosk = await anyio.to_thread.run_sync(self.auth.lookup, token)
        if kiosk is not None:
            assert token_key is not None
            self.limiter.succeeded(token_key)
            return kiosk
        log.warning(
            "401 %s %s from %s: %s",
            scope.get("method"),
            scope.get("path"),
            client,
            "no bearer token" if token is None else f"unknown or revoked token {token_hint(token)}",
        )
        delay, retry_after = self.limiter.failed(*keys)
        if retry_after is not None:
            await self._too_many(send, retry_after)
            return None
        if delay > 0:
            await anyio.sleep(delay)
        await _send_json(
            send,
            401,
            "missing, unknown or revoked kiosk token",
            [(b"www-authenticate", b"Bearer")],
            reason="unauthorized",
        )
        return None

    async def _too_many(self, send: Send, wait: float) -> None:
        seconds = max(1, int(wait + 0.999))
        await _send_json(
            send,
            429,
            "too many failed attempts; try again later",
            [(b"retry-after", str(seconds).encode())],
            reason="rate_limited",
        )

    async def _read_body(
        self,
        scope: Scope,
        receive: Receive,
        send: Send,
        headers: dict[bytes, bytes],
        path: str,
    ) -> bytes | None:
        """The whole body, or None after answering 400, 408 or 413."""
        limit = self.body_limit(path)
        too_big = f"request body is larger than {limit} bytes for {path}"
        length = headers.get(b"content-length")
        if length is not None:
            try:
                declared = int(length)
            except ValueError:
                await _send_json(send, 400, "bad Content-Length", reason="bad_request")
                return None
            if declared > limit:
                await _send_json(send, 413, too_big, reason="too_large")
                return None
        chunks: list[bytes] = []
        size = 0
        with anyio.move_on_after(self.body_timeout_s) as scope_:
            more = True
            while more:
                message = await receive()
                if message["type"] != "http.request":
                    return None  # the client went away
                chunk = message.get("body", b"")
                size += len(chunk)
                if size > limit:
                    await _send_json(send, 413, too_big, reason="too_large")
                    return None
                chunks.append(chunk)
                more = bool(message.get("more_body"))
        if scope_.cancelled_caught:
            client = (scope.get("client") or ("?", 0))[0]
            log.warning("408 %s %s from %s: body too slow", scope.get("method"), path, client)
            await _send_json(
                send,
                408,
                f"the request body did not arrive within {self.body_timeout_s:g} s",
                reason="too_slow",
            )
            return None
        return b"".join(chunks)
