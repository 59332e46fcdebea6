"""Worker threads that come back: a thread that dies is logged, restarted with back-off, and
its state shown to staff and sent to the server.

``Supervisor.tick()`` runs once a second on the supervisor's own thread (``start()``): for
each watched part it runs the part's own check (the printer's job deadline) and restarts it
when it is no longer alive, after 1, 2, 4 ... 60 s (back to 1 s once it has run for five
minutes). The GUI thread checks that the supervisor itself is alive (``kiosk/lifecycle.py``),
and systemd's watchdog checks the GUI thread: every level is watched by the one above.
"""

from __future__ import annotations

import logging
import threading
import time
import traceback
from collections.abc import Callable
from dataclasses import dataclass

log = logging.getLogger(__name__)

BASE_DELAY_S = 1.0
MAX_DELAY_S = 60.0
HEALTHY_AFTER_S = 300.0  # a part that has run this long starts its back-off again from 1 s

# The last uncaught exception of each thread, by thread name (``install_excepthook``).
_last_errors: dict[str, str] = {}
_errors_lock = threading.Lock()


def install_excepthook() -> None:
    """Log every uncaught exception of a thread, with its traceback, and keep its words for
    the supervisor (Python prints it to stderr and forgets it otherwise)."""
    previous = threading.excepthook

    def hook(args: threading.ExceptHookArgs) -> None:
        name = args.thread.name if args.thread is not None else "?"
        words = f"{args.exc_type.__name__}: {args.exc_value}"[:300]
        with _errors_lock:
            _last_errors[name] = words
        text = "".join(
            traceback.format_exception(args.exc_type, args.exc_value, args.exc_traceback)
        )
        log.error("thread %s died: %s\n%s", name, words, text)
        if previous not in (threading.__excepthook__, hook):  # pragma: no cover - chained
            previous(args)

    threading.excepthook = hook


def last_error(thread_name: str) -> str:
    with _errors_lock:
        return _last_errors.get(thread_name, "")


@dataclass
class PartState:
    """What staff and the server are told about one supervised part."""

    name: str
    alive: bool = True
    restarts: int = 0  # restarts since the kiosk started
    last_error: str = ""

    @property
    def word(self) -> str:
        return "running" if self.alive else "restarting"


@dataclass
class _Watched:
    name: str
    thread_name: str
    alive: Callable[[], bool]
    restart: Callable[[], None]
    check: Callable[[], None] | None
    state: PartState
    deaths_in_a_row: int = 0
    restart_at: float | None = None
    started_at: float = 0.0


class Supervisor:
    def __init__(
        self,
        *,
        monotonic: Callable[[], float] = time.monotonic,
        base_delay_s: float = BASE_DELAY_S,
        max_delay_s: float = MAX_DELAY_S,
        interval_s: float = 1.0,
        on_change: Callable[[], None] | None = None,
    ) -> None:
        self._now = monotonic
        self.base_delay_s = base_delay_s
        self.max_delay_s = max_delay_s
        self.interval_s = interval_s
        self.on_change = on_change
        self._parts: dict[str, _Watched] = {}
        self._tasks: list[Callable[[], None]] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    # ------------------------------------------------------------------ parts

    def watch(
        self,
        name: str,
        *,
        alive: Callable[[], bool],
        restart: Callable[[], None],
        check: Callable[[], None] | None = None,
        thread_name: str = "",
    ) -> None:
        with self._lock:
            self._parts[name] = _Watched(
                name, thread_name or name, alive, restart, check, PartState(name),
                started_at=self._now(),
            )  # fmt: skip

    def add_task(self, task: Callable[[], None]) -> None:
        """Run ``task`` at every tick, on the supervisor's thread (the disk watch, pruning)."""
        with self._lock:
            self._tasks.append(task)

    def forget(self, name: str) -> None:
        with self._lock:
            self._parts.pop(name, None)

    def states(self) -> list[PartState]:
        with self._lock:
            return [PartState(**vars(p.state)) for p in self._parts.values()]

    def dead(self) -> list[str]:
        """The parts not running now (waiting for their restart)."""
        return [s.name for s in self.states() if not s.alive]

    # ------------------------------------------------------------------ one look

    def tick(self) -> None:
        """Check every part once (any thread; normally the supervisor's own)."""
        with self._lock:
            parts = list(self._parts.values())
            tasks = list(self._tasks)
        for task in tasks:
            try:
                task()
            except Exception:
                log.exception("supervisor task %r failed", task)
        changed = False
        for part in parts:
            if part.check is not None:
                try:
                    part.check()
                except Exception:
                    log.exception("the check of %s failed", part.name)
            changed |= self._look(part)
        if changed and self.on_change is not None:
            try:
                self.on_change()
            except Exception:
                log.exception("supervisor on_change failed")

    def _look(self, part: _Watched) -> bool:
        now = self._now()
        try:
            alive = bool(part.alive())
        except Exception:
            log.exception("cannot tell whether %s is alive", part.name)
            alive = False
        if alive:
            if part.restart_at is None:
                if now - part.started_at >= HEALTHY_AFTER_S:
                    part.deaths_in_a_row = 0
                if not part.state.alive:
                    part.state.alive = True
                    return True
                return False
            part.restart_at = None  # it came back by itself
        if part.restart_at is None:
            part.deaths_in_a_row += 1
            delay = min(
                self.max_delay_s, self.base_delay_s * 2 ** min(part.deaths_in_a_row - 1, 16)
            )
            part.restart_at = now + delay
            part.state.alive = False
            part.state.last_error = last_error(part.thread_name) or "the thread ended"
            log.error(
                "%s is not running (%s); restarting in %.0f s",
                part.name,
                part.state.last_error,
                delay,
            )
            return True
        if now < part.restart_at:
            return False
        try:
            part.restart()
        except Exception as exc:
            log.exception("restarting %s failed", part.name)
            part.state.last_error = f"restart failed: {exc!r}"[:300]
            part.restart_at = None  # counts as another death: a longer wait
            return True
        part.restart_at = None
        part.started_at = now
        part.state.restarts += 1
        part.state.alive = True
        log.warning("%s restarted (%d since start)", part.name, part.state.restarts)
        return True

    # ------------------------------------------------------------------ own thread

    def start(self) -> None:
        if self.running:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="kiosk-supervisor", daemon=True)
        self._thread.start()

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def stop(self, timeout: float = 2.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)

    def _run(self) -> None:
        while not self._stop.wait(self.interval_s):
            try:
                self.tick()
            except Exception:  # pragma: no cover - tick catches per part
                log.exception("supervisor tick failed")
