"""The main window: start page, profile chooser and the open profile's dashboard and log.

This module lays out the window (the open profile's page is `profile_page`, the menus
`main_menus`) and moves between pages; what the menu actions do lives in one controller per
feature area, each a child of the window: `profile_actions` (new, edit, PIN, delete, demo),
`application_actions` (the application wizard), `calendar_actions` (reminders as .ics),
`backup_actions` (back up, restore), `decision_actions` (the review office's trust list,
decisions and certificate), `record_actions` (training providers' signed attendance
records, from the menu or dropped on the window), `help_actions` (user guide,
diagnostics, about, reviewer mode) and `appearance_actions` (the language and theme
menus). Every menu action calls its slot
with no argument (Qt's `triggered(bool)` never reaches a slot whose first parameter is a
path). The backup, decision and record controllers and the profile chooser are made when
first used (`window_parts`).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent, QShowEvent
from PySide6.QtWidgets import (
    QFrame,
    QMainWindow,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from swdesk.domain.models import PractitionerRecord
from swdesk.domain.rules import RegistrationStatus

from .appearance_actions import AppearanceActions
from .application_actions import ApplicationActions
from .calendar_actions import CalendarActions
from .feedback import explain_error
from .help_actions import HelpActions
from .main_menus import MainMenus
from .plain_text import plain_label
from .profile_actions import ProfileActions
from .profile_page import ProfilePage
from .screen_fit import clamp_to_screen, restore_or_fit
from .settings import UiSettings
from .tasks import TaskRunner
from .texts import fill
from .window_parts import WindowParts

if TYPE_CHECKING:  # the services load after the first screen (services.first_screen)
    from swdesk.domain.application import ApplicationDraft
    from swdesk.services.first_screen import FirstScreen
    from swdesk.services.workspace import Workspace

    from .activity_dialog import ActivityDialog
    from .profile_chooser import ProfileChooserPage
    from .start_page import StartPage


log = logging.getLogger(__name__)

DEFAULT_SIZE = (1100, 760)  # at most the screen's available area (screen_fit)


class MainWindow(WindowParts, QMainWindow):
    profile_shown = Signal(int)
    dashboard_updated = Signal()

    def __init__(
        self, workspace: Workspace, settings: UiSettings, runner: TaskRunner | None = None
    ) -> None:
        super().__init__()
        self.workspace = workspace
        self.settings = settings
        self.runner = runner or TaskRunner(self)
        self.current_id: int | None = None
        self.log_dir = workspace.layout.log_dir
        self.record: PractitionerRecord | None = None
        self.status: RegistrationStatus | None = None
        self.pending_decision: Path | None = None  # opened with swdesk FILE.swddec
        self.setObjectName("mainWindow")
        self._fitted_once = False
        self._chooser: ProfileChooserPage | None = None  # made when first needed
        self._start_page: StartPage | None = None
        self.profile_actions = ProfileActions(self)
        self.application_actions = ApplicationActions(self)
        self.calendar_actions = CalendarActions(self)
        self.help_actions = HelpActions(self)
        self.appearance_actions = AppearanceActions(self)
        self.menus = MainMenus(self)
        self._build()
        self.setAcceptDrops(True)  # attendance records dropped on the open profile
        restore_or_fit(self, settings.geometry("main"), *DEFAULT_SIZE)

    # -- building ------------------------------------------------------------------------
    def _build(self) -> None:
        self._update_title()
        self.stack = QStackedWidget(self)
        central = QWidget(self)
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(0, 0, 0, 0)
        self.read_only_banner = plain_label(
            self.tr(
                "Read-only: the database failed its integrity check and was left untouched. "
                "Nothing can be saved. Restore a backup (Profile → Restore from a backup) to "
                "work again."
            )
        )
        self.read_only_banner.setObjectName("readOnlyBanner")
        self.read_only_banner.setWordWrap(True)
        self.read_only_banner.setStyleSheet(
            "background: #fde7e9; color: #a4262c; padding: 8px; font-weight: bold;"
        )
        self.read_only_banner.setVisible(self.workspace.read_only)
        central_layout.addWidget(self.read_only_banner)
        # On a small screen (1366×768 at 150 %) the pages scroll instead of the window
        # growing past the screen.
        self.scroll_area = QScrollArea(central)
        self.scroll_area.setObjectName("mainScroll")
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll_area.setWidget(self.stack)
        central_layout.addWidget(self.scroll_area, 1)
        self.setCentralWidget(central)
        self._start_page = None  # made when first shown, as the chooser
        self._chooser = None  # the old page went with the old central widget
        self.profile_page = ProfilePage(self.workspace, self.runner, self)
        profile = self.profile_page
        self.tabs, self.dashboard = profile.tabs, profile.dashboard
        self.switch_button = profile.switch_button
        self.switch_button.clicked.connect(self.show_chooser)
        self.dashboard.export_requested.connect(self.calendar_actions.export_reminders)
        self.dashboard.add_activity_requested.connect(self.add_activity)
        self.dashboard.apply_requested.connect(self.application_actions.open_wizard)
        profile.activities_changed.connect(self.refresh_dashboard)
        self.stack.addWidget(self.profile_page)
        self.menus.build()
        self._update_actions()
        self.statusBar().showMessage(
            fill(self.tr("Data folder: %1"), str(self.workspace.layout.root))
        )

    def _update_title(self) -> None:
        """ "张晓梅 · 社会工作者登记 — swdesk". The title ends with the application's name,
        so the platform does not append it a second time."""
        title = self.tr("Social-work registration")
        if self.record is not None:
            title = f"{self.record.practitioner.name} · {title}"
        self.setWindowTitle(f"{title} — swdesk")

    def _update_actions(self) -> None:
        self.menus.set_profile_open(self.current_id is not None)
        if self.workspace.read_only:
            self._apply_read_only()

    def _apply_read_only(self) -> None:
        """Disable the buttons that would write (the database is open read-only); the menus
        disable their own actions."""
        self.log_page.read_only = True
        for widget in (
            *self.read_only_disabled_parts(),
            self.dashboard.add_button,
            self.dashboard.apply_button,
            self.log_page.add_button,
            self.log_page.edit_button,
            self.log_page.delete_button,
        ):
            widget.setEnabled(False)

    def show_tab(self, index: int) -> None:
        """View → Dashboard (0) or Continuing education log (1), with a profile open."""
        if self.current_id is not None:
            self.tabs.setCurrentIndex(index)

    # -- navigation ----------------------------------------------------------------------
    def start(self) -> None:
        """Pick the first page: the last profile (if it has no PIN), the chooser or the start
        page."""
        profiles = self.workspace.profiles.list_profiles()
        if not profiles:
            self.stack.setCurrentWidget(self.start_page)
            self.start_page.create_button.setFocus()
            return
        last = self.settings.last_profile
        match = next((p for p in profiles if p.id == last), None)
        if match is not None and not match.has_pin:
            self.show_profile(match.id)
        elif len(profiles) == 1 and not profiles[0].has_pin:
            self.show_profile(profiles[0].id)
        else:
            self.show_chooser()

    def open_profile(self, practitioner_id: int) -> None:
        """`swdesk --profile ID`: that profile's dashboard at once; one with a PIN is
        selected in the chooser, which asks for the PIN. Unknown: the usual first page."""
        profiles = self.workspace.profiles.list_profiles()
        match = next((p for p in profiles if p.id == practitioner_id), None)
        if match is None:
            self.start()
            self.statusBar().showMessage(
                fill(self.tr("There is no profile number %1."), str(practitioner_id)), 10000
            )
        elif match.has_pin:
            self.show_chooser()
            self.chooser_page.refresh(match.id)
            self.chooser_page.pin_edit.setFocus()
        else:
            self.show_profile(match.id)

    def show_first_screen(self, first: FirstScreen) -> None:
        """`show_profile` with the dashboard read before the services (`FirstScreen`): the
        same page, filled at once. The log table, "last opened" and a fresh read follow in
        `services_ready`, once the workspace is open."""
        self.current_id = first.practitioner_id
        self.settings.last_profile = first.practitioner_id
        self.stack.setCurrentWidget(self.profile_page)
        self.tabs.setCurrentIndex(0)
        self._update_actions()
        self.record, self.status = first.record, first.status
        self._update_title()
        self.profile_page.show_record(first.record, first.status, first.latest, False)
        self.dashboard_updated.emit()
        self.profile_shown.emit(first.practitioner_id)

    def services_ready(self, workspace: Workspace) -> None:
        """The workspace behind the first screen is open: the window uses it directly from
        now on, records the opening of the profile shown and reads it again through the
        services (the log table too)."""
        self.workspace = workspace
        pid = self.current_id
        if pid is None:
            return
        if not workspace.read_only:
            workspace.profiles.mark_opened(pid)
        self.refresh_dashboard(reload_log=True)

    def show_chooser(self) -> None:
        self.current_id = None
        self.record = None
        self.workspace.profiles.lock_all()  # the next person needs the PIN again
        self._update_title()
        self._update_actions()
        if not self.workspace.profiles.list_profiles():
            self.stack.setCurrentWidget(self.start_page)
            return
        self.chooser_page.refresh(self.settings.last_profile)
        self.stack.setCurrentWidget(self.chooser_page)

    def show_profile(self, practitioner_id: int) -> None:
        self.current_id = practitioner_id
        self.settings.last_profile = practitioner_id
        if not self.workspace.read_only:
            self.workspace.profiles.mark_opened(practitioner_id)
        self.stack.setCurrentWidget(self.profile_page)
        self.tabs.setCurrentIndex(0)
        self._update_actions()
        self.refresh_dashboard(reload_log=True)
        if self.pending_decision is not None:
            pending, self.pending_decision = self.pending_decision, None
            self.decision_actions.import_decision(pending)
        self.profile_shown.emit(practitioner_id)

    def refresh_dashboard(self, reload_log: bool = False) -> None:
        pid = self.current_id
        if pid is None:
            return
        workspace = self.workspace

        def compute() -> tuple[PractitionerRecord, RegistrationStatus, ApplicationDraft | None]:
            return (
                workspace.profiles.get_record(pid),
                workspace.dashboard.status_for(pid),
                workspace.dashboard.latest_application(pid),
            )

        def done(
            result: tuple[PractitionerRecord, RegistrationStatus, ApplicationDraft | None],
        ) -> None:
            if self.current_id != pid:
                return
            record, status, latest = result
            first_time = self.record is None or self.record.practitioner.id != pid
            self.record, self.status = record, status
            self._update_title()
            self.profile_page.show_record(record, status, latest, reload_log or first_time)
            self.dashboard_updated.emit()

        self.runner.submit(
            compute,
            done,
            lambda e: explain_error(self, e, self.tr("The dashboard could not be updated")),
        )

    def add_activity(self) -> ActivityDialog | None:
        if self.current_id is None:
            return None
        self.tabs.setCurrentWidget(self.log_page)
        return self.log_page.add_activity()

    def detach_workspace(self) -> None:
        """The workspace is about to be closed (a restore): nothing may read it meanwhile."""
        self.current_id = None
        self.record = None
        self.status = None
        self._update_title()
        self._update_actions()
        self.stack.setCurrentWidget(self.start_page)
        self.stack.setEnabled(False)
        self.menuBar().setEnabled(False)

    def attach_workspace(self, workspace: Workspace) -> None:
        """Show `workspace` (the restored data) from its first page; this window owns it
        from now on (the composition root closes the window's workspace at exit)."""
        self.workspace = workspace
        self.menuBar().setEnabled(True)
        self._rebuild_widgets()
        self.start()

    def rebuild(self) -> None:
        """The pages and menus made anew (in the language now installed), showing the same
        profile again."""
        current = self.current_id
        self._rebuild_widgets()
        if current is not None:
            self.show_profile(current)
        else:
            self.start()

    def _rebuild_widgets(self) -> None:
        old = self.centralWidget()
        assert old is not None  # _build() set it when the window was made
        self._build()
        old.deleteLater()

    # -- files opened from outside ----------------------------------------------------
    def open_decision_file(self, path: Path) -> None:
        """`swdesk FILE.swddec` (a double-click on a decision file): imported at once when
        a profile is open, else as soon as one is (a profile with a PIN asks for it)."""
        if self.current_id is not None:
            self.decision_actions.import_decision(path)
            return
        self.pending_decision = path
        self.statusBar().showMessage(
            fill(self.tr("Open your profile to import the decision %1."), path.name)
        )

    def _dropped_records(self, event: QDragEnterEvent | QDropEvent) -> list[Path]:
        """The attendance records being dropped, when a profile that may be written is
        open; [] otherwise."""
        data = event.mimeData()
        if self.current_id is None or self.workspace.read_only or not data.hasUrls():
            return []
        urls = data.urls()
        if not all(url.isLocalFile() for url in urls):
            return []
        from .record_import import droppable_records

        return droppable_records([Path(url.toLocalFile()) for url in urls])

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:  # noqa: N802 - Qt override
        if self._dropped_records(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:  # noqa: N802 - Qt override
        paths = self._dropped_records(event)
        if not paths:
            event.ignore()
            return
        event.acceptProposedAction()
        self.record_actions.import_paths(paths)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        if not self._fitted_once:  # the frame is known only now: keep all of it on screen
            self._fitted_once = True
            clamp_to_screen(self)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        self.settings.set_geometry("main", self.saveGeometry())
        self.settings.sync()
        self.runner.wait_for_idle(10000)
        super().closeEvent(event)
