"""Approving or rejecting one or many applications, with standard reasons and comments."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from .form_fields import error_label
from .texts import REASON_CODES, reason_label


class DecideDialog(QDialog):
    """`outcome()`, `reasons()` and `late_reason()` give the decision once accepted."""

    def __init__(self, count: int, any_late: bool, level: str,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("decideDialog")
        self.setWindowTitle(self.tr("Decide"))
        layout = QVBoxLayout(self)
        stage = self.tr("final review") if level == "province" else self.tr("first review")
        layout.addWidget(QLabel(self.tr("%n application(s), %1.", "", count).replace("%1",
                                                                                      stage)))
        self.approve_radio = QRadioButton(self.tr("&Approve"))
        self.approve_radio.setObjectName("approve")
        self.reject_radio = QRadioButton(self.tr("&Reject"))
        self.reject_radio.setObjectName("reject")
        group = QButtonGroup(self)
        group.addButton(self.approve_radio)
        group.addButton(self.reject_radio)
        self.approve_radio.setChecked(True)
        layout.addWidget(self.approve_radio)
        layout.addWidget(self.reject_radio)
        self.reasons_box = QGroupBox(self.tr("Reasons (at least one when rejecting)"))
        grid = QGridLayout(self.reasons_box)
        self.reason_checks: dict[str, QCheckBox] = {}
        self.reason_comments: dict[str, QLineEdit] = {}
        for row, code in enumerate(REASON_CODES):
            check = QCheckBox(reason_label(code))
            check.setObjectName(f"reason_{code}")
            comment = QLineEdit()
            comment.setObjectName(f"comment_{code}")
            comment.setAccessibleName(self.tr("Comment: %1").replace("%1", reason_label(code)))
            comment.setPlaceholderText(self.tr("comment for the applicant"))
            comment.textEdited.connect(lambda _t, c=check: c.setChecked(True))
            grid.addWidget(check, row, 0)
            grid.addWidget(comment, row, 1)
            self.reason_checks[code] = check
            self.reason_comments[code] = comment
        layout.addWidget(self.reasons_box)
        self.late_edit = QLineEdit()
        self.late_edit.setObjectName("lateReason")
        self.late_edit.setAccessibleName(self.tr("Why the late application is accepted"))
        self.late_label = QLabel(self.tr("Why the &late application is accepted:"))
        self.late_label.setBuddy(self.late_edit)
        self.late_label.setVisible(any_late)
        self.late_edit.setVisible(any_late)
        layout.addWidget(self.late_label)
        layout.addWidget(self.late_edit)
        self.error_label = error_label("decideError")
        layout.addWidget(self.error_label)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._any_late = any_late

    def outcome(self) -> str:
        return "approved" if self.approve_radio.isChecked() else "rejected"

    def reasons(self) -> list[tuple[str, str]]:
        return [(code, self.reason_comments[code].text().strip())
                for code, check in self.reason_checks.items() if check.isChecked()]

    def late_reason(self) -> str:
        return self.late_edit.text().strip()

    def _on_buttons_accepted(self) -> None:
        if self.outcome() == "rejected" and not self.reasons():
            self.error_label.setText(self.tr("Choose at least one reason for the rejection."))
            return
        if self.outcome() == "approved" and self._any_late and not self.late_reason():
            self.error_label.setText(self.tr(
                "Write why the late application is accepted; it is recorded."))
            return
        self.accept()
