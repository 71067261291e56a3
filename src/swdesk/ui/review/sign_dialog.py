"""Review → Sign decisions… (heads): the reviewers' decisions awaiting a signature, ticked
and signed (on the window's task runner) or one sent back to the queue undecided."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
)

from swdesk.domain.errors import UserFixableError

from ..feedback import explain_error, inform
from ..form_fields import error_label
from ..plain_text import plain_label
from ..texts import error_text, fill, fmt_date

if TYPE_CHECKING:
    from swdesk.services.review.models import DecisionResult, PendingInfo

    from .window import ReviewWindow

__all__ = ["SignDialog"]


translate = QCoreApplication.translate


def _outcome_label(outcome: str) -> str:
    return {
        "approved": translate("People", "approve"),
        "rejected": translate("People", "reject"),
    }.get(outcome, outcome)


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
        self.intro = plain_label()
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
        waiting_count = len(waiting)
        self.intro.setText(
            self.tr("%n decision(s) await your signature.", "", waiting_count)
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
        signed_count = len(signed)
        window.statusBar().showMessage(
            self.tr("%n decision(s) signed and recorded.", "", signed_count), 15000
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
