"""The technician's server form: the central server's address and this kiosk's token."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal

from kiosk.screens.staff.common import (
    RESTART_NOW,
    SAVE,
    ChoiceRow,
    Field,
    FormScreen,
    section_title,
)
from kiosk.screens.theme import Metrics
from kiosk.screens.widgets import button, label
from mpp_core.i18n import Joined, Text, Words

CONNECT_TIMEOUTS = (0.5, 1.0, 1.5, 2.0)
READ_TIMEOUTS = (3.0, 5.0, 10.0, 20.0)
ADDRESS = Text("Alamat server pusat (https://...)", "Central server address (https://...)")
TOKEN = Text("Token kiosk (dari mpp-central kiosk add)", "Kiosk token (from mpp-central kiosk add)")
CONNECT_TIMEOUT = Text("Batas waktu menyambung", "Connect timeout")
ANSWER_TIMEOUT = Text("Batas waktu jawaban", "Answer timeout")
NO_SERVER = Text("Tanpa server", "No server")


class ServerForm(FormScreen):
    save = Signal(object)  # {"url", "token", "connect_timeout_s", "read_timeout_s"}
    restart = Signal()

    def __init__(self, m: Metrics, portrait: bool) -> None:
        super().__init__(m, portrait)
        self.setObjectName("tech-server")
        lay = self.add_card()
        self.status = label("", "muted")
        self.status.setObjectName("server-status")
        lay.addWidget(self.status)
        self.url = Field(m, "server-url", ADDRESS, max_length=300)
        self.token = Field(m, "server-token", TOKEN, secret=True, max_length=200)
        lay.addWidget(self.url)
        lay.addWidget(self.token)
        self.connect_title = section_title(CONNECT_TIMEOUT)
        lay.addWidget(self.connect_title)
        self.connect_timeout = ChoiceRow(m, "server-connect", columns=4)
        self.connect_timeout.set_options([(t, f"{t:g} s") for t in CONNECT_TIMEOUTS])
        lay.addWidget(self.connect_timeout)
        self.read_title = section_title(ANSWER_TIMEOUT)
        lay.addWidget(self.read_title)
        self.read_timeout = ChoiceRow(m, "server-read", columns=4)
        self.read_timeout.set_options([(t, f"{t:g} s") for t in READ_TIMEOUTS])
        lay.addWidget(self.read_timeout)
        self.form.addStretch(1)

        self.save_button = button(SAVE, "server-save", m, kind="primary", icon_name="check")
        self.save_button.clicked.connect(self._save)
        self.clear_button = button(NO_SERVER, "server-clear", m, icon_name="close")
        self.clear_button.clicked.connect(self._clear)
        self.restart_button = button(RESTART_NOW, "server-restart", m, kind="go", icon_name="clock")
        self.restart_button.clicked.connect(self.restart)
        self.restart_button.hide()
        for b in (self.save_button, self.clear_button, self.restart_button):
            self.foot.addWidget(b, 1)
        self.attach_keyboard([self.url, self.token])

    def set_values(
        self,
        url: str,
        token: str,
        connect_timeout_s: float,
        read_timeout_s: float,
        status_lines: Sequence[Words],
    ) -> None:
        self.url.set_text(url)
        self.token.set_text(token)
        self.connect_timeout.set_value(
            min(CONNECT_TIMEOUTS, key=lambda t: abs(t - connect_timeout_s))
        )
        self.read_timeout.set_value(min(READ_TIMEOUTS, key=lambda t: abs(t - read_timeout_s)))
        self.status.say(Joined(tuple(status_lines)))
        self.show_problems([])
        self.notice.clear_notice()

    def _save(self) -> None:
        self.save.emit(
            {
                "url": self.url.text(),
                "token": self.token.text(),
                "connect_timeout_s": float(self.connect_timeout.value() or 1.0),
                "read_timeout_s": float(self.read_timeout.value() or 5.0),
            }
        )

    def _clear(self) -> None:
        self.url.set_text("")
        self.token.set_text("")
        self._save()

    def offer_restart(self, on: bool) -> None:
        self.restart_button.setVisible(on)

    def fields_by_key(self) -> dict[str, Field]:
        return {"server.url": self.url, "server.token": self.token}
