"""The reviewer window's menus: File (import, exports, quit), Review (open, approve,
reject, refresh), Office (key, trust file, audit check) and Help.

Every action has an objectName (tests and the user guide find it by name) and calls its
slot through a zero-argument lambda: `QAction.triggered` passes `checked`, which must never
land in a slot's optional first parameter."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from swdesk.services.review import DecisionOutcome, ReviewLevel

if TYPE_CHECKING:
    from .window import ReviewWindow


class ReviewMenus(QObject):
    """Builds the menu bar of `window` once; the actions are children of the window."""

    def __init__(self, window: ReviewWindow) -> None:
        super().__init__(window)
        self.window = window
        self._build()

    def _build(self) -> None:
        window, decisions, office = self.window, self.window.decisions, self.window.office_actions
        bar = window.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        self._action(
            file_menu,
            "importBundles",
            self.tr("&Import bundles…"),
            window.choose_files,
            QKeySequence.StandardKey.Open,
        )
        self._action(
            file_menu,
            "importFolder",
            self.tr("Import a &folder…"),
            window.choose_folder,
            "Ctrl+Shift+O",
        )
        file_menu.addSeparator()
        self._action(
            file_menu,
            "exportDecisions",
            self.tr("&Export decisions…"),
            window.export_decisions,
            "Ctrl+E",
        )
        self._action(
            file_menu,
            "exportSelectedDecisions",
            self.tr("Export the decisions of the &selected…"),
            lambda: window.export_decisions(selected_only=True),
            "Ctrl+Shift+E",
        )
        self._action(
            file_menu,
            "exportRoster",
            self.tr("Export the &roster (.xlsx)…"),
            window.exports.export_roster,
        )
        file_menu.addSeparator()
        self._action(
            file_menu, "quit", self.tr("&Quit"), window.close, "Ctrl+Q"
        )  # StandardKey.Quit is empty on Windows
        review_menu = bar.addMenu(self.tr("&Review"))
        self._action(
            review_menu,
            "openApplication",
            self.tr("&Open application"),
            decisions.open_detail,
            "Return",
        )
        self._action(
            review_menu,
            "approveSelected",
            self.tr("&Approve selected…"),
            lambda: decisions.decide_selected(DecisionOutcome.APPROVED),
            "Ctrl+Shift+A",
        )
        self._action(
            review_menu,
            "rejectSelected",
            self.tr("&Reject selected…"),
            lambda: decisions.decide_selected(DecisionOutcome.REJECTED),
            "Ctrl+Shift+R",
        )
        self._action(  # who works on what: the queue's "Claimed by"
            review_menu,
            "claimSelected",
            self.tr("&Claim selected"),
            lambda: window.claims.claim_selected(),
        )
        self._action(
            review_menu,
            "releaseSelected",
            self.tr("Re&lease my claim on the selected"),
            lambda: window.claims.release_selected(),
        )
        self._action(  # heads: the reviewers' decisions awaiting signature
            review_menu,
            "signDecisions",
            self.tr("&Sign decisions…"),
            window.people.show_signing,
            "Ctrl+Shift+G",
        )
        self._action(
            review_menu,
            "refresh",
            self.tr("Re&fresh"),
            window.refresh,
            QKeySequence.StandardKey.Refresh,
        )
        office_menu = bar.addMenu(self.tr("&Office"))
        self._action(
            office_menu, "exportKey", self.tr("Export the office's public &key…"), office.export_key
        )
        self._action(
            office_menu, "importTrust", self.tr("Import a &trust file…"), office.import_trust
        )
        if window.workspace.office.level is ReviewLevel.PROVINCE:
            self._action(
                office_menu, "publishTrust", self.tr("&Publish a trust file…"), office.publish_trust
            )
        self._action(
            office_menu, "verifyAudit", self.tr("&Verify the audit log"), office.verify_audit
        )
        self._action(office_menu, "staffAccounts", self.tr("&Staff…"), window.people.show_staff)
        self._action(
            office_menu,
            "changeOwnPassword",
            self.tr("Change my pass&word…"),
            window.people.change_password,
        )
        help_menu = bar.addMenu(self.tr("&Help"))
        self._action(help_menu, "about", self.tr("&About swdesk"), window.show_about)

    def _action(
        self,
        menu: QMenu,
        name: str,
        text: str,
        slot: Callable[[], object],
        shortcut: QKeySequence | QKeySequence.StandardKey | str | None = None,
    ) -> QAction:
        """A menu action named `name` (its objectName) that calls `slot()` with no
        arguments: `triggered(checked)` must not fill a slot's optional parameter."""
        action = QAction(text, self.window)
        action.setObjectName(name)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False, run=slot: run())
        menu.addAction(action)
        return action
