"""An HTTP proxy that breaks things on purpose, between the kiosks and the central server.

Runs in a thread of the test process. Each request to the server can be hit by a fault, chosen
by rules (path prefix, fault, probability) with a seeded random generator:

``refuse``      close the connection without an answer, before the server sees the request
``500``         answer 500 without asking the server
``500_after``   the server handles the request (and commits), the kiosk gets a 500
``slow``        wait ``delay`` s before passing the request on (the kiosk times out first)
``slow_after``  the server commits, the answer comes ``delay`` s late (after the timeout)
``truncate``    the server commits, the kiosk gets half the body (Content-Length says all)
``garbage``     the server commits, the kiosk gets a 200 with malformed JSON
``drop_after``  the server commits, the connection closes without an answer

When the server is down the proxy closes the kiosk's connection, as a dead server would.
Production code has no fault hooks: all of this lives here.
"""

from __future__ import annotations

import contextlib
import http.client
import random
import socket
import threading
import time
from collections import Counter
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

FAULTS = ("refuse", "500", "500_after", "slow", "slow_after", "truncate", "garbage", "drop_after")
HOP_HEADERS = {
    "connection",
    "keep-alive",
    "transfer-encoding",
    "proxy-connection",
    "te",
    "trailer",
    "upgrade",
}


@dataclass(frozen=True)
class Rule:
    prefix: str  # path prefix, e.g. "/api/v1/tickets"; "" for every path
    fault: str
    probability: float = 1.0
    method: str | None = None


class FaultProxy:
    def __init__(
        self, upstream_port: int, *, port: int = 0, seed: int = 1, delay: float = 3.0
    ) -> None:
        self.upstream_port = upstream_port
        self.delay = delay
        self.rules: list[Rule] = []
        self.rng = random.Random(seed)
        self.injected: Counter[str] = Counter()
        self.requests = 0
        self._lock = threading.Lock()
        proxy = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                proxy.handle(self)

            do_POST = do_GET
            do_PUT = do_GET
            do_DELETE = do_GET

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.server.daemon_threads = True
        self.port = int(self.server.server_address[1])
        self.url = f"http://127.0.0.1:{self.port}"
        self._thread = threading.Thread(
            target=self.server.serve_forever, args=(0.05,), daemon=True, name="fault-proxy"
        )

    # ------------------------------------------------------------------------ control

    def start(self) -> FaultProxy:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def set(self, *rules: Rule) -> None:
        with self._lock:
            self.rules = list(rules)

    def clear(self) -> None:
        self.set()

    def chaos(
        self, probability: float, *, prefix: str = "", faults: tuple[str, ...] = FAULTS
    ) -> None:
        """Every request risks a random fault with this probability."""
        share = probability / len(faults)
        self.set(*(Rule(prefix, f, share) for f in faults))

    def pick(self, method: str, path: str) -> str | None:
        with self._lock:
            self.requests += 1
            for rule in self.rules:
                if not path.startswith(rule.prefix):
                    continue
                if rule.method is not None and rule.method != method:
                    continue
                if self.rng.random() < rule.probability:
                    self.injected[rule.fault] += 1
                    return rule.fault
        return None

    # ------------------------------------------------------------------------ proxying

    def handle(self, h: BaseHTTPRequestHandler) -> None:
        try:
            self._handle(h)
        except (TimeoutError, BrokenPipeError, ConnectionResetError, OSError):
            h.close_connection = True

    def _handle(self, h: BaseHTTPRequestHandler) -> None:
        length = int(h.headers.get("Content-Length") or 0)
        body = h.rfile.read(length) if length else b""
        fault = self.pick(h.command, h.path)
        if fault == "refuse":
            self._abort(h)
            return
        if fault == "500":
            self._reply(h, 500, b'{"detail": "injected 500"}', [])
            return
        if fault == "slow":
            time.sleep(self.delay)
        try:
            status, headers, data = self._forward(h, body)
        except OSError:
            self._abort(h)  # the server is down: so is the connection
            return
        if fault == "500_after":
            self._reply(h, 500, b'{"detail": "injected 500"}', [])
        elif fault == "slow_after":
            time.sleep(self.delay)
            self._reply(h, status, data, headers)
        elif fault == "truncate" and len(data) > 1:
            self._reply(h, status, data[: len(data) // 2], headers, length=len(data))
            self._abort(h)
        elif fault == "garbage":
            junk = b'{"results": [{"ticket_id": "' if status == 200 else data
            self._reply(h, status, junk, [(k, v) for k, v in headers if k.lower() != "etag"])
        elif fault == "drop_after":
            self._abort(h)
        else:
            self._reply(h, status, data, headers)

    def _forward(
        self, h: BaseHTTPRequestHandler, body: bytes
    ) -> tuple[int, list[tuple[str, str]], bytes]:
        conn = http.client.HTTPConnection("127.0.0.1", self.upstream_port, timeout=30)
        try:
            headers = {k: v for k, v in h.headers.items() if k.lower() not in HOP_HEADERS}
            conn.request(h.command, h.path, body=body or None, headers=headers)
            resp = conn.getresponse()
            data = resp.read()
            out = [
                (k, v)
                for k, v in resp.getheaders()
                if k.lower() not in HOP_HEADERS and k.lower() != "content-length"
            ]
            return resp.status, out, data
        finally:
            conn.close()

    @staticmethod
    def _reply(
        h: BaseHTTPRequestHandler,
        status: int,
        data: bytes,
        headers: list[tuple[str, str]],
        *,
        length: int | None = None,
    ) -> None:
        h.send_response_only(status)
        for k, v in headers:
            if k.lower() not in ("content-length", "date", "server"):
                h.send_header(k, v)
        h.send_header("Content-Length", str(len(data) if length is None else length))
        h.end_headers()
        h.wfile.write(data)
        h.wfile.flush()

    @staticmethod
    def _abort(h: BaseHTTPRequestHandler) -> None:
        h.close_connection = True
        with contextlib.suppress(OSError):
            h.connection.shutdown(socket.SHUT_RDWR)
