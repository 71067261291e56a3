"""Office → Staff… (heads): the office's people in a table, adding one (with or without a
copy of the office key), disabling one (never deleted) and giving one a new password."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from swdesk.domain.errors import UserFixableError

from ..feedback import explain_error
from ..form_fields import error_label
from ..plain_text import as_plain
from ..texts import error_text, fill, fmt_date
from .people import role_label

if TYPE_CHECKING:
    from swdesk.services.review import ReviewWorkspace

__all__ = ["AddStaffDialog", "StaffDialog"]


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
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)
        # room for every column and a few people without scrolling, at any text size
        self.table.setMinimumWidth(header.fontMetrics().averageCharWidth() * 60)
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
            as_plain(
                fill(
                    self.tr(
                        "Disable the account %1? They can no longer sign in. The account is kept, "
                        "so the audit log keeps naming them."
                    ),
                    username,
                )
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
