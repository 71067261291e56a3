"""Names of the domain's enums and codes on screen (context "Labels"), and the
"Basis" line citing where a requirement comes from.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale

from swdesk.domain.enums import (
    ActivityType,
    CertificateLevel,
    ContentArea,
    Gender,
    RegistrationKind,
    RegistrationState,
)
from swdesk.domain.models import Activity

from .values import fill, fill_named

translate = QCoreApplication.translate


def gender_label(value: Gender) -> str:
    return {
        Gender.MALE: translate("Labels", "Male"),
        Gender.FEMALE: translate("Labels", "Female"),
    }[value]


def level_label(value: CertificateLevel) -> str:
    return {
        CertificateLevel.ASSISTANT: translate("Labels", "Assistant Social Worker"),
        CertificateLevel.INTERMEDIATE: translate("Labels", "Social Worker"),
        CertificateLevel.SENIOR: translate("Labels", "Senior Social Worker"),
    }[value]


def registration_kind_label(value: RegistrationKind) -> str:
    return {
        RegistrationKind.FIRST: translate("Labels", "First registration"),
        RegistrationKind.RENEWAL: translate("Labels", "Re-registration"),
    }[value]


def activity_type_label(value: ActivityType) -> str:
    return {
        ActivityType.TRAINING: translate("Labels", "Training course"),
        ActivityType.LECTURE: translate("Labels", "Lecture"),
        ActivityType.SEMINAR: translate("Labels", "Seminar or exchange"),
        ActivityType.DEGREE: translate("Labels", "Social-work degree education"),
        ActivityType.RESEARCH: translate("Labels", "Research, book or paper"),
        ActivityType.ASSOCIATION: translate("Labels", "Association continuing education"),
        ActivityType.ONLINE: translate("Labels", "Designated online platform"),
    }[value]


def content_area_label(value: ContentArea) -> str:
    return {
        ContentArea.VALUES_ETHICS: translate("Labels", "Professional values and ethics"),
        ContentArea.LAWS_POLICIES: translate("Labels", "Laws, regulations and policies"),
        ContentArea.THEORY_PRACTICE: translate("Labels", "Social-work theory and practice"),
        ContentArea.RELATED_KNOWLEDGE: translate("Labels", "Related knowledge and skills"),
    }[value]


def state_label(value: RegistrationState) -> str:
    return {
        RegistrationState.NOT_REGISTERED: translate("Labels", "Not registered"),
        RegistrationState.VALID: translate("Labels", "Valid"),
        RegistrationState.WINDOW_NOT_OPEN: translate(
            "Labels", "Valid · re-registration window not yet open"
        ),
        RegistrationState.WINDOW_OPEN: translate("Labels", "Re-registration window open"),
        RegistrationState.OVERDUE: translate("Labels", "Expired · not re-registered"),
        RegistrationState.AWAITING_SUBMISSION: translate("Labels", "Exported, not yet submitted"),
        RegistrationState.UNDER_REVIEW: translate("Labels", "Under review"),
    }[value]


def key_date_label(code: str) -> str:
    return {
        "reminder": translate("Labels", "Start preparing (reminder)"),
        "window_opens": translate("Labels", "Re-registration window opens"),
        "expires": translate("Labels", "Registration expires"),
        "first_registration_due": translate("Labels", "First registration due"),
    }.get(code, code)


def basis_text(citation: Any) -> str:
    """The "依据" line of a requirement: the document, article (条), date and where it was
    published, so a practitioner can show the office the same text (`Citation`)."""
    if citation is None:
        return ""
    if citation.basis == "assumption":
        return translate(
            "Labels",
            "Basis: no published rule found; swdesk assumes this, and "
            "the office may decide otherwise.",
        )
    if citation.basis == "design":
        return translate("Labels", "Basis: a setting of swdesk, not an official rule.")
    parts = [citation.document + (citation.article or "")]
    if citation.article and not citation.article_checked:
        parts.append(translate("Labels", "article number as a secondary source gives it"))
    if citation.date:
        parts.append(citation.date)  # YYYY-MM-DD, the form fmt_date writes too
    if citation.published_in:
        parts.append(citation.published_in)
    if not citation.verified:
        parts.append(translate("Labels", "not checked against the official publication"))
    chinese = QLocale().language() == QLocale.Language.Chinese
    opening, separator, closing = ("（", "；", "）") if chinese else (" (", "; ", ")")
    text = parts[0] + (opening + separator.join(parts[1:]) + closing if len(parts) > 1 else "")
    return fill_named(translate("Labels", "Basis: %(basis)s"), {"basis": text})


def source_label(activity: Activity) -> str:
    """Where an activity's hours come from: 已核验 (a trusted provider's signed record),
    未核验 (a record whose provider the trust list no longer names) or 自报 (typed)."""
    if activity.attestation is None:
        return translate("Labels", "Self-reported")
    if activity.verified:
        return translate("Labels", "Verified")
    return translate("Labels", "Not verified")


def attestation_text(activity: Activity) -> str:
    """The sentence behind `source_label`: who vouches for the activity, and what that
    means for editing it."""
    attestation = activity.attestation
    if attestation is None:
        return translate(
            "Labels", "Entered by you; the office checks it against your evidence files."
        )
    if attestation.provider_trusted:
        text = translate(
            "Labels",
            "Verified: the course details come from the attendance record signed by %1, a "
            "training provider on the province's trust list, and cannot be changed. Your "
            "reflections and evidence files can.",
        )
    else:
        text = translate(
            "Labels",
            "The course details come from the attendance record signed by %1, which the "
            "trust list in force no longer names: its hours count as self-reported. The "
            "course details cannot be changed.",
        )
    return fill(text, attestation.provider_name)
