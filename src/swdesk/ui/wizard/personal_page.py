"""Step 2: contact, employer and post (applied to the profile on export and kept in the
registration history), whether the identity data changed, and on a re-registration the
number of the expiring registration (saved to the profile at once: registration_number_row)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QCheckBox, QFormLayout, QLineEdit, QVBoxLayout, QWidget

from swdesk.domain.application import ApplicationDraft
from swdesk.domain.credit_code import credit_code_issues, normalize_credit_code
from swdesk.domain.errors import FieldIssue
from swdesk.domain.fix_list import FixItem
from swdesk.domain.normalise import normalise_line, normalise_phone
from swdesk.domain.validation import phone_issues

from ..form_fields import FieldSet
from ..plain_text import plain_label
from .base import WizardPage, heading
from .registration_number_row import RegistrationNumberRow


class PersonalPage(WizardPage):
    key = "personal"

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("wizardPage_personal")
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Check and update your personal data")))
        note = plain_label(
            self.tr(
                "Changes are applied to your profile when the application is "
                "exported, and kept in the registration history."
            )
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        self.fields = FieldSet(self)
        self.phone_edit = QLineEdit()
        self.employer_edit = QLineEdit()
        self.credit_edit = QLineEdit()
        self.post_edit = QLineEdit()
        for key, edit, label, accessible in (
            ("phone", self.phone_edit, self.tr("&Phone"), self.tr("Phone")),
            ("employer", self.employer_edit, self.tr("&Employer"), self.tr("Employer")),
            (
                "employer_credit_code",
                self.credit_edit,
                self.tr("Unified social credit co&de"),
                self.tr("Unified social credit code"),
            ),
            ("post", self.post_edit, self.tr("P&ost"), self.tr("Post")),
        ):
            form.addRow(label, self.fields.add(key, edit, accessible))
            edit.editingFinished.connect(self._on_edited)
        self.identity_check = QCheckBox(
            self.tr("My identity data (name, ID number) changed since the last registration")
        )
        self.identity_check.setObjectName("identityChanged")
        self.identity_check.toggled.connect(self._on_edited)
        form.addRow("", self.identity_check)
        # 登记证书编号 of the expiring registration (re-registration only; the dialog shows it)
        self.registration_row = RegistrationNumberRow()
        self.registration_row.add_to(form)
        layout.addLayout(form)
        layout.addStretch(1)

    def load(self, draft: ApplicationDraft) -> None:
        for edit, value in (
            (self.phone_edit, draft.phone),
            (self.employer_edit, draft.employer),
            (self.credit_edit, draft.employer_credit_code),
            (self.post_edit, draft.post),
        ):
            edit.blockSignals(True)
            edit.setText(value)
            edit.blockSignals(False)
        self.identity_check.blockSignals(True)
        self.identity_check.setChecked(draft.identity_changed)
        self.identity_check.blockSignals(False)

    def apply(self, draft: ApplicationDraft) -> ApplicationDraft:
        # the canonical forms the service stores (and the fix list checks)
        return replace(
            draft,
            phone=normalise_phone(self.phone_edit.text()),
            employer=normalise_line(self.employer_edit.text()),
            employer_credit_code=normalize_credit_code(self.credit_edit.text()),
            post=normalise_line(self.post_edit.text()),
            identity_changed=self.identity_check.isChecked(),
        )

    def focus_target(self, fix: FixItem) -> QWidget | None:
        if fix.params.get("field") == "registration_number":
            return self.registration_row.edit
        wrapper = self.fields.fields.get(str(fix.params.get("field", "phone")))
        return wrapper.editor if wrapper is not None else self.phone_edit

    def _on_edited(self) -> None:
        issues: list[FieldIssue] = phone_issues(self.phone_edit.text()) + credit_code_issues(
            self.credit_edit.text()
        )
        issues += [
            FieldIssue(key, "required")
            for key, edit in (("employer", self.employer_edit), ("post", self.post_edit))
            if not normalise_line(edit.text())
        ]
        self.fields.show(issues, fallback="phone")
        self.changed.emit()
