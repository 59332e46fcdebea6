"""Everything staff do on the kiosk, as plain calls (``StaffDesk``): signing in and out, the
health report, paper, test slips, reprints, sync now, pausing numbers, resetting the terminal,
restarting and leaving to the desktop. Each call checks the role of the person signed in and
writes an audit entry. The technician's forms are ``StaffDesk.settings``
(``kiosk.usecases.staff_settings``). No Qt here: ``kiosk.staff_mode`` wires it to the screens.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from kiosk.usecases.audit import AuditLog, UowFactory
from kiosk.usecases.health import HealthCheck, HealthReport
from kiosk.usecases.staff_pins import StaffAuth
from kiosk.usecases.staff_session import Outcome, Role, SignedIn, StaffSession
from kiosk.usecases.staff_settings import SettingsDesk
from mpp_core.domain.catalog import Catalog
from mpp_core.domain.clock import Clock, service_day
from mpp_core.domain.tickets import PrintState, Ticket
from mpp_core.i18n import Names, Text, Words

RESTART_EXIT_CODE = 75  # EX_TEMPFAIL: the launcher / systemd unit starts the app again
DESKTOP_EXIT_CODE = 0  # a clean exit: the unit stays stopped (technicians only)
PAUSE_MESSAGE_KEY = "issuing_paused_message"
PAUSE_PRESETS: tuple[Text, ...] = (
    Text(
        "Pengambilan nomor antrean dihentikan sementara. Silakan tanya petugas.",
        "Queue numbers are paused for a moment. Please ask a member of staff.",
    ),
    Text("Kuota nomor antrean hari ini sudah habis.", "Today's queue numbers have run out."),
    Text(
        "Sedang istirahat. Pengambilan nomor dibuka kembali pukul 13.00.",
        "Break time. Numbers are available again at 13:00.",
    ),
)
PAPER_RECORDED = Text("Gulungan kertas baru dicatat.", "New paper roll recorded.")
TEST_PRINTED = Text("Struk uji tercetak. {result}", "Test slip printed. {result}")
NOT_PRINTED = Text("Tidak tercetak: {result}", "Not printed: {result}")
COPY_PRINTED = Text("Salinan {number} tercetak.", "Copy of {number} printed.")
COPY_NOT_PRINTED = Text(
    "Salinan {number} tidak tercetak: {result}", "Copy of {number} not printed: {result}"
)
NO_SERVER = Text("Tidak ada server pusat yang diatur.", "No central server is configured.")
SYNC_STARTED = Text("Sinkronisasi dimulai.", "Sync started.")
WRITE_A_MESSAGE = Text("Tulis pesan untuk pengunjung.", "Write a message for visitors.")
PAUSED = Text("Pengambilan nomor dihentikan.", "Issuing numbers is paused.")
RESUMED = Text("Pengambilan nomor dibuka kembali.", "Issuing numbers has resumed.")
TERMINAL_RESET = Text(
    "Printer dibuka ulang dan layar dibersihkan.", "Printer reopened and screens cleared."
)


@dataclass(frozen=True)
class TicketLine:
    id: str
    number: str
    gerai: str
    service: str
    issued_at: datetime  # shown as the time of day in WIB
    state: PrintState
    priority: bool


class StaffDesk:
    """Everything staff and technicians do, as plain calls. Each call checks the role of
    the person signed in and writes an audit entry."""

    def __init__(
        self,
        *,
        uow: UowFactory,
        clock: Clock,
        audit: AuditLog,
        auth: StaffAuth,
        signed_in: SignedIn,
        health: HealthCheck,
        settings: SettingsDesk,
        desk: Any,  # TicketDesk
        printing: Any,  # TicketPrinting
        catalog: Callable[[], Catalog],
        sync: Callable[[], Any] = lambda: None,  # KioskSync, None without a server
    ) -> None:
        self._uow = uow
        self._clock = clock
        self.audit = audit
        self.auth = auth
        self._in = signed_in
        self._health = health
        self.settings = settings
        self.desk = desk
        self.printing = printing
        self._catalog = catalog
        self._sync = sync

    # ------------------------------------------------------------------ signing in and out

    @property
    def session(self) -> StaffSession | None:
        return self._in.session

    @property
    def role(self) -> Role | None:
        return self._in.role

    @property
    def actor(self) -> str:
        return self._in.actor

    def sign_in(self, role: Role) -> None:
        self._in.start(role)

    def sign_out(self, reason: str) -> None:
        if self._in.session is None:
            return
        self.settings.revert_printer()  # a printer test that was not saved is undone
        self.audit.record(self.actor, "sign_out", reason=reason)
        self._in.end()

    def require(self, role: Role = Role.STAFF) -> None:
        self._in.require(role)

    # ------------------------------------------------------------------ health

    def health(self) -> HealthReport:
        return self._health.report(self.pause_words(), self.settings.config_problems)

    # ------------------------------------------------------------------ paper and printing

    def paper_replaced(self) -> Outcome:
        self.require()
        before = self.printing.health.paper_left_m
        self.printing.paper_replaced()
        self.audit.record(self.actor, "paper_replaced", paper_left_before_m=before)
        return Outcome(True, PAPER_RECORDED)

    def test_print(self, lang: str = "id") -> str:
        """Queue a test slip (in ``lang``, the language on the staff screen); returns its
        job id (ask ``print_outcome`` for the answer)."""
        self.require()
        job_id = str(self.printing.service.print_test_page(lang))
        self.audit.record(self.actor, "test_print", device=self.printing.settings.describe())
        return job_id

    def print_outcome(self, job_id: str) -> Any:
        """The printer's answer for a job (a PrintOutcome), or None while waiting."""
        return self.printing.service.outcome(job_id)

    @staticmethod
    def outcome_words(outcome: Any) -> Outcome:
        if outcome.printed:
            return Outcome(True, TEST_PRINTED.bind(result=outcome.words))
        return Outcome(False, NOT_PRINTED.bind(result=outcome.words))

    # ------------------------------------------------------------------ reprints

    def tickets(self, *, only_not_printed: bool) -> list[TicketLine]:
        """Today's tickets, newest first (or only those that did not print)."""
        self.require()
        day = service_day(self._clock.now())
        with self._uow() as u:
            found = u.tickets.not_printed(day) if only_not_printed else u.tickets.all_for_day(day)
        catalog = self._catalog()
        lines = []
        for t in reversed(found):
            g = catalog.gerai_by_code(t.gerai_code)
            s = catalog.service_by_code(t.service_code)
            lines.append(
                TicketLine(
                    t.id,
                    t.display,
                    g.name if g else t.gerai_code,
                    s.name if s else t.service_code,
                    t.issued_at,
                    t.print_state,
                    t.priority is not None,
                )
            )
        return lines

    def _ticket(self, ticket_id: str) -> Ticket | None:
        with self._uow() as u:
            return u.tickets.get(ticket_id)

    def reprint(self, ticket_id: str) -> str:
        """Print a copy (marked SALINAN) of a ticket; returns the job id."""
        self.require()
        ticket = self._ticket(ticket_id)
        if ticket is None:
            raise KeyError(ticket_id)
        job_id = str(self.printing.reprint(ticket))
        self.audit.record(
            self.actor,
            "reprint",
            ticket=ticket.display,
            ticket_id=ticket.id,
            state_before=ticket.print_state.value,
        )
        return job_id

    def reprint_done(self, ticket_id: str, outcome: Any) -> Outcome:
        """Record a reprint's result: a ticket that never printed is printed now."""
        ticket = self._ticket(ticket_id)
        if (
            outcome.printed
            and ticket is not None
            and ticket.print_state in (PrintState.FAILED, PrintState.PENDING)
        ):
            self.desk.mark_printed(ticket_id, PrintState.PRINTED, "printed as a staff copy")
        number = ticket.display if ticket else "?"
        if outcome.printed:
            return Outcome(True, COPY_PRINTED.bind(number=number))
        return Outcome(False, COPY_NOT_PRINTED.bind(number=number, result=outcome.words))

    # ------------------------------------------------------------------ sync and pausing

    def sync_now(self) -> Outcome:
        self.require()
        sync = self._sync()
        if sync is None:
            return Outcome(False, NO_SERVER)
        sync.sync_now()
        self.audit.record(self.actor, "sync_now")
        return Outcome(True, SYNC_STARTED)

    def pause_words(self) -> Words:
        """What visitors see while issuing is paused (stored in both languages)."""
        raw = self.desk.state_value(PAUSE_MESSAGE_KEY, None)
        if isinstance(raw, dict) and raw.get("id"):
            return Names(str(raw["id"]), str(raw.get("en") or raw["id"]))
        return PAUSE_PRESETS[0]

    def pause(self, words: Words) -> Outcome:
        """Pause issuing with ``words`` for visitors: a preset, or a message staff typed
        (the same in both languages)."""
        self.require()
        text_id = words("id").strip()[:200]
        text_en = (words("en") or text_id).strip()[:200]
        if not text_id:
            return Outcome(False, WRITE_A_MESSAGE)
        self.desk.set_state_value(PAUSE_MESSAGE_KEY, {"id": text_id, "en": text_en})
        self.desk.set_paused(True)
        self.audit.record(self.actor, "pause_issuing", message=text_id)
        return Outcome(True, PAUSED)

    def resume(self) -> Outcome:
        self.require()
        self.desk.set_paused(False)
        self.audit.record(self.actor, "resume_issuing")
        return Outcome(True, RESUMED)

    # ------------------------------------------------------------------ the terminal

    def restart(self) -> int:
        """Audit the restart; the caller exits with the returned code."""
        self.require()
        self.audit.record(self.actor, "restart_app", exit_code=RESTART_EXIT_CODE)
        self._in.end()
        return RESTART_EXIT_CODE

    def reset_terminal(self) -> Outcome:
        """Reopen the printer (the caller clears the screens). Tickets stay in the database."""
        self.require()
        self.printing.reconfigure(self.printing.settings)
        self.printing.service.request_status()
        self.audit.record(self.actor, "reset_terminal")
        return Outcome(True, TERMINAL_RESET)

    def exit_to_desktop(self) -> int:
        self.require(Role.TECHNICIAN)
        self.audit.record(self.actor, "exit_to_desktop", exit_code=DESKTOP_EXIT_CODE)
        self._in.end()
        return DESKTOP_EXIT_CODE
