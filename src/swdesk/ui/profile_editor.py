"""The profile editor: personal data, certificate, registration and optional PIN, validated
inline field by field and saved whole.

Checking never moves the cursor: errors appear when the user leaves a field (or at once
after a save was tried) and go away as soon as the field is right; only the Save button puts
the focus on the first field in error. A valid ID number fills in gender and date of birth.
Closing with unsaved edits (Esc, the window's close button, Cancel) asks first."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt, Signal
from PySide6.QtGui import QPixmap, QShowEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from swdesk.domain.dates import period_end
from swdesk.domain.enums import CertificateLevel, Gender, RegistrationKind
from swdesk.domain.errors import FieldIssue, UserFixableError, ValidationFailed
from swdesk.domain.identity import mask_id_number, parse_id_number
from swdesk.domain.models import (
    Certificate,
    Practitioner,
    PractitionerRecord,
    RegistrationPeriod,
)
from swdesk.domain.registration_number import REGISTRATION_NUMBER_MAX
from swdesk.services.pin import pin_issues
from swdesk.services.profiles import ProfileDraft, ProfileService
from swdesk.services.rule_packs import available_packs, default_pack_id, load_pack

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
from .tasks import TaskRunner
from .texts import gender_label, level_label, registration_kind_label

_ALIASES = {"certificate_number": "number"}


def to_qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)


def from_qdate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


def make_date_edit(parent: QWidget) -> QDateEdit:
    edit = QDateEdit(parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    edit.setMinimumDate(QDate(1900, 1, 1))
    edit.setMaximumDate(QDate(2100, 12, 31))
    return edit


class ProfileEditorDialog(QDialog):
    """Create a profile (record is None) or edit one. Emits `profile_saved(id)` once saved."""

    profile_saved = Signal(int)

    def __init__(self, service: ProfileService, runner: TaskRunner, today: date,
                 record: PractitionerRecord | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._runner = runner
        self._today = today
        self._record = record
        self._photo_pick: Path | None = None
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
            self._on_registered_toggled(True)
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
        id_row = QWidget()
        id_layout = QHBoxLayout(id_row)
        id_layout.setContentsMargins(0, 0, 0, 0)
        self.id_edit = QLineEdit()
        self.id_edit.setMaxLength(36)  # 18 once spaces, tabs pasted along are removed
        self.id_edit.setEchoMode(QLineEdit.EchoMode.PasswordEchoOnEdit)
        self.id_edit.setPlaceholderText(self.tr("18 characters"))
        self.id_show = QToolButton()
        self.id_show.setObjectName("showIdNumber")
        self.id_show.setText(self.tr("Show"))
        self.id_show.setCheckable(True)
        self.id_show.setAccessibleName(self.tr("Show the ID number"))
        self.id_show.toggled.connect(self._on_id_show_toggled)
        self.id_masked = QLabel()
        self.id_masked.setObjectName("maskedIdNumber")
        id_layout.addWidget(self.id_edit, 1)
        id_layout.addWidget(self.id_masked)
        id_layout.addWidget(self.id_show)
        id_field = self._field("id_number", id_row, self.tr("Citizen ID number"))
        id_row.setObjectName("idNumberRow")
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
        form.addRow(self.tr("Date of &birth"),
                    self._field("birth_date", self.birth_edit, self.tr("Date of birth")))
        self.derived_hint = QLabel(self.tr("Gender and date of birth are read from the ID "
                                           "number."))
        self.derived_hint.setObjectName("derivedFromId")
        self.derived_hint.setWordWrap(True)
        self.derived_hint.hide()
        form.addRow("", self.derived_hint)
        self.phone_edit = QLineEdit()
        self.phone_edit.setMaxLength(40)  # the bundle's limit; separators are removed
        form.addRow(self.tr("&Phone"), self._field("phone", self.phone_edit, self.tr("Phone")))
        self.employer_edit = QLineEdit()
        self.employer_edit.setMaxLength(100)
        form.addRow(self.tr("&Employer"),
                    self._field("employer", self.employer_edit, self.tr("Employer")))
        self.credit_edit = QLineEdit()
        self.credit_edit.setMaxLength(36)  # 18 once spaces, tabs pasted along are removed
        self.credit_edit.setPlaceholderText(self.tr("optional"))
        form.addRow(self.tr("Unified social &credit code"),
                    self._field("employer_credit_code", self.credit_edit,
                                self.tr("Unified social credit code")))
        self.post_edit = QLineEdit()
        self.post_edit.setMaxLength(50)
        form.addRow(self.tr("P&ost"), self._field("post", self.post_edit, self.tr("Post")))
        self.years_spin = QSpinBox()
        self.years_spin.setRange(0, 60)
        form.addRow(self.tr("&Years in social work"),
                    self._field("years_in_social_work", self.years_spin,
                                self.tr("Years in social work")))
        self.pack_combo = QComboBox()
        for pack_id, name in available_packs():
            self.pack_combo.addItem(name, pack_id)
        self.pack_combo.setCurrentIndex(max(0, self.pack_combo.findData(default_pack_id())))
        self.pack_combo.setObjectName("field_rulepack")
        self.pack_combo.setAccessibleName(self.tr("Applicable rules"))
        self.pack_combo.setToolTip(self.tr(
            "Whose rules on registration and continuing education apply to you: those of "
            "your province, or the national ones."))
        self.pack_combo.currentIndexChanged.connect(self._fill_counties)
        form.addRow(self.tr("Applicable &rules"), self.pack_combo)
        self.county_combo = QComboBox()
        form.addRow(self.tr("Co&unty or district"),
                    self._field("county", self.county_combo, self.tr("County or district")))
        self._fill_counties()
        photo_row = QWidget()
        photo_layout = QHBoxLayout(photo_row)
        photo_layout.setContentsMargins(0, 0, 0, 0)
        self.photo_preview = QLabel(self.tr("No photo"))
        self.photo_preview.setObjectName("photoPreview")
        self.photo_preview.setFixedSize(90, 120)
        self.photo_preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.photo_preview.setFrameShape(QLabel.Shape.Box)
        self.photo_button = QPushButton(self.tr("Choose p&hoto…"))
        self.photo_button.setObjectName("choosePhoto")
        self.photo_button.clicked.connect(self._on_photo_button_clicked)
        photo_layout.addWidget(self.photo_preview)
        photo_layout.addWidget(self.photo_button, 0, Qt.AlignmentFlag.AlignBottom)
        photo_layout.addStretch(1)
        form.addRow(self.tr("Photo"), self._field("photo", photo_row, self.tr("Photo")))
        layout.addWidget(personal)

        certificate = QGroupBox(self.tr("Certificate and registration"), body)
        cform = QFormLayout(certificate)
        self.level_combo = QComboBox()
        for level in CertificateLevel:
            self.level_combo.addItem(level_label(level), level.value)
        cform.addRow(self.tr("Certificate &level"),
                     self._field("level", self.level_combo, self.tr("Certificate level")))
        self.cert_number_edit = QLineEdit()
        self.cert_number_edit.setMaxLength(40)
        cform.addRow(self.tr("Certificate nu&mber"),
                     self._field("number", self.cert_number_edit, self.tr("Certificate number")))
        self.obtained_edit = make_date_edit(self)
        self.obtained_edit.setDate(to_qdate(self._today))
        cform.addRow(self.tr("Date ob&tained"),
                     self._field("obtained_on", self.obtained_edit, self.tr("Date obtained")))
        self.registered_check = QCheckBox(self.tr("I am registered"))
        self.registered_check.setObjectName("field_registered")
        self.registered_check.setChecked(True)
        self.registered_check.toggled.connect(self._on_registered_toggled)
        cform.addRow("", self.registered_check)
        self.kind_combo = QComboBox()
        for kind in RegistrationKind:
            self.kind_combo.addItem(registration_kind_label(kind), kind.value)
        self.kind_combo.setObjectName("field_kind")
        self.kind_combo.setAccessibleName(self.tr("Current registration"))
        cform.addRow(self.tr("Current registration"), self.kind_combo)
        self.valid_from_edit = make_date_edit(self)
        self.valid_from_edit.setDate(to_qdate(self._today))
        self.valid_from_edit.dateChanged.connect(self._on_valid_from_changed)
        cform.addRow(self.tr("Registered &from"),
                     self._field("valid_from", self.valid_from_edit, self.tr("Registered from")))
        self.valid_to_edit = make_date_edit(self)
        cform.addRow(self.tr("Registere&d until"),
                     self._field("valid_to", self.valid_to_edit, self.tr("Registered until")))
        self.reg_number_edit = QLineEdit()  # 登记证书编号, printed on the re-registration form
        self.reg_number_edit.setMaxLength(REGISTRATION_NUMBER_MAX * 2)  # before trimming
        self.reg_number_edit.setPlaceholderText(self.tr("As printed on the registration "
                                                        "certificate"))
        cform.addRow(self.tr("Registr&ation certificate number"),
                     self._field("registration_number", self.reg_number_edit,
                                 self.tr("Registration certificate number")))
        self._on_valid_from_changed()
        layout.addWidget(certificate)

        self.pin_group = QGroupBox(self.tr("PIN for this profile (optional)"), body)
        pform = QFormLayout(self.pin_group)
        self.pin_edit = QLineEdit()
        self.pin_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_edit.setMaxLength(12)
        self.pin_confirm = QLineEdit()
        self.pin_confirm.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_confirm.setMaxLength(12)
        self.pin_confirm.setObjectName("field_pin_confirm")
        self.pin_confirm.setAccessibleName(self.tr("Repeat PIN"))
        pform.addRow(self.tr("PIN (4–12 digit&s)"),
                     self._field("pin", self.pin_edit, self.tr("PIN")))
        pform.addRow(self.tr("Repeat PIN"), self.pin_confirm)
        hint = QLabel(self.tr("On a shared PC, a PIN keeps others out of this profile."))
        hint.setWordWrap(True)
        pform.addRow("", hint)
        self.pin_group.setVisible(self._record is None)
        layout.addWidget(self.pin_group)
        layout.addStretch(1)

        self.summary_label = error_label("formSummary")
        self.summary_label.hide()
        outer.addWidget(self.summary_label)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.setObjectName("profileButtons")
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        outer.addWidget(self.buttons)

        # text fields: re-checked silently while typed in, their own new errors shown when
        # the user leaves them; choices and dates count as left at once
        for key in ("name", "id_number", "phone", "employer", "employer_credit_code", "post",
                    "number", "registration_number", "pin"):
            editor = self._fields[key].editor
            assert isinstance(editor, QLineEdit)
            editor.editingFinished.connect(lambda k=key: self._on_field_left(k))
            editor.textEdited.connect(lambda _t, k=key: self._on_field_typed(k))
        self.pin_confirm.textEdited.connect(lambda _t: self._on_field_typed("pin"))
        self.pin_confirm.editingFinished.connect(lambda: self._on_field_left("pin"))
        self.id_edit.textChanged.connect(self._on_id_text_changed)
        for key, signal in (("gender", self.gender_combo.currentIndexChanged),
                            ("birth_date", self.birth_edit.dateChanged),
                            ("years_in_social_work", self.years_spin.valueChanged),
                            ("county", self.county_combo.currentIndexChanged),
                            ("level", self.level_combo.currentIndexChanged),
                            ("obtained_on", self.obtained_edit.dateChanged),
                            ("valid_from", self.valid_from_edit.dateChanged),
                            ("valid_to", self.valid_to_edit.dateChanged)):
            signal.connect(lambda *_a, k=key: self._on_field_left(k))
        self.registered_check.toggled.connect(lambda _c: self._on_field_left("valid_from"))

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
        index = self.pack_combo.findData(p.rulepack_id)
        if index >= 0:
            self.pack_combo.setCurrentIndex(index)
        self._fill_counties()
        county_index = self.county_combo.findData(p.county)
        if county_index >= 0:
            self.county_combo.setCurrentIndex(county_index)
        elif self.county_combo.isEditable():
            self.county_combo.setEditText(p.county)
        self._existing_photo = p.photo_file
        photo = self._service.photo_path(p)
        if photo is not None:
            self._show_photo(photo)
        cert = record.current_certificate
        if cert is not None:
            self.level_combo.setCurrentIndex(self.level_combo.findData(cert.level.value))
            self.cert_number_edit.setText(cert.number)
            self.obtained_edit.setDate(to_qdate(cert.obtained_on))
        reg = record.latest_registration
        self.registered_check.setChecked(reg is not None)
        if reg is not None:
            self.kind_combo.setCurrentIndex(self.kind_combo.findData(reg.kind.value))
            self.valid_from_edit.setDate(to_qdate(reg.valid_from))
            self.valid_to_edit.setDate(to_qdate(reg.valid_to))
            self.reg_number_edit.setText(reg.number)
        self._on_registered_toggled(reg is not None)
        self._update_masked_id()

    # -- reacting ------------------------------------------------------------------------
    def _fill_counties(self) -> None:
        pack_id = self.pack_combo.currentData() or default_pack_id()
        current = self.county_combo.currentData()
        self.county_combo.clear()
        try:
            counties = load_pack(pack_id).counties
        except UserFixableError:
            counties = ()
        for county in counties:
            code, name_zh = county[0], county[1]
            self.county_combo.addItem(name_zh, code)
        self.county_combo.setEditable(not counties)
        if current is not None:
            index = self.county_combo.findData(current)
            if index >= 0:
                self.county_combo.setCurrentIndex(index)

    def _on_registered_toggled(self, checked: bool) -> None:
        for widget in (self.kind_combo, self.valid_from_edit, self.valid_to_edit,
                       self.reg_number_edit):
            widget.setEnabled(checked)

    def _on_valid_from_changed(self) -> None:
        start = from_qdate(self.valid_from_edit.date())
        pack_id = self.pack_combo.currentData() or default_pack_id()
        try:
            years = load_pack(pack_id).cycle_years
        except UserFixableError:
            years = 3
        self.valid_to_edit.setDate(to_qdate(period_end(start, years)))

    def _on_id_show_toggled(self, shown: bool) -> None:
        self.id_edit.setEchoMode(QLineEdit.EchoMode.Normal if shown
                                 else QLineEdit.EchoMode.PasswordEchoOnEdit)
        self.id_show.setText(self.tr("Hide") if shown else self.tr("Show"))

    def _update_masked_id(self) -> None:
        text = self.id_edit.text().strip()
        self.id_masked.setText(mask_id_number(text) if text else "")

    def _on_id_text_changed(self, text: str) -> None:
        """Mask the number on screen; once it is valid, fill in gender and date of birth
        from it (GB 11643: digits 7-14 the birth date, the 17th odd for a man)."""
        self._update_masked_id()
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

    def _on_photo_button_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose a recent ID photo"), "",
            self.tr("Photos (*.jpg *.jpeg *.png)"))
        if path:
            self.set_photo_file(Path(path))

    def set_photo_file(self, path: Path) -> None:
        """Use `path` as the new photo (shown now, scaled and copied in when the profile is
        saved). It gets the same checks as on saving, so a photo that cannot be used is
        explained next to the field, with the real limits, before anything is saved; a
        large photo (even 9000×12000 pixels or 48 MB) is simply scaled down."""
        from swdesk.services.photos import normalise_photo

        try:
            photo = normalise_photo(path.read_bytes(), source_name=path.name)
        except OSError:
            issue = FieldIssue("photo", "photo_unreadable", {"file": path.name})
        except UserFixableError as error:
            issue = FieldIssue("photo", error.code, dict(error.params))
        else:
            pixmap = QPixmap()
            pixmap.loadFromData(photo.jpeg, "JPEG")
            self._fields["photo"].clear()
            self._photo_pick = path
            self._recheck()
            self.photo_preview.setPixmap(pixmap.scaled(
                self.photo_preview.size(), Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation))
            return
        self._fields["photo"].show_issues([issue])

    def _show_photo(self, path: Path) -> None:
        pixmap = QPixmap(str(path))
        if not pixmap.isNull():
            self.photo_preview.setPixmap(pixmap.scaled(
                self.photo_preview.size(), Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation))

    # -- validating and saving ----------------------------------------------------------
    def draft(self) -> ProfileDraft:
        county = self.county_combo.currentData()
        if county is None:
            county = self.county_combo.currentText().strip()
        practitioner = Practitioner(
            name=self.name_edit.text(),
            gender=Gender(self.gender_combo.currentData()),
            birth_date=from_qdate(self.birth_edit.date()),
            id_number=self.id_edit.text(),
            phone=self.phone_edit.text(),
            employer=self.employer_edit.text(),
            post=self.post_edit.text(),
            years_in_social_work=self.years_spin.value(),
            county=str(county),
            employer_credit_code=self.credit_edit.text(),
            photo_file=self._existing_photo,
            rulepack_id=str(self.pack_combo.currentData() or default_pack_id()),
            id=None if self._record is None else self._record.practitioner.id,
        )
        old_cert = self._record.current_certificate if self._record else None
        certificate = Certificate(
            level=CertificateLevel(self.level_combo.currentData()),
            number=self.cert_number_edit.text(),
            obtained_on=from_qdate(self.obtained_edit.date()),
            id=old_cert.id if old_cert else None,
        )
        registration = None
        if self.registered_check.isChecked():
            old_reg = self._record.latest_registration if self._record else None
            registration = RegistrationPeriod(
                kind=RegistrationKind(self.kind_combo.currentData()),
                valid_from=from_qdate(self.valid_from_edit.date()),
                valid_to=from_qdate(self.valid_to_edit.date()),
                note=old_reg.note if old_reg else "",
                number=self.reg_number_edit.text(),
                id=old_reg.id if old_reg else None,
            )
        return ProfileDraft(practitioner, certificate, registration, self._photo_pick)

    def _pin_issues(self) -> list[FieldIssue]:
        if self._record is not None or not self.pin_edit.text():
            return []
        issues = pin_issues(self.pin_edit.text())
        if not issues and self.pin_edit.text() != self.pin_confirm.text():
            issues = [FieldIssue("pin", "pin_mismatch")]
        return issues

    def issues(self) -> list[FieldIssue]:
        """Every issue of the form as it stands (nothing shown)."""
        draft = ProfileService.normalized(self.draft())
        return self._service.draft_issues(draft) + self._pin_issues()

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
            self._runner.submit(lambda: self._service.create_profile(draft, pin),
                                self._on_saved, self._on_save_failed)
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
            self.name_edit.text(), self.gender_combo.currentIndex(), self.birth_edit.date(),
            self.id_edit.text(), self.phone_edit.text(), self.employer_edit.text(),
            self.credit_edit.text(), self.post_edit.text(), self.years_spin.value(),
            self.pack_combo.currentIndex(), self.county_combo.currentIndex(),
            self.county_combo.currentText(), self._photo_pick, self.level_combo.currentIndex(),
            self.cert_number_edit.text(), self.obtained_edit.date(),
            self.registered_check.isChecked(), self.kind_combo.currentIndex(),
            self.valid_from_edit.date(), self.valid_to_edit.date(), self.reg_number_edit.text(),
            self.pin_edit.text(),
            self.pin_confirm.text(),
        )

    def has_unsaved_changes(self) -> bool:
        return self._snapshot() != self._clean

    def reject(self) -> None:
        """Esc, the close button and Cancel: close at once without edits, else ask."""
        if self._saving:
            return  # the save in progress decides
        text = (self.tr("This new profile has not been saved. Save it before closing?")
                if self._record is None else
                self.tr("Your changes to this profile have not been saved. Save them before "
                        "closing?"))
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
