"""What a slip says and how it is laid out: pure data in, a list of layout blocks out.

The layout is computed once per slip and then used three ways: rendered to ESC/POS bytes
(`kiosk.printing.render`), rendered to a PNG (`kiosk.printing.preview`) and measured in
millimetres for paper accounting (`kiosk.printing.paper`). Every data field is cleaned with
`kiosk.printing.text.clean` here, so nothing downstream ever sees a control character.

A slip is printed in one language, `lang` of its data (the visitor's language when they took
the number or tapped "Print this list"); its own words are `mpp_core.i18n` texts, its dates
and times `mpp_core.i18n_dates`. The app hands over the catalog's words already in that
language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Literal

from kiosk.printing.text import clean, wrap, wrap_labelled
from mpp_core.i18n import Lang, Text
from mpp_core.i18n_dates import date_time_text

Align = Literal["left", "center", "right"]
CutMode = Literal["full", "partial", "none"]
QrMode = Literal["native", "image"]

# The slip's own words.
COPY = Text("SALINAN / CETAK ULANG", "COPY / REPRINT")
QUEUE_NUMBER = Text("NOMOR ANTREAN", "QUEUE NUMBER")
SERVICE = Text("Layanan", "Service")  # the labels: 9 columns at most
TIME = Text("Waktu", "Time")
AHEAD = Text("Di depan", "Ahead")
ESTIMATE = Text("Perkiraan", "Est. wait")
PEOPLE = Text("{count} orang", "{count} person", "{count} people")
REQUIREMENTS = Text("PERSYARATAN:", "REQUIREMENTS:")
SHOW_AT_GERAI = Text("Tunjukkan struk ini di gerai", "Show this slip at the counter")
SERVICE_REQUIREMENTS = Text("PERSYARATAN LAYANAN", "SERVICE REQUIREMENTS")
NO_REQUIREMENTS = Text("Tidak ada persyaratan khusus.", "No special requirements.")
PRINTED = Text("Dicetak", "Printed")  # 7 columns at most
NOT_A_NUMBER = Text("Struk ini bukan nomor antrean", "This slip is not a queue number")
# Appended unless a footer line already says it (contains KEEP_MARK).
DEFAULT_FOOTER = Text("Simpan struk ini sampai selesai", "Keep this slip until you are done")
KEEP_MARK = Text("simpan struk", "keep this slip")
WAIT_UNDER_A_MINUTE = Text("kurang dari 1 menit", "less than 1 minute")
WAIT_MINUTES = Text("sekitar {count} menit", "about {count} minute", "about {count} minutes")
WAIT_HOURS = Text("sekitar {count} jam", "about {count} hour", "about {count} hours")
WAIT_HOURS_MINUTES = Text("sekitar {hours} jam {minutes} menit", "about {hours} h {minutes} min")
TEST_TITLE = Text("MPP KIOSK - TES PRINTER", "MPP KIOSK - PRINTER TEST")
TEST_FORMAT = Text(
    "{width} mm, {columns} kolom, profil {profile}, code page {code_page}, QR {qr}, potong {cut}",
    "{width} mm, {columns} columns, profile {profile}, code page {code_page}, QR {qr}, cut {cut}",
)
TEST_FOLDED = Text(
    "Dilipat: Café Désa – Nº 5 “ok”", "Folded: Café Désa – Nº 5 “ok”"
)  # prints as: Cafe Desa - No. 5 "ok"
TEST_RULER = Text("Penggaris kolom:", "Column ruler:")
TEST_READY = Text(
    "Jika semua baris di atas terbaca, printer siap.",
    "If every line above is readable, the printer is ready.",
)


# --- what the app hands over ------------------------------------------------------------------


@dataclass(frozen=True)
class SlipData:
    """One queue ticket as the visitor carries it to the gerai."""

    mpp_name: str
    number: str  # e.g. "A-001"
    gerai_name: str
    gerai_location: str
    service_name: str
    issued_at: datetime  # aware; printed in Asia/Jakarta (WIB)
    people_ahead: int | None
    est_wait_minutes: int | None
    priority_label: str | None  # e.g. "PRIORITAS - Lansia"
    qr_payload: str  # the ticket's identity, e.g. "MPP1:T:4f2a..."
    footer_lines: tuple[str, ...] = ()
    requirements: tuple[str, ...] = ()  # empty: no checklist printed
    is_copy: bool = False  # staff reprint: marked "SALINAN" and allowed to print again
    lang: Lang = "id"  # the slip's own words, dates and times

    def __post_init__(self) -> None:
        if self.issued_at.tzinfo is None:
            raise ValueError("issued_at must be timezone-aware")


@dataclass(frozen=True)
class RequirementsSlipData:
    """The "print requirements only" slip from the service detail screen: no number."""

    mpp_name: str
    gerai_name: str
    service_name: str
    requirements: tuple[str, ...]
    printed_at: datetime  # aware
    footer_lines: tuple[str, ...] = ()
    lang: Lang = "id"

    def __post_init__(self) -> None:
        if self.printed_at.tzinfo is None:
            raise ValueError("printed_at must be timezone-aware")


# --- layout blocks ------------------------------------------------------------------------------


@dataclass(frozen=True)
class TextLine:
    """One printed line, already cleaned and wrapped to the columns left at its size."""

    text: str
    align: Align = "left"
    bold: bool = False
    width: int = 1  # character size multipliers (GS !), 1..8
    height: int = 1
    invert: bool = False


@dataclass(frozen=True)
class QrBlock:
    payload: str
    module_size: int  # dots per module


@dataclass(frozen=True)
class ImageBlock:
    """A bitmap (the MPP logo) from a file; skipped at render time if it cannot be read."""

    path: str
    max_width_dots: int
    max_height_dots: int


@dataclass(frozen=True)
class Feed:
    lines: int


@dataclass(frozen=True)
class Cut:
    mode: CutMode
    feed_lines: int  # fed before the cut so the last line clears the cutter / tear bar


Block = TextLine | QrBlock | ImageBlock | Feed | Cut


@dataclass(frozen=True)
class SlipFormat:
    """Everything the layout and the renderers need from the printer settings."""

    paper_width_mm: int = 80
    columns: int = 48
    dots_width: int = 576  # printable width in dots
    dpi: int = 203
    profile: str = "TM-T20II"  # python-escpos capability profile
    code_page: int = 0  # ESC t n, pinned; text is folded to ASCII anyway
    cancel_kanji: bool = False  # FS . after ESC @ (Chinese-market firmware)
    cut: CutMode = "full"
    cut_feed_lines: int = 4
    qr_mode: QrMode = "native"
    qr_module_size: int = 6
    logo_path: str | None = None
    print_requirements: bool = False
    max_number_scale: int = 5
    line_spacing_dots: int = 30  # ESC 2 default (1/6 in ~ 3.75-4.2 mm)

    @property
    def cell_width_dots(self) -> int:
        return self.dots_width // self.columns


@dataclass(frozen=True)
class SlipLayout:
    kind: Literal["ticket", "requirements", "test"]
    format: SlipFormat
    blocks: tuple[Block, ...] = field(default_factory=tuple)

    @property
    def text_lines(self) -> list[str]:
        """The text of the slip, one string per printed line (for logs and tests)."""
        return [b.text for b in self.blocks if isinstance(b, TextLine)]

    @property
    def qr_payloads(self) -> list[str]:
        return [b.payload for b in self.blocks if isinstance(b, QrBlock)]


# --- formatting helpers -------------------------------------------------------------------------


def format_datetime_wib(moment: datetime, lang: str = "id") -> str:
    """`Senin, 12 Mei 2025 08.15 WIB`, in Asia/Jakarta whatever the input zone."""
    return date_time_text(moment, lang)


def format_wait(minutes: int, lang: str = "id") -> str:
    if minutes < 1:
        return WAIT_UNDER_A_MINUTE(lang)
    hours, rest = divmod(minutes, 60)
    if hours == 0:
        return WAIT_MINUTES(lang, count=minutes)
    if rest == 0:
        return WAIT_HOURS(lang, count=hours)
    return WAIT_HOURS_MINUTES(lang, hours=hours, minutes=rest)


class _Builder:
    def __init__(self, fmt: SlipFormat, lang: str = "id") -> None:
        self.fmt = fmt
        self.lang = lang
        self.blocks: list[Block] = []

    @property
    def cols(self) -> int:
        return self.fmt.columns

    def text(
        self,
        value: str,
        *,
        align: Align = "left",
        bold: bool = False,
        width: int = 1,
        height: int = 1,
        invert: bool = False,
    ) -> None:
        room = max(1, self.cols // width - (2 if invert else 0))
        for line in wrap(value, room):
            shown = f" {line} " if invert else line  # inverted text needs a margin to read well
            self.blocks.append(TextLine(shown, align, bold, width, height, invert))

    def raw_line(self, line: str, *, align: Align = "left", bold: bool = False) -> None:
        self.blocks.append(TextLine(clean(line)[: self.cols], align, bold))

    def labelled(self, label: str, value: str, label_width: int) -> None:
        for line in wrap_labelled(label, value, self.cols, label_width):
            self.blocks.append(TextLine(line))

    def rule(self, char: str = "-") -> None:
        self.blocks.append(TextLine(char * self.cols))

    def blank(self) -> None:
        self.blocks.append(TextLine(""))

    def header(self, mpp_name: str) -> None:
        if self.fmt.logo_path:
            self.blocks.append(ImageBlock(self.fmt.logo_path, min(self.fmt.dots_width, 384), 160))
        self.text(mpp_name or "MAL PELAYANAN PUBLIK", align="center", bold=True, height=2)

    def checklist(self, requirements: tuple[str, ...], numbered: bool) -> None:
        for index, item in enumerate(requirements, start=1):
            marker = f"{index}. " if numbered else "[ ] "
            lines = wrap(item, self.cols - len(marker))
            self.blocks.append(TextLine(marker + lines[0]))
            for line in lines[1:]:
                self.blocks.append(TextLine(" " * len(marker) + line))

    def footer(self, footer_lines: tuple[str, ...]) -> None:
        lines = [line for line in footer_lines if clean(line)]
        mark = KEEP_MARK(self.lang)
        if not any(mark in clean(line).lower() for line in lines):
            lines.append(DEFAULT_FOOTER(self.lang))
        for line in lines:
            self.text(line, align="center")

    def cut(self) -> None:
        feed = self.fmt.cut_feed_lines if self.fmt.cut != "none" else self.fmt.cut_feed_lines + 1
        self.blocks.append(Cut(self.fmt.cut, feed))


def number_scale(number: str, fmt: SlipFormat) -> int:
    """The largest character scale (at most `max_number_scale`, at least 4 when it fits)."""
    length = max(1, len(number))
    for scale in range(fmt.max_number_scale, 1, -1):
        if length * scale <= fmt.columns:
            return scale
    return 1


# --- layouts ------------------------------------------------------------------------------------


def layout_ticket(data: SlipData, fmt: SlipFormat) -> SlipLayout:
    lang = data.lang
    b = _Builder(fmt, lang)
    label_width = 9
    b.header(data.mpp_name)
    if data.is_copy:
        b.text(COPY(lang), align="center", bold=True)
    b.rule("=")
    b.text(QUEUE_NUMBER(lang), align="center", bold=True)
    number = clean(data.number) or "-"
    scale = number_scale(number, fmt)
    b.blocks.append(TextLine(number[: fmt.columns // scale], "center", True, scale, scale))
    if data.priority_label:
        b.text(f" {data.priority_label} ", align="center", bold=True, invert=True)
    b.rule()
    b.text(data.gerai_name, align="center", bold=True)
    if clean(data.gerai_location):
        b.text(data.gerai_location, align="center")
    b.rule()
    b.labelled(SERVICE(lang), data.service_name, label_width)
    b.labelled(TIME(lang), format_datetime_wib(data.issued_at, lang), label_width)
    if data.people_ahead is not None:
        b.labelled(AHEAD(lang), PEOPLE(lang, count=max(0, data.people_ahead)), label_width)
    if data.est_wait_minutes is not None:
        b.labelled(ESTIMATE(lang), format_wait(max(0, data.est_wait_minutes), lang), label_width)
    if fmt.print_requirements and data.requirements:
        b.rule()
        b.text(REQUIREMENTS(lang), bold=True)
        b.checklist(data.requirements, numbered=False)
    b.rule()
    if clean(data.qr_payload):
        b.blocks.append(QrBlock(clean(data.qr_payload), fmt.qr_module_size))
        b.blank()
    b.text(SHOW_AT_GERAI(lang), align="center", bold=True)
    b.footer(data.footer_lines)
    b.cut()
    return SlipLayout("ticket", fmt, tuple(b.blocks))


def layout_requirements(data: RequirementsSlipData, fmt: SlipFormat) -> SlipLayout:
    lang = data.lang
    b = _Builder(fmt, lang)
    b.header(data.mpp_name)
    b.rule("=")
    b.text(SERVICE_REQUIREMENTS(lang), align="center", bold=True)
    b.text(data.service_name, align="center", bold=True)
    if clean(data.gerai_name):
        b.text(data.gerai_name, align="center")
    b.rule()
    if data.requirements:
        b.checklist(data.requirements, numbered=True)
    else:
        b.text(NO_REQUIREMENTS(lang))
    b.rule()
    b.labelled(PRINTED(lang), format_datetime_wib(data.printed_at, lang), 7)
    b.text(NOT_A_NUMBER(lang), align="center", bold=True)
    b.footer(data.footer_lines)
    b.cut()
    return SlipLayout("requirements", fmt, tuple(b.blocks))


def layout_test_page(fmt: SlipFormat, description: str = "", lang: str = "id") -> SlipLayout:
    """The technician's test slip: code page line, column ruler, large number, QR, cut."""
    b = _Builder(fmt, lang)
    b.text(TEST_TITLE(lang), align="center", bold=True, height=2)
    if description:
        b.text(description, align="center")
    b.text(
        TEST_FORMAT(
            lang,
            width=fmt.paper_width_mm,
            columns=fmt.columns,
            profile=fmt.profile,
            code_page=fmt.code_page,
            qr=fmt.qr_mode,
            cut=fmt.cut,
        ),
        align="center",
    )
    b.rule("=")
    b.text("Code page (ASCII):", bold=True)
    printable = "".join(chr(c) for c in range(0x21, 0x7F))
    for start in range(0, len(printable), fmt.columns):
        b.raw_line(printable[start : start + fmt.columns])
    b.text(TEST_FOLDED(lang))
    b.rule()
    b.text(TEST_RULER(lang), bold=True)
    b.raw_line("".join(str(i % 10) for i in range(1, fmt.columns + 1)))
    b.raw_line("".join("|" if i % 10 == 0 else "." for i in range(1, fmt.columns + 1)))
    b.rule()
    number = "A-888"
    scale = number_scale(number, fmt)
    b.blocks.append(TextLine(number, "center", True, scale, scale))
    b.blocks.append(QrBlock("MPP-KIOSK-TEST", fmt.qr_module_size))
    b.blank()
    b.text(TEST_READY(lang), align="center")
    b.cut()
    return SlipLayout("test", fmt, tuple(b.blocks))


# --- samples (previews, technicians' tests, benchmarks) -----------------------------------------


def sample_slip_data(
    issued_at: datetime | None = None, number: str = "A-001", lang: Lang = "id"
) -> SlipData:
    """A realistic ticket for previews and tests."""
    return SlipData(
        mpp_name="Mal Pelayanan Publik Kota Surabaya",
        number=number,
        gerai_name="Dinas Kependudukan dan Pencatatan Sipil",
        gerai_location="Lantai 2, Gerai 5",
        service_name="Perekaman KTP-el",
        issued_at=issued_at or datetime(2025, 5, 12, 1, 15, tzinfo=UTC),
        people_ahead=7,
        est_wait_minutes=25,
        priority_label=None,
        qr_payload=f"MPP-SBY:T:{number}:20250512",
        footer_lines=("Buka Senin-Jumat 08.00-15.00 WIB",),
        requirements=("Fotokopi Kartu Keluarga", "Surat pengantar RT/RW"),
        lang=lang,
    )


def sample_requirements_data(
    printed_at: datetime | None = None, lang: Lang = "id"
) -> RequirementsSlipData:
    return RequirementsSlipData(
        mpp_name="Mal Pelayanan Publik Kota Surabaya",
        gerai_name="Dinas Kependudukan dan Pencatatan Sipil",
        service_name="Perekaman KTP-el",
        requirements=(
            "Fotokopi Kartu Keluarga (KK)",
            "Surat pengantar RT/RW yang sudah ditandatangani lurah",
            "Pas foto 3x4 latar merah (2 lembar)",
        ),
        printed_at=printed_at or datetime(2025, 5, 12, 1, 15, tzinfo=UTC),
        footer_lines=("Buka Senin-Jumat 08.00-15.00 WIB",),
        lang=lang,
    )
