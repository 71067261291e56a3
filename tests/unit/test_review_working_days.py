"""The reviewer's deadline in working days follows the State Council's holidays and make-up
working days (调休) for the years the shipped calendar covers, and Monday to Friday (with
the year named as unknown) beyond them. Boundaries around Spring Festival and National Day
2025, and a calendar file that breaks a rule is refused naming the file."""

from __future__ import annotations

import copy
import tomllib
from datetime import date, timedelta
from typing import Any

import pytest

from swdesk.rulepacks import RulePackError
from swdesk.rulepacks.calendar import (
    CALENDAR_FILE,
    WorkingCalendar,
    calendar_from_data,
    load_calendar_file,
    shipped_calendar,
)
from swdesk.services.review.working_days import deadline_day, working_days_after

CALENDAR = shipped_calendar()


def _shipped_data() -> dict[str, Any]:
    from importlib.resources import files

    path = files("swdesk.resources").joinpath("rulepacks", "calendars", CALENDAR_FILE)
    return tomllib.loads(path.read_text(encoding="utf-8"))


def test_the_shipped_calendar_cites_each_years_notice() -> None:
    assert sorted(CALENDAR.known_years) == [2024, 2025, 2026]
    notice_2025 = CALENDAR.notice(2025)
    assert notice_2025 is not None
    assert notice_2025.document_number == "国办发明电〔2024〕12号"
    assert notice_2025.title == "国务院办公厅关于2025年部分节假日安排的通知"
    assert notice_2025.issued_on == date(2024, 11, 12)
    assert notice_2025.url.startswith("https://")
    notice_2024 = CALENDAR.notice(2024)
    assert notice_2024 is not None and notice_2024.document_number == "国办发明电〔2023〕7号"
    assert CALENDAR.notice(2027) is None


def test_spring_festival_2025() -> None:
    """Days off 28 Jan – 4 Feb 2025; Sunday 26 Jan and Saturday 8 Feb are worked."""
    assert CALENDAR.is_working_day(date(2025, 1, 26))  # 调休 Sunday
    assert not CALENDAR.is_working_day(date(2025, 1, 28))  # 除夕, a Tuesday
    assert not CALENDAR.is_working_day(date(2025, 2, 4))  # the last day off, a Tuesday
    assert CALENDAR.is_working_day(date(2025, 2, 5))
    assert CALENDAR.is_working_day(date(2025, 2, 8))  # 调休 Saturday
    assert not CALENDAR.is_working_day(date(2025, 2, 9))  # an ordinary Sunday
    # received Friday 24 Jan: 26 Jan, 27 Jan, 5, 6, 7, 8 and 10 Feb are working days
    assert working_days_after(date(2025, 1, 24), date(2025, 2, 10), CALENDAR) == 7
    assert working_days_after(date(2025, 1, 24), date(2025, 2, 10)) == 11  # Mon–Fri only
    assert working_days_after(date(2025, 1, 25), date(2025, 1, 26), CALENDAR) == 1
    assert working_days_after(date(2025, 1, 27), date(2025, 2, 4), CALENDAR) == 0
    assert working_days_after(date(2025, 2, 7), date(2025, 2, 8), CALENDAR) == 1


def test_national_day_2025() -> None:
    """Days off 1–8 Oct 2025; Sunday 28 Sep and Saturday 11 Oct are worked."""
    received = date(2025, 9, 26)  # a Friday
    assert working_days_after(received, date(2025, 9, 28), CALENDAR) == 1
    assert working_days_after(received, date(2025, 9, 30), CALENDAR) == 3
    assert working_days_after(received, date(2025, 10, 8), CALENDAR) == 3
    assert working_days_after(received, date(2025, 10, 9), CALENDAR) == 4
    assert working_days_after(received, date(2025, 10, 11), CALENDAR) == 6
    assert working_days_after(received, date(2025, 10, 13), CALENDAR) == 7
    assert deadline_day(received, 3, CALENDAR) == date(2025, 9, 30)
    assert deadline_day(received, 4, CALENDAR) == date(2025, 10, 9)
    assert deadline_day(received, 6, CALENDAR) == date(2025, 10, 11)
    assert deadline_day(received, 4) == date(2025, 10, 2)  # Mon–Fri only


def test_a_30_working_day_deadline_over_national_day_2025() -> None:
    received = date(2025, 9, 26)
    deadline = deadline_day(received, 30, CALENDAR)
    assert CALENDAR.is_working_day(deadline)
    assert working_days_after(received, deadline, CALENDAR) == 30
    assert working_days_after(received, deadline - timedelta(days=1), CALENDAR) == 29
    # six weekdays off (1, 2, 3, 6, 7, 8 Oct) less two make-up days: four working days
    # later than counting Monday to Friday, which ends on Friday 7 Nov
    assert deadline_day(received, 30) == date(2025, 11, 7)
    assert deadline == date(2025, 11, 13)
    assert deadline_day(received, 0, CALENDAR) == received


def test_days_counted_one_by_one_agree_with_the_fast_count() -> None:
    start = date(2023, 12, 20)
    for length in range(0, 1200, 7):
        end = start + timedelta(days=length)
        slow = sum(
            1 for i in range(1, length + 1) if CALENDAR.is_working_day(start + timedelta(days=i))
        )
        assert working_days_after(start, end, CALENDAR) == slow


def test_a_year_without_a_notice_counts_monday_to_friday_and_is_named() -> None:
    # Friday 1 January 2027: no notice for 2027 is in the calendar
    assert working_days_after(date(2026, 12, 31), date(2027, 1, 1), CALENDAR) == 1
    assert CALENDAR.unknown_years(date(2026, 12, 1), date(2027, 1, 20)) == (2027,)
    assert CALENDAR.unknown_years(date(2024, 1, 1), date(2026, 12, 31)) == ()
    assert CALENDAR.unknown_years(date(2023, 12, 1), date(2024, 1, 20)) == (2023,)


def _refused(data: dict[str, Any]) -> RulePackError:
    with pytest.raises(RulePackError) as caught:
        calendar_from_data(data, file="bad-calendar.toml")
    assert caught.value.code == "rulepack_invalid"
    assert caught.value.file == "bad-calendar.toml"
    return caught.value


def test_a_make_up_day_on_a_weekday_is_refused() -> None:
    data = copy.deepcopy(_shipped_data())
    data["years"][1]["holidays"][1]["make_up_working_days"].append("2025-02-07")  # Friday
    assert "not a Saturday or Sunday" in _refused(data).reason


def test_a_day_both_off_and_worked_is_refused() -> None:
    data = copy.deepcopy(_shipped_data())
    data["years"][1]["holidays"][1]["make_up_working_days"].append("2025-02-01")  # Saturday
    assert "both a day off and a make-up working day" in _refused(data).reason


def test_a_year_listed_twice_or_a_date_outside_its_year_is_refused() -> None:
    data = copy.deepcopy(_shipped_data())
    data["years"].append(copy.deepcopy(data["years"][0]))
    assert "listed twice" in _refused(data).reason
    data = copy.deepcopy(_shipped_data())
    data["years"][0]["holidays"][6]["last"] = "2025-10-07"
    reason = _refused(data).reason
    assert "outside 2024" in reason


def test_a_notice_without_its_source_is_refused_by_the_schema() -> None:
    data = copy.deepcopy(_shipped_data())
    del data["years"][2]["published_in"]
    assert "published_in" in _refused(data).reason
    data = copy.deepcopy(_shipped_data())
    data["years"][0]["holidays"][0]["first"] = "1 January"
    assert "first" in _refused(data).reason


def test_an_unreadable_calendar_file_names_the_file(tmp_path: Any) -> None:
    bad = tmp_path / "cn-working-days.toml"
    bad.write_text("years = [", encoding="utf-8")
    with pytest.raises(RulePackError) as caught:
        load_calendar_file(bad)
    assert caught.value.file == str(bad) and "TOML" in caught.value.reason


def test_without_a_calendar_the_count_is_monday_to_friday() -> None:
    monday = date(2026, 11, 30)
    assert working_days_after(monday, monday) == 0
    assert working_days_after(monday, monday + timedelta(days=7)) == 5
    assert isinstance(CALENDAR, WorkingCalendar)
