"""uvicorn's HTTP/1.1 protocols with a deadline for the request line and headers.

uvicorn closes idle keep-alive connections, but a client that connects and sends nothing, or
trickles its headers a byte at a time, holds a connection as long as it likes. Here every
request's head (from the connection's start, or from the first byte after the previous
answer) must be complete within ``header_timeout_s`` (an attribute set on uvicorn's Config by
``central.server``), or the connection is answered 408 and closed. The body has its own read
deadline in the gate (``central.asgi``).

:class:`GuardedHttpToolsProtocol` (the C parser, llhttp through ``httptools``; what the server
runs) also bounds a request head to ``MAX_HEAD_BYTES`` (431 and closed), which h11 does itself
(uvicorn's ``h11_max_incomplete_event_size``); :class:`GuardedH11Protocol` is the pure-Python
one, used where ``httptools`` is not installed.
"""

from __future__ import annotations

import asyncio
from typing import Any

import h11
from uvicorn.protocols.http.h11_impl import H11Protocol

DEFAULT_HEADER_TIMEOUT_S = 10.0
MAX_HEAD_BYTES = 16 * 1024  # a request line and headers larger than this are refused


class GuardedH11Protocol(H11Protocol):
    def __init__(self, config: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(config, *args, **kwargs)
        self.header_timeout_s = float(getattr(config, "header_timeout_s", DEFAULT_HEADER_TIMEOUT_S))
        self._head_timer: asyncio.TimerHandle | None = None

    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        super().connection_made(transport)
        self._arm()

    def connection_lost(self, exc: Exception | None) -> None:
        self._disarm()
        super().connection_lost(exc)

    def data_received(self, data: bytes) -> None:
        super().data_received(data)
        if self.conn.their_state is h11.IDLE and not self.transport.is_closing():
            if data:
                self._arm()  # part of a request head (or of the next one) is waiting
        else:
            self._disarm()

    def _arm(self) -> None:
        if self._head_timer is None:
            self._head_timer = self.loop.call_later(self.header_timeout_s, self._head_too_slow)

    def _disarm(self) -> None:
        if self._head_timer is not None:
            self._head_timer.cancel()
            self._head_timer = None

    def _head_too_slow(self) -> None:
        self._head_timer = None
        if self.transport.is_closing() or self.conn.their_state is not h11.IDLE:
            return
        if self.cycle is not None and not self.cycle.response_complete:
            return  # an answer is on its way; the keep-alive timer takes over after it
        try:
            if self.conn.our_state is h11.IDLE:
                self.transport.write(
                    b"HTTP/1.1 408 Request Timeout\r\ncontent-length: 0\r\n"
                    b"connection: close\r\n\r\n"
                )
        finally:
            self.transport.close()


def _answer_and_close(transport: Any, status: bytes) -> None:
    try:
        transport.write(
            b"HTTP/1.1 " + status + b"\r\ncontent-length: 0\r\nconnection: close\r\n\r\n"
        )
    finally:
        transport.close()


try:
    from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol
except ImportError:  # httptools is not installed: the server runs GuardedH11Protocol
    HTTPTOOLS = False
else:
    HTTPTOOLS = True

    class GuardedHttpToolsProtocol(HttpToolsProtocol):
        """uvicorn's httptools protocol with the head deadline and a bound on the head's size.

        The deadline runs from the connection's start, and from the first byte of each next
        request (``on_message_begin``), until the request's headers are complete. The bytes
        received from the end of one request to the end of the next one's headers are counted
        (a chunk is counted from the first read after the head began, so a head is refused
        at most one read, 64 KiB or less, after it passed the limit).
        """

        def __init__(self, config: Any, *args: Any, **kwargs: Any) -> None:
            super().__init__(config, *args, **kwargs)
            self.header_timeout_s = float(
                getattr(config, "header_timeout_s", DEFAULT_HEADER_TIMEOUT_S)
            )
            self._head_timer: asyncio.TimerHandle | None = None
            self._in_head = True  # waiting for (the rest of) a request head
            self._head_bytes = 0

        def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
            super().connection_made(transport)
            self._arm()

        def connection_lost(self, exc: Exception | None) -> None:
            self._disarm()
            super().connection_lost(exc)

        def data_received(self, data: bytes) -> None:
            if self._in_head:
                self._head_bytes += len(data)
            super().data_received(data)
            if (
                self._in_head
                and self._head_bytes > MAX_HEAD_BYTES
                and not self.transport.is_closing()
            ):
                self._disarm()
                _answer_and_close(self.transport, b"431 Request Header Fields Too Large")

        def on_message_begin(self) -> None:
            super().on_message_begin()
            self._in_head = True
            self._arm()

        def on_headers_complete(self) -> None:
            self._in_head = False
            self._head_bytes = 0
            self._disarm()
            super().on_headers_complete()

        def on_message_complete(self) -> None:
            super().on_message_complete()
            self._in_head = True  # what comes next is the next request's head
            self._head_bytes = 0

        def _arm(self) -> None:
            if self._head_timer is None:
                self._head_timer = self.loop.call_later(self.header_timeout_s, self._too_slow)

        def _disarm(self) -> None:
            if self._head_timer is not None:
                self._head_timer.cancel()
                self._head_timer = None

        def _too_slow(self) -> None:
            self._head_timer = None
            if self.transport.is_closing() or not self._in_head:
                return
            if self.cycle is not None and not self.cycle.response_complete:
                return  # an answer is on its way; the keep-alive timer takes over after it
            _answer_and_close(self.transport, b"408 Request Timeout")
