"""Step 6: the scan of the signed form, now or later (attaching it keeps the version)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QPushButton, QVBoxLayout

from swdesk.domain.application import ApplicationDraft

from ..plain_text import plain_label
from ..texts import fill
from .base import WizardPage, heading


class SignedPage(WizardPage):
    key = "signed"
    scan_chosen = Signal(Path)

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("wizardPage_signed")
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Scan of the signed form")))
        note = plain_label(
            self.tr(
                "After printing and signing the form, scan it and attach the "
                "scan here. You can do this later: the bundle records whether "
                "the signed scan is included."
            )
        )
        note.setWordWrap(True)
        layout.addWidget(note)
        self.signed_label = plain_label()
        self.signed_label.setObjectName("signedScanStatus")
        self.signed_label.setWordWrap(True)
        layout.addWidget(self.signed_label)
        row = QHBoxLayout()
        self.signed_button = QPushButton(self.tr("&Attach the signed scan…"))
        self.signed_button.setObjectName("attachSignedScan")
        self.signed_button.clicked.connect(self._on_signed_button_clicked)
        row.addWidget(self.signed_button)
        row.addStretch(1)
        layout.addLayout(row)
        layout.addStretch(1)

    def load(self, draft: ApplicationDraft) -> None:
        scan = draft.signed_scan
        self.signed_label.setText(
            fill(self.tr("Attached: %1"), scan.original_name)
            if scan
            else self.tr("No signed scan attached yet.")
        )

    def _on_signed_button_clicked(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose a file"), "", self.tr("PDF or image (*.pdf *.jpg *.jpeg *.png)")
        )
        if name:
            self.scan_chosen.emit(Path(name))
