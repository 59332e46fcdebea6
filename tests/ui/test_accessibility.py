"""Sizes, spacing, text height, contrast and names, measured from the widgets themselves
(accessibility.md §5: T1, T2, X1, C1, S1), on every screen, both orientations and languages.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QColor, QFontMetricsF, QImage
from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from kiosk.screens import theme
from kiosk.settings.screen import PanelConfig
from mpp_core.catalog.files import DEFAULT_CATALOG_DIR
from mpp_core.domain.contrast import contrast_ratio, parse_hex_color

MIN_TARGET_MM = 20.0
MIN_GAP_MM = 2.5
MIN_CAP_MM = 4.8
MIN_CONTRAST = 7.0

PANELS = {
    "landscape": PanelConfig(21.5, 1920, 1080),
    "portrait": PanelConfig(21.5, 1080, 1920),
}


def visible_rect(window: QWidget, w: QWidget) -> QRect | None:
    """The part of ``w`` on screen now (scroll areas clip), or None."""
    if not w.isVisibleTo(window) or not w.isVisible():
        return None
    r = rect_in(window, w)
    parent = w.parentWidget()
    while parent is not None and parent is not window:
        if parent.objectName() == "qt_scrollarea_viewport":
            vp = rect_in(window, parent)
            if not vp.intersects(r):
                return None
            r = r.intersected(vp)
        parent = parent.parentWidget()
    return r if r.width() > 0 and r.height() > 0 else None


def visible_in(window: QWidget, w: QWidget) -> bool:
    return visible_rect(window, w) is not None


def rect_in(window: QWidget, w: QWidget) -> QRect:
    return QRect(w.mapTo(window, QPoint(0, 0)), w.size())


def targets(window: QWidget) -> Iterator[QAbstractButton]:
    overlay = window.findChild(QWidget, "idle-overlay")
    for w in window.findChildren(QAbstractButton):
        if not visible_in(window, w):
            continue
        if overlay is not None and overlay.isVisible() and not overlay.isAncestorOf(w):
            continue  # covered by the idle question
        yield w


def gap_px(a: QRect, b: QRect) -> float:
    dx = max(b.left() - a.right() - 1, a.left() - b.right() - 1, 0)
    dy = max(b.top() - a.bottom() - 1, a.top() - b.bottom() - 1, 0)
    return float((dx * dx + dy * dy) ** 0.5)


def screen_problems(
    root: QWidget,
    found: list[QAbstractButton],
    panel: PanelConfig,
    *,
    whole_only: bool = False,
    extra: Callable[[QAbstractButton], str | None] | None = None,
) -> list[str]:
    """Everything on one screen that breaks the numbers: the screen fits the panel; each
    target has a name and words, is 20 mm across and has 4.8 mm capitals (``whole_only``:
    sizes only for targets wholly on screen); targets are 2.5 mm apart; labels have 4.8 mm
    capitals. Shared with the staff screens' test."""
    mm = panel.mm_per_px
    problems: list[str] = []
    hint = root.minimumSizeHint()
    if hint.width() > panel.width_px or hint.height() > panel.height_px:
        problems.append(f"needs {hint.width()}x{hint.height()} px, more than the panel")
    assert found, "no targets on screen"
    for t in found:
        label = t.accessibleName() or t.text()
        if not t.accessibleName().strip():
            problems.append(f"{t.objectName()}: no accessible name")
        if not t.text().strip():
            problems.append(f"{t.objectName()}: no words on the button")
        whole = visible_rect(root, t) == rect_in(root, t)
        if (whole or not whole_only) and (
            t.width() * mm < MIN_TARGET_MM or t.height() * mm < MIN_TARGET_MM
        ):
            problems.append(f"{label!r}: {t.width() * mm:.1f} x {t.height() * mm:.1f} mm")
        cap = QFontMetricsF(t.font()).capHeight() * mm
        if cap < MIN_CAP_MM:
            problems.append(f"{label!r}: capitals {cap:.2f} mm")
        if extra is not None and (more := extra(t)):
            problems.append(f"{label!r}: {more}")
    rects = [(t, visible_rect(root, t) or QRect()) for t in found]
    for i, (a, ra) in enumerate(rects):
        for b, rb in rects[i + 1 :]:
            g = gap_px(ra, rb) * mm
            if g < MIN_GAP_MM:
                problems.append(f"{a.objectName()} / {b.objectName()}: {g:.1f} mm apart")
    for lab in root.findChildren(QLabel):
        if not lab.text().strip() or not visible_in(root, lab):
            continue
        cap = QFontMetricsF(lab.font()).capHeight() * mm
        if cap < MIN_CAP_MM:
            problems.append(f"label {lab.text()[:30]!r}: capitals {cap:.2f} mm")
    return problems


def screens(k) -> Iterator[str]:  # type: ignore[no-untyped-def]
    f, w = k.flow, k.window
    f.go_home()
    yield "welcome"
    f.start()
    yield "gerai"
    first = next(g for g in k.catalog.current.gerai if g.selectable and g.issues_numbers)
    f.choose_gerai(first.code)
    yield "services"
    f.open_search()
    w.search.field.setText("ktp")
    yield "search"
    svc = max((s for s in first.services if s.needs_queue), key=lambda s: len(s.requirements))
    f.choose_service(svc.code)
    yield "detail"
    f.idle._warn()
    yield "idle"
    f.idle.extend()
    f.take_number(None)
    k.runner._pool.submit(lambda: None).result()
    from PySide6.QtWidgets import QApplication

    QApplication.processEvents()
    QApplication.processEvents()
    yield "ticket"


def settle(qtbot) -> None:  # type: ignore[no-untyped-def]
    qtbot.wait(10)


@pytest.mark.parametrize("orientation", ["landscape", "portrait"])
@pytest.mark.parametrize("lang", ["id", "en"])
def test_every_screen_meets_the_numbers(qtbot, kiosk_factory, orientation: str, lang: str) -> None:  # type: ignore[no-untyped-def]
    panel = PANELS[orientation]
    k = kiosk_factory(panel=panel, catalog_dir=DEFAULT_CATALOG_DIR, language=lang)
    window = k.window
    seen = 0
    for name in screens(k):
        if k.flow.language.lang != lang:
            k.flow.set_language(lang)
        settle(qtbot)
        problems = screen_problems(window, list(targets(window)), panel)
        assert problems == [], f"{orientation}/{lang}/{name}: " + "; ".join(problems[:12])
        seen += 1
    assert seen == 7


def test_ticket_number_is_far_larger(qtbot, kiosk_factory) -> None:  # type: ignore[no-untyped-def]
    k = kiosk_factory()
    mm = k.config.panel.mm_per_px
    list(screens(k))
    cap = QFontMetricsF(k.window.ticket.number.font()).capHeight() * mm
    assert cap >= 6 * MIN_CAP_MM
    assert k.window.ticket.number.width() * mm > 100


def test_theme_text_pairs_reach_7_to_1() -> None:
    for fg, bg in theme.TEXT_PAIRS:
        ratio = contrast_ratio(parse_hex_color(fg), parse_hex_color(bg))
        assert ratio >= MIN_CONTRAST, (fg, bg, round(ratio, 2))


def test_gerai_colours_reach_7_to_1_with_white(default_catalog) -> None:  # type: ignore[no-untyped-def]
    for g in default_catalog.gerai:
        assert contrast_ratio(parse_hex_color(g.color), (255, 255, 255)) >= MIN_CONTRAST, g.code


def _rendered_contrast(img: QImage) -> float:
    """Background = the most common colour; text = the pixel that differs most from it."""
    counts: Counter[int] = Counter()
    step = max(1, img.width() * img.height() // 40000)
    pixels = [img.pixel(x, y) for y in range(img.height()) for x in range(0, img.width(), step)]
    counts.update(pixels)
    bg = QColor(counts.most_common(1)[0][0])
    bg_rgb = (bg.red(), bg.green(), bg.blue())
    best = 1.0
    for p in counts:
        c = QColor(p)
        best = max(best, contrast_ratio((c.red(), c.green(), c.blue()), bg_rgb))
    return best


def test_rendered_text_contrast(qtbot, kiosk_factory) -> None:  # type: ignore[no-untyped-def]
    """Grab each visible label and button as painted and measure its colours."""
    k = kiosk_factory(catalog_dir=DEFAULT_CATALOG_DIR)
    low: list[str] = []
    for name in screens(k):
        settle(qtbot)
        frame = k.window.grab().toImage()  # as painted, parents' backgrounds included
        overlay = k.window.idle
        widgets: list[QWidget] = [
            w
            for w in k.window.findChildren(QLabel)
            if w.text().strip()
            and (not overlay.isVisible() or overlay.isAncestorOf(w))  # not under the overlay
        ]
        widgets += list(targets(k.window))
        for w in widgets:
            r = visible_rect(k.window, w)
            if r is None or r != rect_in(k.window, w) or r.width() < 4 or r.height() < 4:
                continue  # measure what is wholly on screen
            ratio = _rendered_contrast(frame.copy(r))
            if ratio < MIN_CONTRAST:
                text = w.text() if hasattr(w, "text") else w.objectName()
                low.append(f"{name}: {text[:30]!r} {ratio:.1f}:1")
    assert low == []
