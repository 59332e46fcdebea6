"""Queue-slip printing: layout, ESC/POS bytes, transports, status, the print service.

Qt-free and database-free. The app builds a `PrintService` from `PrinterSettings`, submits
`PrintJob`s, each of an explicit `JobKind` (or calls `print_ticket`), and receives a
`PrintOutcome` per job on the printer thread. See docs/printing.md.
"""

from kiosk.printing.jobs import JobKind, PrintJob, PrintOutcome
from kiosk.printing.paper import PaperCounter, slip_length_mm
from kiosk.printing.service import PrinterDriver, PrintService
from kiosk.printing.settings import PrinterSettings, PrinterSettingsError
from kiosk.printing.slip import (
    RequirementsSlipData,
    SlipData,
    SlipLayout,
    layout_requirements,
    layout_test_page,
    layout_ticket,
)
from kiosk.printing.status import PrinterState, PrinterStatus

__all__ = [
    "JobKind",
    "PaperCounter",
    "PrintJob",
    "PrintOutcome",
    "PrintService",
    "PrinterDriver",
    "PrinterSettings",
    "PrinterSettingsError",
    "PrinterState",
    "PrinterStatus",
    "RequirementsSlipData",
    "SlipData",
    "SlipLayout",
    "layout_requirements",
    "layout_test_page",
    "layout_ticket",
    "slip_length_mm",
]
