"""Step 1: what a first-level reviewer would check, the fix list (补正清单) and, for a
resubmission, the reviewers' reasons. Activating an item (double-click or Enter) emits
`fix_activated(item)`; the dialog jumps to where it is fixed."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidgetItem, QPushButton, QVBoxLayout

from swdesk.domain.application import ApplicationKind
from swdesk.domain.decision import ReviewFinding
from swdesk.domain.fix_list import FixItem, blocking_items
from swdesk.domain.rules import RegistrationStatus

from ..plain_text import plain_label
from ..texts import basis_text, fill, fix_item_text, fmt_date, fmt_hours, reason_label, state_label
from .base import JumpList, WizardPage, heading


class PrecheckPage(WizardPage):
    key = "precheck"
    fix_activated = Signal(object)  # FixItem
    recheck_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("wizardPage_precheck")
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Pre-check: what a reviewer would check")))
        self.status_label = plain_label()
        self.status_label.setObjectName("precheckStatus")
        self.status_label.setWordWrap(True)
        layout.addWidget(self.status_label)
        self.notice_label = plain_label()  # e.g. the draft's kind changed with the record
        self.notice_label.setObjectName("precheckNotice")
        self.notice_label.setWordWrap(True)
        self.notice_label.setFrameShape(QLabel.Shape.StyledPanel)
        self.notice_label.setMargin(6)
        self.notice_label.hide()
        layout.addWidget(self.notice_label)
        self.findings_label = plain_label(
            self.tr(
                "The reviewers sent the last application back. Their reasons (double-click to go "
                "where each is fixed):"
            )
        )
        self.findings_label.setWordWrap(True)
        self.findings_list = JumpList()
        self.findings_list.setObjectName("reviewFindings")
        self.findings_list.setAccessibleName(self.tr("Reasons for the rejection"))
        self.findings_list.setWordWrap(True)
        self.findings_list.itemActivated.connect(self._on_list_item_activated)
        layout.addWidget(self.findings_label)
        layout.addWidget(self.findings_list)
        self.fix_list = JumpList()
        self.fix_list.setObjectName("fixList")
        self.fix_list.setAccessibleName(self.tr("Fix list"))
        self.fix_list.setWordWrap(True)
        self.fix_list.setMinimumHeight(self.fontMetrics().lineSpacing() * 4)
        self.fix_list.itemActivated.connect(self._on_list_item_activated)
        layout.addWidget(self.fix_list, 1)
        hint = plain_label(
            self.tr("Double-click an item (or press Enter) to go where it is fixed.")
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.recheck_button = QPushButton(self.tr("Check &again"))
        self.recheck_button.setObjectName("recheck")
        self.recheck_button.clicked.connect(self.recheck_requested)
        layout.addWidget(self.recheck_button, 0, Qt.AlignmentFlag.AlignLeft)
        self.show_findings([])

    def show_notice(self, text: str) -> None:
        """A sentence above the fix list ("" hides it)."""
        self.notice_label.setText(text)
        self.notice_label.setVisible(bool(text))

    def show_kind_change(self, stored: ApplicationKind | None, kind: ApplicationKind) -> None:
        """Why a saved draft opens as another kind of application than it was `stored` as
        (a registration was recorded or removed since): say so, and what was kept."""
        if stored is None or stored is kind:
            text = ""
        elif kind is ApplicationKind.RENEWAL:
            text = self.tr(
                "A registration was recorded in your profile since this draft was "
                "saved, so it is now a re-registration application. Your entries "
                "and files were kept; accept the declaration again for it."
            )
        else:
            text = self.tr(
                "Your profile no longer records a registration, so this draft is "
                "now a first registration application. Your entries and files were "
                "kept; the explanation of a late application was removed, and the "
                "declaration needs accepting again."
            )
        self.show_notice(text)

    def show_findings(self, findings: list[ReviewFinding]) -> None:
        """The reviewers' reasons of the rejection this draft resubmits, marked first."""
        self.findings_list.clear()
        for finding in findings:
            text = (
                "★ "
                + reason_label(finding.code)
                + (f"：{finding.comment}" if finding.comment else "")
            )
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, FixItem(finding.code, finding.page))
            self.findings_list.addItem(item)
        self.findings_label.setVisible(bool(findings))
        self.findings_list.setVisible(bool(findings))
        self.findings_list.setMaximumHeight(self.fontMetrics().lineSpacing() * 6)

    def show_result(self, status: RegistrationStatus, fix_items: list[FixItem]) -> None:
        summary = fill(
            self.tr("%1 · %2 of %3 hours in this cycle"),
            state_label(status.state),
            fmt_hours(status.counted_hours),
            fmt_hours(status.required_hours),
        )
        if status.expires_on is not None:
            summary += " · " + fill(self.tr("registered until %1"), fmt_date(status.expires_on))
        self.fix_list.clear()
        blocking = blocking_items(fix_items)
        if blocking:
            blocking_count = len(blocking)
            summary += "\n" + self.tr("%n item(s) to fix before export:", "", blocking_count)
        else:
            summary += "\n" + self.tr("Everything a reviewer checks first is in order.")
        if len(fix_items) > len(blocking):
            note_count = len(fix_items) - len(blocking)
            summary += "\n" + self.tr(
                "%n note(s) that do not hold back the export:", "", note_count
            )
        # in the pre-check's order (row i is fix_items[i]); notes marked ○; each item with
        # the rule behind it (依据)
        for fix in fix_items:
            text = ("· " if fix.blocking else "○ ") + fix_item_text(fix)
            if fix.basis is not None:
                text += "\n    " + basis_text(fix.basis)
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, fix)
            self.fix_list.addItem(item)
        if fix_items:
            self.fix_list.setCurrentRow(0)
        self.fix_list.setVisible(bool(fix_items))
        self.status_label.setText(summary)

    def focus_target(self, fix: FixItem) -> QLabel | JumpList:
        return self.fix_list if self.fix_list.count() else self.status_label

    def _on_list_item_activated(self, item: QListWidgetItem) -> None:
        self.fix_activated.emit(item.data(Qt.ItemDataRole.UserRole))
