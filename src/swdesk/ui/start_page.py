"""The first-run screen: create my profile, or open the demo."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QPushButton, QVBoxLayout, QWidget

from .plain_text import plain_label


class StartPage(QWidget):
    create_requested = Signal()
    demo_requested = Signal()
    reviewer_requested = Signal()
    provider_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("startPage")
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        title = plain_label(self.tr("Welcome to swdesk"))
        font = QFont(title.font())
        font.setPointSizeF(max(font.pointSizeF(), 9.0) * 2.2)
        font.setBold(True)
        title.setFont(font)
        title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        intro = plain_label(
            self.tr(
                "Keep your social-work registration valid: record your continuing education, see "
                "when to re-register and what is still missing. Everything stays on this computer."
            )
        )
        intro.setWordWrap(True)
        intro.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.create_button = QPushButton(self.tr("&Create my profile"))
        self.create_button.setObjectName("createProfile")
        self.create_button.setDefault(True)
        self.create_button.clicked.connect(self.create_requested)
        self.demo_button = QPushButton(self.tr("Open the &demo"))
        self.demo_button.setObjectName("openDemo")
        self.demo_button.clicked.connect(self.demo_requested)
        self.reviewer_button = QPushButton(self.tr("Reviewer &mode (civil-affairs offices)"))
        self.reviewer_button.setObjectName("openReviewer")
        self.reviewer_button.clicked.connect(self.reviewer_requested)
        self.provider_button = QPushButton(self.tr("&Training provider (issue attendance records)"))
        self.provider_button.setObjectName("openProvider")
        self.provider_button.clicked.connect(self.provider_requested)
        hint = plain_label(
            self.tr(
                "The demo adds invented practitioners from Pingliang so you can "
                "look around; you can delete them later."
            )
        )
        hint.setWordWrap(True)
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        for widget in (title, intro):
            layout.addWidget(widget)
        layout.addSpacing(24)
        for button in (
            self.create_button,
            self.demo_button,
            self.reviewer_button,
            self.provider_button,
        ):
            button.setMinimumHeight(button.sizeHint().height() * 3 // 2)
            layout.addWidget(button, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(hint)
        layout.addStretch(2)
        self.setContentsMargins(48, 24, 48, 24)

    def writing_buttons(self) -> list[QPushButton]:
        """The buttons that would write to the data folder (disabled when it is read-only)."""
        return [self.create_button, self.demo_button]
