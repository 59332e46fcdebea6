"""Putting the web pages on the API's application: the shared :class:`Web` state (live hub,
announcer, sign-in limiter, names from the published catalog), the routers, static files."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from sqlalchemy import select

from central.calls.statuskeys import verify
from central.catalogs import CatalogCache
from central.db import Database
from central.models import Mpp
from central.ratelimit import FailureLimiter, LimitPolicy
from central.settings import Settings
from central.web import counter, pages
from central.web.audio import Announcer
from central.web.common import STATIC_DIR
from central.web.live import LiveHub

RENDER_CACHE = 256


class Web:
    """What the web pages share in one server process."""

    def __init__(self, db: Database, catalogs: CatalogCache, settings: Settings) -> None:
        self.db = db
        self.catalogs = catalogs
        self.settings = settings
        self.hub = LiveHub(db, catalogs)
        self.announcer = Announcer(
            settings.audio_dir,
            english=settings.announce_english,
            max_files=settings.audio_cache_files,
        )
        # Wrong passwords or board tokens per address: slower, then refused for 5 minutes
        # (the account's own lockout is in the database: central.accounts.users).
        self.login_limiter = FailureLimiter(LimitPolicy(free=10, block_after=30, block_s=300))
        self._mpp_names: dict[str, str] = {}
        self._names: dict[tuple[str, str, str], dict[str, str]] = {}
        # Rendered fragments shared by the pages that show the same thing (a board's update,
        # a gerai's waiting list), keyed by what they depend on, the oldest dropped first.
        self.render_cache: dict[tuple[Any, ...], Any] = {}

    def mpp_name(self, code: str | None) -> str:
        if code:
            published = self.catalogs.get(code)
            if published is not None:
                return published.catalog.mpp.name
        if not self._mpp_names:
            with self.db.read() as s:
                self._mpp_names = {c: n for c, n in s.execute(select(Mpp.code, Mpp.name))}
        if code and code in self._mpp_names:
            return self._mpp_names[code] or code
        names = [n for n in self._mpp_names.values() if n]
        return names[0] if len(names) == 1 else "Mal Pelayanan Publik"

    def gerai_names(self, mpp: str, lang: str = "id") -> dict[str, str]:
        published = self.catalogs.get(mpp)
        if published is None:
            return {}
        key = (mpp, lang, published.etag)
        names = self._names.get(key)
        if names is None:
            names = {g.code: g.display_name(lang) for g in published.catalog.gerai}
            self._names[key] = names
        return names

    def targets(self, mpp: str) -> list[tuple[str, Any, Any]]:
        """(service code, gerai, service) of every service a ticket can be transferred to."""
        published = self.catalogs.get(mpp)
        if published is None:
            return []
        return [
            (s.code, g, s) for g in published.catalog.gerai for s in g.services if s.needs_queue
        ]

    def service_names(self, mpp: str) -> dict[str, Any]:
        published = self.catalogs.get(mpp)
        if published is None:
            return {}
        return {s.code: s for s in published.catalog.services}

    def remember(self, key: tuple[Any, ...], value: Any) -> None:
        self.render_cache[key] = value
        while len(self.render_cache) > RENDER_CACHE:
            self.render_cache.pop(next(iter(self.render_cache)))

    def verify_status(self, token: str) -> tuple[str, str] | None:
        with self.db.read() as s:
            return verify(s, token)


def install(app: FastAPI, db: Database, catalogs: CatalogCache, settings: Settings) -> Web:
    web = Web(db, catalogs, settings)
    app.state.web = web
    app.include_router(pages.router)
    app.include_router(counter.router)
    app.mount("/static", StaticFiles(directory=str(STATIC_DIR)), name="static")
    app.router.on_startup.append(web.hub.start)
    app.router.on_shutdown.append(web.hub.stop)
    return web
