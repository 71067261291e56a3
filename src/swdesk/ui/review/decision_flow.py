"""Opening one application and deciding one or many, for the reviewer's window.

The decision is signed and recorded on a worker; afterwards the window's status bar says
how many were recorded and a message names, with its reason, each application that was
not decided. Open detail windows reload themselves through the window's
`decisions_recorded` signal.

Several people at once: opening an application claims it when nobody has; each decision
carries the row version the reviewer saw (the open application's, else the queue row's), so
one made on a view someone else changed meanwhile is refused (the open application then
reloads to show what changed); deciding what a colleague claimed asks first whether to take
it over (the audit log records it) and then decides it."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from swdesk.domain.errors import UserFixableError
from swdesk.services.review import DecisionOutcome

from ..feedback import explain_error, inform
from ..plain_text import as_plain
from ..texts import error_text, fill
from .decide import DecideDialog
from .detail import ReviewDetailDialog

if TYPE_CHECKING:  # loaded with the workspace the window is given
    from swdesk.services.review import DecisionResult, QueueRow

    from .window import ReviewWindow


log = logging.getLogger(__name__)


class DecisionFlow(QObject):
    """The Review menu's Open, Approve selected and Reject selected, and the decide buttons
    of an open application; a child of the reviewer's window."""

    def __init__(self, window: ReviewWindow) -> None:
        super().__init__(window)
        self.window = window
        self.last_decisions: list[DecisionResult] = []
        self.detail_dialog: ReviewDetailDialog | None = None
        self.decide_dialog: DecideDialog | None = None
        self.refusal_box: QMessageBox | None = None
        # the last decision asked for (outcome, reasons, late reason, versions seen), to
        # decide again what a colleague had claimed once the reviewer takes it over
        self._request: tuple[str, list[tuple[str, str]], str, dict[int, int]] | None = None

    def _queue_rows(self) -> list[QueueRow]:
        """The rows the queue has loaded so far."""
        model = self.window.model
        found = (model.row_at(i) for i in range(model.rowCount()))
        return [row for row in found if row is not None]

    def open_detail(self) -> ReviewDetailDialog | None:
        """The first selected application in its own window (non-blocking)."""
        window = self.window
        ids = window.selected_ids()
        if not ids:
            return None
        try:  # opened to decide: claimed when nobody has (before its row version is read)
            window.service.claim_if_unclaimed(ids[0])
        except Exception as error:  # noqa: BLE001 - the opening reports a lasting failure
            log.warning("the application could not be claimed: %s", type(error).__name__)
        try:
            dialog = ReviewDetailDialog(window.service, ids[0], window)
        except Exception as error:  # noqa: BLE001 - explained
            explain_error(window, error, self.tr("The application could not be opened"))
            return None
        dialog.decide_requested.connect(
            lambda outcome, app_id=ids[0]: self.decide([app_id], DecisionOutcome(outcome), dialog)
        )
        window.decisions_recorded.connect(dialog.on_decisions_recorded)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        self.detail_dialog = dialog
        window.model.update_row(dialog.detail.row)  # its claim and row version, as read
        return dialog

    def decide_selected(self, outcome: DecisionOutcome) -> DecideDialog | None:
        ids = self.window.selected_ids()
        return self.decide(ids, outcome) if ids else None

    def decide(
        self, app_ids: list[int], outcome: DecisionOutcome, parent: QWidget | None = None
    ) -> DecideDialog:
        """Ask for the decision on `app_ids` (reasons only for a rejection); on OK it is
        signed and recorded on a worker."""
        window = self.window
        rows = [r for r in self._queue_rows() if r.id in app_ids]
        dialog = DecideDialog(
            len(app_ids),
            any(r.is_late for r in rows),
            window.workspace.office.level,
            parent or window,
            names=[r.applicant_name for r in rows],
        )
        approving = DecisionOutcome(outcome) is DecisionOutcome.APPROVED  # a plain code too
        (dialog.approve_radio if approving else dialog.reject_radio).setChecked(True)
        seen = {r.id: r.row_version for r in rows}  # the versions the reviewer saw
        if isinstance(parent, ReviewDetailDialog):
            seen[parent.app_id] = parent.detail.row.row_version
        dialog.accepted.connect(lambda: self._apply_decision(app_ids, dialog, seen))
        dialog.open()
        self.decide_dialog = dialog
        return dialog

    def _apply_decision(
        self, app_ids: list[int], dialog: DecideDialog, seen: dict[int, int] | None = None
    ) -> None:
        outcome, reasons, late = dialog.outcome(), dialog.reasons(), dialog.late_reason()
        self._request = (outcome, list(reasons), late, dict(seen or {}))
        self._submit(app_ids, take_over=False)

    def _submit(self, app_ids: list[int], *, take_over: bool) -> None:
        """Decide `app_ids` as `_request` asks, on a worker."""
        assert self._request is not None
        outcome, reasons, late, seen = self._request
        service = self.window.service

        def decide() -> list[DecisionResult]:
            return [
                result
                for app_id in app_ids
                for result in service.decide(
                    app_id,
                    outcome,
                    reasons,
                    late,
                    expected_version=seen.get(app_id),
                    take_over=take_over,
                )
            ]

        self.window.runner.submit(
            decide,
            self._after_decision,
            lambda e: explain_error(self.window, e, self.tr("Nothing was decided")),
        )

    def _confirm_take_over(self, claimed: list[DecisionResult]) -> bool:
        """Ask whether to decide what colleagues claimed (named) all the same."""
        lines = [
            fill(self.tr("%1: %2"), self._decision_subject(r), str(r.params.get("claimed_by")))
            for r in claimed
        ]
        claimed_count = len(claimed)
        answer = QMessageBox.question(
            self.window,
            self.tr("Take over?"),
            as_plain(
                self.tr("Colleagues are working on %n application(s):", "", claimed_count)
                + "\n\n"
                + "\n".join(lines)
                + "\n\n"
                + self.tr(
                    "Take them over and decide them anyway? The audit log records that you took "
                    "them over."
                )
            ),
        )
        return answer == QMessageBox.StandardButton.Yes

    def _after_decision(self, results: list[DecisionResult]) -> None:
        """Say how many decisions were recorded, and each refusal with its reason."""
        window = self.window
        self.last_decisions = list(results)
        decided = [r for r in results if r.status == "decided"]
        waiting = [r for r in results if r.status == "pending"]  # a reviewer's: the head signs
        refused = [r for r in results if r.status not in ("decided", "pending")]
        claimed = [r for r in refused if r.code == "application_claimed"]
        retake = (
            [r.application_id for r in claimed]
            if claimed and self._confirm_take_over(claimed)
            else []
        )
        refused = [r for r in refused if r.application_id not in retake]
        changed = {r.application_id for r in refused if r.code == "application_changed"}
        detail = self.detail_dialog
        if changed and detail is not None and detail.isVisible() and detail.app_id in changed:
            detail.reload()  # shows what changed: the reviewer decides on what is stored
        window.refresh()
        if decided or waiting:
            window.decisions_recorded.emit([r.application_id for r in decided + waiting])
        decided_count = len(decided)
        message = self.tr("%n decision(s) signed and recorded.", "", decided_count)
        if waiting:
            waiting_count = len(waiting)
            message = self.tr(
                "%n decision(s) recorded, awaiting the office head's signature.", "", waiting_count
            )
        if refused:
            refused_count = len(refused)
            message = fill(
                self.tr("%1 %2", "two sentences in a row"),
                message,
                self.tr("%n application(s) not decided.", "", refused_count),
            )
        window.statusBar().showMessage(message, 15000)
        if refused:
            lines = [
                fill(self.tr("%1: %2"), self._decision_subject(r), self.refusal_text(r))
                for r in refused
            ]
            self.refusal_box = inform(
                window,
                self.tr("Not decided"),
                self.tr(
                    "%n decision(s) signed and recorded. These applications were not decided:",
                    "",
                    decided_count,
                )
                + "\n\n"
                + "\n".join(lines),
                warning=True,
            )
        if retake:
            self._submit(retake, take_over=True)

    def _decision_subject(self, result: DecisionResult) -> str:
        """The applicant's name (masked ID number when the queue shows the row)."""
        name = result.applicant_name
        if not name:
            return self.tr("An application no longer in the queue")
        row = next((r for r in self._queue_rows() if r.id == result.application_id), None)
        return fill(self.tr("%1 (%2)"), name, row.masked_id_number) if row is not None else name

    @staticmethod
    def refusal_text(result: DecisionResult) -> str:
        """Why a decision was refused, in words (never the internal code)."""
        return error_text(
            UserFixableError(result.code or "application_unknown", **dict(result.params or {}))
        )
