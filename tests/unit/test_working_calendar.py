"""The working-day calendar and the reviewer's working-day count against brute force: a
day's status from the shipped file's own lists (each holiday walked from its first to its
last day), working days counted one day at a time, and the deadline found by walking
forward; plus the calendar file's refusals that the schema cannot see and its validation
cache."""

from __future__ import annotations

import json
import tomllib
from datetime import date, timedelta
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from swdesk.rulepacks import RulePackError, parsed_cache
from swdesk.rulepacks.calendar import (
    CALENDAR_FILE,
    WorkingCalendar,
    calendar_from_data,
    load_calendar_file,
    shipped_calendar,
)
from swdesk.services.review.working_days import deadline_day, working_days_after

ONE_DAY = timedelta(days=1)
SHIPPED_TEXT = (
    files("swdesk.resources")
    .joinpath("rulepacks", "calendars", CALENDAR_FILE)
    .read_text(encoding="utf-8")
)


def shipped_data() -> dict[str, Any]:
    return tomllib.loads(SHIPPED_TEXT)


def lists_of_the_file() -> tuple[set[date], set[date]]:
    """(days off, make-up working days) read straight from the TOML, walking each holiday."""
    off: set[date] = set()
    worked: set[date] = set()
    for year in shipped_data()["years"]:
        for h in year["holidays"]:
            day = date.fromisoformat(h["first"])
            while day <= date.fromisoformat(h["last"]):
                off.add(day)
                day += ONE_DAY
            worked.update(date.fromisoformat(d) for d in h["make_up_working_days"])
    return off, worked


CALENDAR = calendar_from_data(shipped_data(), file=CALENDAR_FILE)
OFF, WORKED = lists_of_the_file()
# the notices' years and a year on each side that no notice covers
DAYS = st.dates(min_value=date(2023, 10, 1), max_value=date(2027, 3, 31))


def oracle_is_working_day(day: date, calendar: WorkingCalendar | None) -> bool:
    if calendar is None:
        return day.weekday() < 5
    return day in WORKED or (day.weekday() < 5 and day not in OFF)


@given(DAYS)
def test_a_day_works_as_the_files_lists_say(day: date) -> None:
    assert CALENDAR.is_working_day(day) is oracle_is_working_day(day, CALENDAR)


@given(DAYS, st.integers(min_value=-10, max_value=400), st.booleans())
def test_working_days_after_counts_the_working_days_one_by_one(
    start: date, length: int, with_calendar: bool
) -> None:
    calendar = CALENDAR if with_calendar else None
    end = start + timedelta(days=length)
    slow = sum(
        1
        for i in range(1, length + 1)
        if oracle_is_working_day(start + timedelta(days=i), calendar)
    )
    assert working_days_after(start, end, calendar) == slow


@given(DAYS, st.integers(min_value=-2, max_value=60), st.booleans())
def test_the_deadline_is_the_first_day_reaching_the_count(
    start: date, working_days: int, with_calendar: bool
) -> None:
    calendar = CALENDAR if with_calendar else None
    day, counted = start, 0
    while counted < working_days:  # 0 or fewer: the day received itself
        day += ONE_DAY
        counted += oracle_is_working_day(day, calendar)
    assert deadline_day(start, working_days, calendar) == day


def test_the_calendar_reads_the_files_notices() -> None:
    assert CALENDAR.known_years == frozenset(y["year"] for y in shipped_data()["years"])
    assert CALENDAR.notice(2025) is not None and CALENDAR.notice(2025).year == 2025
    assert CALENDAR.notice(2019) is None
    assert set(CALENDAR.days_off) == OFF and set(CALENDAR.make_up_days) == WORKED
    assert list(CALENDAR.days_off) == sorted(OFF)


# -- refusals the schema cannot see -----------------------------------------------------------


def refused(data: dict[str, Any]) -> str:
    with pytest.raises(RulePackError) as caught:
        calendar_from_data(data, file="bad.toml")
    assert caught.value.code == "rulepack_invalid" and caught.value.file == "bad.toml"
    return caught.value.reason


def test_a_date_shaped_but_impossible_day_is_named() -> None:
    data = shipped_data()
    data["years"][1]["holidays"][0]["last"] = "2025-02-30"
    data["years"][1]["issued_on"] = "2024-13-01"
    reason = refused(data)
    assert "'2025-02-30' is not a date" in reason and "'2024-13-01' is not a date" in reason


def test_a_notice_issued_after_its_year_is_refused() -> None:
    data = shipped_data()
    data["years"][1]["issued_on"] = "2026-01-02"
    assert "years.2025: issued_on after the year" in refused(data)


@pytest.mark.parametrize(
    ("first", "last", "accepted"),
    [
        ("2025-10-01", "2025-10-10", True),  # ten days: the longest run allowed
        ("2025-10-01", "2025-10-11", False),
        ("2025-10-02", "2025-10-01", False),  # last before first
    ],
)
def test_a_run_of_days_off_is_one_to_ten_days(first: str, last: str, accepted: bool) -> None:
    data = shipped_data()
    holiday = next(h for h in data["years"][1]["holidays"] if h["first"].startswith("2025-10"))
    holiday.update(first=first, last=last, make_up_working_days=[])
    if accepted:
        assert date(2025, 10, 10) in calendar_from_data(data, file="ok.toml").days_off
    else:
        assert "first..last must be 1 to 10 days" in refused(data)


def test_december_of_the_year_before_belongs_to_a_notice_but_november_does_not() -> None:
    data = shipped_data()
    holiday = data["years"][1]["holidays"][0]
    holiday["make_up_working_days"] = ["2024-12-28"]  # a Saturday in the December before
    assert date(2024, 12, 28) in calendar_from_data(data, file="ok.toml").make_up_days
    holiday["make_up_working_days"] = ["2024-11-30"]  # a Saturday a month earlier
    assert "2024-11-30 is outside 2025" in refused(data)


# -- the file and its validation cache --------------------------------------------------------


def test_a_valid_calendar_file_is_validated_once_per_content(tmp_path: Path) -> None:
    path = tmp_path / CALENDAR_FILE
    path.write_text(SHIPPED_TEXT, encoding="utf-8")
    first = load_calendar_file(path)
    cache = parsed_cache.cache_file()  # under this test's own cache folder (tests/conftest.py)
    remembered = cache.read_text(encoding="utf-8")
    assert len(json.loads(remembered)["entries"]) == 1
    assert load_calendar_file(path) == first  # the second time from the remembered values
    assert cache.read_text(encoding="utf-8") == remembered
    changed = tmp_path / "changed.toml"
    changed.write_text(
        SHIPPED_TEXT.replace('version = "2026.1"', 'version = "2026.2"'), encoding="utf-8"
    )
    assert load_calendar_file(changed).version == "2026.2"
    assert len(json.loads(cache.read_text(encoding="utf-8"))["entries"]) == 2


@pytest.mark.parametrize("damage", ["no years", "a weekday made up"])
def test_a_damaged_cache_entry_is_not_used(tmp_path: Path, damage: str) -> None:
    """Values remembered wrongly (the cache file edited or half-written) never refuse a
    good file nor make another calendar: the file is read and checked anew."""
    path = tmp_path / CALENDAR_FILE
    path.write_text(SHIPPED_TEXT, encoding="utf-8")
    first = load_calendar_file(path)
    cache = parsed_cache.cache_file()
    content = json.loads(cache.read_text(encoding="utf-8"))
    data = content["entries"][0]["data"]
    if damage == "no years":
        del data["years"]
    else:
        data["years"][1]["holidays"][0]["make_up_working_days"] = [{"$date": "2025-01-06"}]
    cache.write_text(json.dumps(content), encoding="utf-8")
    assert load_calendar_file(path) == first


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (None, "Is a directory"),
        (b"\xff\xfe", "not UTF-8 text"),
    ],
)
def test_an_unreadable_calendar_file_is_named(
    tmp_path: Path, content: bytes | None, reason: str
) -> None:
    path = tmp_path / CALENDAR_FILE
    if content is None:
        path.mkdir()
    else:
        path.write_bytes(content)
    with pytest.raises(RulePackError) as caught:
        load_calendar_file(path)
    assert caught.value.file == str(path) and reason in caught.value.reason


def test_a_calendars_folder_without_the_file_is_named(tmp_path: Path) -> None:
    """What an installation missing its shipped calendar reports (shipped_calendar reads
    the shipped folder this way)."""
    with pytest.raises(RulePackError) as caught:
        WorkingCalendar.from_folder(tmp_path)
    assert caught.value.file == str(tmp_path / CALENDAR_FILE)
    assert caught.value.reason == "no such file"


def test_a_calendar_loads_from_a_given_folder(tmp_path: Path) -> None:
    (tmp_path / CALENDAR_FILE).write_text(SHIPPED_TEXT, encoding="utf-8")
    assert WorkingCalendar.from_folder(tmp_path) == shipped_calendar()


def test_the_shipped_calendar_is_read_once() -> None:
    assert shipped_calendar() is shipped_calendar()
    assert shipped_calendar() == CALENDAR
