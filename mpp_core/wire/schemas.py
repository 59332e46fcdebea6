"""Request and answer bodies of the /api/v1 JSON API (validated by pydantic).

Every request model forbids unknown fields and bounds every string, number, date and list, so a
malformed or oversized request is refused with a 4xx before anything is changed. Free text
(:func:`Text`) refuses C0 control characters (a newline only where it means something), DEL
and lone surrogates, is NFC-normalised and then measured; JSON objects kept as they come
(the audit entries' ``detail``) are checked the same way, all the way down.
"""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import UTC, date, datetime
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    StrictInt,
    StringConstraints,
)
from pydantic_core import PydanticCustomError

from mpp_core.domain.numbering import PriorityGroup
from mpp_core.wire.protocol import (
    MAX_FEEDBACK_BATCH,
    MAX_LEASE_BATCH,
    MAX_SEQ,
    MAX_TICKET_BATCH,
    THREE_DIGIT_MAX,
)

INT32_MAX = 2**31 - 1
INT64_MAX = 2**63 - 1
EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
LATEST = datetime(2100, 1, 1, tzinfo=UTC)
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_CONTROL_BUT_NEWLINE = re.compile(r"[\x00-\x09\x0b-\x1f\x7f]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def clean_text(value: str, *, max_length: int, multiline: bool = False) -> str:
    """``value`` NFC-normalised, or a validation error naming the first bad character."""
    bad = (_CONTROL_BUT_NEWLINE if multiline else _CONTROL).search(value)
    if bad is not None:
        raise PydanticCustomError(
            "control_character",
            "control character U+{code} is not allowed here",
            {"code": f"{ord(bad.group()):04X}"},
        )
    if _SURROGATE.search(value):
        raise PydanticCustomError("surrogate", "a lone UTF-16 surrogate is not text")
    value = unicodedata.normalize("NFC", value)
    if len(value) > max_length:
        raise PydanticCustomError(
            "string_too_long",
            "at most {max_length} characters (after NFC normalisation)",
            {"max_length": max_length},
        )
    return value


def cleaned(max_length: int, *, multiline: bool = False) -> AfterValidator:
    """The validator of a free-text field: see :func:`clean_text`."""
    return AfterValidator(lambda v: clean_text(v, max_length=max_length, multiline=multiline))


def _strict(max_length: int, min_length: int = 0) -> StringConstraints:
    # A first bound before normalising (NFC can change the length a little).
    return StringConstraints(strict=True, min_length=min_length, max_length=4 * max_length)


JSON_MAX_DEPTH = 4
JSON_MAX_ITEMS = 50
JSON_MAX_STRING = 500


def clean_json(value: Any, depth: int = 0) -> Any:
    """A JSON value with clean text at every level, finite numbers, 64-bit integers, and at most
    :data:`JSON_MAX_DEPTH` levels of at most :data:`JSON_MAX_ITEMS` entries each."""
    if depth > JSON_MAX_DEPTH:
        raise PydanticCustomError("json_too_deep", "nested too deeply")
    if isinstance(value, str):
        return clean_text(value, max_length=JSON_MAX_STRING, multiline=True)
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, int):
        if not -INT64_MAX - 1 <= value <= INT64_MAX:
            raise PydanticCustomError("int_out_of_range", "an integer beyond 64 bits")
        return value
    if isinstance(value, float):
        if not math.isfinite(value):
            raise PydanticCustomError("float_not_finite", "NaN and infinities are not JSON")
        return value
    if isinstance(value, list | dict) and len(value) > JSON_MAX_ITEMS:
        raise PydanticCustomError("too_many_items", "at most {n} entries", {"n": JSON_MAX_ITEMS})
    if isinstance(value, list):
        return [clean_json(v, depth + 1) for v in value]
    if isinstance(value, dict):
        return {
            clean_text(str(k), max_length=64): clean_json(v, depth + 1) for k, v in value.items()
        }
    raise PydanticCustomError("not_json", "not a JSON value")


def _bounded_time(value: datetime) -> datetime:
    # Checked by year first: converting a far-off time to UTC could overflow.
    if not EARLIEST.year <= value.year < LATEST.year or not EARLIEST <= value < LATEST:
        raise PydanticCustomError("time_out_of_range", "a time between 2000 and 2099 (UTC)")
    return value


def _bounded_day(value: date) -> date:
    if not EARLIEST.year <= value.year < LATEST.year:
        raise PydanticCustomError("date_out_of_range", "a date between 2000 and 2099")
    return value


Moment = Annotated[AwareDatetime, AfterValidator(_bounded_time)]
Day = Annotated[date, AfterValidator(_bounded_day)]
Uuid = Annotated[
    str,
    StringConstraints(
        strict=True, pattern=r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"
    ),
]
RequestId = Annotated[
    str,
    StringConstraints(strict=True, min_length=1, max_length=64, pattern=r"^[A-Za-z0-9._:-]+$"),
]
GeraiCode = Annotated[str, StringConstraints(strict=True, pattern=r"^[a-z][a-z0-9-]{1,39}$")]
ServiceCode = Annotated[str, StringConstraints(strict=True, pattern=r"^[a-z0-9][a-z0-9-]{1,47}$")]
Prefix = Annotated[str, StringConstraints(strict=True, pattern=r"^[A-HJ-NQ-Z]{1,2}$")]
SeriesCode = Literal["R", "P"]
Token = Annotated[str, StringConstraints(strict=True, pattern=r"^[a-z0-9_]{1,32}$")]
Version = Annotated[str, _strict(64, 1), cleaned(64)]
AppVersion = Annotated[str, _strict(40, 1), cleaned(40)]
ErrorText = Annotated[str, _strict(300), cleaned(300, multiline=True)]
Comment = Annotated[str, _strict(500), cleaned(500, multiline=True)]
KioskName = Annotated[str, _strict(64), cleaned(64)]
Actor = Annotated[str, _strict(20, 1), cleaned(20)]
Action = Annotated[str, _strict(40, 1), cleaned(40)]
Count = Annotated[StrictInt, Field(ge=0, le=1_000_000)]
DbId = Annotated[StrictInt, Field(ge=1, le=INT32_MAX)]
Percent = Annotated[float, Field(ge=0, le=100, allow_inf_nan=False)]
ReasonCode = Annotated[str, StringConstraints(strict=True, pattern=r"^[A-Z][A-Z0-9-]{1,39}$")]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# ------------------------------------------------------------------------------ allocation


class AllocateIn(Strict):
    ticket_id: Uuid  # made by the kiosk: the idempotency key
    request_id: RequestId
    service_code: ServiceCode
    priority: PriorityGroup | None = None
    kiosk_time: Moment | None = None  # the kiosk's (corrected) clock, for the record


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
    reason: str  # a stable code (docs/sync.md)


# ------------------------------------------------------------------------------ leases


class LeaseRequestIn(Strict):
    key: Uuid  # made by the kiosk: a retried request gets the same block
    gerai_code: GeraiCode
    service_day: Day
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
    reason: str | None = None  # a stable code when refused (docs/sync.md)
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
    service_day: Day
    issued_at: Moment
    priority: PriorityGroup | None = None
    source: Literal["online", "lease", "emergency"]
    lease_id: DbId | None = None
    people_ahead: Count = 0
    est_wait_minutes: Count = 0
    print_state: Token | None = None


class TicketBatchIn(Strict):
    tickets: Annotated[list[TicketIn], Field(min_length=1, max_length=MAX_TICKET_BATCH)]


class TicketResultOut(BaseModel):
    ticket_id: str
    status: Literal["created", "confirmed", "duplicate", "conflict"]
    number: str | None = None
    reason: str | None = None  # a stable code with every conflict (docs/sync.md)
    detail: str | None = None


class TicketBatchOut(BaseModel):
    results: list[TicketResultOut]


# ------------------------------------------------------------------------------ heartbeat


class HeartbeatIn(Strict):
    app_version: AppVersion
    catalog_version: Version | None = None
    printer_state: Token = "unknown"
    paper_left_pct: Percent | None = None
    outbox_length: Count = 0
    kiosk_time: Moment
    clock_offset_s: (
        Annotated[float, Field(ge=-10 * 86400, le=10 * 86400, allow_inf_nan=False)] | None
    ) = None
    last_error: ErrorText | None = None
    # The kiosk's own health (all optional: a kiosk of an older release sends none of them).
    instance_id: Uuid | None = None  # this run of the kiosk: new at every start
    service_state: Token | None = None  # "in_service", "out_of_service"
    reason_code: ReasonCode | None = None  # why out of service (the page shows it too)
    disk_state: Token | None = None  # "ok", "low", "full", "unknown"
    disk_free_mb: Annotated[float, Field(ge=0, le=1e9, allow_inf_nan=False)] | None = None
    database_state: Token | None = None  # "ok", "new", "recovered"
    issue_errors: Count | None = None  # numbers that could not be issued since the start
    dead_threads: Annotated[list[Token], Field(max_length=8)] = []
    thread_restarts: Count | None = None  # worker threads restarted since the start


class CatalogRef(BaseModel):
    version: str
    etag: str


class RecoveryRef(BaseModel):
    recovery_id: int
    since: datetime  # re-send every ticket issued since then, then POST /recovery/report
    deadline: datetime | None


class HeartbeatOut(BaseModel):
    server_time: datetime
    kiosk: str
    mpp: str
    slot: int
    clock_skew_s: float | None
    catalog: CatalogRef | None
    recovery: RecoveryRef | None = None  # the MPP is recovering after a restore (docs/sync.md)
    # The status-link key the kiosk should hold (GET /kiosk/status-key when it differs).
    status_key_id: int | None = None
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
    comment: Comment | None = None
    created_at: Moment


class FeedbackBatchIn(Strict):
    items: Annotated[list[FeedbackIn], Field(min_length=1, max_length=MAX_FEEDBACK_BATCH)]


class FeedbackBatchOut(BaseModel):
    accepted: int
    duplicates: int


class AuditIn(Strict):
    id: Annotated[StrictInt, Field(ge=1, le=INT64_MAX)]  # the kiosk's own id: the key
    at: Moment
    kiosk_id: KioskName
    actor: Actor
    action: AppVersion
    detail: Annotated[dict[str, Any], Field(max_length=JSON_MAX_ITEMS), AfterValidator(clean_json)]


class AuditBatchIn(Strict):
    entries: Annotated[list[AuditIn], Field(min_length=1, max_length=MAX_FEEDBACK_BATCH)]


class HealthOut(BaseModel):
    status: str
    server_time: datetime
    version: str
    database: str


# ------------------------------------------------------------------------------ recovery


class LeaseHeldIn(Strict):
    """A block the kiosk holds (from its leases), reported during a recovery."""

    lease_id: DbId
    gerai_code: GeraiCode
    service_day: Day
    series: SeriesCode
    start: Annotated[StrictInt, Field(ge=1, le=THREE_DIGIT_MAX)]
    end: Annotated[StrictInt, Field(ge=1, le=THREE_DIGIT_MAX)]


class RecoveryReportIn(Strict):
    recovery_id: DbId  # from the X-Mpp-Recovery header
    leases: Annotated[list[LeaseHeldIn], Field(max_length=MAX_LEASE_BATCH * 5)] = []
    complete: bool = False  # every ticket issued since the backup has been sent again


class LeaseHeldOut(BaseModel):
    lease_id: int
    status: Literal["accepted", "known", "refused"]
    reason: str | None = None


class RecoveryReportOut(BaseModel):
    recovering: bool  # the MPP is still recovering (other kiosks have not reported)
    recovery_id: int | None
    leases: list[LeaseHeldOut]


# ---------------------------------------------------------------------------- counters


class StatusKeyOut(BaseModel):
    """``GET /api/v1/kiosk/status-key``: sign each slip's status link with this key
    (``mpp_core.wire.status_link.mint_status_token(decode_key(key), key_id, ticket_id)``)."""

    key_id: int
    key: str  # base64url, 32 bytes
    created_at: datetime
    status_url_base: str  # the server's public address for status links ("" if not set)


class GeraiQueueStateOut(BaseModel):
    gerai_code: str
    waiting_regular: int
    waiting_priority: int
    median_service_s: float  # recent median (called to done), or the catalog's average
    service_measured: bool  # False: no service measured today, the catalog's average
    open_lokets: int
    est_wait_minutes: int  # for a visitor taking a number now


class QueueStateOut(BaseModel):
    """``GET /api/v1/queue-state`` (ETag; 304 while unchanged)."""

    computed_at: datetime
    service_day: date
    gerai: list[GeraiQueueStateOut]
