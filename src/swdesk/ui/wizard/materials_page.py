"""Step 3: the ID photo, the other materials and, when late, the written explanation.

What is wrong with a chosen photo is said right under the photo button, with the real
limits (size, pixels), not in a message box: the user reads it where the photo is chosen.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from swdesk.domain.application import ApplicationDraft, MaterialFile, MaterialRole
from swdesk.domain.errors import FieldIssue, UserFixableError
from swdesk.domain.fix_list import FixItem
from swdesk.domain.normalise import normalise_free_text
from swdesk.services.photos import MAX_FILE_BYTES, MIN_HEIGHT, MIN_WIDTH

from ..form_fields import error_label
from ..plain_text import plain_label
from ..texts import error_text, fill, issue_text
from .base import WizardPage, heading

_PHOTO_CODES = (
    "photo_not_image",
    "photo_too_small",
    "photo_file_too_large",
    "photo_too_many_pixels",
)


def photo_error_text(error: UserFixableError) -> str:
    """What is wrong with a chosen photo and what to do, naming swdesk's real limits (the
    same sentences as next to the profile's photo field)."""
    if error.code in _PHOTO_CODES:
        return issue_text(FieldIssue("photo", error.code, dict(error.params)))
    return error_text(error)


class MaterialsPage(WizardPage):
    key = "materials"
    photo_chosen = Signal(Path)
    material_chosen = Signal(object, Path)  # MaterialRole, path
    material_removed = Signal(object)  # MaterialFile
    material_opened = Signal(object)  # MaterialFile

    def __init__(self, material_path: Callable[[MaterialFile], Path]) -> None:
        super().__init__()
        self._material_path = material_path
        self.setObjectName("wizardPage_materials")
        layout = QVBoxLayout(self)
        layout.addWidget(heading(self.tr("Materials")))
        photo_row = QHBoxLayout()
        self.photo_label = plain_label(self.tr("No photo"))
        self.photo_label.setObjectName("wizardPhoto")
        self.photo_label.setFixedSize(96, 128)
        self.photo_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.photo_label.setFrameShape(QLabel.Shape.Box)
        photo_column = QVBoxLayout()
        self.photo_button = QPushButton(self.tr("Choose a recent ID &photo…"))
        self.photo_button.setObjectName("wizardChoosePhoto")
        self.photo_button.clicked.connect(self._on_photo_button_clicked)
        self.photo_status = plain_label()
        self.photo_status.setObjectName("photoStatus")
        self.photo_status.setWordWrap(True)
        self.photo_status.hide()
        self.photo_error = error_label("photoError")
        self.photo_error.setWordWrap(True)
        self.photo_error.hide()
        photo_hint = plain_label(
            fill(
                self.tr(
                    "JPEG or PNG, plain background, at least %1×%2 pixels, at most %3 MB. Large "
                    "photos are scaled down; swdesk re-encodes the photo and removes hidden data "
                    "such as location."
                ),
                str(MIN_WIDTH),
                str(MIN_HEIGHT),
                str(MAX_FILE_BYTES >> 20),
            )
        )
        photo_hint.setWordWrap(True)
        photo_column.addWidget(self.photo_button, 0, Qt.AlignmentFlag.AlignLeft)
        photo_column.addWidget(self.photo_status)
        photo_column.addWidget(self.photo_error)
        photo_column.addWidget(photo_hint)
        photo_column.addStretch(1)
        photo_row.addWidget(self.photo_label, 0, Qt.AlignmentFlag.AlignTop)
        photo_row.addLayout(photo_column, 1)
        layout.addLayout(photo_row)
        self.material_list = QListWidget()
        self.material_list.setObjectName("materialList")
        self.material_list.setAccessibleName(self.tr("Attached materials"))
        self.material_list.setMinimumHeight(self.fontMetrics().lineSpacing() * 3)
        self.material_list.itemActivated.connect(
            lambda item: self.material_opened.emit(item.data(Qt.ItemDataRole.UserRole))
        )
        layout.addWidget(plain_label(self.tr("Other materials:")))
        layout.addWidget(self.material_list, 1)
        row = QHBoxLayout()
        self.identity_button = QPushButton(self.tr("Add proof of &identity change…"))
        self.identity_button.setObjectName("addIdentityProof")
        self.identity_button.clicked.connect(
            lambda: self._pick_material(MaterialRole.IDENTITY_CHANGE)
        )
        self.other_button = QPushButton(self.tr("Add &other material…"))
        self.other_button.setObjectName("addOtherMaterial")
        self.other_button.clicked.connect(lambda: self._pick_material(MaterialRole.OTHER))
        self.remove_material_button = QPushButton(self.tr("&Remove"))
        self.remove_material_button.setObjectName("removeMaterial")
        self.remove_material_button.clicked.connect(self._on_remove_clicked)
        for button in (self.identity_button, self.other_button, self.remove_material_button):
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        self.materials_error = error_label("materialsError")
        self.materials_error.setWordWrap(True)
        layout.addWidget(self.materials_error)
        self.late_box = QWidget()
        late_layout = QVBoxLayout(self.late_box)
        late_layout.setContentsMargins(0, 0, 0, 0)
        late_label = plain_label(
            self.tr("&Written explanation of the late application (情况说明):")
        )
        late_label.setWordWrap(True)
        self.late_edit = QPlainTextEdit()
        self.late_edit.setObjectName("lateExplanation")
        self.late_edit.setAccessibleName(self.tr("Written explanation"))
        self.late_edit.setTabChangesFocus(True)
        self.late_edit.setMinimumHeight(self.fontMetrics().lineSpacing() * 4)
        self.late_edit.textChanged.connect(self.changed)
        late_label.setBuddy(self.late_edit)
        late_layout.addWidget(late_label)
        late_layout.addWidget(self.late_edit)
        layout.addWidget(self.late_box)

    # -- the draft -----------------------------------------------------------------------
    def load(self, draft: ApplicationDraft) -> None:
        if normalise_free_text(self.late_edit.toPlainText()) != draft.late_explanation:
            self.late_edit.blockSignals(True)
            self.late_edit.setPlainText(draft.late_explanation)
            self.late_edit.blockSignals(False)
        photo = draft.photo
        pixmap = QPixmap(str(self._material_path(photo))) if photo is not None else QPixmap()
        if not pixmap.isNull():
            self.photo_label.setPixmap(
                pixmap.scaled(
                    self.photo_label.size(),
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
        else:
            self.photo_label.setPixmap(QPixmap())
            self.photo_label.setText(self.tr("No photo"))
        self.material_list.clear()
        labels = {
            MaterialRole.IDENTITY_CHANGE: self.tr("Proof of identity change"),
            MaterialRole.LATE_EXPLANATION: self.tr("Late explanation (scan)"),
            MaterialRole.OTHER: self.tr("Other material"),
        }
        for material in draft.materials:
            if material.role in labels:
                item = QListWidgetItem(f"{labels[material.role]}: {material.original_name}")
                item.setData(Qt.ItemDataRole.UserRole, material)
                self.material_list.addItem(item)

    def apply(self, draft: ApplicationDraft) -> ApplicationDraft:
        return replace(draft, late_explanation=normalise_free_text(self.late_edit.toPlainText()))

    def focus_target(self, fix: FixItem) -> QWidget | None:
        if fix.code == "late_explanation_missing":
            return self.late_edit
        if fix.code == "identity_proof_missing":
            return self.identity_button
        if fix.code == "material_file_missing":
            return self.material_list
        return self.photo_button

    def set_late_visible(self, visible: bool) -> None:
        self.late_box.setVisible(visible)

    # -- photo feedback ------------------------------------------------------------------
    def show_photo_busy(self, name: str) -> None:
        self.photo_error.hide()
        self.photo_status.setText(fill(self.tr('Checking and scaling "%1"…'), name))
        self.photo_status.show()
        self.photo_button.setEnabled(False)

    def show_photo_result(self, error: UserFixableError | None) -> None:
        """The photo was taken (None) or refused (shown next to the photo button)."""
        self.photo_button.setEnabled(True)
        self.photo_status.hide()
        if error is None:
            self.photo_error.clear()
            self.photo_error.hide()
            self.photo_button.setAccessibleDescription("")
        else:
            self.photo_error.setText(photo_error_text(error))
            self.photo_error.show()
            self.photo_button.setAccessibleDescription(self.photo_error.text())

    def show_material_error(self, text: str) -> None:
        self.materials_error.setText(text)
        self.materials_error.setVisible(bool(text))

    # -- choosing ------------------------------------------------------------------------
    def _pick_material(self, role: MaterialRole) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose a file"), "", self.tr("PDF or image (*.pdf *.jpg *.jpeg *.png)")
        )
        if name:
            self.material_chosen.emit(role, Path(name))

    def _on_photo_button_clicked(self) -> None:
        name, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose a recent ID photo"), "", self.tr("Photos (*.jpg *.jpeg *.png)")
        )
        if name:
            self.photo_chosen.emit(Path(name))

    def _on_remove_clicked(self) -> None:
        item = self.material_list.currentItem()
        if item is not None:
            self.material_removed.emit(item.data(Qt.ItemDataRole.UserRole))
