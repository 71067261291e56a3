"""Reviewer mode (context "Review"): states, stages, outcomes and rejection reasons, the
automatic checks with the numbers behind each, and what the check of the providers' signed
attendance records found of each activity (`record_status_text`).
"""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtCore import QCoreApplication

from swdesk.domain.errors import UserFixableError

from .error_messages import error_text
from .fields import issue_sentence
from .values import fill_named

log = logging.getLogger(__name__)

translate = QCoreApplication.translate


def review_state_label(code: str) -> str:
    return {
        "pending": translate("Review", "Awaiting review"),
        "superseded": translate("Review", "Superseded by a newer version"),
        "first_approved": translate("Review", "First review passed"),
        "first_rejected": translate("Review", "First review failed"),
        "final_approved": translate("Review", "Final review passed"),
        "final_rejected": translate("Review", "Final review failed"),
    }.get(code, code)


def review_stage_label(code: str) -> str:
    return {
        "first": translate("Review", "First review"),
        "final": translate("Review", "Final review"),
    }.get(code, code)


def outcome_label(code: str) -> str:
    return {
        "approved": translate("Review", "approved"),
        "rejected": translate("Review", "rejected"),
    }.get(code, code)


REASON_CODES = (
    "hours_short",
    "data_wrong",
    "material_unclear",
    "photo_unfit",
    "not_in_window",
    "other",
)


def reason_label(code: str) -> str:
    return {
        "hours_short": translate("Review", "Hours short"),
        "data_wrong": translate("Review", "Data wrong"),
        "material_unclear": translate("Review", "Material unclear"),
        "photo_unfit": translate("Review", "Photo unfit"),
        "not_in_window": translate("Review", "Not in the application window"),
        "other": translate("Review", "Other"),
    }.get(code, code)


def check_label(code: str) -> str:
    return {
        "id_check_digit": translate("Review", "ID number check digit"),
        "hours_requirement": translate("Review", "Hours against the requirement"),
        "activities_in_cycle": translate("Review", "Activities inside the cycle"),
        "window": translate("Review", "Application window and late rules"),
        "declaration_date": translate("Review", "Declaration date against the date received"),
        "materials_present": translate("Review", "Required materials present"),
        "photo_acceptable": translate("Review", "Photo acceptable"),
        "pdf_matches_json": translate("Review", "Form PDF matches the application data"),
        "provider_records": translate("Review", "Attendance records signed by providers"),
    }.get(code, code)


def calendar_unknown_text(years: tuple[int, ...] | list[int]) -> str:
    """The note beside a review deadline reaching years no State Council holiday notice in
    swdesk's calendar covers: their days are counted Monday to Friday."""
    return fill_named(
        translate(
            "Review",
            "The holidays of %(years)s are not known: working "
            "days in that year are counted Monday to Friday.",
        ),
        {"years": ", ".join(str(y) for y in years)},
    )


def import_status_label(code: str) -> str:
    return {
        "imported": translate("Review", "Imported"),
        "duplicate": translate("Review", "Already imported"),
        "refused": translate("Review", "Refused"),
        "cancelled": translate("Review", "Not imported (cancelled)"),
    }.get(code, code)


def level_of_review_label(code: str) -> str:
    return {
        "county": translate("Review", "County (first review)"),
        "city": translate("Review", "City (first review)"),
        "province": translate("Review", "Province (final review)"),
    }.get(code, code)


def _given(p: dict[str, Any], *keys: str) -> dict[str, str]:
    """The params a sentence names, as text: a check stored by an older swdesk may lack
    one, which then reads as empty."""
    return {key: str(p.get(key, "")) for key in keys}


def _numbers(indexes: list[int]) -> str:
    """Activity indexes (from 0) as the numbers the reviewer sees (from 1): "1, 3"."""
    return ", ".join(str(i + 1) for i in indexes)


def check_detail_text(check: Any) -> str:
    """The numbers behind an automatic check, as a short sentence."""
    p = dict(check.params or {})
    code = check.code
    if code == "id_check_digit":
        issues = p.get("issues") or []
        return (
            translate("Review", "the check digit is right")
            if not issues
            else "; ".join(issue_sentence(str(i), {}) for i in issues)
        )
    if code == "hours_requirement":
        text = fill_named(
            translate(
                "Review",
                "%(counted)s of %(required)s hours counted in the cycle (%(claimed)s claimed)",
            ),
            _given(p, "counted", "required", "claimed"),
        )
        if p.get("late"):
            text += translate("Review", "; late: the late requirement applies")
        if p.get("assumed_required"):  # a late figure the rule pack marks as an assumption
            text += fill_named(
                translate(
                    "Review",
                    "; %(assumed_required)s hours may be asked "
                    "of a late application (an assumption, not a "
                    "published rule)",
                ),
                _given(p, "assumed_required"),
            )
        return text
    if code == "activities_in_cycle":
        text = fill_named(
            translate("Review", "%(count)s activities, cycle %(period_start)s – %(period_end)s"),
            _given(p, "count", "period_start", "period_end"),
        )
        outside = p.get("outside") or []
        if outside:
            text += fill_named(
                translate("Review", "; outside the cycle: no. %(numbers)s"),
                {"numbers": _numbers(outside)},
            )
        after = p.get("after_received") or []
        if after:
            text += fill_named(
                translate(
                    "Review",
                    "; ending after the date received "
                    "(%(received_on)s), not counted: no. %(numbers)s",
                ),
                {**_given(p, "received_on"), "numbers": _numbers(after)},
            )
        return text
    if code == "declaration_date":
        return _declaration_date_text(p)
    if code == "window":
        return _window_text(p)
    if code == "materials_present":
        missing = p.get("missing") or []
        if not missing:
            return translate("Review", "form, photo and evidence present")
        return fill_named(
            translate("Review", "missing: %(materials)s"),
            {"materials": ", ".join(_material_label(str(m)) for m in missing)},
        )
    if code == "photo_acceptable":
        if check.passed:
            return fill_named(
                translate("Review", "%(width)s×%(height)s pixels"), _given(p, "width", "height")
            )
        params = {k: v for k, v in p.items() if k != "problem"}
        params.setdefault("file", "photo.jpg")
        return error_text(UserFixableError(str(p.get("problem", "")), **params))
    if code == "pdf_matches_json":
        if p.get("problem") == "too_large":
            return translate("Review", "the form PDF is too large to be checked")
        if p.get("problem"):
            return translate("Review", "the form PDF cannot be read")
        mismatch = p.get("mismatch") or []
        if not mismatch:
            return translate("Review", "name, ID number, hours and application number agree")
        return fill_named(
            translate("Review", "not found in the form PDF: %(items)s"),
            {"items": ", ".join(_form_item_label(str(m)) for m in mismatch)},
        )
    if code == "provider_records":
        return _provider_records_text(p)
    log.warning("no wording for the details of check %s", code)
    return ""


def _provider_records_text(p: dict[str, Any]) -> str:
    """Check "provider_records": the hours signed records vouch for, then each failure."""
    text = fill_named(
        translate(
            "Review", "%(verified_hours)s of %(total_hours)s hours verified by provider signature"
        ),
        _given(p, "verified_hours", "total_hours"),
    )
    if p.get("not_verified"):
        text += fill_named(
            translate(
                "Review",
                "; %(not_verified)s record(s) of providers the trust list does not name "
                "(counted as self-reported)",
            ),
            _given(p, "not_verified"),
        )
    for index, reason, detail in p.get("failures") or []:
        text += fill_named(
            translate("Review", "; activity no. %(number)s: %(reason)s"),
            {
                "number": str(int(index) + 1),
                "reason": record_failure_text(str(reason), str(detail)),
            },
        )
    return text


def record_failure_text(reason: str, detail: str = "") -> str:
    """Why a provider's attendance record failed the reviewer's check, in words."""
    if reason == "mismatch":
        return fill_named(
            translate("Review", "does not match the activity (%(field)s)"),
            {"field": _course_field_label(detail)},
        )
    if reason == "invalid" and detail == "record_id":
        return translate("Review", "the record inside is not the one its file name gives")
    if reason == "replayed":
        return fill_named(
            translate("Review", "already used in application %(uid)s"), {"uid": detail}
        )
    return {
        "invalid": translate("Review", "the record file is damaged or not a record"),
        "bad_signature": translate("Review", "its signature does not verify"),
        "wrong_provider": translate(
            "Review", "not signed with the trusted key of the provider it names"
        ),
        "other_person": translate("Review", "issued to another person"),
    }.get(reason, reason)


def record_status_text(verdict: Any) -> str:
    """An activity's mark in the detail view: 已核验（provider）, 自报 or 核验失败：reason.
    `verdict` is a `RecordVerdict`, or None for an activity without a record."""
    if verdict is None:
        return translate("Review", "Self-reported")
    if verdict.status == "verified":
        return fill_named(
            translate("Review", "Verified (%(provider)s)"), {"provider": verdict.provider}
        )
    if verdict.status == "not_verified":
        return fill_named(
            translate("Review", "Self-reported (%(provider)s is not in the trust list)"),
            {"provider": verdict.provider},
        )
    return fill_named(
        translate("Review", "Verification failed: %(reason)s"),
        {"reason": record_failure_text(verdict.reason, verdict.detail)},
    )


def certificate_search_text(status: str, record_id: str) -> str:
    """What the queue's search says of a certificate's QR text that finds nothing: the
    record is here in another file ("mismatch"), or not here at all ("unknown")."""
    if status == "mismatch":
        return fill_named(
            translate(
                "Review",
                "This certificate does not match the record it names: an application here "
                "carries record %(record_id)s, but not the file the certificate was printed from.",
            ),
            {"record_id": record_id},
        )
    return translate("Review", "No application here carries the record of this certificate.")


def _course_field_label(field: str) -> str:
    return {
        "title": translate("Review", "title"),
        "organiser": translate("Review", "organiser"),
        "activity_type": translate("Review", "activity type"),
        "content_area": translate("Review", "content area"),
        "start_date": translate("Review", "start date"),
        "end_date": translate("Review", "end date"),
        "hours": translate("Review", "hours"),
        "record_id": translate("Review", "record number"),
    }.get(field, field)


def _window_text(p: dict[str, Any]) -> str:
    """Check "window": the date received (or declared) against the application window."""
    if p.get("first_registration"):
        return translate("Review", "first registration: no window applies")
    text = (
        translate("Review", "received %(applied_on)s; window %(window_opens)s – %(window_closes)s")
        if p.get("basis") != "first_level"
        else translate(
            "Review",
            "declared %(applied_on)s (received by the first level no later than its "
            "decision); window %(window_opens)s – %(window_closes)s",
        )
    )
    text = fill_named(text, _given(p, "applied_on", "window_opens", "window_closes"))
    problems = {
        "too_early": translate("Review", "before the window opens"),
        "late_not_declared": translate("Review", "after expiry but not declared late"),
        "late_flag_wrong": translate("Review", "declared late although in time"),
        "late_explanation_missing": translate("Review", "late without an explanation"),
        "no_valid_to": translate("Review", "no registration end date"),
    }
    if p.get("problem"):
        text += "; " + problems.get(str(p["problem"]), str(p["problem"]))
    return text


def _declaration_date_text(p: dict[str, Any]) -> str:
    """Check "declaration_date": the applicant's declaration date against the date the
    office received the application."""
    if p.get("problem") == "missing":
        return fill_named(
            translate("Review", "the declaration has no date; received %(received_on)s"),
            _given(p, "received_on"),
        )
    text = (
        translate(
            "Review",
            "declared %(declared_on)s, received %(received_on)s (%(days_apart)s days apart)",
        )
        if not p.get("first_level")
        else translate(
            "Review",
            "declared %(declared_on)s, first-level decision %(received_on)s "
            "(%(days_apart)s days apart)",
        )
    )
    text = fill_named(text, _given(p, "declared_on", "received_on", "days_apart"))
    if p.get("problem") == "after_received":
        text += translate(
            "Review", "; dated after the date received: the applicant's computer clock was wrong"
        )
    elif p.get("problem") == "long_before":
        text += fill_named(
            translate(
                "Review",
                "; more than %(max_days)s days before the date "
                "received: check the applicant's computer clock and why "
                "the application came late",
            ),
            _given(p, "max_days"),
        )
    return text


def _material_label(name: str) -> str:
    return {
        "form.pdf": translate("Review", "the application form"),
        "photo.jpg": translate("Review", "the photo"),
        "evidence": translate("Review", "evidence of some activities"),
        "late_explanation": translate("Review", "the explanation of the late application"),
    }.get(name, name)


def _form_item_label(key: str) -> str:
    return {
        "name": translate("Review", "name"),
        "id_number": translate("Review", "ID number"),
        "uid": translate("Review", "application number"),
        "version": translate("Review", "version"),
        "hours": translate("Review", "total hours"),
    }.get(key, key)
