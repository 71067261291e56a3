"""Telling the user what went wrong: fixable errors get their message, bugs get logged.

Message boxes are widgets: they are built on the GUI thread only. Called from any other
thread, `explain_error` and `inform` log what happened and hand the box to the GUI thread
(`tasks.call_on_gui_thread`), returning None; Qt would abort the process otherwise.
"""

from __future__ import annotations

import logging
import sys
from types import TracebackType

import shiboken6
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from swdesk.domain.errors import UserFixableError

from .plain_text import plain_message_box
from .tasks import call_on_gui_thread, on_gui_thread
from .texts import bug_text, error_text

log = logging.getLogger(__name__)


def _alive(parent: QWidget | None) -> QWidget | None:
    """`parent`, unless its window was closed meanwhile (then the box has none)."""
    return parent if parent is not None and shiboken6.isValid(parent) else None


def explain_error(parent: QWidget | None, error: BaseException, title: str) -> QMessageBox | None:
    """Show a message box for `error` (non-blocking) and return it; never a traceback.
    Off the GUI thread the box is shown from there, later, and None is returned."""
    if not on_gui_thread():
        log.warning("an error reached a worker thread's message path: %s", type(error).__name__)
        call_on_gui_thread(lambda: explain_error(_alive(parent), error, title))
        return None
    if isinstance(error, UserFixableError):
        text = error_text(error)
        icon = QMessageBox.Icon.Warning
    elif isinstance(error, OSError):
        log.warning("operation failed: %s", type(error).__name__)
        from swdesk.services.errors import oserror_to_user_error

        text = error_text(oserror_to_user_error(error))
        icon = QMessageBox.Icon.Warning
    else:
        log.error("unexpected error", exc_info=error)
        text = bug_text()
        icon = QMessageBox.Icon.Critical
    box = plain_message_box(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("errorMessage")
    box.setAccessibleName(title)
    box.open()
    return box


def inform(
    parent: QWidget | None, title: str, text: str, warning: bool = False
) -> QMessageBox | None:
    """A window-modal message that does not block the event loop (returns the box; None
    off the GUI thread, where the box is handed to the GUI thread)."""
    if not on_gui_thread():
        call_on_gui_thread(lambda: inform(_alive(parent), title, text, warning))
        return None
    icon = QMessageBox.Icon.Warning if warning else QMessageBox.Icon.Information
    box = plain_message_box(icon, title, text, QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("informMessage")
    box.open()
    return box


def install_excepthook(app: QApplication) -> None:
    """Uncaught errors are logged (on the "swdesk" logger) and explained in a message box,
    never a traceback."""
    root_log = logging.getLogger("swdesk")

    def on_uncaught(
        kind: type[BaseException], error: BaseException, tb: TracebackType | None
    ) -> None:
        root_log.error("uncaught error", exc_info=(kind, error, tb))
        title = QCoreApplication.translate("App", "Unexpected error")
        explain_error(app.activeWindow(), error, title)

    sys.excepthook = on_uncaught
