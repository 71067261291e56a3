"""What every wizard page shares: the `load(draft)` / `apply(draft)` / `changed` contract,
the heading style, the scroll area each page lives in, and the jump list of the fix list.

A page is a view of part of the `ApplicationDraft`: `load` shows the draft without
emitting `changed`; the user's edits emit `changed`, and `apply` returns the draft with
this page's current values (the dialog calls it before every save, so an edit still in a
line edit is never lost).
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QFrame, QLabel, QListWidget, QScrollArea, QWidget

from swdesk.domain.application import ApplicationDraft
from swdesk.domain.fix_list import FixItem

from ..plain_text import plain_label


def heading(text: str) -> QLabel:
    label = plain_label(text)
    font = label.font()
    font.setPointSizeF(max(font.pointSizeF(), 9.0) * 1.3)
    font.setBold(True)
    label.setFont(font)
    label.setWordWrap(True)
    return label


class WizardPage(QWidget):
    """One step of the application wizard."""

    changed = Signal()  # the user edited something this page keeps in the draft

    key = ""  # the step's key in `STEPS`

    def load(self, draft: ApplicationDraft) -> None:
        """Show `draft` (without emitting `changed`)."""

    def apply(self, draft: ApplicationDraft) -> ApplicationDraft:
        """`draft` with this page's current values."""
        return draft

    def focus_target(self, fix: FixItem) -> QWidget | None:
        """The widget where `fix` is fixed on this page (None: the page's first field)."""
        return None


def scrolling(page: QWidget) -> QScrollArea:
    """`page` in a frameless scroll area: on a small screen (a 1366×768 laptop at 150 %)
    the page scrolls instead of pushing the wizard's buttons off the screen."""
    area = QScrollArea()
    area.setObjectName(f"{page.objectName()}_scroll")
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    area.setWidget(page)
    return area


class JumpList(QListWidget):
    """A list whose items are activated by double-click or Enter, and nothing else.

    QAbstractItemView emits `activated` on Enter and then ignores the key, so the key
    travels on to the dialog, which presses its default (or focused auto-default) button:
    after a jump to the materials page that opened the photo chooser, after a jump to the
    declaration it pressed "Next". Here Enter activates the current item and is consumed.
    """

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802 - Qt override
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not (
            event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ):
            item = self.currentItem()
            if item is not None:
                self.itemActivated.emit(item)
            event.accept()
            return
        super().keyPressEvent(event)
