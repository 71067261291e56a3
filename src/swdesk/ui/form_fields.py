"""A form row pairing an input with an inline error label, for validation next to the field."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from swdesk.domain.errors import FieldIssue

from .texts import issue_text


class FieldWithError(QWidget):
    """Wraps an input widget; shows a red message under it when the field has an issue."""

    def __init__(self, editor: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.error_label = QLabel(self)
        self.error_label.setObjectName("fieldError")
        self.error_label.setWordWrap(True)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.error_label.setStyleSheet("color: #d13438;")
        self.error_label.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(editor)
        layout.addWidget(self.error_label)
        self.setFocusProxy(editor)

    def show_issues(self, issues: list[FieldIssue]) -> None:
        if issues:
            self.error_label.setText("\n".join(issue_text(i) for i in issues))
            self.error_label.show()
            self.editor.setProperty("invalid", True)
            self.editor.setAccessibleDescription(self.error_label.text())
        else:
            self.clear()

    def clear(self) -> None:
        self.error_label.clear()
        self.error_label.hide()
        self.editor.setProperty("invalid", False)
        self.editor.setAccessibleDescription("")

    @property
    def has_error(self) -> bool:
        return not self.error_label.isHidden()
