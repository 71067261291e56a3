"""Records → the review office's answer: import the province's trust list, import a signed
decision (from the menu, Ctrl+I or a double-clicked .swddec), open or save the electronic
registration certificate that comes with a final approval."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox

from .feedback import explain_error, inform
from .file_names import in_documents, suggested_name
from .plain_text import plain_message_box
from .texts import fill, fmt_date
from .trust_text import trust_listing

if TYPE_CHECKING:  # the decision types load with the first decision (not at start)
    from swdesk.domain.decision import AppliedDecision
    from swdesk.services.decisions import TrustInspection

    from .main_window import MainWindow


class DecisionActions(QObject):
    """The decision and certificate actions of `window` (its runner and workspace)."""

    trust_imported = Signal(object)  # the TrustList now in force
    trust_removed = Signal(object)  # the TrustList no longer in force
    decision_imported = Signal(object)  # the applied decision
    certificate_saved = Signal(object)  # the Path written

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.last_message: QMessageBox | None = None

    # -- trust list --------------------------------------------------------------------
    def import_trust(self, path: Path | None = None) -> None:
        window = self.window
        if path is None:
            name, _ = QFileDialog.getOpenFileName(
                window,
                self.tr("Import the province's trust file"),
                in_documents(""),
                self.tr("Trust file (*.swdtrust)"),
            )
            if not name:
                return
            path = Path(name)
        decisions = window.workspace.decisions
        try:  # a small file: verified here, nothing stored until the user confirms
            inspection = decisions.inspect_trust_file(path)
        except Exception as error:  # noqa: BLE001 - explained
            explain_error(window, error, self.tr("The trust file was not imported"))
            return
        trust = inspection.trust
        if inspection.unchanged:
            self.last_message = inform(
                window,
                self.tr("Trust file imported"),
                self.tr("This trust list is already in force; nothing changed."),
            )
            return
        offices = trust_listing(trust)
        if inspection.replaces_issuer and inspection.current is not None:
            text = self.tr(
                "This trust list was signed with a NEW province key. Trust it only if the "
                "province has told you, by phone or in its official notice, that its key "
                "changed and that the new fingerprint is:\n\n%1\n\nThe fingerprint in force "
                "until now:\n%2\n\nOffices on the new list:\n%3"
            )
            text = fill(
                text,
                trust.issuer.fingerprint_groups,
                inspection.current.issuer.fingerprint_groups,
                offices,
            )
        else:
            text = self.tr(
                "Compare this fingerprint of %1 with the one the province gives you by phone "
                "or in its official notice:\n\n%2\n\nOffices on the list:\n%3\n\n"
                "Trust these offices only if the fingerprint matches."
            )
            text = fill(text, trust.issuer.name, trust.issuer.fingerprint_groups, offices)
        box = self._confirmation(
            self.tr("Confirm the province's trust list"), text, self.tr("Confirm")
        )
        box.setObjectName("trustConfirmation")
        box.accepted.connect(lambda: self._accept_trust(inspection))
        box.open()
        self.last_message = box

    def _accept_trust(self, inspection: TrustInspection) -> None:
        window = self.window
        trust = inspection.trust
        try:
            decisions = window.workspace.decisions
            decisions.accept_trust(inspection, trust.issuer.fingerprint)
        except Exception as error:  # noqa: BLE001 - explained
            explain_error(window, error, self.tr("The trust file was not imported"))
            return
        offices_count = len(trust.offices)
        self.last_message = inform(
            window,
            self.tr("Trust file imported"),
            fill(
                self.tr(
                    "%n review office(s) are now trusted (province key %1).", "", offices_count
                ),
                trust.issuer.fingerprint_groups,
            ),
        )
        self.trust_imported.emit(trust)

    def remove_trust(self) -> None:
        """Records → Remove the trusted offices list: asks first, then forgets the list."""
        window = self.window
        try:
            trust = window.workspace.decisions.trust_list()
        except Exception as error:  # noqa: BLE001 - explained
            explain_error(window, error, self.tr("The trust list was not removed"))
            return
        if trust is None:
            self.last_message = inform(
                window, self.tr("Remove the trust list"), self.tr("No trust list is in force.")
            )
            return
        box = self._confirmation(
            self.tr("Remove the trust list"),
            fill(
                self.tr(
                    "Remove the trust list of %1 (province key %2)? Decisions already applied "
                    "stay; new decisions are refused until a trust list is imported again."
                ),
                trust.issuer.name,
                trust.issuer.fingerprint_groups,
            ),
            self.tr("Remove"),
        )
        box.setObjectName("trustRemoval")
        box.accepted.connect(self._remove_trust)
        box.open()
        self.last_message = box

    def _remove_trust(self) -> None:
        window = self.window
        try:
            removed = window.workspace.decisions.remove_trust_list()
        except Exception as error:  # noqa: BLE001 - explained
            explain_error(window, error, self.tr("The trust list was not removed"))
            return
        self.last_message = inform(
            window, self.tr("Remove the trust list"), self.tr("The trust list was removed.")
        )
        self.trust_removed.emit(removed)

    def _confirmation(self, title: str, text: str, confirm: str) -> QMessageBox:
        """A window-modal question with `confirm` (accepts) and Cancel (the default)."""
        box = plain_message_box(
            QMessageBox.Icon.Question, title, text, QMessageBox.StandardButton.NoButton, self.window
        )
        box.addButton(confirm, QMessageBox.ButtonRole.AcceptRole)
        cancel = box.addButton(self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(cancel)
        box.setEscapeButton(cancel)
        return box

    # -- decisions ---------------------------------------------------------------------
    def import_decision(self, path: Path | None = None) -> None:
        window = self.window
        if path is None:
            name, _ = QFileDialog.getOpenFileName(
                window,
                self.tr("Import a review decision"),
                in_documents(""),
                self.tr("Decision file (*.swddec)"),
            )
            if not name:
                return
            path = Path(name)
        target, decisions = path, window.workspace.decisions
        window.runner.submit(
            lambda: decisions.import_decision(target),
            self._on_decision_imported,
            lambda e: explain_error(window, e, self.tr("The decision was not applied")),
        )

    def _on_decision_imported(self, decision: AppliedDecision) -> None:
        from swdesk.domain.decision import DecisionOutcome, DecisionStage

        from .texts import reason_label

        window = self.window
        window.refresh_dashboard(reload_log=True)
        approved = decision.outcome is DecisionOutcome.APPROVED
        if approved and decision.stage is DecisionStage.FINAL:
            self.last_message = inform(
                window,
                self.tr("Registration renewed"),
                fill(
                    self.tr(
                        "%1 approved the application. The registration is valid from %2 to %3; "
                        "the electronic registration certificate is under Records → Open the "
                        "registration certificate."
                    ),
                    decision.office_name,
                    fmt_date(decision.registration_from),
                    fmt_date(decision.registration_to),
                ),
            )
        elif approved:
            self.last_message = inform(
                window,
                self.tr("First review passed"),
                fill(
                    self.tr(
                        "The application passed the first review at %1; it now goes on to the "
                        "final review."
                    ),
                    decision.office_name,
                ),
            )
        else:
            reasons = "\n".join(
                f"· {reason_label(code)}" + (f"：{comment}" if comment else "")
                for code, comment in decision.reasons
            )
            self.last_message = inform(
                window,
                self.tr("Application not approved"),
                fill(
                    self.tr(
                        "%1 did not approve the application:\n%2\n\nThe application wizard opens "
                        "with these points marked, so you can fix them and apply again."
                    ),
                    decision.office_name,
                    reasons,
                ),
                warning=True,
            )
            window.application_actions.open_wizard()
        self.decision_imported.emit(decision)

    # -- the certificate ---------------------------------------------------------------
    def latest_certificate(self) -> Path | None:
        window = self.window
        if window.current_id is None:
            return None
        decisions = window.workspace.decisions
        for decision in reversed(decisions.decisions_for(window.current_id)):
            if decision.certificate_file:
                return decisions.certificate_path(decision)
        return None

    def _certificate_or_explain(self) -> Path | None:
        try:
            path = self.latest_certificate()
        except Exception as error:  # noqa: BLE001 - explained
            explain_error(self.window, error, self.tr("The certificate could not be opened"))
            return None
        if path is None:
            self.last_message = inform(
                self.window,
                self.tr("No certificate yet"),
                self.tr(
                    "The electronic registration certificate arrives with the final approval: "
                    "import the decision file first."
                ),
            )
        return path

    def open_certificate(self) -> None:
        path = self._certificate_or_explain()
        if path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def save_certificate(self, dest: Path | None = None) -> None:
        """A copy of the certificate PDF where the user chooses (to print or send it)."""
        window = self.window
        path = self._certificate_or_explain()
        if path is None:
            return
        if dest is None:
            who = window.record.practitioner.name if window.record is not None else ""
            registration = window.record.latest_registration if window.record else None
            day = registration.valid_from if registration is not None else window.workspace.clock()
            name, _ = QFileDialog.getSaveFileName(
                window,
                self.tr("Save the registration certificate"),
                in_documents(
                    suggested_name([who, self.tr("registration certificate")], day, ".pdf")
                ),
                self.tr("PDF documents (*.pdf)"),
            )
            if not name:
                return
            dest = Path(name)
            if dest.suffix.lower() != ".pdf":
                dest = dest.with_name(dest.name + ".pdf")
        source, target = path, dest

        def copy() -> Path:
            from swdesk.core.outfiles import write_bytes  # a folder the user chose

            write_bytes(target, source.read_bytes())
            return target

        window.runner.submit(
            copy,
            self._on_certificate_saved,
            lambda e: explain_error(window, e, self.tr("The certificate was not saved")),
        )

    def _on_certificate_saved(self, written: Path) -> None:
        self.window.statusBar().showMessage(
            fill(self.tr("Certificate saved to %1"), written), 10000
        )
        self.certificate_saved.emit(written)
