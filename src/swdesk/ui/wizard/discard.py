"""Discarding a draft application: the question names what is lost item by item (Cancel
is the default and Esc), and Discard deletes the draft and closes the wizard. An exported
application cannot be discarded: the office may already have it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QMessageBox

from swdesk.domain.application import ApplicationState, MaterialRole

from ..feedback import explain_error
from ..plain_text import plain_message_box
from ..texts import fill

if TYPE_CHECKING:
    from .dialog import ApplicationWizard


class DraftDiscard(QObject):
    """The Discard draft button of `wizard`: asks, then deletes its draft."""

    def __init__(self, wizard: ApplicationWizard) -> None:
        super().__init__(wizard)
        self.wizard = wizard

    def update_button(self) -> None:
        """Only a draft can be discarded: an exported application may already be with the
        office, which decides on exactly that version (withdrawn there, or changed and
        exported again as a new version, which can be discarded)."""
        draft = self.wizard.draft.state is ApplicationState.DRAFT
        button = self.wizard.discard_button
        button.setEnabled(draft)
        button.setToolTip(
            ""
            if draft
            else self.tr(
                "An exported application cannot be discarded: the office may already have it. "
                "Tell the office to withdraw it, or change it and export a new version."
            )
        )

    def _material_label(self, role: MaterialRole) -> str:
        return {
            MaterialRole.PHOTO: self.tr("ID photo"),
            MaterialRole.IDENTITY_CHANGE: self.tr("proof of identity change"),
            MaterialRole.LATE_EXPLANATION: self.tr("late explanation (scan)"),
            MaterialRole.OTHER: self.tr("other material"),
            MaterialRole.SIGNED_FORM: self.tr("signed form (scan)"),
        }[role]

    def question(self) -> str:
        """What discarding the current draft loses, named item by item."""
        draft = self.wizard.collect()
        lost = [
            self.tr(
                "the personal data entered in this application (phone, employer, credit code, post)"
            )
        ]
        if draft.identity_changed:
            lost.append(self.tr("the note that your identity data changed"))
        if draft.late_explanation:
            lost.append(self.tr("the written explanation of the late application"))
        if draft.declaration_accepted:
            lost.append(self.tr("the accepted declaration"))
        for material in draft.materials:
            lost.append(
                fill(
                    self.tr('the attached file "%1" (%2)'),
                    material.original_name,
                    self._material_label(material.role),
                )
            )
        text = fill(
            self.tr("Discard this draft application (version %1)? This is deleted:"),
            str(draft.version),
        )
        return text + "\n\n" + "\n".join(f"· {item}" for item in lost)

    def ask(self) -> QMessageBox | None:
        """Ask (window-modal, Cancel the default and Esc) before the draft is deleted;
        Discard deletes it and closes the wizard."""
        wizard = self.wizard
        if wizard.draft.state is not ApplicationState.DRAFT:
            return None
        box = plain_message_box(
            QMessageBox.Icon.Warning,
            self.tr("Discard the draft?"),
            self.question(),
            QMessageBox.StandardButton.NoButton,
            wizard,
        )
        box.setObjectName("discardDraftQuestion")
        kept = self.tr("Your profile, your training records and their evidence stay as they are.")
        if wizard.draft.version > 1:
            kept += " " + fill(
                self.tr("The exported version %1 stays as it is."), str(wizard.draft.version - 1)
            )
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
        wizard = self.wizard
        draft = wizard.settled_draft()
        try:
            wizard.service.discard(draft)
        except Exception as error:  # noqa: BLE001 - explained to the user, nothing lost
            explain_error(wizard, error, self.tr("The draft was not discarded"))
            return
        wizard.discarded = True
        wizard.setWindowModified(False)
        wizard.draft_discarded.emit()
        wizard.close()
