"""The profile editor: personal data, certificate, registration and optional PIN, validated
inline field by field and saved whole.

Checking never moves the cursor: errors appear when the user leaves a field (or at once
after a save was tried) and go away as soon as the field is right; only the Save button puts
the focus on the first field in error. A valid ID number fills in gender and date of birth.
Closing with unsaved edits (Esc, the window's close button, Cancel) asks first."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from swdesk.domain.enums import Gender
from swdesk.domain.errors import FieldIssue, ValidationFailed
from swdesk.domain.identity import parse_id_number
from swdesk.domain.models import (
    Practitioner,
    PractitionerRecord,
)
from swdesk.services.profiles import ProfileDraft, ProfileService

from .date_edits import from_qdate, make_date_edit, to_qdate
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
from .profile_fields import IdNumberRow, PinSection, RulesAndCounty
from .profile_photo import PhotoPicker
from .tasks import TaskRunner
from .texts import gender_label

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
        self._fields = self._form.fields
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

        personal = QGroupBox(self.tr("Personal data"), body)
        form = QFormLayout(personal)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(30)
        form.addRow(self.tr("&Name"), self._field("name", self.name_edit, self.tr("Name")))
        self.id_row = IdNumberRow()
        self.id_edit, self.id_show = self.id_row.edit, self.id_row.show_button
        id_field = self._field("id_number", self.id_row, self.tr("Citizen ID number"))
        self.id_row.setObjectName("idNumberRow")
        self.id_edit.setObjectName("field_id_number")
        self.id_edit.setAccessibleName(self.tr("Citizen ID number"))
        id_field.editor = self.id_edit
        id_field.setFocusProxy(self.id_edit)
        form.addRow(self.tr("Citizen &ID number"), id_field)
        self.gender_combo = QComboBox()
        for g in Gender:
            self.gender_combo.addItem(gender_label(g), g.value)
        form.addRow(self.tr("&Gender"), self._field("gender", self.gender_combo, self.tr("Gender")))
        self.birth_edit = make_date_edit(self)
        self.birth_edit.setDate(QDate(1990, 1, 1))
        form.addRow(
            self.tr("Date of &birth"),
            self._field("birth_date", self.birth_edit, self.tr("Date of birth")),
        )
        self.derived_hint = QLabel(self.tr("Gender and date of birth are read from the ID number."))
        self.derived_hint.setObjectName("derivedFromId")
        self.derived_hint.setWordWrap(True)
        self.derived_hint.hide()
        form.addRow("", self.derived_hint)
        self.phone_edit = QLineEdit()
        self.phone_edit.setMaxLength(40)  # the bundle's limit; separators are removed
        form.addRow(self.tr("&Phone"), self._field("phone", self.phone_edit, self.tr("Phone")))
        self.employer_edit = QLineEdit()
        self.employer_edit.setMaxLength(100)
        form.addRow(
            self.tr("&Employer"), self._field("employer", self.employer_edit, self.tr("Employer"))
        )
        self.credit_edit = QLineEdit()
        self.credit_edit.setMaxLength(36)  # 18 once spaces, tabs pasted along are removed
        self.credit_edit.setPlaceholderText(self.tr("optional"))
        form.addRow(
            self.tr("Unified social &credit code"),
            self._field(
                "employer_credit_code", self.credit_edit, self.tr("Unified social credit code")
            ),
        )
        self.post_edit = QLineEdit()
        self.post_edit.setMaxLength(50)
        form.addRow(self.tr("P&ost"), self._field("post", self.post_edit, self.tr("Post")))
        self.years_spin = QSpinBox()
        self.years_spin.setRange(0, 60)
        form.addRow(
            self.tr("&Years in social work"),
            self._field("years_in_social_work", self.years_spin, self.tr("Years in social work")),
        )
        self.rules = RulesAndCounty(self)
        self.rules.add_rows(form, self._form)
        self.pack_combo, self.county_combo = self.rules.pack_combo, self.rules.county_combo
        self.photo = PhotoPicker()
        self.photo.file_chosen.connect(self.set_photo_file)
        self.photo_preview, self.photo_button = self.photo.preview, self.photo.button
        form.addRow(self.tr("Photo"), self._field("photo", self.photo, self.tr("Photo")))
        layout.addWidget(personal)

        self.certificate = CertificateSection(self._form, self._today, self.rules.cycle_years, body)
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
            editor = self._fields[key].editor
            assert isinstance(editor, QLineEdit)
            editor.editingFinished.connect(lambda k=key: self._on_field_left(k))
            editor.textEdited.connect(lambda _t, k=key: self._on_field_typed(k))
        self.pin_confirm.textEdited.connect(lambda _t: self._on_field_typed("pin"))
        self.pin_confirm.editingFinished.connect(lambda: self._on_field_left("pin"))
        self.id_edit.textChanged.connect(self._on_id_text_changed)
        cert = self.certificate
        for key, signal in (
            ("gender", self.gender_combo.currentIndexChanged),
            ("birth_date", self.birth_edit.dateChanged),
            ("years_in_social_work", self.years_spin.valueChanged),
            ("county", self.county_combo.currentIndexChanged),
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
        self.name_edit.setText(p.name)
        self.gender_combo.setCurrentIndex(self.gender_combo.findData(p.gender.value))
        self.birth_edit.setDate(to_qdate(p.birth_date))
        self.id_edit.setText(p.id_number)
        self.phone_edit.setText(p.phone)
        self.employer_edit.setText(p.employer)
        self.credit_edit.setText(p.employer_credit_code)
        self.post_edit.setText(p.post)
        self.years_spin.setValue(p.years_in_social_work)
        self.rules.load(p)
        self._existing_photo = p.photo_file
        photo = self._service.photo_path(p)
        if photo is not None:
            self.photo.show_stored(photo)
        self.certificate.load(record)
        self.id_row.update_masked()

    # -- reacting ------------------------------------------------------------------------
    def _on_id_text_changed(self, text: str) -> None:
        """Mask the number on screen; once it is valid, fill in gender and date of birth
        from it (GB 11643: digits 7-14 the birth date, the 17th odd for a man)."""
        self.id_row.update_masked()
        try:
            info = parse_id_number(text)
        except ValueError:
            self.derived_hint.hide()
            return
        for widget in (self.birth_edit, self.gender_combo):
            widget.blockSignals(True)
        self.birth_edit.setDate(to_qdate(info.birth_date))
        self.gender_combo.setCurrentIndex(self.gender_combo.findData(info.gender.value))
        for widget in (self.birth_edit, self.gender_combo):
            widget.blockSignals(False)
        self.derived_hint.show()
        self._recheck()

    def set_photo_file(self, path: Path) -> None:
        """Use `path` as the new photo (shown now, scaled and copied in when the profile is
        saved), or explain next to the field, with the real limits, why it cannot be used."""
        issue = self.photo.choose(path)
        if issue is not None:
            self._fields["photo"].show_issues([issue])
            return
        self._fields["photo"].clear()
        self._recheck()

    # -- validating and saving ----------------------------------------------------------
    def draft(self) -> ProfileDraft:
        practitioner = Practitioner(
            name=self.name_edit.text(),
            gender=Gender(self.gender_combo.currentData()),
            birth_date=from_qdate(self.birth_edit.date()),
            id_number=self.id_edit.text(),
            phone=self.phone_edit.text(),
            employer=self.employer_edit.text(),
            post=self.post_edit.text(),
            years_in_social_work=self.years_spin.value(),
            county=self.rules.county(),
            employer_credit_code=self.credit_edit.text(),
            photo_file=self._existing_photo,
            rulepack_id=self.rules.pack_id(),
            id=None if self._record is None else self._record.practitioner.id,
        )
        record = self._record
        certificate = self.certificate.certificate(record.current_certificate if record else None)
        registration = self.certificate.registration(record.latest_registration if record else None)
        return ProfileDraft(practitioner, certificate, registration, self.photo.pick)

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
        reveal = set(self._fields) if self._save_attempted else set(self._touched)
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
            self.name_edit.text(),
            self.gender_combo.currentIndex(),
            self.birth_edit.date(),
            self.id_edit.text(),
            self.phone_edit.text(),
            self.employer_edit.text(),
            self.credit_edit.text(),
            self.post_edit.text(),
            self.years_spin.value(),
            self.pack_combo.currentIndex(),
            self.county_combo.currentIndex(),
            self.county_combo.currentText(),
            self.photo.pick,
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
