"""Review decisions as the practitioner's swdesk keeps them: trusted offices, applied
decisions, and the findings of a rejection mapped to the wizard pages that fix them.

A decision file (`.swddec`) is signed by the deciding office (see `swdesk.signing`); once
verified and applied it is stored as an `AppliedDecision`. Standard library only.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from .fix_list import WizardPage


class DecisionStage(StrEnum):
    """Which review level decided."""

    FIRST = "first"  # 初审 (county or city bureau)
    FINAL = "final"  # 终审 (province)


class DecisionOutcome(StrEnum):
    APPROVED = "approved"
    REJECTED = "rejected"


class ReasonCode(StrEnum):
    """The standard reason codes of a rejection (labels live in the UI, translated)."""

    HOURS_SHORT = "hours_short"  # 学时不足
    DATA_WRONG = "data_wrong"  # 信息有误
    MATERIAL_UNCLEAR = "material_unclear"  # 材料不清晰
    PHOTO_UNFIT = "photo_unfit"  # 照片不合格
    NOT_IN_WINDOW = "not_in_window"  # 不在申请期
    OTHER = "other"  # 其他


class DecisionStatus(StrEnum):
    """What an applied decision means for the application (national system states)."""

    FIRST_APPROVED = "first_approved"  # 初审通过 (informational: still under review)
    FIRST_REJECTED = "first_rejected"  # 初审未通过
    FINAL_APPROVED = "final_approved"  # 终审通过 (registration extended, certificate issued)
    FINAL_REJECTED = "final_rejected"  # 终审未通过


# Where the wizard sends the user to fix each reason. "not_in_window" cannot be fixed in
# swdesk (wait for the window); anything unknown or "other" goes to the pre-check page.
REASON_PAGES: dict[str, WizardPage] = {
    ReasonCode.HOURS_SHORT: WizardPage.ACTIVITIES,
    ReasonCode.DATA_WRONG: WizardPage.PERSONAL,
    ReasonCode.MATERIAL_UNCLEAR: WizardPage.MATERIALS,
    ReasonCode.PHOTO_UNFIT: WizardPage.MATERIALS,
    ReasonCode.NOT_IN_WINDOW: WizardPage.NONE,
    ReasonCode.OTHER: WizardPage.PRECHECK,
}


def reason_page(code: str) -> WizardPage:
    """The wizard page that fixes a rejection reason (the pre-check page if unknown)."""
    return REASON_PAGES.get(code, WizardPage.PRECHECK)


@dataclass(frozen=True, slots=True)
class ReviewFinding:
    """One reason of a rejection with the reviewer's comment and where to fix it."""

    code: str  # a ReasonCode value (an unknown code from a newer reviewer is kept as is)
    comment: str
    page: WizardPage


@dataclass(frozen=True, slots=True)
class TrustedOffice:
    """A review office from the province's trust list, as stored by the practitioner."""

    fingerprint: str  # 64 hex: SHA-256 of the public key
    name: str
    region: str
    level: str  # "county", "city" or "province"
    public_key: bytes  # 32 raw Ed25519 bytes
    trust_list_digest: str  # SHA-256 of the trust file it came from
    trust_list_sequence: int
    trust_list_issued_at: datetime
    is_issuer: bool  # the province office that signed the trust list
    imported_at: datetime


@dataclass(frozen=True, slots=True)
class AppliedDecision:
    """A verified decision file applied to one of the practitioner's applications."""

    application_id: int | None  # None once the application was deleted
    application_uid: str
    application_version: int
    bundle_id: str
    stage: DecisionStage
    outcome: DecisionOutcome
    reasons: tuple[tuple[str, str], ...]  # (code, comment)
    late_accepted_reason: str
    registration_from: date | None  # final approval only
    registration_to: date | None
    decided_at: datetime
    office_fingerprint: str
    office_name: str
    sequence: int  # the office's decision counter
    previous_hash: str  # SHA-256 of the office's previous decision file ("" for the first)
    digest: str  # SHA-256 of the decision file: its identity
    imported_at: datetime
    certificate_file: str = ""  # stored name of the certificate PDF ("" if none)
    id: int | None = None

    @property
    def status(self) -> DecisionStatus:
        return DecisionStatus(f"{self.stage.value}_{self.outcome.value}")

    @property
    def approved(self) -> bool:
        return self.outcome is DecisionOutcome.APPROVED

    @property
    def findings(self) -> tuple[ReviewFinding, ...]:
        """The reasons with the wizard page that fixes each."""
        return tuple(
            ReviewFinding(code, comment, reason_page(code)) for code, comment in self.reasons
        )
