"""Working days (Monday to Friday) between two dates, in constant time.

Public holidays are not counted out: no rule pack lists them yet, so a deadline in
working days is slightly generous around holidays.
"""

from __future__ import annotations

from datetime import date

__all__ = ["working_days_after"]


def _weekdays_before(day: date) -> int:
    """Mon–Fri days from a fixed Monday (0001-01-01) up to, not including, `day`."""
    ordinal = day.toordinal() - 1  # 0001-01-01 is a Monday
    weeks, rest = divmod(ordinal, 7)
    return weeks * 5 + min(rest, 5)


def working_days_after(start: date, end: date) -> int:
    """Mon–Fri days d with start < d <= end (0 when end <= start). Received on a Monday,
    that Monday counts 0 and the Tuesday 1."""
    if end <= start:
        return 0
    return _weekdays_before(end.fromordinal(end.toordinal() + 1)) - \
        _weekdays_before(start.fromordinal(start.toordinal() + 1))
