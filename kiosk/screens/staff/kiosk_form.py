"""The technician's kiosk form: idle timeout, languages, and an opening-hours override."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Signal

from kiosk.screens.staff.common import (
    ChoiceRow,
    FormScreen,
    Stepper,
    ToggleRow,
    section_title,
)
from kiosk.screens.theme import Metrics
from kiosk.screens.widgets import button, label, set_button_text
from kiosk.settings.hours import HOURS_MODES, WEEKDAYS, HoursConfig
from kiosk.settings.kiosk import KioskConfig

IDLE_TIMEOUTS = (30, 45, 60, 90, 120, 180, 300)
TODAY_ONLY = "today"
UNTIL_CHANGED = ""


def _times() -> list[tuple[object, str]]:
    out: list[tuple[object, str]] = []
    for minutes in range(5 * 60, 23 * 60 + 1, 30):
        out.append(
            (f"{minutes // 60:02d}:{minutes % 60:02d}", f"{minutes // 60:02d}.{minutes % 60:02d}")
        )
    return out


class KioskForm(FormScreen):
    save = Signal(object)  # {"idle_timeout_s", "language", "languages", "hours"}

    def __init__(self, m: Metrics, portrait: bool) -> None:
        super().__init__(m, portrait)
        self.setObjectName("tech-kiosk")
        self.keyboard.hide()
        self.today = date.today()
        lay = self.add_card()
        self.idle_title = section_title()
        lay.addWidget(self.idle_title)
        self.idle = ChoiceRow(m, "kiosk-idle", columns=4)
        self.idle.set_options([(s, f"{s} s") for s in IDLE_TIMEOUTS])
        lay.addWidget(self.idle)

        lay = self.add_card()
        self.english_title = section_title()
        lay.addWidget(self.english_title)
        self.english = ChoiceRow(m, "kiosk-english", columns=2)
        self.english.set_options([(True, ""), (False, "")])
        self.english.chosen.connect(lambda _v: self._languages_changed())
        lay.addWidget(self.english)
        self.start_title = section_title()
        lay.addWidget(self.start_title)
        self.language = ChoiceRow(m, "kiosk-language", columns=2)
        self.language.set_options([("id", "Bahasa Indonesia"), ("en", "English")])
        lay.addWidget(self.language)

        lay = self.add_card()
        self.hours_title = section_title()
        lay.addWidget(self.hours_title)
        self.hours_note = label("", "muted")
        lay.addWidget(self.hours_note)
        self.mode = ChoiceRow(m, "kiosk-hours-mode", columns=3, wrap=12)
        self.mode.set_options([(h, h) for h in HOURS_MODES])
        self.mode.chosen.connect(lambda _v: self._show_mode())
        lay.addWidget(self.mode)
        self.open_title = section_title()
        lay.addWidget(self.open_title)
        self.opens = Stepper(m, "kiosk-open", _times())
        lay.addWidget(self.opens)
        self.close_title = section_title()
        lay.addWidget(self.close_title)
        self.closes = Stepper(m, "kiosk-close", _times())
        lay.addWidget(self.closes)
        self.days_title = section_title()
        lay.addWidget(self.days_title)
        self.days = ToggleRow(
            m, "kiosk-day", [(d, d) for d in WEEKDAYS], columns=4 if portrait else 7
        )
        lay.addWidget(self.days)
        self.until_title = section_title()
        lay.addWidget(self.until_title)
        self.until = ChoiceRow(m, "kiosk-until", columns=2)
        self.until.set_options([(TODAY_ONLY, ""), (UNTIL_CHANGED, "")])
        lay.addWidget(self.until)
        self.form.addStretch(1)
        self.save_button = button("", "kiosk-save", m, kind="primary", icon_name="check")
        self.save_button.clicked.connect(self._save)
        self.foot.addWidget(self.save_button, 1)
        self.retranslate()

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
        self.retranslate()

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

    def retranslate(self) -> None:
        self.idle_title.setText(self.tr("Back to the start after (no touch)"))
        self.english_title.setText(self.tr("English for visitors"))
        self.english.relabel([self.tr("Offered"), self.tr("Not offered")])
        self.start_title.setText(self.tr("Each visitor starts in"))
        self.hours_title.setText(self.tr("Opening hours on this kiosk"))
        self.hours_note.setText(
            self.tr(
                "Overrides the catalog's hours for every gerai, for "
                "example for Ramadan, an event day or a closed day."
            )
        )
        self.mode.relabel([self.tr("As the catalog"), self.tr("Closed"), self.tr("Special hours")])
        self.open_title.setText(self.tr("Opens at"))
        self.close_title.setText(self.tr("Closes at"))
        self.opens.set_names(self.tr("Earlier opening"), self.tr("Later opening"))
        self.closes.set_names(self.tr("Earlier closing"), self.tr("Later closing"))
        self.days_title.setText(self.tr("On these days"))
        day_words = [
            self.tr("Mon"),
            self.tr("Tue"),
            self.tr("Wed"),
            self.tr("Thu"),
            self.tr("Fri"),
            self.tr("Sat"),
            self.tr("Sun"),
        ]
        for b, text in zip(self.days.buttons.values(), day_words, strict=False):
            set_button_text(b, text)
        self.until_title.setText(self.tr("For how long"))
        self.until.relabel([self.tr("Today only"), self.tr("Until changed")])
        set_button_text(self.save_button, self.tr("Save"))
