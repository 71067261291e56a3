"""When the re-registration window opens: "有效期满前3个月" counted back from the pack's
`window_anchor`, one function (`window_opens_on`) behind the dashboard's state, the .ics
reminder, the pre-check and the reviewer's window check, tested on the boundary days."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime
from typing import Any

import pytest

from swdesk.domain.application import ApplicationDraft, ApplicationKind, MaterialFile, MaterialRole
from swdesk.domain.dates import add_days
from swdesk.domain.enums import CertificateLevel, Gender, RegistrationKind, RegistrationState
from swdesk.domain.identity import id_check_char
from swdesk.domain.models import Certificate, Practitioner, PractitionerRecord, RegistrationPeriod
from swdesk.domain.precheck import precheck
from swdesk.domain.requirements import window_opens_on
from swdesk.domain.rulepack import RulePack
from swdesk.domain.rules import compute_status
from swdesk.rulepacks import load_pack
from swdesk.services.calendar_export import CalendarEntry, build_ics
from swdesk.services.review.application_checks import check_window

GANSU = load_pack("gansu")
NATIONAL = load_pack("national")
LAPSE_ANCHORED = replace(GANSU, window_anchor="lapse_date")

# (last valid day, first day of the window counted back from it, from the day after it)
CASES = [
    (date(2027, 2, 28), date(2026, 11, 28), date(2026, 12, 1)),  # February, common year
    (date(2028, 2, 29), date(2027, 11, 29), date(2027, 12, 1)),  # February, leap year
    (date(2028, 2, 28), date(2027, 11, 28), date(2027, 11, 29)),  # 28 Feb of a leap year
    (date(2026, 5, 31), date(2026, 2, 28), date(2026, 3, 1)),  # month end into February
    (date(2028, 5, 31), date(2028, 2, 29), date(2028, 3, 1)),  # ... of a leap year
    (date(2027, 5, 30), date(2027, 2, 28), date(2027, 2, 28)),  # both clamp to 28 Feb
    (date(2026, 12, 31), date(2026, 9, 30), date(2026, 10, 1)),  # year end
    (date(2026, 6, 15), date(2026, 3, 15), date(2026, 3, 16)),  # mid-month: one day apart
]


@pytest.mark.parametrize(("expires", "from_expiry", "from_lapse"), CASES)
def test_window_opens_counting_back_from_the_anchor(
    expires: date, from_expiry: date, from_lapse: date
) -> None:
    for pack in (GANSU, NATIONAL):
        assert pack.window_anchor == "expiry_date"  # the earliest defensible day
        assert window_opens_on(pack, expires) == from_expiry
    assert window_opens_on(LAPSE_ANCHORED, expires) == from_lapse
    assert from_expiry <= from_lapse  # the shipped anchor never opens later


def _record(expires: date) -> PractitionerRecord:
    first17 = "62080219910412422"
    person = Practitioner(
        "张晓梅",
        Gender.FEMALE,
        date(1991, 4, 12),
        first17 + id_check_char(first17),
        "13909331234",
        "东关街道社会工作服务站",
        "社会工作者",
        5,
        "620802",
    )
    start = date(expires.year - 3, expires.month, 1)
    return PractitionerRecord(
        person,
        [Certificate(CertificateLevel.ASSISTANT, "S2020", date(2020, 8, 1))],
        [RegistrationPeriod(RegistrationKind.RENEWAL, start, expires, number="甘社登-1")],
    )


def _draft() -> ApplicationDraft:
    photo = MaterialFile(
        MaterialRole.PHOTO, "me.jpg", "b" * 64 + ".jpg", "b" * 64, 10, "image/jpeg"
    )
    return ApplicationDraft(
        1,
        ApplicationKind.RENEWAL,
        "uid-1",
        phone="13909331234",
        employer="东关街道社会工作服务站",
        post="社会工作者",
        declaration_accepted=True,
        materials=(photo,),
    )


def _codes(record: PractitionerRecord, pack: RulePack, today: date) -> list[str]:
    status = compute_status(record, [], pack, today)
    items = precheck(record, _draft(), status, [], pack, today, lambda _n: True)
    return [i.code for i in items if i.blocking]


def _bundle(expires: date) -> dict[str, Any]:
    return {
        "registration": {
            "valid_from": date(expires.year - 3, expires.month, 1).isoformat(),
            "valid_to": expires.isoformat(),
        },
        "is_late": False,
        "late_explanation": "",
    }


@pytest.mark.parametrize(("expires", "opens", "_lapse"), CASES)
@pytest.mark.parametrize("pack", [GANSU, NATIONAL], ids=["gansu", "national"])
def test_dashboard_precheck_and_reviewer_agree_on_the_day_before_and_of_opening(
    pack: RulePack, expires: date, opens: date, _lapse: date
) -> None:
    record = _record(expires)
    before = add_days(opens, -1)
    # the dashboard
    assert compute_status(record, [], pack, before).state is RegistrationState.WINDOW_NOT_OPEN
    on = compute_status(record, [], pack, opens)
    assert on.state is RegistrationState.WINDOW_OPEN
    assert (on.window_opens_on, on.days_to_window_open) == (opens, 0)
    # the pre-check (a blocking item: the window rests on 民发〔2009〕44号 第四条)
    assert "window_not_open" in _codes(record, pack, before)
    assert "window_not_open" not in _codes(record, pack, opens)
    # the reviewer, by the day received
    assert check_window(_bundle(expires), pack, before).params["problem"] == "too_early"
    assert check_window(_bundle(expires), pack, opens).passed
    assert check_window(_bundle(expires), pack, expires).passed


def test_the_ics_reminder_is_on_the_opening_day() -> None:
    expires = date(2027, 2, 28)
    status = compute_status(_record(expires), [], GANSU, date(2026, 6, 1))
    entries = [CalendarEntry(k.code, k.date, k.code) for k in status.key_dates]
    ics = build_ics(entries, "owner", now=datetime(2026, 6, 1, 8, 0)).decode()
    assert "DTSTART;VALUE=DATE:20261128" in ics
    assert "UID:owner-window_opens-2026-11-28@swdesk" in ics
    assert "DTSTART;VALUE=DATE:20261201" not in ics  # the later reading's day


def test_a_lapse_anchored_pack_opens_later_everywhere() -> None:
    """A province reading the 3 months from the lapse day: every consumer follows it."""
    expires = date(2027, 2, 28)
    record = _record(expires)
    day = date(2026, 11, 30)  # open under the shipped packs, not yet from 1 December
    assert compute_status(record, [], GANSU, day).state is RegistrationState.WINDOW_OPEN
    late_reading = compute_status(record, [], LAPSE_ANCHORED, day)
    assert late_reading.state is RegistrationState.WINDOW_NOT_OPEN
    assert late_reading.window_opens_on == date(2026, 12, 1)
    assert "window_not_open" in _codes(record, LAPSE_ANCHORED, day)
    assert check_window(_bundle(expires), LAPSE_ANCHORED, day).params["problem"] == "too_early"
