"""Live updates: one hub per server process turns "something changed at gerai G of MPP M"
into fresh views for every open page (Server-Sent Events, ``central.web.counter``).

* A change is announced after its transaction commits: a loket's action, a ticket numbered
  online, an uploaded batch (offline tickets arriving). The worker that made it updates its
  own pages at once. With several workers (PostgreSQL) the change also goes out as ``NOTIFY
  mpp_counter`` (sent by a notifier thread, so nobody waits for it) and every other worker's
  hub hears it on its own ``LISTEN`` connection (a thread), so all pages see every change
  whichever worker made it.
* Per MPP the hub recomputes the changed gerai's view and the board once, however many pages
  are open, and hands the result to every subscriber of that MPP (each keeps what concerns
  it). Changes that arrive while it computes are folded into one more round: bursts coalesce,
  and nothing waits for a timer.
* A page that (re)connects gets a snapshot from the hub's cache first, so a reconnect resumes
  with the current state (state, not history, is what the pages show).
* A slow subscriber never holds others: its queue is bounded and, when full, the oldest
  update is dropped (the next one carries the whole state again).
"""

from __future__ import annotations

import asyncio
import itertools
import json
import logging
import os
import queue
import threading
from collections import defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import anyio.to_thread
from sqlalchemy import make_url

from central.calls.views import BoardView, GeraiView, board_view, gerai_view
from central.catalogs import CatalogCache
from central.db import Database
from mpp_core.domain.clock import WIB, service_day

log = logging.getLogger("central.web.live")
CHANNEL = "mpp_counter"
QUEUE_SIZE = 16
RECONNECT_S = 2.0


@dataclass(frozen=True, slots=True)
class Update:
    mpp_code: str
    gerais: dict[str, GeraiView]  # the gerai whose view changed
    board: BoardView
    tickets: frozenset[str] = frozenset()  # tickets called, finished or moved


# The order in which subscribers hear of a change: the status page of a ticket just called
# first, then the boards, then the petugas pages, then every other status page (their
# "people ahead" moved by one). A slow fan-out never delays the call itself.
FIRST, BOARD, PETUGAS, OTHERS = 0, 1, 2, 3


@dataclass(eq=False)
class Subscription:
    queue: asyncio.Queue[Update]
    rank: int
    ticket: str | None

    async def next(self, relevant: Callable[[Update], bool] | None = None) -> Update:
        """The newest waiting update (older ones are skipped: each carries the whole state),
        or the newest relevant one."""
        update = await self.queue.get()
        while not self.queue.empty():
            newer = self.queue.get_nowait()
            if relevant is None or relevant(newer) or not relevant(update):
                update = newer
        return update


def day_start(now: datetime) -> datetime:
    d = service_day(now)
    return datetime(d.year, d.month, d.day, tzinfo=WIB).astimezone(UTC)


class LiveHub:
    def __init__(self, db: Database, catalogs: CatalogCache) -> None:
        self.db = db
        self.catalogs = catalogs
        self.loop: asyncio.AbstractEventLoop | None = None
        self._subs: dict[str, set[Subscription]] = defaultdict(set)
        self._gerai: dict[tuple[str, str], GeraiView] = {}
        self._board: dict[str, BoardView] = {}
        self._dirty: dict[str, set[str]] = defaultdict(set)
        self._touched: dict[str, set[str]] = defaultdict(set)
        self._running: set[str] = set()
        self._versions = itertools.count(1)  # every computed view gets its own version
        self._stop = threading.Event()
        self._listener: threading.Thread | None = None
        self._worker = f"{os.getpid()}-{id(self)}"
        self._outbox: queue.SimpleQueue[tuple[str, frozenset[str], tuple[str, ...]]] = (
            queue.SimpleQueue()
        )

    # ------------------------------------------------------------------ lifecycle

    async def start(self) -> None:
        self.loop = asyncio.get_running_loop()
        if not self.db.is_sqlite and self._listener is None:
            self._listener = threading.Thread(target=self._listen, name="live-listen", daemon=True)
            self._listener.start()
            threading.Thread(target=self._notify, name="live-notify", daemon=True).start()

    async def stop(self) -> None:
        self._stop.set()

    # ------------------------------------------------------------------ announcing

    def announce(
        self, mpp: str, gerais: set[str] | frozenset[str], tickets: tuple[str, ...] = ()
    ) -> None:
        """Something committed changed these gerai of ``mpp`` (``tickets``: the ones called,
        finished or moved). Any thread; never raises."""
        if not gerais:
            return
        if self.loop is None:
            return  # not serving pages (no event loop yet): nobody to tell
        try:
            # This worker's pages at once; the other workers through NOTIFY, sent by the
            # notifier thread so the caller (an allocation on the event loop, a request's
            # thread) never waits for it.
            self.loop.call_soon_threadsafe(self._mark, mpp, set(gerais), set(tickets))
            if not self.db.is_sqlite:
                self._outbox.put((mpp, frozenset(gerais), tuple(tickets)))
        except Exception:  # a lost update is healed by the next one; the action stands
            log.exception("could not announce a change of %s", mpp)

    def _notify(self) -> None:
        """The notifier thread: NOTIFY every announced change, coalesced per MPP, on one
        connection of its own."""
        import psycopg

        conn: psycopg.Connection[Any] | None = None
        while not self._stop.is_set():
            try:
                first = self._outbox.get(timeout=1.0)
            except queue.Empty:
                continue
            batch: dict[str, tuple[set[str], set[str]]] = {}
            item: tuple[str, frozenset[str], tuple[str, ...]] | None = first
            while item is not None:
                gerais, tickets = batch.setdefault(item[0], (set(), set()))
                gerais |= item[1]
                tickets |= set(item[2])
                try:
                    item = self._outbox.get_nowait()
                except queue.Empty:
                    item = None
            try:
                if conn is None or conn.closed:
                    conn = psycopg.connect(self._dsn(), autocommit=True)
                for mpp, (gerais, tickets) in batch.items():
                    payload = json.dumps(
                        {"m": mpp, "g": sorted(gerais), "t": sorted(tickets), "w": self._worker}
                    )
                    conn.execute("SELECT pg_notify(%s, %s)", (CHANNEL, payload))
            except Exception as exc:
                log.warning("live updates: NOTIFY failed (%s); other workers catch up later", exc)
                conn = None
                self._stop.wait(RECONNECT_S)

    def _dsn(self) -> str:
        url = make_url(self.db.url).set(drivername="postgresql")
        return url.render_as_string(hide_password=False)

    def _listen(self) -> None:
        import psycopg

        while not self._stop.is_set():
            try:
                with psycopg.connect(self._dsn(), autocommit=True) as conn:
                    conn.execute(f"LISTEN {CHANNEL}")
                    self._resync_all()  # changes may have been missed while not listening
                    while not self._stop.is_set():
                        for n in conn.notifies(timeout=1.0):
                            self._heard(n.payload)
            except Exception as exc:
                log.warning("live updates: LISTEN connection lost (%s); reconnecting", exc)
                self._stop.wait(RECONNECT_S)

    def _heard(self, payload: str) -> None:
        try:
            doc = json.loads(payload)
            if doc.get("w") == self._worker:
                return  # our own change, already marked when announced
            mpp, gerais = str(doc["m"]), {str(g) for g in doc["g"]}
            tickets = {str(t) for t in doc.get("t", ())}
        except (ValueError, KeyError, TypeError):
            return
        if self.loop is not None:
            self.loop.call_soon_threadsafe(self._mark, mpp, gerais, tickets)

    def _resync_all(self) -> None:
        if self.loop is None:
            return
        for mpp in list(self._subs):
            gerais = {g for (m, g) in list(self._gerai) if m == mpp}
            self.loop.call_soon_threadsafe(self._mark, mpp, gerais or {""}, set())

    # ------------------------------------------------------------------ computing

    def _mark(self, mpp: str, gerais: set[str], tickets: set[str]) -> None:
        self._dirty[mpp] |= gerais
        self._touched[mpp] |= tickets
        if mpp not in self._running:
            self._running.add(mpp)
            asyncio.get_running_loop().create_task(self._refresh(mpp))

    async def _refresh(self, mpp: str) -> None:
        try:
            while self._dirty.get(mpp):
                gerais = self._dirty.pop(mpp)
                touched = frozenset(self._touched.pop(mpp, ()))
                try:
                    views, board = await anyio.to_thread.run_sync(self._compute, mpp, gerais)
                except Exception:
                    log.exception("live updates: cannot compute the views of %s", mpp)
                    await asyncio.sleep(0.5)
                    continue
                for view in views.values():
                    self._gerai[(mpp, view.gerai_code)] = view
                self._board[mpp] = board
                update = Update(mpp, views, board, touched)
                subs = sorted(
                    self._subs.get(mpp, ()),
                    key=lambda sub: FIRST if sub.ticket in touched else sub.rank,
                )
                for sub in subs:
                    if sub.queue.full():
                        sub.queue.get_nowait()
                    sub.queue.put_nowait(update)
        finally:
            self._running.discard(mpp)

    def _compute(self, mpp: str, gerais: set[str]) -> tuple[dict[str, GeraiView], BoardView]:
        now = datetime.now(UTC)
        day = service_day(now)
        published = self.catalogs.get(mpp)
        with self.db.read() as s:
            views = {g: gerai_view(s, mpp, g, day, published, now) for g in sorted(gerais) if g}
            board = board_view(s, mpp, day, day_start(now))
        # Versions key the shared renders (``central.web.counter``): never reuse one.
        for view in views.values():
            view.version = next(self._versions)
        board.version = next(self._versions)
        return views, board

    def _settled(self, mpp: str) -> bool:
        """The cache of ``mpp`` is current: kept up to date (someone listens) and no change is
        waiting to be computed (a page loaded right after an action shows the action)."""
        return mpp in self._subs and mpp not in self._running and not self._dirty.get(mpp)

    def _fresh(self, view: GeraiView | None, now: datetime) -> bool:
        return (
            view is not None
            and view.day == service_day(now)
            and now - view.computed_at < timedelta(minutes=1)
        )

    async def gerai(self, mpp: str, gerai: str) -> GeraiView:
        """The current view of a gerai (cached while the hub keeps it up to date)."""
        now = datetime.now(UTC)
        cached = self._gerai.get((mpp, gerai))
        if cached is not None and self._fresh(cached, now) and self._settled(mpp):
            return cached
        views, board = await anyio.to_thread.run_sync(self._compute, mpp, {gerai})
        self._gerai[(mpp, gerai)] = views[gerai]
        self._board.setdefault(mpp, board)
        return views[gerai]

    async def board(self, mpp: str) -> BoardView:
        cached = self._board.get(mpp)
        if cached is not None and self._settled(mpp):
            return cached
        _views, board = await anyio.to_thread.run_sync(self._compute, mpp, set())
        self._board[mpp] = board
        return board

    # ------------------------------------------------------------------ subscribing

    @contextmanager
    def subscribe(
        self, mpp: str, rank: int = OTHERS, ticket: str | None = None
    ) -> Iterator[Subscription]:
        sub = Subscription(asyncio.Queue(QUEUE_SIZE), rank, ticket)
        self._subs[mpp].add(sub)
        try:
            yield sub
        finally:
            self._subs[mpp].discard(sub)
            if not self._subs[mpp]:
                del self._subs[mpp]

    def subscribers(self) -> int:
        return sum(len(s) for s in self._subs.values())
