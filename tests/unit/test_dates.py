"""Calendar helpers: month arithmetic, anniversaries, period ends, ages."""

from __future__ import annotations

from datetime import date

import pytest

from swdesk.domain.dates import add_months, age_on, anniversary, months_between_ceil, period_end


@pytest.mark.parametrize(
    ("start", "n", "expected"),
    [
        (date(2024, 1, 15), 1, date(2024, 2, 15)),
        (date(2024, 1, 31), 1, date(2024, 2, 29)),
        (date(2023, 1, 31), 1, date(2023, 2, 28)),
        (date(2024, 3, 31), -1, date(2024, 2, 29)),
        (date(2024, 12, 31), 2, date(2025, 2, 28)),
        (date(2024, 5, 15), -17, date(2022, 12, 15)),
        (date(2027, 3, 1), -3, date(2026, 12, 1)),
        (date(2027, 5, 31), -3, date(2027, 2, 28)),
        (date(2024, 2, 29), 12, date(2025, 2, 28)),
        (date(2024, 2, 29), 0, date(2024, 2, 29)),
        (date(2024, 1, 1), -1, date(2023, 12, 1)),
    ],
)
def test_add_months(start: date, n: int, expected: date) -> None:
    assert add_months(start, n) == expected


@pytest.mark.parametrize(
    ("start", "years", "expected"),
    [
        (date(2024, 2, 29), 1, date(2025, 3, 1)),
        (date(2024, 2, 29), 3, date(2027, 3, 1)),
        (date(2024, 2, 29), 4, date(2028, 2, 29)),
        (date(2024, 2, 29), -1, date(2023, 3, 1)),
        (date(2024, 2, 28), 3, date(2027, 2, 28)),
        (date(2024, 3, 1), 3, date(2027, 3, 1)),
    ],
)
def test_anniversary(start: date, years: int, expected: date) -> None:
    assert anniversary(start, years) == expected


@pytest.mark.parametrize(
    ("valid_from", "years", "expected"),
    [
        (date(2024, 3, 1), 3, date(2027, 2, 28)),
        (date(2024, 2, 29), 3, date(2027, 2, 28)),
        (date(2025, 3, 1), 3, date(2028, 2, 29)),
        (date(2024, 1, 1), 3, date(2026, 12, 31)),
        (date(2024, 6, 15), 3, date(2027, 6, 14)),
        (date(2024, 2, 29), 4, date(2028, 2, 28)),
    ],
)
def test_period_end(valid_from: date, years: int, expected: date) -> None:
    assert period_end(valid_from, years) == expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (date(2024, 1, 15), date(2024, 1, 15), 0),
        (date(2024, 1, 15), date(2023, 1, 15), 0),
        (date(2024, 1, 15), date(2024, 1, 16), 1),
        (date(2024, 1, 15), date(2024, 2, 15), 1),
        (date(2024, 1, 15), date(2024, 2, 16), 2),
        (date(2024, 1, 31), date(2024, 2, 29), 1),
        (date(2024, 1, 31), date(2024, 3, 1), 2),
        (date(2026, 3, 1), date(2027, 3, 1), 12),
        (date(2026, 3, 2), date(2027, 3, 1), 12),
        (date(2027, 2, 28), date(2027, 3, 1), 1),
    ],
)
def test_months_between_ceil(a: date, b: date, expected: int) -> None:
    assert months_between_ceil(a, b) == expected


@pytest.mark.parametrize(
    ("born", "today", "expected"),
    [
        (date(1990, 3, 15), date(2025, 3, 14), 34),
        (date(1990, 3, 15), date(2025, 3, 15), 35),
        (date(2000, 2, 29), date(2018, 2, 28), 17),
        (date(2000, 2, 29), date(2018, 3, 1), 18),
        (date(2000, 2, 29), date(2020, 2, 29), 20),
        (date(2025, 1, 1), date(2025, 6, 1), 0),
    ],
)
def test_age_on(born: date, today: date, expected: int) -> None:
    assert age_on(born, today) == expected
