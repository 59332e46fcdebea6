"""Building blocks of the staff and technician screens: choice rows, text fields typed on
an on-screen keyboard, result notices. Same millimetre rules as the visitor screens."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypeVar

from PySide6.QtCore import QEvent, QObject, QSize, Qt, Signal
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QButtonGroup,
    QGridLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QScroller,
    QScrollerProperties,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from kiosk.i18n import shown
from kiosk.screens import theme
from kiosk.screens.keyboard import CLEAR, DELETE
from kiosk.screens.theme import Metrics
from kiosk.screens.widgets import Said, WordButton, WordLabel, button, card, icon, label, words_of
from mpp_core.i18n import Joined, Plain, Text, Words

AreaT = TypeVar("AreaT", bound=QScrollArea)
ButtonT = TypeVar("ButtonT", bound=QPushButton)

# Words more than one staff screen uses.
SAVE = Text("Simpan", "Save")
CANCEL = Text("Batal", "Cancel")
DONE = Text("Selesai", "Done")
RESTART_NOW = Text("Mulai ulang sekarang", "Restart now")
SHIFT = Text("Huruf besar", "Shift")

# Staff-only colour tokens (each text/background pair is tested >= 7:1 with the theme's).
OK_BG = "#E3F1E7"
OK_TEXT = "#0A3D1D"
STAFF_TEXT_PAIRS: tuple[tuple[str, str], ...] = (
    (OK_TEXT, OK_BG),
    (theme.ON_PRIMARY, theme.PRIMARY),
    (theme.TEXT, theme.SURFACE),
)


def staff_style(m: Metrics) -> str:
    """Added to the staff overlay: chosen options, result notices, the header."""
    r = m.px(3)
    return f"""
    QPushButton[kind="choice"]:checked {{ background: {theme.PRIMARY}; color: {theme.ON_PRIMARY};
        border: 2px solid {theme.PRIMARY}; }}
    QPushButton[kind="tab"] {{ font-size: {m.body}px; }}
    QPushButton[kind="tab"]:checked {{ background: {theme.PRIMARY}; color: {theme.ON_PRIMARY};
        border: 2px solid {theme.PRIMARY}; }}
    QLabel[role="ok"] {{ background: {OK_BG}; color: {OK_TEXT}; padding: {m.px(3)}px;
        border-radius: {r}px; font-size: {m.label}px; font-weight: bold; }}
    #staff-header {{ background: {theme.SURFACE}; border-bottom: 2px solid {theme.BORDER}; }}
    """


def taps_at_once(area: AreaT) -> AreaT:
    """Deliver presses inside a flickable area at once. With QScroller's default 0.25 s press
    delay, quick taps (and presses held longer than the delay) on buttons in a scrollable
    area were lost in tests; a form is tapped far more than it is flung."""
    scroller = QScroller.scroller(area.viewport())
    props = scroller.scrollerProperties()
    props.setScrollMetric(QScrollerProperties.ScrollMetric.MousePressEventDelay, 0.0)
    scroller.setScrollerProperties(props)
    return area


class StaffPage(QWidget):
    """A staff screen. Its labels, buttons and fields keep their words and reword themselves
    when the language changes (kiosk.i18n)."""

    def __init__(self, m: Metrics) -> None:
        super().__init__()
        self.setObjectName("Screen")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.m = m


def section_title(text: Said | None = None) -> WordLabel:
    lab = label(text, "label")
    lab.setStyleSheet("font-weight: bold;")
    return lab


class Notice(WordLabel):
    """The result of the last action: stays until the next one (no timeout)."""

    def __init__(self) -> None:
        super().__init__()
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        self.setObjectName("staff-notice")
        self.hide()

    def show_words(self, words: Said | None, ok: bool) -> None:
        self.setProperty("role", "ok" if ok else "error")
        self.style().unpolish(self)
        self.style().polish(self)
        self.say(words, name=words)
        self.setVisible(bool(self.text()))

    def clear_notice(self) -> None:
        self.say(None)
        self.hide()


def checkable(b: ButtonT, m: Metrics) -> ButtonT:
    """A choice button: chosen shows a tick as well as the colour (never colour alone)."""
    b.setCheckable(True)
    b.setProperty("kind", "choice")
    b.setIconSize(QSize(m.px(7), m.px(7)))
    tick = icon("check", m.icon, theme.ON_PRIMARY)
    b.toggled.connect(lambda on: b.setIcon(tick if on else QIcon()))
    return b


class ChoiceRow(QWidget):
    """Exclusive choices as touch buttons in a grid (a segmented control)."""

    chosen = Signal(object)  # the value of the chosen option

    def __init__(self, m: Metrics, name: str, columns: int = 4, wrap: int = 0) -> None:
        super().__init__()
        self.m = m
        self.name = name
        self.columns = columns
        self.wrap = wrap  # break long option words into lines of about this many characters
        self.grid = QGridLayout(self)
        self.grid.setContentsMargins(0, 0, 0, 0)
        self.grid.setSpacing(m.px(3))
        for c in range(columns):
            self.grid.setColumnStretch(c, 1)
        self.group = QButtonGroup(self)
        self.group.setExclusive(True)
        self.buttons: list[tuple[object, WordButton]] = []
        self.group.buttonClicked.connect(self._clicked)

    def set_options(self, options: Sequence[tuple[object, Said]]) -> None:
        """(value, words) pairs; keeps the current choice when it is still offered."""
        current = self.value()
        for _v, b in self.buttons:
            self.group.removeButton(b)
            self.grid.removeWidget(b)
            b.hide()  # gone at once, not only when the deferred delete comes
            b.deleteLater()
        self.buttons = []
        for i, (value, text) in enumerate(options):
            b = checkable(button(None, f"{self.name}-{i}", self.m), self.m)
            b.wrap = self.wrap
            b.say(text)
            b.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
            self.group.addButton(b, i)
            self.grid.addWidget(b, i // self.columns, i % self.columns)
            self.buttons.append((value, b))
        if current is not None:
            self.set_value(current)

    def _clicked(self, b: QPushButton) -> None:
        for value, other in self.buttons:
            if other is b:
                self.chosen.emit(value)

    def value(self) -> Any:
        for value, b in self.buttons:
            if b.isChecked():
                return value
        return None

    def set_value(self, value: object) -> None:
        for v, b in self.buttons:
            b.setChecked(v == value)

    def button_for(self, value: object) -> QPushButton | None:
        for v, b in self.buttons:
            if v == value:
                return b
        return None


class ToggleRow(QWidget):
    """Several on/off choices (e.g. weekdays): each button toggles."""

    changed = Signal()

    def __init__(
        self, m: Metrics, name: str, options: Sequence[tuple[str, Said]], columns: int = 7
    ) -> None:
        super().__init__()
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(m.px(3))
        self.buttons: dict[str, WordButton] = {}
        for i, (value, text) in enumerate(options):
            b = checkable(button(text, f"{name}-{value}", m), m)
            b.toggled.connect(self.changed)
            grid.addWidget(b, i // columns, i % columns)
            self.buttons[value] = b
        for c in range(columns):
            grid.setColumnStretch(c, 1)

    def values(self) -> list[str]:
        return [v for v, b in self.buttons.items() if b.isChecked()]

    def set_values(self, values: Sequence[str]) -> None:
        for v, b in self.buttons.items():
            b.setChecked(v in values)


class Field(QWidget):
    """A labelled text field with its own message line (typed on the form keyboard)."""

    def __init__(
        self,
        m: Metrics,
        name: str,
        title: Said | None = None,
        *,
        secret: bool = False,
        max_length: int = 200,
    ) -> None:
        super().__init__()
        self._title: Words | None = None
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(m.px(1.5))
        self.title = section_title()
        lay.addWidget(self.title)
        self.edit = QLineEdit()
        self.edit.setObjectName(name)
        self.edit.setMaxLength(max_length)
        if secret:
            self.edit.setEchoMode(QLineEdit.EchoMode.PasswordEchoOnEdit)
        lay.addWidget(self.edit)
        self.problem = label("", "error")
        self.problem.setObjectName(f"{name}-problem")
        self.problem.hide()
        lay.addWidget(self.problem)
        self.set_title(title)

    def set_title(self, text: Said | None) -> None:
        self._title = words_of(text)
        self.title.say(self._title)
        self.edit.setAccessibleName(self.title.text())

    def text(self) -> str:
        return self.edit.text().strip()

    def set_text(self, text: str) -> None:
        self.edit.setText(text)

    def set_problem(self, words: Words | None) -> None:
        self.problem.say(words)
        self.problem.setVisible(words is not None)

    def changeEvent(self, e: QEvent) -> None:
        if e.type() == QEvent.Type.LanguageChange:
            self.edit.setAccessibleName(self._title(shown()) if self._title else "")
        super().changeEvent(e)


KEY_ROWS = ("1234567890", "qwertyuiop", "asdfghjkl:", "zxcvbnm./-", "_~@")


class FormKeyboard(QWidget):
    """Letters (with Shift), digits and the symbols addresses, paths and tokens need.

    The keys take no focus, so the field being typed keeps its cursor."""

    key = Signal(str)
    backspace = Signal()
    clear = Signal()
    done = Signal()

    def __init__(self, m: Metrics) -> None:
        super().__init__()
        self.setObjectName("form-keyboard")
        self.m = m
        self.shifted = False
        grid = QGridLayout(self)
        grid.setContentsMargins(0, 0, 0, 0)
        grid.setSpacing(m.px(3))
        self.keys: dict[str, WordButton] = {}
        for r, row in enumerate(KEY_ROWS):
            for c, ch in enumerate(row):
                b = button(ch.upper() if ch.isalpha() else ch, f"fkey-{ch}", m, kind="key")
                b.setFocusPolicy(Qt.FocusPolicy.NoFocus)
                b.clicked.connect(lambda _=False, k=ch: self._type(k))
                grid.addWidget(b, r, c)
                self.keys[ch] = b
        last = len(KEY_ROWS)  # the word keys have a row of their own
        self.shift = checkable(button(SHIFT, "fkey-shift", m), m)
        self.shift.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.shift.toggled.connect(self._shift)
        grid.addWidget(self.shift, last, 0, 1, 3)
        self.clear_button = button(CLEAR, "fkey-clear", m, icon_name="close")
        self.clear_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.clear_button.clicked.connect(self.clear)
        grid.addWidget(self.clear_button, last, 3, 1, 3)
        self.back = button(DELETE, "fkey-backspace", m)
        self.back.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.back.clicked.connect(self.backspace)
        grid.addWidget(self.back, last, 6, 1, 2)
        self.done_button = button(DONE, "fkey-done", m, kind="primary")
        self.done_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.done_button.clicked.connect(self.done)
        grid.addWidget(self.done_button, last, 8, 1, 2)
        for c in range(10):
            grid.setColumnStretch(c, 1)
        self.setMaximumWidth(10 * m.px(24) + 9 * m.px(3))

    def _type(self, ch: str) -> None:
        self.key.emit(ch.upper() if self.shifted and ch.isalpha() else ch)
        if self.shifted:
            self.shift.setChecked(False)

    def _shift(self, on: bool) -> None:
        self.shifted = on
        for ch, b in self.keys.items():
            if ch.isalpha():
                b.say(ch.upper() if on else ch)


class KeyboardHost(QObject):
    """Connects a FormKeyboard to the fields of a form: the keyboard types into the field
    last touched, appears when a field is touched and hides on Done."""

    def __init__(self, keyboard: FormKeyboard, fields: Sequence[Field]) -> None:
        super().__init__(keyboard)
        self.keyboard = keyboard
        self.fields = list(fields)
        self.active: QLineEdit | None = None
        for f in self.fields:
            f.edit.installEventFilter(self)
        keyboard.key.connect(self._key)
        keyboard.backspace.connect(self._backspace)
        keyboard.clear.connect(self._clear)
        keyboard.done.connect(self.close)
        keyboard.hide()

    def eventFilter(self, obj: QObject, e: QEvent) -> bool:
        if e.type() in (QEvent.Type.FocusIn, QEvent.Type.MouseButtonPress) and isinstance(
            obj, QLineEdit
        ):
            self.open(obj)
        return False

    def open(self, edit: QLineEdit) -> None:
        self.active = edit
        self.keyboard.show()

    def close(self) -> None:
        self.keyboard.hide()
        if self.active is not None:
            self.active.clearFocus()
        self.active = None

    def _key(self, ch: str) -> None:
        if self.active is not None:
            self.active.insert(ch)

    def _backspace(self) -> None:
        if self.active is not None:
            self.active.backspace()

    def _clear(self) -> None:
        if self.active is not None:
            self.active.clear()


def form_card(m: Metrics) -> tuple[QWidget, QVBoxLayout]:
    box = card()
    lay = QVBoxLayout(box)
    lay.setContentsMargins(m.px(4), m.px(3), m.px(4), m.px(4))
    lay.setSpacing(m.px(3))
    return box, lay


def row(*widgets: QWidget, spacing: int = 0) -> QHBoxLayout:
    r = QHBoxLayout()
    r.setSpacing(spacing)
    for w in widgets:
        r.addWidget(w)
    return r


class FormScreen(StaffPage):
    """A technician's form: a result line, the fields (scrolling) with the keyboard beside
    them (landscape) or under them (portrait), and the form's buttons at the foot."""

    def __init__(self, m: Metrics, portrait: bool) -> None:
        super().__init__(m)
        lay = QVBoxLayout(self)
        lay.setContentsMargins(m.margin, m.gap, m.margin, m.gap)
        lay.setSpacing(m.gap)
        self.notice = Notice()
        lay.addWidget(self.notice)
        body = QHBoxLayout() if not portrait else QVBoxLayout()
        body.setSpacing(m.gap)
        host = QWidget()
        self.form = QVBoxLayout(host)
        self.form.setContentsMargins(0, 0, m.px(6), 0)
        self.form.setSpacing(m.gap)
        from kiosk.screens.widgets import KineticScroll

        self.area = taps_at_once(KineticScroll(host))
        body.addWidget(self.area, 1)
        self.keyboard = FormKeyboard(m)
        body.addWidget(self.keyboard)
        lay.addLayout(body, 1)
        self.foot = QHBoxLayout()
        self.foot.setSpacing(m.gap)
        lay.addLayout(self.foot)
        self.keys: KeyboardHost | None = None

    def attach_keyboard(self, fields: Sequence[Field]) -> None:
        self.keys = KeyboardHost(self.keyboard, fields)

    def add_card(self) -> QVBoxLayout:
        box, lay = form_card(self.m)
        self.form.addWidget(box)
        return lay

    def show_result(self, words: Words, ok: bool) -> None:
        self.notice.show_words(words, ok)

    def show_problems(self, problems: Sequence[tuple[str, Words]]) -> None:
        """(field name, words) pairs: each shown under its field, the first one on top (a
        problem of a key the form has no field for is shown there with its key)."""
        fields = self.fields_by_key()
        for f in fields.values():
            f.set_problem(None)
        unplaced: list[Words] = []
        for key, words in problems:
            field = fields.get(key)
            if field is not None:
                field.set_problem(words)
            else:
                unplaced.append(Joined((Plain(key), words), ": "))
        if problems:
            self.notice.show_words(problems[0][1] if not unplaced else unplaced[0], False)

    def fields_by_key(self) -> dict[str, Field]:  # pragma: no cover - overridden
        return {}


class Stepper(QWidget):
    """A value picked from a list with − and + (e.g. a time in half hours)."""

    changed = Signal(object)

    def __init__(self, m: Metrics, name: str, options: Sequence[tuple[object, Said]]) -> None:
        super().__init__()
        self.options = list(options)
        self.index = 0
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(m.px(3))
        self.minus = button("−", f"{name}-less", m, kind="key")
        self.minus.clicked.connect(lambda: self._step(-1))
        self.value_label = label("", "title", wrap=False)
        self.value_label.setObjectName(f"{name}-value")
        self.value_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.value_label.setMinimumWidth(m.px(30))
        self.plus = button("+", f"{name}-more", m, kind="key")
        self.plus.clicked.connect(lambda: self._step(1))
        lay.addWidget(self.minus)
        lay.addWidget(self.value_label)
        lay.addWidget(self.plus)
        lay.addStretch(1)
        self._show()

    def set_names(self, less: Words, more: Words) -> None:
        self.minus.say("−", name=less)
        self.plus.say("+", name=more)

    def _step(self, d: int) -> None:
        self.index = max(0, min(len(self.options) - 1, self.index + d))
        self._show()
        self.changed.emit(self.value())

    def _show(self) -> None:
        self.value_label.say(self.options[self.index][1] if self.options else None)
        self.minus.setEnabled(self.index > 0)
        self.plus.setEnabled(self.index < len(self.options) - 1)

    def value(self) -> Any:
        return self.options[self.index][0] if self.options else None

    def set_value(self, value: object) -> None:
        for i, (v, _t) in enumerate(self.options):
            if v == value:
                self.index = i
        self._show()
