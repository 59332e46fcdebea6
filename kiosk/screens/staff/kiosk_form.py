"""The technician's kiosk form: idle timeout, languages, and an opening-hours override."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal

from kiosk.screens.staff.common import (
    SAVE,
    ChoiceRow,
    FormScreen,
    Stepper,
    ToggleRow,
    section_title,
)
from kiosk.screens.theme import Metrics
from kiosk.screens.widgets import Said, button, label
from kiosk.settings.hours import HOURS_MODES, WEEKDAYS, HoursConfig
from kiosk.settings.kiosk import KioskConfig
from mpp_core.i18n import Text
from mpp_core.i18n_dates import HourMinute, Weekday

IDLE_TIMEOUTS = (30, 45, 60, 90, 120, 180, 300)
TODAY_ONLY = "today"
UNTIL_CHANGED = ""

IDLE_TITLE = Text("Kembali ke awal setelah (tanpa sentuhan)", "Back to the start after (no touch)")
ENGLISH_TITLE = Text("Bahasa Inggris untuk pengunjung", "English for visitors")
OFFERED = Text("Tersedia", "Offered")
NOT_OFFERED = Text("Tidak tersedia", "Not offered")
START_TITLE = Text("Setiap pengunjung mulai dengan", "Each visitor starts in")
HOURS_TITLE = Text("Jam buka di kiosk ini", "Opening hours on this kiosk")
HOURS_NOTE = Text(
    "Menggantikan jam katalog untuk semua gerai, misalnya saat Ramadan, hari acara, atau hari "
    "tutup.",
    "Overrides the catalog's hours for every gerai, for example for Ramadan, an event day or a "
    "closed day.",
)
MODES = {
    "catalog": Text("Sesuai katalog", "As the catalog"),
    "closed": Text("Tutup", "Closed"),
    "custom": Text("Jam khusus", "Special hours"),
}
OPENS_AT = Text("Buka pukul", "Opens at")
CLOSES_AT = Text("Tutup pukul", "Closes at")
EARLIER_OPENING = Text("Buka lebih awal", "Earlier opening")
LATER_OPENING = Text("Buka lebih lambat", "Later opening")
EARLIER_CLOSING = Text("Tutup lebih awal", "Earlier closing")
LATER_CLOSING = Text("Tutup lebih lambat", "Later closing")
ON_THESE_DAYS = Text("Pada hari", "On these days")
FOR_HOW_LONG = Text("Berlaku", "For how long")
TODAY_ONLY_WORDS = Text("Hari ini saja", "Today only")
UNTIL_CHANGED_WORDS = Text("Sampai diubah", "Until changed")


def _times() -> list[tuple[object, Said]]:
    out: list[tuple[object, Said]] = []
    for minutes in range(5 * 60, 23 * 60 + 1, 30):
        hhmm = f"{minutes // 60:02d}:{minutes % 60:02d}"
        out.append((hhmm, HourMinute(hhmm)))
    return out


class KioskForm(FormScreen):
    save = Signal(object)  # {"idle_timeout_s", "language", "languages", "hours"}

    def __init__(self, m: Metrics, portrait: bool) -> None:
        super().__init__(m, portrait)
        self.setObjectName("tech-kiosk")
        self.keyboard.hide()
        self.today = date.today()
        lay = self.add_card()
        self.idle_title = section_title(IDLE_TITLE)
        lay.addWidget(self.idle_title)
        self.idle = ChoiceRow(m, "kiosk-idle", columns=4)
        self.idle.set_options([(s, f"{s} s") for s in IDLE_TIMEOUTS])
        lay.addWidget(self.idle)

        lay = self.add_card()
        self.english_title = section_title(ENGLISH_TITLE)
        lay.addWidget(self.english_title)
        self.english = ChoiceRow(m, "kiosk-english", columns=2)
        self.english.set_options([(True, OFFERED), (False, NOT_OFFERED)])
        self.english.chosen.connect(lambda _v: self._languages_changed())
        lay.addWidget(self.english)
        self.start_title = section_title(START_TITLE)
        lay.addWidget(self.start_title)
        self.language = ChoiceRow(m, "kiosk-language", columns=2)
        self.language.set_options([("id", "Bahasa Indonesia"), ("en", "English")])
        lay.addWidget(self.language)

        lay = self.add_card()
        self.hours_title = section_title(HOURS_TITLE)
        lay.addWidget(self.hours_title)
        self.hours_note = label(HOURS_NOTE, "muted")
        lay.addWidget(self.hours_note)
        self.mode = ChoiceRow(m, "kiosk-hours-mode", columns=3, wrap=12)
        self.mode.set_options([(h, MODES[h]) for h in HOURS_MODES])
        self.mode.chosen.connect(lambda _v: self._show_mode())
        lay.addWidget(self.mode)
        self.open_title = section_title(OPENS_AT)
        lay.addWidget(self.open_title)
        self.opens = Stepper(m, "kiosk-open", _times())
        self.opens.set_names(EARLIER_OPENING, LATER_OPENING)
        lay.addWidget(self.opens)
        self.close_title = section_title(CLOSES_AT)
        lay.addWidget(self.close_title)
        self.closes = Stepper(m, "kiosk-close", _times())
        self.closes.set_names(EARLIER_CLOSING, LATER_CLOSING)
        lay.addWidget(self.closes)
        self.days_title = section_title(ON_THESE_DAYS)
        lay.addWidget(self.days_title)
        self.days = ToggleRow(
            m,
            "kiosk-day",
            [(d, Weekday(i, short=True)) for i, d in enumerate(WEEKDAYS)],
            columns=4 if portrait else 7,
        )
        lay.addWidget(self.days)
        self.until_title = section_title(FOR_HOW_LONG)
        lay.addWidget(self.until_title)
        self.until = ChoiceRow(m, "kiosk-until", columns=2)
        self.until.set_options(
            [(TODAY_ONLY, TODAY_ONLY_WORDS), (UNTIL_CHANGED, UNTIL_CHANGED_WORDS)]
        )
        lay.addWidget(self.until)
        self.form.addStretch(1)
        self.save_button = button(SAVE, "kiosk-save", m, kind="primary", icon_name="check")
        self.save_button.clicked.connect(self._save)
        self.foot.addWidget(self.save_button, 1)

    def set_values(self, cfg: KioskConfig, today: date) -> None:
        self.today = today
        self.idle.set_options([(s, f"{s} s") for s in sorted({*IDLE_TIMEOUTS, cfg.idle_timeout_s})])
        self.idle.set_value(cfg.idle_timeout_s)
        self.english.set_value("en" in cfg.languages)
        self.language.set_value(cfg.language)
        h = cfg.hours
        self.mode.set_value(h.mode)
        self.opens.set_value(h.open)
        self.closes.set_value(h.close)
        self.days.set_values(h.days)
        self.until.set_value(TODAY_ONLY if h.until else UNTIL_CHANGED)
        self._languages_changed()
        self._show_mode()
        self.notice.clear_notice()

    def _languages_changed(self) -> None:
        english = bool(self.english.value())
        b = self.language.button_for("en")
        if b is not None:
            b.setEnabled(english)
        if not english:
            self.language.set_value("id")

    def _show_mode(self) -> None:
        custom = self.mode.value() == "custom"
        for w in (
            self.open_title,
            self.opens,
            self.close_title,
            self.closes,
            self.days_title,
            self.days,
        ):
            w.setVisible(custom)
        active = self.mode.value() != "catalog"
        self.until_title.setVisible(active)
        self.until.setVisible(active)

    def _save(self) -> None:
        english = bool(self.english.value())
        until = self.today.isoformat() if self.until.value() == TODAY_ONLY else ""
        hours = HoursConfig(
            mode=str(self.mode.value() or "catalog"),
            open=str(self.opens.value()),
            close=str(self.closes.value()),
            days=tuple(self.days.values()),
            until=until if self.mode.value() != "catalog" else "",
        )
        self.save.emit(
            {
                "idle_timeout_s": int(self.idle.value() or 45),
                "language": str(self.language.value() or "id"),
                "languages": ("id", "en") if english else ("id",),
                "hours": hours,
            }
        )
