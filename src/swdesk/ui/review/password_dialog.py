"""Office → Change my password… (everyone): the person signed in changes their own
password, typing the current one and the new one twice."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from swdesk.domain.errors import UserFixableError

from ..feedback import explain_error
from ..form_fields import error_label
from ..texts import error_text, fill

if TYPE_CHECKING:
    from swdesk.services.review import ReviewWorkspace

__all__ = ["ChangePasswordDialog"]


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
