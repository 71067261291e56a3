"""What the application form prints, handed to the PDF renderer already in the form's
language (Chinese). Standard library only."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from .application import ApplicationKind


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
