"""What to do when the data folder's database cannot be used at start: it is damaged, missing
or empty beside saved files, cannot be read, or cannot be written.

The dialog says what happened and offers, where each makes sense: restore the newest
automatic backup that holds data (its date and what it holds, in plain words), open the
data read-only, start again with an empty database (after a confirmation; the old files
are moved aside, never deleted), or quit. Nothing is changed until the person chooses;
the damaged file is never changed.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .plain_text import plain_label
from .texts import error_text, fill

if TYPE_CHECKING:
    from swdesk.domain.errors import UserFixableError
    from swdesk.services.backup import BackupSummary

# the choices, in `DamagedDatabaseDialog.choice` once the dialog is closed
CHOICES = ("restore", "read_only", "start_afresh", "quit")


class DamagedDatabaseDialog(QDialog):
    """`choice` is "restore", "read_only", "start_afresh" or "quit" once closed.

    `newest_backup` is a `services.backup.BackupSummary` (or None: nothing to restore).
    """

    def __init__(
        self,
        error: UserFixableError,
        newest_backup: BackupSummary | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.choice = "quit"
        code = error.code
        self.setObjectName("damagedDatabase")
        self.setWindowTitle(self._title(code))
        layout = QVBoxLayout(self)
        text = plain_label(error_text(error) + "\n\n" + self._advice(code))
        text.setObjectName("damagedExplanation")
        text.setWordWrap(True)
        layout.addWidget(text)
        self.backup_label = plain_label(self._backup_text(newest_backup))
        self.backup_label.setObjectName("newestBackup")
        self.backup_label.setWordWrap(True)
        layout.addWidget(self.backup_label)
        buttons = QDialogButtonBox(self)
        self.restore_button = QPushButton(self.tr("&Restore the newest backup"))
        self.restore_button.setObjectName("restoreBackup")
        self.restore_button.setEnabled(newest_backup is not None and code != "database_read_only")
        self.read_only_button = QPushButton(self.tr("Open read-&only"))
        self.read_only_button.setObjectName("openReadOnly")
        self.read_only_button.setEnabled(code in ("database_corrupt", "database_read_only"))
        self.fresh_button = QPushButton(self.tr("Start &afresh…"))
        self.fresh_button.setObjectName("startAfresh")
        self.fresh_button.setEnabled(code != "database_read_only")
        self.quit_button = QPushButton(self.tr("&Quit"))
        self.quit_button.setObjectName("quit")
        for button in (self.restore_button, self.read_only_button, self.fresh_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.quit_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.restore_button.clicked.connect(lambda: self._choose("restore"))
        self.read_only_button.clicked.connect(lambda: self._choose("read_only"))
        self.fresh_button.clicked.connect(self._confirm_start_afresh)
        self.quit_button.clicked.connect(lambda: self._choose("quit"))
        layout.addWidget(buttons)
        self.quit_button.setDefault(True)

    def _title(self, code: str) -> str:
        if code == "database_missing":
            return self.tr("The database is missing")
        if code == "database_read_only":
            return self.tr("The database cannot be written")
        if code == "database_unreadable":
            return self.tr("The database cannot be read")
        return self.tr("The database is damaged")

    def _advice(self, code: str) -> str:
        if code == "database_missing":
            return self.tr(
                "Restore the newest backup to get your data back, or start afresh: the "
                "old files are then moved into the backups folder, nothing is deleted."
            )
        if code == "database_read_only":
            return self.tr(
                "You can open the data read-only to look at it; nothing can be saved then. "
                "To work normally, make the file writable (or copy the data folder to a "
                "place you may write to) and start swdesk again."
            )
        return self.tr(
            "The file was left exactly as it is. You can restore the newest good backup "
            "(the current file is kept aside, nothing is deleted), open the data read-only "
            "to look at it (nothing can be saved then), or start afresh with an empty "
            "database (the old files are moved into the backups folder)."
        )

    def _backup_text(self, summary: BackupSummary | None) -> str:
        if summary is None:
            return self.tr("There is no backup holding your data to restore.")
        taken = (
            summary.taken_at.strftime("%Y-%m-%d %H:%M")
            if summary.taken_at is not None
            else summary.path.name
        )
        return fill(
            self.tr(
                "Newest backup: taken on %1. It holds %2 profile(s), %3 "
                "activity record(s) and refers to %4 saved file(s)."
            ),
            taken,
            summary.profiles,
            summary.activities,
            summary.files,
        )

    def _confirm_start_afresh(self) -> None:
        answer = QMessageBox.question(
            self,
            self.tr("Start afresh"),
            self.tr(
                "Start with an empty database? The current database file and the "
                "evidence and photo folders are moved into a dated folder in the "
                "backups folder; nothing is deleted, but swdesk will not show them."
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._choose("start_afresh")

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept() if choice != "quit" else self.reject()
