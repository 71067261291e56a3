"""What a rule pack asks of a registration, as figures and keys the rule engine and the
reviewer's checks share: the day the re-registration window opens, the hours required and
the part of them that may refuse an application, the first-registration deadline and the
office an application goes to. Pure functions of the pack and a date or level.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from .dates import add_days, add_months, period_end
from .enums import CertificateLevel
from .rulepack import ReviewAuthority, RulePack

__all__ = [
    "blocking_requirement",
    "first_registration_due",
    "requirement_hours",
    "requirement_rule",
    "submission_office",
    "window_opens_on",
]

_ZERO = Decimal(0)


def window_opens_on(pack: RulePack, expires_on: dt.date) -> dt.date:
    """The first day a re-registration of a period ending `expires_on` is accepted, under
    `pack`. The dashboard, the reminders, the pre-check and the reviewer all ask this.

    "有效期满前3个月" counted back from the pack's `window_anchor`: the last valid day
    ("expiry_date": 2027-02-28 opens 2026-11-28) or the day after it ("lapse_date": opens
    2026-12-01). add_months clamps to the month's end (2027-05-31 - 3 months = 2027-02-28)."""
    anchor = expires_on if pack.window_anchor == "expiry_date" else add_days(expires_on, 1)
    return add_months(anchor, -pack.window_opens_months_before)


def requirement_hours(pack: RulePack, level: CertificateLevel | None, late: bool) -> Decimal:
    """The hours one cycle needs at `level` (the late requirement when `late`); with no
    level, the strictest requirement of the pack."""
    table = pack.late_hours_required if late else pack.hours_required
    if level is None:  # no certificate recorded: the strictest requirement of the pack
        return max(table.values())
    return table[level]


def requirement_rule(pack: RulePack, level: CertificateLevel | None, late: bool) -> str:
    """The rule-pack key of the hours requirement, e.g. "late_hours_required.assistant"
    (with no level: the level with the strictest requirement)."""
    table = "late_hours_required" if late else "hours_required"
    if level is None:
        level = max(CertificateLevel, key=lambda lv: pack.required_hours(lv, late=late))
    return f"{table}.{level.value}"


def blocking_requirement(
    pack: RulePack, level: CertificateLevel | None, late: bool
) -> tuple[Decimal, str]:
    """The hours below which an application is refused, and the rule-pack key they rest on.

    Only a cited rule refuses: a late figure marked as an assumption (Gansu's 120 hours, an
    example in the source article) falls back to the cited normal requirement; with no cited
    requirement at all nothing is refused (0 hours)."""
    key = requirement_rule(pack, level, late)
    if late and not pack.may_block(key):
        key = requirement_rule(pack, level, False)
    if not pack.may_block(key):
        return _ZERO, key
    return requirement_hours(pack, level, late and key.startswith("late_")), key


def first_registration_due(pack: RulePack, obtained_on: dt.date) -> dt.date:
    """The last day of the first-registration period: the day before the date
    `first_registration_within_months` after the certificate date (2025-06-30 + 12 months
    -> 2026-06-29), whole years counted like registration periods (`dates.period_end`: from
    29 February the year ends on 28 February). 民发〔2009〕44号 第四条:
    首次登记的受理期限为通过评价后1年内."""
    months = pack.first_registration_within_months
    if months % 12 == 0:
        return period_end(obtained_on, months // 12)
    return add_days(add_months(obtained_on, months), -1)


def submission_office(pack: RulePack) -> ReviewAuthority | None:
    """The office a practitioner hands the application to: the pack's first review level
    (for Gansu the city's civil-affairs bureau), or None when the pack names none."""
    return pack.review_authorities[0] if pack.review_authorities else None
