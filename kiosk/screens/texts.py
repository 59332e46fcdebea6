"""Visitor-facing wording for states the domain decides (availability, fees, waits).

The decisions come from ``mpp_core.domain``; this module only words them, through Qt's
translation system (source text English, Indonesian from assets/i18n/kiosk_id.ts).
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QCoreApplication, QDate, QLocale

from mpp_core.domain.catalog import Service
from mpp_core.domain.clock import local
from mpp_core.domain.hours import Availability, Reason
from mpp_core.domain.numbering import PriorityGroup
from mpp_core.i18n import Text

translate = QCoreApplication.translate  # lupdate reads translate("Texts", "...") calls

DISK_FULL = Text(
    "Kiosk ini tidak dapat menerbitkan nomor saat ini: penyimpanannya penuh. Silakan menuju "
    "meja informasi.",
    "This kiosk cannot issue numbers right now: its storage is full. Please go to the "
    "information desk.",
)
DAMAGED = Text(
    "Maaf, kiosk ini perlu dimulai ulang. Silakan coba lagi sebentar lagi atau menuju meja "
    "informasi.",
    "Sorry, this kiosk needs to restart. Please try again in a moment or go to the "
    "information desk.",
)


def _locale(lang: str) -> QLocale:
    return QLocale(
        QLocale.Language.English if lang == "en" else QLocale.Language.Indonesian,
        QLocale.Country.Indonesia,
    )


def clock_text(now: datetime, lang: str) -> str:
    t = local(now)
    return f"{t:%H:%M}" if lang == "en" else f"{t:%H.%M}"


def date_text(day: date, lang: str) -> str:
    return _locale(lang).toString(QDate(day.year, day.month, day.day), "dddd, d MMMM yyyy")


def when_text(at: datetime, now: datetime, lang: str) -> str:
    """ "today at 08.00", "tomorrow at 08.00", "Monday, 30 November at 08.00"."""
    a, n = local(at), local(now)
    clock = clock_text(at, lang)
    if a.date() == n.date():
        return translate("Texts", "today at %1").replace("%1", clock)
    if (a.date() - n.date()).days == 1:
        return translate("Texts", "tomorrow at %1").replace("%1", clock)
    day = _locale(lang).toString(QDate(a.year, a.month, a.day), "dddd, d MMMM")
    return translate("Texts", "%1 at %2").replace("%1", day).replace("%2", clock)


def availability_text(av: Availability, now: datetime, lang: str) -> str:
    """A full sentence for the service detail screen."""
    nxt = (
        translate("Texts", "Numbers are available again %1.").replace(
            "%1", when_text(av.next_open, now, lang)
        )
        if av.next_open
        else ""
    )
    not_open = translate("Texts", "Not open yet.")
    after = translate("Texts", "No more numbers today: the last number time has passed.")
    closed_today = translate("Texts", "Closed today.")
    holiday = translate("Texts", "Closed for a holiday: %1.")
    quota = translate("Texts", "Today’s quota for this service is used up.")
    match av.reason:
        case Reason.OPEN:
            if av.closes_at is None:
                return translate("Texts", "Open now.")
            return translate("Texts", "Open now. Last number at %1.").replace(
                "%1", clock_text(av.closes_at, lang)
            )
        case Reason.BEFORE_OPENING:
            return f"{not_open} {nxt}".strip()
        case Reason.AFTER_CUTOFF:
            return f"{after} {nxt}".strip()
        case Reason.CLOSED_TODAY:
            return f"{closed_today} {nxt}".strip()
        case Reason.HOLIDAY:
            return f"{holiday.replace('%1', av.holiday_name or '')} {nxt}".strip()
        case Reason.QUOTA_FULL:
            online = translate("Texts", "You can also register online.")
            return f"{quota} {nxt} {online}".replace("  ", " ")
        case Reason.GERAI_PLANNED:
            return translate("Texts", "This counter is coming soon.")
        case Reason.GERAI_CLOSED:
            return translate("Texts", "This counter is closed.")
        case Reason.NO_QUEUE:
            return translate("Texts", "No queue number is needed for this service.")
        case Reason.PAUSED:
            return translate(
                "Texts", "Numbers are paused for a moment. Please ask at the information desk."
            )
        case Reason.NO_SAFE_NUMBER:
            return no_safe_number()
        case Reason.PRINTER_FAULT:
            return translate(
                "Texts",
                "The ticket printer needs attention, so numbers are paused. Please ask at the "
                "information desk.",
            )
        case Reason.DISK_FULL:
            return DISK_FULL(lang)
    return ""


def tile_status(av: Availability, now: datetime, lang: str) -> str:
    """A short line for a gerai tile."""
    match av.reason:
        case Reason.OPEN:
            if av.closes_at is None:
                return translate("Texts", "Open")
            return translate("Texts", "Open until %1").replace("%1", clock_text(av.closes_at, lang))
        case Reason.GERAI_PLANNED:
            return translate("Texts", "Coming soon")
        case Reason.GERAI_CLOSED:
            return translate("Texts", "Closed")
        case Reason.NO_QUEUE:
            return translate("Texts", "No queue needed")
        case Reason.PAUSED | Reason.PRINTER_FAULT | Reason.DISK_FULL:
            return translate("Texts", "Paused")
        case Reason.BEFORE_OPENING if av.next_open is not None:
            return translate("Texts", "Opens %1").replace("%1", clock_text(av.next_open, lang))
        case _:
            if av.next_open is not None:
                return translate("Texts", "Closed · opens %1").replace(
                    "%1", _short_day(av.next_open, now, lang)
                )
            return translate("Texts", "Closed")


def _short_day(at: datetime, now: datetime, lang: str) -> str:
    a = local(at)
    if (a.date() - local(now).date()).days == 1:
        return translate("Texts", "tomorrow %1").replace("%1", clock_text(at, lang))
    day = _locale(lang).toString(QDate(a.year, a.month, a.day), "ddd")
    return f"{day} {clock_text(at, lang)}"


def fee_text(s: Service) -> str:
    if s.fee_rp == 0:
        return translate("Texts", "Free")
    if s.fee_rp is None:
        return s.fee_note or ""
    amount = f"{s.fee_rp:,}".replace(",", ".")
    return f"Rp{amount}" + (f" ({s.fee_note})" if s.fee_note else "")


def service_facts(s: Service, gerai_name: str | None = None) -> str:
    parts = [fee_text(s), s.processing_time]
    if not s.needs_queue:
        parts.insert(0, translate("Texts", "No queue needed"))
    elif s.adm:
        parts.append(translate("Texts", "ADM machine"))
    if s.online_url:
        parts.append(translate("Texts", "Online"))
    if gerai_name:
        parts.insert(0, gerai_name)
    return " · ".join(p for p in parts if p)


def priority_text(group: PriorityGroup) -> str:
    return {
        PriorityGroup.LANSIA: translate("Texts", "Elderly"),
        PriorityGroup.DISABILITAS: translate("Texts", "Disability"),
        PriorityGroup.HAMIL: translate("Texts", "Pregnant"),
        PriorityGroup.ANAK: translate("Texts", "With children"),
    }[group]


PRIORITY_ICONS = {
    PriorityGroup.LANSIA: "elderly",
    PriorityGroup.DISABILITAS: "wheelchair",
    PriorityGroup.HAMIL: "pregnant",
    PriorityGroup.ANAK: "child-hand",
}


def wait_text(people: int, minutes: int) -> tuple[str, str]:
    if people == 0:
        ahead = translate("Texts", "No one is ahead of you")
    elif people == 1:
        ahead = translate("Texts", "1 person ahead of you")
    else:
        ahead = translate("Texts", "%1 people ahead of you").replace("%1", str(people))
    if minutes <= 0:
        wait = translate("Texts", "Estimated wait: you are next")
    else:
        wait = translate("Texts", "Estimated wait: about %1 min").replace("%1", str(minutes))
    return ahead, wait


def printing_now() -> str:
    return translate("Texts", "Printing your slip…")


def printed_ok() -> str:
    return translate("Texts", "Take your slip below the screen.")


def preview_shown() -> str:
    return translate("Texts", "No printer is connected: your slip is shown here.")


def print_failed() -> str:
    return translate(
        "Texts",
        "The slip could not be printed. Your number is saved: show this screen or a photo "
        "of the QR code at the counter.",
    )


def issue_error() -> str:
    return translate(
        "Texts",
        "Sorry, a number could not be issued just now. Please try again or ask the staff "
        "at the information desk.",
    )


def no_queue_needed() -> str:
    return translate("Texts", "No queue needed")


def printer_attention() -> str:
    return translate(
        "Texts",
        "The ticket printer needs attention. You can still take a number: show it on "
        "this screen at the counter.",
    )


def printer_attention_paused() -> str:
    return translate(
        "Texts", "The ticket printer needs attention. Please ask at the information desk."
    )


def no_safe_number() -> str:
    return translate(
        "Texts",
        "Numbers cannot be issued on this kiosk right now (no connection to the queue "
        "server). Please ask at the information desk.",
    )
