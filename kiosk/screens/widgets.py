"""Building blocks shared by the screens: worded labels and buttons, icons, tiles, rows, QR
codes, kinetic scrolling.

Widgets keep the words they show (``mpp_core.i18n`` words: a ``Text`` with its values, a
catalog name), not strings, and reword themselves when the language changes
(``kiosk.i18n.LanguageSwitch`` sends them a ``LanguageChange`` event).
"""

from __future__ import annotations

import textwrap
from functools import lru_cache

from PySide6.QtCore import QByteArray, QEvent, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QIcon,
    QImage,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPixmap,
)
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import (
    QAbstractButton,
    QFrame,
    QLabel,
    QPushButton,
    QScrollArea,
    QScroller,
    QScrollerProperties,
    QSizePolicy,
    QWidget,
)

from kiosk.i18n import shown
from kiosk.screens import theme
from kiosk.screens.theme import Metrics
from mpp_core.i18n import Plain, Words, said

Said = Words | str  # words, or a string that is the same in every language (a number, a code)


def words_of(text: Said | None) -> Words | None:
    """Words for ``text``: a string is the same in every language; "" is nothing."""
    if isinstance(text, str):
        return Plain(text) if text else None
    return text


@lru_cache(maxsize=256)
def _svg_bytes(name: str, color: str) -> bytes:
    path = theme.ASSETS / "icons" / f"{name}.svg"
    try:
        text = path.read_text(encoding="utf-8")
    except OSError:
        text = (theme.ASSETS / "icons" / "help.svg").read_text(encoding="utf-8")
    return text.replace("#FFFFFF", color).encode()


@lru_cache(maxsize=512)
def icon_pixmap(name: str, size: int, color: str = "#FFFFFF") -> QPixmap:
    renderer = QSvgRenderer(QByteArray(_svg_bytes(name, color)))
    pm = QPixmap(size, size)
    pm.fill(Qt.GlobalColor.transparent)
    p = QPainter(pm)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(p)
    p.end()
    return pm


def icon(name: str, size: int, color: str = "#FFFFFF") -> QIcon:
    return QIcon(icon_pixmap(name, size, color))


class WordLabel(QLabel):
    """A label that keeps the words it shows (and, if given, its accessible name) and
    rewords itself when the language changes."""

    def __init__(self, text: Said | None = None) -> None:
        super().__init__()
        self._words: Words | None = None
        self._name: Words | None = None
        self.say(text)

    @property
    def words(self) -> Words | None:
        return self._words

    def say(self, text: Said | None, name: Said | None = None) -> None:
        """Show ``text`` (words, or a string the same in every language); ``name`` is the
        accessible name when it differs from the text."""
        self._words, self._name = words_of(text), words_of(name)
        self._reword()

    def _reword(self) -> None:
        lang = shown()
        self.setText(said(self._words, lang))
        if self._name is not None:
            self.setAccessibleName(self._name(lang))

    def changeEvent(self, e: QEvent) -> None:
        if e.type() == QEvent.Type.LanguageChange:
            self._reword()
        super().changeEvent(e)


class WordButton(QPushButton):
    """A touch button that keeps its words (and accessible name) and rewords itself when
    the language changes. ``wrap`` breaks long words into lines of about that many
    characters (the accessible name stays one line)."""

    def __init__(self, text: Said | None = None, wrap: int = 0) -> None:
        super().__init__()
        self.wrap = wrap
        self._words: Words | None = None
        self._name: Words | None = None
        self.say(text)

    @property
    def words(self) -> Words | None:
        return self._words

    def say(self, text: Said | None, name: Said | None = None) -> None:
        self._words, self._name = words_of(text), words_of(name)
        self._reword()

    def _reword(self) -> None:
        lang = shown()
        text = said(self._words, lang)
        shown_text = "\n".join(textwrap.wrap(text, self.wrap)) if self.wrap else text
        self.setText(shown_text or text)
        self.setAccessibleName(said(self._name, lang) if self._name is not None else text)

    def changeEvent(self, e: QEvent) -> None:
        if e.type() == QEvent.Type.LanguageChange:
            self._reword()
        super().changeEvent(e)


def label(text: Said | None = None, role: str | None = None, wrap: bool = True) -> WordLabel:
    lab = WordLabel(text)
    if role:
        lab.setProperty("role", role)
    lab.setWordWrap(wrap)
    lab.setTextFormat(Qt.TextFormat.PlainText)  # catalog text is never markup
    return lab


def button(
    text: Said | None,
    name: str,
    m: Metrics,
    kind: str | None = None,
    icon_name: str | None = None,
    icon_color: str = theme.TEXT,
) -> WordButton:
    """A touch button: words always, an icon where it helps, an accessible name for tests,
    speech and screen readers."""
    b = WordButton(text)
    b.setObjectName(name)
    if kind:
        b.setProperty("kind", kind)
    if icon_name:
        color = theme.ON_PRIMARY if kind in ("primary", "go", "priority") else icon_color
        b.setIcon(icon(icon_name, m.icon, color))
        side = m.px(12) if kind == "go" else m.px(9)
        b.setIconSize(QSize(side, side))
    b.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
    b.setAutoRepeat(False)
    return b


def card() -> QFrame:
    f = QFrame()
    f.setProperty("role", "card")
    return f


class KineticScroll(QScrollArea):
    """A scroll area a finger can fling (QScroller), pixel-precise."""

    def __init__(self, content: QWidget) -> None:
        super().__init__()
        self.setWidgetResizable(True)
        self.setWidget(content)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)
        vp = self.viewport()
        QScroller.grabGesture(vp, QScroller.ScrollerGestureType.LeftMouseButtonGesture)
        scroller = QScroller.scroller(vp)
        props = scroller.scrollerProperties()
        props.setScrollMetric(QScrollerProperties.ScrollMetric.OvershootDragResistanceFactor, 0.3)
        props.setScrollMetric(
            QScrollerProperties.ScrollMetric.DragStartDistance,
            0.006,  # metres: 6 mm
        )
        # Deliver presses at once: QScroller's default delay swallows quick taps on the
        # buttons inside a list that can scroll.
        props.setScrollMetric(QScrollerProperties.ScrollMetric.MousePressEventDelay, 0)
        scroller.setScrollerProperties(props)

    def to_top(self) -> None:
        self.verticalScrollBar().setValue(0)


class TileButton(QAbstractButton):
    """A gerai tile: colour, icon, queue prefix, name and a status line, painted directly
    (cheaper than nested widgets when the grid is shown)."""

    def __init__(self, m: Metrics, code: str) -> None:
        super().__init__()
        self.m = m
        self.code = code
        self.setObjectName(f"gerai-{code}")
        self.color = QColor(theme.PRIMARY)
        self.text_color = QColor(theme.ON_PRIMARY)
        self.icon_name = "help"
        self.prefix = ""
        self._title: Words = Plain("")
        self._status: Words = Plain("")
        self.planned = False
        self.setFont(theme.font(m, m.body, bold=True))
        self.setMinimumSize(m.px(40), m.px(30))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    @property
    def title(self) -> str:
        return self._title(shown())

    @property
    def status(self) -> str:
        return self._status(shown())

    def set_content(
        self,
        *,
        color: str,
        icon_name: str,
        prefix: str,
        title: Words,
        status: Words,
        planned: bool,
    ) -> None:
        self.planned = planned
        self.color = QColor(theme.PLANNED_BG if planned else color)
        self.text_color = QColor(theme.PLANNED_TEXT if planned else theme.ON_PRIMARY)
        self.icon_name, self.prefix, self._title, self._status = icon_name, prefix, title, status
        self.setEnabled(not planned)
        self._reword()

    def _reword(self) -> None:
        title, status = self.title, self.status
        self.setText(f"{self.prefix} {title}")
        self.setAccessibleName(f"{title}, {self.prefix}. {status}".strip())
        self.update()

    def changeEvent(self, e: QEvent) -> None:
        if e.type() == QEvent.Type.LanguageChange:
            self._reword()
        super().changeEvent(e)

    def sizeHint(self) -> QSize:
        return QSize(self.m.px(60), self.m.px(38))

    def paintEvent(self, _e: QPaintEvent) -> None:
        m = self.m
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        r = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        path = QPainterPath()
        path.addRoundedRect(r, m.px(3), m.px(3))
        fill = self.color.darker(130) if self.isDown() else self.color
        p.fillPath(path, fill)
        if self.hasFocus():
            p.setPen(QColor(theme.TEXT))
            p.drawPath(path)
        pad = m.px(2.5)
        # Left column: the icon, and under it the queue prefix in large letters.
        ic = min(m.icon, int(r.height() * 0.4))
        big = QFont(self.font())
        big.setPixelSize(m.title)
        prefix_w = QFontMetricsF(big).horizontalAdvance(self.prefix)
        col_w = max(ic, m.px(14), int(prefix_w) + 2)
        tc = self.text_color.name()
        p.drawPixmap(
            int(r.left() + pad + (col_w - ic) / 2),
            int(r.top() + pad),
            icon_pixmap(self.icon_name, ic, tc),
        )
        p.setPen(self.text_color)
        p.setFont(big)
        p.drawText(
            QRectF(r.left() + pad, r.top() + pad + ic, col_w, r.height() - 2 * pad - ic),
            int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignVCenter),
            self.prefix,
        )
        # Right: the name (two lines at most) and a status line at the foot.
        left = r.left() + 2 * pad + col_w
        width = r.right() - pad - left
        p.setFont(self.font())
        line_h = p.fontMetrics().height()
        title, status = self.title, self.status
        status_h = line_h if status else 0
        name_rect = QRectF(left, r.top() + pad, width, r.height() - 2 * pad - status_h)
        p.drawText(
            name_rect,
            int(
                Qt.AlignmentFlag.AlignLeft
                | Qt.AlignmentFlag.AlignVCenter
                | Qt.TextFlag.TextWordWrap
            ),
            title,
        )
        if status:
            sf = QFont(self.font())
            sf.setBold(False)
            p.setFont(sf)
            status_rect = QRectF(left, r.bottom() - pad - line_h, width, line_h)
            elided = p.fontMetrics().elidedText(
                status, Qt.TextElideMode.ElideRight, int(status_rect.width())
            )
            p.drawText(status_rect, int(Qt.AlignmentFlag.AlignLeft), elided)
        p.end()


class ServiceRow(QAbstractButton):
    """One service in a list: its name (two lines at most) and a line of facts."""

    def __init__(self, m: Metrics, code: str) -> None:
        super().__init__()
        self.m = m
        self.code = code
        self.setObjectName(f"service-{code}")
        self._title: Words = Plain("")
        self._facts: Words = Plain("")
        self.setFont(theme.font(m, m.label, bold=True))
        self.small = theme.font(m, m.body)
        self.setFixedHeight(m.px(27))
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)

    @property
    def title(self) -> str:
        return self._title(shown())

    @property
    def facts(self) -> str:
        return self._facts(shown())

    def set_content(self, title: Words, facts: Words) -> None:
        self._title, self._facts = title, facts
        self._reword()

    def _reword(self) -> None:
        title = self.title
        self.setText(title)
        self.setAccessibleName(f"{title}. {self.facts}")
        self.update()

    def changeEvent(self, e: QEvent) -> None:
        if e.type() == QEvent.Type.LanguageChange:
            self._reword()
        super().changeEvent(e)

    def sizeHint(self) -> QSize:
        return QSize(self.m.px(120), self.m.px(27))

    def paintEvent(self, _e: QPaintEvent) -> None:
        m = self.m
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        r = QRectF(self.rect()).adjusted(1, 1, -1, -1)
        path = QPainterPath()
        path.addRoundedRect(r, m.px(3), m.px(3))
        p.fillPath(path, QColor(theme.PLANNED_BG if self.isDown() else theme.SURFACE))
        pen_color = QColor(theme.PRIMARY if self.hasFocus() else theme.BORDER)
        p.setPen(pen_color)
        p.drawPath(path)
        pad = m.px(3)
        arrow = m.px(9)
        p.drawPixmap(
            int(r.right() - arrow - pad),
            int(r.center().y() - arrow / 2),
            icon_pixmap("next", arrow, theme.PRIMARY),
        )
        p.setPen(QColor(theme.TEXT))
        p.setFont(self.font())
        fm = p.fontMetrics()
        text_w = r.width() - 3 * pad - arrow
        name_h = r.height() - 2 * pad - m.px(8)
        name_rect = QRectF(r.left() + pad, r.top() + pad * 0.7, text_w, name_h)
        title, facts = self.title, self.facts
        if fm.boundingRect(name_rect.toRect(), int(Qt.TextFlag.TextWordWrap), title).height() > (
            name_h
        ):
            title = fm.elidedText(title, Qt.TextElideMode.ElideRight, int(text_w * 1.9))
        p.drawText(
            name_rect,
            int(
                Qt.AlignmentFlag.AlignLeft
                | Qt.AlignmentFlag.AlignVCenter
                | Qt.TextFlag.TextWordWrap
            ),
            title,
        )
        p.setFont(self.small)
        p.setPen(QColor(theme.TEXT_MUTED))
        facts_rect = QRectF(r.left() + pad, r.bottom() - pad * 0.7 - m.px(8), text_w, m.px(8))
        p.drawText(
            facts_rect,
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            p.fontMetrics().elidedText(facts, Qt.TextElideMode.ElideRight, int(text_w)),
        )
        p.end()


def qr_matrix(payload: str) -> list[list[bool]]:
    """The QR code's modules (quiet zone included). Plain Python, safe on any thread.

    A fixed mask pattern skips qrcode's evaluation of all eight (about 20 ms on a slow
    kiosk CPU); every mask gives a valid, readable code.
    """
    import qrcode

    qr = qrcode.QRCode(border=2, error_correction=qrcode.constants.ERROR_CORRECT_M, mask_pattern=2)
    qr.add_data(payload)
    qr.make(fit=True)
    return [[bool(c) for c in row] for row in qr.get_matrix()]


class QrWidget(QWidget):
    """A QR code, drawn from its module matrix as one crisp scaled image."""

    def __init__(self, size_px: int) -> None:
        super().__init__()
        self.setFixedSize(size_px, size_px)
        self._image = QImage()
        self._payload = ""

    def set_payload(self, payload: str, matrix: list[list[bool]] | None = None) -> None:
        """Show ``payload``; pass ``matrix`` when it was computed off the GUI thread."""
        if payload == self._payload:
            return
        rows = matrix if matrix is not None else qr_matrix(payload)
        n = len(rows)
        img = QImage(n, n, QImage.Format.Format_Mono)
        img.setColor(0, QColor("#FFFFFF").rgb())
        img.setColor(1, QColor("#000000").rgb())
        for y, row in enumerate(rows):
            for x, on in enumerate(row):
                img.setPixel(x, y, 1 if on else 0)
        self._image = img
        self._payload = payload
        self.setAccessibleName(f"QR: {payload}")
        self.update()

    @property
    def payload(self) -> str:
        return self._payload

    def paintEvent(self, _e: QPaintEvent) -> None:
        p = QPainter(self)
        p.fillRect(self.rect(), QColor("#FFFFFF"))
        if not self._image.isNull():
            side = min(self.width(), self.height())
            p.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform, False)
            p.drawImage(QRectF(0, 0, side, side), self._image)
        p.end()


class FittedImage(QWidget):
    """An image scaled to fit the space it is given (never asks for more)."""

    def __init__(self) -> None:
        super().__init__()
        self._pixmap = QPixmap()
        self._scaled = QPixmap()
        self.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Ignored)

    def set_image(self, path: str) -> bool:
        # Through QImage: QPixmap(path) would also keep every slip in QPixmapCache.
        image = QImage(path)
        self._pixmap = QPixmap.fromImage(image) if not image.isNull() else QPixmap()
        self._scaled = QPixmap()
        self.update()
        return not self._pixmap.isNull()

    def clear(self) -> None:
        self._pixmap = QPixmap()
        self._scaled = QPixmap()
        self.update()

    def paintEvent(self, _e: QPaintEvent) -> None:
        if self._pixmap.isNull():
            return
        scaled = self._scaled
        if scaled.isNull() or (scaled.width() != self.width() and scaled.height() != self.height()):
            scaled = self._pixmap.scaled(
                self.size(),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
            self._scaled = scaled
        p = QPainter(self)
        p.drawPixmap((self.width() - scaled.width()) // 2, 0, scaled)
        p.end()
