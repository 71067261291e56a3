"""The application wizard: pre-check, personal data, materials, declaration, the form,
the signed scan and the export — steps in a sidebar so the fix list can jump anywhere.

The wizard edits an `ApplicationDraft`. Each page (one module each) shows its part with
`load(draft)`, reports edits with `changed` and hands them back with `apply(draft)`. The
dialog keeps the draft and saves it (Ctrl+S, two seconds after the last edit, before
generating or exporting, and on every way of closing), moves between the steps and keeps
the fix list current. The work behind the pages runs in one controller each, children of
the dialog: `materials_actions` (attach, remove, open), `registration_actions` (the
registration number saved to the profile), `form_actions` (generate, print,
save the form), `export_actions` (the bundle), `draft_discard` (the Discard question) and
`closing` (the question when the draft cannot be saved on closing); `steps` lists the steps
in the sidebar, `..file_names.application_file` suggests where the form and the bundle
go, and `placement` fits the dialog to the screen it opens on (every page scrolls; the
buttons stay visible).
"""

from __future__ import annotations

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import (
    QKeySequence,
    QShortcut,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from swdesk.domain.application import ApplicationDraft, ApplicationKind, MaterialRole
from swdesk.domain.decision import ReviewFinding
from swdesk.domain.fix_list import FixItem, blocking_items
from swdesk.domain.fix_list import WizardPage as FixPage
from swdesk.services.applications import (
    ApplicationContext,
    ApplicationService,
    ExportResult,
)

from ..feedback import explain_error
from ..file_names import application_file
from ..tasks import TaskRunner
from .base import WizardPage, scrolling
from .closing import SaveOnClose
from .declaration_page import DeclarationPage
from .discard import DraftDiscard
from .export_actions import ExportActions
from .export_page import ExportPage
from .form_actions import FormActions
from .form_page import FormPage
from .materials_actions import MaterialsActions
from .materials_page import MaterialsPage
from .personal_page import PersonalPage
from .placement import fit_to_screen, place_on_screen
from .precheck_page import PrecheckPage
from .registration_actions import RegistrationNumberActions
from .signed_page import SignedPage
from .steps import FIX_STEP, STEPS, StepList

AUTOSAVE_MS = 2000
GEOMETRY_KEY = "wizard"


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

    def __init__(
        self,
        service: ApplicationService,
        runner: TaskRunner,
        practitioner_id: int,
        parent: QWidget | None = None,
        findings: list[ReviewFinding] | None = None,
        settings: object | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.runner = runner
        # the main window's UiSettings: where the wizard's size and place are remembered
        self._settings = settings if settings is not None else getattr(parent, "settings", None)
        self.findings = list(findings or [])
        self.draft = service.current_draft(practitioner_id)
        self.context: ApplicationContext = service.context(practitioner_id)
        self.fix_items: list[FixItem] = []
        self.pdf: bytes | None = None
        self.last_export: ExportResult | None = None
        self.edits = 0  # bumped by every edit: a form generated before it is stale
        self.closed = False  # results of work still running then are dropped
        self.discarded = False  # the draft is gone: closing must not save it again
        self.setObjectName("applicationWizard")
        self._update_title()
        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(AUTOSAVE_MS)
        self._autosave.timeout.connect(self._on_autosave_timeout)
        self.materials_actions = MaterialsActions(self)
        self.registration_actions = RegistrationNumberActions(self)
        self.form_actions = FormActions(self)
        self.export_actions = ExportActions(self)
        self.draft_discard = DraftDiscard(self)
        self.closing = SaveOnClose(self)
        self._build()
        self.load_pages()
        self.precheck_page.show_findings(self.findings)
        self.precheck_page.show_kind_change(self._stored_kind(), self.draft.kind)
        self.refresh_precheck()
        self.go_to("precheck")
        place_on_screen(
            self,
            self._settings.geometry(GEOMETRY_KEY) if hasattr(self._settings, "geometry") else None,
        )

    # -- building ------------------------------------------------------------------------
    def _build(self) -> None:
        outer = QVBoxLayout(self)
        body = QHBoxLayout()
        self.steps = StepList()
        self.steps.currentRowChanged.connect(self._on_steps_current_row_changed)
        body.addWidget(self.steps)

        self.precheck_page = PrecheckPage()
        self.personal_page = PersonalPage()
        self.materials_page = MaterialsPage(self.service.material_path)
        self.declaration_page = DeclarationPage()
        self.form_page = FormPage()
        self.signed_page = SignedPage()
        self.export_page = ExportPage()
        self.pages: dict[str, WizardPage] = {}
        self.stack = QStackedWidget()
        for page in (
            self.precheck_page,
            self.personal_page,
            self.materials_page,
            self.declaration_page,
            self.form_page,
            self.signed_page,
            self.export_page,
        ):
            self.pages[page.key] = page
            self.stack.addWidget(scrolling(page))
            page.changed.connect(self._on_page_changed)
        body.addWidget(self.stack, 1)
        outer.addLayout(body, 1)

        self.precheck_page.fix_activated.connect(self._on_fix_activated)
        self.personal_page.registration_row.number_edited.connect(self.registration_actions.save)
        self.precheck_page.recheck_requested.connect(self.refresh_precheck)
        self.materials_page.photo_chosen.connect(
            lambda path: self.materials_actions.attach_file(MaterialRole.PHOTO, path)
        )
        self.materials_page.material_chosen.connect(self.materials_actions.attach_file)
        self.materials_page.material_removed.connect(self.materials_actions.remove)
        self.materials_page.material_opened.connect(self.materials_actions.open)
        self.signed_page.scan_chosen.connect(
            lambda path: self.materials_actions.attach_file(MaterialRole.SIGNED_FORM, path)
        )
        self.form_page.generate_requested.connect(self.form_actions.generate)
        self.form_page.print_requested.connect(self.form_actions.print_form)
        self.form_page.save_requested.connect(self.form_actions.save_pdf)
        self.export_page.export_requested.connect(self.export_actions.export_to)
        self.export_page.open_folder_requested.connect(self.export_actions.open_folder)

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
        self.discard_button.clicked.connect(self.draft_discard.ask)
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

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802
        super().showEvent(event)
        QTimer.singleShot(0, self, lambda: fit_to_screen(self))  # Qt centred it on the
        # parent: again

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
        if step == "form" and self.pdf is None and not self.form_actions.generating:
            self.form_actions.generate()
        page = self.pages[step]
        page.setFocus()
        page.focusNextChild()

    def _on_fix_activated(self, fix: FixItem) -> None:
        """Go where `fix` is fixed and put the focus there; nothing else happens."""
        step = FIX_STEP.get(fix.page)
        if step is not None:
            self.go_to(step, self.pages[step].focus_target(fix))
        elif fix.page in (FixPage.PROFILE, FixPage.ACTIVITIES):
            self.save_draft()
            self.outside_fix_requested.emit(fix.page.value)
            self.close()

    # -- the draft -----------------------------------------------------------------------
    def _update_title(self) -> None:
        title = (
            self.tr("Re-registration application")
            if self.draft.kind is ApplicationKind.RENEWAL
            else self.tr("First registration application")
        )
        self.setWindowTitle(title + "[*]")  # [*]: an asterisk while edits are unsaved

    def _stored_kind(self) -> ApplicationKind | None:
        """The kind this draft was saved as (None: never saved)."""
        if self.draft.id is None:
            return None
        for stored in self.service.history(self.draft.practitioner_id):
            if stored.id == self.draft.id:
                return stored.kind
        return None

    def load_pages(self) -> None:
        self._update_title()
        self.draft_discard.update_button()
        for page in self.pages.values():
            page.load(self.draft)
        self.form_page.suggested_path = application_file(self.draft, ".pdf")
        self.export_page.suggested_path = application_file(self.draft, ".swdapp")

    def collect(self) -> ApplicationDraft:
        """The draft with every page's current values (an edit not yet confirmed with
        Enter or Tab included)."""
        draft = self.draft
        for page in self.pages.values():
            draft = page.apply(draft)
        if draft != self.draft:
            self.draft = draft
            self.invalidate_form()
        return self.draft

    def invalidate_form(self) -> None:
        self.edits += 1
        self.pdf = None

    def _on_page_changed(self) -> None:
        self.collect()
        self.setWindowModified(True)
        self._autosave.start()

    def _on_autosave_timeout(self) -> None:
        if self.runner.busy:  # a worker may be writing the draft: try again a bit later
            self._autosave.start()
            return
        self.save_draft()

    def _wait_for_workers(self) -> None:
        """Let running work (which may save the draft itself) finish before saving here:
        SQLite refuses a write whose read snapshot another connection has just changed."""
        if self.runner.busy:
            self.runner.wait_for_idle(30000)

    def settled_draft(self) -> ApplicationDraft:
        """The draft as it is now, once autosave is stopped and running work finished."""
        self._autosave.stop()
        self._wait_for_workers()
        return self.collect()

    def draft_for_saving(self) -> ApplicationDraft:
        """The draft as it is now, autosave stopped; running work has finished on return."""
        self._autosave.stop()
        draft = self.collect()
        self._wait_for_workers()
        return draft

    def save_draft(self) -> bool:
        """Store the draft as it is now; False (and the user told why) when it failed."""
        draft = self.draft_for_saving()
        try:
            self.draft = self.service.save_draft(draft)
        except Exception as error:  # noqa: BLE001 - explained to the user, form kept
            explain_error(self, error, self.tr("The draft was not saved"))
            return False
        self.setWindowModified(False)
        self._update_title()
        self.draft_discard.update_button()
        self.draft_saved.emit()
        return True

    # -- closing -----------------------------------------------------------------------
    def done(self, result: int) -> None:
        """Every way of closing (Close, the window's ×, Esc, a jump to the profile) saves
        the draft first (unless it was just discarded); when that fails the user chooses to
        stay or to leave anyway."""
        if self.isVisible() and not self.discarded and not self.closing.may_close():
            return
        if hasattr(self._settings, "set_geometry"):
            self._settings.set_geometry(GEOMETRY_KEY, self.saveGeometry())
        self.closed = True
        super().done(result)

    # -- pre-check -----------------------------------------------------------------------
    def refresh_precheck(self) -> None:
        self.context = self.service.context(self.draft.practitioner_id)
        self.personal_page.registration_row.show_registration(
            self.context.record.latest_registration, self.draft.kind is ApplicationKind.RENEWAL
        )
        self.fix_items = self.service.precheck(self.collect(), self.context)
        status = self.context.status
        self.materials_page.set_late_visible(
            status.is_late and self.draft.kind is ApplicationKind.RENEWAL
        )
        self.precheck_page.show_result(status, self.fix_items)
        self.export_page.show_checks(len(blocking_items(self.fix_items)))
