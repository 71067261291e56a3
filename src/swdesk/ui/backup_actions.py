"""Profile → Back up to… and Restore from a backup…: the file is chosen first, then (for a
restore) the replacement confirmed; the work runs on the worker thread pool behind a progress
dialog whose Cancel stops it before anything is replaced.

A restore closes the open workspace (the database, the lock and the decrypted viewer copies)
before the files are swapped, and hands the window the workspace opened on the restored data:
the window is the one owner of whichever workspace is current.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtWidgets import QFileDialog, QMessageBox, QProgressDialog, QPushButton

from .feedback import explain_error, inform
from .file_names import in_documents, suggested_name
from .plain_text import as_plain
from .texts import fill

if TYPE_CHECKING:
    from swdesk.services.workspace import Workspace

    from .main_window import MainWindow

log = logging.getLogger(__name__)

_STEPS = 1000  # progress in permille: byte counts can exceed a QProgressDialog's int range


class _ProgressRelay(QObject):
    """Carries progress from the worker thread to a dialog on the GUI thread (the signal is
    queued across threads); the dialog's Cancel sets a flag the worker reads at its next
    report. Once the work reports 100 %, `final_label` replaces the label and Cancel is
    disabled: what follows cannot be stopped."""

    moved = Signal(int)

    def __init__(
        self, dialog: QProgressDialog, cancel: QPushButton, final_label: str | None
    ) -> None:
        super().__init__(dialog)
        self.cancelled = threading.Event()
        self._dialog, self._cancel, self._final_label = dialog, cancel, final_label
        self._last = -1
        dialog.canceled.connect(self.cancelled.set)
        self.moved.connect(self._on_moved)

    def report(self, done: int, total: int) -> bool:
        """Called on the worker thread; False asks the work to stop."""
        step = min(done * _STEPS // total, _STEPS) if total > 0 else 0
        if step != self._last:
            self._last = step
            self.moved.emit(step)
        return not self.cancelled.is_set()

    @Slot(int)
    def _on_moved(self, step: int) -> None:
        self._dialog.setValue(step)
        if step >= _STEPS and self._final_label is not None:
            self._dialog.setLabelText(self._final_label)
            self._cancel.setEnabled(False)


class BackupActions(QObject):
    """Back up and restore for `window` (its runner, its current workspace, its dialogs)."""

    backup_finished = Signal(object)  # BackupInfo, or None when no file was written
    restore_finished = Signal(object)  # RestoreInfo, or None when the data was left as it was

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.progress: QProgressDialog | None = None
        self.last_message: QMessageBox | None = None

    # -- backup ------------------------------------------------------------------------
    def back_up(self, dest: Path | None = None) -> None:
        """One verified file with the database and the evidence, e.g. on a USB stick."""
        from swdesk.services.backup import BackupCancelled, create_backup_file

        window = self.window
        if dest is None:
            name, _ = QFileDialog.getSaveFileName(
                window,
                self.tr("Back up to"),
                in_documents(self.default_backup_name()),
                self.tr("swdesk backup (*.swdbak)"),
            )
            if not name:
                return
            dest = Path(name)
            if dest.suffix.lower() != ".swdbak":
                dest = dest.with_name(dest.name + ".swdbak")
        dialog, relay = self._progress_dialog(
            self.tr("Back up"), self.tr("Writing and checking the backup…")
        )
        layout, target = window.workspace.layout, dest

        def done(info: Any) -> None:
            dialog.close()
            window.statusBar().showMessage(
                fill(self.tr("Backup written and verified: %1"), target), 10000
            )
            self.backup_finished.emit(info)

        def failed(error: BaseException) -> None:
            dialog.close()
            if isinstance(error, BackupCancelled):
                window.statusBar().showMessage(
                    self.tr("Backup cancelled: no file was written."), 10000
                )
            else:
                explain_error(window, error, self.tr("The backup was not written"))
            self.backup_finished.emit(None)

        window.runner.submit(lambda: create_backup_file(layout, target, relay.report), done, failed)

    def default_backup_name(self) -> str:
        """张晓梅-备份-2026-12-05.swdbak (with "等 N 人" when the folder holds more people)."""
        window = self.window
        workspace = window.workspace
        day = workspace.clock()
        try:
            profiles = workspace.profiles.list_profiles()
        except Exception:  # noqa: BLE001 - only the suggested name depends on it
            profiles = []
        who = window.record.practitioner.name if window.record is not None else ""
        if who and len(profiles) > 1:
            count = len(profiles) - 1
            who = fill(self.tr("%1 and %n other(s)", "", count), who)
        return suggested_name([who or "swdesk", self.tr("backup")], day, ".swdbak")

    # -- restore -----------------------------------------------------------------------
    def restore(self, src: Path | None = None, confirmed: bool = False) -> None:
        """Choose a backup file, confirm the replacement, then check and restore it on a
        worker thread; the window reopens the restored data (or the old data when the file
        was refused or the restore cancelled)."""
        window = self.window
        if src is None:
            name, _ = QFileDialog.getOpenFileName(
                window,
                self.tr("Restore from a backup"),
                in_documents(""),
                self.tr("swdesk backup (*.swdbak)"),
            )
            if not name:
                return
            src = Path(name)
        if (
            not confirmed
            and QMessageBox.question(
                window,
                self.tr("Restore from a backup"),
                as_plain(
                    fill(
                        self.tr(
                            'Replace the data in this folder with the backup "%1"? The '
                            "current data is kept aside in the backups folder."
                        ),
                        src.name,
                    )
                ),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
                QMessageBox.StandardButton.Cancel,
            )
            != QMessageBox.StandardButton.Yes
        ):
            return
        self._run_restore(src)

    def _run_restore(self, src: Path) -> None:
        from swdesk.services.backup import BackupCancelled, RestoreInfo, restore_backup_file

        window = self.window
        window.runner.wait_for_idle(10000)  # no task may still use the database
        old = window.workspace
        layout = old.layout
        dialog, relay = self._progress_dialog(
            self.tr("Restore from a backup"),
            self.tr("Checking the backup…"),
            self.tr("Putting the restored data in place…"),
        )
        window.detach_workspace()
        old.close()  # database, lock and decrypted viewer copies: the files are replaced

        def work() -> object:
            return restore_backup_file(layout, src, relay.report)

        def finish(outcome: object) -> None:
            dialog.close()
            try:
                reopened = self._reopen(old)
            except Exception as error:  # noqa: BLE001 - explained; swdesk must be restarted
                self._cannot_reopen(error)
                return
            window.attach_workspace(reopened)
            if isinstance(outcome, RestoreInfo):
                self._on_restored(outcome)
                self.restore_finished.emit(outcome)
                return
            if isinstance(outcome, BackupCancelled):
                window.statusBar().showMessage(
                    self.tr("Restore cancelled: the data was left as it was."), 10000
                )
            else:
                assert isinstance(outcome, BaseException)
                explain_error(window, outcome, self.tr("The backup was not restored"))
            self.restore_finished.emit(None)

        window.runner.submit(work, finish, finish)

    @staticmethod
    def _reopen(old: Workspace) -> Workspace:
        """The data folder opened again (on the GUI thread: the instance lock belongs to the
        thread that takes it). A damaged database that was open read-only and was not
        replaced (the backup refused, the restore cancelled) is opened read-only again."""
        from swdesk.services.errors import DatabaseCorrupt
        from swdesk.services.workspace import open_workspace, open_workspace_read_only

        try:
            return open_workspace(old.layout.root, old.clock)
        except DatabaseCorrupt:
            if not old.read_only:
                raise
            return open_workspace_read_only(old.layout.root, old.clock)

    def _on_restored(self, info: Any) -> None:
        from .texts import fmt_date

        created = str(info.created_at)
        try:
            from datetime import datetime

            created = fmt_date(datetime.fromisoformat(info.created_at).date())
        except ValueError:
            pass
        text = fill(
            self.tr("The backup of %1 is restored. The data it replaced is kept in the folder %2."),
            created,
            info.kept_aside,
        )
        if info.missing_files:
            missing_files_count = len(info.missing_files)
            text += "\n\n" + self.tr(
                "%n evidence file(s) named in the backup were not in it; those records show "
                "a missing file.",
                "",
                missing_files_count,
            )
        self.last_message = inform(self.window, self.tr("Backup restored"), text)

    def _cannot_reopen(self, error: BaseException) -> None:
        """The data folder cannot be opened again: say so; swdesk closes when read."""
        box = explain_error(
            self.window, error, self.tr("The data folder could not be opened again")
        )
        assert box is not None  # a task's error callback runs on the GUI thread
        box.setInformativeText(self.tr("swdesk closes now. Start it again."))
        box.finished.connect(self.window.close)
        self.restore_finished.emit(None)

    # -- shared ------------------------------------------------------------------------
    def _progress_dialog(
        self,
        title: str,
        label: str,
        final_label: str | None = None,
    ) -> tuple[QProgressDialog, _ProgressRelay]:
        dialog = QProgressDialog(label, "", 0, _STEPS, self.window)
        dialog.setObjectName("backupProgress")
        dialog.setWindowTitle(title)
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        cancel = QPushButton(self.tr("Cancel"), dialog)
        cancel.setObjectName("progressCancel")
        dialog.setCancelButton(cancel)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.setMinimumDuration(300)
        dialog.setValue(0)
        relay = _ProgressRelay(dialog, cancel, final_label)
        self.progress = dialog
        return dialog, relay
