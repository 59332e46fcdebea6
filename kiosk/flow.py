"""The visitor's path through the screens, and the idle timeout.

The flow turns taps into calls on the application (TicketDesk, the printer) and results
into what the window shows. Business decisions stay in ``mpp_core.domain`` and the use cases;
slow work runs on background runners.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QInputEvent

from kiosk.i18n import LanguageSwitch
from kiosk.memory import release_free_memory
from kiosk.screens import texts
from kiosk.screens.gerai_grid import GeraiTile
from kiosk.screens.main_window import KioskWindow, Page
from kiosk.screens.widgets import qr_matrix
from kiosk.sync.status import SyncStatus
from kiosk.usecases.catalog import CatalogStore
from kiosk.usecases.printing import PrinterHealth, RequirementsPrinted, TicketPrinted
from kiosk.usecases.ticketing import DatabaseDamaged, TicketDesk
from kiosk.workers import BackgroundRunner
from mpp_core.domain.catalog import Catalog, Gerai, Service
from mpp_core.domain.clock import Clock, service_day
from mpp_core.domain.hours import Reason
from mpp_core.domain.numbering import PriorityGroup
from mpp_core.domain.tickets import IssueRefused, Ticket
from mpp_core.i18n import Joined, Lang, Words
from mpp_core.i18n_dates import TimeOfDay

log = logging.getLogger(__name__)

ACTIVITY_EVENTS = {
    QEvent.Type.MouseButtonPress,
    QEvent.Type.TouchBegin,
    QEvent.Type.KeyPress,
    QEvent.Type.TouchUpdate,
}


@dataclass(frozen=True)
class FlowTiming:
    idle_timeout_s: int = 45
    idle_warning_s: int = 25
    ticket_screen_s: int = 20


class IdleWatch(QObject):
    """Any press anywhere counts as activity; after ``timeout`` the window asks
    "Are you still there?" for ``warning`` seconds, then goes back to the start."""

    def __init__(
        self, window: KioskWindow, timing: FlowTiming, on_timeout: Callable[[], None]
    ) -> None:
        super().__init__(window)
        self.window = window
        self.timing = timing
        self.on_timeout = on_timeout
        self.idle = QTimer(self)
        self.idle.setSingleShot(True)
        self.idle.timeout.connect(self._warn)
        self.tick = QTimer(self)
        self.tick.setInterval(1000)
        self.tick.timeout.connect(self._count)
        self.remaining = 0
        self.enabled = False
        window.idle.stay.connect(self.extend)
        window.idle.leave.connect(self._expire)

    def eventFilter(self, obj: QObject, e: QEvent) -> bool:
        # Every event of the application passes here while a visitor is in the flow, so the
        # cheap isinstance test comes first (QEvent.type() costs an enum conversion).
        if (
            isinstance(e, QInputEvent)
            and e.type() in ACTIVITY_EVENTS
            and not self.window.idle.isVisible()
        ):
            self.idle.start(self.timing.idle_timeout_s * 1000)
        return False

    def set_enabled(self, on: bool) -> None:
        """Watch for activity only while a visitor is in the flow (not on welcome)."""
        app = QCoreApplication.instance()
        if on and not self.enabled and app is not None:
            app.installEventFilter(self)
        elif not on and self.enabled and app is not None:
            app.removeEventFilter(self)
        self.enabled = on
        self.tick.stop()
        self.window.hide_idle()
        if on:
            self.idle.start(self.timing.idle_timeout_s * 1000)
        else:
            self.idle.stop()

    def extend(self) -> None:
        self.tick.stop()
        self.window.hide_idle()
        if self.enabled:
            self.idle.start(self.timing.idle_timeout_s * 1000)

    @property
    def warning_shown(self) -> bool:
        return self.window.idle.isVisible()

    def _warn(self) -> None:
        self.remaining = self.timing.idle_warning_s
        self.window.show_idle(self.remaining)
        self.tick.start()

    def _count(self) -> None:
        self.remaining -= 1
        if self.remaining <= 0:
            self._expire()
        else:
            self.window.idle.set_seconds(self.remaining)

    def _expire(self) -> None:
        self.tick.stop()
        self.window.hide_idle()
        self.on_timeout()


# (ticket, gerai, service, the visitor's language): the slip is printed in that language.
PrintTicket = Callable[[Ticket, Gerai, Service, Lang], None]
# (gerai, service, now, the visitor's language, on_done) -> job id; on_done is called on the
# printer thread.
PrintRequirements = Callable[
    [Gerai, Service, datetime, Lang, Callable[[RequirementsPrinted], None]], str
]


class KioskFlow(QObject):
    # The printer thread's answer for a requirements list, delivered on the GUI thread.
    _checklist_answer = Signal(object)  # RequirementsPrinted

    def __init__(
        self,
        window: KioskWindow,
        catalog: CatalogStore,
        desk: TicketDesk,
        clock: Clock,
        language: LanguageSwitch,
        timing: FlowTiming,
        runner: BackgroundRunner,
        print_ticket: PrintTicket | None = None,
    ) -> None:
        super().__init__(window)
        self.w = window
        self.catalog = catalog
        self.desk = desk
        self.clock = clock
        self.language = language
        self.timing = timing
        self.runner = runner
        self.print_ticket = print_ticket
        self._checklist_job: str | None = None  # the requirements list being printed
        self._checklist_answer.connect(self.checklist_printed, Qt.ConnectionType.QueuedConnection)
        self.history: list[Page] = []
        self.gerai: Gerai | None = None
        self.service: Service | None = None
        self.request_id = ""
        self.last_ticket: Ticket | None = None
        self.attention: Words | None = None
        self.printer: PrinterHealth | None = None
        self.issue_errors = 0
        self.idle = IdleWatch(window, timing, self.go_home)
        self._ticket_left = 0
        self._ticket_timer = QTimer(self)
        self._ticket_timer.setInterval(1000)
        self._ticket_timer.timeout.connect(self._ticket_tick)
        self._clock_timer = QTimer(self)
        self._clock_timer.setInterval(1000)
        self._clock_timer.timeout.connect(self._tick_clock)
        self._minute = ""
        self._day = service_day(clock.now())
        self._prepare_queue: list[Gerai] = []
        self._prepare_timer = QTimer(self)  # dies with the window, unlike a bare singleShot
        self._prepare_timer.setSingleShot(True)
        self._prepare_timer.setInterval(0)
        self._prepare_timer.timeout.connect(self._prepare_next)
        # Housekeeping while the kiosk waits on the welcome screen between visitors.
        self._housekeeping = QTimer(self)
        self._housekeeping.setSingleShot(True)
        self._housekeeping.setInterval(3000)
        self._housekeeping.timeout.connect(self._between_visitors)
        self._wire()

    # ------------------------------------------------------------------ wiring

    def _wire(self) -> None:
        w = self.w
        w.language_toggled.connect(self.toggle_language)
        w.back.connect(self.go_back)
        w.home.connect(self.go_home)
        w.welcome.start.connect(self.start)
        w.gerai.gerai_chosen.connect(self.choose_gerai)
        w.search_requested.connect(self.open_search)
        w.services.service_chosen.connect(self.choose_service)
        w.search.service_chosen.connect(self.choose_service)
        w.detail.take_number.connect(self.take_number)
        w.detail.print_requirements.connect(self.print_checklist)
        w.ticket.done.connect(self.go_home)

    def begin(self) -> None:
        """Show the catalog and start the clocks (after the window exists)."""
        self.apply_catalog(self.catalog.current)
        self._tick_clock()
        self._clock_timer.start()
        # Build the service pages after the first frame, one per event-loop turn.
        self._prepare_timer.start()

    def apply_catalog(self, catalog: Catalog) -> None:
        self.w.set_mpp_name(catalog.mpp.name)
        self.w.welcome.set_mpp(catalog.mpp)
        self.w.search.set_source(catalog, lambda q: self._search(q))
        self.w.services.clear_cache()
        biggest = max(
            (g for g in catalog.gerai if g.selectable), key=lambda g: len(g.services), default=None
        )
        self._prepare_queue = [biggest] if biggest is not None else []
        self.refresh_tiles()

    def _search(self, query: str) -> list[Service]:
        return [h.service for h in self.catalog.index.search(query, limit=30)]

    def _prepare_next(self) -> None:
        if self._prepare_queue:
            self.w.services.prepare(self._prepare_queue.pop(0))
            self._prepare_timer.start()

    # ------------------------------------------------------------------ navigation

    def _go(self, page: Page, remember: bool = True) -> None:
        if remember and self.w.current not in (Page.WELCOME, Page.TICKET, page):
            self.history.append(self.w.current)
        self.w.show_page(page)
        self.idle.set_enabled(page not in (Page.WELCOME, Page.TICKET))

    def start(self) -> None:
        # The tiles' statuses are kept current by the clock tick (every minute).
        self.history.clear()
        self._go(Page.GERAI)

    def go_home(self) -> None:
        self._ticket_timer.stop()
        self._checklist_job = None  # a late answer is not shown to the next visitor
        self.history.clear()
        self.gerai = self.service = None
        self.w.search.reset()
        if self.language.lang != self.default_language:
            self.set_language(self.default_language)  # the next visitor starts in Indonesian
        self._go(Page.WELCOME, remember=False)
        if self._catalog_pending:
            self._catalog_pending = False
            self.apply_catalog(self.catalog.current)
        self._housekeeping.start()

    def _between_visitors(self) -> None:
        if self.w.current is Page.WELCOME:
            release_free_memory()

    default_language = "id"

    def go_back(self) -> None:
        if self.history:
            self._go(self.history.pop(), remember=False)
        else:
            self.go_home()

    def choose_gerai(self, code: str) -> None:
        g = self.catalog.current.gerai_by_code(code)
        if g is None or not g.selectable:
            return
        self.gerai = g
        self.w.services.show_gerai(g)
        self._go(Page.SERVICES)

    def open_search(self) -> None:
        self.w.search.reset()
        self._go(Page.SEARCH)

    def choose_service(self, code: str) -> None:
        cat = self.catalog.current
        s = cat.service_by_code(code)
        if s is None:
            return
        g = cat.gerai_by_code(s.gerai_code)
        assert g is not None
        self.gerai, self.service = g, s
        self.request_id = str(uuid.uuid4())  # one confirm, one ticket
        self._checklist_job = None
        av = self.desk.availability(g, s)
        text = texts.availability_text(av, self.clock.now())
        self.w.detail.set_print_available(self.print_requirements is not None)
        self.w.detail.show_service(g, s, text, av.can_issue)
        self._go(Page.DETAIL)

    # ------------------------------------------------------------------ requirements list

    def print_checklist(self) -> None:
        """ "Print this list": the service's requirements go to the printer thread; the
        answer comes back through `checklist_printed`."""
        if self.print_requirements is None or self.gerai is None or self.service is None:
            return
        detail = self.w.detail
        detail.set_print_state("printing")
        try:
            self._checklist_job = self.print_requirements(
                self.gerai,
                self.service,
                self.clock.now(),
                self.language.lang,  # the list is printed in the language on screen
                self._checklist_answer.emit,
            )
        except Exception:
            log.exception("the requirements list could not be sent to the printer")
            self._checklist_job = None
            detail.set_print_state("failed")

    def checklist_printed(self, news: RequirementsPrinted) -> None:
        """On the GUI thread: the printer's answer for the list (a fault also reaches
        `printer_health`, like a ticket's)."""
        if news.job_id != self._checklist_job:
            return  # the visitor has moved on
        self._checklist_job = None
        if news.preview:
            self.w.detail.set_print_state("preview")
        elif news.printed:
            self.w.detail.set_print_state("printed")
        else:
            self.w.detail.set_print_state("failed", news.reason)

    # ------------------------------------------------------------------ tickets

    def take_number(self, group: PriorityGroup | None) -> None:
        if self.service is None:
            return
        service_code, request_id = self.service.code, self.request_id

        def issue() -> tuple[Ticket, list[list[bool]]]:
            ticket = self.desk.issue(request_id, service_code, group)
            return ticket, qr_matrix(ticket.qr_payload)  # also off the GUI thread

        self.runner.submit(issue, self._issued, self._issue_failed)

    def _issued(self, result: tuple[Ticket, list[list[bool]]]) -> None:
        ticket, qr = result
        cat = self.catalog.current
        g = cat.gerai_by_code(ticket.gerai_code)
        s = cat.service_by_code(ticket.service_code)
        assert g is not None and s is not None
        self.last_ticket = ticket
        self.w.ticket.show_ticket(ticket, g, s, qr)
        self.w.ticket.set_print_state(texts.PRINTING_NOW, False)
        self._go(Page.TICKET, remember=False)
        self._ticket_left = self.timing.ticket_screen_s
        self.w.ticket.set_countdown(self._ticket_left)
        self._ticket_timer.start()
        if self.print_ticket is not None:
            try:
                self.print_ticket(ticket, g, s, self.language.lang)  # the visitor's language
            except Exception as exc:  # the number is committed; the visitor still has it
                log.exception("printing could not start")
                self.print_result(ticket.id, False, str(exc))
        else:
            self.print_result(ticket.id, False, None)

    def print_result(
        self, ticket_id: str, printed: bool, problem: str | None, *, preview: bool = False
    ) -> None:
        """Called (on the GUI thread) when the printer has answered for a ticket."""
        if self.last_ticket is None or self.last_ticket.id != ticket_id:
            return
        t = self.w.ticket
        if printed and preview:
            t.set_print_state(texts.PREVIEW_SHOWN, False)
        elif printed:
            t.set_print_state(texts.PRINTED_OK, False)
        else:
            t.set_print_state(texts.PRINT_FAILED, True)
            # Give the visitor time to photograph the screen.
            self._ticket_left = max(self._ticket_left, 45)
            t.set_countdown(self._ticket_left)

    pause_on_printer_fault = False
    print_requirements: PrintRequirements | None = None  # set by the app: "Print this list"
    on_issue_error: Callable[[], None] | None = None  # counted for staff and the server
    # The app restarts the kiosk (its start-up check recovers the file).
    on_database_damaged: Callable[[], None] | None = None
    sync: SyncStatus | None = None
    _catalog_pending = False

    def sync_status(self, status: SyncStatus) -> None:
        """The central server link, for staff (the visitor's path does not depend on it)."""
        self.sync = status

    def catalog_updated(self) -> None:
        """A new catalog arrived from the server: shown from the next visitor on."""
        if self.w.current is Page.WELCOME:
            self.apply_catalog(self.catalog.current)
            self._catalog_pending = False
        else:
            self._catalog_pending = True

    def ticket_printed(self, news: TicketPrinted) -> None:
        """The printer thread's outcome for a ticket (already recorded in the database)."""
        if (
            news.image_path
            and self.last_ticket is not None
            and (self.last_ticket.id == news.ticket_id)
        ):
            self.w.ticket.set_slip_preview(news.image_path)
        self.print_result(
            news.ticket_id, news.printed, news.message, preview=news.image_path is not None
        )

    def printer_health(self, health: PrinterHealth) -> None:
        self.printer = health
        blocked = health.attention and self.pause_on_printer_fault
        if blocked != self.desk.printer_blocked:
            self.desk.set_printer_blocked(blocked)
            self.refresh_tiles()
        if not health.attention:
            self.set_attention(None)
        elif blocked:
            self.set_attention(texts.PRINTER_ATTENTION_PAUSED)
        else:
            self.set_attention(texts.PRINTER_ATTENTION)

    def _issue_failed(self, exc: BaseException) -> None:
        if isinstance(exc, IssueRefused):
            av = exc.availability
            text = texts.availability_text(av, self.clock.now())  # type: ignore[arg-type]
            self.w.detail.set_availability(text, False)
            if getattr(av, "reason", None) in (Reason.QUOTA_FULL, Reason.DISK_FULL):
                self.refresh_tiles()
            return
        self.issue_errors += 1
        if self.on_issue_error is not None:
            self.on_issue_error()
        if isinstance(exc, DatabaseDamaged):
            log.error("the database is damaged: restarting to recover it (%s)", exc)
            self.w.detail.set_availability(texts.DAMAGED, False)
            if self.on_database_damaged is not None:
                self.on_database_damaged()
            return
        log.error("issuing a number failed: %r", exc)
        self.w.detail.set_availability(texts.ISSUE_ERROR, True)

    def _ticket_tick(self) -> None:
        self._ticket_left -= 1
        if self._ticket_left <= 0:
            self.go_home()
        else:
            self.w.ticket.set_countdown(self._ticket_left)

    # ------------------------------------------------------------------ language, time

    def toggle_language(self) -> None:
        self.set_language("en" if self.language.lang == "id" else "id")

    def set_language(self, lang: str) -> None:
        """Every screen rewords itself from the words it shows (kiosk.i18n)."""
        self.language.set(lang)

    def refresh_tiles(self) -> None:
        now = self.clock.now()
        tiles = []
        for g in self.catalog.current.gerai:
            if g.selectable and not g.issues_numbers:
                status: Words = texts.NO_QUEUE_NEEDED
            else:
                status = texts.tile_status(self.desk.availability(g, None), now)
            tiles.append(GeraiTile(g, status))
        self.w.gerai.set_tiles(tiles)

    _printer_notice: Words | None = None
    _pause_notice: Words | None = None

    def set_attention(self, message: Words | None) -> None:
        """The printer's notice for visitors (None: the printer is fine)."""
        self._printer_notice = message
        self._show_notices()

    def set_pause_notice(self, message: Words | None) -> None:
        """Staff paused issuing: the message visitors see, above any printer notice."""
        self._pause_notice = message
        self._show_notices()

    def _show_notices(self) -> None:
        parts = tuple(m for m in (self._pause_notice, self._printer_notice) if m is not None)
        self.attention = Joined(parts) if parts else None
        self.w.welcome.set_attention(self.attention)

    def _tick_clock(self) -> None:
        now = self.clock.now()
        minute = f"{now:%Y-%m-%d %H:%M}"
        if minute == self._minute:
            return
        self._minute = minute
        self.w.clock.say(TimeOfDay(now))
        self.w.welcome.set_time(now)
        day = service_day(now)
        if day != self._day:  # midnight: numbering restarts by itself; statuses change
            self._day = day
        self.refresh_tiles()
