"""Render every screen, in both languages and both orientations, to PNG (offscreen)."""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from kiosk.settings.kiosk import KioskConfig
from kiosk.settings.screen import PanelConfig
from mpp_core.domain.clock import WIB, FixedClock

# A Wednesday morning: every open gerai is open.
DEFAULT_MOMENT = datetime(2026, 12, 2, 9, 41, tzinfo=WIB)


def _settle(app: object) -> None:
    from PySide6.QtWidgets import QApplication

    for _ in range(5):
        QApplication.processEvents()


def render_all(
    out: Path, *, catalog_dir: Path | None = None, moment: datetime = DEFAULT_MOMENT
) -> list[Path]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    out.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for orientation, (w, h) in (("landscape", (1920, 1080)), ("portrait", (1080, 1920))):
        with tempfile.TemporaryDirectory() as tmp:
            written += _render_orientation(out, orientation, w, h, Path(tmp), catalog_dir, moment)
    return written


def _render_orientation(
    out: Path,
    orientation: str,
    w: int,
    h: int,
    tmp: Path,
    catalog_dir: Path | None,
    moment: datetime,
) -> list[Path]:
    from kiosk.app import build_kiosk
    from kiosk.screens.main_window import Page

    cfg = KioskConfig(
        database=str(tmp / "shots.db"), panel=PanelConfig(21.5, w, h), fullscreen=False
    )
    clock = FixedClock(moment)
    k = build_kiosk(cfg, clock=clock, catalog_seed=catalog_dir)
    win, flow = k.window, k.flow
    win.resize(w, h)
    win.show()
    cat = k.catalog.current
    first_open = next(g for g in cat.gerai if g.selectable and g.issues_numbers)
    service = next(s for s in first_open.services if s.needs_queue)
    no_queue = next((s for s in cat.services if not s.needs_queue), None)
    written: list[Path] = []

    def shot(name: str, lang: str) -> None:
        _settle(k.app)
        path = out / f"{orientation}-{lang}-{name}.png"
        win.grab().save(str(path))
        written.append(path)

    def search() -> None:
        flow.open_search()
        win.search.field.setText("akta lahir")

    steps: list[tuple[str, Callable[[], None]]] = [
        ("01-welcome", flow.go_home),
        ("02-gerai", flow.start),
        ("03-services", lambda: flow.choose_gerai(first_open.code)),
        ("04-search", search),
        ("05-detail", lambda: flow.choose_service(service.code)),
    ]
    if no_queue is not None:
        steps.append(("06-detail-no-queue", lambda: flow.choose_service(no_queue.code)))
    for lang in ("id", "en"):
        for name, action in steps:
            action()
            if lang != flow.language.lang:
                flow.set_language(lang)
            shot(name, lang)
        # Ticket: issue one for real, through the worker thread and the preview printer.
        flow.choose_service(service.code)
        flow.take_number(None)
        deadline = time.monotonic() + 10
        while (win.ticket.slip_preview.isHidden() or win.current is not Page.TICKET) and (
            time.monotonic() < deadline
        ):
            _settle(k.app)
            time.sleep(0.02)
        if lang != flow.language.lang:
            flow.set_language(lang)
        shot("07-ticket", lang)
        if flow.last_ticket is not None:
            win.ticket.show_ticket(flow.last_ticket, first_open, service)
            flow.print_result(flow.last_ticket.id, False, "paper out")
        shot("08-ticket-not-printed", lang)
        flow.choose_service(service.code)
        flow.idle._warn()
        shot("09-idle", lang)
        flow.idle.extend()
        clock.set(moment.replace(hour=20))  # the evening of the same day: closed
        flow.choose_service(service.code)
        shot("10-detail-closed", lang)
        flow.refresh_tiles()
        flow._go(Page.GERAI)
        shot("11-gerai-evening", lang)
        clock.set(moment)
        flow.refresh_tiles()
        flow.go_home()
        flow.set_language(lang)
        flow.printer_health(_faulty_printer())
        shot("12-welcome-printer-attention", lang)
        flow.printer_health(k.printing.health)
        flow.go_home()
    k.close()
    win.deleteLater()
    return written


def _faulty_printer():  # type: ignore[no-untyped-def]
    """What the printer layer reports when the paper has run out (for the screenshot)."""
    from kiosk.printing.settings import PrinterSettings
    from kiosk.printing.status import STATE_WORDS, PrinterState
    from kiosk.usecases.printing import PrinterHealth

    return PrinterHealth(
        PrinterState.PAPER_OUT,
        True,
        False,
        0.0,
        STATE_WORDS[PrinterState.PAPER_OUT],
        PrinterSettings(kind="network", host="192.168.1.50").device_words(),
    )
