"""Request and answer bodies of the /api/v1 JSON API (validated by pydantic).

Every request model forbids unknown fields and bounds every string, number and list, so a
malformed or oversized request is refused with a 4xx before anything is changed.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, Literal

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StrictInt, StringConstraints

from mpp_core.domain.numbering import PriorityGroup
from mpp_core.wire.protocol import (
    MAX_FEEDBACK_BATCH,
    MAX_LEASE_BATCH,
    MAX_SEQ,
    MAX_TICKET_BATCH,
)

Uuid = Annotated[
    str,
    StringConstraints(
        strict=True, pattern=r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
    ),
]
RequestId = Annotated[
    str, StringConstraints(strict=True, min_length=1, max_length=64, pattern=r"^[A-Za-z0-9._:-]+$")
]
GeraiCode = Annotated[str, StringConstraints(strict=True, pattern=r"^[a-z][a-z0-9-]{1,39}$")]
ServiceCode = Annotated[str, StringConstraints(strict=True, pattern=r"^[a-z0-9][a-z0-9-]{1,47}$")]
Prefix = Annotated[str, StringConstraints(strict=True, pattern=r"^[A-HJ-NQ-Z]{1,2}$")]
SeriesCode = Literal["R", "P"]
ShortText = Annotated[str, StringConstraints(strict=True, max_length=300)]
Token = Annotated[str, StringConstraints(strict=True, pattern=r"^[a-z0-9_]{1,32}$")]
Version = Annotated[str, StringConstraints(strict=True, min_length=1, max_length=64)]
Count = Annotated[StrictInt, Field(ge=0, le=1_000_000)]
ReasonCode = Annotated[str, StringConstraints(strict=True, pattern=r"^[A-Z][A-Z0-9-]{1,39}$")]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# ------------------------------------------------------------------------------ allocation


class AllocateIn(Strict):
    ticket_id: Uuid  # made by the kiosk: the idempotency key
    request_id: RequestId
    service_code: ServiceCode
    priority: PriorityGroup | None = None
    kiosk_time: AwareDatetime | None = None  # the kiosk's (corrected) clock, for the record


class TicketNumberOut(BaseModel):
    ticket_id: str
    gerai_code: str
    service_code: str
    prefix: str
    series: SeriesCode
    seq: int
    number: str
    display: str
    service_day: date
    issued_at: datetime
    people_ahead: int
    est_wait_minutes: int
    replayed: bool = False


class RefusalOut(BaseModel):
    detail: str
    reason: str


# ------------------------------------------------------------------------------ leases


class LeaseRequestIn(Strict):
    key: Uuid  # made by the kiosk: a retried request gets the same block
    gerai_code: GeraiCode
    service_day: date
    series: SeriesCode
    size: Annotated[StrictInt, Field(ge=1, le=1000)]


class LeaseBatchIn(Strict):
    requests: Annotated[list[LeaseRequestIn], Field(min_length=1, max_length=MAX_LEASE_BATCH)]


class LeaseOut(BaseModel):
    key: str
    status: Literal["granted", "refused"]
    lease_id: int | None = None
    gerai_code: str
    service_day: date
    series: SeriesCode
    start: int | None = None
    end: int | None = None
    detail: str | None = None


class LeaseBatchOut(BaseModel):
    leases: list[LeaseOut]


# ------------------------------------------------------------------------------ uploads


class TicketIn(Strict):
    ticket_id: Uuid
    request_id: RequestId
    gerai_code: GeraiCode
    service_code: ServiceCode
    prefix: Prefix
    series: SeriesCode
    seq: Annotated[StrictInt, Field(ge=1, le=MAX_SEQ)]
    service_day: date
    issued_at: AwareDatetime
    priority: PriorityGroup | None = None
    source: Literal["online", "lease", "emergency"]
    lease_id: StrictInt | None = None
    people_ahead: Count = 0
    est_wait_minutes: Count = 0
    print_state: Token | None = None


class TicketBatchIn(Strict):
    tickets: Annotated[list[TicketIn], Field(min_length=1, max_length=MAX_TICKET_BATCH)]


class TicketResultOut(BaseModel):
    ticket_id: str
    status: Literal["created", "confirmed", "duplicate", "conflict"]
    number: str | None = None
    detail: str | None = None


class TicketBatchOut(BaseModel):
    results: list[TicketResultOut]


# ------------------------------------------------------------------------------ heartbeat


class HeartbeatIn(Strict):
    app_version: Annotated[str, StringConstraints(strict=True, min_length=1, max_length=40)]
    catalog_version: Version | None = None
    printer_state: Token = "unknown"
    paper_left_pct: Annotated[float, Field(ge=0, le=100)] | None = None
    outbox_length: Count = 0
    kiosk_time: AwareDatetime
    clock_offset_s: Annotated[float, Field(ge=-10 * 86400, le=10 * 86400)] | None = None
    last_error: ShortText | None = None
    # The kiosk's own health (all optional: a kiosk of an older release sends none of them).
    instance_id: Uuid | None = None  # this run of the kiosk: new at every start
    service_state: Token | None = None  # "in_service", "out_of_service"
    reason_code: ReasonCode | None = None  # why out of service (the page shows it too)
    disk_state: Token | None = None  # "ok", "low", "full", "unknown"
    disk_free_mb: Annotated[float, Field(ge=0, le=1e9)] | None = None
    database_state: Token | None = None  # "ok", "new", "recovered"
    issue_errors: Count | None = None  # numbers that could not be issued since the start
    dead_threads: Annotated[list[Token], Field(max_length=8)] = []
    thread_restarts: Count | None = None  # worker threads restarted since the start


class CatalogRef(BaseModel):
    version: str
    etag: str


class HeartbeatOut(BaseModel):
    server_time: datetime
    kiosk: str
    mpp: str
    slot: int
    clock_skew_s: float | None
    catalog: CatalogRef | None
    # Heartbeats with this kiosk's token come from two running kiosks (a disk imaged with
    # its token and database onto a second PC): every number they draw is suspect.
    token_shared: bool = False


class KioskOut(BaseModel):
    kiosk: str
    mpp: str
    slot: int
    server_time: datetime


# ------------------------------------------------------------------------------ queue


class GeraiQueueOut(BaseModel):
    gerai_code: str
    prefix: str
    waiting: int
    issued_today: int
    counters: int
    avg_service_minutes: int
    est_wait_minutes: int


class QueueOut(BaseModel):
    server_time: datetime
    service_day: date
    gerai: list[GeraiQueueOut]


# ------------------------------------------------------------------------------ feedback


class FeedbackIn(Strict):
    feedback_id: Uuid
    rating: Annotated[StrictInt, Field(ge=1, le=5)]
    gerai_code: GeraiCode | None = None
    service_code: ServiceCode | None = None
    ticket_id: Uuid | None = None
    comment: Annotated[str, StringConstraints(strict=True, max_length=500)] | None = None
    created_at: AwareDatetime


class FeedbackBatchIn(Strict):
    items: Annotated[list[FeedbackIn], Field(min_length=1, max_length=MAX_FEEDBACK_BATCH)]


class FeedbackBatchOut(BaseModel):
    accepted: int
    duplicates: int


class AuditIn(Strict):
    id: Annotated[StrictInt, Field(ge=1)]  # the kiosk's own id: the idempotency key
    at: AwareDatetime
    kiosk_id: Annotated[str, StringConstraints(strict=True, max_length=64)]
    actor: Annotated[str, StringConstraints(strict=True, min_length=1, max_length=20)]
    action: Annotated[str, StringConstraints(strict=True, min_length=1, max_length=40)]
    detail: Annotated[dict[str, Any], Field(max_length=50)]


class AuditBatchIn(Strict):
    entries: Annotated[list[AuditIn], Field(min_length=1, max_length=MAX_FEEDBACK_BATCH)]


class HealthOut(BaseModel):
    status: str
    server_time: datetime
    version: str
    database: str
