"""The data printed on the application form, in the form's language (Chinese)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from swdesk.domain.application import ApplicationDraft, ApplicationKind, MaterialRole
from swdesk.domain.application_form import (
    ApplicationFormData,
    FormActivityRow,
    FormChecklistItem,
    FormReviewLevel,
)
from swdesk.domain.counting import total_hours
from swdesk.domain.models import Activity, PractitionerRecord
from swdesk.domain.rulepack import RulePack
from swdesk.domain.rules import RegistrationStatus

from . import form_labels as zh


def qr_payload(draft: ApplicationDraft, content_digest: str) -> str:
    return f"{zh.QR_PREFIX}|{draft.uid}|{draft.version}|{content_digest}"


def build_form_data(
    draft: ApplicationDraft,
    record: PractitionerRecord,
    status: RegistrationStatus,
    counted: Sequence[Activity],
    pack: RulePack,
    content_digest: str,
    photo_jpeg: bytes | None,
    today: date,
) -> ApplicationFormData:
    p = record.practitioner
    certificate = record.current_certificate
    registration = record.latest_registration
    county = pack.county(p.county)
    late = status.is_late
    rows = tuple(
        FormActivityRow(
            a.title,
            a.organiser,
            a.start_date,
            a.end_date,
            zh.ACTIVITY_TYPES[a.activity_type],
            a.hours,
        )
        for a in sorted(counted, key=lambda a: (a.start_date, a.end_date))
    )
    evidence_count = sum(len(a.evidence) for a in counted)
    others = draft.materials_with(MaterialRole.OTHER)
    renewal = draft.kind is ApplicationKind.RENEWAL
    checklist = [
        FormChecklistItem("本申请表（申请人签字）", True, "打印签字后扫描上传"),
        FormChecklistItem("近期免冠证件照", draft.photo is not None),
    ]
    if renewal:  # a first registration asks for no continuing education
        # ticked only when something is attached; the note counts what is
        checklist.append(
            FormChecklistItem(
                "继续教育证明材料",
                evidence_count > 0,
                f"共 {evidence_count} 份" if evidence_count else "",
            )
        )
    if draft.identity_changed:
        checklist.append(
            FormChecklistItem(
                "身份信息变更证明", bool(draft.materials_with(MaterialRole.IDENTITY_CHANGE))
            )
        )
    if late:
        checklist.append(FormChecklistItem("逾期情况说明", bool(draft.late_explanation.strip())))
    if others:
        checklist.append(FormChecklistItem("其他材料", True, f"共 {len(others)} 份"))
    authorities = pack.review_authorities
    reviews = tuple(
        FormReviewLevel(zh.review_title(i, a.name_zh), a.name_zh) for i, a in enumerate(authorities)
    )
    return ApplicationFormData(
        kind=draft.kind,
        title=zh.FORM_TITLES[draft.kind],
        application_uid=draft.uid,
        version=draft.version,
        generated_on=today,
        name=p.name,
        gender_label=zh.GENDERS[p.gender],
        birth_date=p.birth_date,
        id_number=p.id_number,
        phone=draft.phone,
        employer=draft.employer,
        employer_credit_code=draft.employer_credit_code,
        post=draft.post,
        years_in_social_work=p.years_in_social_work,
        county_label=county.name_zh if county else p.county,
        level_label=zh.LEVELS[certificate.level] if certificate else "",
        certificate_number=certificate.number if certificate else "",
        certificate_obtained_on=certificate.obtained_on if certificate else today,
        registration_from=registration.valid_from if registration and renewal else None,
        registration_to=registration.valid_to if registration and renewal else None,
        registration_number=registration.number if registration and renewal else "",
        activities=rows,
        hours_total=total_hours(counted),
        hours_required=status.required_hours,
        is_late=late,
        late_explanation=draft.late_explanation.strip() if late else "",
        declaration_text=zh.DECLARATION,
        review_levels=reviews,
        checklist=tuple(checklist),
        qr_payload=qr_payload(draft, content_digest),
        photo_jpeg=photo_jpeg,
        rule_pack_label=pack.name_zh,
        photo_size_mm=pack.photo_size_mm,
    )
