"""The number of the expiring registration (登记证书编号) on the wizard's personal-data page.

Shown for a re-registration only. The number belongs to the registration in the profile, not
to the application: a valid, changed number is handed on (`number_edited`) as soon as the
person leaves the field, and the wizard saves it to the profile at once; a number that cannot
be stored is explained next to the field and not handed on. Empty is allowed (the fix list
then carries a note: the office can look the number up)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFormLayout, QLineEdit, QVBoxLayout, QWidget

from swdesk.domain.errors import FieldIssue
from swdesk.domain.models import RegistrationPeriod
from swdesk.domain.registration_number import (
    FIELD,
    REGISTRATION_NUMBER_MAX,
    normalise_registration_number,
    registration_number_issues,
)

from ..form_fields import FieldSet
from ..plain_text import plain_label
from ..texts import fill


class RegistrationNumberRow(QWidget):
    """A row of the page's form: label, line edit with its error label, and a hint."""

    number_edited = Signal(str)  # the canonical number, valid and different from the stored

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("registrationNumberRow")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.fields = FieldSet(self)
        self.edit = QLineEdit()
        self.edit.setObjectName("registrationNumber")
        self.edit.setMaxLength(REGISTRATION_NUMBER_MAX * 2)  # checked after trimming
        self.edit.setPlaceholderText(self.tr("As printed on the registration certificate"))
        layout.addWidget(
            self.fields.add(FIELD, self.edit, self.tr("Registration certificate number"))
        )
        self.hint = plain_label()
        self.hint.setObjectName("registrationNumberHint")
        self.hint.setWordWrap(True)
        layout.addWidget(self.hint)
        self.label = plain_label(self.tr("Registration certificate n&umber"))
        self.label.setBuddy(self.edit)
        self._stored = ""
        self._form: QFormLayout | None = None
        self.edit.editingFinished.connect(self._on_edited)

    def add_to(self, form: QFormLayout) -> None:
        """Put the row (its label on the left) into the page's form."""
        form.addRow(self.label, self)
        self._form = form
        form.setRowVisible(self, False)  # until a re-registration's period is shown

    def show_registration(self, registration: RegistrationPeriod | None, renewal: bool) -> None:
        """Show the stored number of `registration` (the one expiring) on a re-registration;
        hide the row otherwise. An edit the person has not finished is kept."""
        visible = renewal and registration is not None
        if self._form is not None:
            self._form.setRowVisible(self, visible)
        if registration is None:
            return
        self._stored = registration.number
        end = registration.valid_to.isoformat()
        if registration.number:
            hint = self.tr(
                "The registration valid until %1. Saved in your profile when you "
                "leave the field, and printed on the form."
            )
        else:
            hint = self.tr(
                "The registration valid until %1 has no number recorded. Enter it "
                "from the certificate; if you cannot, leave it empty: the office "
                "looks it up by your ID number."
            )
        self.hint.setText(fill(hint, end))
        if not self.edit.isModified():
            self.edit.setText(registration.number)

    def saved(self) -> None:
        """The handed-on number is stored: the next `show_registration` shows it."""
        self.edit.setModified(False)

    def refused(self, issues: list[FieldIssue]) -> None:
        self.fields.show(issues, fallback=FIELD)

    def _on_edited(self) -> None:
        issues = registration_number_issues(self.edit.text())
        self.fields.show(issues, fallback=FIELD)
        number = normalise_registration_number(self.edit.text())
        if not issues and number != self._stored:
            self.number_edited.emit(number)
