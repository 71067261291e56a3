"""Where the application wizard opens: its remembered size and place, else a comfortable
size, and always all of it (frame and buttons included) on the available area of its
screen (QScreen.availableGeometry); the pages scroll when the screen is small."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

_FRAME_GUESS_W, _FRAME_GUESS_H = 16, 48  # window frame and title bar before it is shown


def _available(window: QWidget) -> QRect:
    parent = window.parentWidget()
    screen = (
        (window.screen() if window.isVisible() else None)
        or (parent.screen() if parent is not None else None)
        or QGuiApplication.primaryScreen()
    )
    return screen.availableGeometry()


def _frame_extra(window: QWidget) -> tuple[int, int]:
    if window.isVisible():
        frame, inner = window.frameGeometry(), window.geometry()
        return frame.width() - inner.width(), frame.height() - inner.height()
    return _FRAME_GUESS_W, _FRAME_GUESS_H


def place_on_screen(window: QWidget, saved: QByteArray | None) -> None:
    """The `saved` size and place, else a comfortable size; either way no larger than the
    available screen area of the current screen."""
    if saved is None or not window.restoreGeometry(saved):
        window.resize(
            window.fontMetrics().averageCharWidth() * 120, window.fontMetrics().lineSpacing() * 38
        )
    fit_to_screen(window)


def fit_to_screen(window: QWidget) -> None:
    """Shrink (the pages scroll) and move `window` so that all of it, frame and buttons
    included, lies on the available area of its screen."""
    area = _available(window)
    extra_w, extra_h = _frame_extra(window)
    most_w, most_h = max(area.width() - extra_w, 200), max(area.height() - extra_h, 200)
    if window.width() > most_w or window.height() > most_h:
        window.resize(min(window.width(), most_w), min(window.height(), most_h))
    frame = window.frameGeometry()
    outer_w, outer_h = window.width() + extra_w, window.height() + extra_h
    x = min(max(frame.x(), area.left()), area.left() + area.width() - outer_w)
    y = min(max(frame.y(), area.top()), area.top() + area.height() - outer_h)
    if (x, y) != (frame.x(), frame.y()):
        window.move(x, y)
