"""Importing bundles off the GUI thread with a cancellable progress dialog, then the report."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..feedback import explain_error
from ..item_progress import ItemProgressDialog
from ..plain_text import plain_label
from ..screen_fit import fit_size
from ..tasks import TaskRunner
from ..texts import error_text, fill, import_status_label

if TYPE_CHECKING:  # loaded with the reviewer's workspace
    from swdesk.services.review import ImportOutcome, ImportReport, ReviewService


class ImportRun(QObject):
    """One import: progress dialog, cancel, and `finished(report)` on the GUI thread."""

    finished = Signal(object)

    def __init__(
        self, service: ReviewService, runner: TaskRunner, paths: list[Path], parent: QWidget
    ) -> None:
        super().__init__(parent)
        self._service = service
        self.progress = ItemProgressDialog(
            self.tr("Verifying and importing bundles…"), self.tr("Import"), "importProgress", parent
        )
        self.dialog = self.progress.dialog
        self._runner = runner
        self._paths = paths

    def start(self) -> None:
        """Begin the import (connect to `finished` first)."""
        service, paths, progress = self._service, self._paths, self.progress
        self._runner.submit(
            lambda: service.import_files(paths, progress.report), self._on_done, self._on_failed
        )

    def cancel(self) -> None:
        self.progress.cancel()

    def _on_done(self, report: ImportReport) -> None:
        self.progress.close()
        self.finished.emit(report)

    def _on_failed(self, error: BaseException) -> None:
        self.progress.close()
        parent = self.parent()  # the window that started the import
        explain_error(
            parent if isinstance(parent, QWidget) else None, error, self.tr("The import failed")
        )


def outcome_reason(entry: ImportOutcome) -> str:
    """Why a file was not imported, in plain words: never an internal code."""
    from PySide6.QtCore import QCoreApplication

    from swdesk.domain.errors import UserFixableError

    translate = QCoreApplication.translate
    name = Path(entry.file).name
    if entry.status == "duplicate":
        return translate(
            "ImportReport",
            "This bundle was imported before and is already in the queue; nothing was changed.",
        )
    if entry.status == "cancelled":
        return translate("ImportReport", "Not imported: the import was cancelled before this file.")
    if not entry.code:
        return ""
    params = dict(entry.params or {})
    params.setdefault("file", name)
    text = error_text(UserFixableError(entry.code, **params))
    if entry.code in text:  # no sentence for this code: never show the code itself
        return fill(
            translate(
                "ImportReport",
                '"%1" could not be imported: swdesk does not accept '
                "this file. Ask the sender to export the application "
                "again.",
            ),
            name,
        )
    return text


class ImportReportDialog(QDialog):
    """What was imported and what was refused, and why; exportable as CSV."""

    def __init__(self, report: ImportReport, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.report = report
        self.setObjectName("importReport")
        self.setWindowTitle(self.tr("Import report"))
        layout = QVBoxLayout(self)
        counts = report.counts()
        self.summary_label = plain_label(
            fill(
                self.tr("Imported: %1 · already imported: %2 · refused: %3"),
                str(counts.get("imported", 0)),
                str(counts.get("duplicate", 0)),
                str(counts.get("refused", 0)),
            )
        )
        self.summary_label.setObjectName("importSummary")
        self.summary_label.setWordWrap(True)
        layout.addWidget(self.summary_label)
        self.table = QTableWidget(len(report.entries), 3)
        self.table.setObjectName("importReportTable")
        self.table.setHorizontalHeaderLabels(
            [self.tr("File"), self.tr("Result"), self.tr("Reason")]
        )
        for row, entry in enumerate(report.entries):
            for column, text in enumerate(
                (Path(entry.file).name, import_status_label(entry.status), outcome_reason(entry))
            ):
                item = QTableWidgetItem(text)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                if entry.status == "refused":
                    item.setForeground(Qt.GlobalColor.red)
                self.table.setItem(row, column, item)
        self.table.setWordWrap(True)
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        width = self.fontMetrics().averageCharWidth()
        for column, most in ((0, 30), (1, 16)):
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), width * most))
        self.table.resizeRowsToContents()
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.save_button = QPushButton(self.tr("&Save report…"))
        self.save_button.setObjectName("saveImportReport")
        buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.save_button.clicked.connect(self._on_save_clicked)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)
        fit_size(
            self, self.fontMetrics().averageCharWidth() * 110, self.fontMetrics().lineSpacing() * 24
        )

    def save_to(self, path: Path) -> None:
        from swdesk.core.outfiles import write_bytes  # a folder the user chose

        write_bytes(path, self.report.to_csv())

    def _on_save_clicked(self) -> None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the import report"), "import-report.csv", self.tr("CSV (*.csv)")
        )
        if name:
            try:
                self.save_to(Path(name))
            except Exception as error:  # noqa: BLE001 - explained
                explain_error(self, error, self.tr("The report was not saved"))
