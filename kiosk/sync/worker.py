"""The sync worker: a plain Python thread (never the GUI thread) that runs sync passes.

Every ``interval_s`` while the server answers; after a failure it backs off exponentially
(with jitter, up to ``max_backoff_s``). ``sync_now()`` wakes it at once (a staff button);
``poke()`` does the same only while online, so issuing tickets offline does not hammer a dead
server. ``stop()`` ends it after the current request (every request has a timeout).
"""

from __future__ import annotations

import logging
import random
import threading

from kiosk.sync.engine import SyncEngine
from kiosk.sync.status import SyncStatus

log = logging.getLogger(__name__)


class SyncWorker:
    def __init__(
        self,
        engine: SyncEngine,
        *,
        interval_s: float = 5.0,
        max_backoff_s: float = 60.0,
        name: str = "kiosk-sync",
        rng: random.Random | None = None,
    ) -> None:
        self.engine = engine
        self.interval_s = interval_s
        self.max_backoff_s = max(max_backoff_s, interval_s)
        self.name = name
        self.failures = 0
        self.passes = 0
        self._rng = rng or random.Random()
        self._wake = threading.Event()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def status(self) -> SyncStatus:
        return self.engine.board.status

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def start(self) -> None:
        if self.running:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name=self.name, daemon=True)
        self._thread.start()

    def alive(self) -> bool:
        """Running, or stopped on purpose (for the kiosk's supervisor)."""
        return self._stop.is_set() or self.running

    def stop(self, timeout: float = 10.0) -> bool:
        """Stop and wait up to ``timeout`` s; True when the thread has ended."""
        self._stop.set()
        self._wake.set()
        thread = self._thread
        if thread is not None:
            thread.join(timeout)
            if thread.is_alive():
                log.warning("sync worker still busy after %.1f s", timeout)
                return False
        self._thread = None
        return True

    def sync_now(self) -> None:
        self._wake.set()

    def poke(self) -> None:
        if self.engine.board.status.online:
            self._wake.set()

    def next_wait(self, ok: bool) -> float:
        if ok:
            self.failures = 0
            return self.interval_s
        self.failures += 1
        base = min(self.max_backoff_s, self.interval_s * 2 ** min(self.failures, 16))
        return base * self._rng.uniform(0.5, 1.0)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                ok = self.engine.run_once()
            except Exception as exc:  # a bug must not end sync for good
                log.exception("sync pass failed")
                self.engine.board.update(online=False, last_error=f"sync error: {exc!r}"[:300])
                ok = False
            self.passes += 1
            if self._stop.is_set():
                break
            self._wake.wait(self.next_wait(ok))
            self._wake.clear()
