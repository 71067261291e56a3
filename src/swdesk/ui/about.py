"""Help → About swdesk: name, version, what swdesk is, the data folder, and the licences of the
bundled font, runtime and libraries with their full texts (`swdesk.services.about`)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QPlainTextEdit,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from swdesk import __version__
from swdesk.services.about import Component, bundled_components, license_text

from .app_icon import app_icon
from .plain_text import plain_label, rich_text
from .screen_fit import fit_size
from .texts import fill


class AboutDialog(QDialog):
    """Non-modal to the event loop: open it with `open()` (tests never block on it)."""

    def __init__(self, data_folder: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("aboutDialog")
        self.setWindowTitle(self.tr("About swdesk"))
        self.components: list[Component] = bundled_components()
        layout = QVBoxLayout(self)

        header = QHBoxLayout()
        logo = plain_label()
        logo.setPixmap(app_icon().pixmap(64, 64))
        logo.setAlignment(Qt.AlignmentFlag.AlignTop)
        header.addWidget(logo)
        intro = QVBoxLayout()
        self.title_label = plain_label(rich_text("<h2>swdesk %1</h2>", __version__))
        self.title_label.setTextFormat(Qt.TextFormat.RichText)  # swdesk's own markup
        self.title_label.setObjectName("aboutTitle")
        intro.addWidget(self.title_label)
        description = plain_label(
            self.tr(
                "Offline workspace for certified social workers: registration, continuing "
                "education and re-registration, and reviewer mode for civil-affairs offices. "
                "Everything stays on this computer."
            )
        )
        description.setWordWrap(True)
        intro.addWidget(description)
        folder = str(data_folder) if data_folder is not None else self.tr("(none)")
        self.folder_label = plain_label(fill(self.tr("Data folder: %1"), folder))
        self.folder_label.setObjectName("aboutDataFolder")
        self.folder_label.setWordWrap(True)
        self.folder_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        intro.addWidget(self.folder_label)
        header.addLayout(intro, 1)
        layout.addLayout(header)

        layout.addWidget(
            plain_label(self.tr("swdesk ships these components; select one to read its licence:"))
        )
        splitter = QSplitter(Qt.Orientation.Vertical)
        self.table = QTableWidget(len(self.components), 3)
        self.table.setObjectName("aboutComponents")
        self.table.setHorizontalHeaderLabels(
            [self.tr("Component"), self.tr("Version"), self.tr("Licence")]
        )
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        for row, component in enumerate(self.components):
            for column, text in enumerate((component.name, component.version, component.license)):
                self.table.setItem(row, column, QTableWidgetItem(text))
        header_view = self.table.horizontalHeader()
        header_view.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header_view.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header_view.setStretchLastSection(True)
        splitter.addWidget(self.table)
        self.license_view = QPlainTextEdit()
        self.license_view.setObjectName("aboutLicenseText")
        self.license_view.setReadOnly(True)
        self.license_view.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        splitter.addWidget(self.license_view)
        layout.addWidget(splitter, 1)
        self.table.currentCellChanged.connect(self._on_table_current_cell_changed)

        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        if self.components:
            self.table.setCurrentCell(0, 0)
        # 760×560 where there is room; on 1366×768 at 150 % the licence list and text shrink
        # (they scroll) so the dialog stays on the screen
        self.table.setMinimumHeight(self.fontMetrics().height() * 4)
        self.license_view.setMinimumHeight(self.fontMetrics().height() * 3)
        fit_size(self, 760, 560)

    def show_license(self, name: str) -> bool:
        """Select the component called `name` (its licence text is shown); False if none."""
        for row, component in enumerate(self.components):
            if component.name == name:
                self.table.setCurrentCell(row, 0)
                return True
        return False

    def _on_table_current_cell_changed(self, row: int, *_args: int) -> None:
        if 0 <= row < len(self.components):
            component = self.components[row]
            self.license_view.setPlainText(license_text(component))
            self.license_view.moveCursor(self.license_view.textCursor().MoveOperation.Start)


def show_about(parent: QWidget | None, data_folder: Path | None) -> AboutDialog:
    """Open the About dialog window-modally without blocking; returns it."""
    dialog = AboutDialog(data_folder, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
