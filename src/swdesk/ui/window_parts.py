"""The parts of the main window made when first used: the backup, decision and record
controllers of the menus, the start page and the profile chooser page.

A start that opens a profile's dashboard needs none of them. The controllers' modules bring
Qt's file, message and progress dialogs, whose Python types (with their enums) PySide builds
on first import, and the two pages their widgets: made at start-up, they cost the first
screen about 1 % and 2 % of its instructions. `MainWindow` inherits these properties;
`window.backup_actions` and the others read as attributes, as they did when the window made
them in its constructor. A page made on read-only data disables its own writing buttons.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from .activity_log import ActivityLogPage
    from .backup_actions import BackupActions
    from .decision_actions import DecisionActions
    from .main_window import MainWindow
    from .profile_chooser import ProfileChooserPage
    from .record_import import RecordImportActions
    from .start_page import StartPage


class WindowParts:
    """Properties of `MainWindow` that make a part at its first use."""

    # set to None by the window's layout (a language switch builds it anew) until shown
    _chooser: ProfileChooserPage | None
    _start_page: StartPage | None

    @cached_property
    def backup_actions(self) -> BackupActions:
        from .backup_actions import BackupActions

        return BackupActions(self._window)

    @cached_property
    def decision_actions(self) -> DecisionActions:
        from .decision_actions import DecisionActions

        return DecisionActions(self._window)

    @cached_property
    def record_actions(self) -> RecordImportActions:
        from .record_import import RecordImportActions

        window = self._window
        actions = RecordImportActions(window)
        actions.records_imported.connect(lambda _results: window.refresh_dashboard(reload_log=True))
        return actions

    @property
    def chooser_page(self) -> ProfileChooserPage:
        """The profile chooser page of the window's current layout (a language switch
        builds it anew), added to its pages when first needed."""
        if self._chooser is None:
            from .profile_chooser import ProfileChooserPage

            window = self._window
            page = ProfileChooserPage(window.workspace.profiles, window, window.runner)
            page.profile_opened.connect(window.show_profile)
            page.create_requested.connect(window.profile_actions.new_profile)
            self._add_page(page)
            self._chooser = page
        return self._chooser

    @property
    def start_page(self) -> StartPage:
        """The page of a data folder without profiles, added to the pages when first
        needed."""
        if self._start_page is None:
            from .start_page import StartPage

            window = self._window
            page = StartPage(window)
            page.create_requested.connect(window.profile_actions.new_profile)
            page.demo_requested.connect(window.profile_actions.load_demo)
            page.reviewer_requested.connect(window.help_actions.open_reviewer)
            page.provider_requested.connect(window.help_actions.open_provider)
            self._add_page(page)
            self._start_page = page
        return self._start_page

    def read_only_disabled_parts(self) -> list[QWidget]:
        """The writing buttons of the pages made so far (a page made later on read-only
        data disables its own)."""
        pages = (page for page in (self._start_page, self._chooser) if page is not None)
        return [button for page in pages for button in page.writing_buttons()]

    def _add_page(self, page: StartPage | ProfileChooserPage) -> None:
        window = self._window
        for button in page.writing_buttons():
            button.setEnabled(not window.workspace.read_only)
        window.stack.addWidget(page)

    @property
    def log_page(self) -> ActivityLogPage:
        """The open profile's log (`ProfilePage.log_page`: made when first needed)."""
        return self._window.profile_page.log_page

    @property
    def _window(self) -> MainWindow:
        return cast("MainWindow", self)
