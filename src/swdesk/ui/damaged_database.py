"""What to do when the database fails its integrity check at start: restore the newest good
automatic backup, look at the data read-only, or quit. The damaged file is never changed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .texts import error_text


class DamagedDatabaseDialog(QDialog):
    """`choice` is "restore", "read_only" or "quit" once closed."""

    def __init__(self, error: Any, newest_backup: Path | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.choice = "quit"
        self.setObjectName("damagedDatabase")
        self.setWindowTitle(self.tr("The database is damaged"))
        layout = QVBoxLayout(self)
        text = QLabel(error_text(error) + "\n\n" + self.tr(
            "The damaged file was left exactly as it is. You can restore the newest good "
            "backup (the damaged data is kept aside, nothing is deleted), or open the data "
            "read-only to look at it; nothing can be saved then."))
        text.setWordWrap(True)
        layout.addWidget(text)
        if newest_backup is not None:
            layout.addWidget(QLabel(self.tr("Newest backup: %1").replace(
                "%1", newest_backup.name)))
        buttons = QDialogButtonBox(self)
        self.restore_button = QPushButton(self.tr("&Restore the newest backup"))
        self.restore_button.setObjectName("restoreBackup")
        self.restore_button.setEnabled(newest_backup is not None)
        self.read_only_button = QPushButton(self.tr("Open &read-only"))
        self.read_only_button.setObjectName("openReadOnly")
        self.quit_button = QPushButton(self.tr("&Quit"))
        buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.read_only_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.quit_button, QDialogButtonBox.ButtonRole.RejectRole)
        self.restore_button.clicked.connect(lambda: self._choose("restore"))
        self.read_only_button.clicked.connect(lambda: self._choose("read_only"))
        self.quit_button.clicked.connect(lambda: self._choose("quit"))
        layout.addWidget(buttons)

    def _choose(self, choice: str) -> None:
        self.choice = choice
        self.accept() if choice != "quit" else self.reject()
