"""Form helpers shared by the dialogs: a row pairing an input with an inline error label,
the red error label itself (readable in the light and the dark theme), the question asked
before unsaved edits are thrown away, the scroll area a form sits in, and fitting a dialog to
the available screen."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QCoreApplication, QEvent, QSize, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QLabel,
    QLineEdit,
    QMessageBox,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from swdesk.domain.errors import FieldIssue

from .plain_text import plain_message_box
from .screen_fit import clamp_to_screen, fit_size
from .texts import issue_text
from .theme import LIGHT_ERROR_COLOR, error_color

# the error red of the light theme; widgets that can follow the theme use error_color()
ERROR_COLOR = LIGHT_ERROR_COLOR


class ErrorLabel(QLabel):
    """A red, word-wrapped label whose red follows the theme (4.5:1 or more on the window
    colour of the light and the dark palette)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setTextFormat(Qt.TextFormat.PlainText)  # it names what was typed: see plain_text
        self.setWordWrap(True)
        self._apply_colour()

    def _apply_colour(self) -> None:
        wanted = error_color(QApplication.palette())
        if self.palette().color(QPalette.ColorRole.WindowText) != wanted:
            palette = QPalette(self.palette())
            for group in (
                QPalette.ColorGroup.Active,
                QPalette.ColorGroup.Inactive,
                QPalette.ColorGroup.Disabled,
            ):
                palette.setColor(group, QPalette.ColorRole.WindowText, wanted)
            self.setPalette(palette)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        super().changeEvent(event)
        if event.type() in (QEvent.Type.ApplicationPaletteChange, QEvent.Type.PaletteChange):
            self._apply_colour()


def error_label(object_name: str, parent: QWidget | None = None) -> QLabel:
    """A red, word-wrapped label for a form's or a dialog's error message."""
    label = ErrorLabel(parent)
    label.setObjectName(object_name)
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

    @staticmethod
    def _by_field(
        issues: list[FieldIssue],
        known: dict[str, FieldWithError],
        fallback: str,
        aliases: dict[str, str] | None,
    ) -> dict[str, list[FieldIssue]]:
        aliases = aliases or {}
        by_field: dict[str, list[FieldIssue]] = {}
        for issue in issues:
            key = aliases.get(issue.field, issue.field)
            by_field.setdefault(key if key in known else fallback, []).append(issue)
        return by_field

    def show(
        self,
        issues: list[FieldIssue],
        fallback: str,
        aliases: dict[str, str] | None = None,
        focus: bool = False,
    ) -> int:
        """Show each issue at its field (unknown fields at `fallback`) and clear the others;
        return how many fields have errors. Only an explicit save passes `focus=True` (the
        first field in error gets the focus): checking while the user types never moves
        the cursor."""
        by_field = self._by_field(issues, self.fields, fallback, aliases)
        for key, wrapper in self.fields.items():
            wrapper.show_issues(by_field.get(key, []))
        if focus:
            first = next((w for w in self.fields.values() if w.has_error), None)
            if first is not None:
                first.editor.setFocus(Qt.FocusReason.OtherFocusReason)
        return len(by_field)

    def refresh(
        self,
        issues: list[FieldIssue],
        fallback: str,
        reveal: set[str],
        aliases: dict[str, str] | None = None,
    ) -> int:
        """Re-check silently while the user edits: a field already showing an error shows
        its current issues (or none: fixed errors go at once); a field without an error
        shows new ones only when its key is in `reveal` (fields the user has left, or all
        after a save was tried). The focus never moves. Returns the fields in error."""
        by_field = self._by_field(issues, self.fields, fallback, aliases)
        for key, wrapper in self.fields.items():
            found = by_field.get(key, [])
            if not found:
                wrapper.clear()
            elif wrapper.has_error or key in reveal:
                wrapper.show_issues(found)
        return sum(1 for w in self.fields.values() if w.has_error)

    def any_error(self) -> bool:
        return any(w.has_error for w in self.fields.values())


def ask_about_unsaved_changes(
    parent: QWidget, text: str, on_save: Callable[[], None] | None, on_discard: Callable[[], None]
) -> QMessageBox:
    """Ask (window-modal, without blocking) what to do with unsaved edits: save, discard or
    keep editing (Esc keeps editing). Without `on_save` only discard / keep editing."""
    translate = QCoreApplication.translate
    box = plain_message_box(
        QMessageBox.Icon.Question,
        translate("FormFields", "Unsaved changes"),
        text,
        QMessageBox.StandardButton.NoButton,
        parent,
    )
    box.setObjectName("unsavedChanges")
    save = None
    if on_save is not None:
        save = box.addButton(translate("FormFields", "&Save"), QMessageBox.ButtonRole.AcceptRole)
        save.setObjectName("saveChanges")
    discard = box.addButton(
        translate("FormFields", "&Discard changes"), QMessageBox.ButtonRole.DestructiveRole
    )
    discard.setObjectName("discardChanges")
    keep = box.addButton(
        translate("FormFields", "&Keep editing"), QMessageBox.ButtonRole.RejectRole
    )
    keep.setObjectName("keepEditing")
    box.setDefaultButton(save if save is not None else keep)
    box.setEscapeButton(keep)

    def on_finished(_result: int) -> None:
        parent.activateWindow()  # back to the form (not to whichever window is behind it)
        clicked = box.clickedButton()
        if clicked is discard:
            on_discard()
        elif save is not None and clicked is save and on_save is not None:
            on_save()

    box.finished.connect(on_finished)
    box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    box.open()
    return box


def close_unless_unsaved(
    dialog: QDialog, unsaved: bool, text: str, on_save: Callable[[], None] | None
) -> None:
    """Esc, the close button and Cancel of a form: close at once without unsaved edits, else
    ask (`text`) whether to save (`on_save`), discard them and close, or keep editing."""
    if not unsaved:
        QDialog.reject(dialog)
        return
    ask_about_unsaved_changes(dialog, text, on_save, lambda: QDialog.reject(dialog))


def scrolling_body(window: QWidget, object_name: str) -> tuple[QScrollArea, QWidget]:
    """A frameless scroll area named `object_name` in `window` and the widget it scrolls,
    which takes the form (the form scrolls when the screen is too small for it)."""
    scroll = QScrollArea(window)
    scroll.setObjectName(object_name)
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QScrollArea.Shape.NoFrame)
    body = QWidget(scroll)
    scroll.setWidget(body)
    return scroll, body


def fit_to_screen(window: QWidget, preferred: QSize | None = None) -> None:
    """Resize `window` to `preferred` (default: its size hint), never larger than the
    available screen area (screen_fit keeps room for the frame); content that does not fit
    scrolls (callers put it in a QScrollArea)."""
    size = preferred if preferred is not None else window.sizeHint()
    size = size.expandedTo(window.minimumSizeHint())
    fit_size(window, size.width(), size.height())


def keep_on_screen(window: QWidget) -> None:
    """Move (and if need be shrink) a shown window so that its frame lies inside the
    available screen area."""
    clamp_to_screen(window)


def scroll_preferred_size(window: QWidget, scroll: QScrollArea) -> QSize:
    """The size `window` would like if its scroll area showed all of its content."""
    hint = window.sizeHint()
    body = scroll.widget()
    if body is None:
        return hint
    inner = body.sizeHint()
    frame = 2 * scroll.frameWidth()
    bar = scroll.verticalScrollBar().sizeHint().width()
    outer = scroll.sizeHint()
    width = max(hint.width(), hint.width() - outer.width() + inner.width() + frame + bar)
    height = hint.height() - outer.height() + inner.height() + frame
    return QSize(width, max(height, hint.height()))


def grow_to_content(window: QWidget, scroll: QScrollArea) -> None:
    """After error messages appear, let a shown dialog grow to show its whole form again,
    but never past the available screen (then the form scrolls, the buttons stay)."""
    if not window.isVisible():
        return
    wanted = scroll_preferred_size(window, scroll)
    if wanted.height() <= window.height() and wanted.width() <= window.width():
        return
    fit_to_screen(window, wanted.expandedTo(window.size()))
    keep_on_screen(window)


def show_fixed(lines: Sequence[QLineEdit], editors: Sequence[QWidget]) -> None:
    """Values the person may read but not change: line edits read-only (still selectable,
    drawn on the window's colour, in any theme), other editors disabled."""
    for line in lines:
        line.setReadOnly(True)
        palette = line.palette()
        palette.setBrush(QPalette.ColorRole.Base, palette.window())
        line.setPalette(palette)
    for editor in editors:
        editor.setEnabled(False)
