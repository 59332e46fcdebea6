"""Tickets to the printer: the slip's content, the printed/not-printed record, paper left,
and whether the printer needs attention. Qt-free; the app marshals callbacks to the GUI.

Every outcome is recorded on the printer's own thread (a small SQLite write), so the GUI
thread never waits for the printer or the disk. What is done with an outcome is decided by
its job's kind (`JobKind`): a queue ticket's print state is recorded and the visitor told;
a requirements checklist's answer goes to whoever asked for it; every job's paper and
printer status count.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from kiosk.printing.jobs import JobKind, PrintJob, PrintOutcome
from kiosk.printing.paper import PaperCounter
from kiosk.printing.service import PrintService
from kiosk.printing.settings import PrinterSettings
from kiosk.printing.slip import RequirementsSlipData, SlipData
from kiosk.printing.status import PrinterState, PrinterStatus, visitor_reason
from kiosk.usecases.ticketing import TicketDesk
from mpp_core.domain.catalog import Catalog, Gerai, Service
from mpp_core.domain.tickets import PrintState, Ticket
from mpp_core.i18n import Lang, Plain, Text, Words
from mpp_core.i18n_dates import hhmm_text, weekday_text
from mpp_core.terms import PRIORITY_GROUPS

log = logging.getLogger(__name__)

PAPER_KEY = "paper_remaining_mm"
PRIORITY_LABEL = Text("PRIORITAS - {group}", "PRIORITY - {group}")
SERVICE_HOURS = Text("Jam layanan: {hours}", "Service hours: {hours}")
KEEP_THIS_SLIP = Text(
    "Simpan struk ini. Nomor berlaku hari ini.", "Keep this slip. The number is valid today."
)
IF_MISSED = Text(
    "Jika nomor terlewat, lapor ke petugas.", "If your number was missed, tell the staff."
)
COMPLAINTS = Text("Pengaduan: {complaints}", "Complaints: {complaints}")
NOT_A_NUMBER = Text("Ini bukan nomor antrean.", "This is not a queue number.")
FAULT_STATES = {
    PrinterState.PAPER_OUT,
    PrinterState.COVER_OPEN,
    PrinterState.OFFLINE,
    PrinterState.UNKNOWN,
    PrinterState.ERROR,
}


@dataclass(frozen=True)
class PrinterHealth:
    """What staff and the welcome screen need to know about the printer."""

    state: PrinterState
    attention: bool  # a fault: tickets are not being printed
    paper_low: bool
    paper_left_m: float
    words: Words  # the printer's state, for staff
    device: Words


@dataclass(frozen=True)
class TicketPrinted:
    ticket_id: str
    printed: bool
    message: str
    image_path: str | None


@dataclass(frozen=True)
class RequirementsPrinted:
    """The printer's answer for a "what to bring" checklist."""

    job_id: str
    service_code: str
    printed: bool
    preview: bool  # the preview printer: nothing came out on paper
    reason: Words | None  # why not, for the visitor (None when printed)


RequirementsCallback = Callable[[RequirementsPrinted], None]


class TicketPrinting:
    def __init__(
        self,
        settings: PrinterSettings,
        desk: TicketDesk,
        catalog: Callable[[], Catalog],
        *,
        on_printed: Callable[[TicketPrinted], None],
        on_health: Callable[[PrinterHealth], None],
        service_factory: Callable[..., PrintService] = PrintService,
        slip_lock: Path | None = None,
    ) -> None:
        """``slip_lock``: held while a slip prints, so an update never switches releases
        mid-slip (``kiosk.system.locks``)."""
        self.settings = settings
        self.desk = desk
        self._catalog = catalog
        self._on_printed = on_printed
        self._on_health = on_health
        self._lock = threading.Lock()
        self._requirements_waiting: dict[str, tuple[str, RequirementsCallback]] = {}
        remaining = desk.state_value(PAPER_KEY, None)
        counter = PaperCounter.new_roll(settings.roll_length_m, settings.low_paper_warn_m)
        if isinstance(remaining, int | float):
            counter = PaperCounter(counter.roll_length_mm, float(remaining), counter.warn_below_mm)
        self.paper = counter
        self.health = self._health(PrinterState.READY, Plain(""))
        options = {"slip_lock": slip_lock} if slip_lock is not None else {}
        self.service = service_factory(
            settings,
            self._outcome,
            on_status=self._status,
            sent_job_ids=desk.sent_ticket_ids(),
            **options,
        )

    # ------------------------------------------------------------------ slips

    def slip_for(
        self,
        ticket: Ticket,
        gerai: Gerai,
        service: Service,
        *,
        copy: bool = False,
        lang: Lang = "id",
    ) -> SlipData:
        """The ticket's slip, in ``lang`` (the visitor's language when they took it): the
        catalog's names, location and requirements in that language. A gerai whose location
        is not known prints none."""
        mpp = self._catalog().mpp
        reqs: tuple[str, ...] = ()
        if self.settings.print_requirements:
            reqs = tuple(r.describe(lang, with_note=False) for r in service.requirements)
        priority = (
            PRIORITY_LABEL(lang, group=PRIORITY_GROUPS[ticket.priority](lang))
            if ticket.priority
            else None
        )
        return SlipData(
            mpp_name=mpp.full_name_in(lang),
            number=ticket.display,
            gerai_name=gerai.display_name(lang),
            gerai_location=gerai.display_location(lang),
            service_name=service.display_name(lang),
            issued_at=ticket.issued_at,
            people_ahead=ticket.people_ahead,
            est_wait_minutes=ticket.est_wait_minutes,
            priority_label=priority,
            qr_payload=ticket.qr_payload,
            footer_lines=self._footer(gerai, lang),
            requirements=reqs,
            is_copy=copy,
            lang=lang,
        )

    def _footer(self, gerai: Gerai, lang: Lang) -> tuple[str, ...]:
        cat = self._catalog()
        hours = cat.hours_for(gerai)
        parts = []
        for i in range(7):
            spans = hours.on(i)
            if spans:
                times = ",".join(
                    f"{hhmm_text(f'{s.start:%H:%M}', lang)}-{hhmm_text(f'{s.end:%H:%M}', lang)}"
                    for s in spans
                )
                parts.append(f"{weekday_text(i, lang, short=True)} {times}")
        return (
            SERVICE_HOURS(lang, hours="; ".join(parts)),
            KEEP_THIS_SLIP(lang),
            IF_MISSED(lang),
            COMPLAINTS(lang, complaints=cat.mpp.complaints),
        )

    def print_ticket(
        self, ticket: Ticket, gerai: Gerai, service: Service, lang: Lang = "id"
    ) -> None:
        """Print the ticket's slip in ``lang``, the language the visitor was using."""
        self.service.print_ticket(ticket.id, self.slip_for(ticket, gerai, service, lang=lang))

    def reprint(self, ticket: Ticket) -> str:
        """A staff reprint: marked SALINAN (copy), allowed although sent before. Printed in
        Indonesian: the ticket's row does not keep the language it was taken in."""
        cat = self._catalog()
        g, s = cat.gerai_by_code(ticket.gerai_code), cat.service_by_code(ticket.service_code)
        if g is None or s is None:
            raise KeyError(f"ticket {ticket.display}: gerai or service no longer in catalog")
        return self.service.reprint(ticket.id, self.slip_for(ticket, g, s, copy=True))

    def print_requirements(
        self,
        gerai: Gerai,
        service: Service,
        now: datetime,
        lang: Lang = "id",
        on_done: RequirementsCallback | None = None,
    ) -> str:
        """Print the service's "what to bring" checklist in ``lang`` (the language on screen
        when the visitor tapped "Print this list"); returns the job id at once. `on_done`
        gets the printer's answer **on the printer thread**."""
        data = RequirementsSlipData(
            mpp_name=self._catalog().mpp.full_name_in(lang),
            gerai_name=gerai.display_name(lang),
            service_name=service.display_name(lang),
            requirements=tuple(r.describe(lang, with_note=False) for r in service.requirements),
            printed_at=now,
            footer_lines=(NOT_A_NUMBER(lang),),
            lang=lang,
        )
        job = PrintJob.requirements(data)
        if on_done is not None:
            with self._lock:  # before submitting: the answer may come at once
                self._requirements_waiting[job.job_id] = (service.code, on_done)
        try:
            self.service.submit(job)
        except Exception:
            with self._lock:
                self._requirements_waiting.pop(job.job_id, None)
            raise
        return job.job_id

    # ------------------------------------------------------------------ outcomes

    def _outcome(self, outcome: PrintOutcome) -> None:
        """On the printer thread: record, then tell whoever needs to know, by job kind."""
        try:
            with self._lock:
                if outcome.paper_used_mm:
                    self.paper = self.paper.consume(outcome.paper_used_mm)
                    self.desk.set_state_value(PAPER_KEY, round(self.paper.remaining_mm, 1))
            if outcome.kind is JobKind.TICKET and not outcome.duplicate:
                assert outcome.ticket_id is not None
                state = (
                    PrintState.PREVIEW
                    if outcome.printed and outcome.image_path and self.settings.kind == "preview"
                    else PrintState.PRINTED
                    if outcome.printed
                    else PrintState.FAILED
                )
                self.desk.mark_printed(outcome.ticket_id, state, outcome.detail)
        except Exception:  # recording failed: the ticket itself is already committed
            log.exception("could not record the print outcome of %s", outcome.job_id)
        if outcome.status is not None:
            self._status(outcome.status, from_job=outcome)
        match outcome.kind:
            case JobKind.TICKET:
                assert outcome.ticket_id is not None
                self._on_printed(
                    TicketPrinted(
                        outcome.ticket_id,
                        outcome.printed,
                        outcome.detail,
                        str(outcome.image_path) if outcome.image_path else None,
                    )
                )
            case JobKind.REQUIREMENTS:
                self._requirements_done(outcome)
            case JobKind.REPRINT | JobKind.TEST:
                pass  # staff ask the print service for these (StaffDesk.print_outcome)

    def _requirements_done(self, outcome: PrintOutcome) -> None:
        with self._lock:
            waiting = self._requirements_waiting.pop(outcome.job_id, None)
        if waiting is None:
            return
        service_code, on_done = waiting
        preview = outcome.printed and outcome.image_path is not None and outcome.bytes_sent == 0
        news = RequirementsPrinted(
            outcome.job_id,
            service_code,
            outcome.printed,
            preview,
            None if outcome.printed else visitor_reason(outcome.state),
        )
        try:
            on_done(news)
        except Exception:
            log.exception("the requirements callback failed for %s", outcome.job_id)

    def _status(self, status: PrinterStatus, from_job: PrintOutcome | None = None) -> None:
        state = status.state
        if (
            from_job is not None
            and not from_job.printed
            and state in (PrinterState.READY, PrinterState.PAPER_NEAR_END)
        ):
            state = PrinterState.ERROR  # the slip failed although the printer said ready
        self.health = self._health(state, status.words)
        self._on_health(self.health)

    def _health(self, state: PrinterState, words: Words) -> PrinterHealth:
        return PrinterHealth(
            state=state,
            attention=state in FAULT_STATES,
            paper_low=state is PrinterState.PAPER_NEAR_END or self.paper.is_low,
            paper_left_m=round(self.paper.remaining_m, 1),
            words=words,
            device=self.settings.device_words(),
        )

    def paper_replaced(self) -> None:
        with self._lock:
            self.paper = self.paper.replaced()
            self.desk.set_state_value(PAPER_KEY, self.paper.remaining_mm)
        self.health = self._health(self.health.state, self.health.words)
        self._on_health(self.health)

    def reconfigure(self, settings: PrinterSettings) -> None:
        self.settings = settings
        self.service.reconfigure(settings)

    def close(self, timeout: float = 5.0) -> None:
        """Stop printing: the slip in progress finishes, or is marked not printed after
        ``timeout`` (see ``PrintService.close``)."""
        self.service.close(timeout)
