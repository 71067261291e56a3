"""People in the reviewer window: who is signed in (title and status bar), the head's Staff
dialog (Office → Staff…) and the head's signature on the reviewers' decisions (Review →
Sign decisions…); the head's actions are disabled for a reviewer, their tooltip saying why.

A reviewer's decision is recorded as awaiting a head's signature (待签发): the queue and the
detail window show it with who decided, and the application's state changes only when a
head signs it here. Signing runs on the window's task runner."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from swdesk.domain.errors import UserFixableError

from ..feedback import explain_error, inform
from ..form_fields import error_label
from ..texts import error_text, fill, fmt_date

if TYPE_CHECKING:
    from swdesk.services.review import ReviewWorkspace
    from swdesk.services.review.models import DecisionResult, PendingInfo

    from .window import ReviewWindow

__all__ = [
    "HEAD_ONLY_ACTIONS",
    "PeopleActions",
    "SignDialog",
    "StaffDialog",
    "awaiting_signature_label",
    "decided_by_text",
    "role_label",
]

translate = QCoreApplication.translate

#: the menu actions a reviewer may not use (objectNames)
HEAD_ONLY_ACTIONS = (
    "exportDecisions",
    "exportSelectedDecisions",
    "importTrust",
    "publishTrust",
    "staffAccounts",
    "signDecisions",
)


def role_label(role: str) -> str:
    return {
        "head": translate("People", "office head"),
        "reviewer": translate("People", "reviewer"),
    }.get(role, role)


def awaiting_signature_label(decided_by: str) -> str:
    """The state of an application whose reviewer's decision awaits the head (待签发)."""
    return fill(translate("People", "Awaiting signature (decided by %1)"), decided_by)


def decided_by_text(decided_by: str, signed_by: str) -> str:
    """Who decided a decision and, when another person, who signed it."""
    if not signed_by or signed_by == decided_by:
        return fill(translate("People", "decided by %1"), decided_by)
    return fill(translate("People", "decided by %1, signed by %2"), decided_by, signed_by)


def signed_in_text(workspace: ReviewWorkspace) -> str:
    return fill(
        translate("People", "Signed in: %1 (%2)"),
        workspace.actor,
        role_label(workspace.role),
    )


def _outcome_label(outcome: str) -> str:
    return {
        "approved": translate("People", "approve"),
        "rejected": translate("People", "reject"),
    }.get(outcome, outcome)


class PeopleActions(QObject):
    """The slots of Office → Staff… and Review → Sign decisions…, and who is signed in."""

    def __init__(self, window: ReviewWindow, workspace: ReviewWorkspace) -> None:
        super().__init__(window)
        self.window = window
        self.workspace = workspace
        self.service = workspace.service
        self.user_label = QLabel(signed_in_text(workspace))
        self.user_label.setObjectName("signedInLabel")
        self.user_label.setAccessibleName(self.tr("Signed in"))
        self.staff_dialog: StaffDialog | None = None
        self.sign_dialog: SignDialog | None = None
        self.password_dialog: ChangePasswordDialog | None = None

    def apply_role(self) -> None:
        """A reviewer: the head's actions disabled, their tooltip saying why."""
        for menu in self.window.menuBar().findChildren(QMenu):
            menu.setToolTipsVisible(True)  # the reason of a disabled action shows
        if self.service.is_head:
            return
        why = self.tr("Only the office head may do this; you are signed in as a reviewer.")
        for name in HEAD_ONLY_ACTIONS:
            action = self.window.findChild(QAction, name)
            if action is not None:
                action.setEnabled(False)
                action.setToolTip(fill(self.tr("%1 — %2"), action.text().replace("&", ""), why))
                action.setStatusTip(why)

    def show_staff(self) -> StaffDialog:
        """Office → Staff… (heads; non-blocking)."""
        self.staff_dialog = StaffDialog(self.workspace, self.window)
        self.staff_dialog.open()
        return self.staff_dialog

    def change_password(self) -> ChangePasswordDialog:
        """Office → Change my password… (everyone; non-blocking)."""
        self.password_dialog = ChangePasswordDialog(self.workspace, self.window)
        self.password_dialog.open()
        return self.password_dialog

    def show_signing(self) -> SignDialog:
        """Review → Sign decisions… (heads; non-blocking)."""
        self.sign_dialog = SignDialog(self.window)
        self.sign_dialog.open()
        return self.sign_dialog


class StaffDialog(QDialog):
    """The office's people: add one, disable one, give one a new password (heads)."""

    def __init__(self, workspace: ReviewWorkspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.workspace = workspace
        self.service = workspace.service
        self.add_dialog: AddStaffDialog | None = None
        self.setObjectName("staffDialog")
        self.setWindowTitle(self.tr("Staff"))
        layout = QVBoxLayout(self)
        self.table = QTableWidget(0, 5)
        self.table.setObjectName("staffTable")
        self.table.setAccessibleName(self.tr("Staff"))
        self.table.setHorizontalHeaderLabels(
            [
                self.tr("User name"),
                self.tr("Name"),
                self.tr("Role"),
                self.tr("Status"),
                self.tr("Office key"),
            ]
        )
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        layout.addWidget(self.table)
        self.error_label = error_label("staffError")
        layout.addWidget(self.error_label)
        row = QHBoxLayout()
        self.add_button = QPushButton(self.tr("&Add…"))
        self.add_button.setObjectName("addStaffButton")
        self.add_button.clicked.connect(lambda _checked=False: self.add_person())
        self.disable_button = QPushButton(self.tr("&Disable"))
        self.disable_button.setObjectName("disableStaffButton")
        self.disable_button.clicked.connect(lambda _checked=False: self.disable_person())
        self.reset_button = QPushButton(self.tr("&New password…"))
        self.reset_button.setObjectName("resetPasswordButton")
        self.reset_button.clicked.connect(lambda _checked=False: self.reset_password())
        for button in (self.add_button, self.disable_button, self.reset_button):
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.reload()

    def reload(self) -> None:
        members = self.service.staff.members()
        self.table.setRowCount(len(members))
        for row, m in enumerate(members):
            state = (
                self.tr("active")
                if m.active
                else fill(self.tr("disabled %1"), fmt_date(m.disabled_at.date()))
                if m.disabled_at
                else ""
            )
            cells = (
                m.username,
                m.display_name,
                role_label(m.role),
                state,
                self.tr("holds a copy") if m.holds_key else "",
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, m.username)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()

    def selected_username(self) -> str | None:
        items = self.table.selectedItems()
        return str(items[0].data(Qt.ItemDataRole.UserRole)) if items else None

    def add_person(self) -> AddStaffDialog:
        self.add_dialog = AddStaffDialog(self.workspace, self)
        self.add_dialog.accepted.connect(self.reload)
        self.add_dialog.open()
        return self.add_dialog

    def disable_person(self) -> None:
        username = self.selected_username()
        if username is None:
            self.error_label.setText(self.tr("Select a person first."))
            return
        answer = QMessageBox.question(
            self,
            self.tr("Disable account"),
            fill(
                self.tr(
                    "Disable the account %1? They can no longer sign in. The account is kept, "
                    "so the audit log keeps naming them."
                ),
                username,
            ),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        self._run(lambda: self.service.staff.disable(username))

    def reset_password(self) -> None:
        username = self.selected_username()
        if username is None:
            self.error_label.setText(self.tr("Select a person first."))
            return
        password, ok = QInputDialog.getText(
            self,
            self.tr("New password"),
            fill(self.tr("New password for %1:"), username),
            QLineEdit.EchoMode.Password,
        )
        if not ok:
            return
        self._run(lambda: self.service.staff.reset_password(username, password))

    def _run(self, change: Callable[[], object]) -> None:
        try:
            change()
        except UserFixableError as error:
            self.error_label.setText(error_text(error))
            return
        except Exception as error:  # noqa: BLE001 - explained
            explain_error(self, error, self.tr("Nothing was changed"))
            return
        self.error_label.clear()
        self.reload()


class AddStaffDialog(QDialog):
    """A new account: user name, name, role, their first password (and, for a head, a
    copy of the office key encrypted with it)."""

    def __init__(self, workspace: ReviewWorkspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = workspace.service
        self.setObjectName("addStaffDialog")
        self.setWindowTitle(self.tr("Add a person"))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.username_edit = QLineEdit()
        self.username_edit.setObjectName("staffUsername")
        self.name_edit = QLineEdit()
        self.name_edit.setObjectName("staffName")
        self.role_combo = QComboBox()
        self.role_combo.setObjectName("staffRole")
        self.role_combo.addItem(role_label("reviewer"), "reviewer")
        self.role_combo.addItem(role_label("head"), "head")
        self.password_edit = QLineEdit()
        self.password_edit.setObjectName("staffPassword")
        self.password_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat_edit = QLineEdit()
        self.repeat_edit.setObjectName("staffRepeat")
        self.repeat_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.key_check = QCheckBox(self.tr("Give a copy of the office &key (heads)"))
        self.key_check.setObjectName("staffWithKey")
        self.key_check.setEnabled(False)
        self.role_combo.currentIndexChanged.connect(
            lambda _i: self.key_check.setEnabled(self.role_combo.currentData() == "head")
        )
        for label, name, widget in (
            (self.tr("&User name"), self.tr("User name"), self.username_edit),
            (self.tr("&Name"), self.tr("Name"), self.name_edit),
            (self.tr("&Role"), self.tr("Role"), self.role_combo),
            (self.tr("&Password"), self.tr("Password"), self.password_edit),
            (self.tr("R&epeat password"), self.tr("Repeat password"), self.repeat_edit),
        ):
            widget.setAccessibleName(name)
            form.addRow(label, widget)
        form.addRow("", self.key_check)
        layout.addLayout(form)
        self.error_label = error_label("addStaffError")
        layout.addWidget(self.error_label)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self._on_ok)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _on_ok(self) -> None:
        if self.password_edit.text() != self.repeat_edit.text():
            self.error_label.setText(self.tr("Repeat password: the two passwords differ."))
            return
        role = str(self.role_combo.currentData())
        try:
            self.service.staff.add(
                self.username_edit.text(),
                self.name_edit.text(),
                role,
                self.password_edit.text(),
                with_key=role == "head" and self.key_check.isChecked(),
            )
        except UserFixableError as error:
            self.error_label.setText(error_text(error))
            return
        except Exception as error:  # noqa: BLE001 - explained
            explain_error(self, error, self.tr("Nobody was added"))
            return
        self.accept()


class ChangePasswordDialog(QDialog):
    """The signed-in person's new password (their copy of the office key follows it)."""

    def __init__(self, workspace: ReviewWorkspace, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.service = workspace.service
        self.setObjectName("changePasswordDialog")
        self.setWindowTitle(fill(self.tr("Change the password of %1"), workspace.actor))
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.old_edit = QLineEdit()
        self.new_edit = QLineEdit()
        self.repeat_edit = QLineEdit()
        for label, name, edit, object_name in (
            (self.tr("&Current password"), self.tr("Current password"), self.old_edit, "oldPw"),
            (self.tr("&New password"), self.tr("New password"), self.new_edit, "newPw"),
            (
                self.tr("&Repeat new password"),
                self.tr("Repeat new password"),
                self.repeat_edit,
                "repeatPw",
            ),
        ):
            edit.setObjectName(object_name)
            edit.setEchoMode(QLineEdit.EchoMode.Password)
            edit.setAccessibleName(name)
            form.addRow(label, edit)
        layout.addLayout(form)
        self.error_label = error_label("changePasswordError")
        layout.addWidget(self.error_label)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self._on_ok)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _on_ok(self) -> None:
        if self.new_edit.text() != self.repeat_edit.text():
            self.error_label.setText(self.tr("Repeat new password: the two passwords differ."))
            return
        try:
            self.service.staff.change_own_password(self.old_edit.text(), self.new_edit.text())
        except UserFixableError as error:
            self.error_label.setText(error_text(error))
            return
        except Exception as error:  # noqa: BLE001 - explained
            explain_error(self, error, self.tr("The password was not changed"))
            return
        self.accept()


class SignDialog(QDialog):
    """The reviewers' decisions awaiting the head's signature: sign the ticked ones or all
    of them (on the window's task runner), or send one back undecided."""

    def __init__(self, window: ReviewWindow) -> None:
        super().__init__(window)
        self.window_ = window
        self.service = window.service
        self.last_results: list[DecisionResult] = []
        self.refusal_box: QMessageBox | None = None
        self.setObjectName("signDialog")
        self.setWindowTitle(self.tr("Sign decisions"))
        layout = QVBoxLayout(self)
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        layout.addWidget(self.intro)
        self.list = QListWidget()
        self.list.setObjectName("pendingList")
        self.list.setAccessibleName(self.tr("Decisions awaiting signature"))
        layout.addWidget(self.list)
        self.error_label = error_label("signError")
        layout.addWidget(self.error_label)
        row = QHBoxLayout()
        self.sign_button = QPushButton(self.tr("&Sign the ticked"))
        self.sign_button.setObjectName("signTickedButton")
        self.sign_button.clicked.connect(lambda _checked=False: self.sign(all_of_them=False))
        self.sign_all_button = QPushButton(self.tr("Sign &all"))
        self.sign_all_button.setObjectName("signAllButton")
        self.sign_all_button.clicked.connect(lambda _checked=False: self.sign(all_of_them=True))
        self.back_button = QPushButton(self.tr("Send &back"))
        self.back_button.setObjectName("sendBackButton")
        self.back_button.setToolTip(
            self.tr("Return the highlighted decision to the queue undecided")
        )
        self.back_button.clicked.connect(lambda _checked=False: self.send_back())
        for button in (self.sign_button, self.sign_all_button, self.back_button):
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(self.fontMetrics().averageCharWidth() * 90, self.sizeHint().height())
        self.reload()

    def reload(self) -> None:
        try:
            waiting = self.service.pending_decisions()
        except Exception as error:  # noqa: BLE001 - explained
            explain_error(self, error, self.tr("The decisions could not be read"))
            waiting = []
        self.list.clear()
        for pending in waiting:
            item = QListWidgetItem(self._line(pending))
            item.setData(Qt.ItemDataRole.UserRole, pending.application_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked)
            self.list.addItem(item)
        self.intro.setText(
            self.tr("%n decision(s) await your signature.", "", len(waiting))
            if waiting
            else self.tr("No decision awaits a signature.")
        )
        for button in (self.sign_button, self.sign_all_button, self.back_button):
            button.setEnabled(bool(waiting))

    def _line(self, pending: PendingInfo) -> str:
        reasons = ", ".join(code for code, _ in pending.reasons)
        return fill(
            self.tr("%1 · %2 · decided by %3 on %4%5"),
            pending.applicant_name,
            _outcome_label(str(pending.outcome)),
            pending.decided_by,
            fmt_date(pending.decided_at.date()),
            f" · {reasons}" if reasons else "",
        )

    def ticked(self) -> list[int]:
        return [
            int(self.list.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(self.list.count())
            if self.list.item(i).checkState() == Qt.CheckState.Checked
        ]

    def sign(self, *, all_of_them: bool) -> None:
        ids = None if all_of_them else self.ticked()
        if ids == []:
            self.error_label.setText(self.tr("Tick the decisions to sign first."))
            return
        self.error_label.clear()
        for button in (self.sign_button, self.sign_all_button, self.back_button):
            button.setEnabled(False)
        service = self.service
        self.window_.runner.submit(
            lambda: service.sign_pending(ids),
            self._after_signing,
            self._failed,
        )

    def _failed(self, error: BaseException) -> None:
        self.reload()
        explain_error(self, error, self.tr("Nothing was signed"))

    def _after_signing(self, results: list[DecisionResult]) -> None:
        window = self.window_
        self.last_results = list(results)
        signed = [r.application_id for r in results if r.status == "decided"]
        refused = [r for r in results if r.status != "decided"]
        self.reload()
        window.refresh()
        if signed:
            window.decisions_recorded.emit(signed)
        window.statusBar().showMessage(
            self.tr("%n decision(s) signed and recorded.", "", len(signed)), 15000
        )
        if refused:
            lines = [
                fill(
                    self.tr("%1: %2"),
                    r.applicant_name or str(r.application_id),
                    error_text(UserFixableError(r.code or "application_unknown", **r.params)),
                )
                for r in refused
            ]
            self.refusal_box = inform(
                self,
                self.tr("Not signed"),
                self.tr("These decisions were not signed:") + "\n\n" + "\n".join(lines),
                warning=True,
            )

    def send_back(self) -> None:
        item = self.list.currentItem()
        if item is None:
            self.error_label.setText(self.tr("Highlight the decision to send back first."))
            return
        app_id = int(item.data(Qt.ItemDataRole.UserRole))
        try:
            self.service.send_back(app_id)
        except Exception as error:  # noqa: BLE001 - explained
            explain_error(self, error, self.tr("Nothing was changed"))
            return
        self.reload()
        self.window_.refresh()
        self.window_.decisions_recorded.emit([app_id])


def window_title_with_person(title: str, workspace: ReviewWorkspace) -> str:
    """The reviewer window's title naming who is signed in."""
    return fill(translate("People", "%1 · %2"), title, workspace.actor)


def add_person_widgets(window: QMainWindow, people: PeopleActions) -> None:
    """Who is signed in, at the right of the status bar."""
    window.statusBar().addPermanentWidget(people.user_label)
