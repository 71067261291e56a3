"""Review decisions on the practitioner's side: the province's trust list, verifying and
applying signed decision files (`.swddec`), the electronic registration certificate, and the
findings of a rejection for the wizard.

Importing a decision checks it (trust, the application judged, novelty, the office's chain)
and applies it in one transaction (`decision_import`): a refused file changes nothing.

The trust list itself (inspect, accept, import, remove, the shipped default) is
`decision_trust.TrustListService`, the certificate's content and PDF `decision_certificates`;
`DecisionService` offers both through its own methods, the one door the windows use.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from swdesk.domain.certificate import CertificateData, parse_certificate_qr
from swdesk.domain.decision import (
    AppliedDecision,
    DecisionOutcome,
    DecisionStatus,
    ReviewFinding,
)
from swdesk.domain.errors import UserFixableError
from swdesk.storage.application_repository import ApplicationRepository
from swdesk.storage.database import Database
from swdesk.storage.decision_repository import DecisionRepository
from swdesk.storage.files import EvidenceStore
from swdesk.storage.references import unreferenced
from swdesk.storage.repositories import PractitionerRepository

from .applications import ApplicationService
from .clock import china_today
from .decision_certificates import CERTIFICATE_NAME, certificate_data, store_certificate
from .decision_import import apply_decision, check_decision
from .decision_trust import (
    MAX_TRUST_FILE_BYTES,
    TrustInspection,
    TrustListService,
    check_trusted,
    normalize_fingerprint,
    read_limited,
    signing_module,
)
from .profiles import ProfileService

if TYPE_CHECKING:  # swdesk.signing (cryptography) is imported when first used
    from swdesk.signing import OfficeIdentity as OfficeIdentity  # the windows' types
    from swdesk.signing import SignedDecision
    from swdesk.signing import TrustList as TrustList

__all__ = [
    "MAX_TRUST_FILE_BYTES",
    "DecisionService",
    "TrustInspection",
    "normalize_fingerprint",
]

log = logging.getLogger(__name__)

Clock = Callable[[], date]


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
        """Verify a decision file and apply it (see `decision_import` for every check).
        Everything happens in one transaction: a refused file changes nothing."""
        name = path.name
        signing = signing_module()
        signed = signing.read_decision(
            read_limited(path, signing.MAX_DECISION_BYTES + 1), file=name
        )
        created: list[str] = []
        try:
            with self._db.session() as session:
                application = check_decision(session, signed, name)
                result = apply_decision(session, self._evidence, signed, application, created)
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
