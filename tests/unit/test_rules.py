"""The rule engine: states, key dates, counted hours, next action and catch-up plan."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from swdesk.domain.counting import (
    Cycle,
    counted_activities,
    cycles_of,
    hours_by_area,
    hours_by_type,
)
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
from swdesk.domain.next_action import NextAction
from swdesk.domain.rules import CatchUpPlan, KeyDate, compute_status
from swdesk.rulepacks import load_pack

GANSU = load_pack("gansu")
NATIONAL = load_pack("national")
S = RegistrationState


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


def record(
    valid_from: date | None = date(2024, 3, 1),
    valid_to: date | None = None,
    level: CertificateLevel | None = CertificateLevel.ASSISTANT,
) -> PractitionerRecord:
    certificates = [] if level is None else [Certificate(level, "S2020620800001", date(2020, 8, 1))]
    registrations = []
    if valid_from is not None:
        end = valid_to or period_end(valid_from, 3)
        registrations.append(RegistrationPeriod(RegistrationKind.RENEWAL, valid_from, end))
    return PractitionerRecord(practitioner(), certificates, registrations)


def activity(
    start: date,
    end: date | None = None,
    hours: str = "8",
    kind: ActivityType = ActivityType.TRAINING,
    area: ContentArea = ContentArea.THEORY_PRACTICE,
) -> Activity:
    return Activity("培训", "平凉市民政局", kind, area, start, end or start, Decimal(hours))


def many_hours(total: int, day: date = date(2025, 1, 1)) -> list[Activity]:
    """`total` hours as one lump-sum research item inside the 2024-03-01 cycle."""
    return [activity(day, hours=str(total), kind=ActivityType.RESEARCH)]


# -- dates and states -------------------------------------------------------------------------


def test_key_dates_of_a_standard_period() -> None:
    status = compute_status(record(), [], GANSU, date(2025, 1, 1))
    assert status.today == date(2025, 1, 1)
    assert status.cycle == Cycle(date(2024, 3, 1), date(2027, 2, 28))
    assert status.expires_on == date(2027, 2, 28)
    assert status.window_opens_on == date(2026, 11, 28)  # 3 months before 2027-02-28
    assert status.reminder_on == date(2026, 9, 1)
    assert status.key_dates == (
        KeyDate("reminder", date(2026, 9, 1)),
        KeyDate("window_opens", date(2026, 11, 28)),
        KeyDate("expires", date(2027, 2, 28)),
    )


@pytest.mark.parametrize(
    ("today", "state", "days_to_expiry", "days_to_window_open"),
    [
        (date(2024, 3, 1), S.VALID, 1094, 1002),
        (date(2026, 8, 31), S.VALID, 181, 89),
        (date(2026, 9, 1), S.WINDOW_NOT_OPEN, 180, 88),
        (date(2026, 11, 27), S.WINDOW_NOT_OPEN, 93, 1),
        (date(2026, 11, 28), S.WINDOW_OPEN, 92, 0),
        (date(2026, 12, 1), S.WINDOW_OPEN, 89, -3),
        (date(2027, 2, 27), S.WINDOW_OPEN, 1, -91),
        (date(2027, 2, 28), S.WINDOW_OPEN, 0, -92),
        (date(2027, 3, 1), S.OVERDUE, -1, -93),
        (date(2028, 3, 1), S.OVERDUE, -367, -459),
    ],
)
def test_state_around_each_boundary(
    today: date, state: RegistrationState, days_to_expiry: int, days_to_window_open: int
) -> None:
    status = compute_status(record(), [], GANSU, today)
    assert status.state is state
    assert status.days_to_expiry == days_to_expiry
    assert status.days_to_window_open == days_to_window_open
    assert status.is_late is (state is S.OVERDUE)


def test_registration_starting_on_29_february() -> None:
    rec = record(date(2024, 2, 29))
    status = compute_status(rec, [], GANSU, date(2026, 11, 27))
    assert status.expires_on == date(2027, 2, 28)
    assert status.window_opens_on == date(2026, 11, 28)
    assert status.reminder_on == date(2026, 9, 1)
    assert status.state is S.WINDOW_NOT_OPEN
    assert compute_status(rec, [], GANSU, date(2026, 11, 28)).state is S.WINDOW_OPEN


def test_registration_expiring_on_29_february() -> None:
    rec = record(date(2025, 3, 1))
    assert rec.registrations[0].valid_to == date(2028, 2, 29)
    status = compute_status(rec, [], GANSU, date(2027, 11, 28))
    assert status.window_opens_on == date(2027, 11, 29)  # 3 months before 2028-02-29
    assert status.reminder_on == date(2027, 9, 1)
    assert status.state is S.WINDOW_NOT_OPEN
    assert compute_status(rec, [], GANSU, date(2027, 11, 29)).state is S.WINDOW_OPEN
    on_expiry = compute_status(rec, [], GANSU, date(2028, 2, 29))
    assert (on_expiry.state, on_expiry.days_to_expiry) == (S.WINDOW_OPEN, 0)
    after = compute_status(rec, [], GANSU, date(2028, 3, 1))
    assert (after.state, after.days_to_expiry) == (S.OVERDUE, -1)


def test_window_opening_clamps_to_month_end() -> None:
    rec = record(date(2024, 5, 31))  # valid to 2027-05-30, lapses 2027-05-31
    status = compute_status(rec, [], GANSU, date(2027, 1, 1))
    assert status.expires_on == date(2027, 5, 30)
    assert status.window_opens_on == date(2027, 2, 28)
    assert status.reminder_on == date(2026, 11, 30)


def test_key_dates_only_today_or_later() -> None:
    status = compute_status(record(), [], GANSU, date(2026, 11, 28))
    assert status.key_dates == (
        KeyDate("window_opens", date(2026, 11, 28)),
        KeyDate("expires", date(2027, 2, 28)),
    )
    assert compute_status(record(), [], GANSU, date(2027, 3, 1)).key_dates == ()


def test_latest_registration_is_the_cycle() -> None:
    rec = record()
    rec.registrations.insert(
        0, RegistrationPeriod(RegistrationKind.FIRST, date(2021, 3, 1), date(2024, 2, 29))
    )
    status = compute_status(rec, [], GANSU, date(2025, 1, 1))
    assert status.cycle == Cycle(date(2024, 3, 1), date(2027, 2, 28))
    assert cycles_of(rec) == [
        Cycle(date(2024, 3, 1), date(2027, 2, 28)),
        Cycle(date(2021, 3, 1), date(2024, 2, 29)),
    ]


# -- hours ------------------------------------------------------------------------------------


def test_cycle_boundaries_for_counting() -> None:
    acts = [
        activity(date(2024, 2, 28), date(2024, 3, 1), "16"),  # straddles the start: no
        activity(date(2024, 2, 29), hours="8"),  # before the start: no
        activity(date(2024, 3, 1), hours="7.5"),  # on the first day: yes
        activity(date(2027, 2, 26), date(2027, 2, 28), "20"),  # ends on the last day: yes
    ]
    status = compute_status(record(), acts, GANSU, date(2027, 2, 28))
    assert status.counted_hours == Decimal("27.5")
    assert status.hours_needed == Decimal("62.5")
    assert counted_activities(acts, status.cycle) == acts[2:]  # type: ignore[arg-type]


def test_activity_after_expiry_counts_only_when_late_hours_count_until_application() -> None:
    acts = [*many_hours(100), activity(date(2027, 3, 2), hours="8")]
    status = compute_status(record(), acts, GANSU, date(2027, 3, 10))
    assert status.counting_period == Cycle(date(2024, 3, 1), date(2027, 3, 10))
    assert status.counted_hours == Decimal("108")
    strict = replace(GANSU, late_counts_hours_until="expiry_date")
    status = compute_status(record(), acts, strict, date(2027, 3, 10))
    assert status.counting_period == Cycle(date(2024, 3, 1), date(2027, 2, 28))
    assert status.counted_hours == Decimal("100")


def test_activity_not_yet_ended_does_not_count() -> None:
    acts = [
        activity(date(2025, 5, 1), hours="8"),
        activity(date(2025, 5, 30), date(2025, 6, 2), "20"),
    ]
    status = compute_status(record(), acts, GANSU, date(2025, 6, 1))
    assert status.counted_hours == Decimal("8")
    assert compute_status(record(), acts, GANSU, date(2025, 6, 2)).counted_hours == Decimal("28")


def test_required_hours_by_pack_and_level() -> None:
    today = date(2025, 1, 1)
    assert compute_status(record(), [], GANSU, today).required_hours == Decimal("90")
    assert compute_status(record(), [], NATIONAL, today).required_hours == Decimal("72")
    senior = record(level=CertificateLevel.SENIOR)
    assert compute_status(senior, [], NATIONAL, today).required_hours == Decimal("90")
    assert compute_status(senior, [], NATIONAL, today).level is CertificateLevel.SENIOR


def test_late_uses_120_hours_and_explanation() -> None:
    acts = many_hours(100)
    on_time = compute_status(record(), acts, GANSU, date(2027, 2, 28))
    assert (on_time.required_hours, on_time.hours_needed) == (Decimal("90"), Decimal("0"))
    assert on_time.next_action == NextAction(
        "apply_now", {"deadline": date(2027, 2, 28), "days_left": 0}
    )
    assert not on_time.explanation_required
    late = compute_status(record(), acts, GANSU, date(2027, 3, 1))
    assert (late.required_hours, late.hours_needed) == (Decimal("120"), Decimal("20"))
    assert late.explanation_required
    assert late.catch_up is None
    assert late.next_action == NextAction(
        "late_apply_with_explanation",
        {"hours_needed": Decimal("20"), "required_hours": Decimal("120")},
    )
    assert late.progress == pytest.approx(100 / 120)


def test_late_with_hours_complete() -> None:
    acts = many_hours(120)
    late = compute_status(record(), acts, GANSU, date(2027, 4, 1))
    assert late.next_action == NextAction(
        "late_apply_with_explanation",
        {"hours_needed": Decimal("0"), "required_hours": Decimal("120")},
    )
    lenient = replace(GANSU, late_requires_explanation=False)
    assert (
        compute_status(record(), acts, lenient, date(2027, 4, 1)).next_action.code == "late_apply"
    )


def test_progress() -> None:
    today = date(2025, 6, 1)
    assert compute_status(record(), many_hours(45), GANSU, today).progress == 0.5
    assert compute_status(record(), many_hours(200), GANSU, today).progress == 1.0
    assert compute_status(record(), [], GANSU, today).progress == 0.0


# -- catch-up plan and next action ------------------------------------------------------------


@pytest.mark.parametrize(
    ("today", "have", "plan"),
    [
        (date(2026, 3, 1), 30, CatchUpPlan(Decimal("60"), 12, Decimal("5.0"), date(2027, 2, 28))),
        (date(2026, 3, 2), 29, CatchUpPlan(Decimal("61"), 12, Decimal("5.5"), date(2027, 2, 28))),
        (date(2026, 12, 15), 80, CatchUpPlan(Decimal("10"), 3, Decimal("3.5"), date(2027, 2, 28))),
        (date(2027, 2, 28), 80, CatchUpPlan(Decimal("10"), 1, Decimal("10.0"), date(2027, 2, 28))),
        (date(2024, 3, 1), 0, CatchUpPlan(Decimal("90"), 36, Decimal("2.5"), date(2027, 2, 28))),
    ],
)
def test_catch_up_plan(today: date, have: int, plan: CatchUpPlan) -> None:
    acts = many_hours(have, date(2024, 3, 1)) if have else []
    assert compute_status(record(), acts, GANSU, today).catch_up == plan


def test_no_catch_up_when_complete() -> None:
    assert compute_status(record(), many_hours(90), GANSU, date(2025, 6, 1)).catch_up is None


@pytest.mark.parametrize(
    ("today", "have", "action"),
    [
        (
            date(2025, 3, 1),
            18,
            NextAction(
                "keep_logging",
                {
                    "hours_needed": Decimal("72"),
                    "hours_per_month": Decimal("3.0"),
                    "deadline": date(2027, 2, 28),
                },
            ),
        ),
        (
            date(2025, 3, 1),
            90,
            NextAction("hours_complete_wait_window", {"window_opens_on": date(2026, 11, 28)}),
        ),
        (
            date(2026, 10, 1),
            90,
            NextAction("hours_complete_wait_window", {"window_opens_on": date(2026, 11, 28)}),
        ),
        (
            date(2026, 10, 1),
            80,
            NextAction(
                "prepare_window_soon",
                {
                    "hours_needed": Decimal("10"),
                    "hours_per_month": Decimal("2.0"),
                    "window_opens_on": date(2026, 11, 28),
                },  # 5 months to 2027-03-01
            ),
        ),
        (
            date(2026, 12, 1),
            80,
            NextAction(
                "finish_hours_then_apply",
                {"hours_needed": Decimal("10"), "deadline": date(2027, 2, 28)},
            ),
        ),
        (
            date(2026, 12, 1),
            90,
            NextAction("apply_now", {"deadline": date(2027, 2, 28), "days_left": 89}),
        ),
    ],
)
def test_next_action(today: date, have: int, action: NextAction) -> None:
    acts = many_hours(have, date(2024, 3, 1)) if have else []
    assert compute_status(record(), acts, GANSU, today).next_action == action


def test_not_registered() -> None:
    status = compute_status(record(valid_from=None), many_hours(10), GANSU, date(2025, 1, 1))
    assert status.state is S.NOT_REGISTERED
    # certificate of 2020-08-01: first registration was due by 2021-07-31 (1 year)
    assert status.next_action == NextAction(
        "first_registration_needed", {"deadline": date(2021, 7, 31), "days_left": -1250}
    )
    assert status.cycle is None and status.expires_on is None and status.catch_up is None
    assert (status.required_hours, status.counted_hours, status.key_dates) == (
        Decimal(0),
        Decimal(0),
        (),
    )
    no_certificate = compute_status(
        record(valid_from=None, level=None), [], GANSU, date(2025, 1, 1)
    )
    assert no_certificate.next_action == NextAction("first_registration_needed")
    assert no_certificate.first_registration_due is None


def test_under_review_overrides_every_state() -> None:
    for today in (date(2025, 1, 1), date(2026, 12, 1), date(2027, 3, 5)):
        status = compute_status(record(), many_hours(50), GANSU, today, under_review=True)
        assert status.state is S.UNDER_REVIEW
        assert status.next_action == NextAction(
            "wait_for_review", {"review_deadline_working_days": 30}
        )
        assert status.catch_up is None
    assert (
        compute_status(
            record(valid_from=None), [], GANSU, date(2025, 1, 1), under_review=True
        ).state
        is S.UNDER_REVIEW
    )
    late = compute_status(record(), many_hours(50), GANSU, date(2027, 3, 5), under_review=True)
    assert (late.is_late, late.required_hours) == (True, Decimal("120"))


def test_an_exported_application_awaits_submission_at_the_first_office() -> None:
    # Written to a USB stick is not submitted: the state says so and names the office.
    for today in (date(2025, 1, 1), date(2026, 12, 1), date(2027, 3, 5)):
        status = compute_status(record(), many_hours(50), GANSU, today, awaiting_submission=True)
        assert status.state is S.AWAITING_SUBMISSION
        assert status.next_action.code == "hand_in_application"
        assert status.next_action.params["office_zh"] == "平凉市民政局"
        assert status.catch_up is None
    first = compute_status(
        record(valid_from=None), [], GANSU, date(2025, 1, 1), awaiting_submission=True
    )
    assert first.state is S.AWAITING_SUBMISSION
    # once an office's decision is in, the review is going on
    assert (
        compute_status(
            record(), [], GANSU, date(2026, 12, 1), under_review=True, awaiting_submission=False
        ).state
        is S.UNDER_REVIEW
    )


def test_registered_without_certificate() -> None:
    status = compute_status(record(level=None), [], NATIONAL, date(2025, 1, 1))
    assert status.level is None
    assert status.next_action == NextAction("add_certificate")
    assert status.required_hours == Decimal("90")  # the strictest level of the pack


# -- breakdowns -------------------------------------------------------------------------------


def test_hours_by_type_and_area() -> None:
    acts = [
        activity(
            date(2025, 1, 1), hours="8", kind=ActivityType.TRAINING, area=ContentArea.VALUES_ETHICS
        ),
        activity(
            date(2025, 1, 2), hours="2.5", kind=ActivityType.ONLINE, area=ContentArea.VALUES_ETHICS
        ),
        activity(
            date(2025, 1, 3), hours="4", kind=ActivityType.TRAINING, area=ContentArea.LAWS_POLICIES
        ),
    ]
    by_type = hours_by_type(acts)
    assert list(by_type) == list(ActivityType)
    assert by_type[ActivityType.TRAINING] == Decimal("12")
    assert by_type[ActivityType.ONLINE] == Decimal("2.5")
    assert by_type[ActivityType.DEGREE] == Decimal("0")
    by_area = hours_by_area(acts)
    assert list(by_area) == list(ContentArea)
    assert by_area[ContentArea.VALUES_ETHICS] == Decimal("10.5")
    assert by_area[ContentArea.LAWS_POLICIES] == Decimal("4")
    assert by_area[ContentArea.RELATED_KNOWLEDGE] == Decimal("0")


def test_cycle_membership() -> None:
    cycle = Cycle(date(2024, 3, 1), date(2027, 2, 28))
    assert date(2024, 3, 1) in cycle and date(2027, 2, 28) in cycle
    assert date(2024, 2, 29) not in cycle and date(2027, 3, 1) not in cycle
