"""Entering reviewer mode: set up the office the first time, else ask for its password."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QWidget

from .review_login import OfficeSetupDialog, ReviewPasswordDialog, is_initialised
from .review_window import ReviewWindow
from .settings import UiSettings


def open_reviewer(root: Path, settings: UiSettings | None,
                  parent: QWidget | None = None) -> ReviewWindow | None:
    """Show the set-up or password dialog (modal); the reviewer window, or None if
    cancelled."""
    dialog: OfficeSetupDialog | ReviewPasswordDialog
    dialog = ReviewPasswordDialog(root, parent) if is_initialised(root) else \
        OfficeSetupDialog(root, parent)
    if dialog.exec() != QDialog.DialogCode.Accepted or dialog.workspace is None:
        return None
    window = ReviewWindow(dialog.workspace, settings)
    window.show()
    return window
