"""Slowing down and then refusing repeated authentication failures (per address, per token).

Each failure with a missing, unknown or revoked token is counted against the client's address
and against the token presented. Within ``window_s``: the first ``free`` failures are answered
at once, later ones only after a growing delay (up to ``max_delay_s``), and from ``block_after``
failures on the address or token is refused outright with 429 and ``Retry-After`` for
``block_s`` seconds, before any database lookup. A token that authenticated recently passes an
address block (kiosks behind one NAT keep working while a neighbour guesses). Counts are per
server process and bounded in memory.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class LimitPolicy:
    free: int = 5
    block_after: int = 20
    window_s: float = 60.0
    block_s: float = 60.0
    max_delay_s: float = 1.0
    trust_s: float = 600.0  # a token that authenticated this recently passes an address block
    max_keys: int = 50_000


class FailureLimiter:
    def __init__(self, policy: LimitPolicy, clock: Callable[[], float] = time.monotonic) -> None:
        self.policy = policy
        self.clock = clock
        self._fails: OrderedDict[str, deque[float]] = OrderedDict()
        self._blocked: OrderedDict[str, float] = OrderedDict()  # key -> until
        self._trusted: OrderedDict[str, float] = OrderedDict()  # token key -> last success
        self._lock = threading.Lock()

    def retry_after(self, *keys: str) -> float | None:
        """Seconds until the first of ``keys`` that is blocked may try again, or None."""
        now = self.clock()
        with self._lock:
            for key in keys:
                until = self._blocked.get(key)
                if until is not None:
                    if until > now:
                        return until - now
                    del self._blocked[key]
        return None

    def trusted(self, token_key: str) -> bool:
        now = self.clock()
        with self._lock:
            at = self._trusted.get(token_key)
            return at is not None and now - at < self.policy.trust_s

    def succeeded(self, token_key: str) -> None:
        with self._lock:
            self._trusted[token_key] = self.clock()
            self._trusted.move_to_end(token_key)
            self._trim(self._trusted)

    def failed(self, *keys: str) -> tuple[float, float | None]:
        """Count a failure against each key: (delay before answering, Retry-After or None)."""
        p = self.policy
        now = self.clock()
        worst = 0
        with self._lock:
            for key in keys:
                times = self._fails.get(key)
                if times is None:
                    times = self._fails[key] = deque()
                self._fails.move_to_end(key)
                while times and now - times[0] > p.window_s:
                    times.popleft()
                times.append(now)
                if len(times) >= p.block_after:
                    self._blocked[key] = now + p.block_s
                    self._blocked.move_to_end(key)
                    times.clear()
                    worst = max(worst, p.block_after)
                else:
                    worst = max(worst, len(times))
            self._trim(self._fails)
            self._trim(self._blocked)
        if worst >= p.block_after:
            return 0.0, p.block_s
        if worst <= p.free:
            return 0.0, None
        return min(p.max_delay_s, 0.05 * 2 ** (worst - p.free - 1)), None

    def _trim(self, table: OrderedDict[str, Any]) -> None:
        while len(table) > self.policy.max_keys:
            table.popitem(last=False)
