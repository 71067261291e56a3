"""Calendar helpers for registration periods: month arithmetic, anniversaries, period ends.

All functions are pure and work on `datetime.date`. Month arithmetic clamps to the end of
the month (31 January + 1 month = 28/29 February); anniversaries of 29 February fall on
1 March in years without one, which is how Chinese offices count a "3-year" period.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta

__all__ = [
    "EARLIEST_BIRTH_YEAR",
    "PLAUSIBLE_FIRST_YEAR",
    "PLAUSIBLE_LAST_YEAR",
    "add_days",
    "add_months",
    "age_on",
    "anniversary",
    "is_plausible",
    "months_between_ceil",
    "period_end",
]

# The years a registration period, an activity, a certificate or a signed decision may lie
# in. Dates from files other offices or practitioners send are refused outside them (the
# bundle's JSON Schema says the same; docs/bundle-format.md, "Plausible values"): far from
# the ends of the calendar (year 1, 9999), so that month and year arithmetic on them never
# overflows.
PLAUSIBLE_FIRST_YEAR = 1990
PLAUSIBLE_LAST_YEAR = 2100
EARLIEST_BIRTH_YEAR = 1900  # birth dates: 1900..PLAUSIBLE_LAST_YEAR


def is_plausible(d: date, earliest: int = PLAUSIBLE_FIRST_YEAR) -> bool:
    """Whether `d` lies in the years `earliest`..PLAUSIBLE_LAST_YEAR."""
    return earliest <= d.year <= PLAUSIBLE_LAST_YEAR


def add_days(d: date, n: int) -> date:
    """`d` moved by `n` days, saturating at `date.min` / `date.max` instead of overflowing
    (a stored date at the end of the calendar must not crash a status computation)."""
    try:
        return d + timedelta(days=n)
    except OverflowError:
        return date.max if n > 0 else date.min


def add_months(d: date, n: int) -> date:
    """`d` moved by `n` calendar months (negative allowed), clamped to the month's last day;
    saturating at `date.min` / `date.max` beyond the calendar's ends."""
    index = d.year * 12 + (d.month - 1) + n
    if index < date.min.year * 12:
        return date.min
    if index > date.max.year * 12 + 11:
        return date.max
    year, month0 = divmod(index, 12)
    month = month0 + 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(d.day, last))


def anniversary(d: date, years: int) -> date:
    """The same day `years` later; 29 February maps to 1 March in a year without one."""
    target = d.year + years
    if not date.min.year <= target <= date.max.year:  # saturate at the calendar's ends
        return date.max if years > 0 else date.min
    if d.month == 2 and d.day == 29 and not calendar.isleap(target):
        return date(target, 3, 1)
    return d.replace(year=target)


def period_end(valid_from: date, years: int) -> date:
    """Last valid day of a period of `years` starting on `valid_from` (inclusive).

    2024-03-01 + 3 years -> 2027-02-28; 2024-02-29 + 3 years -> 2027-02-28;
    2025-03-01 + 3 years -> 2028-02-29.
    """
    return add_days(anniversary(valid_from, years), -1)


def months_between_ceil(a: date, b: date) -> int:
    """Smallest n >= 0 with add_months(a, n) >= b: whole months from a to b, rounded up.

    Never negative: 0 when b <= a.
    """
    if b <= a:
        return 0
    n = (b.year - a.year) * 12 + (b.month - a.month)
    if add_months(a, n) < b:
        n += 1
    return n


def age_on(birth_date: date, today: date) -> int:
    """Age in full years (周岁) on `today`; a 29 February birthday counts from 1 March."""
    years = today.year - birth_date.year
    if years > 0 and anniversary(birth_date, years) > today:
        years -= 1
    return years
