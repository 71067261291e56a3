"""The (re-)registration application: its draft, its states, and the data handed to the
form renderer and the bundle writer. Standard library only."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from .rulepack import Citation


class ApplicationKind(StrEnum):
    FIRST = "first"  # 首次登记
    RENEWAL = "renewal"  # 再登记


class ApplicationState(StrEnum):
    DRAFT = "draft"  # 草稿
    EXPORTED = "exported"  # 已导出，待审核
    REJECTED = "rejected"  # 未通过 (set when a decision comes back)
    APPROVED = "approved"  # 审核通过 (set when a final approval comes back)


class MaterialRole(StrEnum):
    PHOTO = "photo"  # 近期免冠证件照
    IDENTITY_CHANGE = "identity_change"  # 身份信息变更证明
    LATE_EXPLANATION = "late_explanation"  # 逾期情况说明（扫描件，可选；文字见 late_explanation）
    OTHER = "other"  # 其他材料
    SIGNED_FORM = "signed_form"  # 签字后的申请表扫描件


@dataclass(frozen=True, slots=True)
class MaterialFile:
    role: MaterialRole
    original_name: str
    stored_name: str  # inside the data folder's evidence store (sha256 + extension)
    sha256: str
    size: int
    media_type: str


@dataclass(frozen=True, slots=True)
class ApplicationDraft:
    """What the wizard edits. Saved as a whole; exporting freezes a version."""

    practitioner_id: int
    kind: ApplicationKind
    uid: str  # the application's identifier (UUID4 text), stable across versions
    version: int = 1
    state: ApplicationState = ApplicationState.DRAFT
    phone: str = ""  # personal data as updated in the wizard
    employer: str = ""
    employer_credit_code: str = ""
    post: str = ""
    identity_changed: bool = False  # 身份信息有变更 → proof required
    late_explanation: str = ""  # 情况说明 (required on the late path)
    declaration_accepted: bool = False
    declaration_accepted_at: datetime | None = None
    materials: tuple[MaterialFile, ...] = ()
    created_at: datetime | None = None
    updated_at: datetime | None = None
    exported_at: datetime | None = None
    bundle_id: str = ""  # SHA-256 of the exported manifest
    content_digest: str = ""  # printed in the form's QR code
    parent_id: int | None = None  # the rejected application this one resubmits
    id: int | None = None

    def materials_with(self, role: MaterialRole) -> tuple[MaterialFile, ...]:
        return tuple(m for m in self.materials if m.role is role)

    @property
    def photo(self) -> MaterialFile | None:
        photos = self.materials_with(MaterialRole.PHOTO)
        return photos[-1] if photos else None

    @property
    def signed_scan(self) -> MaterialFile | None:
        scans = self.materials_with(MaterialRole.SIGNED_FORM)
        return scans[-1] if scans else None


class WizardPage(StrEnum):
    """Where a fix-list item sends the user."""

    PERSONAL = "personal"
    MATERIALS = "materials"
    ACTIVITIES = "activities"  # the continuing-education log (outside the wizard)
    PROFILE = "profile"  # the profile editor (outside the wizard)
    DECLARATION = "declaration"
    PRECHECK = "precheck"  # the wizard's first page (a reviewer's "other" reason)
    NONE = "none"  # nothing to fix in swdesk (e.g. wait until the window opens)


@dataclass(frozen=True, slots=True)
class FixItem:
    """One entry of the 补正清单: a code for the UI's sentence, params, and where to fix it.

    `blocking` False: a note the office may raise, resting on a rule the pack marks as an
    assumption; it is shown but never holds back the export. `basis`: the rule behind it
    (shown as its "依据" line), None when the item rests on no rule-pack rule."""

    code: str
    page: WizardPage
    params: dict[str, object] = field(default_factory=dict)
    blocking: bool = True
    basis: Citation | None = None


def blocking_items(items: Iterable[FixItem]) -> list[FixItem]:
    """The items that hold back the export (notes left out)."""
    return [item for item in items if item.blocking]


# -- what the PDF renderer receives (already in the form's language: Chinese) --------------


@dataclass(frozen=True, slots=True)
class FormActivityRow:
    title: str
    organiser: str
    start_date: date
    end_date: date
    type_label: str
    hours: Decimal


@dataclass(frozen=True, slots=True)
class FormChecklistItem:
    label: str
    included: bool
    note: str = ""


@dataclass(frozen=True, slots=True)
class FormReviewLevel:
    title: str  # e.g. "平凉市民政局初审意见"
    authority: str  # e.g. "平凉市民政局"


@dataclass(frozen=True, slots=True)
class ApplicationFormData:
    """Everything printed on the 《社会工作者再登记申请表》 (or 首次登记申请表)."""

    kind: ApplicationKind
    title: str  # e.g. "社会工作者再登记申请表"
    application_uid: str
    version: int
    generated_on: date
    name: str
    gender_label: str
    birth_date: date
    id_number: str  # printed in full: the applicant signs this form
    phone: str
    employer: str
    employer_credit_code: str
    post: str
    years_in_social_work: int
    county_label: str
    level_label: str
    certificate_number: str
    certificate_obtained_on: date
    registration_from: date | None  # the expiring period (re-registration); None: first
    registration_to: date | None
    activities: tuple[FormActivityRow, ...]
    hours_total: Decimal
    hours_required: Decimal
    is_late: bool
    late_explanation: str
    declaration_text: str
    review_levels: tuple[FormReviewLevel, ...]
    checklist: tuple[FormChecklistItem, ...]
    qr_payload: str
    photo_jpeg: bytes | None  # normalised JPEG (354×472 px at most), None when missing
    rule_pack_label: str = ""
    # Items still on the fix list when the form was generated: > 0 prints every page as a
    # draft (预审未通过，草稿), so a form printed too early is never taken for the real one.
    open_fix_items: int = 0
    # 登记证书编号 of the expiring registration ("" when not known: a blank line to fill in)
    registration_number: str = ""
    # The photo's printed size (width, height) in mm, from the rule pack (一寸 25×35 mm)
    photo_size_mm: tuple[Decimal, Decimal] = (Decimal(25), Decimal(35))
