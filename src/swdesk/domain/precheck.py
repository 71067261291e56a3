"""The reviewer's first check, done before submitting: the fix list (补正清单).

Pure function of the practitioner's record, the draft, the rule engine's status and the
files that exist; each `FixItem` says what is wrong, which page fixes it and, where a
rule-pack rule is behind it, that rule's citation (`FixItem.basis`, the "依据" line).
Only a cited rule holds back the export: an item resting on a rule the pack marks as an
assumption is a note (`FixItem.blocking` False).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal

from .application import ApplicationDraft, ApplicationKind, MaterialRole
from .counting import counted_on
from .credit_code import credit_code_issues
from .enums import RegistrationState
from .fix_list import FixItem, WizardPage
from .models import Activity, PractitionerRecord
from .registration_number import registration_number_missing
from .rulepack import RulePack
from .rules import RegistrationStatus
from .validation import certificate_issues, phone_issues, practitioner_issues

MIN_LATE_EXPLANATION_CHARS = 20


def precheck(
    record: PractitionerRecord,
    draft: ApplicationDraft,
    status: RegistrationStatus,
    activities: Sequence[Activity],
    pack: RulePack,
    today: date,
    file_exists: Callable[[str], bool],
) -> list[FixItem]:
    """Every reason a first-level reviewer would send the application back, in page order.

    `file_exists(stored_name)` tells whether an evidence or material file is still in the
    data folder (it may have been deleted by hand since it was attached).
    """
    items: list[FixItem] = []
    items += _profile_items(record, draft, today, pack)
    items += _personal_items(draft)
    items += registration_number_missing(record, draft.kind)
    if draft.kind is ApplicationKind.RENEWAL:
        items += _timing_items(status, pack)
        items += _hours_items(status, activities, file_exists, pack)
    else:
        items += _first_registration_items(record, status)
    items += _material_items(draft, status, file_exists, pack)
    if not draft.declaration_accepted:
        items.append(FixItem("declaration_not_accepted", WizardPage.DECLARATION))
    return items


def _profile_items(
    record: PractitionerRecord, draft: ApplicationDraft, today: date, pack: RulePack
) -> list[FixItem]:
    p = record.practitioner
    issues = [
        i
        for i in practitioner_issues(p, today, pack)
        if i.field not in {"phone", "employer", "employer_credit_code", "post"}
    ]
    certificate = record.current_certificate
    items = [
        FixItem(
            "profile_invalid",
            WizardPage.PROFILE,
            {**i.params, "field": i.field, "issue": i.code},
            basis=pack.citation("counties") if i.code == "county_unknown" else None,
        )
        for i in issues
    ]
    if certificate is None:
        items.append(FixItem("certificate_missing", WizardPage.PROFILE))
    else:
        items += [
            FixItem(
                "profile_invalid",
                WizardPage.PROFILE,
                {**i.params, "field": i.field, "issue": i.code},
            )
            for i in certificate_issues(certificate, today, p.birth_date)
        ]
    return items


def _personal_items(draft: ApplicationDraft) -> list[FixItem]:
    items = []
    for issue in phone_issues(draft.phone) + credit_code_issues(draft.employer_credit_code):
        items.append(
            FixItem(
                "personal_invalid",
                WizardPage.PERSONAL,
                {**issue.params, "field": issue.field, "issue": issue.code},
            )
        )
    for name in ("employer", "post"):
        if not getattr(draft, name).strip():
            items.append(
                FixItem(
                    "personal_invalid", WizardPage.PERSONAL, {"field": name, "issue": "required"}
                )
            )
    return items


def _timing_items(status: RegistrationStatus, pack: RulePack) -> list[FixItem]:
    if status.state is RegistrationState.NOT_REGISTERED:
        return [FixItem("not_registered", WizardPage.PROFILE)]
    if status.state in (RegistrationState.VALID, RegistrationState.WINDOW_NOT_OPEN):
        key = "window_opens_months_before"
        return [
            FixItem(
                "window_not_open",
                WizardPage.NONE,
                {"opens": status.window_opens_on},
                blocking=pack.may_block(key),
                basis=pack.citation(key),
            )
        ]
    return []


def _hours_items(
    status: RegistrationStatus,
    activities: Sequence[Activity],
    file_exists: Callable[[str], bool],
    pack: RulePack,
) -> list[FixItem]:
    """Short of the cited requirement: "hours_short" (blocking). Short only of a figure the
    pack marks as an assumption (Gansu's late 120 hours): "hours_short_assumed", a note."""
    items: list[FixItem] = []
    registered = status.state is not RegistrationState.NOT_REGISTERED
    short_of_cited = max(Decimal(0), status.blocking_hours - status.counted_hours)
    if registered and short_of_cited > 0:
        items.append(
            FixItem(
                "hours_short",
                WizardPage.ACTIVITIES,
                {
                    "needed": short_of_cited,
                    "required": status.blocking_hours,
                    "counted": status.counted_hours,
                    "late": status.is_late,
                },
                basis=status.basis.get("blocking_hours"),
            )
        )
    if registered and status.hours_needed > short_of_cited:
        items.append(
            FixItem(
                "hours_short_assumed",
                WizardPage.ACTIVITIES,
                {
                    "needed": status.hours_needed,
                    "required": status.required_hours,
                    "counted": status.counted_hours,
                    "late": status.is_late,
                },
                blocking=False,
                basis=status.basis.get("hours"),
            )
        )
    for activity in counted_on(activities, status.counting_period, status.today):
        # a provider's signed record is the activity's proof: the bundle carries it
        if not activity.evidence and activity.attestation is None:
            items.append(
                FixItem(
                    "activity_without_evidence",
                    WizardPage.ACTIVITIES,
                    {"title": activity.title, "activity_id": activity.id},
                )
            )
            continue
        for evidence in activity.evidence:
            if not file_exists(evidence.stored_name):
                items.append(
                    FixItem(
                        "evidence_file_missing",
                        WizardPage.ACTIVITIES,
                        {
                            "title": activity.title,
                            "file": evidence.original_name,
                            "activity_id": activity.id,
                        },
                    )
                )
    return items


def _first_registration_items(
    record: PractitionerRecord, status: RegistrationStatus
) -> list[FixItem]:
    if status.state in (
        RegistrationState.VALID,
        RegistrationState.WINDOW_NOT_OPEN,
        RegistrationState.WINDOW_OPEN,
    ):
        return [FixItem("already_registered", WizardPage.NONE, {"expires": status.expires_on})]
    return []


def _material_items(
    draft: ApplicationDraft,
    status: RegistrationStatus,
    file_exists: Callable[[str], bool],
    pack: RulePack,
) -> list[FixItem]:
    items: list[FixItem] = []
    if draft.photo is None:
        items.append(FixItem("photo_missing", WizardPage.MATERIALS))
    if draft.identity_changed and not draft.materials_with(MaterialRole.IDENTITY_CHANGE):
        items.append(FixItem("identity_proof_missing", WizardPage.MATERIALS))
    late = draft.kind is ApplicationKind.RENEWAL and status.is_late
    if (
        late
        and status.explanation_required
        and (len(draft.late_explanation.strip()) < MIN_LATE_EXPLANATION_CHARS)
    ):
        key = "late_requires_explanation"
        items.append(
            FixItem(
                "late_explanation_missing",
                WizardPage.MATERIALS,
                {"min": MIN_LATE_EXPLANATION_CHARS},
                blocking=pack.may_block(key),
                basis=pack.citation(key),
            )
        )
    for material in draft.materials:
        if not file_exists(material.stored_name):
            items.append(
                FixItem(
                    "material_file_missing", WizardPage.MATERIALS, {"file": material.original_name}
                )
            )
    return items
