"""Approving or rejecting one or many applications, with standard reasons and comments.

The reasons only apply to a rejection: choosing "approve" clears and disables them. The
error line goes away as soon as what it asked for is done (a reason ticked, the late
explanation written), not only at the next OK.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFrame,
    QGridLayout,
    QGroupBox,
    QLineEdit,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from swdesk.services.review import DecisionOutcome, ReviewLevel

from ..form_fields import error_label
from ..plain_text import plain_label
from ..screen_fit import fit_size
from ..texts import REASON_CODES, fill, reason_label

#: Names listed in the dialog's first line; more are counted, not named.
SHOWN_NAMES = 3


class DecideDialog(QDialog):
    """`outcome()`, `reasons()` and `late_reason()` give the decision once accepted."""

    def __init__(
        self,
        count: int,
        any_late: bool,
        level: ReviewLevel,
        parent: QWidget | None = None,
        names: Sequence[str] = (),
    ) -> None:
        super().__init__(parent)
        self.setObjectName("decideDialog")
        self.setWindowTitle(self.tr("Decide"))
        outer = QVBoxLayout(self)
        scroll = QScrollArea()
        scroll.setObjectName("decideScroll")
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        stage = (
            self.tr("final review") if level is ReviewLevel.PROVINCE else self.tr("first review")
        )
        summary = fill(self.tr("%n application(s), %1.", "", count), stage)
        if names:
            shown = "、".join(names[:SHOWN_NAMES])
            if len(names) > SHOWN_NAMES:
                more_count = len(names) - SHOWN_NAMES
                shown += self.tr(" and %n more", "", more_count)
            summary += "\n" + shown
        self.summary_label = plain_label(summary)
        self.summary_label.setObjectName("decideSummary")
        self.summary_label.setWordWrap(True)
        layout.addWidget(self.summary_label)
        self.approve_radio = QRadioButton(self.tr("&Approve"))
        self.approve_radio.setObjectName("approve")
        self.reject_radio = QRadioButton(self.tr("&Reject"))
        self.reject_radio.setObjectName("reject")
        group = QButtonGroup(self)
        group.addButton(self.approve_radio)
        group.addButton(self.reject_radio)
        layout.addWidget(self.approve_radio)
        layout.addWidget(self.reject_radio)
        self.reasons_box = QGroupBox(self.tr("Reasons for the rejection (at least one)"))
        self.reasons_box.setObjectName("decideReasons")
        grid = QGridLayout(self.reasons_box)
        grid.setColumnStretch(1, 1)
        self.reason_checks: dict[str, QCheckBox] = {}
        self.reason_comments: dict[str, QLineEdit] = {}
        for row, code in enumerate(REASON_CODES):
            check = QCheckBox(reason_label(code))
            check.setObjectName(f"reason_{code}")
            comment = QLineEdit()
            comment.setObjectName(f"comment_{code}")
            comment.setAccessibleName(fill(self.tr("Comment: %1"), reason_label(code)))
            comment.setPlaceholderText(self.tr("comment for the applicant"))
            comment.textEdited.connect(lambda _t, c=check: c.setChecked(True))
            check.toggled.connect(self._on_input_changed)
            grid.addWidget(check, row, 0)
            grid.addWidget(comment, row, 1)
            self.reason_checks[code] = check
            self.reason_comments[code] = comment
        layout.addWidget(self.reasons_box)
        self.late_edit = QLineEdit()
        self.late_edit.setObjectName("lateReason")
        self.late_edit.setAccessibleName(self.tr("Why the late application is accepted"))
        self.late_label = plain_label(self.tr("Why the &late application is accepted:"))
        self.late_label.setWordWrap(True)
        self.late_label.setBuddy(self.late_edit)
        self.late_label.setVisible(any_late)
        self.late_edit.setVisible(any_late)
        self.late_edit.textChanged.connect(self._on_input_changed)
        layout.addWidget(self.late_label)
        layout.addWidget(self.late_edit)
        layout.addStretch(1)
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        self.error_label = error_label("decideError")
        outer.addWidget(self.error_label)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self._on_buttons_accepted)
        buttons.rejected.connect(self.reject)
        self.buttons = buttons
        outer.addWidget(buttons)
        self._any_late = any_late
        self.approve_radio.toggled.connect(self._on_approve_radio_toggled)
        self.approve_radio.setChecked(True)
        metrics = self.fontMetrics()
        self.setMinimumWidth(metrics.averageCharWidth() * 48)
        fit_size(
            self,
            metrics.averageCharWidth() * 72,
            body.sizeHint().height() + metrics.lineSpacing() * 6,
        )

    def outcome(self) -> DecisionOutcome:
        return (
            DecisionOutcome.APPROVED if self.approve_radio.isChecked() else DecisionOutcome.REJECTED
        )

    def reasons(self) -> list[tuple[str, str]]:
        if self.outcome() is DecisionOutcome.APPROVED:
            return []
        return [
            (code, self.reason_comments[code].text().strip())
            for code, check in self.reason_checks.items()
            if check.isChecked()
        ]

    def late_reason(self) -> str:
        return self.late_edit.text().strip()

    def problem(self) -> str:
        """What still keeps OK from deciding ("" when nothing)."""
        if self.outcome() is DecisionOutcome.REJECTED and not self.reasons():
            return self.tr("Choose at least one reason for the rejection.")
        if self.outcome() is DecisionOutcome.APPROVED and self._any_late and not self.late_reason():
            return self.tr("Write why the late application is accepted; it is recorded.")
        return ""

    def _on_approve_radio_toggled(self, approving: bool) -> None:
        if approving:
            for code, check in self.reason_checks.items():
                check.setChecked(False)
                self.reason_comments[code].clear()
        self.reasons_box.setEnabled(not approving)
        self._on_input_changed()

    def _on_input_changed(self) -> None:
        """Once OK has shown an error, keep it current: gone as soon as its cause is."""
        if self.error_label.text():
            self.error_label.setText(self.problem())

    def _on_buttons_accepted(self) -> None:
        problem = self.problem()
        if problem:
            self.error_label.setText(problem)
            return
        self.accept()
