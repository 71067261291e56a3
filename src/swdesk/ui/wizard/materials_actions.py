"""The materials of an application: a file chosen on the materials or signed-scan page is
copied in on the worker thread pool (a refused photo explained next to the photo button,
another refused file under the list); removing and opening a material."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, QUrl
from PySide6.QtGui import QDesktopServices

from swdesk.domain.application import ApplicationDraft, MaterialFile, MaterialRole
from swdesk.domain.errors import UserFixableError

from ..feedback import explain_error
from ..texts import error_text

if TYPE_CHECKING:
    from .dialog import ApplicationWizard

translate = QCoreApplication.translate


class MaterialsActions(QObject):
    """Attaches, removes and opens the materials of `wizard`'s draft."""

    def __init__(self, wizard: ApplicationWizard) -> None:
        super().__init__(wizard)
        self.wizard = wizard

    def attach_file(self, role: MaterialRole, path: Path) -> None:
        """Copy `path` in as a material of `role` (off the GUI thread). A refused photo is
        explained next to the photo button, other refused files under the list."""
        wizard = self.wizard
        page = wizard.materials_page
        draft = wizard.collect()
        photo = role is MaterialRole.PHOTO
        if photo:
            page.show_photo_busy(path.name)

        def done(new_draft: ApplicationDraft) -> None:
            if wizard.closed:
                return
            # edits made meanwhile stay; only the materials come from the service
            wizard.draft = replace(wizard.collect(), materials=new_draft.materials)
            wizard.invalidate_form()
            if photo:
                page.show_photo_result(None)
            else:
                page.show_material_error("")
            wizard.load_pages()
            wizard.refresh_precheck()
            wizard.save_draft()

        def failed(error: BaseException) -> None:
            if wizard.closed:
                explain_error(None, error, translate("MaterialsActions", "The file was not added"))
                return
            if photo:
                page.show_photo_result(error if isinstance(error, UserFixableError) else None)
            elif isinstance(error, UserFixableError):
                page.show_material_error(error_text(error))
            if not isinstance(error, UserFixableError):
                explain_error(wizard, error, self.tr("The file was not added"))

        service = wizard.service
        wizard.runner.submit(lambda: service.attach(draft, role, path), done, failed)

    def remove(self, material: MaterialFile) -> None:
        wizard = self.wizard
        wizard.draft = wizard.service.detach(wizard.collect(), material)
        wizard.invalidate_form()
        wizard.load_pages()
        wizard.refresh_precheck()
        wizard.save_draft()

    def open(self, material: MaterialFile) -> None:
        path = self.wizard.service.material_path(material)
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
