"""Keeping windows on the screen they open on: a wanted size shrinks to the available
screen area (a 1366×768 laptop at 150 % leaves about 910×480 logical pixels), and a
remembered geometry from a larger screen is pulled back inside it."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget

#: Room kept free for the window frame and title bar, in logical pixels.
FRAME_MARGIN = 32


def available_area(widget: QWidget) -> QRect:
    """The part of the widget's screen (else the primary screen) not taken by task bars."""
    screen = widget.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1024, 700)


def fit_size(widget: QWidget, width: int, height: int) -> None:
    """Resize to `width`×`height`, or less when the screen is smaller (frame included)."""
    area = available_area(widget)
    widget.resize(
        max(1, min(width, area.width() - FRAME_MARGIN)),
        max(1, min(height, area.height() - FRAME_MARGIN)),
    )


def clamp_to_screen(widget: QWidget) -> None:
    """Shrink and move the widget so that it, with its frame, lies inside the available
    screen area."""
    area = available_area(widget)
    width = min(widget.width(), area.width() - FRAME_MARGIN)
    height = min(widget.height(), area.height() - FRAME_MARGIN)
    if (width, height) != (widget.width(), widget.height()):
        widget.resize(max(1, width), max(1, height))
    frame = widget.frameGeometry()
    x = min(max(frame.x(), area.left()), area.right() + 1 - frame.width())
    y = min(max(frame.y(), area.top()), area.bottom() + 1 - frame.height())
    if (x, y) != (frame.x(), frame.y()):
        widget.move(max(area.left(), x), max(area.top(), y))


def restore_or_fit(widget: QWidget, geometry: QByteArray | None, width: int, height: int) -> None:
    """The remembered geometry if there is one, else `width`×`height`; either way kept
    inside the available screen area."""
    if geometry is None or not widget.restoreGeometry(geometry):
        fit_size(widget, width, height)
    clamp_to_screen(widget)
