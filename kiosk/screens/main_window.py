"""The kiosk window: a top bar (name, clock, language), the screens, a bottom bar (back,
start again) and the idle overlay. It shows what it is told and emits what is tapped."""

from __future__ import annotations

from enum import StrEnum

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QCloseEvent, QResizeEvent
from PySide6.QtWidgets import QFrame, QHBoxLayout, QStackedWidget, QVBoxLayout, QWidget

from kiosk.screens import theme
from kiosk.screens.detail import ServiceDetailScreen
from kiosk.screens.gerai_grid import GeraiGridScreen
from kiosk.screens.idle import START_AGAIN, IdleOverlay
from kiosk.screens.search import SearchScreen
from kiosk.screens.service_list import ServiceListScreen
from kiosk.screens.theme import Metrics
from kiosk.screens.ticket import TicketScreen
from kiosk.screens.welcome import WelcomeScreen
from kiosk.screens.widgets import button, label
from mpp_core.i18n import Text, Words

# The language button is labelled in the language it switches to.
OTHER_LANGUAGE = Text("English", "Bahasa Indonesia")
BACK = Text("Kembali", "Back")
SEARCH = Text("Cari layanan", "Search")


class Page(StrEnum):
    WELCOME = "welcome"
    GERAI = "gerai"
    SERVICES = "services"
    SEARCH = "search"
    DETAIL = "detail"
    TICKET = "ticket"


class KioskWindow(QWidget):
    language_toggled = Signal()
    back = Signal()
    home = Signal()
    search_requested = Signal()
    close_requested = Signal()

    def __init__(self, m: Metrics) -> None:
        super().__init__()
        self.setObjectName("KioskRoot")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.m = m
        portrait = m.panel.portrait
        self.setWindowTitle("MPP Kiosk")
        root = QVBoxLayout(self)
        root.setContentsMargins(0, 0, 0, 0)
        root.setSpacing(0)

        self.top = QFrame()
        self.top.setObjectName("topbar")
        self.top.setStyleSheet(
            f"#topbar {{ background: {theme.SURFACE}; border-bottom: 2px solid {theme.BORDER}; }}"
        )
        tl = QHBoxLayout(self.top)
        tl.setContentsMargins(m.margin, m.px(2), m.margin, m.px(2))
        tl.setSpacing(m.gap)
        self.mpp_name = label("", "label", wrap=False)
        self.mpp_name.setStyleSheet("font-weight: bold;")
        tl.addWidget(self.mpp_name)
        self.page_title = label("", "title", wrap=True)
        self.page_title.setObjectName("page-title")
        tl.addWidget(self.page_title, 1)
        self.clock = label("", "label", wrap=False)
        tl.addWidget(self.clock)
        self.lang_button = button(OTHER_LANGUAGE, "language", m, icon_name="language")
        self.lang_button.setMinimumWidth(m.px(60))
        self.lang_button.clicked.connect(self.language_toggled)
        tl.addWidget(self.lang_button)
        root.addWidget(self.top)

        self.stack = QStackedWidget()
        self.welcome = WelcomeScreen(m)
        self.gerai = GeraiGridScreen(m, columns=3 if portrait else 5)
        self.services = ServiceListScreen(m)
        self.search = SearchScreen(m, portrait)
        self.detail = ServiceDetailScreen(m, portrait)
        self.ticket = TicketScreen(m, portrait)
        self.pages: dict[Page, QWidget] = {
            Page.WELCOME: self.welcome,
            Page.GERAI: self.gerai,
            Page.SERVICES: self.services,
            Page.SEARCH: self.search,
            Page.DETAIL: self.detail,
            Page.TICKET: self.ticket,
        }
        for w in self.pages.values():
            self.stack.addWidget(w)
        root.addWidget(self.stack, 1)

        self.bottom = QFrame()
        self.bottom.setObjectName("bottombar")
        self.bottom.setStyleSheet(
            f"#bottombar {{ background: {theme.SURFACE}; border-top: 2px solid {theme.BORDER}; }}"
        )
        bl = QHBoxLayout(self.bottom)
        bl.setContentsMargins(m.margin, m.px(2), m.margin, m.px(2))
        bl.setSpacing(m.gap)
        self.back_button = button(BACK, "back", m, icon_name="back")
        self.back_button.setMinimumWidth(m.px(55))
        self.back_button.clicked.connect(self.back)
        self.home_button = button(START_AGAIN, "home", m, icon_name="home")
        self.home_button.setMinimumWidth(m.px(55))
        self.home_button.clicked.connect(self.home)
        self.search_button = button(SEARCH, "search", m, kind="primary", icon_name="search")
        self.search_button.setMinimumWidth(m.px(70))
        self.search_button.clicked.connect(self.search_requested)
        bl.addWidget(self.back_button)
        bl.addStretch(1)
        bl.addWidget(self.search_button)
        bl.addStretch(1)
        bl.addWidget(self.home_button)
        root.addWidget(self.bottom)

        self.idle = IdleOverlay(m, self)
        self.current = Page.WELCOME
        self.show_page(Page.WELCOME)

    def show_page(self, page: Page) -> None:
        self.current = page
        self.stack.setCurrentWidget(self.pages[page])
        self.bottom.setVisible(page not in (Page.WELCOME, Page.TICKET))
        self.search_button.setVisible(page in (Page.GERAI, Page.SERVICES))
        self._update_title()

    def _update_title(self) -> None:
        # The welcome screen shows the MPP's name; every other screen says what to do.
        screen = self.pages[self.current]
        title: Words | None = screen.page_title()  # type: ignore[attr-defined]
        self.page_title.say(title)
        self.mpp_name.setVisible(title is None)

    def set_mpp_name(self, name: str) -> None:
        self.mpp_name.say(name)

    def show_idle(self, seconds: int) -> None:
        self.idle.set_seconds(seconds)
        self.idle.setGeometry(self.rect())
        self.idle.show()
        self.idle.raise_()

    def hide_idle(self) -> None:
        self.idle.hide()

    def resizeEvent(self, e: QResizeEvent) -> None:
        self.idle.setGeometry(self.rect())
        super().resizeEvent(e)

    # Kiosk mode: the window refuses to close (Alt+F4, a compositor's close request); only
    # staff leave the app, and the orderly stop (SIGTERM) sets may_close first.
    locked = False
    may_close = False

    def closeEvent(self, e: QCloseEvent) -> None:
        if self.locked and not self.may_close:
            e.ignore()
            return
        self.close_requested.emit()
        super().closeEvent(e)
