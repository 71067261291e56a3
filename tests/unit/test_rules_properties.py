"""The rule engine against reference definitions: the window's first day, the counted
activities and the registration state, hours and next action of `compute_status`, over
generated periods, days, activities and rule-pack variants (both window anchors, both
late-hours rules, other month counts). The dates come from the day-by-day oracles of
tests/calendar_oracles.py, the rest from the plain wording of the module's rules."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import calendar_oracles as oracle
from swdesk.domain.counting import Cycle, counted_on
from swdesk.domain.dates import period_end
from swdesk.domain.enums import (
    ActivityType,
    CertificateLevel,
    ContentArea,
    Gender,
    RegistrationKind,
    RegistrationState,
)
from swdesk.domain.models import (
    Activity,
    Certificate,
    Practitioner,
    PractitionerRecord,
    RegistrationPeriod,
)
from swdesk.domain.requirements import (
    blocking_requirement,
    first_registration_due,
    requirement_rule,
    window_opens_on,
)
from swdesk.domain.rulepack import RulePack
from swdesk.domain.rules import compute_status
from swdesk.rulepacks import load_pack

S = RegistrationState
GANSU = load_pack("gansu")
NATIONAL = load_pack("national")


@st.composite
def packs(draw: st.DrawFn) -> RulePack:
    """A shipped pack, possibly with other anchors, month counts and late rules."""
    pack = draw(st.sampled_from([GANSU, NATIONAL]))
    window = draw(st.integers(min_value=1, max_value=6))
    return replace(
        pack,
        window_anchor=draw(st.sampled_from(["expiry_date", "lapse_date"])),
        window_opens_months_before=window,
        reminder_months_before=draw(st.integers(min_value=window, max_value=12)),
        late_counts_hours_until=draw(st.sampled_from(["application_date", "expiry_date"])),
        late_requires_explanation=draw(st.booleans()),
        first_registration_within_months=draw(st.sampled_from([6, 12, 18, 24, 36])),
    )


EXPIRIES = st.dates(min_value=date(1995, 1, 1), max_value=date(2095, 12, 31))


def practitioner() -> Practitioner:
    return Practitioner(
        name="张晓梅",
        gender=Gender.FEMALE,
        birth_date=date(1990, 3, 15),
        id_number="620802199003151244",
        phone="13893312345",
        employer="崆峒区社工站",
        post="社工",
        years_in_social_work=5,
        county="620802",
    )


@st.composite
def activities_around(draw: st.DrawFn, first: date, last: date) -> list[Activity]:
    """Up to eight activities starting from two months before `first` to two months after
    `last`, lasting up to ten days, half-hours of 0.5 to 40."""
    span = (last - first).days + 120
    result = []
    for _ in range(draw(st.integers(min_value=0, max_value=8))):
        start = (
            first
            - timedelta(days=60)
            + timedelta(days=draw(st.integers(min_value=0, max_value=max(0, span))))
        )
        end = start + timedelta(days=draw(st.integers(min_value=0, max_value=10)))
        hours = Decimal(draw(st.integers(min_value=1, max_value=80))) / 2
        kind = draw(st.sampled_from(list(ActivityType)))
        result.append(
            Activity("培训", "平凉市民政局", kind, ContentArea.THEORY_PRACTICE, start, end, hours)
        )
    return result


# -- the window's first day -------------------------------------------------------------------


@given(packs(), EXPIRIES)
def test_the_window_opens_the_given_months_before_the_anchor(pack: RulePack, expires: date) -> None:
    """The first day of the window is the day with the anchor's day number in the month
    `window_opens_months_before` months earlier, or that month's last day when it is
    shorter; every day from it up to the anchor lies inside, the day before outside."""
    anchor = expires if pack.window_anchor == "expiry_date" else oracle.day_after(expires)
    months = pack.window_opens_months_before
    opens = window_opens_on(pack, expires)
    assert opens == oracle.add_months(anchor, -months)
    year, month = oracle.walk_months(anchor, -months)
    assert (opens.year, opens.month) == (year, month)
    assert opens.day == min(anchor.day, oracle.days_in_month(year, month))
    assert opens < anchor


# -- which activities count -------------------------------------------------------------------


@given(
    st.data(),
    st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 1, 1)),
    st.integers(min_value=-1, max_value=1200),
    st.integers(min_value=-100, max_value=1400),
    st.booleans(),
)
def test_counted_on_is_the_plain_filter(
    data: st.DataObject, start: date, length: int, cut_off_days: int, no_period: bool
) -> None:
    end = start + timedelta(days=length)
    acts = data.draw(activities_around(start, end))
    cut_off = start + timedelta(days=cut_off_days)
    period = None if no_period else Cycle(start, end)
    expected = (
        []
        if period is None
        else [
            a for a in acts if start <= a.start_date and a.end_date <= end and a.end_date <= cut_off
        ]
    )
    assert counted_on(acts, period, cut_off) == expected


# -- compute_status against a reference classification ----------------------------------------


def reference_state(
    pack: RulePack, expires: date, today: date, *, under_review: bool, awaiting: bool
) -> RegistrationState:
    lapses = oracle.day_after(expires)
    anchor = expires if pack.window_anchor == "expiry_date" else lapses
    opens = oracle.add_months(anchor, -pack.window_opens_months_before)
    reminder = oracle.add_months(lapses, -pack.reminder_months_before)
    if under_review:
        return S.UNDER_REVIEW
    if awaiting:
        return S.AWAITING_SUBMISSION
    if today > expires:
        return S.OVERDUE
    if today >= opens:
        return S.WINDOW_OPEN
    if today >= reminder:
        return S.WINDOW_NOT_OPEN
    return S.VALID


def reference_action(
    state: RegistrationState, has_certificate: bool, needed: Decimal, pack: RulePack
) -> str:
    if state is S.AWAITING_SUBMISSION:
        return "hand_in_application"
    if state is S.UNDER_REVIEW:
        return "wait_for_review"
    if not has_certificate:
        return "add_certificate"
    if state is S.OVERDUE:
        return "late_apply_with_explanation" if pack.late_requires_explanation else "late_apply"
    if state is S.WINDOW_OPEN:
        return "finish_hours_then_apply" if needed > 0 else "apply_now"
    if needed <= 0:
        return "hours_complete_wait_window"
    return "prepare_window_soon" if state is S.WINDOW_NOT_OPEN else "keep_logging"


# mostly neither flag: the states from the dates are the interesting part
FLAGS = st.sampled_from([(False, False)] * 5 + [(True, False), (False, True), (True, True)])


@st.composite
def days_near(draw: st.DrawFn, valid_from: date, expires: date, pack: RulePack) -> date:
    """A day close to one of the period's boundaries (both sides), or anywhere from a year
    before the period to three years after it."""
    lapses = oracle.day_after(expires)
    anchor = expires if pack.window_anchor == "expiry_date" else lapses
    boundary = draw(
        st.sampled_from(
            [
                valid_from,
                oracle.add_months(lapses, -pack.reminder_months_before),
                oracle.add_months(anchor, -pack.window_opens_months_before),
                expires,
                None,
            ]
        )
    )
    if boundary is None:
        return valid_from + timedelta(days=draw(st.integers(min_value=-366, max_value=2200)))
    return boundary + timedelta(days=draw(st.sampled_from(range(-3, 4))))


@settings(max_examples=300)
@given(
    st.data(),
    packs(),
    st.dates(min_value=date(2000, 1, 1), max_value=date(2090, 1, 1)),
    st.sampled_from([*CertificateLevel, None]),
    FLAGS,
)
def test_compute_status_agrees_with_the_reference(
    data: st.DataObject,
    pack: RulePack,
    valid_from: date,
    level: CertificateLevel | None,
    flags: tuple[bool, bool],
) -> None:
    under_review, awaiting = flags
    expires = period_end(valid_from, pack.cycle_years)
    today = data.draw(days_near(valid_from, expires, pack))
    acts = data.draw(activities_around(valid_from, expires))
    certificates = [] if level is None else [Certificate(level, "S2020620800001", date(1999, 8, 1))]
    record = PractitionerRecord(
        practitioner(),
        certificates,
        [RegistrationPeriod(RegistrationKind.RENEWAL, valid_from, expires)],
    )

    status = compute_status(
        record, acts, pack, today, under_review=under_review, awaiting_submission=awaiting
    )

    state = reference_state(pack, expires, today, under_review=under_review, awaiting=awaiting)
    assert status.state is state
    late = today > expires
    assert status.is_late is late
    assert status.explanation_required is (late and pack.late_requires_explanation)

    counting_end = today if late and pack.late_counts_hours_until == "application_date" else expires
    counted = sum(
        (
            a.hours
            for a in acts
            if valid_from <= a.start_date and a.end_date <= counting_end and a.end_date <= today
        ),
        Decimal(0),
    )
    table = pack.late_hours_required if late else pack.hours_required
    required = max(table.values()) if level is None else table[level]
    needed = max(Decimal(0), required - counted)
    assert (status.counted_hours, status.required_hours, status.hours_needed) == (
        counted,
        required,
        needed,
    )
    assert 0.0 <= status.progress <= 1.0
    assert (status.progress == 1.0) is (counted >= required)

    assert status.next_action.code == reference_action(state, level is not None, needed, pack)
    lapses = oracle.day_after(expires)
    if needed > 0 and not late and not under_review and not awaiting:
        plan = status.catch_up
        assert plan is not None and plan.deadline == expires
        months = 0
        while oracle.add_months(today, months) < lapses:
            months += 1
        assert plan.months_left == max(1, months)
        # the monthly figure is the smallest half hour that finishes in time
        assert plan.hours_per_month * plan.months_left >= needed
        assert (plan.hours_per_month - Decimal("0.5")) * plan.months_left < needed
        assert plan.hours_per_month % Decimal("0.5") == 0
    else:
        assert status.catch_up is None

    anchor = expires if pack.window_anchor == "expiry_date" else lapses
    coming = {
        ("reminder", oracle.add_months(lapses, -pack.reminder_months_before)),
        ("window_opens", oracle.add_months(anchor, -pack.window_opens_months_before)),
        ("expires", expires),
    }
    assert {(k.code, k.date) for k in status.key_dates} == {
        (code, day) for code, day in coming if day >= today
    }
    assert [k.date for k in status.key_dates] == sorted(k.date for k in status.key_dates)
    assert status.days_to_expiry == (expires - today).days


@given(
    packs(),
    st.dates(min_value=date(1995, 1, 1), max_value=date(2095, 12, 31)),
    st.integers(min_value=-800, max_value=800),
    st.sampled_from([*CertificateLevel, None]),
    FLAGS,
)
def test_without_a_registration_the_first_registration_period_is_the_reference(
    pack: RulePack,
    obtained: date,
    today_offset: int,
    level: CertificateLevel | None,
    flags: tuple[bool, bool],
) -> None:
    under_review, awaiting = flags
    today = obtained + timedelta(days=today_offset)
    certificates = [] if level is None else [Certificate(level, "S2020620800001", obtained)]
    record = PractitionerRecord(practitioner(), certificates, [])
    status = compute_status(
        record, [], pack, today, under_review=under_review, awaiting_submission=awaiting
    )

    months = pack.first_registration_within_months
    due = oracle.day_before(
        oracle.anniversary(obtained, months // 12)
        if months % 12 == 0
        else oracle.add_months(obtained, months)
    )
    assert first_registration_due(pack, obtained) == due
    state = (
        S.UNDER_REVIEW
        if under_review
        else (S.AWAITING_SUBMISSION if awaiting else S.NOT_REGISTERED)
    )
    assert status.state is state
    assert status.cycle is None and status.catch_up is None
    shows_due = level is not None and state is S.NOT_REGISTERED
    assert status.first_registration_due == (due if shows_due else None)
    assert status.days_to_first_registration_due == ((due - today).days if shows_due else None)
    assert [(k.code, k.date) for k in status.key_dates] == (
        [("first_registration_due", due)] if shows_due and due >= today else []
    )
    expected_code = {
        S.UNDER_REVIEW: "wait_for_review",
        S.AWAITING_SUBMISSION: "hand_in_application",
    }.get(state, "first_registration_needed")
    assert status.next_action.code == expected_code


# -- the hours requirement behind a refusal ---------------------------------------------------


def test_without_any_cited_hours_requirement_nothing_is_refused() -> None:
    uncited = replace(
        GANSU, citations={k: c for k, c in GANSU.citations.items() if "hours_required" not in k}
    )
    for late in (False, True):
        hours, key = blocking_requirement(uncited, CertificateLevel.ASSISTANT, late)
        assert hours == 0
        assert key == "hours_required.assistant"  # the normal rule, named although uncited


def test_a_cited_late_requirement_refuses_below_the_late_hours() -> None:
    cited = replace(
        GANSU,
        citations={
            **GANSU.citations,
            "late_hours_required.senior": replace(GANSU.citations["hours_required.senior"]),
        },
    )
    assert blocking_requirement(cited, CertificateLevel.SENIOR, True) == (
        Decimal(120),
        "late_hours_required.senior",
    )
    # the assumed late figure of another level falls back to the cited normal one
    assert blocking_requirement(cited, CertificateLevel.ASSISTANT, True) == (
        Decimal(90),
        "hours_required.assistant",
    )


@pytest.mark.parametrize(
    ("late", "key"),
    [(False, "hours_required.intermediate"), (True, "late_hours_required.intermediate")],
)
def test_without_a_level_the_strictest_requirement_is_named(late: bool, key: str) -> None:
    # national: assistant 72, intermediate and senior 90: the first strictest level
    assert requirement_rule(NATIONAL, None, late) == key
