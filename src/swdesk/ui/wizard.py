"""The application wizard: pre-check, personal data, materials, declaration, the form,
the signed scan and the export — steps in a sidebar so the fix list can jump anywhere.

The wizard edits an `ApplicationDraft`; "Save draft" stores it at any time and exporting
commits it (the service refuses while the fix list has items).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QKeySequence, QPixmap, QShortcut
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from swdesk.domain.application import (
    ApplicationDraft,
    ApplicationKind,
    FixItem,
    MaterialFile,
    MaterialRole,
    WizardPage,
)
from swdesk.domain.credit_code import credit_code_issues
from swdesk.domain.errors import FieldIssue
from swdesk.domain.validation import phone_issues
from swdesk.services.applications import (
    ApplicationContext,
    ApplicationService,
    ExportResult,
    FixListOpen,
)

from .feedback import explain_error
from .form_fields import FieldSet, error_label
from .pdf_preview import PdfPreview, print_pdf, render_pages
from .tasks import TaskRunner
from .texts import fix_item_text, fmt_date, fmt_hours, state_label

STEPS = ("precheck", "personal", "materials", "declaration", "form", "signed", "export")
_PAGE_STEP = {WizardPage.PERSONAL: "personal", WizardPage.MATERIALS: "materials",
              WizardPage.DECLARATION: "declaration"}


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    font = label.font()
    font.setPointSizeF(max(font.pointSizeF(), 9.0) * 1.3)
    font.setBold(True)
    label.setFont(font)
    return label


class ApplicationWizard(QDialog):
    """Emits `outside_fix_requested(page)` when a fix needs the profile or the log, and
    `exported(result)` after a bundle is written."""

    outside_fix_requested = Signal(str)
    exported = Signal(object)

    def __init__(self, service: ApplicationService, runner: TaskRunner, practitioner_id: int,
                 parent: QWidget | None = None, findings: list | None = None) -> None:  # type: ignore[type-arg]
        super().__init__(parent)
        self._service = service
        self._runner = runner
        self.findings = list(findings or [])
        self.draft = service.current_draft(practitioner_id)
        self.context: ApplicationContext = service.context(practitioner_id)
        self.fix_items: list[FixItem] = []
        self.pdf: bytes | None = None
        self.last_export: ExportResult | None = None
        self.setObjectName("applicationWizard")
        self.setWindowTitle(self.tr("Re-registration application")
                            if self.draft.kind is ApplicationKind.RENEWAL
                            else self.tr("First registration application"))
        self._build()
        self._load_draft()
        self._show_findings()
        self.refresh_precheck()
        self.go_to("precheck")

    # -- building ------------------------------------------------------------------------
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        body = QHBoxLayout()
        self.steps = QListWidget()
        self.steps.setObjectName("wizardSteps")
        self.steps.setAccessibleName(self.tr("Steps"))
        titles = (self.tr("1. Pre-check"), self.tr("2. Personal data"), self.tr("3. Materials"),
                  self.tr("4. Declaration"), self.tr("5. The form"), self.tr("6. Signed scan"),
                  self.tr("7. Export"))
        for key, title in zip(STEPS, titles, strict=True):
            item = QListWidgetItem(title)
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.steps.addItem(item)
        self.steps.setFixedWidth(self.fontMetrics().averageCharWidth() * 22)
        self.steps.currentRowChanged.connect(self._on_steps_current_row_changed)
        body.addWidget(self.steps)
        self.stack = QStackedWidget()
        self.pages: dict[str, QWidget] = {}
        for key, builder in zip(STEPS, (self._build_precheck, self._build_personal,
                                        self._build_materials, self._build_declaration,
                                        self._build_form, self._build_signed,
                                        self._build_export), strict=True):
            page = builder()
            page.setObjectName(f"wizardPage_{key}")
            self.pages[key] = page
            self.stack.addWidget(page)
        body.addWidget(self.stack, 1)
        outer.addLayout(body, 1)
        buttons = QHBoxLayout()
        self.save_button = QPushButton(self.tr("&Save draft"))
        self.save_button.setObjectName("saveDraft")
        self.save_button.clicked.connect(self.save_draft)
        self.back_button = QPushButton(self.tr("< &Back"))
        self.back_button.setObjectName("wizardBack")
        self.back_button.clicked.connect(lambda: self._step(-1))
        self.next_button = QPushButton(self.tr("&Next >"))
        self.next_button.setObjectName("wizardNext")
        self.next_button.setDefault(True)
        self.next_button.clicked.connect(lambda: self._step(1))
        self.close_button = QPushButton(self.tr("&Close"))
        self.close_button.setObjectName("wizardClose")
        self.close_button.clicked.connect(self.close)
        buttons.addWidget(self.save_button)
        buttons.addStretch(1)
        for button in (self.back_button, self.next_button, self.close_button):
            buttons.addWidget(button)
        outer.addLayout(buttons)
        QShortcut(QKeySequence.StandardKey.Save, self, activated=self.save_draft)
        self.resize(self.fontMetrics().averageCharWidth() * 120,
                    self.fontMetrics().lineSpacing() * 38)

    def _build_precheck(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(_heading(self.tr("Pre-check: what a reviewer would check")))
        self.status_label = QLabel()
        self.status_label.setObjectName("precheckStatus")
        self.status_label.setWordWrap(True)
        layout.addWidget(self.status_label)
        self.findings_label = QLabel(self.tr(
            "The reviewers sent the last application back. Their reasons (double-click to go "
            "where each is fixed):"))
        self.findings_label.setWordWrap(True)
        self.findings_list = QListWidget()
        self.findings_list.setObjectName("reviewFindings")
        self.findings_list.setAccessibleName(self.tr("Reasons for the rejection"))
        self.findings_list.itemActivated.connect(self._on_fix_list_item_activated)
        layout.addWidget(self.findings_label)
        layout.addWidget(self.findings_list)
        self.fix_list = QListWidget()
        self.fix_list.setObjectName("fixList")
        self.fix_list.setAccessibleName(self.tr("Fix list"))
        self.fix_list.setWordWrap(True)
        self.fix_list.itemActivated.connect(self._on_fix_list_item_activated)
        layout.addWidget(self.fix_list, 1)
        hint = QLabel(self.tr("Double-click an item (or press Enter) to go where it is fixed."))
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.recheck_button = QPushButton(self.tr("Check &again"))
        self.recheck_button.setObjectName("recheck")
        self.recheck_button.clicked.connect(self.refresh_precheck)
        layout.addWidget(self.recheck_button, 0, Qt.AlignmentFlag.AlignLeft)
        return page

    def _build_personal(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(_heading(self.tr("Check and update your personal data")))
        note = QLabel(self.tr("Changes are applied to your profile when the application is "
                              "exported, and kept in the registration history."))
        note.setWordWrap(True)
        layout.addWidget(note)
        form = QFormLayout()
        self._personal = FieldSet(page)
        self.phone_edit = QLineEdit()
        self.employer_edit = QLineEdit()
        self.credit_edit = QLineEdit()
        self.post_edit = QLineEdit()
        for key, edit, label, accessible in (
                ("phone", self.phone_edit, self.tr("&Phone"), self.tr("Phone")),
                ("employer", self.employer_edit, self.tr("&Employer"), self.tr("Employer")),
                ("employer_credit_code", self.credit_edit,
                 self.tr("Unified social &credit code"), self.tr("Unified social credit code")),
                ("post", self.post_edit, self.tr("P&ost"), self.tr("Post"))):
            form.addRow(label, self._personal.add(key, edit, accessible))
            edit.editingFinished.connect(self._on_personal_edited)
        self.identity_check = QCheckBox(self.tr(
            "My identity data (name, ID number) changed since the last registration"))
        self.identity_check.setObjectName("identityChanged")
        self.identity_check.toggled.connect(self._on_personal_edited)
        form.addRow("", self.identity_check)
        layout.addLayout(form)
        layout.addStretch(1)
        return page

    def _build_materials(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(_heading(self.tr("Materials")))
        photo_row = QHBoxLayout()
        self.photo_label = QLabel(self.tr("No photo"))
        self.photo_label.setObjectName("wizardPhoto")
        self.photo_label.setFixedSize(96, 128)
        self.photo_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.photo_label.setFrameShape(QLabel.Shape.Box)
        photo_buttons = QVBoxLayout()
        self.photo_button = QPushButton(self.tr("Choose a recent ID &photo…"))
        self.photo_button.setObjectName("wizardChoosePhoto")
        self.photo_button.clicked.connect(self._on_photo_button_clicked)
        photo_hint = QLabel(self.tr("JPEG or PNG, plain background, at least 240×320 pixels. "
                                    "swdesk re-encodes it and removes hidden data such as "
                                    "location."))
        photo_hint.setWordWrap(True)
        photo_buttons.addWidget(self.photo_button, 0, Qt.AlignmentFlag.AlignLeft)
        photo_buttons.addWidget(photo_hint)
        photo_buttons.addStretch(1)
        photo_row.addWidget(self.photo_label)
        photo_row.addLayout(photo_buttons, 1)
        layout.addLayout(photo_row)
        self.material_list = QListWidget()
        self.material_list.setObjectName("materialList")
        self.material_list.setAccessibleName(self.tr("Attached materials"))
        self.material_list.itemActivated.connect(self._on_material_activated)
        layout.addWidget(QLabel(self.tr("Other materials:")))
        layout.addWidget(self.material_list, 1)
        row = QHBoxLayout()
        self.identity_button = QPushButton(self.tr("Add proof of &identity change…"))
        self.identity_button.setObjectName("addIdentityProof")
        self.identity_button.clicked.connect(
            lambda: self._pick_material(MaterialRole.IDENTITY_CHANGE))
        self.other_button = QPushButton(self.tr("Add &other material…"))
        self.other_button.setObjectName("addOtherMaterial")
        self.other_button.clicked.connect(lambda: self._pick_material(MaterialRole.OTHER))
        self.remove_material_button = QPushButton(self.tr("&Remove"))
        self.remove_material_button.setObjectName("removeMaterial")
        self.remove_material_button.clicked.connect(self._on_remove_material_clicked)
        for button in (self.identity_button, self.other_button, self.remove_material_button):
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.late_box = QWidget()
        late_layout = QVBoxLayout(self.late_box)
        late_layout.setContentsMargins(0, 0, 0, 0)
        late_label = QLabel(self.tr("&Written explanation of the late application (情况说明):"))
        self.late_edit = QPlainTextEdit()
        self.late_edit.setObjectName("lateExplanation")
        self.late_edit.setAccessibleName(self.tr("Written explanation"))
        self.late_edit.setTabChangesFocus(True)
        self.late_edit.textChanged.connect(self._on_late_changed)
        late_label.setBuddy(self.late_edit)
        late_layout.addWidget(late_label)
        late_layout.addWidget(self.late_edit)
        layout.addWidget(self.late_box)
        self.materials_error = error_label("materialsError")
        layout.addWidget(self.materials_error)
        return page

    def _build_declaration(self) -> QWidget:
        from swdesk.services.form_labels import DECLARATION

        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(_heading(self.tr("Declaration (承诺声明)")))
        text = QLabel(DECLARATION)
        text.setWordWrap(True)
        text.setObjectName("declarationText")
        text.setFrameShape(QLabel.Shape.StyledPanel)
        text.setMargin(12)
        layout.addWidget(text)
        self.declaration_check = QCheckBox(self.tr(
            "I have read the declaration and accept it; I will sign the printed form."))
        self.declaration_check.setObjectName("acceptDeclaration")
        self.declaration_check.toggled.connect(self._on_declaration_toggled)
        layout.addWidget(self.declaration_check, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)
        return page

    def _build_form(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(_heading(self.tr("The application form")))
        row = QHBoxLayout()
        self.generate_button = QPushButton(self.tr("&Generate preview"))
        self.generate_button.setObjectName("generateForm")
        self.generate_button.clicked.connect(self.generate_form)
        self.print_button = QPushButton(self.tr("&Print…"))
        self.print_button.setObjectName("printForm")
        self.print_button.clicked.connect(self._on_print_clicked)
        self.save_pdf_button = QPushButton(self.tr("Save as P&DF…"))
        self.save_pdf_button.setObjectName("saveFormPdf")
        self.save_pdf_button.clicked.connect(self._on_save_pdf_clicked)
        for button in (self.generate_button, self.print_button, self.save_pdf_button):
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.form_status = QLabel()
        self.form_status.setObjectName("formStatus")
        self.form_status.setWordWrap(True)
        layout.addWidget(self.form_status)
        self.preview = PdfPreview()
        layout.addWidget(self.preview, 1)
        return page

    def _build_signed(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(_heading(self.tr("Scan of the signed form")))
        note = QLabel(self.tr("After printing and signing the form, scan it and attach the "
                              "scan here. You can do this later: the bundle records whether "
                              "the signed scan is included."))
        note.setWordWrap(True)
        layout.addWidget(note)
        self.signed_label = QLabel()
        self.signed_label.setObjectName("signedScanStatus")
        layout.addWidget(self.signed_label)
        row = QHBoxLayout()
        self.signed_button = QPushButton(self.tr("Attach the &signed scan…"))
        self.signed_button.setObjectName("attachSignedScan")
        self.signed_button.clicked.connect(lambda: self._pick_material(MaterialRole.SIGNED_FORM))
        row.addWidget(self.signed_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)
        return page

    def _build_export(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(_heading(self.tr("Export the application bundle")))
        self.export_summary = QLabel()
        self.export_summary.setObjectName("exportSummary")
        self.export_summary.setWordWrap(True)
        layout.addWidget(self.export_summary)
        row = QHBoxLayout()
        self.export_button = QPushButton(self.tr("E&xport bundle…"))
        self.export_button.setObjectName("exportBundle")
        self.export_button.clicked.connect(self._on_export_clicked)
        self.open_folder_button = QPushButton(self.tr("Open the &folder"))
        self.open_folder_button.setObjectName("openExportFolder")
        self.open_folder_button.clicked.connect(self._on_open_folder_clicked)
        self.open_folder_button.setEnabled(False)
        row.addWidget(self.export_button)
        row.addWidget(self.open_folder_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.export_result = QLabel()
        self.export_result.setObjectName("exportResult")
        self.export_result.setWordWrap(True)
        self.export_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.export_result)
        layout.addStretch(1)
        return page

    # -- navigation ----------------------------------------------------------------------
    def go_to(self, step: str) -> None:
        self.steps.setCurrentRow(STEPS.index(step))

    def current_step(self) -> str:
        return STEPS[self.stack.currentIndex()]

    def _step(self, delta: int) -> None:
        row = min(max(self.steps.currentRow() + delta, 0), len(STEPS) - 1)
        self.steps.setCurrentRow(row)

    def _on_steps_current_row_changed(self, row: int) -> None:
        if row < 0:
            return
        self.stack.setCurrentIndex(row)
        self.back_button.setEnabled(row > 0)
        self.next_button.setEnabled(row < len(STEPS) - 1)
        step = STEPS[row]
        if step in ("precheck", "export"):
            self.refresh_precheck()
        if step == "form" and self.pdf is None:
            self.generate_form()
        page = self.pages[step]
        page.setFocus()
        page.focusNextChild()

    def _on_fix_list_item_activated(self, item: QListWidgetItem) -> None:
        fix: FixItem = item.data(Qt.ItemDataRole.UserRole)
        if fix.page in _PAGE_STEP:
            self.go_to(_PAGE_STEP[fix.page])
            if fix.page is WizardPage.PERSONAL:
                field = str(fix.params.get("field", "phone"))
                wrapper = self._personal.fields.get(field)
                if wrapper is not None:
                    wrapper.editor.setFocus()
        elif fix.page in (WizardPage.PROFILE, WizardPage.ACTIVITIES):
            self.save_draft()
            self.outside_fix_requested.emit(fix.page.value)
            self.close()

    # -- draft ---------------------------------------------------------------------------
    def _load_draft(self) -> None:
        d = self.draft
        for edit, value in ((self.phone_edit, d.phone), (self.employer_edit, d.employer),
                            (self.credit_edit, d.employer_credit_code), (self.post_edit, d.post)):
            edit.blockSignals(True)
            edit.setText(value)
            edit.blockSignals(False)
        self.identity_check.blockSignals(True)
        self.identity_check.setChecked(d.identity_changed)
        self.identity_check.blockSignals(False)
        self.late_edit.blockSignals(True)
        self.late_edit.setPlainText(d.late_explanation)
        self.late_edit.blockSignals(False)
        self.declaration_check.blockSignals(True)
        self.declaration_check.setChecked(d.declaration_accepted)
        self.declaration_check.blockSignals(False)
        self._show_materials()

    def _update(self, **changes: object) -> None:
        self.draft = replace(self.draft, **changes)  # type: ignore[arg-type]
        self.pdf = None

    def _on_personal_edited(self) -> None:
        self._update(phone=self.phone_edit.text().strip(),
                     employer=self.employer_edit.text().strip(),
                     employer_credit_code=self.credit_edit.text().strip().upper(),
                     post=self.post_edit.text().strip(),
                     identity_changed=self.identity_check.isChecked())
        issues: list[FieldIssue] = phone_issues(self.draft.phone) + credit_code_issues(
            self.draft.employer_credit_code)
        issues += [FieldIssue(k, "required") for k in ("employer", "post")
                   if not getattr(self.draft, k)]
        self._personal.show(issues, fallback="phone")

    def _on_late_changed(self) -> None:
        self._update(late_explanation=self.late_edit.toPlainText())

    def _on_declaration_toggled(self, checked: bool) -> None:
        self._update(declaration_accepted=checked,
                     declaration_accepted_at=datetime.now().replace(microsecond=0)
                     if checked else None)

    def save_draft(self) -> None:
        try:
            self.draft = self._service.save_draft(self.draft)
        except Exception as error:  # noqa: BLE001 - explained to the user, form kept
            explain_error(self, error, self.tr("The draft was not saved"))
            return
        self.setWindowModified(False)

    def closeEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        self.save_draft()
        super().closeEvent(event)

    # -- pre-check -----------------------------------------------------------------------
    def _show_findings(self) -> None:
        """The reviewers' reasons of the rejection this draft resubmits, marked first."""
        from .texts import reason_label

        self.findings_list.clear()
        for finding in self.findings:
            text = "★ " + reason_label(finding.code) + (
                f"：{finding.comment}" if finding.comment else "")
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, FixItem(finding.code, finding.page))
            self.findings_list.addItem(item)
        self.findings_label.setVisible(bool(self.findings))
        self.findings_list.setVisible(bool(self.findings))
        self.findings_list.setMaximumHeight(self.fontMetrics().lineSpacing() * 6)

    def refresh_precheck(self) -> None:
        self.context = self._service.context(self.draft.practitioner_id)
        self.fix_items = self._service.precheck(self.draft, self.context)
        status = self.context.status
        self.late_box.setVisible(status.is_late and self.draft.kind is ApplicationKind.RENEWAL)
        summary = self.tr("%1 · %2 of %3 hours in this cycle").replace(
            "%1", state_label(status.state)).replace("%2", fmt_hours(status.counted_hours)
                                                     ).replace("%3", fmt_hours(
                                                         status.required_hours))
        if status.expires_on is not None:
            until = fmt_date(status.expires_on)
            summary += " · " + self.tr("registered until %1").replace("%1", until)
        self.fix_list.clear()
        if self.fix_items:
            summary += "\n" + self.tr("%n item(s) to fix before export:", "",
                                      len(self.fix_items))
            for fix in self.fix_items:
                item = QListWidgetItem("· " + fix_item_text(fix))
                item.setData(Qt.ItemDataRole.UserRole, fix)
                self.fix_list.addItem(item)
            self.fix_list.setCurrentRow(0)
        else:
            summary += "\n" + self.tr("Everything a reviewer checks first is in order.")
        self.status_label.setText(summary)
        self.export_button.setEnabled(not self.fix_items)
        self.export_summary.setText(
            self.tr("Export is possible once the fix list is empty (%n open).", "",
                    len(self.fix_items)) if self.fix_items else
            self.tr("All checks passed. The bundle holds the application data, the form, the "
                    "photo, the evidence of this cycle and your materials."))

    # -- materials -----------------------------------------------------------------------
    def _show_materials(self) -> None:
        photo = self.draft.photo
        if photo is not None:
            pixmap = QPixmap(str(self._service.material_path(photo)))
            if not pixmap.isNull():
                self.photo_label.setPixmap(pixmap.scaled(
                    self.photo_label.size(), Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation))
        else:
            self.photo_label.setText(self.tr("No photo"))
        self.material_list.clear()
        for material in self.draft.materials:
            if material.role in (MaterialRole.PHOTO, MaterialRole.SIGNED_FORM):
                continue
            label = {MaterialRole.IDENTITY_CHANGE: self.tr("Proof of identity change"),
                     MaterialRole.LATE_EXPLANATION: self.tr("Late explanation (scan)"),
                     MaterialRole.OTHER: self.tr("Other material")}[material.role]
            item = QListWidgetItem(f"{label}: {material.original_name}")
            item.setData(Qt.ItemDataRole.UserRole, material)
            self.material_list.addItem(item)
        scan = self.draft.signed_scan
        self.signed_label.setText(
            self.tr("Attached: %1").replace("%1", scan.original_name) if scan else
            self.tr("No signed scan attached yet."))

    def attach_file(self, role: MaterialRole, path: Path) -> None:
        """Copy `path` in as a material of `role` (off the GUI thread)."""
        draft = self.draft

        def done(new_draft: ApplicationDraft) -> None:
            self.materials_error.clear()
            self.draft = new_draft
            self.pdf = None
            self._show_materials()
            self.refresh_precheck()

        def failed(error: BaseException) -> None:
            from swdesk.domain.errors import UserFixableError

            from .texts import error_text

            if isinstance(error, UserFixableError):
                self.materials_error.setText(error_text(error))
            explain_error(self, error, self.tr("The file was not added"))

        self._runner.submit(lambda: self._service.attach(draft, role, path), done, failed)

    def _pick_material(self, role: MaterialRole) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose a file"), "", self.tr("PDF or image (*.pdf *.jpg *.jpeg *.png)"))
        if name:
            self.attach_file(role, Path(name))

    def _on_photo_button_clicked(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Choose a recent ID photo"), "",
                                              self.tr("Photos (*.jpg *.jpeg *.png)"))
        if name:
            self.attach_file(MaterialRole.PHOTO, Path(name))

    def _on_remove_material_clicked(self) -> None:
        item = self.material_list.currentItem()
        if item is None:
            return
        material: MaterialFile = item.data(Qt.ItemDataRole.UserRole)
        self.draft = self._service.detach(self.draft, material)
        self.pdf = None
        self._show_materials()

    def _on_material_activated(self, item: QListWidgetItem) -> None:
        material: MaterialFile = item.data(Qt.ItemDataRole.UserRole)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._service.material_path(material))))

    # -- the form ------------------------------------------------------------------------
    def generate_form(self) -> None:
        self.save_draft()
        draft = self.draft
        self.form_status.setText(self.tr("Generating the form…"))
        self.generate_button.setEnabled(False)

        def work() -> tuple[bytes, list]:  # type: ignore[type-arg]
            pdf = self._service.render_form(draft)
            return pdf, render_pages(pdf, 72)

        def done(result: tuple[bytes, list]) -> None:  # type: ignore[type-arg]
            self.generate_button.setEnabled(True)
            self.pdf, pages = result
            self.preview.show_pages(pages)
            self.form_status.setText(self.tr("%n page(s). Print it at 100% (no “fit to "
                                             "page”), sign it, then attach the scan.", "",
                                             len(pages)))

        def failed(error: BaseException) -> None:
            self.generate_button.setEnabled(True)
            self.form_status.setText("")
            explain_error(self, error, self.tr("The form could not be generated"))

        self._runner.submit(work, done, failed)

    def _on_print_clicked(self) -> None:
        if self.pdf is None:
            self.generate_form()
            if self.pdf is None:
                return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            print_pdf(self.pdf, printer)
        except Exception as error:  # noqa: BLE001 - explained to the user
            explain_error(self, error, self.tr("The form was not printed"))

    def _default_folder(self) -> Path:
        return Path(QStandardPaths.writableLocation(
            QStandardPaths.StandardLocation.DocumentsLocation))

    def _file_stem(self) -> str:
        """File names carry no personal data: the application's short id and version."""
        return f"swdesk-application-{self.draft.uid[:8]}-v{self.draft.version}"

    def _on_save_pdf_clicked(self) -> None:
        suggested = self._default_folder() / f"{self._file_stem()}.pdf"
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Save the form"), str(suggested),
                                              self.tr("PDF (*.pdf)"))
        if name:
            self.save_pdf(Path(name))

    def save_pdf(self, path: Path) -> None:
        draft = self.draft
        self._runner.submit(
            lambda: self._service.save_form(draft, path),
            lambda written: self.form_status.setText(
                self.tr("Saved to %1").replace("%1", str(written))),
            lambda error: explain_error(self, error, self.tr("The form was not saved")))

    # -- export --------------------------------------------------------------------------
    def _on_export_clicked(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export the application bundle"),
            str(self._default_folder() / f"{self._file_stem()}.swdapp"),
            self.tr("swdesk application bundle (*.swdapp)"))
        if name:
            path = Path(name)
            if path.suffix.lower() != ".swdapp":
                path = path.with_suffix(".swdapp")
            self.export_to(path)

    def export_to(self, path: Path) -> None:
        self.save_draft()
        draft = self.draft
        self.export_button.setEnabled(False)
        self.export_result.setText(self.tr("Writing the bundle…"))

        def done(result: ExportResult) -> None:
            self.last_export = result
            self.draft = result.application
            self.export_result.setText(self.tr(
                "The bundle was written to:\n%1\n\nBundle identifier: %2\nContent digest (in "
                "the form's QR code): %3").replace("%1", str(result.path)).replace(
                "%2", result.bundle_id).replace("%3", result.content_digest))
            self.open_folder_button.setEnabled(True)
            self.refresh_precheck()
            self.exported.emit(result)

        def failed(error: BaseException) -> None:
            self.export_result.setText("")
            self.export_button.setEnabled(True)
            if isinstance(error, FixListOpen):
                self.refresh_precheck()
                self.go_to("precheck")
            explain_error(self, error, self.tr("The bundle was not written"))

        self._runner.submit(lambda: self._service.export(draft, path), done, failed)

    def _on_open_folder_clicked(self) -> None:
        if self.last_export is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.last_export.path.parent)))
