"""The kiosk's HTTP client and its settings, against a scripted server."""

from __future__ import annotations

import contextlib
import json
import random
import socket
import threading
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from kiosk.config import parse_config
from kiosk.sync.client import (
    ApiClient,
    ClockCorrector,
    Rejected,
    Unauthorized,
    Unreachable,
)
from kiosk.sync.settings import ServerSettings, parse_server_settings
from mpp_core.domain.clock import FixedClock, SystemClock

Reply = tuple[int, bytes, dict[str, str]]


class Scripted:
    """An HTTP server whose answers the test writes; it counts what it gets."""

    def __init__(self) -> None:
        self.answer: Callable[[str, str, bytes], Reply] = lambda m, p, b: (200, b"{}", {})
        self.seen: list[tuple[str, str, dict[str, str]]] = []
        outer = self

        class H(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *a: object) -> None:
                pass

            def do_GET(self) -> None:
                n = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(n) if n else b""
                outer.seen.append((self.command, self.path, dict(self.headers)))
                status, data, headers = outer.answer(self.command, self.path, body)
                self.send_response(status)
                for k, v in headers.items():
                    self.send_header(k, v)
                if "Content-Length" not in headers:
                    self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                with contextlib.suppress(OSError):
                    self.wfile.write(data)
                if headers.get("Connection") == "close":
                    self.close_connection = True

            do_POST = do_GET

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), H)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, args=(0.05,), daemon=True).start()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def scripted() -> Iterator[Scripted]:
    s = Scripted()
    yield s
    s.close()


def client_for(s: Scripted, **kw: object) -> ApiClient:
    settings = ServerSettings(
        url=s.url, token="mppk_test_token_123", retries=2, connect_timeout_s=0.5, read_timeout_s=2.0
    )
    for k, v in kw.items():
        object.__setattr__(settings, k, v)
    return ApiClient(settings, sleep=lambda _s: None, rng=random.Random(1))


# ------------------------------------------------------------------------------ settings


def test_no_server_table_means_no_sync() -> None:
    assert parse_server_settings({}) == (None, [])
    cfg, problems = parse_config('[kiosk]\nkiosk_id = "k1"\n')
    assert not problems and parse_server_settings(cfg.server) == (None, [])


def test_server_table_from_the_kiosk_config() -> None:
    cfg, problems = parse_config(
        '[server]\nurl = "https://central.example/"\ntoken = "mppk_abcdefgh"\nslot = 3\n'
        "connect_timeout_s = 1.5\nretries = 4\n"
    )
    assert not problems
    settings, problems = parse_server_settings(cfg.server)
    assert not problems and settings is not None
    assert settings.base_url == "https://central.example" and settings.slot == 3
    assert settings.connect_timeout_s == 1.5 and settings.retries == 4


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"url": "https://x", "token": "mppk_abcdefgh", "connect_timeout_s": 5}, "between"),
        ({"url": "https://x", "token": "mppk_abcdefgh", "colour": "red"}, "unknown key"),
        ({"url": "https://x", "token": "mppk_abcdefgh", "retries": "3"}, "must be a whole number"),
    ],
)
def test_bad_keys_are_reported_and_left_at_their_default(
    table: dict[str, object], message: str
) -> None:
    settings, problems = parse_server_settings(table)
    assert settings is not None and settings.connect_timeout_s <= 2.0
    assert any(message in str(p) for p in problems)


@pytest.mark.parametrize(
    "table",
    [
        {"url": "ftp://x", "token": "mppk_abcdefgh"},
        {"url": "https://x"},
        {"url": "https://x", "token": "short"},
    ],
)
def test_a_bad_url_or_token_turns_sync_off(table: dict[str, object]) -> None:
    settings, problems = parse_server_settings(table)
    assert settings is None and problems


# ------------------------------------------------------------------------------ retries


def test_only_idempotent_or_keyed_requests_are_retried(scripted: Scripted) -> None:
    scripted.answer = lambda m, p, b: (503, b'{"detail": "busy"}', {})
    c = client_for(scripted)
    with pytest.raises(Unreachable):
        c.request("POST", "/heartbeat", body={"x": 1})
    assert len(scripted.seen) == 1
    with pytest.raises(Unreachable):
        c.request("POST", "/tickets/batch", body={"x": 1}, keyed=True)
    assert len(scripted.seen) == 1 + 3
    with pytest.raises(Unreachable):
        c.request("GET", "/catalog")
    assert len(scripted.seen) == 1 + 3 + 3


def test_a_retry_succeeds_after_a_server_error(scripted: Scripted) -> None:
    answers = iter([(500, b"", {}), (200, b'{"ok": true}', {})])
    scripted.answer = lambda m, p, b: next(answers)
    assert client_for(scripted).request("GET", "/x").data == {"ok": True}


def test_4xx_is_not_retried_and_carries_the_reason(scripted: Scripted) -> None:
    scripted.answer = lambda m, p, b: (409, b'{"detail": "full", "reason": "quota_full"}', {})
    with pytest.raises(Rejected) as err:
        client_for(scripted).request("POST", "/tickets/allocate", body={}, keyed=True)
    assert err.value.reason == "quota_full" and err.value.detail == "full"
    assert len(scripted.seen) == 1


def test_401_is_unauthorized_and_the_token_is_sent_as_bearer(scripted: Scripted) -> None:
    scripted.answer = lambda m, p, b: (401, b'{"detail": "no"}', {})
    with pytest.raises(Unauthorized):
        client_for(scripted).request("GET", "/kiosk")
    assert scripted.seen[0][2]["Authorization"] == "Bearer mppk_test_token_123"


def test_backoff_grows_with_jitter_and_is_capped() -> None:
    c = ApiClient(ServerSettings(url="http://x", token="mppk_abcdefgh"), rng=random.Random(7))
    for attempt in range(8):
        base = min(5.0, 0.2 * 2**attempt)
        samples = [c.backoff(attempt) for _ in range(50)]
        assert all(0.5 * base <= s <= 1.5 * base for s in samples)
        assert len(set(samples)) > 40  # jittered


@pytest.mark.parametrize("body", [b'{"results": [', b"<html>oops</html>", b"\xff\xfe"])
def test_malformed_answers_are_unreachable_not_crashes(scripted: Scripted, body: bytes) -> None:
    scripted.answer = lambda m, p, b: (200, body, {"Content-Type": "application/json"})
    with pytest.raises(Unreachable, match="malformed"):
        client_for(scripted, retries=0).request("GET", "/x")


def test_a_truncated_answer_is_unreachable(scripted: Scripted) -> None:
    scripted.answer = lambda m, p, b: (
        200,
        b'{"a": 1',
        {"Content-Length": "500", "Connection": "close"},
    )
    with pytest.raises(Unreachable):
        client_for(scripted, retries=0).request("GET", "/x")


def test_the_deadline_bounds_the_whole_call(scripted: Scripted) -> None:
    def slow(m: str, p: str, b: bytes) -> Reply:
        time.sleep(3)
        return 200, b"{}", {}

    scripted.answer = slow
    c = client_for(scripted)
    t0 = time.monotonic()
    with pytest.raises(Unreachable):
        c.request("POST", "/tickets/allocate", body={}, keyed=True, deadline_s=0.6)
    assert time.monotonic() - t0 < 1.2


def test_connect_timeout_is_at_most_two_seconds() -> None:
    # A listening socket whose backlog is full: connecting hangs until the timeout.
    hole = socket.socket()
    hole.bind(("127.0.0.1", 0))
    hole.listen(0)
    port = hole.getsockname()[1]
    fillers = []
    for _ in range(3):
        s = socket.socket()
        s.setblocking(False)
        with contextlib.suppress(BlockingIOError):
            s.connect(("127.0.0.1", port))
        fillers.append(s)
    time.sleep(0.1)
    settings = ServerSettings(url=f"http://127.0.0.1:{port}", token="mppk_abcdefgh", retries=0)
    object.__setattr__(settings, "connect_timeout_s", 30.0)  # even if forced
    object.__setattr__(settings, "read_timeout_s", 30.0)
    t0 = time.monotonic()
    try:
        with pytest.raises(Unreachable, match="in time"):
            ApiClient(settings).request("GET", "/health")
        assert 1.9 < time.monotonic() - t0 < 2.8
    finally:
        for s in fillers:
            s.close()
        hole.close()


# ------------------------------------------------------------------------------ clock


def test_the_server_time_corrects_a_wrong_kiosk_clock(scripted: Scripted) -> None:
    real = datetime.now(UTC)
    wrong = SystemClock(lambda: datetime.now(UTC) + timedelta(hours=5))
    corrector = ClockCorrector(wrong)
    scripted.answer = lambda m, p, b: (200, b"{}", {"X-Server-Time": f"{time.time():.6f}"})
    c = ApiClient(ServerSettings(url=scripted.url, token="mppk_abcdefgh"), corrector=corrector)
    c.request("GET", "/health")
    assert abs(corrector.offset_s + 5 * 3600) < 2
    assert abs((wrong.now() - real).total_seconds()) < 2
    assert abs(corrector.raw_now() - (time.time() + 5 * 3600)) < 2


def test_a_slow_round_trip_does_not_move_the_clock() -> None:
    corrector = ClockCorrector(SystemClock())
    corrector.observe(server_ts=1000.0, sent=0.0, received=5.0)
    assert corrector.offset_s == 0.0


def test_a_fixed_clock_is_only_measured() -> None:
    at = datetime(2026, 11, 28, 3, tzinfo=UTC)
    clock = FixedClock(at)
    corrector = ClockCorrector(clock)
    corrector.observe(at.timestamp() + 60, at.timestamp(), at.timestamp() + 0.01)
    assert abs(corrector.offset_s - 60) < 0.1 and clock.now() == at


def test_json_bodies_are_sent_compact_with_dates(scripted: Scripted) -> None:
    seen: list[bytes] = []

    def keep(m: str, p: str, b: bytes) -> Reply:
        seen.append(b)
        return 200, b"{}", {}

    scripted.answer = keep
    at = datetime(2026, 11, 28, 8, 0, tzinfo=UTC)
    client_for(scripted).request("POST", "/heartbeat", body={"kiosk_time": at})
    assert json.loads(seen[0]) == {"kiosk_time": "2026-11-28T08:00:00+00:00"}
