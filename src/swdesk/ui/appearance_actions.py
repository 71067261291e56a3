"""View → Language and View → Theme: the choice is kept in the settings and applied to the
whole application at once (a language switch rebuilds the window in the new language)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QApplication

from .i18n import install_language
from .theme import apply_theme

if TYPE_CHECKING:
    from .main_window import MainWindow


def _application() -> QApplication:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    return app


class AppearanceActions(QObject):
    """The language and theme of `window`'s application."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    def set_language(self, code: str) -> None:
        settings = self.window.settings
        settings.language = code
        settings.sync()
        install_language(_application(), code)
        self.window.rebuild()

    def set_theme(self, theme: str) -> None:
        self.window.settings.theme = theme
        apply_theme(_application(), theme)
