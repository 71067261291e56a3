"""Importing one signed decision into a data folder's open transaction: the checks that
decide whether it may be applied (`check_decision`) and applying it (`apply_decision`).

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

`DecisionService.import_decision` reads the file and runs both in one transaction, so a
refused file changes nothing.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from sqlalchemy.orm import Session

from swdesk.domain.application import ApplicationDraft, ApplicationKind, ApplicationState
from swdesk.domain.decision import AppliedDecision, DecisionOutcome, DecisionStage, DecisionStatus
from swdesk.domain.enums import RegistrationKind
from swdesk.domain.errors import UserFixableError
from swdesk.domain.models import PractitionerRecord, RegistrationPeriod
from swdesk.storage.application_repository import ApplicationRepository
from swdesk.storage.decision_repository import DecisionRepository
from swdesk.storage.files import EvidenceStore
from swdesk.storage.orm import now
from swdesk.storage.repositories import PractitionerRepository

from .decision_certificates import store_certificate
from .decision_trust import check_trusted, trust_in_force, wall_time

if TYPE_CHECKING:  # swdesk.signing (cryptography) is imported when first used
    from swdesk.signing import SignedDecision

__all__ = ["REGISTRATION_KINDS", "STATE_AFTER", "apply_decision", "check_decision"]

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


def check_decision(session: Session, signed: SignedDecision, name: str) -> ApplicationDraft:
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
        raise UserFixableError("decision_already_applied", file=name, application=d.application_uid)
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
    _check_chain(repo, signed, name)
    return application


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


def apply_decision(
    session: Session,
    evidence: EvidenceStore,
    signed: SignedDecision,
    application: ApplicationDraft,
    created: list[str],
) -> AppliedDecision:
    """Store the decision with its exact bytes and set the application's state; a final
    approval adds the registration period and the certificate PDF (its stored name put in
    `created`, for the caller to remove if the transaction does not commit)."""
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
        _add_registration(practitioners, record, application, applied)
        certificate = store_certificate(evidence, record, application, signed, created, session)
        applied = replace(applied, certificate_file=certificate)
    ApplicationRepository(session).set_state(application.id, STATE_AFTER[applied.status])
    repo = DecisionRepository(session)
    return repo.get(repo.add(applied, signed.raw))


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
