"""Entering reviewer mode: set up the office the first time, else ask for its password.

A reviewer folder that holds stored applications or backups but no usable database
(missing, or found damaged when opening) is never taken for a new one: the user is told
what is there and chooses between restoring the database (nothing is touched) and setting
the old files (the damaged database too) aside in `recovered/<day>/` before setting a new
office up. After opening, files of unknown status that the sweep moved aside are reported
in a message.

An office on a server (`--database URL`, or the server chosen last time) starts at the
log-in; a server without an office goes on to the set-up, and a set-up on a server that
has one to the log-in (see `login`).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QDialog, QMessageBox, QWidget

from swdesk.domain.errors import UserFixableError

from ..plain_text import as_plain, plain_message_box
from ..settings import UiSettings
from ..texts import error_text, fill
from .login import OfficeSetupDialog, ReviewPasswordDialog
from .office_place import last_place_was_server, saved_servers
from .window import ReviewWindow

translate = QCoreApplication.translate


def open_reviewer(
    root: Path,
    settings: UiSettings | None,
    parent: QWidget | None = None,
    *,
    server_url: str | None = None,
) -> ReviewWindow | None:
    """Show the set-up or password dialog (modal); the reviewer window, or None if
    cancelled. `server_url`: the office is on that server (`swdesk --reviewer --database`)."""
    from swdesk.services.review import review_folder_state

    try:
        state = review_folder_state(root)
    except UserFixableError as error:
        QMessageBox.warning(
            parent, translate("ReviewLauncher", "Reviewer mode"), as_plain(error_text(error))
        )
        return None
    dialog: OfficeSetupDialog | ReviewPasswordDialog
    if server_url or (last_place_was_server(settings) and saved_servers(settings)):
        dialog = ReviewPasswordDialog(root, parent, settings=settings, server_url=server_url)
    elif state.data_without_database:
        if not _ask_to_set_aside(root, state.bundles, state.backups, parent):
            return None
        dialog = OfficeSetupDialog(root, parent, keep_old_files_aside=True, settings=settings)
    elif state.database_present:
        dialog = ReviewPasswordDialog(root, parent, settings=settings)
    else:
        dialog = OfficeSetupDialog(root, parent, settings=settings)
    result = dialog.exec()
    for _turn in range(2):  # no office where the log-in looked, or one where set up
        if isinstance(dialog, ReviewPasswordDialog) and result == ReviewPasswordDialog.SET_UP:
            dialog = OfficeSetupDialog(
                root, parent, settings=settings, server_url=dialog.server_url
            )
        elif isinstance(dialog, OfficeSetupDialog) and result == OfficeSetupDialog.OPEN_EXISTING:
            dialog = ReviewPasswordDialog(
                root, parent, settings=settings, server_url=dialog.server_url
            )
        else:
            break
        result = dialog.exec()
    if isinstance(dialog, ReviewPasswordDialog) and dialog.damaged is not None:
        if not _ask_to_set_aside(
            root, state.bundles, state.backups, parent, damaged=dialog.damaged
        ):
            return None
        dialog = OfficeSetupDialog(root, parent, keep_old_files_aside=True)
        result = dialog.exec()
    if result != QDialog.DialogCode.Accepted or dialog.workspace is None:
        return None
    workspace = dialog.workspace
    window = ReviewWindow(workspace, settings)
    window.show()
    if workspace.set_aside is not None:
        QMessageBox.information(
            window,
            translate("ReviewLauncher", "Old files set aside"),
            as_plain(
                fill(
                    translate(
                        "ReviewLauncher",
                        'The old files of the reviewer folder were moved to "%1". Nothing was '
                        "deleted: keep that folder until you are sure you no longer need "
                        "them.",
                    ),
                    str(workspace.set_aside),
                )
            ),
        )
    if workspace.recovered:
        recovered_count = len(workspace.recovered)
        QMessageBox.warning(
            window,
            translate("ReviewLauncher", "Files moved aside"),
            as_plain(
                fill(
                    translate(
                        "ReviewLauncher",
                        "%n stored application file(s) that the reviewer database does not "
                        'list were moved to "%1". Nothing was deleted.\n\nThis happens when '
                        "the database was replaced by an older copy or by another office's. If "
                        "these applications belong here, close reviewer mode and restore the "
                        "reviewer database from the backup that lists them.",
                        None,
                        recovered_count,
                    ),
                    str(workspace.recovered_folder),
                )
            ),
        )
    return window


def _ask_to_set_aside(
    root: Path,
    bundles: int,
    backups: int,
    parent: QWidget | None,
    damaged: UserFixableError | None = None,
) -> bool:
    """The reviewer folder has stored files but no usable database (missing, or `damaged`):
    explain, and let the user choose to set them aside (True) or to stop and restore the
    database (False)."""
    if damaged is None:
        title = translate("ReviewLauncher", "Reviewer database missing")
        text = fill(
            translate(
                "ReviewLauncher",
                'The reviewer folder "%1" holds stored applications or database '
                "backups of an earlier review office, but its database is missing "
                "or empty. swdesk has not changed anything.",
            ),
            str(root),
        )
    else:
        title = translate("ReviewLauncher", "Reviewer database damaged")
        text = error_text(damaged)
    box = plain_message_box(
        QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.NoButton, parent
    )
    box.setObjectName("reviewDataWithoutDatabase")
    counts = "\n".join(
        (
            translate("ReviewLauncher", "Stored application files: %n.", None, bundles),
            translate("ReviewLauncher", "Database backups: %n.", None, backups),
        )
    )
    choices = fill(
        translate(
            "ReviewLauncher",
            "To go on with these applications, cancel and restore the reviewer database: copy "
            'the newest backup from "%1" to "%2", then open reviewer mode again.\n\nTo start a '
            'new office instead, set the old files aside: they are moved to "%3", never '
            "deleted.",
        ),
        str(root / "backups"),
        str(root / "review.sqlite"),
        str(root / "recovered"),
    )
    box.setInformativeText(f"{counts}\n\n{choices}")
    aside = box.addButton(
        translate("ReviewLauncher", "Set the old files aside and set up a new office"),
        QMessageBox.ButtonRole.AcceptRole,
    )
    aside.setObjectName("setAsideButton")
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.exec()
    return box.clickedButton() is aside
