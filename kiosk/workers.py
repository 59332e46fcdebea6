"""Run slow work (disk, printer, network) off the GUI thread; results come back on it."""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from PySide6.QtCore import QObject, Signal

log = logging.getLogger(__name__)


class _Bridge(QObject):
    # Emitted on a worker thread; Qt queues it to the GUI thread, where _deliver runs.
    finished = Signal(object, object)


class BackgroundRunner:
    """One worker thread per runner, so jobs of one kind keep their order."""

    def __init__(self, name: str = "kiosk-io") -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix=name)
        self._bridge = _Bridge()
        self._bridge.finished.connect(self._deliver)
        self.pending = 0

    def submit(
        self,
        fn: Callable[[], Any],
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
    ) -> Future[None]:
        self.pending += 1

        def run() -> None:
            try:
                result = fn()
            except BaseException as exc:  # delivered to on_error on the GUI thread
                self._bridge.finished.emit(lambda err=exc: on_error(err), None)
                return
            self._bridge.finished.emit(lambda: on_done(result), None)

        return self._pool.submit(run)

    def _deliver(self, call: Callable[[], None], _unused: object) -> None:
        self.pending -= 1
        try:
            call()
        except Exception:  # a bug in a callback must not take the kiosk down
            log.exception("callback failed")

    def shutdown(self, wait: bool = True) -> None:
        self._pool.shutdown(wait=wait, cancel_futures=False)
