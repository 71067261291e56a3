"""The personal step's registration number (登记证书编号 of the expiring registration): when
the person leaves the field, the number is saved to the profile on the worker thread pool,
the form generated before is stale and the fix list follows; a refused number is explained
next to the field."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from swdesk.domain.errors import ValidationFailed
from swdesk.services.applications import ApplicationContext

from ..feedback import explain_error

if TYPE_CHECKING:
    from .dialog import ApplicationWizard


class RegistrationNumberActions(QObject):
    """Saves the number typed in `wizard`'s personal page to the profile."""

    def __init__(self, wizard: ApplicationWizard) -> None:
        super().__init__(wizard)
        self.wizard = wizard

    def save(self, number: str) -> None:
        wizard = self.wizard
        pid, row = wizard.draft.practitioner_id, wizard.personal_page.registration_row
        title = self.tr("The registration number was not saved")

        def done(_context: ApplicationContext) -> None:
            if wizard.closed:
                return
            row.saved()
            wizard.invalidate_form()
            wizard.refresh_precheck()

        def failed(error: BaseException) -> None:
            if isinstance(error, ValidationFailed) and not wizard.closed:
                row.refused(error.issues)
                return
            explain_error(None if wizard.closed else wizard, error, title)

        service = wizard.service
        wizard.runner.submit(lambda: service.set_registration_number(pid, number), done, failed)
