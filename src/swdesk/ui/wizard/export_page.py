"""Step 7: export the bundle (`.swdapp`) for the USB stick, then say what is true and
what to do next: the file and its folder, a short check code, and where to hand it in.

The check code is the first 8 characters of the bundle identifier, grouped in fours: the
office's import report shows the identifier starting with the same characters. The full
64-character identifiers help nobody reading them off a screen.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout

from swdesk.domain.application import ApplicationDraft, ApplicationState

from ..plain_text import plain_label
from ..texts import fill, fmt_date
from .base import WizardPage, heading


def check_code(identifier: str) -> str:
    """`3f2a91c07be4…` → `3f2a 91c0`."""
    short = identifier[:8]
    return " ".join(short[i : i + 4] for i in range(0, len(short), 4))


class ExportPage(WizardPage):
    key = "export"
    export_requested = Signal(Path)
    open_folder_requested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("wizardPage_export")
        self.suggested_path = Path()
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Export the application bundle")))
        self.export_summary = plain_label()
        self.export_summary.setObjectName("exportSummary")
        self.export_summary.setWordWrap(True)
        layout.addWidget(self.export_summary)
        row = QHBoxLayout()
        self.export_button = QPushButton(self.tr("E&xport bundle…"))
        self.export_button.setObjectName("exportBundle")
        self.export_button.clicked.connect(self._on_export_clicked)
        self.open_folder_button = QPushButton(self.tr("Open the &folder"))
        self.open_folder_button.setObjectName("openExportFolder")
        self.open_folder_button.clicked.connect(self.open_folder_requested)
        self.open_folder_button.setEnabled(False)
        row.addWidget(self.export_button)
        row.addWidget(self.open_folder_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.export_result = plain_label()
        self.export_result.setObjectName("exportResult")
        self.export_result.setWordWrap(True)
        self.export_result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.export_result)
        self.next_step = plain_label()
        self.next_step.setObjectName("exportNextStep")
        self.next_step.setWordWrap(True)
        self.next_step.setFrameShape(QLabel.Shape.StyledPanel)
        self.next_step.setMargin(8)
        self.next_step.hide()
        layout.addWidget(self.next_step)
        layout.addStretch(1)

    def load(self, draft: ApplicationDraft) -> None:
        """Reopened on an exported version: say when it was exported, with its check code
        (a result just shown by `show_exported` stays)."""
        if self.next_step.isVisible():
            return
        if draft.state is ApplicationState.EXPORTED and draft.exported_at and draft.bundle_id:
            self.export_result.setText(
                fill(
                    self.tr(
                        "Version %1 was exported on %2 (check code %3). Export again to write "
                        "another copy of the same version, e.g. onto a new USB stick."
                    ),
                    str(draft.version),
                    fmt_date(draft.exported_at.date()),
                    check_code(draft.bundle_id),
                )
            )
        else:
            self.export_result.setText("")

    def show_checks(self, open_items: int) -> None:
        self.export_button.setEnabled(open_items == 0)
        self.export_summary.setText(
            self.tr("Export is possible once the fix list is empty (%n open).", "", open_items)
            if open_items
            else self.tr(
                "All checks passed. The bundle holds the application data, the form, the "
                "photo, the evidence of this cycle and your materials."
            )
        )

    def show_busy(self) -> None:
        self.export_button.setEnabled(False)
        self.export_result.setText(self.tr("Writing the bundle…"))
        self.next_step.hide()

    def show_failed(self) -> None:
        self.export_result.setText("")
        self.export_button.setEnabled(True)

    def show_exported(self, path: Path, bundle_id: str, office: str, signed: bool) -> None:
        self.export_button.setEnabled(True)
        self.open_folder_button.setEnabled(True)
        self.export_result.setText(
            fill(
                self.tr(
                    "Exported, not yet submitted.\nFile: %1\nFolder: %2\nCheck code: %3 (the "
                    "office's import report shows the bundle identifier starting with these "
                    "characters)"
                ),
                path.name,
                str(path.parent),
                check_code(bundle_id),
            )
        )
        text = fill(
            self.tr(
                'Next step: hand the USB stick with "%1" and the printed form, signed by you, to '
                "%2. The application is submitted when the office has them; swdesk shows it as "
                "under review once a decision file from the office is imported."
            ),
            path.name,
            office,
        )
        if not signed:
            text += "\n" + self.tr(
                "The bundle holds no scan of the signed form. You may attach the scan in "
                "step 6 and export again; the printed form stays valid."
            )
        self.next_step.setText(text)
        self.next_step.show()

    def _on_export_clicked(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export the application bundle"),
            str(self.suggested_path),
            self.tr("swdesk application bundle (*.swdapp)"),
        )
        if name:
            path = Path(name)
            if path.suffix.lower() != ".swdapp":
                path = path.with_suffix(".swdapp")
            self.export_requested.emit(path)
