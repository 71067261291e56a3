"""Field-by-field validation of the domain entities.

Each function returns every problem at once as `FieldIssue(field, code, params)`; an empty
list means valid. `field` is the entity's attribute name, so a form can put each message
next to its widget. Params hold plain values (int, Decimal, date, str) the UI formats.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from .credit_code import credit_code_issues
from .dates import PLAUSIBLE_FIRST_YEAR, PLAUSIBLE_LAST_YEAR, age_on, anniversary, is_plausible
from .enums import Gender
from .errors import FieldIssue
from .identity import id_number_issues
from .models import Activity, Certificate, Practitioner, RegistrationPeriod
from .normalise import compact_code, normalise_line, normalise_name, normalise_phone
from .rulepack import RulePack

__all__ = [
    "EVIDENCE_MEDIA_TYPES",
    "activity_issues",
    "activity_warnings",
    "certificate_issues",
    "name_issues",
    "phone_issues",
    "practitioner_issues",
    "registration_issues",
]

NAME_MIN, NAME_MAX = 2, 30
MIN_AGE, MAX_AGE = 16, 100  # plausible ages of a practising social worker
CERTIFICATE_MIN_AGE = 18
EMPLOYER_MAX, POST_MAX = 100, 50
CERTIFICATE_NUMBER_MAX = 40
TITLE_MAX, ORGANISER_MAX, REFLECTION_MAX = 200, 200, 2000
EVIDENCE_MEDIA_TYPES = frozenset({"application/pdf", "image/jpeg", "image/png"})

_NAME_DOTS = "·•・"  # 间隔号 in minority names (U+00B7, and the look-alikes people type)
_MOBILE = re.compile(r"(?:\+?86)?1[3-9][0-9]{9}")
_LANDLINE = re.compile(
    r"(?:0[1-9][0-9]{1,2}-?|\(0[1-9][0-9]{1,2}\))"  # area code: 0933- or (0933)
    r"[2-9][0-9]{6,7}"  # local number
    r"(?:-[0-9]{1,6})?"  # extension
)
_CERTIFICATE_NUMBER = re.compile(r"[A-Za-z0-9-]+")
_COUNTY_CODE = re.compile(r"[1-9][0-9]{5}")
_ONE_DECIMAL = Decimal("0.1")


def _required(field: str, value: str, max_len: int) -> list[FieldIssue]:
    text = normalise_line(value)  # as the services store it
    if not text:
        return [FieldIssue(field, "required")]
    if len(text) > max_len:
        return [FieldIssue(field, "too_long", {"max": max_len})]
    return []


def name_issues(name: str, field: str = "name") -> list[FieldIssue]:
    """A person's name: 2–30 characters, letters (any script, CJK included) and "·"."""
    text = normalise_name(name)  # as the services store it
    if not text:
        return [FieldIssue(field, "required")]
    if not NAME_MIN <= len(text) <= NAME_MAX:
        return [FieldIssue(field, "name_length", {"min": NAME_MIN, "max": NAME_MAX})]
    letters_ok = all(c.isalpha() or c in _NAME_DOTS for c in text)
    dots_ok = (
        text[0] not in _NAME_DOTS
        and text[-1] not in _NAME_DOTS
        and not any(
            a in _NAME_DOTS and b in _NAME_DOTS for a, b in zip(text, text[1:], strict=False)
        )
    )
    if not (letters_ok and dots_ok):
        return [FieldIssue(field, "name_characters")]
    return []


def phone_issues(s: str, field: str = "phone") -> list[FieldIssue]:
    """A mainland mobile (1[3-9] + 9 digits, +86 allowed) or landline (0933-8212345)."""
    text = normalise_phone(s)  # as the services store it
    if not text:
        return [FieldIssue(field, "required")]
    if _MOBILE.fullmatch(text.replace("-", "")) or _LANDLINE.fullmatch(text):
        return []
    return [FieldIssue(field, "phone_format")]


def practitioner_issues(
    p: Practitioner, today: date, pack: RulePack | None = None
) -> list[FieldIssue]:
    """Every problem with a practitioner's profile. With `pack`, the county must be listed."""
    issues = name_issues(p.name)
    if not isinstance(p.gender, Gender):
        issues.append(FieldIssue("gender", "required"))
    age = age_on(p.birth_date, today)
    if p.birth_date > today:
        issues.append(FieldIssue("birth_date", "birth_in_future"))
    elif not MIN_AGE <= age <= MAX_AGE:
        issues.append(
            FieldIssue("birth_date", "age_range", {"min_age": MIN_AGE, "max_age": MAX_AGE})
        )
    gender = p.gender if isinstance(p.gender, Gender) else None
    issues += id_number_issues(p.id_number, birth_date=p.birth_date, gender=gender, today=today)
    issues += phone_issues(p.phone)
    issues += _required("employer", p.employer, EMPLOYER_MAX)
    issues += credit_code_issues(p.employer_credit_code)
    issues += _required("post", p.post, POST_MAX)
    max_years = max(0, age - MIN_AGE)
    age_ok = p.birth_date <= today and MIN_AGE <= age <= MAX_AGE
    if age_ok and not 0 <= p.years_in_social_work <= max_years:
        issues.append(
            FieldIssue("years_in_social_work", "years_range", {"min": 0, "max": max_years})
        )
    issues += _county_issues(p.county, pack)
    return issues


def _county_issues(county: str, pack: RulePack | None) -> list[FieldIssue]:
    code = compact_code(county)
    if not code:
        return [FieldIssue("county", "required")]
    if not _COUNTY_CODE.fullmatch(code):
        return [FieldIssue("county", "county_format")]
    if pack is not None and pack.counties and pack.county(code) is None:
        return [FieldIssue("county", "county_unknown", {"pack": pack.id})]
    return []


def certificate_issues(
    c: Certificate, today: date, birth_date: date | None = None
) -> list[FieldIssue]:
    """Certificate number (≤ 40 letters, digits, "-") and date obtained (past, at 18 or later)."""
    issues = _required("number", compact_code(c.number), CERTIFICATE_NUMBER_MAX)
    if not issues and not _CERTIFICATE_NUMBER.fullmatch(compact_code(c.number)):
        issues.append(FieldIssue("number", "number_format"))
    issues += _year_issues(obtained_on=c.obtained_on)
    if c.obtained_on > today:
        issues.append(FieldIssue("obtained_on", "in_future"))
    elif birth_date is not None and c.obtained_on < anniversary(birth_date, CERTIFICATE_MIN_AGE):
        issues.append(
            FieldIssue("obtained_on", "before_adulthood", {"min_age": CERTIFICATE_MIN_AGE})
        )
    return issues


def _year_issues(**days: date) -> list[FieldIssue]:
    """A date outside the plausible years (`dates.is_plausible`) cannot go into a bundle:
    the reviewer refuses it (docs/bundle-format.md, "Plausible values")."""
    bounds = {"min_year": PLAUSIBLE_FIRST_YEAR, "max_year": PLAUSIBLE_LAST_YEAR}
    return [
        FieldIssue(field, "year_out_of_range", bounds)
        for field, day in days.items()
        if not is_plausible(day)
    ]


def registration_issues(r: RegistrationPeriod) -> list[FieldIssue]:
    """A registration period must end (valid_to) after it starts (valid_from), both in
    the plausible years."""
    issues = _year_issues(valid_from=r.valid_from, valid_to=r.valid_to)
    if r.valid_to <= r.valid_from:
        issues.append(FieldIssue("valid_to", "valid_to_before_valid_from"))
    return issues


def activity_issues(a: Activity, pack: RulePack, today: date) -> list[FieldIssue]:
    """Every problem with one continuing-education activity under `pack`'s rules."""
    issues = _required("title", a.title, TITLE_MAX)
    issues += _required("organiser", a.organiser, ORGANISER_MAX)
    dates_ok = a.end_date >= a.start_date
    if not dates_ok:
        issues.append(FieldIssue("end_date", "end_before_start"))
    if a.end_date > today:
        issues.append(FieldIssue("end_date", "in_future"))
    issues += _year_issues(start_date=a.start_date, end_date=a.end_date)
    issues += _hours_issues(a, pack, dates_ok)
    for field in ("reflection_learnt", "reflection_change"):
        if len(getattr(a, field)) > REFLECTION_MAX:
            issues.append(FieldIssue(field, "too_long", {"max": REFLECTION_MAX}))
    for ev in a.evidence:
        if ev.media_type not in EVIDENCE_MEDIA_TYPES:
            issues.append(FieldIssue("evidence", "evidence_type", {"name": ev.original_name}))
        if ev.size > pack.evidence_max_bytes:
            issues.append(
                FieldIssue(
                    "evidence",
                    "evidence_too_large",
                    {"name": ev.original_name, "max_bytes": pack.evidence_max_bytes},
                )
            )
    return issues


def activity_warnings(a: Activity, pack: RulePack) -> list[FieldIssue]:
    """What the office may question about an activity, on rules the pack marks as
    assumptions: shown next to the field, never a reason to refuse the record.
    "hours_exceed_days_assumed" {hours, max_hours, days}: more than the pack's assumed
    hours per day (a 3-day 30-hour course, 90 hours of online study over 11 days)."""
    if pack.may_block("max_hours_per_day"):
        return []  # then activity_issues refuses it
    exceeded = _hours_over_days(a, pack)
    return [FieldIssue("hours", "hours_exceed_days_assumed", exceeded)] if exceeded else []


def _hours_over_days(a: Activity, pack: RulePack) -> dict[str, object] | None:
    """{hours, max_hours, days} when `a` claims more than `max_hours_per_day` per day."""
    hours = a.hours
    if (
        not hours.is_finite()
        or hours <= 0
        or a.end_date < a.start_date
        or a.activity_type in pack.lump_sum_types
    ):
        return None
    days = (a.end_date - a.start_date).days + 1
    max_hours = pack.max_hours_per_day * days
    if hours > max_hours:
        return {"hours": hours, "max_hours": max_hours, "days": days}
    return None


def _hours_issues(a: Activity, pack: RulePack, dates_ok: bool) -> list[FieldIssue]:
    hours = a.hours
    if not hours.is_finite() or hours <= 0:
        return [FieldIssue("hours", "hours_not_positive")]
    if hours != hours.quantize(_ONE_DECIMAL):
        return [FieldIssue("hours", "hours_precision")]
    # The per-day figure refuses a record only when the pack cites a source for it; as an
    # assumption (both shipped packs) it is a warning (activity_warnings).
    exceeded = _hours_over_days(a, pack) if dates_ok else None
    if exceeded and pack.may_block("max_hours_per_day"):
        return [FieldIssue("hours", "hours_exceed_days", exceeded)]
    return []
