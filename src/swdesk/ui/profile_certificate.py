"""The profile editor's "Certificate and registration" group: the certificate (level,
number, date obtained) and, when the person is registered, the current registration (kind,
period, registration certificate number). The period's end follows its start by the
cycle of the applicable rules."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QGroupBox, QLineEdit, QWidget

from swdesk.domain.dates import period_end
from swdesk.domain.enums import CertificateLevel, RegistrationKind
from swdesk.domain.models import Certificate, PractitionerRecord, RegistrationPeriod
from swdesk.domain.registration_number import REGISTRATION_NUMBER_MAX

from .date_edits import from_qdate, make_date_edit, to_qdate
from .form_fields import FieldSet
from .texts import level_label, registration_kind_label


class CertificateSection(QGroupBox):
    """Its fields are added to the editor's `fields` (errors are shown next to them);
    `cycle_years()` gives the registration period's length under the chosen rules."""

    def __init__(
        self, fields: FieldSet, today: date, cycle_years: Callable[[], int], parent: QWidget
    ) -> None:
        super().__init__(parent)
        self.setTitle(self.tr("Certificate and registration"))
        self._cycle_years = cycle_years
        form = QFormLayout(self)
        self.level_combo = QComboBox()
        for level in CertificateLevel:
            self.level_combo.addItem(level_label(level), level.value)
        form.addRow(
            self.tr("Certificate &level"),
            fields.add("level", self.level_combo, self.tr("Certificate level")),
        )
        self.cert_number_edit = QLineEdit()
        self.cert_number_edit.setMaxLength(40)
        form.addRow(
            self.tr("Certificate nu&mber"),
            fields.add("number", self.cert_number_edit, self.tr("Certificate number")),
        )
        self.obtained_edit = make_date_edit(self)
        self.obtained_edit.setDate(to_qdate(today))
        form.addRow(
            self.tr("Date ob&tained"),
            fields.add("obtained_on", self.obtained_edit, self.tr("Date obtained")),
        )
        self.registered_check = QCheckBox(self.tr("I am registered"))
        self.registered_check.setObjectName("field_registered")
        self.registered_check.setChecked(True)
        self.registered_check.toggled.connect(self.set_registered)
        form.addRow("", self.registered_check)
        self.kind_combo = QComboBox()
        for kind in RegistrationKind:
            self.kind_combo.addItem(registration_kind_label(kind), kind.value)
        self.kind_combo.setObjectName("field_kind")
        self.kind_combo.setAccessibleName(self.tr("Current registration"))
        form.addRow(self.tr("Current registration"), self.kind_combo)
        self.valid_from_edit = make_date_edit(self)
        self.valid_from_edit.setDate(to_qdate(today))
        self.valid_from_edit.dateChanged.connect(self._on_valid_from_changed)
        form.addRow(
            self.tr("Registered &from"),
            fields.add("valid_from", self.valid_from_edit, self.tr("Registered from")),
        )
        self.valid_to_edit = make_date_edit(self)
        form.addRow(
            self.tr("Registere&d until"),
            fields.add("valid_to", self.valid_to_edit, self.tr("Registered until")),
        )
        self.reg_number_edit = QLineEdit()  # 登记证书编号, printed on the re-registration form
        self.reg_number_edit.setMaxLength(REGISTRATION_NUMBER_MAX * 2)  # before trimming
        self.reg_number_edit.setPlaceholderText(
            self.tr("As printed on the registration certificate")
        )
        form.addRow(
            self.tr("Registr&ation certificate number"),
            fields.add(
                "registration_number",
                self.reg_number_edit,
                self.tr("Registration certificate number"),
            ),
        )
        self._on_valid_from_changed()

    def set_registered(self, checked: bool) -> None:
        for widget in (
            self.kind_combo,
            self.valid_from_edit,
            self.valid_to_edit,
            self.reg_number_edit,
        ):
            widget.setEnabled(checked)

    def _on_valid_from_changed(self) -> None:
        start = from_qdate(self.valid_from_edit.date())
        self.valid_to_edit.setDate(to_qdate(period_end(start, self._cycle_years())))

    def load(self, record: PractitionerRecord) -> None:
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
        self.set_registered(reg is not None)

    def certificate(self, old: Certificate | None) -> Certificate:
        """The certificate as entered (`old`: the one it replaces, whose id it keeps)."""
        return Certificate(
            level=CertificateLevel(self.level_combo.currentData()),
            number=self.cert_number_edit.text(),
            obtained_on=from_qdate(self.obtained_edit.date()),
            id=old.id if old else None,
        )

    def registration(self, old: RegistrationPeriod | None) -> RegistrationPeriod | None:
        """The registration as entered, None when not registered (`old`: the one it
        replaces, whose id and note it keeps)."""
        if not self.registered_check.isChecked():
            return None
        return RegistrationPeriod(
            kind=RegistrationKind(self.kind_combo.currentData()),
            valid_from=from_qdate(self.valid_from_edit.date()),
            valid_to=from_qdate(self.valid_to_edit.date()),
            note=old.note if old else "",
            number=self.reg_number_edit.text(),
            id=old.id if old else None,
        )

    def snapshot(self) -> tuple[object, ...]:
        """What the person entered, to tell unsaved edits."""
        return (
            self.level_combo.currentIndex(),
            self.cert_number_edit.text(),
            self.obtained_edit.date(),
            self.registered_check.isChecked(),
            self.kind_combo.currentIndex(),
            self.valid_from_edit.date(),
            self.valid_to_edit.date(),
            self.reg_number_edit.text(),
        )
