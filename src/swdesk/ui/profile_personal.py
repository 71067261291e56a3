"""The profile editor's "Personal data" group: name, ID number (masked on screen), gender and
date of birth (filled in from a valid ID number), phone, employer and its credit code, post,
years in social work, the applicable rules and county, and the photo."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QGroupBox,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from swdesk.domain.enums import Gender
from swdesk.domain.identity import parse_id_number
from swdesk.domain.models import Practitioner

from .date_edits import from_qdate, make_date_edit, to_qdate
from .form_fields import FieldSet
from .plain_text import plain_label
from .profile_fields import IdNumberRow, RulesAndCounty
from .profile_photo import PhotoPicker
from .texts import gender_label


class PersonalSection(QGroupBox):
    """Its fields are added to the editor's `fields` (errors are shown next to them).
    Emits `id_read` once a valid ID number has filled in gender and date of birth."""

    id_read = Signal()

    def __init__(self, fields: FieldSet, parent: QWidget) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Personal data"))
        form = QFormLayout(self)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.name_edit = QLineEdit()
        self.name_edit.setMaxLength(30)
        form.addRow(self.tr("&Name"), fields.add("name", self.name_edit, self.tr("Name")))
        self.id_row = IdNumberRow()
        self.id_edit, self.id_show = self.id_row.edit, self.id_row.show_button
        id_field = fields.add("id_number", self.id_row, self.tr("Citizen ID number"))
        self.id_row.setObjectName("idNumberRow")
        self.id_edit.setObjectName("field_id_number")
        self.id_edit.setAccessibleName(self.tr("Citizen ID number"))
        id_field.editor = self.id_edit
        id_field.setFocusProxy(self.id_edit)
        form.addRow(self.tr("Citizen &ID number"), id_field)
        self.gender_combo = QComboBox()
        for g in Gender:
            self.gender_combo.addItem(gender_label(g), g.value)
        form.addRow(self.tr("&Gender"), fields.add("gender", self.gender_combo, self.tr("Gender")))
        self.birth_edit = make_date_edit(self)
        self.birth_edit.setDate(QDate(1990, 1, 1))
        form.addRow(
            self.tr("Date of &birth"),
            fields.add("birth_date", self.birth_edit, self.tr("Date of birth")),
        )
        self.derived_hint = plain_label(
            self.tr("Gender and date of birth are read from the ID number.")
        )
        self.derived_hint.setObjectName("derivedFromId")
        self.derived_hint.setWordWrap(True)
        self.derived_hint.hide()
        form.addRow("", self.derived_hint)
        self.phone_edit = QLineEdit()
        self.phone_edit.setMaxLength(40)  # the bundle's limit; separators are removed
        form.addRow(self.tr("&Phone"), fields.add("phone", self.phone_edit, self.tr("Phone")))
        self.employer_edit = QLineEdit()
        self.employer_edit.setMaxLength(100)
        form.addRow(
            self.tr("&Employer"), fields.add("employer", self.employer_edit, self.tr("Employer"))
        )
        self.credit_edit = QLineEdit()
        self.credit_edit.setMaxLength(36)  # 18 once spaces, tabs pasted along are removed
        self.credit_edit.setPlaceholderText(self.tr("optional"))
        form.addRow(
            self.tr("Unified social &credit code"),
            fields.add(
                "employer_credit_code", self.credit_edit, self.tr("Unified social credit code")
            ),
        )
        self.post_edit = QLineEdit()
        self.post_edit.setMaxLength(50)
        form.addRow(self.tr("P&ost"), fields.add("post", self.post_edit, self.tr("Post")))
        self.years_spin = QSpinBox()
        self.years_spin.setRange(0, 60)
        form.addRow(
            self.tr("&Years in social work"),
            fields.add("years_in_social_work", self.years_spin, self.tr("Years in social work")),
        )
        self.rules = RulesAndCounty(self)
        self.rules.add_rows(form, fields)
        self.pack_combo, self.county_combo = self.rules.pack_combo, self.rules.county_combo
        self.photo = PhotoPicker()
        self.photo_preview, self.photo_button = self.photo.preview, self.photo.button
        form.addRow(self.tr("Photo"), fields.add("photo", self.photo, self.tr("Photo")))
        self.id_edit.textChanged.connect(self._on_id_edit_text_changed)

    def load(self, p: Practitioner, photo: Path | None) -> None:
        """Show the stored practitioner `p`, with the stored photo at `photo` if any."""
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
        if photo is not None:
            self.photo.show_stored(photo)

    def practitioner(self, photo_file: str, practitioner_id: int | None) -> Practitioner:
        """The practitioner as the fields say (the stored photo's name kept as `photo_file`:
        a newly chosen photo is the editor's to save)."""
        return Practitioner(
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
            photo_file=photo_file,
            rulepack_id=self.rules.pack_id(),
            id=practitioner_id,
        )

    def snapshot(self) -> tuple[object, ...]:
        """What the fields hold, to tell whether anything was edited."""
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
        )

    def _on_id_edit_text_changed(self, text: str) -> None:
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
        self.id_read.emit()
