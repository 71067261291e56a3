"""The main window's menus: Profile, Records, View and Help.

Each action calls its slot in the window or in one of the window's feature controllers
with no argument (Qt's `triggered(bool)` never reaches a slot whose first parameter is a
path); an action marked `writes` is disabled while the data is read-only. A language
switch builds the menus anew in the new language."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar

if TYPE_CHECKING:
    from .main_window import MainWindow


class MainMenus(QObject):
    """The menu bar of `window` and its actions (`add_action`, `restore_action`, …), a
    child of the window; `build()` makes them (again)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self._owner: QObject | None = None  # parent of every action and action group

    def build(self) -> None:
        """A new menu bar (the old one, its menus and actions are deleted: a language
        switch rebuilds them in the new language)."""
        window = self.window
        old_owner = self._owner
        if old_owner is not None:  # deleted later: one of its actions may be calling us now
            for action in old_owner.findChildren(QAction):
                action.setShortcut(QKeySequence())  # no twin shortcut meanwhile
                action.setEnabled(False)
            old_owner.setParent(None)
            old_owner.deleteLater()
        self._owner = QObject(window)  # parent of every action and action group
        bar = QMenuBar(window)
        window.setMenuBar(bar)  # deletes the previous bar with its menus
        bar.show()  # at once: its actions' shortcuts work only while the bar is visible
        profiles = window.profile_actions
        # the backup, decision and record controllers are made at their first use (lambdas:
        # naming their methods here would make them now)
        profile_menu = bar.addMenu(self.tr("&Profile"))
        self.switch_action = self._action(
            profile_menu, self.tr("&Switch profile…"), window.show_chooser, "Ctrl+Shift+P"
        )
        self.new_profile_action = self._action(
            profile_menu,
            self.tr("&New profile…"),
            profiles.new_profile,
            "Ctrl+Shift+N",
            writes=True,
        )
        self.edit_action = self._action(
            profile_menu, self.tr("&Edit profile…"), profiles.edit_profile, "Ctrl+E", writes=True
        )
        self.pin_action = self._action(
            profile_menu, self.tr("Set or change &PIN…"), profiles.change_pin, writes=True
        )
        self.delete_action = self._action(
            profile_menu, self.tr("&Delete profile…"), profiles.delete_profile, writes=True
        )
        profile_menu.addSeparator()
        self.export_action = self._action(
            profile_menu,
            self.tr("E&xport reminders to calendar (.ics)…"),
            window.calendar_actions.export_reminders,
            "Ctrl+Shift+E",
        )
        self.demo_action = self._action(
            profile_menu, self.tr("Add the demo pr&actitioners"), profiles.load_demo, writes=True
        )
        self.reviewer_action = self._action(
            profile_menu, self.tr("Re&viewer mode…"), window.help_actions.open_reviewer
        )
        profile_menu.addSeparator()
        self.backup_action = self._action(
            profile_menu, self.tr("&Back up to…"), lambda: window.backup_actions.back_up()
        )
        self.restore_action = self._action(
            profile_menu,
            self.tr("Restore from a bac&kup…"),
            lambda: window.backup_actions.restore(),
        )
        profile_menu.addSeparator()
        self.quit_action = self._action(
            profile_menu, self.tr("&Quit"), window.close, QKeySequence.StandardKey.Quit
        )

        record_menu = bar.addMenu(self.tr("&Records"))
        self.add_action = self._action(
            record_menu,
            self.tr("&Add training…"),
            window.add_activity,
            QKeySequence.StandardKey.New,
            writes=True,
        )
        self.apply_action = self._action(
            record_menu,
            self.tr("A&pply for registration…"),
            window.application_actions.open_wizard,
            "Ctrl+Shift+A",
            writes=True,
        )
        self.record_import_action = self._action(
            record_menu,
            self.tr("&Import signed attendance records…"),
            lambda: window.record_actions.import_records(),
            "Ctrl+Shift+I",
            writes=True,
        )
        record_menu.addSeparator()
        self.decision_action = self._action(
            record_menu,
            self.tr("Import a review &decision…"),
            lambda: window.decision_actions.import_decision(),
            "Ctrl+I",
            writes=True,
        )
        self.certificate_action = self._action(
            record_menu,
            self.tr("Open the registration &certificate"),
            lambda: window.decision_actions.open_certificate(),
        )
        self.save_certificate_action = self._action(
            record_menu,
            self.tr("&Save the registration certificate as…"),
            lambda: window.decision_actions.save_certificate(),
        )
        self.trust_action = self._action(
            record_menu,
            self.tr("Import the &trust file of the province…"),
            lambda: window.decision_actions.import_trust(),
            writes=True,
        )
        self.remove_trust_action = self._action(
            record_menu,
            self.tr("Remove the trusted offices list…"),
            lambda: window.decision_actions.remove_trust(),
            writes=True,
        )
        self.refresh_action = self._action(
            record_menu,
            self.tr("&Refresh"),
            window.refresh_dashboard,
            QKeySequence.StandardKey.Refresh,
        )

        view_menu = bar.addMenu(self.tr("&View"))
        self.view_dashboard_action = self._action(
            view_menu, self.tr("&Dashboard"), lambda: window.show_tab(0), "Ctrl+1"
        )
        self.view_log_action = self._action(
            view_menu, self.tr("Continuing &education log"), lambda: window.show_tab(1), "Ctrl+2"
        )
        view_menu.addSeparator()
        window.appearance_actions.add_menus(view_menu, self._owner)
        help_menu = bar.addMenu(self.tr("&Help"))
        self.guide_action = self._action(
            help_menu,
            self.tr("&User guide"),
            window.help_actions.show_guide,
            QKeySequence.StandardKey.HelpContents,
        )
        self.diagnostics_action = self._action(
            help_menu, self.tr("&Copy diagnostics"), window.help_actions.copy_diagnostics
        )
        self.about_action = self._action(
            help_menu, self.tr("&About swdesk"), window.help_actions.show_about
        )

    def _action(
        self,
        menu: QMenu,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
        writes: bool = False,
    ) -> QAction:
        """A menu action; `writes` marks it for disabling when the data is read-only.

        `triggered` carries `checked: bool`; the slot is called with no argument, so a slot
        whose first parameter is an optional path never receives False as the path."""
        action = QAction(text, self._owner)
        if writes:
            action.setData("writes")
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        return action

    def set_profile_open(self, has_profile: bool) -> None:
        """Enable what needs an open profile only while one is open; with the data
        read-only, disable every action that would write."""
        for action in (
            self.edit_action,
            self.pin_action,
            self.delete_action,
            self.export_action,
            self.add_action,
            self.record_import_action,
            self.refresh_action,
            self.apply_action,
            self.decision_action,
            self.certificate_action,
            self.save_certificate_action,
            self.view_dashboard_action,
            self.view_log_action,
        ):
            action.setEnabled(has_profile)
        if self.window.workspace.read_only:
            for action in self.window.findChildren(QAction):
                if action.data() == "writes":
                    action.setEnabled(False)
