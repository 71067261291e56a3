"""Records → Apply for registration… and the dashboard's Apply button: the application
wizard for the open profile (loaded with the PDF viewer when first opened), whose fix list
can send the person to the profile editor or the training log."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt

from .feedback import explain_error

if TYPE_CHECKING:
    from .main_window import MainWindow
    from .wizard import ApplicationWizard


class ApplicationActions(QObject):
    """Opens the wizard over `window`; keeps the last one opened in `wizard`."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.wizard: ApplicationWizard | None = None

    def open_wizard(self) -> ApplicationWizard | None:
        window = self.window
        pid = window.current_id
        if pid is None:
            return None
        from .wizard import ApplicationWizard

        workspace = window.workspace
        try:
            draft = workspace.applications.current_draft(pid)
            findings = (
                workspace.decisions.review_findings(pid) if draft.parent_id is not None else []
            )
            wizard = ApplicationWizard(workspace.applications, window.runner, pid, window, findings)
        except Exception as error:  # noqa: BLE001 - explained to the user
            explain_error(window, error, self.tr("The application could not be opened"))
            return None
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wizard.outside_fix_requested.connect(self._on_outside_fix_requested)
        wizard.exported.connect(lambda _r: window.refresh_dashboard())
        wizard.draft_discarded.connect(lambda: window.refresh_dashboard())
        wizard.open()
        self.wizard = wizard
        return wizard

    def _on_outside_fix_requested(self, page: str) -> None:
        if page == "profile":
            self.window.profile_actions.edit_profile()
        else:
            self.window.tabs.setCurrentWidget(self.window.log_page)
