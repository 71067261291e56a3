"""Plain records the review store reads and writes: what the services see, never ORM rows."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from .vocabulary import DecisionOutcome, ReviewStage, ReviewState

__all__ = [
    "NewApplication",
    "NewDecision",
    "RecordVerdict",
    "StoredApplication",
    "StoredCheck",
    "StoredDecision",
    "StoredMember",
    "StoredOffice",
    "StoredTrustFile",
    "TrustedOffice",
]


@dataclass(frozen=True, slots=True)
class StoredMember:
    name: str
    role: str
    size: int
    sha256: str
    media_type: str


@dataclass(frozen=True, slots=True)
class StoredCheck:
    code: str
    passed: bool
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class RecordVerdict:
    """What the "provider_records" check found of the attendance record backing activity
    `activity` (its index in application.json), as stored (`orm.ProviderRecordRow`) and
    shown: `status` "verified" (signed by the trusted provider `provider`), "not_verified"
    (a provider the trust list does not name: the activity counts as self-reported) or
    "failed" (`reason`, one of `services.review.record_checks.FAILURE_REASONS`; `detail`
    names the field that differs, or the uid of the application that already used the
    record). `digest`: SHA-256 of the record file, what the certificate's QR code carries.
    `counted`: the office counts the activity."""

    activity: int
    record_id: str
    digest: str
    status: str
    provider: str
    reason: str = ""
    detail: str = ""
    hours_tenths: int = 0
    counted: bool = True


@dataclass(frozen=True, slots=True)
class NewApplication:
    """An application about to be stored (from a verified bundle)."""

    bundle_id: str
    uid: str
    version: int
    content_digest: str
    stored_name: str
    original_name: str
    file_size: int
    received_at: datetime
    stage: ReviewStage
    kind: str
    applicant_name: str
    id_number: str
    county: str
    certificate_level: str
    is_late: bool
    hours_counted_tenths: int
    hours_required_tenths: int
    registration_valid_to: date | None
    resubmission_of_uid: str | None
    application_json: str


@dataclass(frozen=True, slots=True)
class StoredApplication:
    """An application row (queue columns, links and its application.json text)."""

    id: int
    bundle_id: str
    uid: str
    version: int
    content_digest: str
    stored_name: str
    original_name: str
    file_size: int
    received_at: datetime
    stage: ReviewStage
    state: ReviewState
    decided_at: datetime | None
    kind: str
    applicant_name: str
    id_number: str
    county: str
    certificate_level: str
    is_late: bool
    hours_counted_tenths: int
    hours_required_tenths: int
    registration_valid_to: date | None
    checks_failed: int
    previous_id: int | None
    resubmission_of_uid: str | None
    resubmission_of_id: int | None
    claimed_by_id: int | None = None  # the staff member working on it
    row_version: int = 1  # raised by every change of the row
    application_json: str = ""


@dataclass(frozen=True, slots=True)
class NewDecision:
    application_id: int
    issued_here: bool
    stage: ReviewStage
    outcome: DecisionOutcome
    reasons: tuple[tuple[str, str], ...]
    late_reason: str
    registration_from: date | None
    registration_to: date | None
    decided_at: datetime
    sequence: int
    previous_hash: str
    digest: str
    raw: bytes
    office_fingerprint: str
    office_name: str
    office_level: str
    decided_by: str = ""  # the staff member who decided ("" for a received decision)
    signed_by: str = ""  # the head who signed it


@dataclass(frozen=True, slots=True)
class StoredDecision:
    id: int
    application_id: int
    issued_here: bool
    stage: ReviewStage
    outcome: DecisionOutcome
    reasons: tuple[tuple[str, str], ...]
    late_reason: str
    registration_from: date | None
    registration_to: date | None
    decided_at: datetime
    sequence: int
    previous_hash: str
    digest: str
    office_fingerprint: str
    office_name: str
    office_level: str
    exported_at: datetime | None
    decided_by: str = ""
    signed_by: str = ""


@dataclass(frozen=True, slots=True)
class StoredOffice:
    name: str
    region: str
    level: str
    rule_pack_id: str
    fingerprint: str
    public_key: bytes
    encrypted_key: bytes
    created_at: datetime


@dataclass(frozen=True, slots=True)
class TrustedOffice:
    fingerprint: str
    name: str
    region: str
    level: str
    public_key: bytes


@dataclass(frozen=True, slots=True)
class StoredTrustFile:
    id: int
    issuer_fingerprint: str
    issuer_name: str
    sequence: int
    issued_at: datetime
    digest: str
    raw: bytes
    imported_at: datetime
