"""The training provider's window (start page → Training provider…): set the provider up in
this data folder once (its name, credit code and the password of its signing key), then
issue signed attendance records and certificates for a course from its roster, as
`swdesk provider init` and `provider issue` do. The work runs on the task runner; a refusal
is said in the window, naming the roster row and field."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from swdesk.domain.enums import ActivityType, ContentArea
from swdesk.domain.errors import UserFixableError

from .form_fields import error_label
from .plain_text import plain_label
from .texts import error_text, fill
from .texts.labels import activity_type_label, content_area_label

if TYPE_CHECKING:
    from swdesk.services.provider import IssueResult

    from .tasks import TaskRunner

__all__ = ["ProviderDialog"]


def _password_edit(name: str, accessible: str) -> QLineEdit:
    edit = QLineEdit()
    edit.setObjectName(name)
    edit.setAccessibleName(accessible)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    return edit


class ProviderDialog(QDialog):
    """Set-up first when the data folder has no provider, else the issuing form."""

    def __init__(self, data_dir: Path, runner: TaskRunner, parent: QWidget | None = None) -> None:
        from swdesk.services.provider import provider_exists

        super().__init__(parent)
        self.data_dir = data_dir
        self.runner = runner
        self.issued: IssueResult | None = None
        self.setObjectName("providerDialog")
        self.setWindowTitle(self.tr("Training provider"))
        layout = QVBoxLayout(self)
        self.pages = QStackedWidget()
        self.setup_page = self._setup_page()
        self.issue_page = self._issue_page()
        self.pages.addWidget(self.setup_page)
        self.pages.addWidget(self.issue_page)
        layout.addWidget(self.pages)
        self.status = plain_label()
        self.status.setObjectName("providerStatus")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.message = error_label("providerMessage")
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        if provider_exists(data_dir):
            self._show_issuing()
        else:
            self.pages.setCurrentWidget(self.setup_page)

    # -- set-up ------------------------------------------------------------------------
    def _setup_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        form.addRow(
            plain_label(
                self.tr(
                    "Set up this computer to issue signed attendance records: the "
                    "organisation's name and unified social credit code, and a password "
                    "that protects its signing key."
                )
            )
        )
        self.org_edit = QLineEdit()
        self.org_edit.setObjectName("providerOrg")
        self.org_edit.setAccessibleName(self.tr("Organisation"))
        self.code_edit = QLineEdit()
        self.code_edit.setObjectName("providerCode")
        self.code_edit.setAccessibleName(self.tr("Unified social credit code"))
        self.new_password = _password_edit("providerNewPassword", self.tr("Password"))
        self.repeat_password = _password_edit("providerRepeat", self.tr("Repeat password"))
        form.addRow(self.tr("&Organisation"), self.org_edit)
        form.addRow(self.tr("Unified social &credit code"), self.code_edit)
        form.addRow(self.tr("&Password"), self.new_password)
        form.addRow(self.tr("&Repeat password"), self.repeat_password)
        self.setup_button = QPushButton(self.tr("&Set up"))
        self.setup_button.setObjectName("providerSetUp")
        self.setup_button.clicked.connect(self._set_up)
        form.addRow(self.setup_button)
        return page

    def _set_up(self) -> None:
        from swdesk.services.provider import init_provider

        if self.new_password.text() != self.repeat_password.text():
            self.message.setText(self.tr("The two passwords differ."))
            self.repeat_password.setFocus()
            return
        org, code = self.org_edit.text(), self.code_edit.text()
        password, data_dir = self.new_password.text(), self.data_dir
        self._busy(True)
        self.runner.submit(
            lambda: init_provider(data_dir, org=org, credit_code=code, password=password),
            lambda _provider: self._set_up_done(),
            self._failed,
        )

    def _set_up_done(self) -> None:
        self._busy(False)
        self.new_password.clear()
        self.repeat_password.clear()
        self.status.setText(
            fill(
                self.tr(
                    "The provider is set up. Send its public key file to the province, which "
                    "lists it in its trust file: %1"
                ),
                str(self.data_dir / "provider" / "provider.swdkey"),
            )
        )
        self._show_issuing()

    # -- issuing -----------------------------------------------------------------------
    def _show_issuing(self) -> None:
        """The issuing form, headed by who signs: the provider's name, credit code and key
        fingerprint (from its public key file)."""
        from swdesk.services.provider import provider_public_identity

        identity = provider_public_identity(self.data_dir)
        self.provider_label.setText(
            fill(
                self.tr("Records are signed by %1 (%2), key fingerprint:\n%3"),
                identity.name,
                identity.credit_code,
                identity.fingerprint_groups,
            )
            if identity is not None
            else self.tr("The provider's public key file is missing or damaged.")
        )
        self.pages.setCurrentWidget(self.issue_page)

    def _issue_page(self) -> QWidget:
        page = QWidget()
        form = QFormLayout(page)
        self.provider_label = plain_label()
        self.provider_label.setObjectName("providerIdentity")
        self.provider_label.setWordWrap(True)
        self.provider_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form.addRow(self.provider_label)
        self.roster_edit = QLineEdit()
        self.roster_edit.setObjectName("providerRoster")
        self.roster_edit.setAccessibleName(self.tr("Attendance roster (.xlsx)"))
        roster_button = QPushButton(self.tr("&Browse…"))
        roster_button.setObjectName("providerRosterBrowse")
        roster_button.clicked.connect(self._choose_roster)
        form.addRow(self.tr("Attendance r&oster"), self._row(self.roster_edit, roster_button))
        self.title_edit = QLineEdit()
        self.title_edit.setObjectName("providerTitle")
        self.title_edit.setAccessibleName(self.tr("Course title"))
        form.addRow(self.tr("Course &title"), self.title_edit)
        today = QDate.currentDate()
        self.start_edit = QDateEdit(today)
        self.end_edit = QDateEdit(today)
        for edit, name, label in (
            (self.start_edit, "providerStart", self.tr("First day")),
            (self.end_edit, "providerEnd", self.tr("Last day")),
        ):
            edit.setObjectName(name)
            edit.setAccessibleName(label)
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        form.addRow(self.tr("&First day"), self.start_edit)
        form.addRow(self.tr("&Last day"), self.end_edit)
        self.type_combo = QComboBox()
        self.type_combo.setObjectName("providerType")
        self.type_combo.setAccessibleName(self.tr("Activity type"))
        for kind in ActivityType:
            self.type_combo.addItem(activity_type_label(kind), kind.value)
        self.area_combo = QComboBox()
        self.area_combo.setObjectName("providerArea")
        self.area_combo.setAccessibleName(self.tr("Content area"))
        for area in ContentArea:
            self.area_combo.addItem(content_area_label(area), area.value)
        form.addRow(self.tr("Activity t&ype"), self.type_combo)
        form.addRow(self.tr("Content &area"), self.area_combo)
        self.out_edit = QLineEdit()
        self.out_edit.setObjectName("providerOut")
        self.out_edit.setAccessibleName(self.tr("Folder for the records"))
        out_button = QPushButton(self.tr("Choose fol&der…"))
        out_button.setObjectName("providerOutBrowse")
        out_button.clicked.connect(self._choose_folder)
        form.addRow(self.tr("Records &go to"), self._row(self.out_edit, out_button))
        self.password = _password_edit("providerPassword", self.tr("Password"))
        form.addRow(self.tr("Pass&word"), self.password)
        self.issue_button = QPushButton(self.tr("&Issue records"))
        self.issue_button.setObjectName("providerIssue")
        self.issue_button.clicked.connect(self._issue)
        form.addRow(self.issue_button)
        return page

    @staticmethod
    def _row(edit: QLineEdit, button: QPushButton) -> QWidget:
        row = QWidget()
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(edit, 1)
        layout.addWidget(button)
        return row

    def _choose_roster(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Attendance roster"), "", self.tr("Excel workbook (*.xlsx)")
        )
        if name:
            self.roster_edit.setText(name)

    def _choose_folder(self) -> None:
        name = QFileDialog.getExistingDirectory(self, self.tr("Folder for the records"))
        if name:
            self.out_edit.setText(name)

    def _issue(self) -> None:
        from swdesk.services.provider import CourseRequest, issue_records, open_provider

        roster, out = self.roster_edit.text().strip(), self.out_edit.text().strip()
        if not roster or not out:
            self.message.setText(self.tr("Choose the roster and the folder for the records."))
            (self.out_edit if roster else self.roster_edit).setFocus()
            return
        title = self.title_edit.text()
        start = self.start_edit.date().toString("yyyy-MM-dd")
        end = self.end_edit.date().toString("yyyy-MM-dd")
        kind, area = self.type_combo.currentData(), self.area_combo.currentData()
        password, data_dir = self.password.text(), self.data_dir

        def work() -> IssueResult:
            course = CourseRequest.from_text(
                title=title, start=start, end=end, activity_type=kind, content_area=area
            )
            return issue_records(open_provider(data_dir, password), Path(roster), course, Path(out))

        self._busy(True)
        self.runner.submit(work, self._issued, self._failed)

    def _issued(self, result: IssueResult) -> None:
        self._busy(False)
        self.issued = result
        count = len(result.records)
        self.status.setText(
            fill(
                self.tr(
                    "%n record(s) and certificate(s) issued, %1 hours in all, into %2.", "", count
                ),
                result.total_hours,
                str(result.folder),
            )
        )

    # -- both --------------------------------------------------------------------------
    def _busy(self, busy: bool) -> None:
        self.setup_button.setEnabled(not busy)
        self.issue_button.setEnabled(not busy)
        if busy:
            self.message.clear()
            self.status.setText(self.tr("Working…"))

    def _failed(self, error: BaseException) -> None:
        self._busy(False)
        self.status.clear()
        if isinstance(error, UserFixableError):
            self.message.setText(error_text(error))
        else:
            from .feedback import explain_error

            self.message.clear()
            explain_error(self, error, self.tr("Nothing was issued"))
