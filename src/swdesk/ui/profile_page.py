"""The open profile's page of the main window: the practitioner's name, Switch profile,
and the Dashboard and Continuing education log tabs.

The log (a table with its model, the cycle filter and its buttons) is made when first
needed: when its tab is chosen, or when anything asks for `log_page` (the window reloads it
once the services are open, after the first screen is shown). Until then an empty page
holds its tab; building the log before the first paint cost 3 % of the start's
instructions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTabWidget, QVBoxLayout, QWidget

from .dashboard import DashboardPage
from .plain_text import plain_label
from .tasks import TaskRunner

if TYPE_CHECKING:
    from swdesk.domain.application import ApplicationDraft
    from swdesk.domain.models import PractitionerRecord
    from swdesk.domain.rules import RegistrationStatus
    from swdesk.services.workspace import Workspace

    from .activity_log import ActivityLogPage


LOG_TAB = 1


class ProfilePage(QWidget):
    """The window connects the buttons' and tabs' requests to its controllers."""

    activities_changed = Signal()  # the log page's, once it is made

    def __init__(self, workspace: Workspace, runner: TaskRunner, parent: QWidget) -> None:
        super().__init__(parent)
        self._workspace, self._runner = workspace, runner
        self._log_page: ActivityLogPage | None = None
        self.setObjectName("profilePage")
        layout = QVBoxLayout(self)
        header = QHBoxLayout()
        self.header_label = plain_label()
        self.header_label.setObjectName("profileHeader")
        self.switch_button = QPushButton(self.tr("&Switch profile"))
        self.switch_button.setObjectName("switchProfile")
        header.addWidget(self.header_label, 1)
        header.addWidget(self.switch_button)
        layout.addLayout(header)
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("profileTabs")
        self.dashboard = DashboardPage(self.tabs)
        self.tabs.addTab(self.dashboard, self.tr("&Dashboard"))
        self.tabs.addTab(QWidget(self.tabs), self._log_title())  # until the log is made
        self.tabs.currentChanged.connect(self._tab_chosen)
        layout.addWidget(self.tabs, 1)

    def _log_title(self) -> str:
        return self.tr("Continuing &education log")

    def _tab_chosen(self, index: int) -> None:
        if index == LOG_TAB and self._log_page is None:
            self.log_page  # noqa: B018 - made now, in place of the empty page

    @property
    def log_page(self) -> ActivityLogPage:
        """The log tab's page, made at the first call (see the module)."""
        if self._log_page is None:
            from .activity_log import ActivityLogPage

            workspace = self._workspace
            page = ActivityLogPage(workspace.activities, self._runner, workspace.clock, self.tabs)
            page.activities_changed.connect(self.activities_changed)
            self._log_page = page
            chosen = self.tabs.currentIndex()
            placeholder = self.tabs.widget(LOG_TAB)
            self.tabs.blockSignals(True)  # the swap is no choice of the user's
            self.tabs.removeTab(LOG_TAB)
            self.tabs.insertTab(LOG_TAB, page, self._log_title())
            self.tabs.setCurrentIndex(chosen)
            self.tabs.blockSignals(False)
            if placeholder is not None:
                placeholder.deleteLater()
        return self._log_page

    def show_record(
        self,
        record: PractitionerRecord,
        status: RegistrationStatus,
        latest: ApplicationDraft | None,
        reload_log: bool,
    ) -> None:
        """The profile's name, status and latest application; its log when `reload_log`."""
        self.header_label.setText(record.practitioner.name)
        self.dashboard.show_status(record, status)
        self.dashboard.show_application(latest)
        if reload_log:
            self.log_page.show_practitioner(record)
