"""Live language switching with Qt's translation system (.ts sources, .qm compiled)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QTranslator

from mpp_core.assets import asset_path

I18N = asset_path("i18n")
LANGUAGES = ("id", "en")  # source strings are English; kiosk_en.qm adds plural forms


class LanguageSwitch:
    def __init__(self, app: QCoreApplication, folder: Path = I18N) -> None:
        self.app = app
        self.folder = folder
        self.lang = ""
        self._translator: QTranslator | None = None
        self._loaded: dict[str, QTranslator] = {}  # one per language, loaded once

    def set(self, lang: str) -> None:
        """Switch now: every widget gets a LanguageChange event and rewords itself."""
        if lang not in LANGUAGES:
            raise ValueError(f"unsupported language {lang!r}")
        if self._translator is not None:
            self.app.removeTranslator(self._translator)
            self._translator = None
        # Both languages have a catalogue: English only adds its plural forms.
        tr = self._loaded.get(lang)
        if tr is None:
            tr = QTranslator(self.app)
            if not tr.load(str(self.folder / f"kiosk_{lang}.qm")):
                raise FileNotFoundError(self.folder / f"kiosk_{lang}.qm")
            self._loaded[lang] = tr
        self.app.installTranslator(tr)
        self._translator = tr
        self.lang = lang
        # Qt posts LanguageChange to every widget; deliver them now so the whole screen
        # is reworded in this same frame.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)

    def toggle(self) -> str:
        """Switch between Indonesian and English."""
        self.set("en" if self.lang == "id" else "id")
        return self.lang
