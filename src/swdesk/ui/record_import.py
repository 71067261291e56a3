"""Records → Import signed attendance records: training providers' `.swdce` files, chosen in
a file dialog or dropped on the window (files or folders of them), checked and added to the
open profile's CE log off the GUI thread, with a cancellable progress dialog, then a report
of what was added and why anything was not."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from swdesk.domain.errors import ValidationFailed

from .feedback import explain_error
from .file_names import in_documents
from .item_progress import ItemProgressDialog
from .plain_text import as_plain, plain_label
from .screen_fit import fit_size
from .texts import error_text, fill, fmt_hours, issue_text

if TYPE_CHECKING:  # the import service loads with the workspace
    from swdesk.services.attendance_records import RecordImport

    from .main_window import MainWindow

RECORD_SUFFIX = ".swdce"


def droppable_records(paths: list[Path]) -> list[Path]:
    """The dropped paths this window takes as attendance records: `.swdce` files and
    folders (whose records are read); [] when nothing dropped is one."""
    taken = [p for p in paths if p.suffix.lower() == RECORD_SUFFIX or p.is_dir()]
    return taken if len(taken) == len(paths) else []


class RecordImportActions(QObject):
    """Importing records into the window's open profile: `report_shown(dialog)` after every
    run, `records_imported(results)` after one that added at least one activity."""

    records_imported = Signal(object)
    report_shown = Signal(object)  # the report dialog, open

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.progress: ItemProgressDialog | None = None
        self.report: RecordImportReport | None = None

    def import_records(self) -> None:
        """The menu command: choose record files, then import them."""
        names, _ = QFileDialog.getOpenFileNames(
            self.window,
            self.tr("Import signed attendance records"),
            in_documents(""),
            self.tr("Attendance records (*.swdce)"),
        )
        if names:
            self.import_paths([Path(name) for name in names])

    def import_paths(self, paths: list[Path]) -> None:
        """Import `paths` (files or folders) into the open profile."""
        window = self.window
        pid = window.current_id
        if pid is None or not paths:
            return
        service = window.workspace.records
        self.progress = progress = ItemProgressDialog(
            self.tr("Checking the records' signatures…"),
            self.tr("Import attendance records"),
            "recordImportProgress",
            window,
            delay_ms=400,
        )
        window.runner.submit(
            lambda: service.import_files(pid, paths, progress.report),
            self._on_done,
            self._on_failed,
        )

    def _close_progress(self) -> None:
        if self.progress is not None:
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None

    def _on_done(self, results: list[RecordImport]) -> None:
        self._close_progress()
        self.report = RecordImportReport(results, self.window)
        self.report.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.report.open()
        self.report_shown.emit(self.report)
        if any(r.imported for r in results):
            self.records_imported.emit(results)

    def _on_failed(self, error: BaseException) -> None:
        self._close_progress()
        explain_error(self.window, error, self.tr("No attendance record was imported"))


def refusal_text(result: RecordImport) -> str:
    """Why a record file was not imported, in the UI's language."""
    error = result.error
    if isinstance(error, ValidationFailed):
        return "\n".join(issue_text(issue, with_field=True) for issue in error.issues)
    return error_text(error) if error is not None else ""


class RecordImportReport(QDialog):
    """What each record file became: the activity and its hours, or the reason it was
    refused."""

    def __init__(self, results: list[RecordImport], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recordImportReport")
        self.setWindowTitle(self.tr("Attendance records imported"))
        layout = QVBoxLayout(self)
        added = sum(1 for r in results if r.imported)
        if results:
            summary = fill(
                self.tr("Added to the training log: %1 · not imported: %2"),
                str(added),
                str(len(results) - added),
            )
        else:
            summary = self.tr("No attendance record (.swdce) was found in what you chose.")
        self.summary_label = plain_label(summary)
        self.summary_label.setObjectName("recordImportSummary")
        self.summary_label.setWordWrap(True)
        layout.addWidget(self.summary_label)
        self.table = QTableWidget(len(results), 3, self)
        self.table.setObjectName("recordImportTable")
        self.table.setAccessibleName(self.tr("Imported attendance records"))
        self.table.setHorizontalHeaderLabels(
            [self.tr("File"), self.tr("Result"), self.tr("Details")]
        )
        self.table.verticalHeader().hide()
        for row, result in enumerate(results):
            activity = result.activity
            if activity is not None and activity.attestation is not None:
                outcome = self.tr("Added, verified")
                details = fill(
                    self.tr("%1 · %2 hours · signed by %3"),
                    activity.title,
                    fmt_hours(activity.hours),
                    activity.attestation.provider_name,
                )
            else:
                outcome, details = self.tr("Not imported"), refusal_text(result)
            for column, text in enumerate((result.file, outcome, details)):
                item = QTableWidgetItem(text)
                item.setToolTip(as_plain(text))
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                if activity is None:
                    item.setForeground(Qt.GlobalColor.red)
                self.table.setItem(row, column, item)
        self.table.setWordWrap(True)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        width = self.fontMetrics().averageCharWidth()
        self.table.setColumnWidth(0, min(self.table.columnWidth(0), width * 30))
        # the reasons wrap within the width the details column finally gets
        self.table.horizontalHeader().sectionResized.connect(
            lambda *_: self.table.resizeRowsToContents()
        )
        self.table.resizeRowsToContents()
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        fit_size(self, width * 110, self.fontMetrics().lineSpacing() * 20)
