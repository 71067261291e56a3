"""The automatic checks of application.json against the office's rule pack: the ID number,
the hours, the activities in the cycle, the window and late rules, the declaration date and
the materials (`checks.run_checks` runs them with the checks of the bundle's files).

They judge by the day the office received the bundle (`received_on`), never by the
applicant's clock (see `checks`); hours count as on the practitioner's side
(`domain.counting.counted_on`).

The values come from a verified bundle whose schema allows only plausible ones; the helpers
here still read every number and date defensively, so that no value can break the
arithmetic.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from swdesk.core.formatting import hours_text
from swdesk.domain.counting import Cycle, counted_on
from swdesk.domain.dates import (
    EARLIEST_BIRTH_YEAR,
    PLAUSIBLE_FIRST_YEAR,
    is_plausible,
)
from swdesk.domain.enums import ActivityType, CertificateLevel, ContentArea, Gender
from swdesk.domain.identity import id_number_issues
from swdesk.domain.models import Activity
from swdesk.domain.requirements import blocking_requirement, window_opens_on
from swdesk.domain.rulepack import RulePack

from .models import CheckResult

__all__ = [
    "check_activities",
    "check_declaration_date",
    "check_hours",
    "check_id_number",
    "check_materials",
    "check_window",
    "counted_indices",
    "counting_period",
    "declaration_date",
    "hours_of",
]

_MAX_HOURS = Decimal(100_000)  # far above any schema bound: only keeps sums finite


def hours_of(value: Any) -> Decimal:
    """Hours as a Decimal; anything that is not a finite number of 0 to _MAX_HOURS counts
    as 0 (the schema refuses such values; this only keeps the arithmetic sound)."""
    try:
        hours = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return Decimal(0)
    if not hours.is_finite() or not Decimal(0) <= hours <= _MAX_HOURS:
        return Decimal(0)
    return hours


def _date(value: Any, earliest: int = PLAUSIBLE_FIRST_YEAR) -> date | None:
    """The ISO date, or None when it is none or outside the plausible years (the schema
    refuses those; dates at the ends of the calendar would overflow the arithmetic)."""
    try:
        day = date.fromisoformat(str(value))
    except ValueError:
        return None
    return day if is_plausible(day, earliest) else None


def declaration_date(application: dict[str, Any]) -> date | None:
    """The day the applicant accepted the declaration, as the applicant's clock wrote it
    (None when missing or not a plausible day)."""
    accepted = (application.get("declaration") or {}).get("accepted_at")
    try:
        day = datetime.fromisoformat(str(accepted)).date()
    except ValueError:
        return None
    return day if is_plausible(day) else None


def counting_period(
    application: dict[str, Any], pack: RulePack, received_on: date
) -> tuple[date, date] | None:
    """Where hours count: the registration cycle, extended to the day received for a late
    application when the pack says so; None for a first registration."""
    registration = application.get("registration")
    if not registration:
        return None
    start, end = _date(registration.get("valid_from")), _date(registration.get("valid_to"))
    if start is None or end is None:
        return None
    if application.get("is_late") and pack.late_counts_hours_until == "application_date":
        end = max(end, received_on)
    return start, end


def _member(enum: Any, value: Any) -> Any:
    """The enum member named `value`, else the first one (the kind of an activity does not
    change whether it counts)."""
    try:
        return enum(str(value))
    except ValueError:
        return next(iter(enum))


def _as_activities(application: dict[str, Any]) -> list[Activity]:
    """The bundle's activities with plausible dates as domain activities, `id` = their
    index in the bundle (so a count can name them)."""
    result = []
    for index, a in enumerate(application.get("activities", [])):
        start, end = _date(a.get("start_date")), _date(a.get("end_date"))
        if start is None or end is None:
            continue
        result.append(
            Activity(
                title="",
                organiser="",
                activity_type=_member(ActivityType, a.get("activity_type")),
                content_area=_member(ContentArea, a.get("content_area")),
                start_date=start,
                end_date=end,
                hours=hours_of(a.get("hours")),
                id=index,
            )
        )
    return result


def counted_indices(application: dict[str, Any], pack: RulePack, received_on: date) -> list[int]:
    """Indices of the activities that count: `domain.counting.counted_on` with the counting
    period and the day received as cut-off (none for a first registration)."""
    period = counting_period(application, pack, received_on)
    cycle = Cycle(*period) if period is not None else None
    return [
        a.id
        for a in counted_on(_as_activities(application), cycle, received_on)
        if a.id is not None
    ]


def _inside(activity: dict[str, Any], period: tuple[date, date]) -> bool:
    start, end = _date(activity.get("start_date")), _date(activity.get("end_date"))
    return start is not None and end is not None and period[0] <= start and end <= period[1]


def _ends_after(activity: dict[str, Any], day: date) -> bool:
    end = _date(activity.get("end_date"))
    return end is not None and end > day


def check_id_number(application: dict[str, Any], today: date) -> CheckResult:
    applicant = application["applicant"]
    try:
        gender = Gender(applicant.get("gender"))
    except ValueError:
        gender = None
    birth_date = _date(applicant.get("birth_date"), EARLIEST_BIRTH_YEAR)
    issues = id_number_issues(
        applicant.get("id_number", ""), birth_date=birth_date, gender=gender, today=today
    )
    return CheckResult("id_check_digit", not issues, {"issues": [i.code for i in issues]})


def check_hours(
    application: dict[str, Any],
    pack: RulePack,
    received_on: date,
    counted_activities: Sequence[int] | None = None,
) -> CheckResult:
    """Enough hours counted for the certificate, and no more claimed than counted;
    `counted_activities`: `counted_indices`' answer when the caller has it already."""
    certificate = application.get("certificate") or {}
    late = bool(application.get("is_late"))
    params: dict[str, Any] = {
        "late": late,
        "rule_pack": pack.id,
        "application_rule_pack": (application.get("rule_pack") or {}).get("id", ""),
    }
    try:
        level = CertificateLevel(str(certificate.get("level") or ""))  # missing: ValueError
    except ValueError:
        level = None
    activities = application.get("activities", [])
    counted = sum(
        (
            hours_of(activities[i].get("hours"))
            for i in (
                counted_indices(application, pack, received_on)
                if counted_activities is None
                else counted_activities
            )
        ),
        Decimal(0),
    )
    claimed = hours_of((application.get("hours") or {}).get("counted"))
    if application.get("registration") is None:
        required = Decimal(0)  # a first registration needs no continuing education
    else:  # only a cited requirement fails the check (a late figure the pack marks as an
        # assumption, like Gansu's 120 hours, is named in `assumed_required` instead)
        required, _rule = blocking_requirement(pack, level, late)
        assumed = (
            max(pack.required_hours(lv, late=late) for lv in CertificateLevel)
            if level is None
            else pack.required_hours(level, late=late)
        )
        if assumed > required:
            params["assumed_required"] = hours_text(assumed)
    params.update(
        counted=hours_text(counted),
        claimed=hours_text(claimed),
        required=hours_text(required),
        short=hours_text(max(Decimal(0), required - counted)),
    )
    return CheckResult("hours_requirement", counted >= required and claimed <= counted, params)


def check_activities(
    application: dict[str, Any],
    pack: RulePack,
    received_on: date,
    counted_activities: Sequence[int] | None = None,
) -> CheckResult:
    """Every activity counts: `outside` lists those outside the counting period,
    `after_received` those inside it that end after the day received (indices);
    `counted_activities` as in `check_hours`."""
    period = counting_period(application, pack, received_on)
    activities = application.get("activities", [])
    if counted_activities is None:
        counted_activities = counted_indices(application, pack, received_on)
    counted = set(counted_activities)
    not_counted = [i for i in range(len(activities)) if i not in counted]
    after = [
        i
        for i in not_counted
        if period is not None
        and _inside(activities[i], period)
        and _ends_after(activities[i], received_on)
    ]
    outside = [i for i in not_counted if i not in after]
    params: dict[str, Any] = {
        "count": len(activities),
        "outside": outside,
        "after_received": after,
        "received_on": received_on.isoformat(),
    }
    if period is not None:
        params.update(period_start=period[0].isoformat(), period_end=period[1].isoformat())
    return CheckResult("activities_in_cycle", not not_counted, params)


def check_window(application: dict[str, Any], pack: RulePack, applied_on: date) -> CheckResult:
    """The window and the late rules against `applied_on`: the day the office received
    the application (never the applicant's declaration date)."""
    registration = application.get("registration")
    late = bool(application.get("is_late"))
    explained = bool(str(application.get("late_explanation", "")).strip())
    params: dict[str, Any] = {"applied_on": applied_on.isoformat(), "late": late}
    if not registration:
        return CheckResult("window", True, {**params, "first_registration": True})
    valid_to = _date(registration.get("valid_to"))
    if valid_to is None:
        return CheckResult("window", False, {**params, "problem": "no_valid_to"})
    opens = window_opens_on(pack, valid_to)
    params.update(window_opens=opens.isoformat(), window_closes=valid_to.isoformat())
    problem = ""
    if applied_on < opens:
        problem = "too_early"
    elif applied_on > valid_to and not late:
        problem = "late_not_declared"
    elif late and applied_on <= valid_to:
        problem = "late_flag_wrong"
    elif (
        late
        and pack.late_requires_explanation
        and not explained
        and pack.may_block("late_requires_explanation")
    ):  # an assumption only notes it
        problem = "late_explanation_missing"
    if problem:
        params["problem"] = problem
    return CheckResult("window", not problem, params)


def check_declaration_date(
    application: dict[str, Any], received_on: date, max_days: int | None
) -> CheckResult:
    """The declaration's date (the applicant's clock) lies at most `max_days` days before
    the day received and not after it; otherwise the reviewer should look at why (a wrong
    clock, a bundle kept back). Problems: missing, after_received, long_before.
    `max_days` None: only "not after" (at the province, `received_on` is then the day of
    the first-level decision, param first_level True)."""
    declared = declaration_date(application)
    params: dict[str, Any] = {
        "received_on": received_on.isoformat(),
        "max_days": max_days,
        "first_level": max_days is None,
    }
    if declared is None:
        return CheckResult("declaration_date", False, {**params, "problem": "missing"})
    days = (received_on - declared).days
    params.update(declared_on=declared.isoformat(), days_apart=days)
    problem = (
        "after_received"
        if days < 0
        else "long_before"
        if max_days is not None and days > max_days
        else ""
    )
    if problem:
        params["problem"] = problem
    return CheckResult("declaration_date", not problem, params)


def check_materials(
    application: dict[str, Any], member_names: set[str], pack: RulePack
) -> CheckResult:
    missing: list[str] = []
    for required in ("form.pdf", "photo.jpg"):
        if required not in member_names:
            missing.append(required)
    # a provider's signed attendance record is the activity's evidence too (whether it
    # holds is the "provider_records" check's)
    without_evidence = [
        i
        for i, a in enumerate(application.get("activities", []))
        if not a.get("evidence") and not a.get("record")
    ]
    if without_evidence:
        missing.append("evidence")
    roles = [m.get("role") for m in application.get("materials", [])]
    late = bool(application.get("is_late"))
    if (
        late
        and pack.late_requires_explanation
        and not (
            str(application.get("late_explanation", "")).strip() or "late_explanation" in roles
        )
    ):
        missing.append("late_explanation")
    params = {
        "missing": missing,
        "activities_without_evidence": without_evidence,
        "identity_change": roles.count("identity_change"),
        "signed_form": any(name.startswith("signed-form.") for name in member_names),
    }
    return CheckResult("materials_present", not missing, params)
