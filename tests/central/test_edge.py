"""The server's edge: tokens only in the Authorization header and never in a log, repeated
failures slowed then refused, authentication before the body, per-endpoint size limits, and
slow clients cut off (a real uvicorn server on 127.0.0.1)."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from central_harness import Mpp, ServerProcess, ThreadServer

from central.ratelimit import FailureLimiter, LimitPolicy
from central.settings import Settings

API = "/api/v1"
HEADER_TIMEOUT_S = 1.5
BODY_TIMEOUT_S = 2.0


@pytest.fixture
def edge(mpp: Mpp) -> Iterator[ThreadServer]:
    """A server with short slow-client deadlines and a low failure limit."""
    srv = ThreadServer(
        Settings(
            database_url=mpp.url,
            auth_cache_s=0,
            catalog_cache_s=0,
            header_timeout_s=HEADER_TIMEOUT_S,
            body_timeout_s=BODY_TIMEOUT_S,
            keep_alive_s=5,
            auth_fail_free=3,
            auth_fail_block=8,
            auth_block_s=30,
        )
    )
    yield srv
    srv.stop()


def connect(srv: ThreadServer) -> socket.socket:
    s = socket.create_connection(("127.0.0.1", srv.port), timeout=5)
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return s


def read_answer(s: socket.socket, deadline_s: float = 10) -> bytes:
    """Everything the server sends until it closes the connection."""
    s.settimeout(deadline_s)
    out = b""
    while True:
        try:
            chunk = s.recv(65536)
        except ConnectionResetError:
            return out
        if not chunk:
            return out
        out += chunk


def closed_by_server(s: socket.socket, trickle: bytes, deadline_s: float) -> tuple[bool, bytes]:
    """Send ``trickle`` a byte at a time (every 0.2 s) until the server closes the connection
    or ``deadline_s`` passes; returns (closed, what the server sent)."""
    s.settimeout(0.2)
    got = b""
    end = time.monotonic() + deadline_s
    i = 0
    while time.monotonic() < end:
        try:
            chunk = s.recv(65536)
            if not chunk:
                return True, got
            got += chunk
        except TimeoutError:
            pass
        except (ConnectionResetError, BrokenPipeError):
            return True, got
        try:
            s.send(trickle[i % len(trickle) : i % len(trickle) + 1])
        except (ConnectionResetError, BrokenPipeError):
            return True, got
        i += 1
    return False, got


# ------------------------------------------------------------------------------ secrets


def test_a_token_in_the_url_is_refused_and_never_logged(mpp: Mpp, tmp_path: Path) -> None:
    token = mpp.token("k1")
    srv = ServerProcess(mpp.url, tmp_path / "server.log", access_log=True, log_level="info").start()
    try:
        for query in (f"token={token}", f"access_token={token}", f"t={token}"):
            r = requests.get(f"{srv.url}{API}/kiosk?{query}", timeout=5)
            assert r.status_code == 400 and r.json()["reason"] == "token_in_url"
        r = requests.get(f"{srv.url}{API}/health?token={token}", timeout=5)
        assert r.status_code == 400
        r = requests.get(
            f"{srv.url}{API}/kiosk", headers={"Authorization": f"Bearer {token}x"}, timeout=5
        )
        assert r.status_code == 401
    finally:
        srv.stop()
    text = srv.log_text()
    assert "/api/v1/kiosk?" in text  # the access log has the requests ...
    assert token not in text and token[:12] not in text  # ... but not the token
    assert "[redacted]" in text


def test_repeated_failures_are_slowed_then_refused_with_retry_after(
    edge: ThreadServer, mpp: Mpp
) -> None:
    good = requests.Session()
    good.headers["Authorization"] = f"Bearer {mpp.token('k1')}"
    assert good.get(edge.url + API + "/kiosk", timeout=5).status_code == 200  # known kiosk
    times: list[float] = []
    statuses: list[int] = []
    for i in range(12):
        t0 = time.perf_counter()
        r = requests.get(
            edge.url + API + "/kiosk", headers={"Authorization": f"Bearer wrong{i}"}, timeout=10
        )
        times.append(time.perf_counter() - t0)
        statuses.append(r.status_code)
        if r.status_code == 429:
            assert int(r.headers["Retry-After"]) >= 1
            assert r.json()["reason"] == "rate_limited"
    assert statuses[:7] == [401] * 7
    assert statuses[7:] == [429] * 5
    assert max(times[4:7]) > min(times[:3])  # the 4th failure on waits before its 401
    # Blocked: even a fresh guess is refused without a look at the database ...
    r = requests.get(edge.url + API + "/kiosk", headers={"Authorization": "Bearer x"}, timeout=5)
    assert r.status_code == 429
    # ... but the kiosk that authenticated before keeps working from the same address.
    assert good.get(edge.url + API + "/kiosk", timeout=5).status_code == 200


def test_the_limiter_counts_per_address_and_per_token() -> None:
    now = [0.0]
    limiter = FailureLimiter(
        LimitPolicy(free=2, block_after=4, window_s=60, block_s=30), clock=lambda: now[0]
    )
    # One token tried from many addresses is blocked as a token.
    answers = [limiter.failed(f"a:10.0.0.{i}", "t:abc") for i in range(4)]
    assert [a[1] for a in answers] == [None, None, None, 30]
    assert answers[0][0] == 0 and answers[2][0] > 0  # the third one was slowed
    assert limiter.retry_after("a:10.0.0.99", "t:abc") == 30
    assert limiter.retry_after("a:10.0.0.99", "t:other") is None
    now[0] += 31
    assert limiter.retry_after("t:abc") is None
    # Failures older than the window are forgotten.
    limiter.failed("a:x")
    now[0] += 61
    assert limiter.failed("a:x") == (0.0, None)


# ------------------------------------------------------------------------------ bodies


def test_an_unauthenticated_large_body_is_401_and_not_read(edge: ThreadServer) -> None:
    s = connect(edge)
    s.sendall(
        b"POST /api/v1/tickets/batch HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        b"Content-Length: 20971520\r\n\r\n" + b" " * 65536
    )
    answer = read_answer(s)  # the server answers and closes without reading 20 MiB
    assert answer.startswith(b"HTTP/1.1 401"), answer[:100]
    assert b"connection: close" in answer.lower()
    s.close()
    # Chunked, without a length: the same.
    s = connect(edge)
    s.sendall(
        b"POST /api/v1/tickets/batch HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
        b"10000\r\n" + b" " * 65536 + b"\r\n"
    )
    assert read_answer(s).startswith(b"HTTP/1.1 401")
    s.close()


def test_each_endpoint_has_its_own_size_limit(edge: ThreadServer, mpp: Mpp) -> None:
    headers = {"Authorization": f"Bearer {mpp.token('k1')}", "Content-Type": "application/json"}
    big = b'{"ticket_id": "' + b"x" * 8000 + b'"}'
    r = requests.post(edge.url + API + "/tickets/allocate", data=big, headers=headers, timeout=5)
    assert r.status_code == 413 and r.json()["reason"] == "too_large"
    # The same size is fine where batches go (refused for its content, not its size).
    r = requests.post(edge.url + API + "/tickets/batch", data=big, headers=headers, timeout=5)
    assert r.status_code == 422
    r = requests.post(
        edge.url + API + "/heartbeat", data=iter([big, big, big]), headers=headers, timeout=5
    )
    assert r.status_code == 413


# ------------------------------------------------------------------------------ slow clients


@pytest.mark.parametrize("with_token", [False, True])
def test_trickled_headers_are_cut_off(edge: ThreadServer, mpp: Mpp, with_token: bool) -> None:
    head = b"POST /api/v1/heartbeat HTTP/1.1\r\nHost: x\r\n"
    if with_token:
        head += f"Authorization: Bearer {mpp.token('k1')}\r\n".encode()
    s = connect(edge)
    s.sendall(head)
    t0 = time.monotonic()
    closed, got = closed_by_server(s, b"X-Slow: abcdefghij\r\n", deadline_s=30)
    assert closed, "the server kept a trickling client for 30 s"
    assert time.monotonic() - t0 < 20
    assert got.startswith(b"HTTP/1.1 408") or got == b""
    s.close()


def test_a_silent_connection_is_cut_off(edge: ThreadServer) -> None:
    s = connect(edge)
    s.settimeout(30)
    t0 = time.monotonic()
    assert read_answer(s, 30).startswith(b"HTTP/1.1 408")
    assert time.monotonic() - t0 < 20
    s.close()


@pytest.mark.parametrize("with_token", [False, True])
def test_a_trickled_body_is_cut_off(edge: ThreadServer, mpp: Mpp, with_token: bool) -> None:
    head = b"POST /api/v1/heartbeat HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n"
    if with_token:
        head += f"Authorization: Bearer {mpp.token('k1')}\r\n".encode()
    s = connect(edge)
    s.sendall(head + b"\r\n{")
    t0 = time.monotonic()
    closed, got = closed_by_server(s, b" ", deadline_s=30)
    assert closed, "the server kept a trickling body for 30 s"
    assert time.monotonic() - t0 < 20
    assert got.startswith(b"HTTP/1.1 408" if with_token else b"HTTP/1.1 401"), got[:80]
    s.close()


def test_a_normal_kiosk_is_not_disturbed(edge: ThreadServer, mpp: Mpp) -> None:
    """Keep-alive requests in a row on one connection still work."""
    session = requests.Session()
    session.headers["Authorization"] = f"Bearer {mpp.token('k2')}"
    for _ in range(5):
        assert session.get(edge.url + API + "/kiosk", timeout=5).status_code == 200
