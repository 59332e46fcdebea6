"""The language on screen, and switching it live: the Qt side of ``mpp_core.i18n``.

There are no translation catalogues: every text carries both languages
(``mpp_core.i18n.Text``). :class:`LanguageSwitch` keeps the language shown (also as a property
of the application, which :func:`shown` reads) and, on a switch, delivers a ``LanguageChange``
event to every widget at once. Widgets keep the words they show, not strings, and reword
themselves when the event arrives (``kiosk.screens.widgets``: ``WordLabel``, ``WordButton``;
screens reword the rest in their ``retranslate()``), so the whole window changes in one frame.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtWidgets import QApplication

from mpp_core.i18n import DEFAULT_LANG, LANGUAGES, Lang, language

LANG_PROPERTY = "mpp_kiosk_language"  # a dynamic property of the application


def shown() -> Lang:
    """The language on screen now (Indonesian before any switch, or without an app)."""
    app = QCoreApplication.instance()
    value = app.property(LANG_PROPERTY) if app is not None else None
    return language(value if isinstance(value, str) else None)


class LanguageSwitch:
    def __init__(self, app: QCoreApplication) -> None:
        self.app = app
        self.lang: Lang = DEFAULT_LANG
        app.setProperty(LANG_PROPERTY, self.lang)

    def set(self, lang: str) -> None:
        """Switch now: every widget gets a LanguageChange event and rewords itself."""
        if lang not in LANGUAGES:
            raise ValueError(f"unsupported language {lang!r}")
        self.lang = language(lang)
        self.app.setProperty(LANG_PROPERTY, self.lang)
        # Sent, not posted: the whole window is reworded in this same frame. A widget passes
        # the event on to its children (QWidget::event), so the top-level widgets suffice.
        for widget in QApplication.topLevelWidgets():
            QCoreApplication.sendEvent(widget, QEvent(QEvent.Type.LanguageChange))

    def toggle(self) -> str:
        """Switch between Indonesian and English."""
        self.set("en" if self.lang == "id" else "id")
        return self.lang
