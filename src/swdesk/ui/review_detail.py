"""One application in detail: its data, the form, the photo, the evidence with hashes and a
viewer, the automatic checks, and its history of submissions and decisions."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QImage, QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from swdesk.domain.enums import CertificateLevel, Gender

from .feedback import explain_error
from .pdf_preview import PdfPreview, render_pages
from .texts import (
    check_detail_text,
    check_label,
    fmt_date,
    gender_label,
    level_label,
    outcome_label,
    reason_label,
    review_stage_label,
    review_state_label,
)


def _gender(code: str) -> str:
    try:
        return gender_label(Gender(code))
    except ValueError:
        return code


def _level(code: str) -> str:
    try:
        return level_label(CertificateLevel(code))
    except ValueError:
        return code


class ReviewDetailDialog(QDialog):
    """Emits `decide_requested(outcome)` for the application shown."""

    decide_requested = Signal(str)

    def __init__(self, service: Any, app_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self.app_id = app_id
        self.detail = service.detail(app_id)
        self.setObjectName("reviewDetail")
        row = self.detail.row
        self.setWindowTitle(self.tr("Application of %1").replace("%1", row.applicant_name))
        layout = QVBoxLayout(self)
        header = QHBoxLayout()
        self.summary = QLabel()
        self.summary.setObjectName("detailSummary")
        self.summary.setWordWrap(True)
        header.addWidget(self.summary, 1)
        self.reveal_button = QPushButton(self.tr("Show full &ID number"))
        self.reveal_button.setObjectName("revealId")
        self.reveal_button.clicked.connect(self._on_reveal_clicked)
        header.addWidget(self.reveal_button)
        layout.addLayout(header)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("detailTabs")
        self.tabs.addTab(self._data_tab(), self.tr("&Data"))
        self.tabs.addTab(self._checks_tab(), self.tr("&Checks"))
        self.form_preview = PdfPreview()
        self.tabs.addTab(self.form_preview, self.tr("&Form"))
        self.tabs.addTab(self._photo_tab(), self.tr("P&hoto"))
        self.tabs.addTab(self._evidence_tab(), self.tr("E&vidence"))
        self.tabs.addTab(self._history_tab(), self.tr("Hi&story"))
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        layout.addWidget(self.tabs, 1)
        buttons = QHBoxLayout()
        self.approve_button = QPushButton(self.tr("&Approve…"))
        self.approve_button.setObjectName("detailApprove")
        self.approve_button.clicked.connect(lambda: self.decide_requested.emit("approved"))
        self.reject_button = QPushButton(self.tr("&Reject…"))
        self.reject_button.setObjectName("detailReject")
        self.reject_button.clicked.connect(lambda: self.decide_requested.emit("rejected"))
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        buttons.addStretch(1)
        for button in (self.approve_button, self.reject_button, close):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self._show_summary(row.masked_id_number)
        self.resize(self.fontMetrics().averageCharWidth() * 130,
                    self.fontMetrics().lineSpacing() * 40)

    def _show_summary(self, id_text: str) -> None:
        row = self.detail.row
        state = review_state_label(str(getattr(row.state, "value", row.state)))
        late = self.tr(" · late") if row.is_late else ""
        self.summary.setText(self.tr("<b>%1</b> · %2 · %3 · version %4 · %5%6").replace(
            "%1", row.applicant_name).replace("%2", id_text).replace(
            "%3", row.county_name).replace("%4", str(row.version)).replace(
            "%5", state).replace("%6", late))

    # -- tabs ----------------------------------------------------------------------------
    def _data_tab(self) -> QWidget:
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        body = QWidget()
        form = QFormLayout(body)
        app = self.detail.application
        applicant = app.get("applicant", {})
        fields = [
            (self.tr("Name"), applicant.get("name", "")),
            (self.tr("Gender"), _gender(applicant.get("gender", ""))),
            (self.tr("Date of birth"), applicant.get("birth_date", "")),
            (self.tr("Phone"), applicant.get("phone", "")),
            (self.tr("Employer"), applicant.get("employer", "")),
            (self.tr("Credit code"), applicant.get("employer_credit_code", "") or "—"),
            (self.tr("Post"), applicant.get("post", "")),
            (self.tr("County"), applicant.get("county", "")),
        ]
        certificate = app.get("certificate") or {}
        registration = app.get("registration") or {}
        hours = app.get("hours", {})
        fields += [
            (self.tr("Certificate"), f"{_level(certificate.get('level', ''))} "
                                     f"{certificate.get('number', '')}"),
            (self.tr("Registered"), f"{registration.get('valid_from', '—')} – "
                                    f"{registration.get('valid_to', '—')}"),
            (self.tr("Hours"), f"{hours.get('counted', '')} / {hours.get('required', '')}"),
            (self.tr("Late"), self.tr("yes") if app.get("is_late") else self.tr("no")),
            (self.tr("Late explanation"), app.get("late_explanation", "") or "—"),
        ]
        for label, value in fields:
            text = QLabel(str(value))
            text.setWordWrap(True)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(label, text)
        activities = QTreeWidget()
        activities.setObjectName("detailActivities")
        activities.setHeaderLabels([self.tr("Activity"), self.tr("Organiser"), self.tr("From"),
                                    self.tr("To"), self.tr("Hours")])
        for activity in app.get("activities", []):
            activities.addTopLevelItem(QTreeWidgetItem([
                activity.get("title", ""), activity.get("organiser", ""),
                activity.get("start_date", ""), activity.get("end_date", ""),
                activity.get("hours", "")]))
        form.addRow(self.tr("Activities"), activities)
        first = self.detail.first_level_decision
        if first is not None:
            form.addRow(self.tr("First-level opinion"), QLabel(self._decision_text(first)))
        scroll.setWidget(body)
        return scroll

    def _checks_tab(self) -> QWidget:
        self.checks_list = QListWidget()
        self.checks_list.setObjectName("checksList")
        self.checks_list.setAccessibleName(self.tr("Automatic checks"))
        for check in self.detail.checks:
            mark = "√" if check.passed else "×"
            item = QListWidgetItem(f"{mark}  {check_label(check.code)}："
                                   f"{check_detail_text(check)}")
            item.setData(Qt.ItemDataRole.UserRole, check.passed)
            if not check.passed:
                item.setForeground(Qt.GlobalColor.red)
            self.checks_list.addItem(item)
        return self.checks_list

    def _photo_tab(self) -> QWidget:
        self.photo_label = QLabel(self.tr("No photo"))
        self.photo_label.setObjectName("detailPhoto")
        self.photo_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        return self.photo_label

    def _evidence_tab(self) -> QWidget:
        splitter = QSplitter()
        self.evidence_list = QTreeWidget()
        self.evidence_list.setObjectName("evidenceMembers")
        self.evidence_list.setHeaderLabels([self.tr("File"), self.tr("Size"), "SHA-256"])
        for member in self.detail.members:
            if member.role in ("evidence", "material", "signed_form"):
                item = QTreeWidgetItem([member.name, str(member.size), member.sha256])
                item.setData(0, Qt.ItemDataRole.UserRole, member)
                self.evidence_list.addTopLevelItem(item)
        self.evidence_list.currentItemChanged.connect(self._on_evidence_current_changed)
        self.evidence_view = PdfPreview()
        self.evidence_image = QLabel()
        self.evidence_image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        viewer = QTabWidget()
        viewer.addTab(self.evidence_view, "PDF")
        viewer.addTab(self.evidence_image, self.tr("Image"))
        self.evidence_viewer = viewer
        splitter.addWidget(self.evidence_list)
        splitter.addWidget(viewer)
        splitter.setStretchFactor(1, 2)
        return splitter

    def _history_tab(self) -> QWidget:
        self.history_list = QListWidget()
        self.history_list.setObjectName("historyList")
        for entry in self.detail.history:
            self.history_list.addItem(QListWidgetItem(self._history_text(entry)))
        if not self.detail.history:
            self.history_list.addItem(self.tr("No earlier submissions or decisions."))
        return self.history_list

    def _history_text(self, entry: Any) -> str:
        relation = {"this": self.tr("this application"), "version": self.tr("other version"),
                    "resubmission": self.tr("linked resubmission")}.get(entry.relation,
                                                                       entry.relation)
        text = self.tr("Version %1 (%2), received %3: %4").replace(
            "%1", str(entry.version)).replace("%2", relation).replace(
            "%3", fmt_date(entry.received_at.date())).replace(
            "%4", review_state_label(str(getattr(entry.state, "value", entry.state))))
        for decision in entry.decisions:
            text += "\n    " + self._decision_text(decision)
        return text

    def _decision_text(self, decision: Any) -> str:
        reasons = "；".join(f"{reason_label(code)}{('：' + comment) if comment else ''}"
                           for code, comment in (decision.reasons or []))
        stage = review_stage_label(str(getattr(decision.stage, "value", decision.stage)))
        outcome = outcome_label(str(getattr(decision.outcome, "value", decision.outcome)))
        decided = fmt_date(decision.decided_at.date())
        text = f"{stage} {outcome} · {decision.office_name} · {decided}"
        if decision.late_reason:
            text += " · " + self.tr("late accepted: %1").replace("%1", decision.late_reason)
        return text + (f" · {reasons}" if reasons else "")

    # -- loading on demand ---------------------------------------------------------------
    def _on_tabs_current_changed(self, index: int) -> None:
        widget = self.tabs.widget(index)
        try:
            if widget is self.form_preview and self.form_preview.page_count == 0:
                self.form_preview.show_pages(render_pages(
                    self._service.member_bytes(self.app_id, "form.pdf"), 72))
            elif widget is self.photo_label and self.photo_label.pixmap().isNull():
                image = QImage.fromData(self._service.member_bytes(self.app_id, "photo.jpg"))
                if not image.isNull():
                    self.photo_label.setPixmap(QPixmap.fromImage(image))
        except Exception as error:  # noqa: BLE001 - explained
            explain_error(self, error, self.tr("The file could not be shown"))

    def _on_evidence_current_changed(self, item: QTreeWidgetItem | None, _prev: Any) -> None:
        if item is None:
            return
        member = item.data(0, Qt.ItemDataRole.UserRole)
        try:
            data = self._service.member_bytes(self.app_id, member.name)
        except Exception as error:  # noqa: BLE001 - explained
            explain_error(self, error, self.tr("The file could not be shown"))
            return
        if member.media_type == "application/pdf":
            self.evidence_view.show_pages(render_pages(data, 60))
            self.evidence_viewer.setCurrentIndex(0)
        else:
            image = QImage.fromData(data)
            if not image.isNull():
                self.evidence_image.setPixmap(QPixmap.fromImage(image).scaled(
                    900, 900, Qt.AspectRatioMode.KeepAspectRatio))
            self.evidence_viewer.setCurrentIndex(1)

    def _on_reveal_clicked(self) -> None:
        self._show_summary(self._service.reveal_id_number(self.app_id))
        self.reveal_button.setEnabled(False)
