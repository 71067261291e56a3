"""The evidence files of one activity while it is edited: the list of files kept and files
added (not stored until the activity is saved), the buttons that add and remove them, and
opening a file by activating it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from swdesk.domain.models import EvidenceFile

from .plain_text import plain_label
from .texts import fill


class EvidenceFilesBox(QWidget):
    """Emits `files_added` after files are chosen (even none) and `file_removed` after one
    is taken off the list."""

    files_added = Signal()
    file_removed = Signal()

    def __init__(
        self,
        kept: list[EvidenceFile],
        readable_path: Callable[[EvidenceFile], Path],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._kept = list(kept)
        self._new_files: list[Path] = []
        self._readable_path = readable_path
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.evidence_list = QListWidget()
        self.evidence_list.setObjectName("evidenceList")
        self.evidence_list.setAccessibleName(self.tr("Evidence files"))
        self.evidence_list.setMaximumHeight(self.fontMetrics().lineSpacing() * 6)
        self.evidence_list.itemActivated.connect(self._on_evidence_list_item_activated)
        buttons = QHBoxLayout()
        self.add_file_button = QPushButton(self.tr("Add &file…"))
        self.add_file_button.setObjectName("addEvidence")
        self.add_file_button.clicked.connect(self._on_add_file_clicked)
        self.remove_file_button = QPushButton(self.tr("&Remove file"))
        self.remove_file_button.setObjectName("removeEvidence")
        self.remove_file_button.clicked.connect(self._on_remove_file_clicked)
        buttons.addWidget(self.add_file_button)
        buttons.addWidget(self.remove_file_button)
        buttons.addStretch(1)
        layout.addWidget(self.evidence_list)
        layout.addLayout(buttons)
        hint = plain_label(
            self.tr(
                "Certificates or proof as PDF, JPEG or PNG. They are copied into "
                "swdesk's data folder."
            )
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self._refresh()

    @property
    def kept(self) -> tuple[EvidenceFile, ...]:
        """The activity's stored files still on the list."""
        return tuple(self._kept)

    @property
    def new_files(self) -> tuple[Path, ...]:
        """The files added since the dialog opened, in the order they were added."""
        return tuple(self._new_files)

    def add_files(self, paths: list[Path]) -> None:
        for path in paths:
            if path not in self._new_files:
                self._new_files.append(path)
        self._refresh()
        self.files_added.emit()

    def _refresh(self) -> None:
        self.evidence_list.clear()
        for item in self._kept:
            entry = QListWidgetItem(f"{item.original_name}  ·  SHA-256 {item.sha256[:12]}…")
            entry.setData(256, ("kept", item))
            self.evidence_list.addItem(entry)
        for path in self._new_files:
            entry = QListWidgetItem(fill(self.tr("%1  (new)"), path.name))
            entry.setData(256, ("new", path))
            self.evidence_list.addItem(entry)

    def _on_add_file_clicked(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self,
            self.tr("Choose evidence files"),
            "",
            self.tr("Evidence (*.pdf *.jpg *.jpeg *.png);;All files (*)"),
        )
        self.add_files([Path(n) for n in names])

    def _on_remove_file_clicked(self) -> None:
        item = self.evidence_list.currentItem()
        if item is None:
            return
        kind, value = item.data(256)
        if kind == "kept":
            self._kept.remove(value)
        else:
            self._new_files.remove(value)
        self._refresh()
        self.file_removed.emit()

    def _on_evidence_list_item_activated(self, item: QListWidgetItem) -> None:
        kind, value = item.data(256)
        path = self._readable_path(value) if kind == "kept" else value
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
