"""Profile → New, Edit, Set or change PIN, Delete, and the demo practitioners: each opens
its dialog over `window`, then does the writing on the worker thread pool and shows the
outcome (the dashboard, the chooser or a status-bar message)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox, QProgressDialog

from .feedback import explain_error
from .plain_text import as_plain
from .texts import fill

if TYPE_CHECKING:
    from .main_window import MainWindow
    from .profile_editor import ProfileEditorDialog


class ProfileActions(QObject):
    """The profile actions of `window` (its runner, its workspace, its pages)."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window

    def new_profile(self) -> ProfileEditorDialog:
        from .profile_editor import ProfileEditorDialog  # with the services: after the start

        window = self.window
        dialog = ProfileEditorDialog(
            window.workspace.profiles, window.runner, window.workspace.clock(), None, window
        )
        dialog.profile_saved.connect(window.show_profile)
        dialog.open()
        return dialog

    def edit_profile(self) -> ProfileEditorDialog | None:
        from .profile_editor import ProfileEditorDialog  # with the services: after the start

        window = self.window
        if window.record is None:
            return None
        dialog = ProfileEditorDialog(
            window.workspace.profiles,
            window.runner,
            window.workspace.clock(),
            window.record,
            window,
        )
        dialog.profile_saved.connect(lambda _pid: window.refresh_dashboard(reload_log=True))
        dialog.open()
        return dialog

    def change_pin(self) -> None:
        window = self.window
        pid = window.current_id
        if pid is None:
            return
        from .pin_dialog import PinDialog  # with the PIN service: when a PIN is set

        profiles = window.workspace.profiles
        dialog = PinDialog(profiles.has_pin(pid), window)
        if dialog.exec() == PinDialog.DialogCode.Accepted:
            pin = dialog.pin()
            # sealing or unsealing rewrites the profile's files: not on the GUI thread
            window.runner.submit(
                lambda: profiles.set_pin(pid, pin),
                lambda _r: window.statusBar().showMessage(
                    self.tr("PIN saved: this profile's personal data is encrypted.")
                    if pin
                    else self.tr("PIN removed: this profile's data is no longer encrypted."),
                    8000,
                ),
                lambda e: explain_error(window, e, self.tr("The PIN was not changed")),
            )

    def delete_profile(self) -> None:
        window = self.window
        if window.record is None or window.current_id is None:
            return
        answer = QMessageBox.warning(
            window,
            self.tr("Delete profile"),
            as_plain(
                fill(
                    self.tr(
                        "Delete the profile of %1 with all training records and evidence files? "
                        "This cannot be undone."
                    ),
                    window.record.practitioner.name,
                )
            ),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        pid, profiles = window.current_id, window.workspace.profiles
        window.runner.submit(
            lambda: profiles.delete_profile(pid),
            lambda _r: window.show_chooser(),
            lambda e: explain_error(window, e, self.tr("Nothing was deleted")),
        )

    def load_demo(self) -> None:
        """The demo practitioners, created behind a progress dialog; the first one opens."""
        from swdesk.services.demo import populate_demo

        window = self.window
        progress = QProgressDialog(self.tr("Creating the demo practitioners…"), "", 0, 0, window)
        progress.setObjectName("demoProgress")
        progress.setCancelButton(None)
        progress.setMinimumDuration(300)
        progress.setWindowTitle(self.tr("Demo"))
        workspace = window.workspace
        before = {p.id for p in workspace.profiles.list_profiles()}

        def work() -> list[int]:
            for _ in populate_demo(workspace.profiles, workspace.activities, workspace.clock()):
                pass
            return [p.id for p in workspace.profiles.list_profiles() if p.id not in before]

        def done(new_ids: list[int]) -> None:
            progress.close()
            if new_ids:
                window.show_profile(min(new_ids))

        def failed(error: BaseException) -> None:
            progress.close()
            explain_error(window, error, self.tr("The demo could not be created"))

        window.runner.submit(work, done, failed)
