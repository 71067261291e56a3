"""Saving the draft when the wizard closes: when that fails, the person is told why and
chooses to stay (Cancel, the default) or to close and lose the latest changes."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox

from swdesk.domain.errors import UserFixableError

from ..plain_text import as_plain
from ..texts import error_text, fill

if TYPE_CHECKING:
    from .dialog import ApplicationWizard

log = logging.getLogger(__name__)


class SaveOnClose(QObject):
    """Saves the draft of `wizard` before it closes, or asks when that fails."""

    def __init__(self, wizard: ApplicationWizard) -> None:
        super().__init__(wizard)
        self.wizard = wizard

    def may_close(self) -> bool:
        """True once the draft is saved, or when the person chose to close without it."""
        wizard = self.wizard
        draft = wizard.draft_for_saving()
        try:
            wizard.draft = wizard.service.save_draft(draft)
            return True
        except Exception as error:  # noqa: BLE001 - the user decides below
            if isinstance(error, UserFixableError):
                reason = error_text(error)
            else:
                log.error("the draft could not be saved on closing", exc_info=error)
                reason = self.tr("swdesk could not write it.")
        answer = QMessageBox.warning(
            wizard,
            self.tr("The draft was not saved"),
            as_plain(
                fill(
                    self.tr(
                        "Your latest changes to the application could not be saved: %1\n\n"
                        "Close anyway and lose them?"
                    ),
                    reason,
                )
            ),
            QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Discard
