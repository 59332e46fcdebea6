"""A queue ticket as the rest of the kiosk sees it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from mpp_core.domain.numbering import PriorityGroup, Series, display_number, ticket_code


class PrintState(StrEnum):
    PENDING = "pending"  # committed, not yet sent to the printer
    PRINTED = "printed"
    FAILED = "failed"  # not printed: staff reprint it
    PREVIEW = "preview"  # shown on screen by the preview printer (no paper)


@dataclass(frozen=True, slots=True)
class Ticket:
    id: str  # UUID, the ticket's identity everywhere (QR, server)
    request_id: str  # the visitor's confirm tap: one tap, one ticket
    gerai_code: str
    service_code: str
    prefix: str
    series: Series
    seq: int
    service_day: date
    issued_at: datetime  # aware (UTC in storage)
    priority: PriorityGroup | None
    people_ahead: int
    est_wait_minutes: int
    print_state: PrintState = PrintState.PENDING
    kiosk_id: str = ""

    @property
    def code(self) -> str:
        return ticket_code(self.prefix, self.series, self.seq)

    @property
    def display(self) -> str:
        return display_number(self.prefix, self.series, self.seq)

    @property
    def qr_payload(self) -> str:
        """What the slip's QR code carries: enough for a counter to find the ticket."""
        return f"MPPQ1|{self.id}|{self.code}|{self.service_day.isoformat()}|{self.service_code}"


class IssueRefused(Exception):
    """A number could not be issued; ``availability`` says why (and when it opens)."""

    def __init__(self, availability: object) -> None:
        self.availability = availability
        super().__init__(f"cannot issue a number: {availability}")
