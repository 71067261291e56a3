"""The calendar helpers against brute-force oracles that walk the calendar one day at a time
(tests/calendar_oracles.py), plus the saturation at the calendar's ends.

The oracles are slow on purpose: each answers its question from the definition, so a
mistake in the fast month arithmetic (clamping, leap years, 29 February, negative months)
shows up as a disagreement with a falsifying example."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

import calendar_oracles as oracle
from calendar_oracles import ONE_DAY
from swdesk.domain.dates import (
    add_days,
    add_months,
    age_on,
    anniversary,
    is_plausible,
    months_between_ceil,
    period_end,
)

# far enough from year 1 and 9999 for the walks; wide enough for every leap-year rule
# (1900 and 2100 are not leap years, 2000 is)
DAYS = st.dates(min_value=date(1890, 1, 1), max_value=date(2110, 12, 31))


# -- properties -------------------------------------------------------------------------------


@given(DAYS, st.integers(min_value=-60, max_value=60))
def test_add_months_agrees_with_a_walk_through_the_months(d: date, n: int) -> None:
    assert add_months(d, n) == oracle.add_months(d, n)


@given(DAYS, st.integers(min_value=-5, max_value=5))
def test_anniversary_agrees_with_the_first_day_not_before_the_same_day(d: date, years: int) -> None:
    assert anniversary(d, years) == oracle.anniversary(d, years)


@given(DAYS, st.integers(min_value=1, max_value=5))
def test_a_period_ends_the_day_before_its_anniversary(d: date, years: int) -> None:
    end = period_end(d, years)
    assert end + ONE_DAY == oracle.anniversary(d, years)
    assert d <= end  # a period of at least a year contains its first day


@given(DAYS, st.integers(min_value=-400, max_value=400))
def test_months_between_ceil_is_the_smallest_number_of_months_reaching_b(
    d: date, offset: int
) -> None:
    b = d + timedelta(days=offset)
    n = 0
    while oracle.add_months(d, n) < b:
        n += 1
    assert months_between_ceil(d, b) == n


@given(
    st.dates(min_value=date(1900, 1, 1), max_value=date(2030, 12, 31)),
    st.integers(min_value=0, max_value=80 * 366),
)
def test_age_counts_the_birthdays_passed(born: date, days_later: int) -> None:
    today = born + timedelta(days=days_later)
    passed = 0
    while oracle.anniversary(born, passed + 1) <= today:
        passed += 1
    assert age_on(born, today) == passed


# -- the calendar's ends and the plausible years ----------------------------------------------


@pytest.mark.parametrize(
    ("d", "n", "expected"),
    [
        (date.max, 1, date.max),
        (date.min, -1, date.min),
        (date(9999, 12, 1), 10**6, date.max),
        (date(1, 2, 1), -(10**6), date.min),
        (date.max, -1, date(9999, 12, 30)),
        (date(2024, 2, 28), 1, date(2024, 2, 29)),
    ],
)
def test_add_days_saturates_at_the_calendars_ends(d: date, n: int, expected: date) -> None:
    assert add_days(d, n) == expected


@pytest.mark.parametrize(
    ("d", "n", "expected"),
    [
        (date(1, 1, 31), -1, date.min),  # before January of year 1
        (date(1, 1, 31), 0, date(1, 1, 31)),
        (date(9999, 12, 1), 1, date.max),  # after December 9999
        (date(9999, 11, 30), 1, date(9999, 12, 30)),
        (date(1, 2, 28), -1, date(1, 1, 28)),
    ],
)
def test_add_months_saturates_at_the_calendars_ends(d: date, n: int, expected: date) -> None:
    assert add_months(d, n) == expected


@pytest.mark.parametrize(
    ("d", "years", "expected"),
    [
        (date(9999, 3, 1), 1, date.max),
        (date(1, 3, 1), -1, date.min),
        (date(9998, 3, 1), 1, date(9999, 3, 1)),
        (date(9996, 2, 29), 3, date(9999, 3, 1)),
    ],
)
def test_anniversary_saturates_at_the_calendars_ends(d: date, years: int, expected: date) -> None:
    assert anniversary(d, years) == expected


def test_a_period_ending_beyond_the_calendar_ends_on_its_last_day() -> None:
    # the stored date is survivable: the period saturates instead of raising OverflowError
    assert period_end(date(9999, 6, 1), 3) == date(9999, 12, 30)


@pytest.mark.parametrize(
    ("d", "earliest", "plausible"),
    [
        (date(1989, 12, 31), None, False),
        (date(1990, 1, 1), None, True),
        (date(2100, 12, 31), None, True),
        (date(2101, 1, 1), None, False),
        (date(1900, 1, 1), 1900, True),
        (date(1899, 12, 31), 1900, False),
    ],
)
def test_plausible_years_include_both_ends(d: date, earliest: int | None, plausible: bool) -> None:
    assert (is_plausible(d) if earliest is None else is_plausible(d, earliest)) is plausible
