"""The /api/v1 JSON API (FastAPI; OpenAPI at /api/v1/openapi.json, docs at /api/v1/docs).

Endpoints are plain (threaded) functions: each request is one database transaction. Hot paths
answer with ready-made JSON bytes; the declared response models document the shapes.
"""

from __future__ import annotations

import json
import logging
from datetime import UTC, date, datetime
from typing import Any, TypeVar

import anyio.to_thread
from fastapi import Header, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from fastapi_offline import FastAPIOffline
from pydantic import ValidationError
from sqlalchemy import select
from sqlalchemy.exc import DataError, OperationalError
from sqlalchemy.orm import Session

from central import __version__
from central.asgi import DOCS_PREFIX, DOCS_STATIC, Answer, Gate
from central.calls.kiosk_api import router as calls_api
from central.calls.statuskeys import latest_key_id
from central.catalogs import CatalogCache, Published
from central.db import Database, open_database
from central.kiosks import KioskAuth, TokenAuthenticator, record_heartbeat
from central.models import AuditEntry, Feedback
from central.numbering import Numbering, NumberingError
from central.ratelimit import FailureLimiter, LimitPolicy
from central.settings import Settings, settings_from_env
from central.web.site import install as install_web
from mpp_core.domain.clock import service_day
from mpp_core.wire.protocol import API_PREFIX, RECOVERY_HEADER, quote_etag, unquote_etags
from mpp_core.wire.schemas import (
    AllocateIn,
    AuditBatchIn,
    FeedbackBatchIn,
    FeedbackBatchOut,
    HealthOut,
    HeartbeatIn,
    HeartbeatOut,
    KioskOut,
    LeaseBatchIn,
    LeaseBatchOut,
    QueueOut,
    RecoveryReportIn,
    RecoveryReportOut,
    RefusalOut,
    TicketBatchIn,
    TicketBatchOut,
    TicketNumberOut,
)

log = logging.getLogger("central.api")
T = TypeVar("T")
RETRIES = 3


def _default(o: Any) -> Any:
    if isinstance(o, datetime | date):
        return o.isoformat()
    raise TypeError(f"cannot encode {type(o).__name__}")


def json_response(doc: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    return Response(_dumps(doc), status, headers, media_type="application/json")


def _error(
    status: int, detail: str, headers: dict[str, str] | None = None, **extra: Any
) -> Response:
    return json_response({"detail": detail, **extra}, status, headers)


def _refusal(exc: NumberingError, headers: dict[str, str] | None = None) -> Response:
    headers = dict(headers or {})
    if exc.retry_after is not None:
        headers["Retry-After"] = str(exc.retry_after)
    return _error(exc.status, exc.detail, headers, reason=exc.reason)


def _raw_refusal(exc: NumberingError, headers: dict[str, str]) -> Answer:
    """:func:`_refusal` for an answer sent by the gate."""
    if exc.retry_after is not None:
        headers = {**headers, "Retry-After": str(exc.retry_after)}
    raw = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in headers.items()]
    return exc.status, raw, _dumps({"detail": exc.detail, "reason": exc.reason})


class Services:
    """What the endpoints share: the database, token checks, the published catalogs, numbers."""

    def __init__(self, settings: Settings, db: Database | None = None) -> None:
        self.settings = settings
        self.db = db or open_database(settings.url, pool_size=settings.pool_size)
        self.auth = TokenAuthenticator(self.db, settings.auth_cache_s)
        self.catalogs = CatalogCache(self.db, settings.catalog_cache_s)
        self.numbering = Numbering(self.db, settings)


def _dumps(doc: Any) -> bytes:
    return json.dumps(doc, default=_default, ensure_ascii=False, separators=(",", ":")).encode(
        "utf-8"
    )


def kiosk_of(request: Request) -> KioskAuth:
    kiosk = request.state.kiosk
    assert isinstance(kiosk, KioskAuth)
    return kiosk


def create_app(settings: Settings | None = None, *, db: Database | None = None) -> Gate:
    """The API behind its gate (token check, size limit, server time); ``.app`` is FastAPI."""
    settings = settings or settings_from_env()
    services = Services(settings, db)
    # Swagger UI's files come from the server itself (fastapi_offline), never from a CDN.
    app = FastAPIOffline(
        title="MPP Central",
        version=__version__,
        summary="Catalog, queue numbers and reports for MPP self-service kiosks",
        openapi_url=f"{API_PREFIX}/openapi.json",
        docs_url=DOCS_PREFIX,
        redoc_url=None,
        static_url=DOCS_STATIC,
        swagger_ui_oauth2_redirect_url=f"{DOCS_PREFIX}/oauth2-redirect",
        swagger_ui_parameters={"validatorUrl": None},
    )
    app.state.services = services
    web = install_web(app, services.db, services.catalogs, settings)
    app.include_router(calls_api(services.db, services.catalogs, settings.public_url, kiosk_of))

    @app.exception_handler(RequestValidationError)
    async def _invalid(_request: Request, exc: RequestValidationError) -> Response:
        errors = exc.errors()
        if any(e.get("type") == "json_invalid" for e in errors):
            ctx = next((e.get("ctx") or {} for e in errors if e.get("type") == "json_invalid"), {})
            return _error(400, f"malformed JSON: {ctx.get('error', 'cannot be decoded')}")
        brief = [
            {
                "loc": [str(x) for x in e.get("loc", ())],
                "msg": str(e.get("msg")),
                "type": str(e.get("type")),
            }
            for e in errors[:20]
        ]
        summary = "; ".join(f"{'.'.join(b['loc'])}: {b['msg']}" for b in brief[:3])
        return _error(422, f"invalid request: {summary}", reason="invalid_request", errors=brief)

    @app.exception_handler(DataError)
    async def _out_of_range(_request: Request, exc: DataError) -> Response:
        # The schemas bound every value; this is the last line if one still slips through.
        log.error("database refused a value: %s", exc.orig)
        return _error(422, "a value the database cannot store", reason="invalid_request")

    @app.exception_handler(RecursionError)
    async def _too_deep(_request: Request, _exc: RecursionError) -> Response:
        return _error(400, "malformed JSON: nested too deeply", reason="invalid_request")

    @app.exception_handler(OperationalError)
    async def _db_down(_request: Request, exc: OperationalError) -> Response:
        log.error("database error: %s", exc.orig)
        return _error(503, "the database is not available; try again")

    @app.exception_handler(NumberingError)
    async def _refused(_request: Request, exc: NumberingError) -> Response:
        return _refusal(exc)

    def published_for(kiosk: KioskAuth) -> Published | None:
        return services.catalogs.get(kiosk.mpp_code)

    def recovery_headers(kiosk: KioskAuth) -> dict[str, str]:
        info = services.numbering.recovery(kiosk.mpp_code, published_for(kiosk))
        return {} if info is None else {RECOVERY_HEADER: info.header()}

    # ---------------------------------------------------------------------------- open

    @app.get(f"{API_PREFIX}/health", response_model=HealthOut, tags=["meta"])
    def health() -> Response:
        """Is the server up and its database reachable? (No token needed.)"""
        try:
            services.db.ping()
        except OperationalError:
            return _error(503, "database unavailable")
        return json_response(
            {
                "status": "ok",
                "server_time": datetime.now(UTC),
                "version": __version__,
                "database": services.db.dialect,
            }
        )

    # ---------------------------------------------------------------------------- kiosk

    @app.get(f"{API_PREFIX}/kiosk", response_model=KioskOut, tags=["kiosk"])
    def whoami(request: Request) -> Response:
        """The calling kiosk: its name, MPP and slot (for emergency numbers)."""
        k = kiosk_of(request)
        return json_response(
            {"kiosk": k.name, "mpp": k.mpp_code, "slot": k.slot, "server_time": datetime.now(UTC)}
        )

    @app.post(f"{API_PREFIX}/heartbeat", response_model=HeartbeatOut, tags=["kiosk"])
    def heartbeat(request: Request, body: HeartbeatIn) -> Response:
        """App and catalog version, printer, paper, outbox length and the kiosk's clock."""
        k = kiosk_of(request)
        now = datetime.now(UTC)
        skew, shared = services.db.run_write(
            lambda s: record_heartbeat(s, k, body.model_dump(), now)
        )
        with services.db.read() as s:
            key_id = latest_key_id(s, k.id)
        pub = published_for(k)
        info = services.numbering.recovery(k.mpp_code, pub)
        return json_response(
            {
                "server_time": now,
                "kiosk": k.name,
                "mpp": k.mpp_code,
                "slot": k.slot,
                "clock_skew_s": skew,
                "catalog": None if pub is None else {"version": pub.version, "etag": pub.etag},
                "recovery": None
                if info is None
                else {"recovery_id": info.id, "since": info.since, "deadline": info.deadline},
                "status_key_id": key_id,
                "token_shared": shared,
            },
            headers=recovery_headers(k),
        )

    # ---------------------------------------------------------------------------- catalog

    @app.get(
        f"{API_PREFIX}/catalog",
        tags=["catalog"],
        responses={
            200: {
                "description": "The published catalog: mpp, version, etag, "
                "published_at and files (file name -> document)"
            },
            304: {"description": "Unchanged (If-None-Match matched the ETag)"},
            404: {"description": "Nothing published for this MPP yet"},
        },
    )
    def catalog(request: Request, if_none_match: str | None = Header(None)) -> Response:
        """The catalog published for the kiosk's MPP, with its ETag."""
        pub = published_for(kiosk_of(request))
        if pub is None:
            return _error(404, "no catalog has been published for this MPP")
        headers = {"ETag": quote_etag(pub.etag), "Cache-Control": "no-cache"}
        if pub.etag in unquote_etags(if_none_match):
            return Response(status_code=304, headers=headers)
        return Response(pub.body, 200, headers, media_type="application/json")

    # ---------------------------------------------------------------------------- numbers

    @app.post(
        f"{API_PREFIX}/tickets/allocate",
        response_model=TicketNumberOut,
        tags=["numbers"],
        responses={
            404: {"model": RefusalOut},
            409: {"model": RefusalOut},
            503: {"model": RefusalOut, "description": "recovering after a restore (Retry-After)"},
        },
    )
    def allocate_number(request: Request, body: AllocateIn) -> Response:
        """The next number for a service, idempotent by ``ticket_id``."""
        k = kiosk_of(request)
        try:
            answer = services.numbering.allocate(k, published_for(k), body)
        except NumberingError as exc:
            return _refusal(exc, recovery_headers(k) if exc.reason == "recovering" else None)
        web.hub.announce(k.mpp_code, {answer["gerai_code"]})  # the pages see it waiting
        return json_response(answer)

    @app.post(f"{API_PREFIX}/leases", response_model=LeaseBatchOut, tags=["numbers"])
    def leases(request: Request, body: LeaseBatchIn) -> Response:
        """Blocks of numbers for offline use, idempotent by each request's ``key``."""
        k = kiosk_of(request)
        answer = services.numbering.grant_leases(k, published_for(k), body.requests)
        return json_response({"leases": answer}, headers=recovery_headers(k))

    @app.post(f"{API_PREFIX}/tickets/batch", response_model=TicketBatchOut, tags=["numbers"])
    def tickets_batch(request: Request, body: TicketBatchIn) -> Response:
        """Tickets the kiosk committed (online ones to confirm, offline ones to record)."""
        k = kiosk_of(request)
        results = services.numbering.upload(k, published_for(k), body.tickets)
        arrived = {t.ticket_id for t in body.tickets}
        fresh = {r["ticket_id"] for r in results if r.get("status") in ("created", "confirmed")}
        web.hub.announce(
            k.mpp_code, {t.gerai_code for t in body.tickets if t.ticket_id in fresh & arrived}
        )
        return json_response({"results": results}, headers=recovery_headers(k))

    @app.post(f"{API_PREFIX}/recovery/report", response_model=RecoveryReportOut, tags=["numbers"])
    def recovery_report(request: Request, body: RecoveryReportIn) -> Response:
        """During a recovery after a restore: the blocks this kiosk holds, and (``complete``)
        that it has sent again every ticket issued since the time in ``X-Mpp-Recovery``."""
        k = kiosk_of(request)
        answer = services.numbering.report_recovery(k, published_for(k), body)
        return json_response(answer, headers=recovery_headers(k))

    @app.get(f"{API_PREFIX}/queue", response_model=QueueOut, tags=["numbers"])
    def queue(request: Request) -> Response:
        """People waiting and expected wait per gerai today."""
        k = kiosk_of(request)
        now = datetime.now(UTC)
        gerai = services.numbering.queue(k, published_for(k), now)
        return json_response({"server_time": now, "service_day": service_day(now), "gerai": gerai})

    # ---------------------------------------------------------------------------- feedback

    @app.post(f"{API_PREFIX}/feedback", response_model=FeedbackBatchOut, tags=["kiosk"])
    def feedback(request: Request, body: FeedbackBatchIn) -> Response:
        """Visitors' ratings, idempotent by ``feedback_id``."""
        k = kiosk_of(request)
        now = datetime.now(UTC)

        def run(s: Session) -> dict[str, int]:
            ids = [i.feedback_id for i in body.items]
            known = set(s.scalars(select(Feedback.id).where(Feedback.id.in_(ids))))
            accepted = 0
            for item in body.items:
                if item.feedback_id in known:
                    continue
                known.add(item.feedback_id)
                s.add(
                    Feedback(
                        id=item.feedback_id,
                        mpp_code=k.mpp_code,
                        kiosk_id=k.id,
                        rating=item.rating,
                        gerai_code=item.gerai_code,
                        service_code=item.service_code,
                        ticket_id=item.ticket_id,
                        comment=item.comment,
                        created_at=item.created_at,
                        received_at=now,
                    )
                )
                accepted += 1
            return {"accepted": accepted, "duplicates": len(body.items) - accepted}

        return json_response(services.db.run_write(run))

    @app.post(f"{API_PREFIX}/audit", response_model=FeedbackBatchOut, tags=["kiosk"])
    def audit(request: Request, body: AuditBatchIn) -> Response:
        """The kiosk's staff audit log, idempotent by the kiosk's entry ``id``."""
        k = kiosk_of(request)
        now = datetime.now(UTC)

        def run(s: Session) -> dict[str, int]:
            ids = [e.id for e in body.entries]
            known = set(
                s.scalars(
                    select(AuditEntry.entry_id).where(
                        AuditEntry.kiosk_id == k.id, AuditEntry.entry_id.in_(ids)
                    )
                )
            )
            accepted = 0
            for e in body.entries:
                if e.id in known:
                    continue
                known.add(e.id)
                s.add(
                    AuditEntry(
                        kiosk_id=k.id,
                        entry_id=e.id,
                        at=e.at,
                        actor=e.actor,
                        action=e.action,
                        detail=e.detail,
                        received_at=now,
                    )
                )
                accepted += 1
            return {"accepted": accepted, "duplicates": len(body.entries) - accepted}

        return json_response(services.db.run_write(run))

    async def allocate_in_gate(kiosk: KioskAuth, body: bytes) -> Answer | None:
        """``POST /tickets/allocate`` answered by the gate (the route above documents it and
        answers whatever this hands back: a body that does not validate)."""
        try:
            req = AllocateIn.model_validate_json(body)
        except ValidationError:
            return None  # the framework answers with its 400 or 422
        fresh, published = services.catalogs.peek(kiosk.mpp_code)
        try:
            if not fresh:
                published = await anyio.to_thread.run_sync(published_for, kiosk)
            answer = await services.numbering.allocate_async(kiosk, published, req)
        except NumberingError as exc:
            extra = recovery_headers(kiosk) if exc.reason == "recovering" else {}
            return _raw_refusal(exc, extra)
        except OperationalError as exc:
            log.error("database error: %s", exc.orig)
            return 503, [], _dumps({"detail": "the database is not available; try again"})
        except DataError as exc:
            log.error("database refused a value: %s", exc.orig)
            detail = "a value the database cannot store"
            return 422, [], _dumps({"detail": detail, "reason": "invalid_request"})
        web.hub.announce(kiosk.mpp_code, {answer["gerai_code"]})  # the pages see it waiting
        return 200, [], _dumps(answer)

    limiter = FailureLimiter(
        LimitPolicy(
            free=settings.auth_fail_free,
            block_after=settings.auth_fail_block,
            block_s=settings.auth_block_s,
        )
    )
    return Gate(
        app,
        auth=services.auth,
        max_body=settings.max_body_bytes,
        limiter=limiter,
        body_timeout_s=settings.body_timeout_s,
        fast_routes={f"{API_PREFIX}/tickets/allocate": allocate_in_gate},
        on_shutdown=[services.numbering.aclose],
    )


def app_from_env() -> Gate:
    """The ASGI application for uvicorn's ``--factory`` (settings from MPP_CENTRAL_*); in a
    worker process under a supervisor, the worker also arranges to die with it."""
    from central.server import die_with_supervisor

    die_with_supervisor()
    return create_app(settings_from_env())
