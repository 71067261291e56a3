"""The wizard's steps: their keys in order, the step where each kind of fix item is fixed,
and the sidebar that lists them by title (a click moves to any step)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QWidget

from swdesk.domain.fix_list import WizardPage as FixPage

STEPS = ("precheck", "personal", "materials", "declaration", "form", "signed", "export")
# the steps inside the wizard that fix an item; the profile and the log are outside it
FIX_STEP = {
    FixPage.PERSONAL: "personal",
    FixPage.MATERIALS: "materials",
    FixPage.DECLARATION: "declaration",
    FixPage.PRECHECK: "precheck",
}


class StepList(QListWidget):
    """The sidebar: one row per step of `STEPS`, in order, each holding its key."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("wizardSteps")
        self.setAccessibleName(self.tr("Steps"))
        titles = (
            self.tr("1. Pre-check"),
            self.tr("2. Personal data"),
            self.tr("3. Materials"),
            self.tr("4. Declaration"),
            self.tr("5. The form"),
            self.tr("6. Signed scan"),
            self.tr("7. Export"),
        )
        for key, title in zip(STEPS, titles, strict=True):
            item = QListWidgetItem(title)
            item.setData(Qt.ItemDataRole.UserRole, key)
            self.addItem(item)
        self.setFixedWidth(self.fontMetrics().averageCharWidth() * 22)
