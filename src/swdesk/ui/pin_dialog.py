"""Setting, changing or removing the PIN of the open profile.

The explanation and the fields scroll inside a dialog that fits the screen (OK and Cancel
always visible); a mistyped PIN's message goes as soon as it is right; closing with a PIN
typed asks before throwing it away."""

from __future__ import annotations

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from swdesk.domain.errors import FieldIssue
from swdesk.services.pin import pin_issues

from .form_fields import (
    FieldWithError,
    close_unless_unsaved,
    fit_to_screen,
    keep_on_screen,
    scroll_preferred_size,
    scrolling_body,
)
from .plain_text import plain_label


class PinDialog(QDialog):
    """Asks for a new PIN twice; an empty PIN removes protection. `pin()` gives the result."""

    def __init__(self, has_pin: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pinDialog")
        self.setWindowTitle(self.tr("PIN for this profile"))
        self._allow_empty = has_pin
        self._tried = False
        layout = QVBoxLayout(self)
        self.scroll_area, body = scrolling_body(self, "pinScroll")
        body_layout = QVBoxLayout(body)
        body_layout.setContentsMargins(0, 0, 0, 0)
        explain = plain_label(
            (
                self.tr(
                    "The PIN is asked for when this profile is opened. Leave both fields empty to "
                    "remove it (the data is then stored unencrypted again)."
                )
                if has_pin
                else self.tr("The PIN is asked for when this profile is opened.")
            )
            + "\n\n"
            + self.tr(
                "With a PIN, this profile's ID number, birth date, photo and evidence files are "
                "encrypted on this computer, and only the PIN opens them. A forgotten PIN cannot "
                "be reset: the data is then lost, unless you have a backup made without the PIN. "
                "Back up first (Profile → Back up to…) and choose a PIN others cannot guess; "
                "longer is safer."
            )
        )
        explain.setObjectName("pinExplanation")
        explain.setWordWrap(True)
        body_layout.addWidget(explain)
        form = QFormLayout()
        self.pin_edit = QLineEdit()
        self.pin_edit.setObjectName("newPin")
        self.pin_edit.setAccessibleName(self.tr("New PIN"))
        self.pin_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_edit.setMaxLength(12)
        self.pin_field = FieldWithError(self.pin_edit, body)
        self.repeat_edit = QLineEdit()
        self.repeat_edit.setObjectName("repeatPin")
        self.repeat_edit.setAccessibleName(self.tr("Repeat PIN"))
        self.repeat_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat_edit.setMaxLength(12)
        form.addRow(self.tr("&New PIN (4–12 digits)"), self.pin_field)
        form.addRow(self.tr("&Repeat PIN"), self.repeat_edit)
        body_layout.addLayout(form)
        body_layout.addStretch(1)
        layout.addWidget(self.scroll_area, 1)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.buttons.setObjectName("pinButtons")
        self.buttons.accepted.connect(self._on_buttons_accepted)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        for edit in (self.pin_edit, self.repeat_edit):
            edit.textEdited.connect(lambda _t: self._recheck())
        # wide enough for the explanation to wrap into a few lines, not one word a line,
        # and tall enough for all of it, both fields and an error message without scrolling
        preferred = scroll_preferred_size(self, self.scroll_area)
        width = max(preferred.width(), explain.fontMetrics().averageCharWidth() * 72)
        margins = layout.contentsMargins()
        inner = width - margins.left() - margins.right()
        body_height = max(body.heightForWidth(inner), body.sizeHint().height())
        preferred.setWidth(width)
        preferred.setHeight(
            margins.top()
            + margins.bottom()
            + body_height
            + layout.spacing()
            + self.buttons.sizeHint().height()
            + 2 * explain.fontMetrics().lineSpacing()
        )
        fit_to_screen(self, preferred)

    def pin(self) -> str | None:
        return self.pin_edit.text() or None

    def issues(self) -> list[FieldIssue]:
        text = self.pin_edit.text()
        issues: list[FieldIssue] = []
        if text or not self._allow_empty:
            issues = pin_issues(text)
        if not issues and text != self.repeat_edit.text():
            issues = [FieldIssue("pin", "pin_mismatch")]
        return issues

    def _recheck(self) -> None:
        """After a refused OK, the message follows the typing (and goes once it is right);
        before, nothing is said while the user types."""
        if self._tried:
            self.pin_field.show_issues(self.issues())

    def _on_buttons_accepted(self) -> None:
        self._tried = True
        issues = self.issues()
        self.pin_field.show_issues(issues)
        if issues:
            self.pin_edit.setFocus()
            return
        self.accept()

    def has_unsaved_changes(self) -> bool:
        return bool(self.pin_edit.text() or self.repeat_edit.text())

    def reject(self) -> None:
        """Esc, the close button and Cancel: close at once when nothing was typed, else
        ask before the typed PIN is thrown away."""
        close_unless_unsaved(
            self,
            self.has_unsaved_changes(),
            self.tr("The PIN you typed has not been set. Discard it?"),
            None,
        )

    def showEvent(self, event: QShowEvent) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        keep_on_screen(self)
