"""Where the office is, chosen in the reviewer's log-in and set-up dialogs: this computer
(the reviewer folder in the data folder) or the office's database server (an address).

`OfficePlaceChooser` shows the two choices and the server addresses used before (saved
connections, remembered in the settings without any password: the database password is
libpq's password file's, or asked each time and kept in memory only). `ServerTask` opens or
sets up an office on a server on a worker thread (a server that does not answer takes
seconds to time out), asks for the database password in a dialog when the server wants one
it was not given (`server_password_needed`) and tries again with it.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QInputDialog,
    QLineEdit,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from swdesk.domain.errors import UserFixableError
from swdesk.services.review import ReviewServer

from ..plain_text import plain_label
from ..tasks import TaskRunner
from ..texts import error_text, fill

if TYPE_CHECKING:
    from swdesk.services.review import ReviewWorkspace

    from ..settings import UiSettings

__all__ = ["PLACE_KEY", "SERVERS_KEY", "OfficePlaceChooser", "ServerTask", "saved_servers"]

log = logging.getLogger(__name__)
translate = QCoreApplication.translate

SERVERS_KEY = "review/servers"  # JSON list of addresses (never a password), newest first
PLACE_KEY = "review/place"  # "folder" or "server": what was used last
MAX_SAVED = 8


def saved_servers(settings: UiSettings | None) -> list[str]:
    """The server addresses used before, newest first."""
    if settings is None:
        return []
    try:
        found = json.loads(settings.value(SERVERS_KEY, "[]") or "[]")
    except ValueError:
        return []
    return [str(url) for url in found if isinstance(url, str) and url][:MAX_SAVED]


def last_place_was_server(settings: UiSettings | None) -> bool:
    return settings is not None and settings.value(PLACE_KEY, "folder") == "server"


class OfficePlaceChooser(QWidget):
    """The choice between this computer's reviewer folder and an office server."""

    changed = Signal()

    def __init__(
        self,
        root: Path,
        settings: UiSettings | None,
        server_url: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.root = root
        self.settings = settings
        self.setObjectName("officePlace")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.folder_radio = QRadioButton(self.tr("This &computer (folder)"))
        self.folder_radio.setObjectName("folderPlace")
        self.folder_note = plain_label(str(root))
        self.folder_note.setObjectName("folderPlaceNote")
        self.folder_note.setWordWrap(True)
        self.server_radio = QRadioButton(self.tr("Office &server (address)"))
        self.server_radio.setObjectName("serverPlace")
        group = QButtonGroup(self)
        group.addButton(self.folder_radio)
        group.addButton(self.server_radio)
        self.address_combo = QComboBox()
        self.address_combo.setObjectName("serverAddress")
        self.address_combo.setEditable(True)
        # wide enough to show a whole address (user, host, port and database) as typed
        self.address_combo.setMinimumContentsLength(40)
        self.address_combo.setSizeAdjustPolicy(
            QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
        )
        self.address_combo.setAccessibleName(self.tr("Server address"))
        self.address_combo.addItems(saved_servers(settings))
        line = self.address_combo.lineEdit()
        assert line is not None
        line.setPlaceholderText("postgresql://192.168.1.20/review")
        if server_url:
            self.address_combo.setEditText(server_url)
        for widget in (self.folder_radio, self.folder_note, self.server_radio, self.address_combo):
            layout.addWidget(widget)
        on_server = bool(server_url) or (
            last_place_was_server(settings) and self.address_combo.count() > 0
        )
        (self.server_radio if on_server else self.folder_radio).setChecked(True)
        self._sync()
        self.folder_radio.toggled.connect(self._sync)
        self.address_combo.editTextChanged.connect(lambda _text: self.changed.emit())

    def _sync(self) -> None:
        self.address_combo.setEnabled(self.server_radio.isChecked())
        self.changed.emit()

    def on_server(self) -> bool:
        return self.server_radio.isChecked()

    def server(self) -> ReviewServer:
        """The office server of the address typed or picked; UserFixableError
        "server_url_invalid" (naming what was typed, its password hidden) otherwise."""
        return ReviewServer(self.address_combo.currentText().strip())

    def remember(self, server: ReviewServer | None) -> None:
        """After a successful opening: where it was, and the server's address (no password)
        first in the saved connections."""
        if self.settings is None:
            return
        self.settings.set_value(PLACE_KEY, "server" if server is not None else "folder")
        if server is not None:
            kept = [url for url in saved_servers(self.settings) if url != server.url]
            self.settings.set_value(SERVERS_KEY, json.dumps([server.url, *kept][:MAX_SAVED]))


class ServerTask:
    """Opening or setting up an office on a server, off the GUI thread, for `dialog`."""

    def __init__(self, dialog: QDialog, runner: TaskRunner | None = None) -> None:
        self.dialog = dialog
        self.runner = runner or TaskRunner(dialog)

    @property
    def busy(self) -> bool:
        return self.runner.busy

    def start(
        self,
        server: ReviewServer,
        work: Callable[[ReviewServer], ReviewWorkspace],
        on_done: Callable[[ReviewWorkspace, ReviewServer], None],
        on_error: Callable[[str, UserFixableError | None], None],
    ) -> None:
        """Run `work(server)` on a worker thread; then `on_done(workspace, server)` or
        `on_error(message, error)` on the GUI thread. When the server asks for a password
        it was not given, the user is asked for it (a password dialog) and `work` runs
        again with it; cancelling that dialog reports the server's refusal."""

        def failed(exc: BaseException) -> None:
            if not isinstance(exc, UserFixableError):
                log.error("opening the office on the server failed", exc_info=exc)
                on_error(
                    fill(
                        translate(
                            "OfficePlace", "The office on %1 could not be opened; see the log."
                        ),
                        server.location,
                    ),
                    None,
                )
                return
            if exc.code == "server_password_needed":
                password = self.ask_password(server)
                if password is not None:
                    self.start(server.with_password(password), work, on_done, on_error)
                    return
            on_error(error_text(exc), exc)

        self.runner.submit(lambda: work(server), lambda ws: on_done(ws, server), failed)

    def ask_password(self, server: ReviewServer) -> str | None:
        """The database password typed by the user (never stored), or None if cancelled."""
        password, ok = QInputDialog.getText(
            self.dialog,
            translate("OfficePlace", "Database password"),
            fill(
                translate(
                    "OfficePlace",
                    "The database server %1 asks for the password of its user. It is kept "
                    "only while the office is open.",
                ),
                server.location,
            ),
            QLineEdit.EchoMode.Password,
        )
        return password if ok and password else None
