"""One application in detail: its data, the form, the photo, the evidence with hashes and a
viewer, the automatic checks, and its history of submissions and decisions.

The ID number stays masked everywhere in this window, the rendered form included, until
the reviewer uses "Show full ID number" (the audited step). After a decision the window
reloads itself (`reload()`), so its state and buttons never speak of the past.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QRectF, Qt, QTimer, Signal, Slot
from PySide6.QtGui import QColor, QImage, QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QAbstractScrollArea,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from swdesk.domain.enums import ActivityType, CertificateLevel, Gender
from swdesk.domain.errors import UserFixableError
from swdesk.domain.identity import mask_id_number
from swdesk.pdf.limits import PdfTooComplex

from .feedback import explain_error
from .pdf_preview import PdfPreview, render_pages
from .screen_fit import fit_size
from .texts import (
    activity_type_label,
    calendar_unknown_text,
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

if TYPE_CHECKING:  # the reviewer's services, already loaded by the window that opens this
    from swdesk.services.review import DecisionInfo, HistoryEntry, MemberInfo, ReviewService

FORM_DPI = 72


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


def _activity_type(code: str) -> str:
    try:
        return activity_type_label(ActivityType(code))
    except ValueError:
        return code


def size_text(size: int) -> str:
    """A file size for people: "669 B", "12.5 KB", "3.2 MB" (1 KB = 1024 bytes)."""
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def _scrolling(label: QLabel) -> QScrollArea:
    """`label` in a scroll area: a large picture scrolls instead of growing the window."""
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setAlignment(Qt.AlignmentFlag.AlignCenter)
    scroll.setWidget(label)
    return scroll


class IdNotFoundOnForm(Exception):
    """The form's text layer does not hold the ID number, so it cannot be masked."""


def render_masked(pdf: bytes, dpi: float, id_number: str) -> list[QImage]:
    """The pages of `pdf` with the middle of every occurrence of `id_number` painted over
    and replaced by the masked form's asterisks (what `mask_id_number` hides). Raises
    IdNotFoundOnForm when the number is nowhere in the text, as the form would otherwise
    be shown with it in clear."""
    import pypdfium2 as pdfium

    images = render_pages(pdf, dpi)
    masked = mask_id_number(id_number)
    head = len(masked) - len(masked.lstrip("0123456789Xx")) if masked else 0
    tail = len(masked) - head - masked.count("*")
    hidden = len(id_number) - head - tail  # the characters the masked form leaves out
    scale = dpi / 72.0
    found = 0
    document = pdfium.PdfDocument(pdf)
    try:
        for index, image in enumerate(images):
            page = document[index]
            height = page.get_height()
            text = page.get_textpage()
            searcher = text.search(id_number, match_case=False)
            hits: list[list[QRectF]] = []  # per occurrence: one box per hidden digit
            while (hit := searcher.get_next()) is not None:
                start, count = hit
                if count != len(id_number):
                    continue
                cells = []
                for offset in range(head, head + hidden):
                    left, bottom, right, top = text.get_charbox(start + offset)
                    pad = (top - bottom) * 0.25
                    cells.append(QRectF(left * scale, (height - top - pad) * scale,
                                        (right - left) * scale, (top - bottom + 2 * pad) * scale))
                hits.append(cells)
            searcher.close()
            text.close()
            page.close()
            if hits:
                found += len(hits)
                painter = QPainter(image)
                painter.setPen(QColor("black"))
                for cells in hits:
                    whole = cells[0]
                    for cell in cells[1:]:
                        whole = whole.united(cell)
                    painter.fillRect(whole.adjusted(-0.5 * scale, 0, 0.5 * scale, 0),
                                     QColor("white"))
                    font = painter.font()
                    font.setPixelSize(max(6, int(whole.height() * 0.75)))
                    painter.setFont(font)
                    for cell in cells:  # each star where its digit was
                        painter.drawText(cell, Qt.AlignmentFlag.AlignCenter, "*")
                painter.end()
    finally:
        document.close()
    if not found:
        raise IdNotFoundOnForm
    return images


class ReviewDetailDialog(QDialog):
    """Emits `decide_requested(outcome)` for the application shown."""

    decide_requested = Signal(str)

    def __init__(self, service: ReviewService, app_id: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self.app_id = app_id
        self.detail = service.detail(app_id)
        self.revealed_id: str = ""  # the full number, once "Show full ID number" was used
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
        self.notice_label = QLabel()
        self.notice_label.setObjectName("detailNotice")
        self.notice_label.setWordWrap(True)
        layout.addWidget(self.notice_label)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("detailTabs")
        self.tabs.addTab(self._data_tab(), self.tr("&Data"))
        self.tabs.addTab(self._checks_tab(), self.tr("&Checks"))
        self.form_preview = PdfPreview()
        self.form_withheld = False  # the form was not shown: its ID number could not be masked
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
        self._show_state()
        fit_size(self, self.fontMetrics().averageCharWidth() * 130,
                 self.fontMetrics().lineSpacing() * 40)

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
        decidable = bool(self.detail.decidable)
        self.approve_button.setEnabled(decidable)
        self.reject_button.setEnabled(decidable)
        notices = []
        if not decidable:
            notices.append(self.tr("No decision can be taken on it here: %1.").replace(
                "%1", review_state_label(str(getattr(self.detail.row.state, "value",
                                                     self.detail.row.state)))))
        if self.detail.row.shares_id_number:
            notices.append(self.tr(
                "Another application awaiting review carries the same ID number: check "
                "whether the same person applied twice before deciding."))
        self.notice_label.setText("\n".join(notices))
        self.notice_label.setVisible(bool(notices))

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
            (self.tr("County"), self._county_text(applicant.get("county", ""))),
        ]
        certificate = app.get("certificate") or {}
        registration = app.get("registration") or {}
        hours = app.get("hours", {})
        fields += [
            (self.tr("Certificate"), f"{_level(certificate.get('level', ''))} "
                                     f"{certificate.get('number', '')}"),
            (self.tr("Registered"), f"{registration.get('valid_from', '—')} – "
                                    f"{registration.get('valid_to', '—')}"),
            # 登记证书编号: application.json version 2; absent when the applicant's swdesk
            # did not know it (or was older)
            (self.tr("Registration certificate number"), registration.get("number") or "—"),
            (self.tr("Hours"), f"{hours.get('counted', '')} / {hours.get('required', '')}"),
            (self.tr("Late"), self.tr("yes") if app.get("is_late") else self.tr("no")),
            (self.tr("Late explanation"), app.get("late_explanation", "") or "—"),
        ]
        fields += self._date_fields()
        for label, value in fields:
            text = QLabel(str(value))
            text.setWordWrap(True)
            text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            form.addRow(label, text)
        headers = [self.tr("Activity"), self.tr("Organiser"), self.tr("Type"), self.tr("From"),
                   self.tr("To"), self.tr("Hours"), self.tr("Proofs")]
        rows = app.get("activities", [])
        activities = QTableWidget(len(rows), len(headers))
        activities.setObjectName("detailActivities")
        activities.setAccessibleName(self.tr("Activities"))
        activities.setHorizontalHeaderLabels(headers)
        activities.verticalHeader().hide()
        activities.setWordWrap(True)  # long titles wrap over lines, never cut short
        activities.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        activities.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        activities.setSizeAdjustPolicy(QAbstractScrollArea.SizeAdjustPolicy.AdjustToContents)
        activities.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        for row, activity in enumerate(rows):
            texts = [activity.get("title", ""), activity.get("organiser", ""),
                     _activity_type(activity.get("activity_type", "")),
                     activity.get("start_date", ""), activity.get("end_date", ""),
                     activity.get("hours", ""), str(len(activity.get("evidence") or []))]
            for column, text in enumerate(texts):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                activities.setItem(row, column, item)
        header = activities.horizontalHeader()
        header.setStretchLastSection(False)
        for column in range(2, len(headers)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column, chars in ((1, 20), (2, 10)):  # organiser and type wrap in these widths
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            header.resizeSection(column, self.fontMetrics().averageCharWidth() * chars)
        # row heights follow the column widths once the layout has settled (Qt measures
        # only the columns inside the viewport)
        self._rows_timer = QTimer(self)
        self._rows_timer.setSingleShot(True)
        self._rows_timer.setInterval(0)
        self._rows_timer.timeout.connect(activities.resizeRowsToContents)
        header.sectionResized.connect(lambda *_a: self._rows_timer.start())
        activities.resizeRowsToContents()
        self.activities_table = activities
        form.addRow(QLabel(self.tr("Activities")))
        form.addRow(activities)
        first = self.detail.first_level_decision
        if first is not None:
            form.addRow(self.tr("First-level opinion"), QLabel(self._decision_text(first)))
        scroll.setWidget(body)
        return scroll

    def _date_fields(self) -> list[tuple[str, str]]:
        """The applicant's declaration date beside the date received (the office judges by
        the latter), and the review deadline with a note when its years' holidays are not
        known."""
        row = self.detail.row
        deadline = self.tr("%1 (%2 working days after the date received)").replace(
            "%1", fmt_date(row.deadline_on)).replace("%2", str(row.deadline_working_days))
        if row.calendar_unknown_years:
            deadline += "\n" + calendar_unknown_text(row.calendar_unknown_years)
        return [
            (self.tr("Declaration date"), fmt_date(self.detail.declared_on)),
            (self.tr("Date received"), fmt_date(row.received_at.date())),
            (self.tr("Review deadline"), deadline),
        ]

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
        self.photo_scroll = _scrolling(self.photo_label)  # a large photo scrolls
        return self.photo_scroll

    def _evidence_tab(self) -> QWidget:
        splitter = QSplitter()
        self.evidence_list = QTreeWidget()
        self.evidence_list.setObjectName("evidenceMembers")
        self.evidence_list.setAccessibleName(self.tr("Evidence by activity"))
        self.evidence_list.setHeaderLabels([self.tr("Activity / file"), self.tr("Type"),
                                            self.tr("Size"), "SHA-256"])
        self.evidence_list.setWordWrap(True)
        self.evidence_list.setUniformRowHeights(False)
        self._fill_evidence()
        self.evidence_list.expandAll()
        header = self.evidence_list.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(0, self.fontMetrics().averageCharWidth() * 32)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        header.resizeSection(3, self.fontMetrics().averageCharWidth() * 20)
        self.evidence_list.currentItemChanged.connect(self._on_evidence_current_changed)
        self.evidence_view = PdfPreview()
        self.evidence_image = QLabel()
        self.evidence_image.setAlignment(Qt.AlignmentFlag.AlignCenter)
        viewer = QTabWidget()
        viewer.addTab(self.evidence_view, "PDF")
        viewer.addTab(_scrolling(self.evidence_image), self.tr("Image"))
        self.evidence_viewer = viewer
        splitter.addWidget(self.evidence_list)
        splitter.addWidget(viewer)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        splitter.setChildrenCollapsible(False)
        return splitter

    def _media_text(self, media_type: str) -> str:
        return {"application/pdf": self.tr("PDF document"), "image/jpeg": self.tr("JPEG image"),
                "image/png": self.tr("PNG image")}.get(media_type, media_type)

    def _member_item(self, member: MemberInfo, label: str) -> QTreeWidgetItem:
        item = QTreeWidgetItem([label, self._media_text(member.media_type),
                                size_text(member.size), member.sha256])
        item.setData(0, Qt.ItemDataRole.UserRole, member)
        item.setToolTip(0, self.tr("Stored in the bundle as %1").replace("%1", member.name))
        item.setToolTip(3, member.sha256)
        return item

    def _fill_evidence(self) -> None:
        """One group per activity (title, dates, hours) holding its proofs, then the other
        materials under the names the applicant gave them."""
        app = self.detail.application
        members = {m.name: m for m in self.detail.members}
        listed: set[str] = set()
        for number, activity in enumerate(app.get("activities", []), start=1):
            names = [n for n in activity.get("evidence") or [] if n in members]
            group = QTreeWidgetItem([self.tr("%1. %2\n%3 – %4 · %5 hours").replace(
                "%1", str(number)).replace("%2", activity.get("title", "")).replace(
                "%3", activity.get("start_date", "")).replace(
                "%4", activity.get("end_date", "")).replace("%5", activity.get("hours", ""))])
            group.setFirstColumnSpanned(True)
            group.setToolTip(0, group.text(0))
            for index, name in enumerate(names, start=1):
                group.addChild(self._member_item(members[name], self.tr(
                    "Proof %1 of %2").replace("%1", str(index)).replace(
                    "%2", str(len(names)))))
                listed.add(name)
            if not names:
                group.addChild(QTreeWidgetItem([self.tr("No proof attached")]))
            self.evidence_list.addTopLevelItem(group)
        originals = {m.get("member"): m.get("original_name", "")
                     for m in app.get("materials", []) if isinstance(m, dict)}
        others = [m for m in self.detail.members
                  if m.role in ("evidence", "material", "signed_form") and m.name not in listed]
        if others:
            group = QTreeWidgetItem([self.tr("Other materials")])
            group.setFirstColumnSpanned(True)
            for member in others:
                label = originals.get(member.name) or (
                    self.tr("Signed application form") if member.role == "signed_form"
                    else self.tr("Proof not linked to an activity")
                    if member.role == "evidence" else member.name)
                group.addChild(self._member_item(member, label))
            self.evidence_list.addTopLevelItem(group)

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

    def _county_text(self, code: str) -> str:
        """The county's name from the rule pack (the queue row carries it); the code only
        when the pack does not know it."""
        name = self.detail.row.county_name if code == self.detail.row.county else ""
        if name and name != code:
            return name
        if not code:
            return "—"
        return self.tr("%1 (not a county or district of the applicable rules)").replace(
            "%1", code)

    def _history_text(self, entry: HistoryEntry) -> str:
        relation = {"this": self.tr("this application"), "version": self.tr("other version"),
                    "resubmission": self.tr("linked resubmission")}.get(entry.relation,
                                                                       entry.relation)
        text = self.tr("Version %1 (%2), received %3: %4").replace(
            "%1", str(entry.version)).replace("%2", relation).replace(
            "%3", fmt_date(entry.received_at.date())).replace(
            "%4", review_state_label(entry.state.value))
        for decision in entry.decisions:
            text += "\n    " + self._decision_text(decision)
        return text

    def _decision_text(self, decision: DecisionInfo) -> str:
        reasons = "；".join(f"{reason_label(code)}{('：' + comment) if comment else ''}"
                           for code, comment in (decision.reasons or []))
        stage = review_stage_label(decision.stage.value)
        outcome = outcome_label(decision.outcome.value)
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
            self.form_preview.canvas.setText(self.tr(
                "The ID number could not be found on this form to mask it, so the form is "
                "not shown. Use \"Show full ID number\" to see it (that is recorded in the "
                "audit log)."))

    def _on_evidence_current_changed(self, item: QTreeWidgetItem | None, _prev: Any) -> None:
        if item is None:
            return
        member = item.data(0, Qt.ItemDataRole.UserRole)
        if member is None:  # an activity's heading, not a file
            return
        try:
            data = self._service.member_bytes(self.app_id, member.name)
        except Exception as error:  # noqa: BLE001 - explained
            explain_error(self, error, self.tr("The file could not be shown"))
            return
        if member.media_type == "application/pdf":
            try:
                pages = render_pages(data, 60)
            except PdfTooComplex as error:
                explain_error(self, UserFixableError(
                    "pdf_too_complex", member=member.name,
                    file=self.detail.original_name or self.detail.bundle_id[:16],
                    reason=str(error)), self.tr("The file could not be shown"))
                return
            self.evidence_view.show_pages(pages)
            self.evidence_viewer.setCurrentIndex(0)
        else:
            image = QImage.fromData(data)
            if not image.isNull():
                self.evidence_image.setPixmap(QPixmap.fromImage(image).scaled(
                    900, 900, Qt.AspectRatioMode.KeepAspectRatio))
            self.evidence_viewer.setCurrentIndex(1)

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
