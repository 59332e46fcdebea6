"""One sync pass, step by step (the worker thread runs it over and over).

A pass: a heartbeat when due (or when the kiosk's emergency slot is still unknown), the outbox
drained in batches, leased blocks topped up for today and the next open day(s), the catalog
checked, the queue state fetched. No database transaction is ever open during a request: the
outbox is read in one short transaction and marked in another. Any failure to reach the
server ends the pass (the worker backs off); a refusal of one step is reported and the pass
goes on.
"""

from __future__ import annotations

import logging
import re
import time
import uuid
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime, timedelta
from typing import Any

from kiosk.store.outbox import OutboxItem
from kiosk.store.uow import UnitOfWork
from kiosk.sync.catalog import ApplyCatalog, CatalogPuller, CatalogRefused
from kiosk.sync.client import ApiClient, ClockCorrector, Rejected, Unauthorized, Unreachable
from kiosk.sync.numbers import FEEDBACK, SLOT_KEY, TICKET, SyncedNumbers
from kiosk.sync.settings import ServerSettings
from kiosk.sync.status import StatusBoard
from mpp_core.domain.catalog import Catalog, Gerai
from mpp_core.domain.clock import Clock, service_day
from mpp_core.wire.protocol import MAX_LEASE_BATCH

log = logging.getLogger(__name__)
OFFSET_KEY = "sync.clock_offset_s"
KEEP_SENT = timedelta(days=7)
LEASE_REFUSAL_PAUSE_S = 300.0
MAX_BATCHES_PER_PASS = 100
_TOKEN_OK = frozenset("abcdefghijklmnopqrstuvwxyz0123456789_")

UowFactory = Callable[[], UnitOfWork]


def _open_on(catalog: Catalog, gerai: Gerai, day: date) -> bool:
    return bool(catalog.hours_for(gerai).on(day.weekday())) and day not in catalog.holidays_for(
        gerai
    )


def lease_days(catalog: Catalog, gerai: Gerai, today: date, ahead: int) -> list[date]:
    """Today (if the gerai opens today) and the next ``ahead`` days it opens (within a week)."""
    days = [today] if _open_on(catalog, gerai, today) else []
    found = 0
    for i in range(1, 8):
        if found >= ahead:
            break
        day = today + timedelta(days=i)
        if _open_on(catalog, gerai, day):
            days.append(day)
            found += 1
    return days


# The kiosk's own health as the heartbeat carries it (the app's health callable gives these).
_WORD_FIELDS = ("service_state", "disk_state", "database_state")
_NUMBER_FIELDS = ("disk_free_mb",)
_COUNT_FIELDS = ("issue_errors", "thread_restarts")


def _word(value: object) -> str | None:
    text = str(value or "").lower()
    return text if text and len(text) <= 32 and set(text) <= _TOKEN_OK else None


def own_health(health: Mapping[str, Any]) -> dict[str, Any]:
    """The optional heartbeat fields, each checked so that a strange value is left out
    rather than the whole heartbeat refused."""
    out: dict[str, Any] = {}
    for key in _WORD_FIELDS:
        if _word(health.get(key)):
            out[key] = _word(health.get(key))
    for key in _NUMBER_FIELDS:
        value = health.get(key)
        if isinstance(value, int | float) and 0 <= value <= 1e9:
            out[key] = float(value)
    for key in _COUNT_FIELDS:
        value = health.get(key)
        if isinstance(value, int) and 0 <= value <= 1_000_000:
            out[key] = value
    code = str(health.get("reason_code") or "")
    if re.fullmatch(r"[A-Z][A-Z0-9-]{1,39}", code):
        out["reason_code"] = code
    dead = health.get("dead_threads") or []
    if isinstance(dead, list | tuple):
        out["dead_threads"] = [w for w in (_word(d) for d in dead) if w][:8]
    return out


class SyncEngine:
    def __init__(
        self,
        settings: ServerSettings,
        client: ApiClient,
        uow: UowFactory,
        catalog: Callable[[], Catalog | None],
        apply_catalog: ApplyCatalog,
        clock: Clock,
        board: StatusBoard,
        numbers: SyncedNumbers,
        corrector: ClockCorrector,
        *,
        health: Callable[[], Mapping[str, Any]] | None = None,
        app_version: str = "0.1.0",
    ) -> None:
        self.settings = settings
        self.client = client
        self.uow = uow
        self.catalog = catalog
        self.clock = clock
        self.board = board
        self.numbers = numbers
        self.corrector = corrector
        self.health = health
        self.app_version = app_version
        self.puller = CatalogPuller(client, catalog, apply_catalog)
        self.queue: dict[str, dict[str, Any]] = {}
        self._next: dict[str, float] = {}
        self._lease_refused: dict[tuple[str, date, str], float] = {}
        self._saved_offset: float | None = None
        self._last_prune = 0.0
        self.instance_id = str(uuid.uuid4())  # this run: the server tells two runs apart

    # ------------------------------------------------------------------------ scheduling

    def _due(self, step: str, every: float) -> bool:
        now = time.monotonic()
        if now >= self._next.get(step, 0.0):
            self._next[step] = now + every
            return True
        return False

    def make_due(self, step: str) -> None:
        self._next[step] = 0.0

    # ------------------------------------------------------------------------ a pass

    def run_once(self) -> bool:
        """One pass; True when the server answered every step."""
        started = datetime.now(UTC)
        self.board.update(last_attempt=started)
        try:
            with self.uow() as u:
                slot_known = isinstance(u.state.get(SLOT_KEY), int)
            if not slot_known or self._due("heartbeat", self.settings.heartbeat_s):
                self.heartbeat()
            self.drain()
            self.drain_audit()
            self.top_up_leases()
            if self._due("catalog", self.settings.catalog_s):
                self.pull_catalog()
            if self._due("queue", self.settings.queue_s):
                self.pull_queue()
        except Unauthorized as exc:
            self._offline(f"the server refused this kiosk's token ({exc.detail})")
            return False
        except Unreachable as exc:
            self._offline(str(exc))
            return False
        finally:
            self._refresh_counts()
        self._online()
        return True

    def _offline(self, message: str) -> None:
        log.info("sync: offline (%s)", message)
        self.board.update(online=False, last_error=message)

    def _online(self) -> None:
        self.numbers.online_ok()
        self.board.update(
            online=True,
            last_success=datetime.now(UTC),
            clock_offset_s=round(self.corrector.offset_s, 3),
        )
        offset = self.corrector.offset_s
        if self._saved_offset is None or abs(offset - self._saved_offset) >= 1.0:
            with self.uow() as u:
                u.state.set(OFFSET_KEY, offset)
                u.commit()
            self._saved_offset = offset
        if time.monotonic() - self._last_prune > 3600:
            self._last_prune = time.monotonic()
            with self.uow() as u:
                u.outbox.prune_sent(datetime.now(UTC) - KEEP_SENT)
                u.commit()

    def _refresh_counts(self) -> None:
        today = service_day(self.clock.now())
        with self.uow() as u:
            box = u.outbox
            leases = u.leases
            left = sum(n for (_g, d, _s), n in leases.remaining([today]).items() if d == today)
            self.board.update(
                outbox_waiting=box.count("pending"),
                outbox_rejected=box.count("rejected"),
                leased_left=left,
                emergency_used=leases.emergency_used(today),
            )

    # ------------------------------------------------------------------------ heartbeat

    def heartbeat(self) -> None:
        health = dict(self.health()) if self.health is not None else {}
        printer = str(health.get("printer_state") or "unknown").lower()
        if not printer or len(printer) > 32 or not set(printer) <= _TOKEN_OK:
            printer = "unknown"
        paper = health.get("paper_left_pct")
        catalog = self.catalog()
        status = self.board.status
        body: dict[str, Any] = {
            "app_version": self.app_version[:40],
            "catalog_version": catalog.version if catalog else None,
            "printer_state": printer,
            "paper_left_pct": float(paper) if isinstance(paper, int | float) else None,
            "outbox_length": status.outbox_waiting,
            "kiosk_time": datetime.fromtimestamp(self.corrector.raw_now(), UTC),
            "clock_offset_s": round(self.corrector.offset_s, 3),
            "last_error": (status.catalog_error or status.last_error or None),
        }
        if body["last_error"]:
            body["last_error"] = str(body["last_error"])[:300]
        body["instance_id"] = self.instance_id
        body.update(own_health(health))
        answer = self.client.request("POST", "/heartbeat", body=body)
        data = answer.data if isinstance(answer.data, dict) else {}
        shared = data.get("token_shared") is True
        if shared != self.board.status.token_shared:
            if shared:
                log.error("the server sees a second kiosk sending with this kiosk's token")
            self.board.update(token_shared=shared)
        slot = data.get("slot")
        if isinstance(slot, int) and slot >= 1:
            with self.uow() as u:
                if u.state.get(SLOT_KEY) != slot:
                    u.state.set(SLOT_KEY, slot)
                    u.commit()
            self.board.update(slot=slot)
        published = data.get("catalog")
        if isinstance(published, dict) and published.get("etag") != self.puller.current_etag():
            self.make_due("catalog")

    # ------------------------------------------------------------------------ outbox

    def drain(self) -> int:
        """Send what the outbox holds; returns how many items were settled."""
        settled = 0
        for kind, path, field in (
            (TICKET, "/tickets/batch", "tickets"),
            (FEEDBACK, "/feedback", "items"),
        ):
            for _ in range(MAX_BATCHES_PER_PASS):
                with self.uow() as u:
                    items = u.outbox.due(kind, datetime.now(UTC), self.settings.batch_size)
                if not items:
                    break
                settled += self._send(kind, path, field, items)
                if len(items) < self.settings.batch_size:
                    break
        return settled

    def _send(self, kind: str, path: str, field: str, items: list[OutboxItem]) -> int:
        try:
            answer = self.client.request(
                "POST", path, body={field: [i.payload for i in items]}, keyed=True
            )
        except Rejected as exc:
            if isinstance(exc, Unauthorized):
                raise
            if len(items) > 1:  # find the item the server will not take
                return sum(self._send(kind, path, field, [i]) for i in items)
            log.error("server refused outbox item %s %s: %s", kind, items[0].key, exc)
            with self.uow() as u:
                u.outbox.mark_rejected(items[0].id, exc.detail, datetime.now(UTC))
                u.commit()
            return 1
        except Unreachable as exc:
            with self.uow() as u:
                u.outbox.mark_failed([i.id for i in items], str(exc), None)
                u.commit()
            raise
        now = datetime.now(UTC)
        sent: list[int] = []
        rejected: list[tuple[int, str]] = []
        if kind == TICKET:
            by_key = {i.key: i for i in items}
            results = answer.data.get("results") if isinstance(answer.data, dict) else None
            if not isinstance(results, list):
                raise Unreachable("the server's answer to an upload has no results")
            for res in results:
                if not isinstance(res, dict):
                    continue
                item = by_key.get(str(res.get("ticket_id")))
                if item is None:
                    continue
                status = res.get("status")
                if status in ("created", "confirmed", "duplicate"):
                    sent.append(item.id)
                elif status == "conflict":
                    rejected.append((item.id, str(res.get("detail") or "conflict")))
                    log.error("server refused ticket %s: %s", item.key, res.get("detail"))
        else:
            if not isinstance(answer.data, dict) or "accepted" not in answer.data:
                raise Unreachable("the server's answer to an upload is not understood")
            sent = [i.id for i in items]
        with self.uow() as u:
            box = u.outbox
            box.mark_sent(sent, now)
            for item_id, reason in rejected:
                box.mark_rejected(item_id, reason, now)
            u.commit()
        return len(sent) + len(rejected)

    def drain_audit(self) -> int:
        """Send the staff audit log entries the server has not had yet."""

        sent = 0
        for _ in range(MAX_BATCHES_PER_PASS):
            with self.uow() as u:
                entries = u.audit.unsynced(self.settings.batch_size)
            if not entries:
                break
            try:
                self.client.request(
                    "POST", "/audit", body={"entries": [e.payload() for e in entries]}, keyed=True
                )
            except Rejected as exc:
                if isinstance(exc, Unauthorized):
                    raise
                log.error("server refused audit entries: %s", exc)
                break  # kept, and sent again on a later pass
            with self.uow() as u:
                u.audit.mark_synced([e.id for e in entries], datetime.now(UTC))
                u.commit()
            sent += len(entries)
            if len(entries) < self.settings.batch_size:
                break
        return sent

    # ------------------------------------------------------------------------ leases

    def top_up_leases(self) -> int:
        """Ask for blocks where fewer than the low-water mark are left; returns blocks added."""
        catalog = self.catalog()
        if catalog is None:
            return 0
        today = service_day(self.clock.now())
        plan = [
            (g, day)
            for g in catalog.gerai
            if g.selectable and g.issues_numbers
            for day in lease_days(catalog, g, today, self.settings.lease_days)
        ]
        if not plan:
            return 0
        with self.uow() as u:
            remaining = u.leases.remaining({d for _, d in plan})
        now_m = time.monotonic()
        wanted: list[dict[str, Any]] = []
        for g, day in plan:
            for series in ("R", "P"):
                key = (g.code, day, series)
                if remaining.get(key, 0) >= self.settings.low_water_for(series):
                    continue
                if now_m - self._lease_refused.get(key, -1e9) < LEASE_REFUSAL_PAUSE_S:
                    continue
                wanted.append(
                    {
                        "key": str(uuid.uuid4()),
                        "gerai_code": g.code,
                        "service_day": day.isoformat(),
                        "series": series,
                        "size": self.settings.block_for(series),
                    }
                )
        added = 0
        for i in range(0, len(wanted), MAX_LEASE_BATCH):
            chunk = wanted[i : i + MAX_LEASE_BATCH]
            try:
                answer = self.client.request(
                    "POST", "/leases", body={"requests": chunk}, keyed=True
                )
            except Rejected as exc:
                if isinstance(exc, Unauthorized):
                    raise
                log.warning("server refused lease requests: %s", exc)
                for r in chunk:
                    self._lease_refused[
                        (
                            str(r["gerai_code"]),
                            date.fromisoformat(str(r["service_day"])),
                            str(r["series"]),
                        )
                    ] = now_m
                continue
            leases = answer.data.get("leases") if isinstance(answer.data, dict) else None
            if not isinstance(leases, list):
                raise Unreachable("the server's answer to a lease request is not understood")
            now = datetime.now(UTC)
            with self.uow() as u:
                repo = u.leases
                for lease in leases:
                    try:
                        key = (
                            str(lease["gerai_code"]),
                            date.fromisoformat(lease["service_day"]),
                            str(lease["series"]),
                        )
                        if lease.get("status") != "granted":
                            self._lease_refused[key] = now_m
                            log.warning("lease refused for %s: %s", key, lease.get("detail"))
                            continue
                        start, end = int(lease["start"]), int(lease["end"])
                        if not 1 <= start <= end or key[2] not in ("R", "P"):
                            raise ValueError("bad block")
                        if repo.add_lease(str(int(lease["lease_id"])), *key, start, end, now):
                            added += 1
                    except (KeyError, TypeError, ValueError):
                        log.error("ignoring a malformed lease in the server's answer")
                u.commit()
        return added

    # ------------------------------------------------------------------------ catalog, queue

    def pull_catalog(self) -> None:
        try:
            result = self.puller.check()
        except CatalogRefused as exc:
            log.error("catalog from the server refused; keeping the current one: %s", exc)
            self.board.update(catalog_error=str(exc)[:300])
            return
        except Rejected as exc:
            if isinstance(exc, Unauthorized):
                raise
            self.board.update(catalog_error=str(exc)[:300])
            return
        catalog = self.catalog()
        self.board.update(
            catalog_error=None, catalog_version=catalog.version if catalog else result.version
        )

    def pull_queue(self) -> None:
        try:
            answer = self.client.request("GET", "/queue")
        except Rejected as exc:
            if isinstance(exc, Unauthorized):
                raise
            return
        rows = answer.data.get("gerai") if isinstance(answer.data, dict) else None
        if isinstance(rows, list):
            self.queue = {str(r.get("gerai_code")): r for r in rows if isinstance(r, dict)}
