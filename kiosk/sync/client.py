"""The one HTTP client of the kiosk: a ``requests.Session`` wrapper for the /api/v1 API.

* Every request has a timeout: connect at most 2 s, and an optional overall deadline (an
  online number gives up after ``allocate_timeout_s`` and the kiosk goes offline).
* Only idempotent (GET) or keyed requests (carrying a client-made UUID the server uses as an
  idempotency key) are retried, with exponential backoff and jitter. urllib3's own retries
  are off: a POST is never replayed behind our back.
* Every answer's ``X-Server-Time`` is passed to a :class:`ClockCorrector`, which corrects a
  kiosk clock that is wrong (the service day, and so the numbering, comes from corrected time).
* Answers are sorted into :class:`Unreachable` (network, timeout, 5xx, truncated or malformed
  body: try later), :class:`Rejected` (4xx: this request will not succeed as it is) and
  :class:`Unauthorized` (401: the token is wrong or revoked). The token is never logged.

Each thread gets its own Session (a Session is not meant to be shared between threads).
"""

from __future__ import annotations

import contextlib
import json
import logging
import random
import threading
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import requests
from requests.adapters import HTTPAdapter

from kiosk.settings.server import MAX_CONNECT_TIMEOUT_S
from kiosk.sync.settings import ServerSettings
from mpp_core.domain.clock import Clock
from mpp_core.wire.protocol import API_PREFIX, SERVER_TIME_HEADER

log = logging.getLogger(__name__)
USER_AGENT = "mpp-kiosk-sync/1"
BACKOFF_BASE_S = 0.2
BACKOFF_CAP_S = 5.0


class SyncError(Exception):
    """Talking to the server did not work out."""


class Unreachable(SyncError):
    """No usable answer (network, timeout, server error, damaged body): try again later."""


class Rejected(SyncError):
    """The server refused the request (4xx); repeating it unchanged will not help."""

    def __init__(self, status: int, detail: str, reason: str | None = None) -> None:
        super().__init__(f"{status}: {detail}")
        self.status = status
        self.detail = detail
        self.reason = reason


class Unauthorized(Rejected):
    """401: the kiosk's token is wrong or was revoked."""


@dataclass(frozen=True)
class Answer:
    status: int
    data: Any  # the decoded JSON body (None for 304 or an empty body)
    headers: Mapping[str, str]


class ClockCorrector:
    """Learns the offset between the server's clock and the kiosk's own, and applies it.

    The offset is server time minus the middle of the request as measured by the kiosk's
    *uncorrected* clock. A clock with an ``offset`` attribute (``SystemClock``) is corrected in
    place; any other clock (a test's FixedClock) is left alone and the offset only reported.
    """

    MAX_RTT_S = 1.0  # samples from slower round trips are too vague to use
    MIN_CHANGE_S = 0.2

    def __init__(self, clock: Clock | None, initial_offset_s: float | None = None) -> None:
        self.clock = clock
        self.offset_s = 0.0
        self._lock = threading.Lock()
        self.samples = 0
        if initial_offset_s is not None:
            self.apply(initial_offset_s)

    def raw_now(self) -> float:
        """The kiosk's own clock (without the correction), Unix seconds."""
        if self.clock is None:
            return time.time()
        now = self.clock.now()
        offset = getattr(self.clock, "offset", None)
        if isinstance(offset, timedelta):
            now -= offset
        return now.timestamp()

    def apply(self, offset_s: float) -> None:
        with self._lock:
            self.offset_s = offset_s
            if self.clock is not None and isinstance(
                getattr(self.clock, "offset", None), timedelta
            ):
                self.clock.offset = timedelta(seconds=offset_s)  # type: ignore[attr-defined]

    def observe(self, server_ts: float, sent: float, received: float) -> None:
        rtt = received - sent
        if rtt < 0 or rtt > self.MAX_RTT_S:
            return
        sample = server_ts - (sent + received) / 2
        self.samples += 1
        if abs(sample - self.offset_s) >= self.MIN_CHANGE_S:
            if abs(sample - self.offset_s) > 60:
                log.warning("kiosk clock is %+.0f s off the server's; correcting", sample)
            self.apply(sample)


class ApiClient:
    def __init__(
        self,
        settings: ServerSettings,
        *,
        corrector: ClockCorrector | None = None,
        sleep: Callable[[float], None] = time.sleep,
        rng: random.Random | None = None,
    ) -> None:
        self.settings = settings
        self.corrector = corrector or ClockCorrector(None)
        self._sleep = sleep
        self._rng = rng or random.Random()
        self._local = threading.local()
        self._sessions: list[requests.Session] = []
        self._lock = threading.Lock()

    # ------------------------------------------------------------------------ sessions

    def _session(self) -> requests.Session:
        session: requests.Session | None = getattr(self._local, "session", None)
        if session is None:
            session = requests.Session()
            adapter = HTTPAdapter(max_retries=0, pool_connections=2, pool_maxsize=4)
            session.mount("http://", adapter)
            session.mount("https://", adapter)
            session.headers["Authorization"] = f"Bearer {self.settings.token}"
            session.headers["User-Agent"] = USER_AGENT
            session.headers["Accept"] = "application/json"
            if self.settings.ca_file:
                session.verify = self.settings.ca_file
            else:
                session.verify = self.settings.verify_tls
            self._local.session = session
            with self._lock:
                self._sessions.append(session)
        return session

    def close(self) -> None:
        with self._lock:
            sessions, self._sessions = self._sessions, []
        for s in sessions:
            s.close()

    # ------------------------------------------------------------------------ requests

    def backoff(self, attempt: int) -> float:
        """Exponential backoff with jitter (0.5x to 1.5x), capped."""
        return min(BACKOFF_CAP_S, BACKOFF_BASE_S * 2**attempt) * self._rng.uniform(0.5, 1.5)

    def request(
        self,
        method: str,
        path: str,
        *,
        body: Any = None,
        headers: Mapping[str, str] | None = None,
        keyed: bool = False,
        deadline_s: float | None = None,
        retries: int | None = None,
    ) -> Answer:
        """One API call. ``keyed``: the body carries an idempotency key, so it may be retried.

        ``deadline_s`` bounds the whole call, retries and waits included.
        """
        method = method.upper()
        idempotent = method in ("GET", "HEAD") or keyed
        tries = 1 + (self.settings.retries if retries is None else retries) if idempotent else 1
        deadline = None if deadline_s is None else time.monotonic() + deadline_s
        url = self.settings.base_url + API_PREFIX + path
        data = None
        send_headers = dict(headers or {})
        if body is not None:
            data = json.dumps(
                body, separators=(",", ":"), ensure_ascii=False, default=_json_default
            ).encode("utf-8")
            send_headers["Content-Type"] = "application/json"
        error: SyncError = Unreachable("not tried")
        for attempt in range(tries):
            connect, read = self.settings.connect_timeout_s, self.settings.read_timeout_s
            if deadline is not None:
                left = deadline - time.monotonic()
                if left <= 0.02:
                    break
                connect, read = min(connect, left), min(read, left)
            connect = min(connect, MAX_CONNECT_TIMEOUT_S)
            try:
                return self._once(method, url, data, send_headers, (connect, read))
            except Unreachable as exc:
                error = exc
            if attempt + 1 < tries:
                pause = self.backoff(attempt)
                if deadline is not None:
                    pause = min(pause, max(0.0, deadline - time.monotonic() - 0.05))
                if pause > 0:
                    self._sleep(pause)
        raise error

    def _once(
        self,
        method: str,
        url: str,
        data: bytes | None,
        headers: dict[str, str],
        timeout: tuple[float, float],
    ) -> Answer:
        sent = self.corrector.raw_now()
        try:
            resp = self._session().request(
                method, url, data=data, headers=headers, timeout=timeout, allow_redirects=False
            )
            content = resp.content  # read it all here: a cut-off body raises now
        except requests.Timeout as exc:
            raise Unreachable(f"no answer in time ({type(exc).__name__})") from None
        except requests.RequestException as exc:
            raise Unreachable(f"cannot reach the server ({type(exc).__name__})") from None
        received = self.corrector.raw_now()
        server_time = resp.headers.get(SERVER_TIME_HEADER)
        if server_time:
            with contextlib.suppress(ValueError):
                self.corrector.observe(float(server_time), sent, received)
        status = resp.status_code
        if status >= 500 or status == 429:
            raise Unreachable(f"server answered {status}")
        decoded: Any = None
        if content and status != 304:
            try:
                decoded = json.loads(content)
            except ValueError:
                if status < 400:
                    raise Unreachable(
                        f"server sent a malformed answer ({len(content)} bytes)"
                    ) from None
        if status == 401:
            raise Unauthorized(401, _detail(decoded, "token refused"))
        if status >= 400:
            reason = decoded.get("reason") if isinstance(decoded, dict) else None
            raise Rejected(
                status,
                _detail(decoded, resp.reason or "refused"),
                reason if isinstance(reason, str) else None,
            )
        if status not in (200, 201, 304):
            raise Unreachable(f"unexpected answer {status}")
        return Answer(status, decoded, resp.headers)


def _detail(decoded: Any, fallback: str) -> str:
    if isinstance(decoded, dict) and isinstance(decoded.get("detail"), str):
        return str(decoded["detail"])[:300]
    return fallback


def _json_default(o: Any) -> Any:
    if isinstance(o, datetime):
        return o.astimezone(UTC).isoformat()
    if hasattr(o, "isoformat"):
        return o.isoformat()
    raise TypeError(f"cannot encode {type(o).__name__}")
