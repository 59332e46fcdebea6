"""Build and wire the kiosk: the one place where the parts meet (no global registries)."""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication

from kiosk.config import (
    CODE_BAD_DATABASE,
    ConfigProblem,
    load_kiosk_config,
    printer_settings,
    remember_good,
)
from kiosk.i18n import LanguageSwitch
from kiosk.lifecycle import Lifecycle, Lockdown
from kiosk.memory import limit_malloc_arenas
from kiosk.screens import theme
from kiosk.screens.main_window import KioskWindow
from kiosk.settings.kiosk import KioskConfig
from kiosk.system import readiness
from kiosk.system.sdnotify import Notifier
from kiosk.system.supervise import Supervisor, install_excepthook
from mpp_core.domain.clock import Clock, SystemClock
from mpp_core.version import app_version

# The rest (SQLAlchemy, the printer libraries, the staff screens) is imported inside
# build_kiosk(), after the welcome screen has been painted: see run().
if TYPE_CHECKING:
    from kiosk.flow import KioskFlow
    from kiosk.settings.rules import Problem
    from kiosk.staff_mode import StaffMode
    from kiosk.store.uow import UnitOfWorkFactory
    from kiosk.sync.setup import KioskSync
    from kiosk.usecases.catalog import CatalogStore
    from kiosk.usecases.hours_override import HoursOverride
    from kiosk.usecases.printing import TicketPrinting
    from kiosk.usecases.system_health import SystemHealth
    from kiosk.usecases.ticketing import TicketDesk
    from kiosk.workers import BackgroundRunner
    from mpp_core.domain.catalog import Catalog, MppInfo

log = logging.getLogger(__name__)

STOP_TIMEOUT_S = 15.0  # SIGTERM to exit, at most (the unit's TimeoutStopSec is 30)
START_FAILED = "START-FAILED"  # the kiosk could not be built for a reason not foreseen


@dataclass
class Boot:
    """What the first frame needs: Qt, fonts, sizes, the language, and the window."""

    app: QApplication
    metrics: theme.Metrics
    language: LanguageSwitch
    window: KioskWindow

    @classmethod
    def create(cls, config: KioskConfig) -> Boot:
        limit_malloc_arenas()
        app = ensure_app()
        family = theme.load_fonts()
        metrics = theme.make_metrics(config.panel, family)
        app.setStyleSheet(theme.style_sheet(metrics))
        language = LanguageSwitch(app)
        language.set(config.language)
        window = KioskWindow(metrics)
        window.resize(config.panel.width_px, config.panel.height_px)
        return cls(app, metrics, language, window)


@dataclass
class Kiosk:
    """Everything the running kiosk is made of, for the entry point, tests and tools."""

    app: QApplication
    config: KioskConfig
    config_problems: list[ConfigProblem]
    window: KioskWindow
    flow: KioskFlow
    catalog: CatalogStore
    desk: TicketDesk
    language: LanguageSwitch
    runner: BackgroundRunner
    clock: Clock
    printing: TicketPrinting
    printer_events: PrinterEvents
    staff: StaffMode | None = None  # staff and technician modes (built by build_kiosk)
    uow: UnitOfWorkFactory | None = None
    sync: KioskSync | None = None  # None: no central server configured
    hours: HoursOverride | None = None  # the catalog as the desk and slips see it
    supervisor: Supervisor | None = None  # restarts the printer and sync threads
    system: SystemHealth | None = None  # version, database, disk, threads, issue errors

    def close(self, timeout_s: float = STOP_TIMEOUT_S) -> None:
        """Stop in order, within ``timeout_s``: the slip in progress is finished or marked
        not printed (staff reprint it), queued slips are marked not printed, a ticket being
        committed is committed, the sync worker ends after its current request, and the
        database's write-ahead log (the outbox with it) is checkpointed into the file."""
        deadline = time.monotonic() + timeout_s

        def left(most: float) -> float:
            return max(0.1, min(most, deadline - time.monotonic()))

        if self.supervisor is not None:
            self.supervisor.stop(left(1.0))
        self.printing.close(timeout=left(8.0))
        self.runner.shutdown(wait=True)
        if self.sync is not None:
            self.sync.stop(left(5.0))
        if self.uow is not None:
            from kiosk.store.db import close_database

            close_database(self.uow.engine)
        self.window.may_close = True
        self.window.close()


class PrinterEvents(QObject):
    """Carries the printer thread's news to the GUI thread (queued signals)."""

    printed = Signal(object)  # TicketPrinted
    health = Signal(object)  # PrinterHealth
    sync_status = Signal(object)  # SyncStatus
    catalog_changed = Signal()  # a new catalog from the central server was applied
    system_changed = Signal()  # the disk's state (or a worker thread's) changed


def ensure_app() -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    return app


def build_kiosk(
    config: KioskConfig,
    *,
    config_problems: list[ConfigProblem] | None = None,
    clock: Clock | None = None,
    catalog_seed: Path | None = None,
    boot: Boot | None = None,
    explicit: bool = True,
) -> Kiosk:
    """Build the whole kiosk. ``boot``: the window run() already showed (the welcome screen
    painted before the heavy parts were loaded); otherwise a new one is made. ``explicit``:
    the config came from a file that loaded without a problem (see
    ``startup.check_numbering_mode``).

    Raises ``kiosk.usecases.startup.OutOfService`` when the database can be neither opened
    nor recovered (damaged files are recovered here, before anything else uses them)."""
    from kiosk.flow import FlowTiming, KioskFlow
    from kiosk.system import locks
    from kiosk.usecases.catalog import CatalogStore
    from kiosk.usecases.hours_override import HoursOverride
    from kiosk.usecases.printing import TicketPrinting
    from kiosk.usecases.startup import check_numbering_mode, open_checked
    from kiosk.usecases.system_health import SystemHealth
    from kiosk.usecases.ticketing import IssuePolicy, TicketDesk
    from kiosk.workers import BackgroundRunner

    if boot is None:
        boot = Boot.create(config)
    app, language, window = boot.app, boot.language, boot.window
    clock = clock or SystemClock()

    def load_catalog(factory: UnitOfWorkFactory) -> None:
        CatalogStore(factory).load(seed_dir=catalog_seed)

    start = open_checked(
        config.database_path(), clock, load_catalog=load_catalog, kiosk_id=config.kiosk_id
    )
    uow = start.uow
    check_numbering_mode(uow, server=bool(config.server), explicit=explicit)
    catalog = CatalogStore(uow)
    catalog.load(seed_dir=catalog_seed)
    events = PrinterEvents()
    system_ref: list[SystemHealth] = []
    printing_ref: list[TicketPrinting] = []

    store = catalog

    def apply_from_server(catalog: Catalog, *, source: str) -> None:
        # On the sync thread: stored and swapped whole; the screens follow on the GUI thread.
        store.replace(catalog, source=source)
        events.catalog_changed.emit()

    sync: KioskSync | None = None
    sync_problems: list[Problem] = []
    if config.server:  # the sync client (requests) is only loaded for kiosks with a server
        from kiosk.sync.setup import build_sync

        sync, sync_problems = build_sync(
            config.server,
            uow=uow,
            catalog=lambda: catalog.current,
            apply_catalog=apply_from_server,
            clock=clock,
            health=lambda: _health_for_server(printing_ref, system_ref),
            on_status=events.sync_status.emit,
        )
    # The catalog as the desk and the slips see it: with this kiosk's opening-hours
    # override applied while one is in force (technicians set it in staff mode).
    hours = HoursOverride(lambda: catalog.current, clock, config.hours)
    desk = TicketDesk(
        uow,
        hours,
        clock,
        IssuePolicy(cutoff_minutes=config.cutoff_minutes, kiosk_id=config.kiosk_id),
        numbers=sync.numbers if sync is not None else None,
    )
    runner = BackgroundRunner("kiosk-db")
    timing = FlowTiming(config.idle_timeout_s, config.idle_warning_s, config.ticket_screen_s)
    settings, printer_problems = printer_settings(config)
    problems = [
        *(config_problems or []),
        *printer_problems,
        *(ConfigProblem(p.key, p.words) for p in sync_problems),
    ]
    printing = TicketPrinting(
        settings,
        desk,
        hours,
        on_printed=events.printed.emit,
        on_health=events.health.emit,
        slip_lock=locks.lock_path(config.data_dir()),
    )
    flow = KioskFlow(
        window, catalog, desk, clock, language, timing, runner, print_ticket=printing.print_ticket
    )
    printing_ref.append(printing)
    flow.pause_on_printer_fault = settings.on_fault == "pause_issuing"
    flow.print_requirements = printing.print_requirements  # "Print this list" on detail
    events.sync_status.connect(flow.sync_status)
    events.catalog_changed.connect(flow.catalog_updated)
    events.printed.connect(flow.ticket_printed)
    events.health.connect(flow.printer_health)
    events.setParent(window)
    supervisor = Supervisor(on_change=events.system_changed.emit)
    service = printing.service
    supervisor.watch(
        "printer",
        alive=service.alive,
        restart=service.restart,
        check=service.check,
        thread_name="kiosk-printer",
    )
    if sync is not None:
        supervisor.watch("sync", alive=sync.alive, restart=sync.restart, thread_name="kiosk-sync")
    system = SystemHealth(
        version=app_version(),
        data_dir=config.data_dir(),
        database_state=start.state,
        recovery=start.recovery,
        supervisor=supervisor,
        set_disk_full=desk.set_disk_full,
        preview_dir=Path(settings.preview_dir) if settings.kind == "preview" else None,
        on_change=events.system_changed.emit,
    )
    system_ref.append(system)
    supervisor.add_task(system.check)
    system.check_disk()
    flow.on_issue_error = system.issue_failed
    events.system_changed.connect(flow.refresh_tiles)
    flow.on_database_damaged = _restart_soon
    flow.default_language = config.language
    flow.set_language(config.language)
    flow.begin()
    kiosk = Kiosk(
        app,
        config,
        problems,
        window,
        flow,
        catalog,
        desk,
        language,
        runner,
        clock,
        printing,
        events,
        uow=uow,
        sync=sync,
        hours=hours,
        supervisor=supervisor,
        system=system,
    )
    kiosk.staff = build_staff_mode(kiosk)
    if sync is not None:
        sync.start()
    supervisor.start()
    return kiosk


def _restart_soon() -> None:
    """The database turned out damaged: restart (the start-up check recovers it) once the
    visitor has read the message."""
    from kiosk.usecases.staff_actions import RESTART_EXIT_CODE

    QTimer.singleShot(8000, lambda: QApplication.exit(RESTART_EXIT_CODE))


def build_staff_mode(kiosk: Kiosk, **options: Any) -> StaffMode:
    """Staff and technician modes over the built visitor kiosk: the use cases (PINs, the
    audit log, the health report, the actions and the technician's settings) and their Qt
    controller, wired to the flow, the window and the printer's news. ``options`` go to the
    controller (tests: ``exit_app``, ``hold_ms``, ``monotonic``, ...)."""
    from kiosk.staff_mode import StaffMode
    from kiosk.usecases.audit import AuditLog
    from kiosk.usecases.hardware import network_info
    from kiosk.usecases.health import HealthCheck
    from kiosk.usecases.staff_actions import StaffDesk
    from kiosk.usecases.staff_pins import StaffAuth
    from kiosk.usecases.staff_session import SignedIn
    from kiosk.usecases.staff_settings import SettingsDesk

    config, uow, hours = kiosk.config, kiosk.uow, kiosk.hours
    assert uow is not None and hours is not None, "build_kiosk sets Kiosk.uow and Kiosk.hours"
    audit = AuditLog(uow, kiosk.clock, config.kiosk_id)
    auth = StaffAuth(uow, kiosk.clock, audit)
    signed_in = SignedIn(kiosk.clock)

    def current_catalog() -> Catalog:
        return kiosk.catalog.current

    def saved(old: KioskConfig, new: KioskConfig) -> None:
        _config_saved(kiosk, old, new)

    settings = SettingsDesk(
        signed_in=signed_in,
        audit=audit,
        printing=kiosk.printing,
        hours=hours,
        config=config,
        config_problems=kiosk.config_problems,
        on_config=saved,
    )
    health = HealthCheck(
        uow=uow,
        clock=kiosk.clock,
        catalog=current_catalog,
        printing=kiosk.printing,
        desk=kiosk.desk,
        auth=auth,
        audit=audit,
        sync=lambda: kiosk.sync,
        network=network_info,
        system=lambda: kiosk.system,
    )
    staff = StaffDesk(
        uow=uow,
        clock=kiosk.clock,
        audit=audit,
        auth=auth,
        signed_in=signed_in,
        health=health,
        settings=settings,
        desk=kiosk.desk,
        printing=kiosk.printing,
        catalog=current_catalog,
        sync=lambda: kiosk.sync,
    )
    options.setdefault("logo_dirs", (config.data_dir() / "logos", Path("/etc/mpp-kiosk")))
    options.setdefault("doctor", lambda: _doctor_lines(kiosk))
    mode = StaffMode(
        window=kiosk.window,
        flow=kiosk.flow,
        staff=staff,
        catalog=current_catalog,
        clock=kiosk.clock,
        runner=kiosk.runner,
        **options,
    )
    kiosk.printer_events.health.connect(mode.printer_news)
    # Settings from the config that the visitor screens do not read themselves yet.
    kiosk.window.lang_button.setVisible("en" in config.languages)
    if config.hours.mode != "catalog":
        kiosk.flow.refresh_tiles()
    if config.source_file and not kiosk.config_problems:
        # Started with a config that has no problem: it is the new last good one.
        problem = remember_good(Path(config.source_file))
        if problem is not None:
            settings.config_problems.append(problem)
    return mode


class _StampRefresh:
    """Every 30 s (on the supervisor's thread): the ready stamp with the printer's state and
    the outbox, so ``mpp-kiosk doctor`` reports the printer the kiosk holds without opening
    it."""

    EVERY_S = 30.0

    def __init__(self, kiosk: Kiosk, served_at: float) -> None:
        self.kiosk = kiosk
        self.served_at = served_at
        self.next = time.monotonic() + self.EVERY_S

    def __call__(self) -> None:
        if time.monotonic() < self.next:
            return
        self.next = time.monotonic() + self.EVERY_S
        k = self.kiosk
        status: dict[str, Any] = {
            "printer_state": k.printing.health.state.value,
            "paper_left_m": k.printing.health.paper_left_m,
        }
        if k.sync is not None:
            status["outbox_waiting"] = k.sync.status.outbox_waiting
        try:
            readiness.write_stamp(
                k.config.data_dir(), app_version(), readiness.IN_SERVICE,
                status=status, at=self.served_at,
            )  # fmt: skip
        except OSError as exc:
            log.warning("the ready stamp cannot be written: %s", exc)


def _doctor_lines(kiosk: Kiosk) -> list[str]:
    """The technician's doctor tab: the checks, with the running kiosk's own view of its
    printer and of systemd's watchdog (on the doctor's thread)."""
    from kiosk.sync.probe import check_server
    from kiosk.usecases.doctor import Live, doctor_lines

    health = kiosk.printing.health
    notifier = Notifier()
    live = Live(
        printer_state=health.state.value,
        printer_words=health.words("en"),
        paper_left_m=health.paper_left_m,
        watchdog_usec=notifier.watchdog_usec,
        notify_socket=notifier.enabled,
    )
    path = Path(kiosk.config.source_file or "kiosk.toml")
    return doctor_lines(path, kiosk.config, live=live, server_check=check_server)


def _config_saved(kiosk: Kiosk, old: KioskConfig, new: KioskConfig) -> None:
    """A technician saved settings (the printer and the opening hours are applied already):
    the visitor screens follow where they can without a restart."""
    from kiosk.flow import FlowTiming

    kiosk.config = new
    kiosk.config_problems = []
    if new.printer != old.printer:
        kiosk.flow.pause_on_printer_fault = kiosk.printing.settings.on_fault == "pause_issuing"
    timing = FlowTiming(new.idle_timeout_s, new.idle_warning_s, new.ticket_screen_s)
    if timing != FlowTiming(old.idle_timeout_s, old.idle_warning_s, old.ticket_screen_s):
        kiosk.flow.timing = timing
        kiosk.flow.idle.timing = timing
    kiosk.flow.default_language = new.language
    kiosk.window.lang_button.setVisible("en" in new.languages)
    if new.hours != old.hours:
        kiosk.flow.refresh_tiles()


def _health_for_server(
    printing: list[TicketPrinting], system: list[SystemHealth]
) -> dict[str, object]:
    """The printer, paper, disk, database, threads and issuing for the heartbeat (called on
    the sync thread)."""
    out: dict[str, object] = {}
    if printing:
        p = printing[0]
        roll = max(p.settings.roll_length_m, 0.001)
        out["printer_state"] = p.health.state.value
        out["paper_left_pct"] = round(100 * p.health.paper_left_m / roll, 1)
    if system:
        out.update(system[0].heartbeat_fields())
    return out


class _FirstPaint(QObject):
    """Calls back once the welcome screen has painted its first frame."""

    def __init__(self, started: float, then: Callable[[], None], *, report: bool) -> None:
        super().__init__()
        self.started = started
        self.then = then
        self.report = report
        self.done = False

    def eventFilter(self, obj: QObject, e: QEvent) -> bool:
        if not self.done and e.type() == QEvent.Type.Paint:
            self.done = True
            if self.report:
                elapsed = (time.perf_counter() - self.started) * 1000
                print(f"FIRST_FRAME_MS {elapsed:.1f} RSS_MB {_rss_mb():.1f}", flush=True)
            self.then()
        return False


def _rss_mb() -> float:
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def _private(path: Path) -> None:
    """The config holds the kiosk's token: readable by its owner only (fixed at start when
    the kiosk owns the file; ``doctor`` reports it otherwise)."""
    try:
        st = path.stat()
        if st.st_uid == os.getuid() and st.st_mode & 0o077:
            os.chmod(path, st.st_mode & 0o700)
            log.warning("%s was readable by others: now 0%o", path, st.st_mode & 0o700)
    except OSError:
        pass


def run(
    config_path: Path,
    *,
    windowed: bool = False,
    database: Path | None = None,
    on_ready: Callable[[Kiosk], None] | None = None,
) -> int:
    """Start the kiosk in two steps: the welcome screen is painted first, with only Qt
    loaded (its name and clock come from a quick look at the database), and the rest (the
    store, the printer, the flow, staff mode, sync) is built right after that frame. A tap
    in between is kept and acted on once the kiosk is ready.

    Never a crash loop: a configuration that cannot be trusted, or a database that can be
    neither opened nor recovered, shows the out-of-service page (``kiosk/out_of_service.py``)
    with its reason code. SIGTERM stops the kiosk in order and exits 0 (``Kiosk.close``).
    ``database``: this file instead of the config's (``mpp-kiosk --database``). ``on_ready``
    is called with the built kiosk (tools and tests)."""
    started = time.perf_counter()
    logging.basicConfig(
        level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s"
    )
    os.umask(0o077)  # everything the kiosk writes is its own (database, previews, copies)
    install_excepthook()
    config, problems, blocked = load_kiosk_config(config_path)
    if database is not None:
        config = replace(config, database=str(database))
        if blocked == CODE_BAD_DATABASE:
            blocked = None
    explicit = config_path.is_file() and not problems
    for p in problems:
        log.warning("config %s: %s", config_path, p)
    _private(config_path)
    notifier = Notifier()
    boot = Boot.create(config)
    window = boot.window
    if not windowed and config.fullscreen:
        window.locked = True
        Lockdown(boot.app)
    life = Lifecycle(notifier)
    mpp = peek_mpp(config.database_path()) if blocked is None else None
    if mpp is not None:
        window.set_mpp_name(mpp.name)
        window.welcome.set_mpp(mpp)
    now = SystemClock().now()
    window.welcome.set_time(now)
    early_taps: list[bool] = []
    window.welcome.start.connect(lambda: early_taps.append(True))
    holder: list[Kiosk] = []
    halted: list[Any] = []  # the out-of-service mode, when shown
    probe = os.environ.get("MPP_KIOSK_STARTUP_PROBE")
    frame_png = os.environ.get("MPP_KIOSK_FIRST_FRAME")

    def stamp(state: str, detail: str = "") -> None:
        try:
            readiness.write_stamp(config.data_dir(), app_version(), state, detail)
        except OSError as exc:
            log.warning("the ready stamp cannot be written: %s", exc)

    def out_of_service(code: str, detail: str) -> None:
        from kiosk.out_of_service import OutOfServiceMode
        from kiosk.sync.probe import check_server
        from kiosk.usecases.doctor import doctor_lines
        from kiosk.usecases.out_of_service import OfflinePins, pin_sources

        db = None if blocked is not None else config.database_path()
        mode = OutOfServiceMode(
            window,
            boot.metrics,
            code,
            detail,
            OfflinePins(pin_sources(db)),
            doctor=lambda: doctor_lines(config_path, config, server_check=check_server),
            server=config.server,
        )
        halted.append(mode)
        mode.show()
        life.status = lambda: f"out of service: {code}"
        life.send_status()
        stamp(readiness.OUT_OF_SERVICE, f"{code}: {detail}")
        if probe:
            print(f"OUT_OF_SERVICE {code}", flush=True)
            QTimer.singleShot(0, lambda: QApplication.exit(0))

    def finish() -> None:
        from kiosk.usecases.startup import OutOfService

        if blocked is not None:
            where = "; ".join(str(p) for p in problems)[:300]
            out_of_service(blocked, f"{config_path}: {where}")
            return
        try:
            kiosk = build_kiosk(config, config_problems=problems, boot=boot, explicit=explicit)
        except OutOfService as exc:
            out_of_service(exc.code, exc.detail)
            return
        except Exception as exc:
            log.exception("the kiosk could not start")
            out_of_service(START_FAILED, f"{type(exc).__name__}: {exc}")
            return
        holder.append(kiosk)
        window.welcome.start.disconnect()
        window.welcome.start.connect(kiosk.flow.start)
        system = kiosk.system
        if system is not None:
            life.status = system.status_line
        assert kiosk.supervisor is not None
        life.watch_supervisor(kiosk.supervisor)
        kiosk.runner.submit(lambda: stamp(readiness.IN_SERVICE), lambda _r: None, lambda _e: None)
        kiosk.supervisor.add_task(_StampRefresh(kiosk, time.time()))
        if early_taps:
            kiosk.flow.start()
        if on_ready is not None:
            on_ready(kiosk)
        if probe:
            ready = (time.perf_counter() - started) * 1000
            print(f"READY_MS {ready:.1f} RSS_MB {_rss_mb():.1f}", flush=True)
            QTimer.singleShot(0, lambda: QApplication.exit(0))

    def first_frame() -> None:
        life.first_frame()
        if frame_png:
            QTimer.singleShot(0, lambda: window.grab().save(frame_png))
        QTimer.singleShot(0, finish)

    # QApplication.exit, never quit(): Qt 6's quit() first asks every window to close, and
    # the locked kiosk window refuses, so the kiosk would never end.
    def stop(_signum: int) -> None:
        window.may_close = True
        QApplication.exit(0)

    life.stop_requested.connect(stop)
    first = _FirstPaint(started, first_frame, report=bool(probe))
    window.welcome.installEventFilter(first)
    if windowed or not config.fullscreen:
        window.show()
    else:
        screens = boot.app.screens()
        index = config.screen.display
        screen = screens[index] if 0 <= index < len(screens) else boot.app.primaryScreen()
        if screen is not None:
            window.setGeometry(screen.geometry())  # fullscreen without a window manager
        window.showFullScreen()
    code = boot.app.exec()
    stopped_at = time.monotonic()
    if holder:
        holder[0].close()
    for mode in halted:
        mode.stop()
    if life.stopping:
        log.info("stopped in %.2f s", time.monotonic() - stopped_at)
        code = 0
    life.close()
    return int(code)


def peek_mpp(db_path: Path) -> MppInfo | None:
    """The MPP's name for the first frame, read with the standard library only (the full
    store loads after that frame). None when there is no catalog yet."""
    import json
    import sqlite3

    from mpp_core.catalog.files import DEFAULT_CATALOG_DIR
    from mpp_core.domain.catalog import MppInfo

    doc = None
    try:
        if db_path.exists():
            with contextlib.closing(sqlite3.connect(f"file:{db_path}?mode=ro", uri=True)) as c:
                row = c.execute("SELECT mpp FROM catalog_meta WHERE id = 1").fetchone()
            doc = json.loads(row[0]) if row else None
        if doc is None:
            doc = json.loads((DEFAULT_CATALOG_DIR / "mpp.json").read_text("utf-8"))["mpp"]
        return MppInfo(**{k: str(doc[k]) for k in MppInfo.__dataclass_fields__})
    except (sqlite3.Error, OSError, ValueError, KeyError, TypeError):
        return None
