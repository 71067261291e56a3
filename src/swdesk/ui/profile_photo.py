"""The profile editor's photo field: a preview and "Choose photo…". A chosen photo gets the
same checks as on saving (so a photo that cannot be used is explained before anything is
saved) and is kept as the pick; it is scaled and copied in only when the profile is saved."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QPushButton, QWidget

from swdesk.domain.errors import FieldIssue, UserFixableError

from .plain_text import plain_label


class PhotoPicker(QWidget):
    """Emits `file_chosen(path)` when a file was chosen in the file dialog."""

    file_chosen = Signal(Path)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.pick: Path | None = None  # the photo chosen in this editor, not yet saved
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.preview = plain_label(self.tr("No photo"))
        self.preview.setObjectName("photoPreview")
        self.preview.setFixedSize(90, 120)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setFrameShape(QLabel.Shape.Box)
        self.button = QPushButton(self.tr("Choose p&hoto…"))
        self.button.setObjectName("choosePhoto")
        self.button.clicked.connect(self._on_button_clicked)
        layout.addWidget(self.preview)
        layout.addWidget(self.button, 0, Qt.AlignmentFlag.AlignBottom)
        layout.addStretch(1)

    def _on_button_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose a recent ID photo"), "", self.tr("Photos (*.jpg *.jpeg *.png)")
        )
        if path:
            self.file_chosen.emit(Path(path))

    def choose(self, path: Path) -> FieldIssue | None:
        """Check `path` as a save would and, when it can be used, show it and keep it as
        the pick; else the issue to show next to the field (the pick is unchanged). A large
        photo (even 9000×12000 pixels or 48 MB) is simply scaled down."""
        from swdesk.services.photos import normalise_photo

        try:
            photo = normalise_photo(path.read_bytes(), source_name=path.name)
        except OSError:
            return FieldIssue("photo", "photo_unreadable", {"file": path.name})
        except UserFixableError as error:
            return FieldIssue("photo", error.code, dict(error.params))
        pixmap = QPixmap()
        pixmap.loadFromData(photo.jpeg, "JPEG")
        self.pick = path
        self._show(pixmap)
        return None

    def show_stored(self, path: Path) -> None:
        """The profile's saved photo."""
        pixmap = QPixmap(str(path))
        if not pixmap.isNull():
            self._show(pixmap)

    def _show(self, pixmap: QPixmap) -> None:
        self.preview.setPixmap(
            pixmap.scaled(
                self.preview.size(),
                Qt.AspectRatioMode.KeepAspectRatio,
                Qt.TransformationMode.SmoothTransformation,
            )
        )
