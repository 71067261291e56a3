"""The rows an imported file becomes: the application of a verified bundle and, at the
province, the first-level decision forwarded with it (`importer` stores them).

Pure mappings from what was verified to `reviewstore.records`; the day of the first-level
decision, which the province's automatic checks judge by, is read here too.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from swdesk.bundle import VerifiedBundle
from swdesk.core.strict_json import canonical_text
from swdesk.reviewstore.records import NewApplication, NewDecision
from swdesk.reviewstore.vocabulary import DecisionOutcome, ReviewStage

if TYPE_CHECKING:
    from swdesk.signing import SignedDecision

__all__ = ["first_level_day", "new_application", "received_decision"]


def first_level_day(signed: SignedDecision | None) -> date | None:
    """The local day of the first-level decision forwarded with a bundle (None without)."""
    return signed.decision.decided_at.astimezone().date() if signed is not None else None


def _tenths(value: Any) -> int:
    return int(Decimal(str(value)) * 10)


def new_application(
    bundle: VerifiedBundle,
    *,
    stored_name: str,
    original_name: str,
    received_at: datetime,
    stage: ReviewStage,
) -> NewApplication:
    """The application row of a verified bundle stored as `stored_name`."""
    a = bundle.application
    applicant, app = a["applicant"], a["application"]
    registration = a.get("registration") or {}
    valid_to = registration.get("valid_to")
    return NewApplication(
        bundle_id=bundle.bundle_id,
        uid=app["uid"],
        version=app["version"],
        content_digest=bundle.content_digest,
        stored_name=stored_name,
        original_name=original_name[:255],
        file_size=bundle.size,
        received_at=received_at,
        stage=stage,
        kind=app["kind"],
        applicant_name=applicant["name"],
        id_number=applicant["id_number"],
        county=applicant["county"],
        certificate_level=(a.get("certificate") or {}).get("level", ""),
        is_late=bool(a["is_late"]),
        hours_counted_tenths=_tenths(a["hours"]["counted"]),
        hours_required_tenths=_tenths(a["hours"]["required"]),
        registration_valid_to=date.fromisoformat(valid_to) if valid_to else None,
        resubmission_of_uid=a.get("resubmission_of"),
        application_json=canonical_text(a),
    )


def received_decision(app_id: int, signed: SignedDecision) -> NewDecision:
    """The row of the first-level decision forwarded with the application `app_id`."""
    d = signed.decision
    return NewDecision(
        application_id=app_id,
        issued_here=False,
        stage=ReviewStage(d.stage),
        outcome=DecisionOutcome(d.outcome),
        reasons=d.reasons,
        late_reason=d.late_accepted_reason,
        registration_from=d.registration_from,
        registration_to=d.registration_to,
        decided_at=d.decided_at.astimezone().replace(tzinfo=None),
        sequence=d.sequence,
        previous_hash=d.previous_hash,
        digest=signed.digest,
        raw=signed.raw,
        office_fingerprint=d.office.fingerprint,
        office_name=d.office.name,
        office_level=str(d.office.level),
    )
