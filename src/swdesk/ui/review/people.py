"""People in the reviewer window: who is signed in (title and status bar), the slots opening
the head's Staff dialog (Office → Staff…, `staff_dialog.py`), the signature on the
reviewers' decisions (Review → Sign decisions…, `sign_dialog.py`) and Change my password…
(`password_dialog.py`); the head's actions are disabled for a reviewer, their tooltip
saying why.

A reviewer's decision is recorded as awaiting a head's signature (待签发): the queue and the
detail window show it with who decided, and the application's state changes only when a
head signs it here. Signing runs on the window's task runner."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QMainWindow,
    QMenu,
)

from ..plain_text import plain_label
from ..texts import fill

if TYPE_CHECKING:
    from swdesk.services.review import ReviewWorkspace

    from .password_dialog import ChangePasswordDialog
    from .sign_dialog import SignDialog
    from .staff_dialog import StaffDialog
    from .window import ReviewWindow

__all__ = [
    "HEAD_ONLY_ACTIONS",
    "PeopleActions",
    "awaiting_signature_label",
    "decided_by_text",
    "role_label",
]

translate = QCoreApplication.translate

#: the menu actions a reviewer may not use (objectNames)
HEAD_ONLY_ACTIONS = (
    "exportDecisions",
    "exportSelectedDecisions",
    "importTrust",
    "publishTrust",
    "staffAccounts",
    "signDecisions",
)


def role_label(role: str) -> str:
    return {
        "head": translate("People", "office head"),
        "reviewer": translate("People", "reviewer"),
    }.get(role, role)


def awaiting_signature_label(decided_by: str) -> str:
    """The state of an application whose reviewer's decision awaits the head (待签发)."""
    return fill(translate("People", "Awaiting signature (decided by %1)"), decided_by)


def decided_by_text(decided_by: str, signed_by: str) -> str:
    """Who decided a decision and, when another person, who signed it."""
    if not signed_by or signed_by == decided_by:
        return fill(translate("People", "decided by %1"), decided_by)
    return fill(translate("People", "decided by %1, signed by %2"), decided_by, signed_by)


def signed_in_text(workspace: ReviewWorkspace) -> str:
    return fill(
        translate("People", "Signed in: %1 (%2)"),
        workspace.actor,
        role_label(workspace.role),
    )


class PeopleActions(QObject):
    """The slots of Office → Staff… and Review → Sign decisions…, and who is signed in."""

    def __init__(self, window: ReviewWindow, workspace: ReviewWorkspace) -> None:
        super().__init__(window)
        self.window = window
        self.workspace = workspace
        self.service = workspace.service
        self.user_label = plain_label(signed_in_text(workspace))
        self.user_label.setObjectName("signedInLabel")
        self.user_label.setAccessibleName(self.tr("Signed in"))
        self.staff_dialog: StaffDialog | None = None
        self.sign_dialog: SignDialog | None = None
        self.password_dialog: ChangePasswordDialog | None = None

    def apply_role(self) -> None:
        """A reviewer: the head's actions disabled, their tooltip saying why."""
        for menu in self.window.menuBar().findChildren(QMenu):
            menu.setToolTipsVisible(True)  # the reason of a disabled action shows
        if self.service.is_head:
            return
        why = self.tr("Only the office head may do this; you are signed in as a reviewer.")
        for name in HEAD_ONLY_ACTIONS:
            action = self.window.findChild(QAction, name)
            if action is not None:
                action.setEnabled(False)
                action.setToolTip(fill(self.tr("%1 — %2"), action.text().replace("&", ""), why))
                action.setStatusTip(why)

    def show_staff(self) -> StaffDialog:
        """Office → Staff… (heads; non-blocking)."""
        from .staff_dialog import StaffDialog

        self.staff_dialog = StaffDialog(self.workspace, self.window)
        self.staff_dialog.open()
        return self.staff_dialog

    def change_password(self) -> ChangePasswordDialog:
        """Office → Change my password… (everyone; non-blocking)."""
        from .password_dialog import ChangePasswordDialog

        self.password_dialog = ChangePasswordDialog(self.workspace, self.window)
        self.password_dialog.open()
        return self.password_dialog

    def show_signing(self) -> SignDialog:
        """Review → Sign decisions… (heads; non-blocking)."""
        from .sign_dialog import SignDialog

        self.sign_dialog = SignDialog(self.window)
        self.sign_dialog.open()
        return self.sign_dialog


def window_title_with_person(title: str, workspace: ReviewWorkspace) -> str:
    """The reviewer window's title naming who is signed in."""
    return fill(translate("People", "%1 · %2"), title, workspace.actor)


def add_person_widgets(window: QMainWindow, people: PeopleActions) -> None:
    """Who is signed in, at the right of the status bar."""
    window.statusBar().addPermanentWidget(people.user_label)
