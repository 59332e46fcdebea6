"""Visitor-facing wording for states the domain decides (availability, fees, waits), and the
notices the flow shows.

The decisions come from ``mpp_core.domain``; this module only words them, as
``mpp_core.i18n`` words in both languages (the screens say them in the language shown, and
again when it changes). Dates and times are worded by ``mpp_core.i18n_dates``.
"""

from __future__ import annotations

from datetime import datetime

from mpp_core.domain.catalog import Service
from mpp_core.domain.hours import Availability, Reason
from mpp_core.domain.numbering import PriorityGroup
from mpp_core.i18n import Joined, Names, Plain, Text, Words
from mpp_core.i18n_dates import ShortWhen, TimeOfDay, When
from mpp_core.terms import PRIORITY_GROUPS

# --------------------------------------------------------------------------- availability

AVAILABLE_AGAIN = Text("Nomor antrean tersedia lagi {when}.", "Numbers are available again {when}.")
NOT_OPEN = Text("Belum buka.", "Not open yet.")
AFTER_CUTOFF = Text(
    "Pengambilan nomor hari ini sudah ditutup.",
    "No more numbers today: the last number time has passed.",
)
CLOSED_TODAY = Text("Hari ini tutup.", "Closed today.")
HOLIDAY = Text("Libur: {holiday}.", "Closed for a holiday: {holiday}.")
QUOTA_FULL = Text(
    "Kuota layanan ini untuk hari ini sudah habis.", "Today’s quota for this service is used up."
)
REGISTER_ONLINE = Text("Anda juga bisa mendaftar online.", "You can also register online.")
OPEN_NOW = Text("Buka sekarang.", "Open now.")
OPEN_NOW_UNTIL = Text(
    "Buka sekarang. Nomor terakhir pukul {time}.", "Open now. Last number at {time}."
)
GERAI_PLANNED = Text("Gerai ini segera hadir.", "This counter is coming soon.")
GERAI_CLOSED = Text("Gerai ini tutup.", "This counter is closed.")
NO_QUEUE = Text(
    "Layanan ini tidak memerlukan nomor antrean.", "No queue number is needed for this service."
)
PAUSED = Text(
    "Pengambilan nomor dihentikan sementara. Silakan bertanya di meja informasi.",
    "Numbers are paused for a moment. Please ask at the information desk.",
)
PRINTER_FAULT = Text(
    "Printer tiket perlu diperiksa, pengambilan nomor dihentikan sementara. Silakan bertanya "
    "di meja informasi.",
    "The ticket printer needs attention, so numbers are paused. Please ask at the "
    "information desk.",
)
NO_SAFE_NUMBER = Text(
    "Nomor antrean belum dapat diterbitkan di kiosk ini (tidak terhubung ke server antrean). "
    "Silakan bertanya di meja informasi.",
    "Numbers cannot be issued on this kiosk right now (no connection to the queue server). "
    "Please ask at the information desk.",
)
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

# --------------------------------------------------------------------------- tiles

TILE_OPEN = Text("Buka", "Open")
TILE_OPEN_UNTIL = Text("Buka s.d. {time}", "Open until {time}")
TILE_COMING_SOON = Text("Segera hadir", "Coming soon")
TILE_CLOSED = Text("Tutup", "Closed")
NO_QUEUE_NEEDED = Text("Tanpa antre", "No queue needed")
TILE_PAUSED = Text("Dihentikan sementara", "Paused")
TILE_OPENS = Text("Buka pukul {time}", "Opens {time}")
TILE_CLOSED_OPENS = Text("Tutup · buka {when}", "Closed · opens {when}")

# --------------------------------------------------------------------------- services

FREE = Text("Gratis", "Free")
FEE_WITH_NOTE = Text("Rp{amount} ({note})", "Rp{amount} ({note})")
ADM_MACHINE = Text("Mesin ADM", "ADM machine")
ONLINE = Text("Online", "Online")

PRIORITY_ICONS = {
    PriorityGroup.LANSIA: "elderly",
    PriorityGroup.DISABILITAS: "wheelchair",
    PriorityGroup.HAMIL: "pregnant",
    PriorityGroup.ANAK: "child-hand",
}

# --------------------------------------------------------------------------- the ticket

NO_ONE_AHEAD = Text("Tidak ada antrean di depan Anda", "No one is ahead of you")
PEOPLE_AHEAD = Text(
    "{count} orang di depan Anda", "{count} person ahead of you", "{count} people ahead of you"
)
WAIT_NEXT = Text("Perkiraan tunggu: Anda berikutnya", "Estimated wait: you are next")
WAIT_ABOUT = Text(
    "Perkiraan tunggu: sekitar {minutes} menit", "Estimated wait: about {minutes} min"
)

PRINTING_NOW = Text("Struk sedang dicetak…", "Printing your slip…")
PRINTED_OK = Text("Ambil struk Anda di bawah layar.", "Take your slip below the screen.")
PREVIEW_SHOWN = Text(
    "Tidak ada printer: struk Anda ditampilkan di sini.",
    "No printer is connected: your slip is shown here.",
)
PRINT_FAILED = Text(
    "Struk tidak dapat dicetak. Nomor Anda sudah tersimpan: tunjukkan layar ini atau foto kode "
    "QR di gerai.",
    "The slip could not be printed. Your number is saved: show this screen or a photo of the "
    "QR code at the counter.",
)
ISSUE_ERROR = Text(
    "Maaf, nomor belum dapat diambil. Silakan coba lagi atau hubungi petugas di meja informasi.",
    "Sorry, a number could not be issued just now. Please try again or ask the staff at the "
    "information desk.",
)

# --------------------------------------------------------------------------- notices

PRINTER_ATTENTION = Text(
    "Printer tiket perlu diperiksa. Anda tetap bisa mengambil nomor: tunjukkan nomor di layar "
    "ini kepada petugas gerai.",
    "The ticket printer needs attention. You can still take a number: show it on this screen "
    "at the counter.",
)
PRINTER_ATTENTION_PAUSED = Text(
    "Printer tiket perlu diperiksa. Silakan bertanya di meja informasi.",
    "The ticket printer needs attention. Please ask at the information desk.",
)


def availability_text(av: Availability, now: datetime) -> Words:
    """A full sentence (or two) for the service detail screen."""
    again = AVAILABLE_AGAIN.bind(when=When(av.next_open, now)) if av.next_open else None

    def then(first: Words, *more: Words | None) -> Words:
        return Joined((first, *(m for m in more if m is not None)), " ")

    match av.reason:
        case Reason.OPEN:
            if av.closes_at is None:
                return OPEN_NOW
            return OPEN_NOW_UNTIL.bind(time=TimeOfDay(av.closes_at))
        case Reason.BEFORE_OPENING:
            return then(NOT_OPEN, again)
        case Reason.AFTER_CUTOFF:
            return then(AFTER_CUTOFF, again)
        case Reason.CLOSED_TODAY:
            return then(CLOSED_TODAY, again)
        case Reason.HOLIDAY:
            return then(HOLIDAY.bind(holiday=av.holiday_name or ""), again)
        case Reason.QUOTA_FULL:
            return then(QUOTA_FULL, again, REGISTER_ONLINE)
        case Reason.GERAI_PLANNED:
            return GERAI_PLANNED
        case Reason.GERAI_CLOSED:
            return GERAI_CLOSED
        case Reason.NO_QUEUE:
            return NO_QUEUE
        case Reason.PAUSED:
            return PAUSED
        case Reason.NO_SAFE_NUMBER:
            return NO_SAFE_NUMBER
        case Reason.PRINTER_FAULT:
            return PRINTER_FAULT
        case Reason.DISK_FULL:
            return DISK_FULL
    return Plain("")


def tile_status(av: Availability, now: datetime) -> Words:
    """A short line for a gerai tile."""
    match av.reason:
        case Reason.OPEN:
            if av.closes_at is None:
                return TILE_OPEN
            return TILE_OPEN_UNTIL.bind(time=TimeOfDay(av.closes_at))
        case Reason.GERAI_PLANNED:
            return TILE_COMING_SOON
        case Reason.GERAI_CLOSED:
            return TILE_CLOSED
        case Reason.NO_QUEUE:
            return NO_QUEUE_NEEDED
        case Reason.PAUSED | Reason.PRINTER_FAULT | Reason.DISK_FULL:
            return TILE_PAUSED
        case Reason.BEFORE_OPENING if av.next_open is not None:
            return TILE_OPENS.bind(time=TimeOfDay(av.next_open))
        case _:
            if av.next_open is not None:
                return TILE_CLOSED_OPENS.bind(when=ShortWhen(av.next_open, now))
            return TILE_CLOSED


def fee_text(s: Service) -> Words:
    """The fee; its note (how it is set) in the catalog's words for the language shown."""
    note = Names(s.fee_note, s.fee_note_en or "") if s.fee_note else None
    if s.fee_rp == 0:
        return FREE
    if s.fee_rp is None:
        return note or Plain("")
    amount = f"{s.fee_rp:,}".replace(",", ".")
    if note is None:
        return Plain(f"Rp{amount}")
    return FEE_WITH_NOTE.bind(amount=amount, note=note)


def service_facts(s: Service, gerai_name: Words | None = None) -> Words:
    parts: list[Words] = [fee_text(s), Names(s.processing_time, s.processing_time_en)]
    if not s.needs_queue:
        parts.insert(0, NO_QUEUE_NEEDED)
    elif s.adm:
        parts.append(ADM_MACHINE)
    if s.online_url:
        parts.append(ONLINE)
    if gerai_name is not None:
        parts.insert(0, gerai_name)
    return Joined(tuple(parts), " · ")


def priority_text(group: PriorityGroup) -> Words:
    return PRIORITY_GROUPS[group]


def wait_text(people: int, minutes: int) -> tuple[Words, Words]:
    ahead = NO_ONE_AHEAD if people == 0 else PEOPLE_AHEAD.bind(count=people)
    wait = WAIT_NEXT if minutes <= 0 else WAIT_ABOUT.bind(minutes=minutes)
    return ahead, wait
