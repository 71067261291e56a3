"""The open profile's page of the main window: the practitioner's name, Switch profile,
and the Dashboard and Continuing education log tabs."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTabWidget, QVBoxLayout, QWidget

from .activity_log import ActivityLogPage
from .dashboard import DashboardPage
from .plain_text import plain_label
from .tasks import TaskRunner

if TYPE_CHECKING:
    from swdesk.domain.application import ApplicationDraft
    from swdesk.domain.models import PractitionerRecord
    from swdesk.domain.rules import RegistrationStatus
    from swdesk.services.workspace import Workspace


class ProfilePage(QWidget):
    """The window connects the buttons' and tabs' requests to its controllers."""

    def __init__(self, workspace: Workspace, runner: TaskRunner, parent: QWidget) -> None:
        super().__init__(parent)
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
        self.log_page = ActivityLogPage(workspace.activities, runner, workspace.clock, self.tabs)
        self.tabs.addTab(self.dashboard, self.tr("&Dashboard"))
        self.tabs.addTab(self.log_page, self.tr("Continuing &education log"))
        layout.addWidget(self.tabs, 1)

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
