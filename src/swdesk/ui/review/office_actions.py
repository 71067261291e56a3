"""The reviewer window's Office menu: exporting the office's public key, importing the
province's trust file (shown and confirmed by its fingerprint before it is stored),
publishing one (the province only), and checking the audit log's chain.

Every dialog and message box is a child of the reviewer window, so it stays on top of it
and closes with it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox

from ..feedback import explain_error, inform
from ..plain_text import plain_message_box
from ..texts import fill
from ..trust_text import trust_listing

if TYPE_CHECKING:  # loaded with the workspace the window is given
    from swdesk.services.review import ReviewWorkspace
    from swdesk.services.review.trust import TrustInspection


def fingerprint_groups(fingerprint: str) -> str:
    """A fingerprint in upper case in groups of four for reading aloud, as
    `OfficeIdentity.fingerprint_groups` shows the new one."""
    upper = fingerprint.upper()
    return " ".join(upper[i : i + 4] for i in range(0, len(upper), 4))


class OfficeActions(QObject):
    """The Office menu's slots for the reviewer window `window` of `workspace`."""

    def __init__(self, window: QMainWindow, workspace: ReviewWorkspace) -> None:
        super().__init__(window)
        self.window = window
        self.workspace = workspace
        self.service = workspace.service

    def export_key(self) -> None:
        window = self.window
        name, _ = QFileDialog.getSaveFileName(
            window,
            self.tr("Export the public key"),
            "office.swdkey",
            self.tr("Office key (*.swdkey)"),
        )
        if not name:
            return
        try:
            self.service.export_public_key(Path(name))
        except Exception as error:  # noqa: BLE001 - explained
            explain_error(window, error, self.tr("The key was not exported"))
            return
        inform(
            window,
            self.tr("Public key exported"),
            fill(
                self.tr(
                    "Give this file to the province. When they call to check it, read this "
                    "fingerprint aloud:\n\n%1"
                ),
                self.workspace.office.fingerprint_groups,
            ),
        )

    def import_trust(self) -> None:
        """Office → Import a trust file: verified and shown (the province's fingerprint and
        the offices listed) before anything is stored; stored only on Confirm."""
        window = self.window
        name, _ = QFileDialog.getOpenFileName(
            window, self.tr("Import a trust file"), "", self.tr("Trust file (*.swdtrust)")
        )
        if not name:
            return
        path = Path(name)
        try:
            inspection = self.service.inspect_trust(path)
        except Exception as error:  # noqa: BLE001 - explained
            explain_error(window, error, self.tr("The trust file was not imported"))
            return
        trust = inspection.trust
        offices = trust_listing(trust)
        if inspection.new_issuer:
            text = fill(
                self.tr(
                    "This trust file was signed with a NEW province key. Put it in force only if "
                    "the province has confirmed, by phone or in its official notice, that its "
                    "key changed and that the new fingerprint is:\n\n%1\n\nThe fingerprint in "
                    "force until now (%2):\n%3\n\nOffices on the new list:\n%4"
                ),
                trust.issuer.fingerprint_groups,
                inspection.current_issuer_name or "",
                fingerprint_groups(inspection.current_issuer or ""),
                offices,
            )
        else:
            text = fill(
                self.tr(
                    "Compare this fingerprint of %1 with the one the province reads to you by "
                    "phone or gives in its official notice:\n\n%2\n\nOffices on the list:\n%3"
                    "\n\nPut the list in force only if the fingerprint matches."
                ),
                trust.issuer.name,
                trust.issuer.fingerprint_groups,
                offices,
            )
        box = plain_message_box(
            QMessageBox.Icon.Question,
            self.tr("Confirm the trust file"),
            text,
            QMessageBox.StandardButton.NoButton,
            window,
        )
        box.setObjectName("trustConfirmation")
        box.addButton(self.tr("Confirm"), QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)
        box.accepted.connect(lambda: self._put_trust_in_force(path, inspection))
        box.open()

    def _put_trust_in_force(self, path: Path, inspection: TrustInspection) -> None:
        fingerprint = inspection.trust.issuer.fingerprint if inspection.new_issuer else None
        try:
            self.service.import_trust(path, new_issuer_fingerprint=fingerprint)
        except Exception as error:  # noqa: BLE001 - explained
            explain_error(self.window, error, self.tr("The trust file was not imported"))
            return
        self.window.statusBar().showMessage(self.tr("Trust file imported."), 8000)

    def publish_trust(self) -> None:
        window = self.window
        keys, _ = QFileDialog.getOpenFileNames(
            window, self.tr("Public keys of the offices"), "", self.tr("Office key (*.swdkey)")
        )
        if not keys:
            return
        out, _ = QFileDialog.getSaveFileName(
            window,
            self.tr("Save the trust file"),
            "trust.swdtrust",
            self.tr("Trust file (*.swdtrust)"),
        )
        if not out:
            return
        try:
            self.service.publish_trust([Path(k) for k in keys], Path(out))
        except Exception as error:  # noqa: BLE001 - explained
            explain_error(window, error, self.tr("The trust file was not written"))

    def verify_audit(self) -> None:
        result = self.service.audit_verify()
        if result.ok:
            entries2 = result.entries
            inform(
                self.window,
                self.tr("Audit log"),
                self.tr("The audit log is intact (%n entries).", "", entries2),
            )
        else:
            inform(
                self.window,
                self.tr("Audit log"),
                fill(
                    self.tr("The audit log was changed: entry %1 is the first broken one."),
                    str(result.first_broken),
                ),
                warning=True,
            )
