"""Working days between two dates: Monday to Friday, less the public holidays and plus the
make-up working days (调休) of the State Council's notices (`swdesk.rulepacks.calendar`).

For a year no notice in the calendar covers, the days count Monday to Friday; the caller
asks `WorkingCalendar.unknown_years` and tells the reviewer so.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from datetime import date, timedelta

from swdesk.rulepacks.calendar import WorkingCalendar

__all__ = ["deadline_day", "working_days_after"]


def _weekdays_before(day: date) -> int:
    """Mon–Fri days from a fixed Monday (0001-01-01) up to, not including, `day`."""
    ordinal = day.toordinal() - 1  # 0001-01-01 is a Monday
    weeks, rest = divmod(ordinal, 7)
    return weeks * 5 + min(rest, 5)


def _between(days: Sequence[date], start: date, end: date) -> int:
    """How many days d of the sorted `days` have start < d <= end."""
    return bisect_right(days, end) - bisect_right(days, start)


def working_days_after(start: date, end: date, calendar: WorkingCalendar | None = None) -> int:
    """Working days d with start < d <= end (0 when end <= start). Received on a Monday,
    that Monday counts 0 and the Tuesday 1. Without a calendar: Monday to Friday."""
    if end <= start:
        return 0
    count = _weekdays_before(end + timedelta(days=1)) - _weekdays_before(start + timedelta(days=1))
    if calendar is not None:
        count -= _between(calendar.weekdays_off, start, end)
        count += _between(calendar.make_up_days, start, end)
    return count


def deadline_day(start: date, working_days: int, calendar: WorkingCalendar | None = None) -> date:
    """The day on which the `working_days`-th working day after `start` falls (`start`
    itself when 0): the last day of a deadline counted from the day received.

    The count of working days after `start` grows by one on each working day, so the
    deadline is the first day whose count reaches `working_days`: found by bisection over
    `working_days_after` (a few lookups, not one per day; a queue shows this for every row)."""
    if working_days <= 0:
        return start
    below = start  # counts fewer than `working_days`
    reached = start + timedelta(days=working_days)
    while (counted := working_days_after(start, reached, calendar)) < working_days:
        below = reached
        reached += timedelta(days=2 * (working_days - counted) + 7)
    while (reached - below).days > 1:
        middle = below + (reached - below) // 2
        if working_days_after(start, middle, calendar) < working_days:
            below = middle
        else:
            reached = middle
    return reached
