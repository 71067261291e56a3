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

_SATURDAY = 5


def _weekdays_before(day: date) -> int:
    """Mon–Fri days from a fixed Monday (0001-01-01) up to, not including, `day`."""
    ordinal = day.toordinal() - 1  # 0001-01-01 is a Monday
    weeks, rest = divmod(ordinal, 7)
    return weeks * 5 + min(rest, 5)


def _between(days: Sequence[date], start: date, end: date) -> list[date]:
    """The days d of the sorted `days` with start < d <= end."""
    return list(days[bisect_right(days, start) : bisect_right(days, end)])


def working_days_after(start: date, end: date, calendar: WorkingCalendar | None = None) -> int:
    """Working days d with start < d <= end (0 when end <= start). Received on a Monday,
    that Monday counts 0 and the Tuesday 1. Without a calendar: Monday to Friday."""
    if end <= start:
        return 0
    count = _weekdays_before(end + timedelta(days=1)) - _weekdays_before(start + timedelta(days=1))
    if calendar is not None:
        count -= sum(1 for d in _between(calendar.days_off, start, end) if d.weekday() < _SATURDAY)
        count += len(_between(calendar.make_up_days, start, end))
    return count


def deadline_day(start: date, working_days: int, calendar: WorkingCalendar | None = None) -> date:
    """The day on which the `working_days`-th working day after `start` falls (`start`
    itself when 0): the last day of a deadline counted from the day received."""
    day = start
    left = max(0, working_days)
    while left:
        day += timedelta(days=1)
        if calendar.is_working_day(day) if calendar is not None else day.weekday() < _SATURDAY:
            left -= 1
    return day
