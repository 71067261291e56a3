"""The application wizard: pre-check, personal data, materials, declaration, the form,
the signed scan and the export — steps in a sidebar so the fix list can jump anywhere.

The wizard edits an `ApplicationDraft`. Each page (one module each) shows its part with
`load(draft)`, reports edits with `changed` and hands them back with `apply(draft)`. The
dialog is the controller: it keeps the draft, saves it (Ctrl+S, two seconds after the last
edit, before generating or exporting, and on every way of closing), runs the long work on
the task runner, and fits itself to the screen it opens on (every page scrolls; the
buttons stay visible).
"""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QRect, QStandardPaths, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QDesktopServices,
    QGuiApplication,
    QImage,
    QKeySequence,
    QShortcut,
    QShowEvent,
)
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from swdesk.domain.application import (
    ApplicationDraft,
    ApplicationKind,
    ApplicationState,
    FixItem,
    MaterialFile,
    MaterialRole,
    blocking_items,
)
from swdesk.domain.application import (
    WizardPage as FixPage,
)
from swdesk.domain.decision import ReviewFinding
from swdesk.domain.errors import UserFixableError, ValidationFailed
from swdesk.services.applications import (
    ApplicationContext,
    ApplicationService,
    ExportResult,
    FixListOpen,
)

from ..feedback import explain_error
from ..pdf_preview import print_pdf, render_pages
from ..tasks import TaskRunner
from ..texts import error_text
from .base import WizardPage, scrolling
from .declaration_page import DeclarationPage
from .export_page import ExportPage
from .form_page import FormPage
from .materials_page import MaterialsPage
from .personal_page import PersonalPage
from .precheck_page import PrecheckPage
from .signed_page import SignedPage

log = logging.getLogger(__name__)
_translate = QCoreApplication.translate

STEPS = ("precheck", "personal", "materials", "declaration", "form", "signed", "export")
_FIX_STEP = {FixPage.PERSONAL: "personal", FixPage.MATERIALS: "materials",
             FixPage.DECLARATION: "declaration", FixPage.PRECHECK: "precheck"}
AUTOSAVE_MS = 2000
GEOMETRY_KEY = "wizard"
_FRAME_GUESS_W, _FRAME_GUESS_H = 16, 48  # window frame and title bar before it is shown


class ApplicationWizard(QDialog):
    """Emits `outside_fix_requested(page)` when a fix needs the profile or the log,
    `form_ready()` when a generated form is shown, `exported(result)` after a bundle
    is written, and `draft_discarded()` when the person discarded the draft (the wizard
    then closes without saving)."""

    outside_fix_requested = Signal(str)
    exported = Signal(object)
    form_ready = Signal()
    draft_saved = Signal()
    draft_discarded = Signal()

    def __init__(self, service: ApplicationService, runner: TaskRunner, practitioner_id: int,
                 parent: QWidget | None = None, findings: list[ReviewFinding] | None = None,
                 settings: object | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._runner = runner
        # the main window's UiSettings: where the wizard's size and place are remembered
        self._settings = settings if settings is not None else getattr(parent, "settings", None)
        self.findings = list(findings or [])
        self.draft = service.current_draft(practitioner_id)
        self.context: ApplicationContext = service.context(practitioner_id)
        self.fix_items: list[FixItem] = []
        self.pdf: bytes | None = None
        self.last_export: ExportResult | None = None
        self._generating = False
        self._print_pending = False
        self._edits = 0  # bumped by every edit: a form generated before it is stale
        self._closed = False  # results of work still running then are dropped
        self._discarded = False  # the draft is gone: closing must not save it again
        self.setObjectName("applicationWizard")
        self._update_title()
        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(AUTOSAVE_MS)
        self._autosave.timeout.connect(self._on_autosave_timeout)
        self._build()
        self._load_pages()
        self.precheck_page.show_findings(self.findings)
        self.precheck_page.show_notice(self._kind_change_notice())
        self.refresh_precheck()
        self.go_to("precheck")
        self._place_on_screen()

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

        self.precheck_page = PrecheckPage()
        self.personal_page = PersonalPage()
        self.materials_page = MaterialsPage(self._service.material_path)
        self.declaration_page = DeclarationPage()
        self.form_page = FormPage()
        self.signed_page = SignedPage()
        self.export_page = ExportPage()
        self.pages: dict[str, WizardPage] = {}
        self.stack = QStackedWidget()
        for page in (self.precheck_page, self.personal_page, self.materials_page,
                     self.declaration_page, self.form_page, self.signed_page,
                     self.export_page):
            self.pages[page.key] = page
            self.stack.addWidget(scrolling(page))
            page.changed.connect(self._on_page_changed)
        body.addWidget(self.stack, 1)
        outer.addLayout(body, 1)

        self.precheck_page.fix_activated.connect(self._on_fix_activated)
        self.personal_page.registration_row.number_edited.connect(
            self._on_registration_number_edited)
        self.precheck_page.recheck_requested.connect(self.refresh_precheck)
        self.materials_page.photo_chosen.connect(
            lambda path: self.attach_file(MaterialRole.PHOTO, path))
        self.materials_page.material_chosen.connect(self.attach_file)
        self.materials_page.material_removed.connect(self._on_material_removed)
        self.materials_page.material_opened.connect(self._on_material_opened)
        self.signed_page.scan_chosen.connect(
            lambda path: self.attach_file(MaterialRole.SIGNED_FORM, path))
        self.form_page.generate_requested.connect(self.generate_form)
        self.form_page.print_requested.connect(self.print_form)
        self.form_page.save_requested.connect(self.save_pdf)
        self.export_page.export_requested.connect(self.export_to)
        self.export_page.open_folder_requested.connect(self._on_open_folder_requested)

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
        self.discard_button = QPushButton(self.tr("Discard draf&t…"))
        self.discard_button.setObjectName("discardDraft")
        self.discard_button.setAutoDefault(False)
        self.discard_button.clicked.connect(self.ask_to_discard)
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.discard_button)
        buttons.addStretch(1)
        for button in (self.back_button, self.next_button, self.close_button):
            buttons.addWidget(button)
        outer.addLayout(buttons)
        save_shortcut = QShortcut(QKeySequence(QKeySequence.StandardKey.Save), self)
        save_shortcut.activated.connect(self.save_draft)

        # The widgets tests and the main window reach by name.
        self.fix_list = self.precheck_page.fix_list
        self.findings_list = self.precheck_page.findings_list
        self.phone_edit = self.personal_page.phone_edit
        self.declaration_check = self.declaration_page.declaration_check
        self.photo_label = self.materials_page.photo_label
        self.late_edit = self.materials_page.late_edit
        self.preview = self.form_page.preview
        self.print_button = self.form_page.print_button
        self.export_button = self.export_page.export_button
        self.export_result = self.export_page.export_result

    # -- the screen ----------------------------------------------------------------------
    def _available(self) -> QRect:
        parent = self.parentWidget()
        screen = (self.screen() if self.isVisible() else None) or (
            parent.screen() if parent is not None else None
        ) or QGuiApplication.primaryScreen()
        return screen.availableGeometry()

    def _frame_extra(self) -> tuple[int, int]:
        if self.isVisible():
            frame, inner = self.frameGeometry(), self.geometry()
            return frame.width() - inner.width(), frame.height() - inner.height()
        return _FRAME_GUESS_W, _FRAME_GUESS_H

    def _place_on_screen(self) -> None:
        """The remembered size and place, else a comfortable size; either way no larger
        than the available screen area (QScreen.availableGeometry) of the current screen."""
        saved = self._settings.geometry(GEOMETRY_KEY) if hasattr(
            self._settings, "geometry") else None
        if saved is None or not self.restoreGeometry(saved):
            self.resize(self.fontMetrics().averageCharWidth() * 120,
                        self.fontMetrics().lineSpacing() * 38)
        self.fit_to_screen()

    def fit_to_screen(self) -> None:
        """Shrink (the pages scroll) and move the wizard so that all of it, frame and
        buttons included, lies on the available area of its screen."""
        area = self._available()
        extra_w, extra_h = self._frame_extra()
        most_w, most_h = max(area.width() - extra_w, 200), max(area.height() - extra_h, 200)
        if self.width() > most_w or self.height() > most_h:
            self.resize(min(self.width(), most_w), min(self.height(), most_h))
        frame = self.frameGeometry()
        outer_w, outer_h = self.width() + extra_w, self.height() + extra_h
        x = min(max(frame.x(), area.left()), area.left() + area.width() - outer_w)
        y = min(max(frame.y(), area.top()), area.top() + area.height() - outer_h)
        if (x, y) != (frame.x(), frame.y()):
            self.move(x, y)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        QTimer.singleShot(0, self, self.fit_to_screen)  # Qt centred it on the parent: again

    # -- navigation ----------------------------------------------------------------------
    def go_to(self, step: str, focus: QWidget | None = None) -> None:
        self.steps.setCurrentRow(STEPS.index(step))
        if focus is not None:
            area = self.stack.currentWidget()
            assert isinstance(area, QScrollArea)  # every page sits in one (`scrolling`)
            area.ensureWidgetVisible(focus)
            focus.setFocus()

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
        if step == "form" and self.pdf is None and not self._generating:
            self.generate_form()
        page = self.pages[step]
        page.setFocus()
        page.focusNextChild()

    def _on_fix_activated(self, fix: FixItem) -> None:
        """Go where `fix` is fixed and put the focus there; nothing else happens."""
        step = _FIX_STEP.get(fix.page)
        if step is not None:
            self.go_to(step, self.pages[step].focus_target(fix))
        elif fix.page in (FixPage.PROFILE, FixPage.ACTIVITIES):
            self.save_draft()
            self.outside_fix_requested.emit(fix.page.value)
            self.close()

    # -- the draft -----------------------------------------------------------------------
    def _update_title(self) -> None:
        title = (self.tr("Re-registration application")
                 if self.draft.kind is ApplicationKind.RENEWAL
                 else self.tr("First registration application"))
        self.setWindowTitle(title + "[*]")  # [*]: an asterisk while edits are unsaved

    def _kind_change_notice(self) -> str:
        """Why a saved draft opens as another kind of application than it was saved as
        (a registration was recorded or removed since): say so, and what was kept."""
        if self.draft.id is None:
            return ""
        stored = next((a for a in self._service.history(self.draft.practitioner_id)
                       if a.id == self.draft.id), None)
        if stored is None or stored.kind is self.draft.kind:
            return ""
        if self.draft.kind is ApplicationKind.RENEWAL:
            return self.tr("A registration was recorded in your profile since this draft was "
                           "saved, so it is now a re-registration application. Your entries "
                           "and files were kept; accept the declaration again for it.")
        return self.tr("Your profile no longer records a registration, so this draft is now a "
                       "first registration application. Your entries and files were kept; "
                       "the explanation of a late application was removed, and the "
                       "declaration needs accepting again.")

    def _update_discard_button(self) -> None:
        """Only a draft can be discarded: an exported application may already be with the
        office, which decides on exactly that version (withdrawn there, or changed and
        exported again as a new version, which can be discarded)."""
        draft = self.draft.state is ApplicationState.DRAFT
        self.discard_button.setEnabled(draft)
        self.discard_button.setToolTip("" if draft else self.tr(
            "An exported application cannot be discarded: the office may already have it. "
            "Tell the office to withdraw it, or change it and export a new version."))

    def _load_pages(self) -> None:
        self._update_title()
        self._update_discard_button()
        for page in self.pages.values():
            page.load(self.draft)
        folder = self._default_folder()
        self.form_page.suggested_path = folder / f"{self._file_stem()}.pdf"
        self.export_page.suggested_path = folder / f"{self._file_stem()}.swdapp"

    def _collect(self) -> ApplicationDraft:
        """The draft with every page's current values (an edit not yet confirmed with
        Enter or Tab included)."""
        draft = self.draft
        for page in self.pages.values():
            draft = page.apply(draft)
        if draft != self.draft:
            self.draft = draft
            self._invalidate_form()
        return self.draft

    def _invalidate_form(self) -> None:
        self._edits += 1
        self.pdf = None

    def _on_page_changed(self) -> None:
        self._collect()
        self.setWindowModified(True)
        self._autosave.start()

    def _on_autosave_timeout(self) -> None:
        if self._runner.busy:  # a worker may be writing the draft: try again a bit later
            self._autosave.start()
            return
        self.save_draft()

    def _wait_for_workers(self) -> None:
        """Let running work (which may save the draft itself) finish before saving here:
        SQLite refuses a write whose read snapshot another connection has just changed."""
        if self._runner.busy:
            self._runner.wait_for_idle(30000)

    def save_draft(self) -> bool:
        """Store the draft as it is now; False (and the user told why) when it failed."""
        self._autosave.stop()
        draft = self._collect()
        self._wait_for_workers()
        try:
            self.draft = self._service.save_draft(draft)
        except Exception as error:  # noqa: BLE001 - explained to the user, form kept
            explain_error(self, error, self.tr("The draft was not saved"))
            return False
        self.setWindowModified(False)
        self._update_title()
        self._update_discard_button()
        self.draft_saved.emit()
        return True

    # -- discarding ----------------------------------------------------------------------
    def _material_label(self, role: MaterialRole) -> str:
        return {MaterialRole.PHOTO: self.tr("ID photo"),
                MaterialRole.IDENTITY_CHANGE: self.tr("proof of identity change"),
                MaterialRole.LATE_EXPLANATION: self.tr("late explanation (scan)"),
                MaterialRole.OTHER: self.tr("other material"),
                MaterialRole.SIGNED_FORM: self.tr("signed form (scan)")}[role]

    def discard_question(self) -> str:
        """What discarding the current draft loses, named item by item."""
        draft = self._collect()
        lost = [self.tr("the personal data entered in this application (phone, employer, "
                        "credit code, post)")]
        if draft.identity_changed:
            lost.append(self.tr("the note that your identity data changed"))
        if draft.late_explanation:
            lost.append(self.tr("the written explanation of the late application"))
        if draft.declaration_accepted:
            lost.append(self.tr("the accepted declaration"))
        for material in draft.materials:
            lost.append(self.tr("the attached file \"%1\" (%2)").replace(
                "%1", material.original_name).replace("%2", self._material_label(material.role)))
        text = self.tr("Discard this draft application (version %1)? This is deleted:").replace(
            "%1", str(draft.version))
        return text + "\n\n" + "\n".join(f"· {item}" for item in lost)

    def ask_to_discard(self) -> QMessageBox | None:
        """Ask (window-modal, Cancel the default and Esc) before the draft is deleted;
        Discard deletes it and closes the wizard."""
        if self.draft.state is not ApplicationState.DRAFT:
            return None
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Discard the draft?"),
                          self.discard_question(), QMessageBox.StandardButton.NoButton, self)
        box.setObjectName("discardDraftQuestion")
        kept = self.tr("Your profile, your training records and their evidence stay as they "
                       "are.")
        if self.draft.version > 1:
            kept += " " + self.tr("The exported version %1 stays as it is.").replace(
                "%1", str(self.draft.version - 1))
        box.setInformativeText(kept)
        discard = box.addButton(self.tr("&Discard draft"), QMessageBox.ButtonRole.DestructiveRole)
        discard.setObjectName("confirmDiscard")
        cancel = box.addButton(QMessageBox.StandardButton.Cancel)
        cancel.setObjectName("cancelDiscard")
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)

        def on_finished(_result: int) -> None:
            if box.clickedButton() is discard:
                self._discard_now()

        box.finished.connect(on_finished)
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
        return box

    def _discard_now(self) -> None:
        self._autosave.stop()
        self._wait_for_workers()
        draft = self._collect()
        try:
            self._service.discard(draft)
        except Exception as error:  # noqa: BLE001 - explained to the user, nothing lost
            explain_error(self, error, self.tr("The draft was not discarded"))
            return
        self._discarded = True
        self.setWindowModified(False)
        self.draft_discarded.emit()
        self.close()

    def done(self, result: int) -> None:
        """Every way of closing (Close, the window's ×, Esc, a jump to the profile) saves
        the draft first (unless it was just discarded); when that fails the user chooses to
        stay or to leave anyway."""
        if self.isVisible() and not self._discarded and not self._save_before_closing():
            return
        if hasattr(self._settings, "set_geometry"):
            self._settings.set_geometry(GEOMETRY_KEY, self.saveGeometry())
        self._closed = True
        super().done(result)

    def _save_before_closing(self) -> bool:
        self._autosave.stop()
        draft = self._collect()
        self._wait_for_workers()
        try:
            self.draft = self._service.save_draft(draft)
            return True
        except Exception as error:  # noqa: BLE001 - the user decides below
            if isinstance(error, UserFixableError):
                reason = error_text(error)
            else:
                log.error("the draft could not be saved on closing", exc_info=error)
                reason = self.tr("swdesk could not write it.")
        answer = QMessageBox.warning(
            self, self.tr("The draft was not saved"),
            self.tr("Your latest changes to the application could not be saved: %1\n\n"
                    "Close anyway and lose them?").replace("%1", reason),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        return answer == QMessageBox.StandardButton.Discard

    # -- pre-check -----------------------------------------------------------------------
    def refresh_precheck(self) -> None:
        self.context = self._service.context(self.draft.practitioner_id)
        self.personal_page.registration_row.show_registration(
            self.context.record.latest_registration, self.draft.kind is ApplicationKind.RENEWAL)
        self.fix_items = self._service.precheck(self._collect(), self.context)
        status = self.context.status
        self.materials_page.set_late_visible(
            status.is_late and self.draft.kind is ApplicationKind.RENEWAL)
        self.precheck_page.show_result(status, self.fix_items)
        self.export_page.show_checks(len(blocking_items(self.fix_items)))

    def _on_registration_number_edited(self, number: str) -> None:
        """Save the number of the expiring registration to the profile (off the GUI
        thread); the form generated before is stale, the fix list follows."""
        pid, row = self.draft.practitioner_id, self.personal_page.registration_row
        title = self.tr("The registration number was not saved")

        def done(_context: ApplicationContext) -> None:
            if self._closed:
                return
            row.saved()
            self._invalidate_form()
            self.refresh_precheck()

        def failed(error: BaseException) -> None:
            if isinstance(error, ValidationFailed) and not self._closed:
                row.refused(error.issues)
                return
            explain_error(None if self._closed else self, error, title)

        self._runner.submit(lambda: self._service.set_registration_number(pid, number),
                            done, failed)

    # -- materials -----------------------------------------------------------------------
    def attach_file(self, role: MaterialRole, path: Path) -> None:
        """Copy `path` in as a material of `role` (off the GUI thread). A refused photo is
        explained next to the photo button, other refused files under the list."""
        draft = self._collect()
        photo = role is MaterialRole.PHOTO
        if photo:
            self.materials_page.show_photo_busy(path.name)

        def done(new_draft: ApplicationDraft) -> None:
            if self._closed:
                return
            # edits made meanwhile stay; only the materials come from the service
            self.draft = replace(self._collect(), materials=new_draft.materials)
            self._invalidate_form()
            if photo:
                self.materials_page.show_photo_result(None)
            else:
                self.materials_page.show_material_error("")
            self._load_pages()
            self.refresh_precheck()
            self.save_draft()

        def failed(error: BaseException) -> None:
            if self._closed:
                explain_error(None, error, _translate("ApplicationWizard",
                                                      "The file was not added"))
                return
            if photo:
                self.materials_page.show_photo_result(
                    error if isinstance(error, UserFixableError) else None)
            elif isinstance(error, UserFixableError):
                self.materials_page.show_material_error(error_text(error))
            if not isinstance(error, UserFixableError):
                explain_error(self, error, self.tr("The file was not added"))

        self._runner.submit(lambda: self._service.attach(draft, role, path), done, failed)

    def _on_material_removed(self, material: MaterialFile) -> None:
        self.draft = self._service.detach(self._collect(), material)
        self._invalidate_form()
        self._load_pages()
        self.refresh_precheck()
        self.save_draft()

    def _on_material_opened(self, material: MaterialFile) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._service.material_path(material))))

    # -- the form ------------------------------------------------------------------------
    def generate_form(self) -> None:
        """Render the form of the saved draft on a worker; `form_ready` when shown."""
        if self._generating:
            return
        self.save_draft()
        draft, edits = self.draft, self._edits
        self._generating = True
        self.form_page.show_busy(printing=self._print_pending)

        def work() -> tuple[bytes, list[QImage]]:
            pdf = self._service.render_form(draft)
            return pdf, render_pages(pdf, 72)

        def done(result: tuple[bytes, list[QImage]]) -> None:
            self._generating = False
            if self._closed:
                return
            if edits != self._edits:  # edited meanwhile: that form is already stale
                self.form_page.show_failed()
                if self._print_pending or self.current_step() == "form":
                    self.generate_form()
                return
            self.pdf, pages = result
            self.refresh_precheck()
            self.form_page.show_form(pages, len(blocking_items(self.fix_items)))
            self.form_ready.emit()
            if self._print_pending:
                self._print_pending = False
                self._print_now()

        def failed(error: BaseException) -> None:
            self._generating = False
            self._print_pending = False
            if self._closed:
                return
            self.form_page.show_failed()
            explain_error(self, error, self.tr("The form could not be generated"))

        self._runner.submit(work, done, failed)

    def print_form(self) -> None:
        """Print the current form; without one, generate it first and print when ready."""
        if self.pdf is not None and not self._generating:
            self._print_now()
            return
        self._print_pending = True
        if not self._generating:
            self.generate_form()
        else:
            self.form_page.show_busy(printing=True)

    def _print_now(self) -> None:
        assert self.pdf is not None
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

    def save_pdf(self, path: Path) -> None:
        draft = self._collect()

        def done(written: Path) -> None:
            if not self._closed:
                self.form_page.form_status.setText(
                    self.tr("Saved to %1").replace("%1", str(written)))

        def failed(error: BaseException) -> None:
            explain_error(None if self._closed else self, error,
                          _translate("ApplicationWizard", "The form was not saved"))

        self._runner.submit(lambda: self._service.save_form(draft, path), done, failed)

    # -- export --------------------------------------------------------------------------
    def _submission_office(self) -> str:
        from swdesk.domain.rules import submission_office
        from swdesk.services.rule_packs import load_pack

        from ..texts import office_name

        try:
            office = submission_office(load_pack(self.context.record.practitioner.rulepack_id))
        except UserFixableError:
            office = None
        return office_name({"office_zh": office.name_zh, "office_en": office.name_en}
                           if office else {})

    def export_to(self, path: Path) -> None:
        if not self.save_draft():
            return
        draft = self.draft
        self.export_page.show_busy()

        def done(result: ExportResult) -> None:
            self.last_export = result
            if self._closed:
                return
            self.draft = result.application
            self._load_pages()
            self.export_page.show_exported(result.path, result.bundle_id,
                                           self._submission_office(),
                                           signed=self.draft.signed_scan is not None)
            self.refresh_precheck()
            self.exported.emit(result)

        def failed(error: BaseException) -> None:
            if self._closed:
                explain_error(None, error, _translate("ApplicationWizard",
                                                      "The bundle was not written"))
                return
            self.export_page.show_failed()
            if isinstance(error, FixListOpen):
                self.refresh_precheck()
                self.go_to("precheck")
            explain_error(self, error, self.tr("The bundle was not written"))

        self._runner.submit(lambda: self._service.export(draft, path), done, failed)

    def _on_open_folder_requested(self) -> None:
        if self.last_export is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.last_export.path.parent)))
