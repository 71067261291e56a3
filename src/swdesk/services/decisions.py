"""Review decisions on the practitioner's side: the province's trust list, verifying and
applying signed decision files (`.swddec`), the electronic registration certificate, and the
findings of a rejection for the wizard.

Importing a decision checks, in this order, each failure a `UserFixableError` naming the
file (param `file`) and nothing written:

1. the file is readable and well formed (`file_unreadable`, `decision_invalid`,
   `format_unsupported`), and its signature matches the office it names (`bad_signature`);
2. a trust list is in force (`trust_list_missing`; the rule pack's shipped list is imported
   on first need), the office is on it (`untrusted_office`) and may decide at that stage
   (`wrong_level`: the final review is the province's);
3. it judges an application this practitioner exported: the application uid and version
   exist here (`decision_wrong_application`) and its exported bundle (and content digest) is
   the one judged (`decision_wrong_bundle`);
4. it is new: not applied before (`decision_already_applied`), newer than every decision of
   the same office on that application (`decision_outdated`, reason `older_sequence`), no
   final approval was applied to that application yet and, for a first-level decision, no
   final decision at all (`decision_outdated`, reason `final_applied`). So a newer decision
   of the same office corrects its earlier one: a province that rejected by mistake approves
   later (the application becomes approved, the period and certificate are added); a final
   approval is never revoked (the reviewer refuses to decide an approved application again);
5. it chains with the office's decision files this folder already holds, for any
   application (`decision_chain_broken`: another file with the same sequence, or a
   `previous_hash` that is not the SHA-256 of the office's file numbered one less).

Sequences are compared per application, not per office: on a shared station PC one office's
decisions for several practitioners arrive in any order.

Then, in the same transaction: the decision is stored with its exact bytes; the application
becomes rejected (first or final rejection), approved (final approval) or stays exported
(first approval: 初审通过, informational); a final approval adds the new registration period
and the certificate PDF (saved in the evidence store, named on the decision row).

The trust list itself (inspect, accept, import, remove, the shipped default) is
`decision_trust.TrustListService`, the certificate's content and PDF `decision_certificates`;
`DecisionService` offers both through its own methods, the one door the windows use.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from swdesk.domain.application import ApplicationDraft, ApplicationKind, ApplicationState
from swdesk.domain.certificate import CertificateData, parse_certificate_qr
from swdesk.domain.decision import (
    AppliedDecision,
    DecisionOutcome,
    DecisionStage,
    DecisionStatus,
    ReviewFinding,
)
from swdesk.domain.enums import RegistrationKind
from swdesk.domain.errors import UserFixableError
from swdesk.domain.models import PractitionerRecord, RegistrationPeriod
from swdesk.storage.application_repository import ApplicationRepository
from swdesk.storage.database import Database
from swdesk.storage.decision_repository import DecisionRepository
from swdesk.storage.files import EvidenceStore
from swdesk.storage.orm import now
from swdesk.storage.references import unreferenced
from swdesk.storage.repositories import PractitionerRepository

from .applications import ApplicationService
from .clock import china_today
from .decision_certificates import CERTIFICATE_NAME, certificate_data, store_certificate
from .decision_trust import (
    MAX_TRUST_FILE_BYTES,
    TrustInspection,
    TrustListService,
    check_trusted,
    normalize_fingerprint,
    read_limited,
    signing_module,
    trust_in_force,
    wall_time,
)
from .profiles import ProfileService

if TYPE_CHECKING:  # swdesk.signing (cryptography) is imported when first used
    from swdesk.signing import OfficeIdentity as OfficeIdentity  # the windows' types
    from swdesk.signing import SignedDecision
    from swdesk.signing import TrustList as TrustList

__all__ = [
    "MAX_TRUST_FILE_BYTES",
    "REGISTRATION_KINDS",
    "STATE_AFTER",
    "DecisionService",
    "TrustInspection",
    "normalize_fingerprint",
]

log = logging.getLogger(__name__)

Clock = Callable[[], date]

# What the application becomes once a decision is applied.
STATE_AFTER: dict[DecisionStatus, ApplicationState] = {
    DecisionStatus.FIRST_APPROVED: ApplicationState.EXPORTED,  # 初审通过: still under review
    DecisionStatus.FIRST_REJECTED: ApplicationState.REJECTED,
    DecisionStatus.FINAL_APPROVED: ApplicationState.APPROVED,
    DecisionStatus.FINAL_REJECTED: ApplicationState.REJECTED,
}
REGISTRATION_KINDS = {
    ApplicationKind.FIRST: RegistrationKind.FIRST,
    ApplicationKind.RENEWAL: RegistrationKind.RENEWAL,
}


class DecisionService:
    """Trust list, decision import, certificates and rejection findings of one data folder."""

    def __init__(
        self,
        database: Database,
        evidence_store: EvidenceStore,
        profiles: ProfileService,
        applications: ApplicationService,
        clock: Clock = china_today,
    ) -> None:
        self._db = database
        self._evidence = evidence_store
        self._profiles = profiles
        self._applications = applications
        self._clock = clock
        self._trust = TrustListService(database)

    # -- the trust list (decision_trust.TrustListService) ----------------------------------
    def inspect_trust_file(self, path: Path) -> TrustInspection:
        """Verify a trust file and say what accepting it would change; stores nothing."""
        return self._trust.inspect_trust_file(path)

    def accept_trust(self, inspection: TrustInspection, fingerprint: str) -> TrustList:
        """Put an inspected list in force once the issuer's `fingerprint` is confirmed."""
        return self._trust.accept_trust(inspection, fingerprint)

    def remove_trust_list(self) -> TrustList | None:
        """Forget the trust list in force; returns it, or None when there was none."""
        return self._trust.remove_trust_list()

    def import_trust_file(self, path: Path, *, accept_new_issuer: bool = False) -> TrustList:
        """Verify the province's trust file and make it the list in force."""
        return self._trust.import_trust_file(path, accept_new_issuer=accept_new_issuer)

    def trust_list(self) -> TrustList | None:
        """The trust list in force (the shipped default is imported on first need)."""
        return self._trust.trust_list()

    def trusted_offices(self) -> list[OfficeIdentity]:
        """The offices of the trust list in force, the issuer first; [] when none."""
        return self._trust.trusted_offices()

    # -- decisions -----------------------------------------------------------------------
    def import_decision(self, path: Path) -> AppliedDecision:
        """Verify a decision file and apply it (see the module docs for every check).
        Everything happens in one transaction: a refused file changes nothing."""
        name = path.name
        signing = signing_module()
        signed = signing.read_decision(
            read_limited(path, signing.MAX_DECISION_BYTES + 1), file=name
        )
        created: list[str] = []
        try:
            with self._db.session() as session:
                application = self._check(session, signed, name)
                result = self._apply(session, signed, application, created)
        except BaseException:
            self._discard(created)
            raise
        log.info(
            "applied decision %s (%s) to application %s v%d",
            signed.digest[:16],
            result.status.value,
            result.application_uid,
            result.application_version,
        )
        return result

    def decisions_for(self, practitioner_id: int) -> list[AppliedDecision]:
        """Every decision applied to the practitioner's applications, newest first."""
        with self._db.session() as session:
            return DecisionRepository(session).for_practitioner(practitioner_id)

    def decisions_for_application(self, application_id: int) -> list[AppliedDecision]:
        """The decisions applied to one application version, newest first."""
        with self._db.session() as session:
            return DecisionRepository(session).for_application(application_id)

    def latest_status(self, application_id: int) -> DecisionStatus | None:
        """What the newest decision on the application says (e.g. 初审通过), or None."""
        decisions = self.decisions_for_application(application_id)
        return decisions[0].status if decisions else None

    def latest_rejection(self, practitioner_id: int) -> AppliedDecision | None:
        """The practitioner's newest applied decision if it is a rejection (its `reasons`
        are what the resubmission must fix); None when there is none or a newer decision
        was not a rejection."""
        decisions = self.decisions_for(practitioner_id)
        if decisions and decisions[0].outcome is DecisionOutcome.REJECTED:
            return decisions[0]
        return None

    def review_findings(self, practitioner_id: int) -> list[ReviewFinding]:
        """The reasons of the latest rejection, each with the wizard page that fixes it
        (hours_short → activities, data_wrong → personal, material_unclear and
        photo_unfit → materials, not_in_window → none, other → pre-check)."""
        rejection = self.latest_rejection(practitioner_id)
        return list(rejection.findings) if rejection is not None else []

    @staticmethod
    def findings(decision: AppliedDecision) -> list[ReviewFinding]:
        """One decision's reasons mapped to wizard pages."""
        return list(decision.findings)

    def decision_file(self, decision: AppliedDecision) -> bytes:
        """The exact signed file the decision was applied from (to verify it again)."""
        with self._db.session() as session:
            return DecisionRepository(session).raw(_require_id(decision))

    # -- the certificate -----------------------------------------------------------------
    def certificate_path(self, decision: AppliedDecision) -> Path:
        """Where the decision's certificate PDF is. A missing file is rendered again
        (same data, same bytes); `decision_certificate_missing` for a decision without one."""
        if not decision.certificate_file:
            raise UserFixableError("decision_certificate_missing", decision=decision.digest[:16])
        if self._evidence.exists(decision.certificate_file):
            return self._evidence.readable_path(decision.certificate_file, CERTIFICATE_NAME)
        created: list[str] = []
        try:
            with self._db.session() as session:
                repo = DecisionRepository(session)
                stored = repo.get(_require_id(decision))
                signed = signing_module().read_decision(
                    repo.raw(_require_id(decision)), file="decision"
                )
                application = ApplicationRepository(session).get(_require_app(stored))
                record = PractitionerRepository(session).get_record(application.practitioner_id)
                name = store_certificate(
                    self._evidence, record, application, signed, created, session
                )
                orphans = repo.set_certificate_file(_require_id(decision), name)
        except BaseException:
            self._discard(created)
            raise
        self._evidence.remove_unreferenced(orphans)
        return self._evidence.readable_path(name, CERTIFICATE_NAME)

    def certificate_data(self, decision: AppliedDecision) -> CertificateData:
        """What the certificate of a final approval prints (from today's profile data)."""
        with self._db.session() as session:
            repo = DecisionRepository(session)
            signed = signing_module().read_decision(
                repo.raw(_require_id(decision)), file="decision"
            )
            application = ApplicationRepository(session).get(_require_app(decision))
            record = PractitionerRepository(session).get_record(application.practitioner_id)
        return certificate_data(self._evidence, record, application, signed)

    def verify_certificate(self, qr_payload: str, decision_path: Path) -> SignedDecision:
        """Check a certificate (its QR text) against the decision file its holder shows:
        the file's SHA-256 is the one in the code, its signature matches, its office is
        trusted for a final decision, and it approves that application until that day.

        Raises `certificate_mismatch` (param `reason`) or the signing and trust errors;
        needs no application in this data folder (a reviewer or an employer can check).
        """
        name = decision_path.name
        try:
            digest, uid, valid_to = parse_certificate_qr(qr_payload)
        except ValueError:
            raise UserFixableError(
                "certificate_mismatch", file=name, reason="not_a_certificate_code"
            ) from None
        signing = signing_module()
        data = read_limited(decision_path, signing.MAX_DECISION_BYTES + 1)
        if hashlib.sha256(data).hexdigest() != digest:
            raise UserFixableError("certificate_mismatch", file=name, reason="other_decision")
        signed: SignedDecision = signing.read_decision(data, file=name)
        check_trusted(signed, self.trust_list(), name)
        d = signed.decision
        if (
            (d.stage, d.outcome) != ("final", "approved")
            or d.application_uid != uid
            or d.registration_to != valid_to
        ):
            raise UserFixableError("certificate_mismatch", file=name, reason="other_content")
        return signed

    # -- checks --------------------------------------------------------------------------
    def _check(self, session: Session, signed: SignedDecision, name: str) -> ApplicationDraft:
        """Trust, application and novelty checks; returns the application judged."""
        d = signed.decision
        check_trusted(signed, trust_in_force(session), name)
        application = ApplicationRepository(session).find(d.application_uid, d.application_version)
        if application is None:
            raise UserFixableError(
                "decision_wrong_application",
                file=name,
                application=d.application_uid,
                version=d.application_version,
            )
        if application.bundle_id != d.bundle_id or application.content_digest != d.content_digest:
            raise UserFixableError(
                "decision_wrong_bundle",
                file=name,
                application=d.application_uid,
                version=d.application_version,
                bundle=d.bundle_id[:16],
            )
        repo = DecisionRepository(session)
        if repo.by_digest(signed.digest) is not None:
            raise UserFixableError(
                "decision_already_applied", file=name, application=d.application_uid
            )
        assert application.id is not None
        earlier = repo.for_application(application.id)
        fingerprint = d.office.fingerprint
        same_office = [e.sequence for e in earlier if e.office_fingerprint == fingerprint]
        if same_office and max(same_office) >= d.sequence:
            raise UserFixableError(
                "decision_outdated",
                file=name,
                sequence=d.sequence,
                applied=max(same_office),
                reason="older_sequence",
            )
        # A final approval is never undone (there is no revocation); a final rejection can
        # be corrected only by the province (a newer final decision, checked above).
        if any(e.status is DecisionStatus.FINAL_APPROVED for e in earlier) or (
            d.stage != "final" and any(e.stage is DecisionStage.FINAL for e in earlier)
        ):
            raise UserFixableError(
                "decision_outdated", file=name, sequence=d.sequence, reason="final_applied"
            )
        self._check_chain(repo, signed, name)
        return application

    @staticmethod
    def _check_chain(repo: DecisionRepository, signed: SignedDecision, name: str) -> None:
        """Where this data folder knows the office's neighbouring decision files (any
        application), they must chain: no other file with the same sequence, and the
        previous file's SHA-256 as `previous_hash`. A fork means two different files
        signed with one number (a copied or stolen key): `decision_chain_broken`."""
        d = signed.decision
        for known in repo.from_office(d.office.fingerprint):
            if known.sequence == d.sequence:
                raise UserFixableError(
                    "decision_chain_broken", file=name, sequence=d.sequence, reason="same_sequence"
                )
            if known.sequence == d.sequence - 1 and known.digest != d.previous_hash:
                raise UserFixableError(
                    "decision_chain_broken", file=name, sequence=d.sequence, reason="previous_hash"
                )

    # -- applying ------------------------------------------------------------------------
    def _apply(
        self,
        session: Session,
        signed: SignedDecision,
        application: ApplicationDraft,
        created: list[str],
    ) -> AppliedDecision:
        d = signed.decision
        assert application.id is not None
        applied = AppliedDecision(
            application_id=application.id,
            application_uid=d.application_uid,
            application_version=d.application_version,
            bundle_id=d.bundle_id,
            stage=DecisionStage(d.stage),
            outcome=DecisionOutcome(d.outcome),
            reasons=tuple(d.reasons),
            late_accepted_reason=d.late_accepted_reason,
            registration_from=d.registration_from,
            registration_to=d.registration_to,
            decided_at=wall_time(d.decided_at),
            office_fingerprint=d.office.fingerprint,
            office_name=d.office.name,
            sequence=d.sequence,
            previous_hash=d.previous_hash,
            digest=signed.digest,
            imported_at=now(),
        )
        if applied.status is DecisionStatus.FINAL_APPROVED:
            practitioners = PractitionerRepository(session)
            record = practitioners.get_record(application.practitioner_id)
            self._add_registration(practitioners, record, application, applied)
            certificate = store_certificate(
                self._evidence, record, application, signed, created, session
            )
            applied = replace(applied, certificate_file=certificate)
        ApplicationRepository(session).set_state(application.id, STATE_AFTER[applied.status])
        repo = DecisionRepository(session)
        return repo.get(repo.add(applied, signed.raw))

    @staticmethod
    def _add_registration(
        practitioners: PractitionerRepository,
        record: PractitionerRecord,
        application: ApplicationDraft,
        applied: AppliedDecision,
    ) -> None:
        """Add the approved period to the registration history (not twice: a period the
        user already typed in with the same dates is kept as it is)."""
        start, end = applied.registration_from, applied.registration_to
        assert start is not None and end is not None  # signing checks final approvals
        if any(r.valid_from == start and r.valid_to == end for r in record.registrations):
            return
        note = f"{applied.office_name}终审通过（{applied.decided_at.date().isoformat()}）"
        # number "": a signed decision carries no registration certificate number (the
        # office's paper certificate does; the person enters it in the profile)
        period = RegistrationPeriod(REGISTRATION_KINDS[application.kind], start, end, note)
        assert record.practitioner.id is not None
        practitioners.add_registration(record.practitioner.id, period)

    def _discard(self, names: Iterable[str]) -> None:
        """Remove files written for a transaction that did not commit (if unreferenced)."""
        names = list(names)
        if not names:
            return
        with self._db.session() as session:
            orphans = unreferenced(session, names)
        self._evidence.remove_unreferenced(orphans)


def _require_id(decision: AppliedDecision) -> int:
    if decision.id is None:
        raise ValueError("the decision is not stored")
    return decision.id


def _require_app(decision: AppliedDecision) -> int:
    if decision.application_id is None:
        raise UserFixableError("decision_certificate_missing", decision=decision.digest[:16])
    return decision.application_id
