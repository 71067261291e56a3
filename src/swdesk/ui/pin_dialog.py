"""Setting, changing or removing the PIN of the open profile."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from swdesk.domain.errors import FieldIssue
from swdesk.services.pin import pin_issues

from .form_fields import FieldWithError


class PinDialog(QDialog):
    """Asks for a new PIN twice; an empty PIN removes protection. `pin()` gives the result."""

    def __init__(self, has_pin: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pinDialog")
        self.setWindowTitle(self.tr("PIN for this profile"))
        layout = QVBoxLayout(self)
        explain = QLabel((self.tr(
            "The PIN is asked for when this profile is opened. Leave both fields empty to "
            "remove it (the data is then stored unencrypted again).") if has_pin else self.tr(
            "The PIN is asked for when this profile is opened.")) + "\n\n" + self.tr(
            "With a PIN, this profile's ID number, birth date, photo and evidence files are "
            "encrypted on this computer, and only the PIN opens them. A forgotten PIN cannot "
            "be reset: the data is then lost, unless you have a backup made without the PIN. "
            "Back up first (Profile → Back up to…) and choose a PIN others cannot guess; "
            "longer is safer."))
        explain.setWordWrap(True)
        # wide enough for the text to wrap into a few lines, at any scale
        explain.setMinimumWidth(explain.fontMetrics().averageCharWidth() * 64)
        layout.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        layout.addWidget(explain)
        form = QFormLayout()
        self.pin_edit = QLineEdit()
        self.pin_edit.setObjectName("newPin")
        self.pin_edit.setAccessibleName(self.tr("New PIN"))
        self.pin_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_edit.setMaxLength(12)
        self.pin_field = FieldWithError(self.pin_edit, self)
        self.repeat_edit = QLineEdit()
        self.repeat_edit.setObjectName("repeatPin")
        self.repeat_edit.setAccessibleName(self.tr("Repeat PIN"))
        self.repeat_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat_edit.setMaxLength(12)
        form.addRow(self.tr("&New PIN (4–12 digits)"), self.pin_field)
        form.addRow(self.tr("&Repeat PIN"), self.repeat_edit)
        layout.addLayout(form)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._allow_empty = has_pin

    def pin(self) -> str | None:
        return self.pin_edit.text() or None

    def _on_buttons_accepted(self) -> None:
        text = self.pin_edit.text()
        issues: list[FieldIssue] = []
        if text or not self._allow_empty:
            issues = pin_issues(text)
        if not issues and text != self.repeat_edit.text():
            issues = [FieldIssue("pin", "pin_mismatch")]
        self.pin_field.show_issues(issues)
        if not issues:
            self.accept()
