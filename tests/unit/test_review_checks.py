"""The reviewer's automatic checks judge by the day the office received the bundle, not by
the applicant's clock: window, late rules, counting period and the hours' cut-off; and a
declaration dated far from that day is flagged. Boundary dates on each side."""

from __future__ import annotations

import io
from datetime import date, timedelta
from typing import Any

import pytest
from PIL import Image

from swdesk.domain.dates import add_days
from swdesk.domain.errors import UserFixableError
from swdesk.domain.requirements import window_opens_on
from swdesk.media.photo import normalise_photo
from swdesk.rulepacks import load_pack
from swdesk.rulepacks.calendar import shipped_calendar
from swdesk.services.review.application_checks import (
    check_activities,
    check_declaration_date,
    check_hours,
    check_window,
    counting_period,
    declaration_date,
)
from swdesk.services.review.member_checks import check_photo

GANSU = load_pack("gansu")
VALID_FROM, VALID_TO = date(2023, 6, 1), date(2026, 5, 31)  # ended in May 2026


def _activity(start: date, end: date, hours: str = "30") -> dict[str, Any]:
    return {
        "title": "培训",
        "organiser": "平凉市民政局",
        "activity_type": "training",
        "content_area": "theory_practice",
        "start_date": start.isoformat(),
        "end_date": end.isoformat(),
        "hours": hours,
        "evidence": [],
    }


def _application(
    declared_at: str,
    *,
    late: bool = False,
    activities: list[dict[str, Any]] | None = None,
    counted: str = "90",
) -> dict[str, Any]:
    if activities is None:
        activities = [
            _activity(date(2024, 3, 1), date(2024, 3, 3)),
            _activity(date(2025, 3, 1), date(2025, 3, 3)),
            _activity(date(2026, 3, 1), date(2026, 3, 3)),
        ]
    return {
        "applicant": {"name": "张晓梅"},
        "application": {"uid": "u", "version": 1, "kind": "renewal"},
        "certificate": {"level": "assistant"},
        "registration": {"valid_from": VALID_FROM.isoformat(), "valid_to": VALID_TO.isoformat()},
        "is_late": late,
        "late_explanation": "因病住院" if late else "",
        "hours": {"counted": counted, "required": "90"},
        "activities": activities,
        "declaration": {"accepted": True, "accepted_at": declared_at},
    }


def test_a_may_declaration_received_in_november_is_late_not_on_time() -> None:
    """Declared in May on a wrong clock, received in November: the window check judges by
    November (after expiry, not declared late) and the declaration date is flagged."""
    app = _application("2026-05-20T10:00:00+08:00")
    received = date(2026, 11, 20)
    window = check_window(app, GANSU, received)
    assert (window.passed, window.params["problem"]) == (False, "late_not_declared")
    assert window.params["applied_on"] == "2026-11-20"
    declared = check_declaration_date(app, received, 30)
    assert not declared.passed
    assert declared.params == {
        "received_on": "2026-11-20",
        "max_days": 30,
        "first_level": False,
        "declared_on": "2026-05-20",
        "days_apart": 184,
        "problem": "long_before",
    }
    # the hours alone are fine: the cycle's 90 hours all ended long before
    assert check_hours(app, GANSU, received).passed


def test_the_window_opens_and_closes_by_the_day_received() -> None:
    app = _application("2026-05-01T09:00:00+08:00")
    opens = window_opens_on(GANSU, VALID_TO)
    assert check_window(app, GANSU, opens).passed
    before = check_window(app, GANSU, add_days(opens, -1))
    assert (before.passed, before.params["problem"]) == (False, "too_early")
    assert check_window(app, GANSU, VALID_TO).passed
    after = check_window(app, GANSU, add_days(VALID_TO, 1))
    assert (after.passed, after.params["problem"]) == (False, "late_not_declared")


def test_a_late_application_is_late_by_the_day_received() -> None:
    """Declared late on a clock set after expiry but received within the period: the
    late flag is wrong by the day received."""
    app = _application("2026-06-02T09:00:00+08:00", late=True, counted="90")
    wrong = check_window(app, GANSU, VALID_TO)
    assert (wrong.passed, wrong.params["problem"]) == (False, "late_flag_wrong")
    assert check_window(app, GANSU, add_days(VALID_TO, 1)).passed


@pytest.mark.parametrize(
    ("declared", "passed", "problem"),
    [
        ("2026-05-20T23:59:59+08:00", True, None),  # the day received itself
        ("2026-04-20T08:00:00+08:00", True, None),  # exactly 30 days before
        ("2026-04-19T23:59:59+08:00", False, "long_before"),  # 31 days before
        ("2026-05-21T00:00:01+08:00", False, "after_received"),  # a clock ahead
        ("", False, "missing"),
        ("9999-12-31T23:59:59+14:00", False, "missing"),  # not a plausible day
    ],
)
def test_declaration_date_against_the_day_received(
    declared: str, passed: bool, problem: str | None
) -> None:
    result = check_declaration_date(_application(declared), date(2026, 5, 20), 30)
    assert result.passed is passed
    assert result.params.get("problem") == problem


def test_declaration_date_reads_the_applicants_own_day() -> None:
    assert declaration_date(_application("2026-05-20T23:30:00+08:00")) == date(2026, 5, 20)
    assert declaration_date(_application("not a time")) is None


def test_an_activity_ending_after_the_day_received_does_not_count() -> None:
    """The same semantics as the practitioner's count: wholly inside the period and ended
    on or before the cut-off, here the day received."""
    received = date(2026, 5, 10)
    on_the_day = _activity(date(2026, 5, 8), received, "30")
    day_after = _activity(date(2026, 5, 9), add_days(received, 1), "30")
    app = _application(
        "2026-05-09T09:00:00+08:00",
        counted="60",
        activities=[_activity(date(2024, 3, 1), date(2024, 3, 3), "30"), on_the_day, day_after],
    )
    hours = check_hours(app, GANSU, received)
    assert hours.params["counted"] == "60"
    assert not hours.passed  # 60 of 90
    activities = check_activities(app, GANSU, received)
    assert not activities.passed
    assert activities.params["after_received"] == [2]
    assert activities.params["outside"] == []
    # received one day later, the third activity counts too
    later = add_days(received, 1)
    assert check_hours(app, GANSU, later).params["counted"] == "90"
    assert check_activities(app, GANSU, later).passed


def test_an_activity_straddling_the_cycle_start_is_outside() -> None:
    straddling = _activity(add_days(VALID_FROM, -1), add_days(VALID_FROM, 1), "30")
    app = _application("2026-05-09T09:00:00+08:00", activities=[straddling])
    result = check_activities(app, GANSU, date(2026, 5, 10))
    assert (result.passed, result.params["outside"], result.params["after_received"]) == (
        False,
        [0],
        [],
    )
    assert check_hours(app, GANSU, date(2026, 5, 10)).params["counted"] == "0"


def test_late_hours_count_until_the_day_received() -> None:
    """Gansu counts a late applicant's hours until the application date: for the office,
    the day received. An activity after expiry counts when it ended by that day."""
    assert GANSU.late_counts_hours_until == "application_date"
    received = date(2026, 9, 1)
    after_expiry = _activity(date(2026, 8, 1), date(2026, 8, 31), "30")
    app = _application(
        "2026-08-31T09:00:00+08:00", late=True, counted="30", activities=[after_expiry]
    )
    assert counting_period(app, GANSU, received) == (VALID_FROM, received)
    assert check_hours(app, GANSU, received).params["counted"] == "30"
    assert check_hours(app, GANSU, date(2026, 8, 30)).params["counted"] == "0"


def test_the_declaration_threshold_is_the_calendars_documented_setting() -> None:
    calendar = shipped_calendar()
    assert calendar.declaration_received_max_days == 30
    assert "design choice" in calendar.declaration_received_source
    received = date(2026, 11, 20)
    limit = received - timedelta(days=calendar.declaration_received_max_days)
    app = _application(f"{limit.isoformat()}T12:00:00+08:00")
    assert check_declaration_date(app, received, calendar.declaration_received_max_days).passed


def _photo(size: tuple[int, int], fmt: str, mode: str = "RGB", **params: object) -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, "white").save(out, fmt, **params)
    return out.getvalue()


def _upright_on_its_side(size: tuple[int, int]) -> bytes:
    exif = Image.Exif()
    exif[0x0112] = 6  # orientation: turn a quarter to be upright
    return _photo(size, "JPEG", exif=exif)


@pytest.mark.parametrize(
    "data",
    [
        _photo((1200, 1600), "JPEG"),
        _photo((2000, 1000), "JPEG", progressive=True),
        _upright_on_its_side((640, 480)),
        _photo((400, 500), "PNG", mode="RGBA"),
        _photo((200, 300), "JPEG"),  # too small
        _photo((1200, 1600), "JPEG")[:400],  # truncated: no pixels to decode
        b"\xff\xd8\xff\xe0" + bytes(300),
    ],
)
def test_the_import_judges_a_photo_as_saving_it_would(data: bytes) -> None:
    """The import's photo check (which does not re-encode the photo) gives the size
    `normalise_photo` gives, and refuses or fails what it refuses, with the same code."""
    try:
        photo = normalise_photo(data, source_name="photo.jpg")
        expected: tuple[str, object] = ("ok", (photo.width, photo.height))
    except UserFixableError as error:
        expected = ("refused", error.code)
    try:
        result = check_photo(data, file="b.swdapp")
    except UserFixableError as error:
        assert expected == ("refused", error.code)
        return
    if result.passed:
        assert expected == ("ok", (result.params["width"], result.params["height"]))
    else:
        assert expected == ("refused", result.params["problem"])
