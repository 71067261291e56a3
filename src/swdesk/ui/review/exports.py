"""The reviewer window's exports (File menu): the decision files and forward packages of
every decided application not yet exported or of the selected ones, and the roster as an
Excel workbook. Both are written on a worker; the result is told in a message or the
status bar of the reviewer window."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox

from ..feedback import explain_error, inform
from ..tasks import TaskRunner
from ..texts import fill

if TYPE_CHECKING:  # loaded with the workspace the window is given
    from swdesk.services.review import ReviewService


class ExportActions(QObject):
    """Exports of `service` for the reviewer window `window`, on `runner`."""

    decisions_exported = Signal(list)  # the files an export of decisions wrote

    def __init__(self, window: QMainWindow, service: ReviewService, runner: TaskRunner) -> None:
        super().__init__(window)
        self.window = window
        self.service = service
        self.runner = runner
        self.last_export: list[Path] = []
        self.export_box: QMessageBox | None = None

    def export_decisions(self, ids: list[int] | None, folder: Path | None = None) -> None:
        """Write decision files (and forward packages) of the applications `ids`, or of
        every decided application not yet exported when `ids` is None; into `folder`, or
        one the user chooses."""
        window = self.window
        if folder is None:
            chosen = QFileDialog.getExistingDirectory(window, self.tr("Export decisions to"))
            if not chosen:
                return
            folder = Path(chosen)
        target = folder
        self.runner.submit(
            lambda: self.service.export_decisions(target, ids),
            lambda paths: self._after_export(paths, target),
            lambda e: explain_error(window, e, self.tr("The decisions were not exported")),
        )

    def _after_export(self, paths: list[Path], folder: Path) -> None:
        self.last_export = list(paths)
        self.decisions_exported.emit(list(paths))
        if not paths:
            self.export_box = inform(
                self.window,
                self.tr("Decisions exported"),
                self.tr("There were no decisions waiting to be exported; nothing was written."),
            )
            return
        paths_count = len(paths)
        self.export_box = inform(
            self.window,
            self.tr("Decisions exported"),
            fill(self.tr("%n file(s) written to %1.", "", paths_count), str(folder)),
        )

    def export_roster(self, path: Path | None = None) -> None:
        window = self.window
        if path is None:
            name, _ = QFileDialog.getSaveFileName(
                window, self.tr("Export the roster"), "roster.xlsx", self.tr("Excel (*.xlsx)")
            )
            if not name:
                return
            path = Path(name)
            if path.suffix.lower() != ".xlsx":  # typed without the extension
                path = path.with_name(path.name + ".xlsx")
        target = path
        self.runner.submit(
            lambda: self.service.export_roster(target),
            lambda written: window.statusBar().showMessage(
                fill(self.tr("Roster written to %1"), str(written)), 8000
            ),
            lambda e: explain_error(window, e, self.tr("The roster was not written")),
        )
