"""Step 4: the declaration (承诺声明) the applicant accepts and later signs on paper.

The page records the acceptance only; the application service stamps the moment it is
first saved accepted (`services.application_drafts.declaration_stamped`)."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLabel, QVBoxLayout, QWidget

from swdesk.domain.application import ApplicationDraft
from swdesk.domain.fix_list import FixItem

from ..plain_text import plain_label
from .base import WizardPage, heading


class DeclarationPage(WizardPage):
    key = "declaration"

    def __init__(self) -> None:
        from swdesk.services.form_labels import DECLARATION

        super().__init__()
        self.setObjectName("wizardPage_declaration")
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Declaration (承诺声明)")))
        text = plain_label(DECLARATION)
        text.setWordWrap(True)
        text.setObjectName("declarationText")
        text.setFrameShape(QLabel.Shape.StyledPanel)
        text.setMargin(12)
        layout.addWidget(text)
        self.declaration_check = QCheckBox(
            self.tr("I have read the declaration and accept it; I will sign the printed form.")
        )
        self.declaration_check.setObjectName("acceptDeclaration")
        self.declaration_check.toggled.connect(self._on_toggled)
        layout.addWidget(self.declaration_check, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)

    def load(self, draft: ApplicationDraft) -> None:
        self.declaration_check.blockSignals(True)
        self.declaration_check.setChecked(draft.declaration_accepted)
        self.declaration_check.blockSignals(False)

    def apply(self, draft: ApplicationDraft) -> ApplicationDraft:
        """The acceptance as ticked; a change clears the time (accepted again: the service
        stamps the moment it is saved)."""
        accepted = self.declaration_check.isChecked()
        if accepted == draft.declaration_accepted:
            return draft
        return replace(draft, declaration_accepted=accepted, declaration_accepted_at=None)

    def focus_target(self, fix: FixItem) -> QWidget | None:
        return self.declaration_check

    def _on_toggled(self, _checked: bool) -> None:
        self.changed.emit()
