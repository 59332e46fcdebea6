"""The kiosks' side of calling (``/api/v1``, behind the kiosk token like every API path):

* ``GET /api/v1/kiosk/status-key``: the kiosk's key for signing status links (the URL in each
  slip's QR code, ``mpp_core.wire.status_link``), its id, and the public address to print;
* ``GET /api/v1/queue-state``: per gerai the people waiting per series, the recent median
  service time, the open lokets and the wait for a new visitor, from the call model, with an
  ETag (``If-None-Match`` answered 304 while nothing changed).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, Header, Request
from fastapi.responses import Response

from central.calls.statuskeys import current_key
from central.calls.views import gerai_view, queue_figures
from central.catalogs import CatalogCache
from central.db import Database
from central.kiosks import KioskAuth
from mpp_core.domain.clock import service_day
from mpp_core.wire.protocol import API_PREFIX, quote_etag, unquote_etags
from mpp_core.wire.schemas import QueueStateOut, StatusKeyOut
from mpp_core.wire.status_link import encode_key


def router(
    db: Database, catalogs: CatalogCache, public_url: str, kiosk_of: Callable[[Request], KioskAuth]
) -> APIRouter:
    r = APIRouter(tags=["kiosk"])

    @r.get(f"{API_PREFIX}/kiosk/status-key", response_model=StatusKeyOut)
    def status_key(request: Request) -> Response:
        """The key this kiosk signs status links with (fetch again when the heartbeat's
        ``status_key_id`` differs from the one held)."""
        k = kiosk_of(request)
        with db.write() as s:
            key = current_key(s, k, datetime.now(UTC))
        doc = {
            "key_id": key.key_id,
            "key": encode_key(key.secret),
            "created_at": key.created_at.isoformat(),
            "status_url_base": public_url.rstrip("/"),
        }
        return Response(json.dumps(doc), media_type="application/json",
                        headers={"Cache-Control": "no-store"})  # fmt: skip

    @r.get(f"{API_PREFIX}/queue-state", response_model=QueueStateOut)
    def queue_state(request: Request, if_none_match: str | None = Header(None)) -> Response:
        """People waiting per series, recent median service time and the expected wait per
        gerai, from the calls of the day."""
        k = kiosk_of(request)
        now = datetime.now(UTC)
        day = service_day(now)
        published = catalogs.get(k.mpp_code)
        gerai: list[dict[str, Any]] = []
        if published is not None:
            with db.read() as s:
                for g in published.catalog.gerai:
                    if g.issues_numbers:
                        view = gerai_view(s, k.mpp_code, g.code, day, published, now)
                        gerai.append(queue_figures(view))
        figures = json.dumps({"service_day": day.isoformat(), "gerai": gerai}, sort_keys=True)
        etag = hashlib.sha256(figures.encode()).hexdigest()[:32]
        headers = {"ETag": quote_etag(etag), "Cache-Control": "no-cache"}
        if etag in unquote_etags(if_none_match):
            return Response(status_code=304, headers=headers)
        doc = {"computed_at": now.isoformat(), "service_day": day.isoformat(), "gerai": gerai}
        return Response(json.dumps(doc), media_type="application/json", headers=headers)

    return r
