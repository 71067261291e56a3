"""Light, dark or the system's look, applied to the whole application.

The light and the dark palette keep every text colour at 4.5:1 or more against the
background it is drawn on (WCAG AA), disabled fields included, and `error_color` gives the
red for error messages that reaches the same on the window colour of either palette.
"""

from __future__ import annotations

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QStyleFactory

_original_palette: QPalette | None = None
_original_style: str | None = None
_applied = "system"  # what the application shows now

LIGHT_ERROR_COLOR = "#b3261e"  # 5.7:1 on the light window colour #efefef
DARK_ERROR_COLOR = "#ff8a80"  # 6.7:1 on the dark window colour #252526

_ALL_GROUPS = (
    QPalette.ColorGroup.Active,
    QPalette.ColorGroup.Inactive,
    QPalette.ColorGroup.Disabled,
)


def is_dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Window).lightnessF() < 0.5


def error_color(palette: QPalette | None = None) -> QColor:
    """The red for error text on `palette`'s window (default: the application's palette)."""
    if palette is None:
        palette = QApplication.palette()
    return QColor(DARK_ERROR_COLOR if is_dark(palette) else LIGHT_ERROR_COLOR)


def dark_palette() -> QPalette:
    p = QPalette()
    window, base, text = QColor(37, 37, 38), QColor(30, 30, 30), QColor(230, 230, 230)
    button = QColor(51, 51, 55)
    p.setColor(QPalette.ColorRole.Window, window)
    p.setColor(QPalette.ColorRole.WindowText, text)
    p.setColor(QPalette.ColorRole.Base, base)
    p.setColor(QPalette.ColorRole.AlternateBase, QColor(45, 45, 48))
    p.setColor(QPalette.ColorRole.ToolTipBase, QColor(60, 60, 60))
    p.setColor(QPalette.ColorRole.ToolTipText, text)
    p.setColor(QPalette.ColorRole.Text, text)
    p.setColor(QPalette.ColorRole.Button, button)
    p.setColor(QPalette.ColorRole.ButtonText, text)
    p.setColor(QPalette.ColorRole.BrightText, QColor(255, 138, 128))
    p.setColor(QPalette.ColorRole.Link, QColor(90, 170, 255))
    p.setColor(QPalette.ColorRole.LinkVisited, QColor(190, 150, 255))
    p.setColor(QPalette.ColorRole.Highlight, QColor(0, 99, 177))  # white on it: 6.1:1
    p.setColor(QPalette.ColorRole.HighlightedText, QColor(255, 255, 255))
    p.setColor(QPalette.ColorRole.PlaceholderText, QColor(160, 160, 160))
    # bevels and frames drawn by Fusion (the defaults are those of a light palette)
    p.setColor(QPalette.ColorRole.Light, QColor(80, 80, 84))
    p.setColor(QPalette.ColorRole.Midlight, QColor(66, 66, 70))
    p.setColor(QPalette.ColorRole.Mid, QColor(40, 40, 42))
    p.setColor(QPalette.ColorRole.Dark, QColor(24, 24, 25))
    p.setColor(QPalette.ColorRole.Shadow, QColor(10, 10, 10))
    disabled = QColor(166, 166, 166)  # 5.2:1 on the button colour, still dimmer than text
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        p.setColor(QPalette.ColorGroup.Disabled, role, disabled)
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Highlight, QColor(80, 80, 84))
    return p


def light_palette(base: QPalette) -> QPalette:
    """Fusion's standard light palette with its low-contrast colours darkened: selection
    (white on #308cc6 is 3.7:1), placeholder (half-transparent black, about 4:1) and
    disabled text (#bebebe on #efefef is 1.6:1)."""
    p = QPalette(base)
    for group in _ALL_GROUPS:
        p.setColor(group, QPalette.ColorRole.PlaceholderText, QColor(107, 107, 107))
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Inactive):
        p.setColor(group, QPalette.ColorRole.Highlight, QColor(31, 111, 178))  # 5.3:1
        p.setColor(group, QPalette.ColorRole.HighlightedText, QColor(255, 255, 255))
    grey = QColor(107, 107, 107)  # 4.6:1 on #efefef
    for role in (
        QPalette.ColorRole.WindowText,
        QPalette.ColorRole.Text,
        QPalette.ColorRole.ButtonText,
    ):
        p.setColor(QPalette.ColorGroup.Disabled, role, grey)
    p.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Highlight, QColor(96, 96, 96))
    return p


def apply_theme(app: QApplication, theme: str) -> None:
    """ "system" restores the platform look; "light" and "dark" use Fusion with a palette."""
    global _original_palette, _original_style, _applied
    if theme not in ("dark", "light") and _applied == "system":
        # already the platform's look: at start nothing to build or to remember (copying
        # the palette costs PySide about 15 ms of type set-up before the first window)
        return
    if _original_palette is None:  # the platform's look, before the first change
        _original_palette = QPalette(app.palette())
        _original_style = app.style().name()
    _applied = theme if theme in ("dark", "light") else "system"
    if theme == "dark":
        app.setStyle(QStyleFactory.create("Fusion"))
        app.setPalette(dark_palette())
    elif theme == "light":
        app.setStyle(QStyleFactory.create("Fusion"))
        app.setPalette(light_palette(app.style().standardPalette()))
    else:
        if _original_style:
            app.setStyle(QStyleFactory.create(_original_style))
        app.setPalette(_original_palette)
