"""Complaints and aspirations (pengaduan dan aspirasi): what a visitor may send, how it is
cleaned, and the tracking code they keep.

Pure rules shared by the kiosk (on-screen form, receipt slip), the phone pages and the
server (storage, the supervisor's handling). Free text is bounded and cleaned of control
characters; a name and a phone number are optional and kept only with the visitor's
consent; the tracking code is random and unguessable, since it opens the item's status.
The national channel, SP4N-LAPOR!, is named beside ours.
"""

from __future__ import annotations

import re
import secrets
import unicodedata
from dataclasses import dataclass
from enum import StrEnum

from mpp_core.i18n import Text, Words

MAX_TEXT = 1000
MAX_NAME = 80
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # no 0/O, 1/I/L: read aloud and typed
CODE_GROUPS = (4, 4)  # "ADU-7K3M-9QX2": 8 random symbols, about 40 bits
CODE_PREFIX = "ADU"
_CODE_RE = re.compile(
    rf"^{CODE_PREFIX}-[{CODE_ALPHABET}]{{{CODE_GROUPS[0]}}}-[{CODE_ALPHABET}]{{{CODE_GROUPS[1]}}}$"
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
_PHONE = re.compile(r"^(\+62|62|0)8[1-9][0-9]{6,11}$")


class Category(StrEnum):
    PELAYANAN = "pelayanan"
    PETUGAS = "petugas"
    SARANA = "sarana"
    BIAYA = "biaya"
    LAINNYA = "lainnya"


CATEGORY_WORDS: dict[Category, Text] = {
    Category.PELAYANAN: Text("Pelayanan", "The service"),
    Category.PETUGAS: Text("Petugas", "Staff"),
    Category.SARANA: Text("Sarana dan prasarana", "Facilities"),
    Category.BIAYA: Text("Biaya", "Fees"),
    Category.LAINNYA: Text("Lainnya", "Other"),
}


class Kind(StrEnum):
    COMPLAINT = "pengaduan"
    ASPIRATION = "aspirasi"


class Status(StrEnum):
    RECEIVED = "diterima"
    IN_PROGRESS = "diproses"
    ANSWERED = "dijawab"
    CLOSED = "selesai"


STATUS_WORDS: dict[Status, Text] = {
    Status.RECEIVED: Text("Diterima", "Received"),
    Status.IN_PROGRESS: Text("Sedang diproses", "Being handled"),
    Status.ANSWERED: Text("Sudah dijawab", "Answered"),
    Status.CLOSED: Text("Selesai", "Closed"),
}

NATIONAL_CHANNEL = Text(
    "Anda juga dapat menyampaikan pengaduan melalui SP4N-LAPOR!: lapor.go.id atau SMS 1708.",
    "You can also complain through the national channel SP4N-LAPOR!: lapor.go.id or SMS 1708.",
)
CONSENT = Text(
    "Nama dan nomor telepon hanya dipakai untuk menghubungi Anda tentang laporan ini dan tidak "
    "dibagikan ke luar MPP. Boleh dikosongkan.",
    "Your name and phone number are used only to contact you about this report and are not "
    "shared outside the MPP. You may leave them empty.",
)


class Refused(ValueError):
    """A field the form cannot take; ``words`` says why to the visitor."""

    def __init__(self, field: str, words: Words) -> None:
        super().__init__(f"{field}: {words('en')}")
        self.field = field
        self.words = words


TEXT_EMPTY = Text("Tuliskan isi laporan Anda.", "Please write what you want to report.")
TEXT_TOO_LONG = Text("Laporan paling panjang {max} huruf.", "A report is at most {max} characters.")
NAME_TOO_LONG = Text("Nama paling panjang {max} huruf.", "A name is at most {max} characters.")
PHONE_INVALID = Text(
    "Nomor telepon tidak dikenali. Contoh: 0812 3456 7890.",
    "The phone number is not recognised. Example: 0812 3456 7890.",
)
NO_CONSENT = Text(
    "Centang persetujuan jika Anda ingin meninggalkan nama atau nomor telepon.",
    "Tick the consent box if you want to leave your name or phone number.",
)


def clean_text(value: str) -> str:
    """NFC, control and direction-override characters removed (a newline stays), runs of
    blank lines and surrounding spaces trimmed."""
    text = unicodedata.normalize("NFC", value).replace("\r\n", "\n").replace("\r", "\n")
    text = _CONTROL.sub("", text)
    text = re.sub(r"[ \t]+", " ", text)
    text = re.sub(r"\n{3,}", "\n\n", text)
    return text.strip()


def clean_phone(value: str) -> str:
    return re.sub(r"[\s().-]", "", value)


@dataclass(frozen=True, slots=True)
class Report:
    """A complaint or an aspiration as the visitor sent it, cleaned and checked."""

    kind: Kind
    category: Category
    gerai_code: str | None
    text: str
    name: str | None = None
    phone: str | None = None


def make_report(
    *,
    kind: Kind,
    category: Category,
    gerai_code: str | None,
    text: str,
    name: str = "",
    phone: str = "",
    consent: bool = False,
) -> Report:
    """Clean and check what the visitor typed; :class:`Refused` names the field and why."""
    body = clean_text(text)
    if not body:
        raise Refused("text", TEXT_EMPTY)
    if len(body) > MAX_TEXT:
        raise Refused("text", TEXT_TOO_LONG.bind(max=MAX_TEXT))
    who = clean_text(name).replace("\n", " ")
    tel = clean_phone(phone)
    if (who or tel) and not consent:
        raise Refused("consent", NO_CONSENT)
    if len(who) > MAX_NAME:
        raise Refused("name", NAME_TOO_LONG.bind(max=MAX_NAME))
    if tel and not _PHONE.match(tel):
        raise Refused("phone", PHONE_INVALID)
    return Report(kind, category, gerai_code, body, who or None, tel or None)


def new_tracking_code() -> str:
    """A fresh random code, e.g. ``ADU-7K3M-9QX2``."""
    groups = ("".join(secrets.choice(CODE_ALPHABET) for _ in range(n)) for n in CODE_GROUPS)
    return "-".join((CODE_PREFIX, *groups))


def normal_code(value: str) -> str | None:
    """A typed code made canonical (upper case; spaces and missing hyphens forgiven), or
    None when it cannot be one of ours."""
    symbols = re.sub(r"[\s_-]", "", value.upper())
    if not symbols.startswith(CODE_PREFIX):
        return None
    rest = symbols[len(CODE_PREFIX) :]
    first = CODE_GROUPS[0]
    code = f"{CODE_PREFIX}-{rest[:first]}-{rest[first:]}"
    return code if _CODE_RE.match(code) else None
