"""The export step's work: the saved draft written as a bundle on the worker thread pool,
then where it went, its bundle id and the office it goes to shown on the export page."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QUrl
from PySide6.QtGui import QDesktopServices

from swdesk.domain.errors import UserFixableError
from swdesk.services.applications import ExportResult, FixListOpen

from ..feedback import explain_error

if TYPE_CHECKING:
    from .dialog import ApplicationWizard

translate = QCoreApplication.translate


class ExportActions(QObject):
    """Exports `wizard`'s draft; the last result is kept in `wizard.last_export`."""

    def __init__(self, wizard: ApplicationWizard) -> None:
        super().__init__(wizard)
        self.wizard = wizard

    def _submission_office(self) -> str:
        from swdesk.domain.requirements import submission_office
        from swdesk.services.rule_packs import load_pack

        from ..texts import office_name

        try:
            office = submission_office(
                load_pack(self.wizard.context.record.practitioner.rulepack_id)
            )
        except UserFixableError:
            office = None
        return office_name(
            {"office_zh": office.name_zh, "office_en": office.name_en} if office else {}
        )

    def export_to(self, path: Path) -> None:
        wizard = self.wizard
        if not wizard.save_draft():
            return
        draft, service = wizard.draft, wizard.service
        wizard.export_page.show_busy()

        def done(result: ExportResult) -> None:
            wizard.last_export = result
            if wizard.closed:
                return
            wizard.draft = result.application
            wizard.load_pages()
            wizard.export_page.show_exported(
                result.path,
                result.bundle_id,
                self._submission_office(),
                signed=wizard.draft.signed_scan is not None,
            )
            wizard.refresh_precheck()
            wizard.exported.emit(result)

        def failed(error: BaseException) -> None:
            if wizard.closed:
                explain_error(None, error, translate("ExportActions", "The bundle was not written"))
                return
            wizard.export_page.show_failed()
            if isinstance(error, FixListOpen):
                wizard.refresh_precheck()
                wizard.go_to("precheck")
            explain_error(wizard, error, self.tr("The bundle was not written"))

        wizard.runner.submit(lambda: service.export(draft, path), done, failed)

    def open_folder(self) -> None:
        last = self.wizard.last_export
        if last is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(last.path.parent)))
