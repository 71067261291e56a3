"""Brute-force answers to calendar questions, walking one day at a time (no month
arithmetic, no `calendar` module): the oracles the property tests compare the fast code of
`swdesk.domain.dates`, `swdesk.domain.rules` and the working-day count with. Slow on
purpose: each answers from the definition."""

from __future__ import annotations

from datetime import date, timedelta

ONE_DAY = timedelta(days=1)


def days_in_month(year: int, month: int) -> int:
    """Count the days from the 1st until the month changes."""
    day, count = date(year, month, 1), 0
    while day.month == month:
        count += 1
        day += ONE_DAY
    return count


def walk_months(d: date, n: int) -> tuple[int, int]:
    """(year, month) reached by crossing `n` month boundaries from `d`'s month, day by day
    (backwards when `n` is negative)."""
    day = d.replace(day=1)
    step = ONE_DAY if n >= 0 else -ONE_DAY
    crossed = 0
    while crossed < abs(n):
        before = day.month
        day += step
        if day.month != before:
            crossed += 1
    return day.year, day.month


def add_months(d: date, n: int) -> date:
    """The day with `d`'s day number in the month `n` months on, or that month's last day
    when it is shorter."""
    year, month = walk_months(d, n)
    day = date(year, month, 1)
    while day.day < d.day and (day + ONE_DAY).month == month:
        day += ONE_DAY
    return day


def anniversary(d: date, years: int) -> date:
    """The first day of year `d.year + years` whose (month, day) is not before `d`'s: the
    same day, or 1 March for a 29 February in a year without one."""
    day = date(d.year + years, 1, 1)
    while (day.month, day.day) < (d.month, d.day):
        day += ONE_DAY
    return day


def day_before(d: date) -> date:
    return date.fromordinal(d.toordinal() - 1)


def day_after(d: date) -> date:
    return date.fromordinal(d.toordinal() + 1)
