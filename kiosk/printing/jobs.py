"""Print jobs and their outcomes. Every job says what it is (`JobKind`), and everything that
depends on it (sent at most once or repeatable, which layout, whether a ticket's print state
is recorded, which words the outcome has) is decided by that kind, never by the job's id.

| kind           | slip                         | sent             | recorded by the app          |
|----------------|------------------------------|------------------|------------------------------|
| `TICKET`       | `SlipData` (not a copy)      | at most once     | the ticket's print state     |
| `REPRINT`      | `SlipData`, marked SALINAN   | every time       | by staff (`reprint_done`)    |
| `REQUIREMENTS` | `RequirementsSlipData`       | every time       | nothing (the visitor is told)|
| `TEST`         | a ready `SlipLayout`         | every time       | nothing (staff are told)     |
"""

from __future__ import annotations

import enum
import time
import uuid
from dataclasses import dataclass, field, replace
from pathlib import Path

from kiosk.printing.settings import PrinterSettings
from kiosk.printing.slip import (
    RequirementsSlipData,
    SlipData,
    SlipLayout,
    layout_requirements,
    layout_test_page,
    layout_ticket,
)
from kiosk.printing.status import STATE_WORDS, PrinterState, PrinterStatus
from mpp_core.i18n import Joined, Text, Words

# What an outcome says to people (staff see it; the visitor's screen words its own).
SLIP_PRINTED = Text("Struk dicetak", "Slip printed")
SLIP_PRINTED_BUT = Text("Struk dicetak. {state}.", "Slip printed. {state}.")
NOT_PRINTED_BECAUSE = Text(
    "Struk tidak dapat dicetak: {state}.", "The slip could not be printed: {state}."
)
NOT_PRINTED = Text("Struk tidak dapat dicetak.", "The slip could not be printed.")
PREVIEW_SHOWN = Text("Pratinjau struk ditampilkan di layar", "Slip preview shown on screen")
INTERRUPTED = Text(
    "Pencetakan terputus; struk mungkin tidak lengkap.",
    "Printing was interrupted; the slip may be incomplete.",
)
NOT_CONFIRMED = Text(
    "Printer berhenti menjawab saat mencetak; struk mungkin tidak keluar.",
    "The printer stopped answering while printing; the slip may not have come out.",
)
STOPPED = Text(
    "Printer dihentikan sebelum struk dicetak.", "The printer was stopped before the slip printed."
)
ALREADY_SENT = Text(
    "Struk tiket ini sudah dikirim ke printer; tidak dicetak lagi",
    "This ticket's slip was already sent to the printer; not printed again",
)
# Said when a queue ticket's slip did not print: the number is on the visitor's screen.
SHOW_AT_GERAI = Text(
    "Tunjukkan nomor antrean di layar kepada petugas gerai.",
    "Show the queue number on the screen to the counter staff.",
)


class JobKind(enum.Enum):
    TICKET = "ticket"  # a queue ticket's slip: sent at most once
    REPRINT = "reprint"  # a staff copy of a ticket ("SALINAN / CETAK ULANG")
    REQUIREMENTS = "requirements"  # the "what to bring" checklist, no number
    TEST = "test"  # the technician's test page

    @property
    def sent_once_only(self) -> bool:
        """Queue tickets are sent at most once; copies and other slips may repeat."""
        return self is JobKind.TICKET


@dataclass(frozen=True)
class PrintJob:
    """One slip to print. Build it with `ticket`, `reprint`, `requirements` or `test_page`;
    the constructor refuses a kind without the slip that kind needs.

    `job_id` identifies the job (`PrintService.wait_for`, the outcome); for a queue ticket
    it is the ticket id. `ticket_id` is the ticket a `TICKET` or `REPRINT` slip belongs to.
    """

    job_id: str
    kind: JobKind
    slip: SlipData | RequirementsSlipData | None = None
    layout: SlipLayout | None = None  # a ready layout (the test page)
    ticket_id: str | None = None
    submitted_at: float = field(default_factory=time.perf_counter)

    def __post_init__(self) -> None:
        problem = self._problem()
        if problem:
            raise ValueError(f"print job {self.job_id!r} ({self.kind.value}): {problem}")

    def _problem(self) -> str | None:
        match self.kind:
            case JobKind.TICKET | JobKind.REPRINT:
                if not isinstance(self.slip, SlipData):
                    return "needs the ticket's SlipData"
                if self.slip.is_copy is not (self.kind is JobKind.REPRINT):
                    return "only a reprint is marked as a copy"
                if not self.ticket_id:
                    return "needs the ticket id"
            case JobKind.REQUIREMENTS:
                if not isinstance(self.slip, RequirementsSlipData):
                    return "needs RequirementsSlipData"
            case JobKind.TEST:
                if self.layout is None or self.slip is not None:
                    return "needs a ready layout and no slip data"
        return None

    @classmethod
    def ticket(cls, ticket_id: str, slip: SlipData) -> PrintJob:
        """A queue ticket's slip; its job id is the ticket id."""
        return cls(ticket_id, JobKind.TICKET, slip, ticket_id=ticket_id)

    @classmethod
    def reprint(cls, ticket_id: str, slip: SlipData, job_id: str | None = None) -> PrintJob:
        """A staff copy of a ticket: marked SALINAN, printed even though sent before."""
        return cls(
            job_id or f"copy-{uuid.uuid4().hex[:12]}",
            JobKind.REPRINT,
            replace(slip, is_copy=True),
            ticket_id=ticket_id,
        )

    @classmethod
    def requirements(cls, data: RequirementsSlipData, job_id: str | None = None) -> PrintJob:
        return cls(job_id or f"req-{uuid.uuid4().hex[:12]}", JobKind.REQUIREMENTS, data)

    @classmethod
    def test_page(
        cls, settings: PrinterSettings, job_id: str | None = None, lang: str = "id"
    ) -> PrintJob:
        layout = layout_test_page(settings.slip_format(), settings.device_words()(lang), lang)
        return cls(job_id or f"test-{uuid.uuid4().hex[:12]}", JobKind.TEST, layout=layout)

    @property
    def sent_once_only(self) -> bool:
        return self.kind.sent_once_only

    def build_layout(self, settings: PrinterSettings) -> SlipLayout:
        fmt = settings.slip_format()
        match self.kind:
            case JobKind.TICKET | JobKind.REPRINT:
                assert isinstance(self.slip, SlipData)
                return layout_ticket(self.slip, fmt)
            case JobKind.REQUIREMENTS:
                assert isinstance(self.slip, RequirementsSlipData)
                return layout_requirements(self.slip, fmt)
            case JobKind.TEST:
                assert self.layout is not None
                return self.layout
        raise ValueError(f"print job {self.job_id}: unknown kind {self.kind}")


@dataclass(frozen=True)
class PrintOutcome:
    """What happened to one job. Delivered on the printer thread: marshal it to the GUI."""

    job_id: str
    kind: JobKind
    printed: bool
    state: PrinterState
    words: Words  # for people, in either language
    detail: str  # technical, English: for the ticket's record, the log and the CLI
    slip_length_mm: float = 0.0
    bytes_sent: int = 0
    status: PrinterStatus | None = None
    image_path: Path | None = None  # the preview printer's PNG
    duplicate: bool = False  # refused: this ticket was already sent once
    elapsed_s: float = 0.0  # from submit to outcome
    ticket_id: str | None = None  # the ticket of a TICKET or REPRINT job

    @classmethod
    def for_job(
        cls,
        job: PrintJob,
        printed: bool,
        state: PrinterState,
        words: Words,
        detail: str,
        *,
        slip_length_mm: float = 0.0,
        bytes_sent: int = 0,
        status: PrinterStatus | None = None,
        image_path: Path | None = None,
        duplicate: bool = False,
    ) -> PrintOutcome:
        return cls(
            job.job_id,
            job.kind,
            printed,
            state,
            words,
            detail,
            slip_length_mm,
            bytes_sent,
            status,
            image_path,
            duplicate,
            ticket_id=job.ticket_id,
        )

    @property
    def paper_used_mm(self) -> float:
        """For the paper counter: the slip's length once any of it went to the printer."""
        if self.image_path is not None and self.bytes_sent == 0:
            return 0.0  # preview printer: no paper
        return self.slip_length_mm if (self.printed or self.bytes_sent > 0) else 0.0

    @property
    def needs_reprint(self) -> bool:
        """Not printed (and not a duplicate): mark the ticket for a staff reprint."""
        return not self.printed and not self.duplicate

    @property
    def staff_alert(self) -> bool:
        """Raise a staff alert: paper low, or the printer failed."""
        return self.needs_reprint or self.state is PrinterState.PAPER_NEAR_END


def not_printed_words(kind: JobKind, lead: Words) -> Words:
    """What a slip that did not (fully) print says. Only a queue ticket's visitor is told to
    show the number on screen: no other slip has a number."""
    return Joined((lead, SHOW_AT_GERAI), " ") if kind is JobKind.TICKET else lead


def printed_outcome(
    job: PrintJob, state: PrinterState, length: float, sent: int, status: PrinterStatus
) -> PrintOutcome:
    if state is PrinterState.PAPER_NEAR_END:
        words: Words = SLIP_PRINTED_BUT.bind(state=STATE_WORDS[state])
        detail = "Slip printed. " + STATE_WORDS[state]("en") + "."
    else:
        words, detail = SLIP_PRINTED, "Slip printed"
    return PrintOutcome.for_job(
        job, True, state, words, detail, slip_length_mm=length, bytes_sent=sent, status=status
    )


def not_printed_outcome(
    job: PrintJob,
    state: PrinterState,
    length: float,
    sent: int,
    status: PrinterStatus,
    detail: str,
) -> PrintOutcome:
    return PrintOutcome.for_job(
        job,
        False,
        state,
        not_printed_words(job.kind, NOT_PRINTED_BECAUSE.bind(state=STATE_WORDS[state])),
        f"Slip not printed: {STATE_WORDS[state]('en')}" + (f" ({detail})" if detail else ""),
        slip_length_mm=length,
        bytes_sent=sent,
        status=status,
    )


def stopped_outcome(job: PrintJob) -> PrintOutcome:
    return PrintOutcome.for_job(
        job,
        False,
        PrinterState.UNKNOWN,
        not_printed_words(job.kind, STOPPED),
        "Print service stopped before this slip was printed",
    )
