"""What a slip says and how it is laid out: pure data in, a list of layout blocks out.

The layout is computed once per slip and then used three ways: rendered to ESC/POS bytes
(`kiosk.printing.render`), rendered to a PNG (`kiosk.printing.preview`) and measured in
millimetres for paper accounting (`kiosk.printing.paper`). Every data field is cleaned with
`kiosk.printing.text.clean` here, so nothing downstream ever sees a control character.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone, tzinfo
from typing import Literal

from kiosk.printing.text import clean, wrap, wrap_labelled

Align = Literal["left", "center", "right"]
CutMode = Literal["full", "partial", "none"]
QrMode = Literal["native", "image"]

# Appended unless a footer line already says it.
DEFAULT_FOOTER: tuple[str, ...] = ("Simpan struk ini sampai selesai",)

_DAYS = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
_MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)


def _jakarta() -> tzinfo:
    try:
        from zoneinfo import ZoneInfo

        return ZoneInfo("Asia/Jakarta")
    except Exception:  # no tz database: WIB is a fixed UTC+7 without daylight saving
        return timezone(timedelta(hours=7), "WIB")


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


def format_datetime_wib(moment: datetime) -> str:
    """`Senin, 12 Mei 2025 08:15 WIB`, in Asia/Jakarta whatever the input zone."""
    local = moment.astimezone(_jakarta())
    day = _DAYS[local.weekday()]
    month = _MONTHS[local.month - 1]
    return f"{day}, {local.day} {month} {local.year} {local:%H:%M} WIB"


def format_wait(minutes: int) -> str:
    if minutes < 1:
        return "kurang dari 1 menit"
    hours, rest = divmod(minutes, 60)
    if hours == 0:
        return f"sekitar {minutes} menit"
    if rest == 0:
        return f"sekitar {hours} jam"
    return f"sekitar {hours} jam {rest} menit"


class _Builder:
    def __init__(self, fmt: SlipFormat) -> None:
        self.fmt = fmt
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
        if not any("simpan struk" in clean(line).lower() for line in lines):
            lines.extend(DEFAULT_FOOTER)
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
    b = _Builder(fmt)
    label_width = 9
    b.header(data.mpp_name)
    if data.is_copy:
        b.text("SALINAN / CETAK ULANG", align="center", bold=True)
    b.rule("=")
    b.text("NOMOR ANTREAN", align="center", bold=True)
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
    b.labelled("Layanan", data.service_name, label_width)
    b.labelled("Waktu", format_datetime_wib(data.issued_at), label_width)
    if data.people_ahead is not None:
        b.labelled("Di depan", f"{max(0, data.people_ahead)} orang", label_width)
    if data.est_wait_minutes is not None:
        b.labelled("Perkiraan", format_wait(max(0, data.est_wait_minutes)), label_width)
    if fmt.print_requirements and data.requirements:
        b.rule()
        b.text("PERSYARATAN:", bold=True)
        b.checklist(data.requirements, numbered=False)
    b.rule()
    if clean(data.qr_payload):
        b.blocks.append(QrBlock(clean(data.qr_payload), fmt.qr_module_size))
        b.blank()
    b.text("Tunjukkan struk ini di gerai", align="center", bold=True)
    b.footer(data.footer_lines)
    b.cut()
    return SlipLayout("ticket", fmt, tuple(b.blocks))


def layout_requirements(data: RequirementsSlipData, fmt: SlipFormat) -> SlipLayout:
    b = _Builder(fmt)
    b.header(data.mpp_name)
    b.rule("=")
    b.text("PERSYARATAN LAYANAN", align="center", bold=True)
    b.text(data.service_name, align="center", bold=True)
    if clean(data.gerai_name):
        b.text(data.gerai_name, align="center")
    b.rule()
    if data.requirements:
        b.checklist(data.requirements, numbered=True)
    else:
        b.text("Tidak ada persyaratan khusus.")
    b.rule()
    b.labelled("Dicetak", format_datetime_wib(data.printed_at), 7)
    b.text("Struk ini bukan nomor antrean", align="center", bold=True)
    b.footer(data.footer_lines)
    b.cut()
    return SlipLayout("requirements", fmt, tuple(b.blocks))


def layout_test_page(fmt: SlipFormat, description: str = "") -> SlipLayout:
    """The technician's test slip: code page line, column ruler, large number, QR, cut."""
    b = _Builder(fmt)
    b.text("MPP KIOSK - TES PRINTER", align="center", bold=True, height=2)
    if description:
        b.text(description, align="center")
    b.text(
        f"{fmt.paper_width_mm} mm, {fmt.columns} kolom, profil {fmt.profile}, "
        f"code page {fmt.code_page}, QR {fmt.qr_mode}, potong {fmt.cut}",
        align="center",
    )
    b.rule("=")
    b.text("Code page (ASCII):", bold=True)
    printable = "".join(chr(c) for c in range(0x21, 0x7F))
    for start in range(0, len(printable), fmt.columns):
        b.raw_line(printable[start : start + fmt.columns])
    b.text("Dilipat: Café Désa – Nº 5 “ok”")  # prints as: Cafe Desa - No. 5 "ok"
    b.rule()
    b.text("Penggaris kolom:", bold=True)
    b.raw_line("".join(str(i % 10) for i in range(1, fmt.columns + 1)))
    b.raw_line("".join("|" if i % 10 == 0 else "." for i in range(1, fmt.columns + 1)))
    b.rule()
    number = "A-888"
    scale = number_scale(number, fmt)
    b.blocks.append(TextLine(number, "center", True, scale, scale))
    b.blocks.append(QrBlock("MPP-KIOSK-TEST", fmt.qr_module_size))
    b.blank()
    b.text("Jika semua baris di atas terbaca, printer siap.", align="center")
    b.cut()
    return SlipLayout("test", fmt, tuple(b.blocks))


# --- samples (previews, technicians' tests, benchmarks) -----------------------------------------


def sample_slip_data(issued_at: datetime | None = None, number: str = "A-001") -> SlipData:
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
    )


def sample_requirements_data(printed_at: datetime | None = None) -> RequirementsSlipData:
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
    )
