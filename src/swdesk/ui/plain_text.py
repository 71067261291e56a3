"""Text shown as it is, never taken for HTML.

Qt shows the text of a label, a tooltip or a message box as HTML whenever it looks like
HTML (`Qt.TextFormat.AutoText`, the default). Much of what swdesk shows was not written by
swdesk: the names, explanations and activity titles of a bundle from outside, file names,
the user's own typing. Taken for HTML, a bundle whose late explanation is
`<img src="/dev/zero">` makes Qt read that file for ever, and `<img width=30000 ...>` makes
a label 30,000 pixels wide. So swdesk's labels and message boxes show plain text
(`plain_label`, `plain_message_box`); where Qt offers no format to set (a tooltip, a
message box's static functions), the text goes through `as_plain`; the few labels with
markup of swdesk's own escape what they insert (`rich_text`).
"""

from __future__ import annotations

from PySide6.QtGui import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

from .texts import fill

__all__ = ["as_plain", "plain_label", "plain_message_box", "rich_text"]


def plain_label(text: str = "", parent: QWidget | None = None) -> QLabel:
    """A QLabel whose text, now and later, is shown exactly as given."""
    label = QLabel(text, parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    return label


def plain_message_box(
    icon: QMessageBox.Icon,
    title: str,
    text: str,
    buttons: QMessageBox.StandardButton = QMessageBox.StandardButton.NoButton,
    parent: QWidget | None = None,
) -> QMessageBox:
    """A QMessageBox whose text is shown exactly as given (its informative text is not:
    pass it through `as_plain` when it holds what swdesk did not write)."""
    box = QMessageBox(icon, title, text, buttons, parent)
    box.setTextFormat(Qt.TextFormat.PlainText)
    return box


def as_plain(text: str) -> str:
    """`text` for a place that takes text for HTML when it looks like HTML: unchanged
    unless Qt would take it so, else as HTML that shows exactly `text`."""
    return Qt.convertFromPlainText(text) if Qt.mightBeRichText(text) else text


def rich_text(template: str, *values: str) -> str:
    """`template` (swdesk's own markup, with placeholders %1, %2, ...) with `values`
    escaped, so that each shows exactly as given."""
    from html import escape  # html.entities' table: loaded only where markup is made

    return fill(template, *(escape(value, quote=False) for value in values))
