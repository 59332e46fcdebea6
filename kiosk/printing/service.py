"""Printing off the GUI thread: `PrintService` (worker thread + queue) around `PrinterDriver`.

Decision table, applied before every slip (DLE EOT 1, 2, 4 with `status_timeout_s`):

| status before the slip       | action                        | outcome                   |
|------------------------------|-------------------------------|---------------------------|
| READY                        | print                         | printed, READY            |
| PAPER_NEAR_END               | print                         | printed + staff alert     |
| PAPER_OUT, COVER_OPEN, ERROR | nothing sent                  | not printed, that state   |
| OFFLINE (cannot connect)     | retry once, then nothing sent | not printed, OFFLINE      |
| UNKNOWN (no/garbled answer)  | reopen, retry once, then none | not printed, UNKNOWN      |

The slip is then written together with DLE EOT 1, 2, 4. Those are real-time commands, so their
answers only come once the printer has received the whole slip: an answer confirms delivery.
A write error, a dropped connection or a missing answer after the slip means "not printed":
the ticket stays for a staff reprint and is never resent automatically (a `JobKind.TICKET`
job whose first byte went out is remembered by its ticket id and refused if submitted again;
a staff copy is a `JobKind.REPRINT` job and always prints). Jobs and outcomes: `jobs.py`.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace

from kiosk.printing.jobs import (
    ALREADY_SENT,
    INTERRUPTED,
    NOT_CONFIRMED,
    NOT_PRINTED,
    PREVIEW_SHOWN,
    JobKind,
    PrintJob,
    PrintOutcome,
    not_printed_outcome,
    not_printed_words,
    printed_outcome,
    stopped_outcome,
)
from kiosk.printing.paper import slip_length_mm
from kiosk.printing.preview import save_preview
from kiosk.printing.render import render_escpos, separator_bytes
from kiosk.printing.settings import PrinterSettings
from kiosk.printing.slip import RequirementsSlipData, SlipData, layout_test_page
from kiosk.printing.status import STATUS_QUERIES, PrinterState, PrinterStatus, decode_status
from kiosk.printing.transports import Transport, TransportError, make_transport

log = logging.getLogger(__name__)

OutcomeCallback = Callable[["PrintOutcome"], None]
StatusCallback = Callable[[PrinterStatus], None]
TransportFactory = Callable[[PrinterSettings], Transport]

_DEDUP_MEMORY = 20_000  # ticket ids remembered as sent (a busy MPP issues ~2 000 a day)

__all__ = [
    "JobKind",
    "PrintJob",
    "PrintOutcome",
    "PrintService",
    "PrinterDriver",
]


# --- the synchronous driver ---------------------------------------------------------------------


class PrinterDriver:
    """Does one job at a time, synchronously: status, bytes, confirmation. Not thread-safe;
    `PrintService` owns one on its worker thread, the CLI uses one directly."""

    def __init__(
        self, settings: PrinterSettings, transport_factory: TransportFactory = make_transport
    ) -> None:
        self._factory = transport_factory
        self.settings = settings
        self.transport = transport_factory(settings)
        # After a slip was cut off half way, the printer may hold a partial slip without a
        # cut: the next slip starts by cutting it off, so it is not glued to the next visitor's.
        self._separate_next = False

    def reconfigure(self, settings: PrinterSettings) -> None:
        self.transport.close()
        self.settings = settings
        self.transport = self._factory(settings)

    def close(self) -> None:
        self.transport.close()

    def status(self) -> PrinterStatus:
        """Status with one retry (after reopening) when there is no answer or no connection."""
        try:
            return self._status_with_retry()
        finally:
            if not self.transport.persistent:
                self.transport.close()

    def _status_with_retry(self) -> PrinterStatus:
        if self.settings.kind == "preview":
            return PrinterStatus.not_supported("preview printer")
        status = self.transport.query_status()
        if status.state in (PrinterState.UNKNOWN, PrinterState.OFFLINE):
            log.info("printer status %s (%s); retrying once", status.state.value, status.detail)
            self.transport.close()
            status = self.transport.query_status()
        return status

    def print_job(
        self, job: PrintJob, *, before_send: Callable[[], None] | None = None
    ) -> PrintOutcome:
        """Print one job's slip. Never raises for printer trouble: the outcome says what
        happened. (Bad job data raises: `PrintService` turns that into an outcome too.)"""
        layout = job.build_layout(self.settings)
        length = slip_length_mm(layout)
        if self.settings.kind == "preview":
            path = save_preview(layout, self.settings.preview_dir, job.job_id)
            return PrintOutcome.for_job(
                job,
                True,
                PrinterState.READY,
                PREVIEW_SHOWN,
                f"Preview rendered to {path}",
                slip_length_mm=length,
                status=PrinterStatus.not_supported("preview printer"),
                image_path=path,
            )
        data = render_escpos(layout)
        if self._separate_next:
            data = separator_bytes(layout) + data
        try:
            return self._print_bytes(job, data, length, before_send)
        finally:
            if not self.transport.persistent:
                self.transport.close()

    def _print_bytes(
        self,
        job: PrintJob,
        data: bytes,
        length: float,
        before_send: Callable[[], None] | None,
    ) -> PrintOutcome:
        s = self.settings
        confirm = s.check_status and self.transport.supports_status
        before: PrinterStatus | None = None
        if confirm:
            before = self._status_with_retry()
            if not before.can_print:
                return not_printed_outcome(job, before.state, length, 0, before, before.detail)
        if before_send is not None:
            before_send()
        try:
            wire = self._wire_time(data)
            write_timeout = s.write_timeout_s + wire
            if not confirm:
                self.transport.write(data, write_timeout)
                status = before or PrinterStatus.not_supported(self.transport.device)
                return printed_outcome(job, status.state, length, len(data), status)
            answers = self.transport.exchange(
                data, STATUS_QUERIES, s.status_timeout_s + wire, write_timeout
            )
        except TransportError as exc:
            self.transport.close()
            self._separate_next = self._separate_next or exc.bytes_sent > 0
            log.warning("job %s interrupted: %s", job.job_id, exc)
            return PrintOutcome.for_job(
                job,
                False,
                PrinterState.ERROR,
                not_printed_words(job.kind, INTERRUPTED),
                f"Printing interrupted after {exc.bytes_sent} of {len(data)} bytes: {exc}",
                slip_length_mm=length,
                bytes_sent=exc.bytes_sent,
                status=PrinterStatus(PrinterState.ERROR, detail=str(exc)),
            )
        after = decode_status(answers)
        if after.state is PrinterState.UNKNOWN:
            self.transport.close()
            self._separate_next = True
            return PrintOutcome.for_job(
                job,
                False,
                PrinterState.UNKNOWN,
                not_printed_words(job.kind, NOT_CONFIRMED),
                f"{self.transport.device} did not confirm the slip ({after.detail})",
                slip_length_mm=length,
                bytes_sent=len(data),
                status=after,
            )
        self._separate_next = False
        if not after.can_print:
            return not_printed_outcome(
                job, after.state, length, len(data), after, "fault right after the slip"
            )
        near_end = PrinterState.PAPER_NEAR_END in (after.state, before.state if before else None)
        state = PrinterState.PAPER_NEAR_END if near_end else PrinterState.READY
        return printed_outcome(job, state, length, len(data), after)

    def _wire_time(self, data: bytes) -> float:
        """What the slip needs on a serial line (10 bits a byte, plus 20 %): added to the
        write and confirmation timeouts so that a large slip at 9600 baud is not cut short."""
        s = self.settings
        return len(data) * 10 / s.baudrate * 1.2 if s.kind == "serial" else 0.0


# --- the worker thread ----------------------------------------------------------------------------


@dataclass(frozen=True)
class _Reconfigure:
    settings: PrinterSettings


@dataclass(frozen=True)
class _StatusRequest:
    done: threading.Event | None = None


@dataclass(frozen=True)
class _Stop:
    pass


_Command = PrintJob | _Reconfigure | _StatusRequest | _Stop


class PrintService:
    """All printer I/O on one worker thread (`threading.Thread` + `queue.Queue`, no Qt).

    - `submit(job)` returns at once; every job gets exactly one `PrintOutcome`.
    - `on_outcome(outcome)` and `on_status(status)` are called **on the printer thread**; the
      app marshals them to the GUI thread (e.g. a Qt signal with a queued connection).
      `on_status` fires when the printer state changes, from jobs and from idle polling
      (every `status_poll_s`), so "printer needs attention" clears once it is fixed.
    - `sent_job_ids`: ticket ids already sent (from the database) so that nothing is sent
      twice across a restart.
    """

    def __init__(
        self,
        settings: PrinterSettings,
        on_outcome: OutcomeCallback | None = None,
        *,
        on_status: StatusCallback | None = None,
        sent_job_ids: Iterable[str] = (),
        transport_factory: TransportFactory = make_transport,
    ) -> None:
        self._settings = settings
        self._on_outcome = on_outcome
        self._on_status = on_status
        self._driver = PrinterDriver(settings, transport_factory)
        self._queue: queue.Queue[_Command] = queue.Queue()
        self._lock = threading.Condition()
        self._outcomes: OrderedDict[str, PrintOutcome] = OrderedDict()
        self._sent: OrderedDict[str, None] = OrderedDict((i, None) for i in sent_job_ids)
        self._last_status: PrinterStatus | None = None
        self._closed = False
        self._stopping = threading.Event()
        self._thread = threading.Thread(target=self._run, name="kiosk-printer", daemon=True)
        self._thread.start()

    # --- API for the app (any thread) ------------------------------------------------------

    @property
    def settings(self) -> PrinterSettings:
        return self._settings

    @property
    def last_status(self) -> PrinterStatus | None:
        """The latest known printer status (None before the first check)."""
        with self._lock:
            return self._last_status

    def submit(self, job: PrintJob) -> None:
        """Queue a job and return at once."""
        with self._lock:
            if self._closed:
                raise RuntimeError("PrintService is closed")
        self._queue.put(job)

    def print_ticket(self, ticket_id: str, slip: SlipData) -> None:
        """A queue ticket's slip (sent at most once); the job id is the ticket id."""
        self.submit(PrintJob.ticket(ticket_id, slip))

    def reprint(self, ticket_id: str, slip: SlipData) -> str:
        """A staff copy of a ticket (marked SALINAN); returns the job id."""
        job = PrintJob.reprint(ticket_id, slip)
        self.submit(job)
        return job.job_id

    def print_requirements(self, data: RequirementsSlipData) -> str:
        job = PrintJob.requirements(data)
        self.submit(job)
        return job.job_id

    def print_test_page(self, lang: str = "id") -> str:
        """The technician's test slip, in the language of whoever asked for it."""
        job = PrintJob.test_page(self._settings, lang=lang)
        self.submit(job)
        return job.job_id

    def reconfigure(self, settings: PrinterSettings) -> None:
        """Switch printers; applied between jobs, in order with submitted jobs."""
        self._settings = settings
        self._queue.put(_Reconfigure(settings))

    def request_status(self) -> None:
        """Ask for a status check now; the result goes to `on_status` if it changed."""
        self._queue.put(_StatusRequest())

    def check_status(self, timeout: float = 5.0) -> PrinterStatus | None:
        """Blocking status check through the worker (CLI, tests). None on timeout."""
        done = threading.Event()
        self._queue.put(_StatusRequest(done))
        done.wait(timeout)
        return self.last_status

    def wait_for(
        self, job_id: str, timeout: float = 10.0, *, newer_than: PrintOutcome | None = None
    ) -> PrintOutcome:
        """Block until the job's outcome is known (tests, CLI). Raises TimeoutError.

        `newer_than`: wait for an outcome other than this one (the same id submitted again).
        """
        deadline = time.monotonic() + timeout
        with self._lock:
            while self._outcomes.get(job_id) in (None, newer_than):
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise TimeoutError(f"no outcome for print job {job_id} within {timeout} s")
                self._lock.wait(remaining)
            return self._outcomes[job_id]

    def outcome(self, job_id: str) -> PrintOutcome | None:
        with self._lock:
            return self._outcomes.get(job_id)

    def was_sent(self, ticket_id: str) -> bool:
        """Whether a queue ticket's slip has gone (at least partly) to the printer."""
        with self._lock:
            return ticket_id in self._sent

    def close(self, timeout: float = 5.0) -> None:
        """Stop after the current job; jobs still queued get a "not printed" outcome."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
        self._stopping.set()
        self._queue.put(_Stop())
        self._thread.join(timeout)

    # --- worker ----------------------------------------------------------------------------

    def _warm_up(self) -> None:
        """Import python-escpos and build one slip now, so the first visitor does not wait
        for it (its capability database takes a few hundred ms to load)."""
        settings = self._driver.settings
        render_escpos(layout_test_page(settings.slip_format()))

    def _run(self) -> None:
        self._safe(self._warm_up)
        while True:
            poll = self._driver.settings.status_poll_s
            idle_poll = poll > 0 and self._driver.settings.kind != "preview"
            try:
                command = self._queue.get(timeout=poll if idle_poll else None)
            except queue.Empty:
                self._safe(self._refresh_status, False)
                continue
            if isinstance(command, _Stop):
                self._drain_after_stop()
                self._driver.close()
                return
            if isinstance(command, PrintJob) and self._stopping.is_set():
                self._deliver(command, stopped_outcome(command))
            elif isinstance(command, PrintJob):
                self._safe(self._handle, command)
            elif isinstance(command, _Reconfigure):
                self._safe(self._driver.reconfigure, command.settings)
                self._safe(self._refresh_status, True)
            elif isinstance(command, _StatusRequest):
                self._safe(self._refresh_status, True)
                if command.done is not None:
                    command.done.set()

    def _safe(self, action: Callable[..., object], *args: object) -> None:
        try:
            action(*args)
        except Exception:  # the printer thread must survive anything
            log.exception("printer worker error")

    def _handle(self, job: PrintJob) -> None:
        ticket_id = job.ticket_id if job.kind.sent_once_only else None
        with self._lock:
            duplicate = ticket_id is not None and ticket_id in self._sent
        if duplicate:
            self._deliver(
                job,
                PrintOutcome.for_job(
                    job,
                    False,
                    self._last_status.state if self._last_status else PrinterState.UNKNOWN,
                    ALREADY_SENT,
                    "Already sent to the printer once; not sent again (reprint as a copy)",
                    duplicate=True,
                ),
            )
            return

        def mark_sent() -> None:
            if ticket_id is not None:
                with self._lock:
                    self._sent[ticket_id] = None
                    while len(self._sent) > _DEDUP_MEMORY:
                        self._sent.popitem(last=False)

        try:
            outcome = self._driver.print_job(job, before_send=mark_sent)
        except Exception as exc:  # a bug or bad data must still give the visitor an outcome
            log.exception("print job %s failed", job.job_id)
            outcome = PrintOutcome.for_job(
                job,
                False,
                PrinterState.ERROR,
                not_printed_words(job.kind, NOT_PRINTED),
                f"Slip not printed: {type(exc).__name__}: {exc}",
            )
        if outcome.status is not None:
            self._set_status(outcome.status)
        self._deliver(job, outcome)

    def _deliver(self, job: PrintJob, outcome: PrintOutcome) -> None:
        outcome = _with_elapsed(outcome, time.perf_counter() - job.submitted_at)
        with self._lock:
            self._outcomes[job.job_id] = outcome
            while len(self._outcomes) > 100:  # recent ones, for wait_for(); bounded memory
                self._outcomes.popitem(last=False)
            self._lock.notify_all()
        if self._on_outcome is not None:
            try:
                self._on_outcome(outcome)
            except Exception:
                log.exception("on_outcome callback failed for job %s", job.job_id)

    def _refresh_status(self, force: bool) -> None:
        self._set_status(self._driver.status(), force=force)

    def _set_status(self, status: PrinterStatus, force: bool = False) -> None:
        with self._lock:
            changed = self._last_status is None or self._last_status.state is not status.state
            self._last_status = status
        if (changed or force) and self._on_status is not None:
            try:
                self._on_status(status)
            except Exception:
                log.exception("on_status callback failed")

    def _drain_after_stop(self) -> None:
        while True:
            try:
                command = self._queue.get_nowait()
            except queue.Empty:
                return
            if isinstance(command, PrintJob):
                self._deliver(command, stopped_outcome(command))
            elif isinstance(command, _StatusRequest) and command.done is not None:
                command.done.set()


def _with_elapsed(outcome: PrintOutcome, elapsed: float) -> PrintOutcome:
    return replace(outcome, elapsed_s=elapsed)
