"""A cancellable progress dialog for work that runs on the task runner's thread and reports
file by file (`core.progress.ItemProgress`): "3 of 20: name", and a Cancel button the work
sees at its next file."""

from __future__ import annotations

import threading

from PySide6.QtCore import QObject, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from .plain_text import as_plain
from .texts import fill


class ItemProgressDialog(QObject):
    """Pass `report` to the work as its progress callback (it may be called from any
    thread); `close` when the work is done or failed."""

    _advanced = Signal(int, int, str)

    def __init__(
        self, label: str, title: str, object_name: str, parent: QWidget, delay_ms: int = 0
    ) -> None:
        super().__init__(parent)
        self._cancel = threading.Event()
        self.dialog = QProgressDialog(label, self.tr("Cancel"), 0, 0, parent)
        self.dialog.setObjectName(object_name)
        self.dialog.setWindowTitle(title)
        self.dialog.setMinimumDuration(delay_ms)
        self.dialog.canceled.connect(self._cancel.set)
        self._advanced.connect(self._on_advanced)

    def report(self, done: int, total: int, name: str) -> bool:
        """The progress callback: shows `done` of `total` and the file's name; False once
        Cancel was pressed."""
        self._advanced.emit(done, total, name)
        return not self._cancel.is_set()

    def cancel(self) -> None:
        """As if Cancel were pressed: the work stops at its next file."""
        self._cancel.set()

    def close(self) -> None:
        self.dialog.reset()
        self.dialog.close()

    def _on_advanced(self, done: int, total: int, name: str) -> None:
        self.dialog.setMaximum(total)
        self.dialog.setValue(done)
        text = fill(self.tr("%1 of %2: %3"), str(done), str(total), name)
        self.dialog.setLabelText(as_plain(text))  # a file's name: see plain_text
