"""Review → Claim selected and Release selected: the person signed in marks applications as
theirs to review, or gives them back (opening an application to decide claims it anyway).
Claiming what a colleague claimed asks first whether to take it over (the audit log records
it); what could not be claimed or released is named with the reason. The work runs on a
worker; the queue then shows the new claimants, keeping the selection."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox

from swdesk.domain.errors import UserFixableError

from ..feedback import explain_error, inform
from ..plain_text import as_plain
from ..texts import error_text, fill

if TYPE_CHECKING:
    from .window import ReviewWindow

Outcome = tuple[int, "UserFixableError | None"]  # application id, why not (None: done)


class ClaimActions(QObject):
    """A child of the reviewer window."""

    def __init__(self, window: ReviewWindow) -> None:
        super().__init__(window)
        self.window = window
        self.refusal_box: QMessageBox | None = None

    def claim_selected(self) -> None:
        self._run(self.window.selected_ids(), claim=True, take_over=False)

    def release_selected(self) -> None:
        self._run(self.window.selected_ids(), claim=False, take_over=False)

    def _run(self, app_ids: list[int], *, claim: bool, take_over: bool) -> None:
        if not app_ids:
            return
        service = self.window.service

        def work() -> list[Outcome]:
            outcomes: list[Outcome] = []
            for app_id in app_ids:
                try:
                    if claim:
                        service.claim(app_id, take_over=take_over)
                    else:
                        service.release(app_id, take_over=take_over)
                except UserFixableError as error:
                    outcomes.append((app_id, error))
                else:
                    outcomes.append((app_id, None))
            return outcomes

        self.window.runner.submit(
            work,
            lambda outcomes: self._done(outcomes, claim=claim),
            lambda e: explain_error(self.window, e, self.tr("Nothing was changed")),
        )

    def _done(self, outcomes: list[Outcome], *, claim: bool) -> None:
        window = self.window
        window.live_queue.poll()  # the new claimants, the selection kept
        claimed = [(i, e) for i, e in outcomes if e is not None and e.code == "application_claimed"]
        if claim and claimed and self._confirm_take_over(claimed):
            outcomes = [(i, e) for i, e in outcomes if (i, e) not in claimed]
            self._run([i for i, _ in claimed], claim=True, take_over=True)
        refused = [(i, e) for i, e in outcomes if e is not None]
        done = len(outcomes) - len(refused)
        window.statusBar().showMessage(
            self.tr("%n application(s) claimed.", "", done)
            if claim
            else self.tr("%n claim(s) released.", "", done),
            15000,
        )
        if refused:
            self.refusal_box = inform(
                window,
                self.tr("Not changed"),
                "\n".join(
                    fill(self.tr("%1: %2"), self._name(i), error_text(e)) for i, e in refused
                ),
                warning=True,
            )

    def _confirm_take_over(self, claimed: list[tuple[int, UserFixableError]]) -> bool:
        lines = [
            fill(self.tr("%1: %2"), self._name(i), str(e.params.get("claimed_by", "")))
            for i, e in claimed
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
                + self.tr("Take them over? The audit log records that you took them over.")
            ),
        )
        return answer == QMessageBox.StandardButton.Yes

    def _name(self, app_id: int) -> str:
        model = self.window.model
        for number in range(model.rowCount()):
            row = model.row_at(number)
            if row is not None and row.id == app_id:
                return fill(self.tr("%1 (%2)"), row.applicant_name, row.masked_id_number)
        return str(app_id)
