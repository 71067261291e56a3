"""A form row pairing an input with an inline error label, for validation next to the field."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from swdesk.domain.errors import FieldIssue

from .texts import issue_text

ERROR_COLOR = "#d13438"  # readable on the light and the dark palette


def error_label(object_name: str, parent: QWidget | None = None) -> QLabel:
    """A red, word-wrapped label for a form's or a dialog's error message."""
    label = QLabel(parent)
    label.setObjectName(object_name)
    label.setWordWrap(True)
    label.setStyleSheet(f"color: {ERROR_COLOR};")
    return label


class FieldWithError(QWidget):
    """Wraps an input widget; shows a red message under it when the field has an issue."""

    def __init__(self, editor: QWidget, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.editor = editor
        self.error_label = error_label("fieldError", self)
        self.error_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
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


class FieldSet:
    """The fields of one form by key, so issues from the domain land next to their field."""

    def __init__(self, parent: QWidget) -> None:
        self._parent = parent
        self.fields: dict[str, FieldWithError] = {}

    def add(self, key: str, editor: QWidget, accessible_name: str) -> FieldWithError:
        editor.setObjectName(f"field_{key}")
        editor.setAccessibleName(accessible_name)
        wrapper = FieldWithError(editor, self._parent)
        self.fields[key] = wrapper
        return wrapper

    def show(self, issues: list[FieldIssue], fallback: str,
             aliases: dict[str, str] | None = None) -> int:
        """Show each issue at its field (unknown fields at `fallback`), focus the first field
        in error; return how many fields have errors."""
        aliases = aliases or {}
        by_field: dict[str, list[FieldIssue]] = {}
        for issue in issues:
            key = aliases.get(issue.field, issue.field)
            by_field.setdefault(key if key in self.fields else fallback, []).append(issue)
        for key, wrapper in self.fields.items():
            wrapper.show_issues(by_field.get(key, []))
        first = next((w for w in self.fields.values() if w.has_error), None)
        if first is not None:
            first.editor.setFocus()
        return len(by_field)

    def any_error(self) -> bool:
        return any(w.has_error for w in self.fields.values())
