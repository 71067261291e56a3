"""View → Language and View → Theme: the menus, and the choice kept in the settings and
applied to the whole application at once (a language switch rebuilds the window in the
new language)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import QApplication, QMenu

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

    def add_menus(self, view_menu: QMenu, owner: QObject) -> None:
        """View → Language and View → Theme, each a group of checkable actions owned by
        `owner` (the window's menu owner: deleted with the menu bar it rebuilds)."""
        settings = self.window.settings
        language_menu = view_menu.addMenu(self.tr("&Language"))
        group = QActionGroup(owner)
        for code, label in (("zh_CN", "简体中文"), ("en", "English")):
            action = QAction(label, owner, checkable=True)
            action.setData(code)
            action.setChecked(settings.language == code)
            action.triggered.connect(lambda _c=False, c=code: self.set_language(c))
            group.addAction(action)
            language_menu.addAction(action)
        theme_menu = view_menu.addMenu(self.tr("&Theme"))
        theme_group = QActionGroup(owner)
        for code, label in (
            ("system", self.tr("Follow the system")),
            ("light", self.tr("Light")),
            ("dark", self.tr("Dark")),
        ):
            action = QAction(label, owner, checkable=True)
            action.setChecked(settings.theme == code)
            action.triggered.connect(lambda _c=False, c=code: self.set_theme(c))
            theme_group.addAction(action)
            theme_menu.addAction(action)

    def set_language(self, code: str) -> None:
        settings = self.window.settings
        settings.language = code
        settings.sync()
        install_language(_application(), code)
        self.window.rebuild()

    def set_theme(self, theme: str) -> None:
        self.window.settings.theme = theme
        apply_theme(_application(), theme)
