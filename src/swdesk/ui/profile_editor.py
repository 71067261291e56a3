"""The profile editor: personal data, certificate, registration and optional PIN, validated
inline field by field and saved whole. Each group is its own widget (`profile_personal`,
`profile_certificate`, `profile_fields.PinSection`); the editor checks and saves them.

Checking never moves the cursor: errors appear when the user leaves a field (or at once
after a save was tried) and go away as soon as the field is right; only the Save button puts
the focus on the first field in error. A valid ID number fills in gender and date of birth.
Closing with unsaved edits (Esc, the window's close button, Cancel) asks first."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from swdesk.domain.errors import FieldIssue, ValidationFailed
from swdesk.domain.models import (
    PractitionerRecord,
)
from swdesk.services.profiles import ProfileDraft, ProfileService

from .feedback import explain_error
from .form_fields import (
    FieldSet,
    FieldWithError,
    close_unless_unsaved,
    error_label,
    fit_to_screen,
    grow_to_content,
    keep_on_screen,
    scroll_preferred_size,
    scrolling_body,
)
from .profile_certificate import CertificateSection
from .profile_fields import PinSection
from .profile_personal import PersonalSection
from .tasks import TaskRunner

_ALIASES = {"certificate_number": "number"}


class ProfileEditorDialog(QDialog):
    """Create a profile (record is None) or edit one. Emits `profile_saved(id)` once saved."""

    profile_saved = Signal(int)

    def __init__(
        self,
        service: ProfileService,
        runner: TaskRunner,
        today: date,
        record: PractitionerRecord | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._runner = runner
        self._today = today
        self._record = record
        self._existing_photo = ""
        self.setObjectName("profileEditor")
        self.setWindowTitle(self.tr("New profile") if record is None else self.tr("Edit profile"))
        self._form = FieldSet(self)
        self._touched: set[str] = set()
        self._save_attempted = False
        self.fields = self._form.fields
        self._saving = False
        self._build()
        if record is not None:
            self._load(record)
        else:
            self.certificate.set_registered(True)
        self._touched.clear()  # values loaded above were not typed by the user
        self._clean = self._snapshot()
        fit_to_screen(self, scroll_preferred_size(self, self.scroll_area))

    # -- building ------------------------------------------------------------------------
    def _field(self, key: str, editor: QWidget, accessible: str) -> FieldWithError:
        return self._form.add(key, editor, accessible)

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        scroll, body = scrolling_body(self, "profileScroll")
        self.scroll_area = scroll
        layout = QVBoxLayout(body)
        outer.addWidget(scroll, 1)

        self.personal = PersonalSection(self._form, body)
        self.personal.id_read.connect(self._recheck)
        self.personal.photo.file_chosen.connect(self.set_photo_file)
        layout.addWidget(self.personal)

        rules = self.personal.rules
        self.certificate = CertificateSection(self._form, self._today, rules.cycle_years, body)
        layout.addWidget(self.certificate)

        self.pin_group = PinSection(self._form, body)
        self.pin_edit, self.pin_confirm = self.pin_group.pin_edit, self.pin_group.pin_confirm
        self.pin_group.setVisible(self._record is None)
        layout.addWidget(self.pin_group)
        layout.addStretch(1)

        self.summary_label = error_label("formSummary")
        self.summary_label.hide()
        outer.addWidget(self.summary_label)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.setObjectName("profileButtons")
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)

        # text fields: re-checked silently while typed in, their own new errors shown when
        # the user leaves them; choices and dates count as left at once
        for key in (
            "name",
            "id_number",
            "phone",
            "employer",
            "employer_credit_code",
            "post",
            "number",
            "registration_number",
            "pin",
        ):
            editor = self.fields[key].editor
            assert isinstance(editor, QLineEdit)
            editor.editingFinished.connect(lambda k=key: self._on_field_left(k))
            editor.textEdited.connect(lambda _t, k=key: self._on_field_typed(k))
        self.pin_confirm.textEdited.connect(lambda _t: self._on_field_typed("pin"))
        self.pin_confirm.editingFinished.connect(lambda: self._on_field_left("pin"))
        cert, personal = self.certificate, self.personal
        for key, signal in (
            ("gender", personal.gender_combo.currentIndexChanged),
            ("birth_date", personal.birth_edit.dateChanged),
            ("years_in_social_work", personal.years_spin.valueChanged),
            ("county", personal.county_combo.currentIndexChanged),
            ("level", cert.level_combo.currentIndexChanged),
            ("obtained_on", cert.obtained_edit.dateChanged),
            ("valid_from", cert.valid_from_edit.dateChanged),
            ("valid_to", cert.valid_to_edit.dateChanged),
        ):
            signal.connect(lambda *_a, k=key: self._on_field_left(k))
        cert.registered_check.toggled.connect(lambda _c: self._on_field_left("valid_from"))

    # -- loading -------------------------------------------------------------------------
    def _load(self, record: PractitionerRecord) -> None:
        p = record.practitioner
        photo = self._service.photo_path(p)
        self.personal.load(p, photo)
        self._existing_photo = p.photo_file
        self.certificate.load(record)
        self.personal.id_row.update_masked()

    # -- reacting ------------------------------------------------------------------------
    def set_photo_file(self, path: Path) -> None:
        """Use `path` as the new photo (shown now, scaled and copied in when the profile is
        saved), or explain next to the field, with the real limits, why it cannot be used."""
        issue = self.personal.photo.choose(path)
        if issue is not None:
            self.fields["photo"].show_issues([issue])
            return
        self.fields["photo"].clear()
        self._recheck()

    # -- validating and saving ----------------------------------------------------------
    def draft(self) -> ProfileDraft:
        practitioner = self.personal.practitioner(
            self._existing_photo, None if self._record is None else self._record.practitioner.id
        )
        record = self._record
        certificate = self.certificate.certificate(record.current_certificate if record else None)
        registration = self.certificate.registration(record.latest_registration if record else None)
        return ProfileDraft(practitioner, certificate, registration, self.personal.photo.pick)

    def issues(self) -> list[FieldIssue]:
        """Every issue of the form as it stands (nothing shown)."""
        draft = ProfileService.normalized(self.draft())
        pin = [] if self._record is not None else self.pin_group.issues()
        return self._service.draft_issues(draft) + pin

    def validate(self) -> list[FieldIssue]:
        """Show every issue next to its field, as a save does; return them."""
        issues = self.issues()
        self.show_issues(issues, focus=True)
        return issues

    def show_issues(self, issues: list[FieldIssue], focus: bool = False) -> None:
        count = self._form.show(issues, fallback="name", aliases=_ALIASES, focus=focus)
        self._show_summary(count)
        grow_to_content(self, self.scroll_area)

    def _show_summary(self, count: int) -> None:
        if count == 1:
            self.summary_label.setText(self.tr("One field needs fixing."))
        else:
            self.summary_label.setText(self.tr("%n fields need fixing.", "", count))
        self.summary_label.setVisible(count > 0)

    def _recheck(self, typing: str | None = None) -> None:
        """Check silently: fixed errors go at once; new ones appear only on fields the user
        has left (all of them after a save was tried), not on the one being typed in."""
        reveal = set(self.fields) if self._save_attempted else set(self._touched)
        reveal.discard(typing or "")
        count = self._form.refresh(self.issues(), "name", reveal, _ALIASES)
        self._show_summary(count if self._save_attempted else 0)
        grow_to_content(self, self.scroll_area)

    def _on_field_typed(self, key: str) -> None:
        self._recheck(typing=key)

    def _on_field_left(self, key: str) -> None:
        """Check a field as soon as the user leaves it (fields not yet visited stay quiet)."""
        self._touched.add(key)
        self._recheck()

    def _on_buttons_accepted(self) -> None:
        if self._saving:
            return
        self._save_attempted = True
        if self.validate():
            return
        draft = self.draft()
        pin = self.pin_edit.text() or None
        self._saving = True
        self.buttons.setEnabled(False)
        record = self._record
        if record is None:
            self._runner.submit(
                lambda: self._service.create_profile(draft, pin),
                self._on_saved,
                self._on_save_failed,
            )
        else:
            pid = record.practitioner.id
            assert pid is not None

            def update() -> int:
                self._service.update_profile(pid, draft)
                return pid

            self._runner.submit(update, self._on_saved, self._on_save_failed)

    # -- closing ---------------------------------------------------------------------------
    def _snapshot(self) -> tuple[object, ...]:
        return (
            *self.personal.snapshot(),
            *self.certificate.snapshot(),
            self.pin_edit.text(),
            self.pin_confirm.text(),
        )

    def has_unsaved_changes(self) -> bool:
        return self._snapshot() != self._clean

    def reject(self) -> None:
        """Esc, the close button and Cancel: close at once without edits, else ask."""
        if self._saving:
            return  # the save in progress decides
        text = (
            self.tr("This new profile has not been saved. Save it before closing?")
            if self._record is None
            else self.tr(
                "Your changes to this profile have not been saved. Save them before closing?"
            )
        )
        close_unless_unsaved(self, self.has_unsaved_changes(), text, self._on_buttons_accepted)

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        keep_on_screen(self)

    def _on_saved(self, practitioner_id: int) -> None:
        self._saving = False
        self.buttons.setEnabled(True)
        self.profile_saved.emit(practitioner_id)
        self.accept()

    def _on_save_failed(self, error: BaseException) -> None:
        self._saving = False
        self.buttons.setEnabled(True)
        if isinstance(error, ValidationFailed):
            self.show_issues(error.issues, focus=True)
            return
        explain_error(self, error, self.tr("The profile was not saved"))
