"""Help → User guide, Copy diagnostics, About swdesk, and Profile → Reviewer mode: windows
and dialogs that open beside the main window (each loads its module when first used)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

if TYPE_CHECKING:
    from .about import AboutDialog
    from .main_window import MainWindow
    from .provider_dialog import ProviderDialog
    from .review.window import ReviewWindow
    from .user_guide import UserGuideDialog


class HelpActions(QObject):
    """The help menu of `window`; keeps the dialogs it opened so they stay alive."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.about_dialog: AboutDialog | None = None
        self.guide_dialog: UserGuideDialog | None = None
        self.review_window: ReviewWindow | None = None
        self.provider_dialog: ProviderDialog | None = None

    def show_guide(self) -> UserGuideDialog:
        """Help → User guide (F1): the offline guide, beside the window."""
        from .user_guide import show_user_guide

        self.guide_dialog = show_user_guide(self.window, self.window.settings.language)
        return self.guide_dialog

    def show_about(self) -> AboutDialog:
        """Help → About swdesk (non-blocking; returns the dialog)."""
        from .about import show_about

        self.about_dialog = show_about(self.window, self.window.workspace.layout.root)
        return self.about_dialog

    def copy_diagnostics(self) -> str:
        """Versions, the data folder's state and the log's tail, without personal data."""
        from PySide6.QtCore import qVersion
        from PySide6.QtWidgets import QApplication

        from swdesk.services.diagnostics import gather_diagnostics

        window = self.window
        text = gather_diagnostics(
            window.log_dir, window.workspace.layout.root, extra={"Qt runtime": qVersion()}
        )
        QApplication.clipboard().setText(text)
        window.statusBar().showMessage(self.tr("Diagnostics copied to the clipboard."), 8000)
        return text

    def open_provider(self) -> None:
        """The training provider's window, for this data folder (its own `provider/`)."""
        from .provider_dialog import ProviderDialog

        window = self.window
        self.provider_dialog = ProviderDialog(window.workspace.layout.root, window.runner, window)
        self.provider_dialog.open()

    def open_reviewer(self) -> None:
        """Reviewer mode beside the window: its own database under <data folder>/review."""
        from .review.launcher import open_reviewer

        window = self.window
        opened = open_reviewer(window.workspace.layout.root / "review", window.settings, window)
        if opened is not None:
            self.review_window = opened
