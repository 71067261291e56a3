"""The parts of the main window made when first used: the backup, decision and record
controllers of the menus and the profile chooser page.

A start that opens a profile's dashboard needs none of them, and their modules bring Qt's
file, message and progress dialogs, whose Python types (with their enums) PySide builds on
first import: made at start-up they cost the first screen about 2 % of its instructions.
`MainWindow` inherits these properties; `window.backup_actions` and the others read as
attributes, as they did when the window made them in its constructor.
"""

from __future__ import annotations

from functools import cached_property
from typing import TYPE_CHECKING, cast

if TYPE_CHECKING:
    from .backup_actions import BackupActions
    from .decision_actions import DecisionActions
    from .main_window import MainWindow
    from .profile_chooser import ProfileChooserPage
    from .record_import import RecordImportActions


class WindowParts:
    """Properties of `MainWindow` that make a part at its first use."""

    _chooser: ProfileChooserPage | None  # set by the window's layout: None until shown

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
            page.new_button.setEnabled(not window.workspace.read_only)
            window.stack.addWidget(page)
            self._chooser = page
        return self._chooser

    @property
    def _window(self) -> MainWindow:
        return cast("MainWindow", self)
