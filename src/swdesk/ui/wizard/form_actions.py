"""The form step's work: the form of the saved draft rendered on the worker thread pool
(and shown page by page), printed (generated first when there is no current one) and saved
as a PDF. A form generated before the latest edit is stale and made again."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QImage
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog

from swdesk.domain.fix_list import blocking_items

from ..feedback import explain_error
from ..pdf_preview import print_pdf, render_pages
from ..texts import fill

if TYPE_CHECKING:
    from .dialog import ApplicationWizard

translate = QCoreApplication.translate


class FormActions(QObject):
    """Generates, prints and saves the form of `wizard`'s draft; the form itself is kept
    in `wizard.pdf` (None when there is no current one)."""

    def __init__(self, wizard: ApplicationWizard) -> None:
        super().__init__(wizard)
        self.wizard = wizard
        self.generating = False
        self._print_pending = False

    def generate(self) -> None:
        """Render the form of the saved draft on a worker; `form_ready` when shown."""
        if self.generating:
            return
        wizard = self.wizard
        wizard.save_draft()
        draft, edits, service = wizard.draft, wizard.edits, wizard.service
        self.generating = True
        wizard.form_page.show_busy(printing=self._print_pending)

        def work() -> tuple[bytes, list[QImage]]:
            pdf = service.render_form(draft)
            return pdf, render_pages(pdf, 72)

        def done(result: tuple[bytes, list[QImage]]) -> None:
            self.generating = False
            if wizard.closed:
                return
            if edits != wizard.edits:  # edited meanwhile: that form is already stale
                wizard.form_page.show_failed()
                if self._print_pending or wizard.current_step() == "form":
                    self.generate()
                return
            wizard.pdf, pages = result
            wizard.refresh_precheck()
            wizard.form_page.show_form(pages, len(blocking_items(wizard.fix_items)))
            wizard.form_ready.emit()
            if self._print_pending:
                self._print_pending = False
                self._print_now()

        def failed(error: BaseException) -> None:
            self.generating = False
            self._print_pending = False
            if wizard.closed:
                return
            wizard.form_page.show_failed()
            explain_error(wizard, error, self.tr("The form could not be generated"))

        wizard.runner.submit(work, done, failed)

    def print_form(self) -> None:
        """Print the current form; without one, generate it first and print when ready."""
        if self.wizard.pdf is not None and not self.generating:
            self._print_now()
            return
        self._print_pending = True
        if not self.generating:
            self.generate()
        else:
            self.wizard.form_page.show_busy(printing=True)

    def _print_now(self) -> None:
        pdf = self.wizard.pdf
        assert pdf is not None
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self.wizard)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return
        try:
            print_pdf(pdf, printer)
        except Exception as error:  # noqa: BLE001 - explained to the user
            explain_error(self.wizard, error, self.tr("The form was not printed"))

    def save_pdf(self, path: Path) -> None:
        wizard = self.wizard
        draft, service = wizard.collect(), wizard.service

        def done(written: Path) -> None:
            if not wizard.closed:
                wizard.form_page.form_status.setText(
                    fill(translate("FormActions", "Saved to %1"), str(written))
                )

        def failed(error: BaseException) -> None:
            explain_error(
                None if wizard.closed else wizard,
                error,
                translate("FormActions", "The form was not saved"),
            )

        wizard.runner.submit(lambda: service.save_form(draft, path), done, failed)
