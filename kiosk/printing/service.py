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
Every job ends within a bounded time (`job_deadline`): a job still in flight after it (a USB
write that never returns, a device that blocks) is given a "not printed" outcome with the
reason, the stuck worker thread is abandoned and a new one (with a new connection) takes
the next job; `check()` does this, and restarts a worker thread that died, and the kiosk's
supervisor calls it every second (`kiosk.system.supervise`).

A write error, a dropped connection or a missing answer after the slip means "not printed":
the ticket stays for a staff reprint and is never resent automatically (a `JobKind.TICKET`
job whose first byte went out is remembered by its ticket id and refused if submitted again;
a staff copy is a `JobKind.REPRINT` job and always prints). Jobs and outcomes: `jobs.py`.
"""

from __future__ import annotations

import logging
import math
import queue
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path

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
from kiosk.system import locks
from mpp_core.i18n import Text

log = logging.getLogger(__name__)

OutcomeCallback = Callable[["PrintOutcome"], None]
StatusCallback = Callable[[PrinterStatus], None]
TransportFactory = Callable[[PrinterSettings], Transport]

_DEDUP_MEMORY = 20_000  # ticket ids remembered as sent (a busy MPP issues ~2 000 a day)
JOB_MARGIN_S = 30.0  # added to a job's own timeouts before it is given up
MAX_POLL_S = 3600.0  # never wait longer than this for the next command (Queue.get's limit)
THREAD_NAME = "kiosk-printer"

TIMED_OUT = Text(
    "Printer tidak selesai dalam {seconds} detik; struk mungkin tidak keluar.",
    "The printer did not finish within {seconds} s; the slip may not have come out.",
)
STOPPED_MID_SLIP = Text(
    "Kiosk dihentikan saat struk dicetak; struk mungkin tidak lengkap.",
    "The kiosk was stopped while the slip was printing; it may be incomplete.",
)


def job_deadline(settings: PrinterSettings) -> float:
    """How long one job may take, all its timeouts included: connecting, the status before,
    writing (with a serial line's wire time for a long slip) and the confirmation after,
    each possibly retried once, plus a margin."""
    s = settings
    wire = 0.0
    if s.kind == "serial":
        wire = 20_000 * 10 / s.baudrate * 1.2  # a long slip with a logo is well under 20 KB
    return (
        2 * (s.connect_timeout_s + s.status_timeout_s) + s.write_timeout_s + wire + (JOB_MARGIN_S)
    )


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
        slip_lock: Path | None = None,
        deadline_s: float | None = None,
        monotonic: Callable[[], float] = time.monotonic,
    ) -> None:
        self._settings = settings
        self._on_outcome = on_outcome
        self._on_status = on_status
        self._factory = transport_factory
        self._slip_lock = slip_lock
        self._deadline_s = deadline_s  # None: job_deadline(settings) per job
        self._now = monotonic
        self._queue: queue.Queue[_Command] = queue.Queue()
        self._lock = threading.Condition()
        self._outcomes: OrderedDict[str, PrintOutcome] = OrderedDict()
        self._sent: OrderedDict[str, None] = OrderedDict((i, None) for i in sent_job_ids)
        self._last_status: PrinterStatus | None = None
        self._closed = False
        self._stopping = threading.Event()
        # The worker now running: its generation, and the job it is printing (with when it
        # started). A job given up by check() is settled there; the abandoned worker's own
        # outcome for it is then dropped.
        self._generation = 0
        self._inflight: tuple[int, PrintJob, float] | None = None
        self.abandoned = 0  # workers given up because a job took too long
        self._driver = PrinterDriver(settings, transport_factory)
        self._thread = self._start_worker(self._driver)

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
        """Stop after the current job; jobs still queued get a "not printed" outcome. A job
        still printing after ``timeout`` gets one too (the kiosk is stopping: its slip may be
        incomplete), so no ticket is left "printing"."""
        with self._lock:
            if self._closed:
                return
            self._closed = True
        self._stopping.set()
        self._queue.put(_Stop())
        self._thread.join(timeout)
        with self._lock:
            inflight = self._inflight
        if inflight is not None:
            gen, job, _started = inflight
            log.warning("print job %s still running at stop: marked not printed", job.job_id)
            self._settle(gen, job, _failed(job, STOPPED_MID_SLIP))
        if self._thread.is_alive():
            threading.Thread(target=self._driver.close, daemon=True).start()

    # --- supervision (the kiosk's supervisor thread) -----------------------------------------

    def alive(self) -> bool:
        """Whether the worker thread runs (or the service was closed on purpose)."""
        return self._closed or self._thread.is_alive()

    def restart(self) -> None:
        """A new worker thread (the old one died), with a new connection to the printer."""
        with self._lock:
            if self._closed:
                return
            self._generation += 1
        self._driver = PrinterDriver(self._settings, self._factory)
        self._thread = self._start_worker(self._driver)

    def check(self) -> None:
        """Give up a job that has run past its deadline: it is settled as not printed (staff
        can reprint it), and a new worker takes the next job."""
        with self._lock:
            inflight = self._inflight
        if inflight is None:
            return
        gen, job, started = inflight
        limit = self._deadline_s if self._deadline_s is not None else job_deadline(self._settings)
        if self._now() - started < limit:
            return
        seconds = math.ceil(limit)
        log.error("print job %s did not finish within %d s: given up", job.job_id, seconds)
        outcome = _failed(job, TIMED_OUT, seconds=seconds)
        if not self._settle(gen, job, outcome):
            return  # it finished just now
        assert outcome.status is not None
        self._set_status(outcome.status)
        stuck = self._driver
        with self._lock:
            self.abandoned += 1
        self.restart()
        # The stuck call may return once its connection is closed; never wait for it here.
        threading.Thread(target=stuck.close, name="kiosk-printer-close", daemon=True).start()

    # --- worker ----------------------------------------------------------------------------

    def _warm_up(self) -> None:
        """Import python-escpos and build one slip now, so the first visitor does not wait
        for it (its capability database takes a few hundred ms to load)."""
        settings = self._driver.settings
        render_escpos(layout_test_page(settings.slip_format()))

    def _start_worker(self, driver: PrinterDriver) -> threading.Thread:
        gen = self._generation
        thread = threading.Thread(
            target=self._run, args=(gen, driver), name=THREAD_NAME, daemon=True
        )
        thread.start()
        return thread

    def _run(self, gen: int, driver: PrinterDriver) -> None:
        if gen == 0:
            self._safe(self._warm_up)
        while gen == self._generation:
            poll = min(driver.settings.status_poll_s, MAX_POLL_S)
            idle_poll = poll > 0 and driver.settings.kind != "preview"
            try:
                command = self._queue.get(timeout=poll if idle_poll else None)
            except queue.Empty:
                self._safe(self._refresh_status, False, driver)
                continue
            if gen != self._generation:  # given up while waiting: the new worker takes it
                self._queue.put(command)
                return
            if isinstance(command, _Stop):
                self._drain_after_stop()
                driver.close()
                return
            if isinstance(command, PrintJob) and self._stopping.is_set():
                self._deliver(command, stopped_outcome(command))
            elif isinstance(command, PrintJob):
                self._safe(self._handle, command, gen, driver)
            elif isinstance(command, _Reconfigure):
                self._safe(driver.reconfigure, command.settings)
                self._safe(self._refresh_status, True, driver)
            elif isinstance(command, _StatusRequest):
                self._safe(self._refresh_status, True, driver)
                if command.done is not None:
                    command.done.set()

    def _safe(self, action: Callable[..., object], *args: object) -> None:
        try:
            action(*args)
        except Exception:  # the printer thread must survive anything
            log.exception("printer worker error")

    def _handle(self, job: PrintJob, gen: int, driver: PrinterDriver) -> None:
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

        with self._lock:
            self._inflight = (gen, job, self._now())
        try:
            with locks.printing(self._slip_lock):
                outcome = driver.print_job(job, before_send=mark_sent)
        except Exception as exc:  # a bug or bad data must still give the visitor an outcome
            log.exception("print job %s failed", job.job_id)
            outcome = PrintOutcome.for_job(
                job,
                False,
                PrinterState.ERROR,
                not_printed_words(job.kind, NOT_PRINTED),
                f"Slip not printed: {type(exc).__name__}: {exc}",
            )
        if self._settle(gen, job, outcome) and outcome.status is not None:
            self._set_status(outcome.status)

    def _settle(self, gen: int, job: PrintJob, outcome: PrintOutcome) -> bool:
        """Deliver the in-flight job's outcome once: whoever settles it first (its worker, or
        check() and close() giving it up) wins; False for the one that came too late."""
        with self._lock:
            inflight = self._inflight
            if inflight is None or inflight[0] != gen or inflight[1] is not job:
                log.info("late outcome of print job %s dropped (already settled)", job.job_id)
                return False
            self._inflight = None
        self._deliver(job, outcome)
        return True

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

    def _refresh_status(self, force: bool, driver: PrinterDriver) -> None:
        self._set_status(driver.status(), force=force)

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


def _failed(job: PrintJob, words: Text, **values: object) -> PrintOutcome:
    """A job given up (too long, or the kiosk stopping): not printed, staff can reprint."""
    return PrintOutcome.for_job(
        job,
        False,
        PrinterState.UNKNOWN,
        not_printed_words(job.kind, words.bind(**values)),
        words("en", **values),
        status=PrinterStatus(PrinterState.UNKNOWN, detail=words("en", **values)),
    )


def _with_elapsed(outcome: PrintOutcome, elapsed: float) -> PrintOutcome:
    return replace(outcome, elapsed_s=elapsed)
