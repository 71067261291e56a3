"""Step 5: the application form as a PDF: preview, print at 100 %, save.

The page only shows and asks; the dialog generates the PDF on a worker. "Print" works on
the first click: without a current PDF it asks for one and prints once it is ready.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QPushButton, QVBoxLayout

from ..form_fields import error_label
from ..pdf_preview import PdfPreview
from ..plain_text import plain_label
from .base import WizardPage, heading


class FormPage(WizardPage):
    key = "form"
    generate_requested = Signal()
    print_requested = Signal()
    save_requested = Signal(Path)

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("wizardPage_form")
        self.suggested_path = Path()
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("The application form")))
        row = QHBoxLayout()
        self.generate_button = QPushButton(self.tr("&Generate preview"))
        self.generate_button.setObjectName("generateForm")
        self.generate_button.clicked.connect(self.generate_requested)
        self.print_button = QPushButton(self.tr("&Print…"))
        self.print_button.setObjectName("printForm")
        self.print_button.clicked.connect(self.print_requested)
        self.save_pdf_button = QPushButton(self.tr("Save as P&DF…"))
        self.save_pdf_button.setObjectName("saveFormPdf")
        self.save_pdf_button.clicked.connect(self._on_save_pdf_clicked)
        for button in (self.generate_button, self.print_button, self.save_pdf_button):
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.draft_notice = error_label("formDraftNotice")  # red, like every warning
        self.draft_notice.setWordWrap(True)
        self.draft_notice.hide()
        layout.addWidget(self.draft_notice)
        self.form_status = plain_label()
        self.form_status.setObjectName("formStatus")
        self.form_status.setWordWrap(True)
        layout.addWidget(self.form_status)
        self.preview = PdfPreview()
        self.preview.setMinimumHeight(self.fontMetrics().lineSpacing() * 8)
        layout.addWidget(self.preview, 1)

    def show_busy(self, printing: bool = False) -> None:
        self.generate_button.setEnabled(False)
        self.form_status.setText(
            self.tr("Generating the form; it is printed when ready…")
            if printing
            else self.tr("Generating the form…")
        )

    def show_failed(self) -> None:
        self.generate_button.setEnabled(True)
        self.form_status.setText("")

    def show_form(self, pages: list[QImage], open_items: int) -> None:
        """The generated pages; `open_items` > 0: the form is printed as a draft."""
        self.generate_button.setEnabled(True)
        self.preview.show_pages(pages)
        pages_count = len(pages)
        self.form_status.setText(
            self.tr(
                '%n page(s). Print it at 100% (no "fit to page"), sign it, then attach the scan.',
                "",
                pages_count,
            )
        )
        self.draft_notice.setText(
            self.tr(
                'The fix list has %n open item(s), so every page is marked "预审未通过，草稿" '
                "(pre-check not passed, draft). Fix the items, then print the copy you sign.",
                "",
                open_items,
            )
        )
        self.draft_notice.setVisible(open_items > 0)

    def _on_save_pdf_clicked(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the form"), str(self.suggested_path), self.tr("PDF (*.pdf)")
        )
        if name:
            self.save_requested.emit(Path(name))
