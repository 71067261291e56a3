"""One application in detail: its data (`data_tab`), the automatic checks, the form
(`form_mask`), the photo, the evidence with hashes and a viewer (`evidence`), and its
history of submissions and decisions.

The ID number stays masked everywhere in this window, the rendered form included, until
the reviewer uses "Show full ID number" (the audited step). After a decision the window
reloads itself (`reload()`), so its state and buttons never speak of the past.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from swdesk.services.review import DecisionOutcome

from ..feedback import explain_error
from ..pdf_preview import PdfPreview, render_pages
from ..plain_text import plain_label, rich_text
from ..screen_fit import fit_size
from ..texts import (
    check_detail_text,
    check_label,
    fill,
    fmt_date,
    outcome_label,
    reason_label,
    review_stage_label,
    review_state_label,
)
from .data_tab import ApplicationDataTab
from .evidence import EvidenceTab, scrolling
from .form_mask import IdNotFoundOnForm, render_masked
from .people import awaiting_signature_label, decided_by_text

if TYPE_CHECKING:  # the reviewer's services, already loaded by the window that opens this
    from swdesk.services.review import DecisionInfo, HistoryEntry, ReviewService

FORM_DPI = 72


class ReviewDetailDialog(QDialog):
    """Emits `decide_requested(outcome)` for the application shown (a `DecisionOutcome`'s
    value)."""

    decide_requested = Signal(str)

    def __init__(self, service: ReviewService, app_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self.app_id = app_id
        self.detail = service.detail(app_id)
        self.revealed_id: str = ""  # the full number, once "Show full ID number" was used
        self.setObjectName("reviewDetail")
        row = self.detail.row
        self.setWindowTitle(fill(self.tr("Application of %1"), row.applicant_name))
        layout = QVBoxLayout(self)
        header = QHBoxLayout()
        self.summary = plain_label()
        self.summary.setTextFormat(Qt.TextFormat.RichText)  # bold name; values escaped
        self.summary.setObjectName("detailSummary")
        self.summary.setWordWrap(True)
        header.addWidget(self.summary, 1)
        self.reveal_button = QPushButton(self.tr("Show full &ID number"))
        self.reveal_button.setObjectName("revealId")
        self.reveal_button.clicked.connect(self._on_reveal_clicked)
        header.addWidget(self.reveal_button)
        layout.addLayout(header)
        self.notice_label = plain_label()
        self.notice_label.setObjectName("detailNotice")
        self.notice_label.setWordWrap(True)
        layout.addWidget(self.notice_label)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("detailTabs")
        first = self.detail.first_level_decision
        data_tab = ApplicationDataTab(
            self.detail, self._decision_text(first) if first is not None else ""
        )
        self.activities_table = data_tab.activities_table
        self.tabs.addTab(data_tab, self.tr("&Data"))
        self.tabs.addTab(self._checks_tab(), self.tr("&Checks"))
        self.form_preview = PdfPreview()
        self.form_withheld = False  # the form was not shown: its ID number could not be masked
        self.tabs.addTab(self.form_preview, self.tr("&Form"))
        self.tabs.addTab(self._photo_tab(), self.tr("P&hoto"))
        evidence = EvidenceTab(service, app_id, self.detail)
        self.evidence_list = evidence.evidence_list
        self.evidence_view = evidence.evidence_view
        self.tabs.addTab(evidence, self.tr("E&vidence"))
        self.tabs.addTab(self._history_tab(), self.tr("Hi&story"))
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        layout.addWidget(self.tabs, 1)
        buttons = QHBoxLayout()
        self.approve_button = QPushButton(self.tr("&Approve…"))
        self.approve_button.setObjectName("detailApprove")
        self.approve_button.clicked.connect(
            lambda: self.decide_requested.emit(DecisionOutcome.APPROVED.value)
        )
        self.reject_button = QPushButton(self.tr("&Reject…"))
        self.reject_button.setObjectName("detailReject")
        self.reject_button.clicked.connect(
            lambda: self.decide_requested.emit(DecisionOutcome.REJECTED.value)
        )
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        buttons.addStretch(1)
        for button in (self.approve_button, self.reject_button, close):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self._show_state()
        fit_size(
            self, self.fontMetrics().averageCharWidth() * 130, self.fontMetrics().lineSpacing() * 40
        )

    @Slot(list)
    def on_decisions_recorded(self, app_ids: list[int]) -> None:
        if self.app_id in app_ids:
            self.reload()

    def reload(self) -> None:
        """Read the application again (after a decision): header, buttons, history."""
        try:
            self.detail = self._service.detail(self.app_id, opened=False)
        except Exception as error:  # noqa: BLE001 - explained
            explain_error(self, error, self.tr("The application could not be opened"))
            return
        self._show_state()
        self._fill_history()

    def _show_state(self) -> None:
        self._show_summary(self.revealed_id or self.detail.row.masked_id_number)
        pending = self.detail.pending  # a reviewer's decision awaiting the head
        decidable = bool(self.detail.decidable) and pending is None
        self.approve_button.setEnabled(decidable)
        self.reject_button.setEnabled(decidable)
        notices = []
        if not decidable:
            notices.append(
                fill(
                    self.tr("No decision can be taken on it here: %1."),
                    review_state_label(self.detail.row.state.value),
                )
            )
        if pending is not None:
            notices.append(
                awaiting_signature_label(self.detail.row.pending_by_name or pending.decided_by)
            )
        if self.detail.row.shares_id_number:
            notices.append(
                self.tr(
                    "Another application awaiting review carries the same ID number: check "
                    "whether the same person applied twice before deciding."
                )
            )
        self.notice_label.setText("\n".join(notices))
        self.notice_label.setVisible(bool(notices))

    def _show_summary(self, id_text: str) -> None:
        row = self.detail.row
        state = review_state_label(row.state.value)
        late = self.tr(" · late") if row.is_late else ""
        self.summary.setText(
            rich_text(
                self.tr("<b>%1</b> · %2 · %3 · version %4 · %5%6"),
                row.applicant_name,
                id_text,
                row.county_name,
                str(row.version),
                state,
                late,
            )
        )

    # -- tabs ----------------------------------------------------------------------------
    def _checks_tab(self) -> QWidget:
        self.checks_list = QListWidget()
        self.checks_list.setObjectName("checksList")
        self.checks_list.setAccessibleName(self.tr("Automatic checks"))
        for check in self.detail.checks:
            mark = "√" if check.passed else "×"
            item = QListWidgetItem(f"{mark}  {check_label(check.code)}：{check_detail_text(check)}")
            item.setData(Qt.ItemDataRole.UserRole, check.passed)
            if not check.passed:
                item.setForeground(Qt.GlobalColor.red)
            self.checks_list.addItem(item)
        return self.checks_list

    def _photo_tab(self) -> QWidget:
        self.photo_label = plain_label(self.tr("No photo"))
        self.photo_label.setObjectName("detailPhoto")
        self.photo_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.photo_scroll = scrolling(self.photo_label)  # a large photo scrolls
        return self.photo_scroll

    def _history_tab(self) -> QWidget:
        self.history_list = QListWidget()
        self.history_list.setObjectName("historyList")
        self.history_list.setWordWrap(True)
        self._fill_history()
        return self.history_list

    def _fill_history(self) -> None:
        self.history_list.clear()
        for entry in self.detail.history:
            self.history_list.addItem(QListWidgetItem(self._history_text(entry)))
        if not self.detail.history:
            self.history_list.addItem(self.tr("No earlier submissions or decisions."))

    def _history_text(self, entry: HistoryEntry) -> str:
        relation = {
            "this": self.tr("this application"),
            "version": self.tr("other version"),
            "resubmission": self.tr("linked resubmission"),
        }.get(entry.relation, entry.relation)
        text = fill(
            self.tr("Version %1 (%2), received %3: %4"),
            str(entry.version),
            relation,
            fmt_date(entry.received_at.date()),
            review_state_label(entry.state.value),
        )
        for decision in entry.decisions:
            text += "\n    " + self._decision_text(decision)
        return text

    def _decision_text(self, decision: DecisionInfo) -> str:
        reasons = "；".join(
            f"{reason_label(code)}{('：' + comment) if comment else ''}"
            for code, comment in (decision.reasons or [])
        )
        stage = review_stage_label(decision.stage.value)
        outcome = outcome_label(decision.outcome.value)
        decided = fmt_date(decision.decided_at.date())
        text = f"{stage} {outcome} · {decision.office_name} · {decided}"
        if decision.late_reason:
            text += " · " + fill(self.tr("late accepted: %1"), decision.late_reason)
        if decision.decided_by:  # the people behind it (none before people signed in)
            text += " · " + decided_by_text(decision.decided_by, decision.signed_by)
        return text + (f" · {reasons}" if reasons else "")

    # -- loading on demand ---------------------------------------------------------------
    def _on_tabs_current_changed(self, index: int) -> None:
        widget = self.tabs.widget(index)
        try:
            if widget is self.form_preview and self.form_preview.page_count == 0:
                self._show_form()
            elif widget is self.photo_scroll and self.photo_label.pixmap().isNull():
                image = QImage.fromData(self._service.member_bytes(self.app_id, "photo.jpg"))
                if not image.isNull():
                    self.photo_label.setPixmap(QPixmap.fromImage(image))
        except Exception as error:  # noqa: BLE001 - explained
            explain_error(self, error, self.tr("The file could not be shown"))

    def _show_form(self) -> None:
        """The form as printed, with the ID number masked unless it was revealed."""
        pdf = self._service.member_bytes(self.app_id, "form.pdf")
        number = str(self.detail.application.get("applicant", {}).get("id_number", ""))
        self.form_withheld = False
        if self.revealed_id or not number:
            self.form_preview.show_pages(render_pages(pdf, FORM_DPI))
            return
        try:
            self.form_preview.show_pages(render_masked(pdf, FORM_DPI, number))
        except IdNotFoundOnForm:
            self.form_withheld = True
            self.form_preview.show_pages([])
            self.form_preview.canvas.setWordWrap(True)
            self.form_preview.canvas.setText(
                self.tr(
                    "The ID number could not be found on this form to mask it, so the form is "
                    'not shown. Use "Show full ID number" to see it (that is recorded in the '
                    "audit log)."
                )
            )

    def _on_reveal_clicked(self) -> None:
        try:
            self.revealed_id = self._service.reveal_id_number(self.app_id)
        except Exception as error:  # noqa: BLE001 - explained
            explain_error(self, error, self.tr("The ID number could not be shown"))
            return
        self._show_summary(self.revealed_id)
        self.reveal_button.setEnabled(False)
        if self.form_preview.page_count or self.form_withheld:
            try:
                self._show_form()
            except Exception as error:  # noqa: BLE001 - explained
                explain_error(self, error, self.tr("The file could not be shown"))
