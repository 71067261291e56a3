"""The rule engine: where a practitioner's registration stands on a given day.

Pure functions of (record, activities, rule pack, today). Definitions, all dates inclusive:

- The *cycle* is the latest registration period, valid_from .. valid_to (the last valid day).
- The registration *lapses* on the day after valid_to. The re-registration window opens
  `window_opens_months_before` months before the pack's `window_anchor`
  (`requirements.window_opens_on`: the shipped packs count back from valid_to, the
  earliest defensible day), the reminder
  `reminder_months_before` months before the lapse day (add_months clamps to month end). So
  a period ending 2027-02-28 has its window open 2026-11-28 .. 2027-02-28 and the reminder
  on 2026-09-01.
- States: VALID before the reminder day; WINDOW_NOT_OPEN from the reminder day to the day
  before the window opens; WINDOW_OPEN from window opening to valid_to inclusive; OVERDUE
  from the lapse day on. An exported application overrides these: AWAITING_SUBMISSION
  from the export until an office's decision on it is imported (swdesk cannot know when
  the USB stick and the signed form reach the office, so it never claims more), then
  UNDER_REVIEW while the review goes on (e.g. after 初审通过, awaiting the province).
- Hours count when the activity lies wholly inside the counting period (start_date >= cycle
  start and end_date <= counting end) and has ended by today. An activity straddling the
  cycle start does not count (conservative: the office decides on such cases). The counting
  end is valid_to, or today when overdue and the pack counts late hours until the
  application date (`counting.counted_on`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_CEILING, Decimal

from .counting import Cycle, counted_on, total_hours
from .dates import add_days, add_months, months_between_ceil
from .enums import CertificateLevel, RegistrationState
from .models import Activity, PractitionerRecord
from .next_action import NextAction, choose_next_action, hand_in_action
from .requirements import (
    blocking_requirement,
    first_registration_due,
    requirement_hours,
    requirement_rule,
    window_opens_on,
)
from .rulepack import Citation, RulePack

__all__ = [
    "CatchUpPlan",
    "KeyDate",
    "RegistrationStatus",
    "compute_status",
]

_ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class CatchUpPlan:
    """Hours still needed spread over the months left before the deadline."""

    hours_needed: Decimal
    months_left: int  # >= 1: whole months from today to the lapse day, rounded up
    hours_per_month: Decimal  # hours_needed / months_left, rounded up to 0.5
    deadline: dt.date  # last day to finish and apply: the expiry day


@dataclass(frozen=True, slots=True)
class KeyDate:
    """A coming date worth a calendar entry: code "reminder", "window_opens", "expires" or
    "first_registration_due" (the last day of the first-registration period)."""

    code: str
    date: dt.date


@dataclass(frozen=True, slots=True)
class RegistrationStatus:
    """Everything the dashboard shows about one practitioner on one day."""

    today: dt.date  # the day this status describes
    state: RegistrationState
    level: CertificateLevel | None
    cycle: Cycle | None  # latest registration period; None when not registered
    counting_period: Cycle | None  # where hours count (extends to today when late)
    expires_on: dt.date | None  # last valid day
    window_opens_on: dt.date | None
    reminder_on: dt.date | None
    days_to_expiry: int | None  # 0 on the expiry day, negative when overdue
    days_to_window_open: int | None  # 0 on opening day, negative once open
    is_late: bool
    explanation_required: bool  # late and the pack asks for a written explanation
    required_hours: Decimal  # the late requirement when overdue; 0 when not registered
    counted_hours: Decimal
    hours_needed: Decimal  # >= 0
    progress: float  # 0.0 .. 1.0
    next_action: NextAction
    catch_up: CatchUpPlan | None  # None when nothing is needed, late, or under review
    key_dates: tuple[KeyDate, ...]  # today or later, by date
    # Hours below which the pre-check refuses: the requirement when the pack cites it; a late
    # figure that is an assumption only warns, so then the cited normal requirement.
    blocking_hours: Decimal = _ZERO
    # Last day of the first-registration period (certificate date + the pack's months);
    # None when registered or no certificate is recorded.
    first_registration_due: dt.date | None = None
    days_to_first_registration_due: int | None = None  # negative once passed
    # The rules behind the figures, for the "依据" lines: keys "cycle", "window", "hours",
    # "blocking_hours", "late_explanation", "first_registration" (only those that apply).
    basis: Mapping[str, Citation] = field(default_factory=dict)
    # Of `counted_hours`, those backed by a signed attendance record of a provider on the
    # trust list in force (已核验); the rest are self-reported.
    verified_hours: Decimal = _ZERO
    # A day already seen (the last start, a recorded activity's end) later than `today`:
    # the computer's date is probably wrong and every figure above with it.
    clock_behind: dt.date | None = None


def _ceil_half(x: Decimal) -> Decimal:
    return ((x * 2).to_integral_value(rounding=ROUND_CEILING) / 2).quantize(Decimal("0.1"))


def _basis(pack: RulePack, **keys: str) -> dict[str, Citation]:
    found = {name: pack.citation(key) for name, key in keys.items()}
    return {name: c for name, c in found.items() if c is not None}


def _not_registered(
    today: dt.date,
    level: CertificateLevel | None,
    under_review: bool,
    awaiting_submission: bool,
    pack: RulePack,
    obtained_on: dt.date | None,
) -> RegistrationStatus:
    due = first_registration_due(pack, obtained_on) if obtained_on is not None else None
    days_left = (due - today).days if due is not None else None
    if under_review:
        state, action = RegistrationState.UNDER_REVIEW, NextAction("wait_for_review")
    elif awaiting_submission:
        state, action = RegistrationState.AWAITING_SUBMISSION, hand_in_action(pack)
    else:
        state = RegistrationState.NOT_REGISTERED
        action = NextAction(
            "first_registration_needed",
            {} if due is None else {"deadline": due, "days_left": days_left},
        )
    shows_due = due is not None and state is RegistrationState.NOT_REGISTERED
    return RegistrationStatus(
        today=today,
        state=state,
        level=level,
        cycle=None,
        counting_period=None,
        expires_on=None,
        window_opens_on=None,
        reminder_on=None,
        days_to_expiry=None,
        days_to_window_open=None,
        is_late=False,
        explanation_required=False,
        required_hours=_ZERO,
        counted_hours=_ZERO,
        hours_needed=_ZERO,
        progress=0.0,
        next_action=action,
        catch_up=None,
        key_dates=(KeyDate("first_registration_due", due),)
        if shows_due and due is not None and due >= today
        else (),
        first_registration_due=due if shows_due else None,
        days_to_first_registration_due=days_left if shows_due else None,
        basis=_basis(pack, first_registration="first_registration_within_months")
        if shows_due
        else {},
    )


def compute_status(
    record: PractitionerRecord,
    activities: Sequence[Activity],
    pack: RulePack,
    today: dt.date,
    *,
    under_review: bool = False,
    awaiting_submission: bool = False,
) -> RegistrationStatus:
    """Where `record`'s registration stands on `today` under `pack` (see the module doc).
    `awaiting_submission`: the latest application is exported and no decision on it came
    back yet; `under_review`: a decision came back and the review goes on."""
    certificate = record.current_certificate
    level = certificate.level if certificate else None
    registration = record.latest_registration
    if registration is None:
        return _not_registered(
            today,
            level,
            under_review,
            awaiting_submission,
            pack,
            certificate.obtained_on if certificate else None,
        )

    cycle = Cycle(registration.valid_from, registration.valid_to)
    expires_on = registration.valid_to
    lapses_on = add_days(expires_on, 1)  # saturates: any stored date is survivable
    opens_on = window_opens_on(pack, expires_on)
    reminder_on = add_months(lapses_on, -pack.reminder_months_before)
    is_late = today > expires_on

    if under_review:
        state = RegistrationState.UNDER_REVIEW
    elif awaiting_submission:
        state = RegistrationState.AWAITING_SUBMISSION
    elif is_late:
        state = RegistrationState.OVERDUE
    elif today >= opens_on:
        state = RegistrationState.WINDOW_OPEN
    elif today >= reminder_on:
        state = RegistrationState.WINDOW_NOT_OPEN
    else:
        state = RegistrationState.VALID

    counts_late = is_late and pack.late_counts_hours_until == "application_date"
    counting_period = Cycle(cycle.start, today if counts_late else expires_on)
    counted_activities = counted_on(activities, counting_period, today)
    counted = total_hours(counted_activities)
    verified = total_hours([a for a in counted_activities if a.verified])
    required = requirement_hours(pack, level, is_late)
    blocking_hours, blocking_key = blocking_requirement(pack, level, is_late)
    needed = max(_ZERO, required - counted)
    progress = 1.0 if required <= 0 else min(1.0, float(counted / required))

    catch_up = None
    if needed > 0 and not is_late and not under_review and not awaiting_submission:
        months_left = max(1, months_between_ceil(today, lapses_on))
        catch_up = CatchUpPlan(needed, months_left, _ceil_half(needed / months_left), expires_on)

    key_dates = tuple(
        sorted(
            (
                KeyDate(code, day)
                for code, day in (
                    ("reminder", reminder_on),
                    ("window_opens", opens_on),
                    ("expires", expires_on),
                )
                if day >= today
            ),
            key=lambda k: k.date,
        )
    )
    explanation_required = is_late and pack.late_requires_explanation
    action = choose_next_action(
        state=state,
        has_certificate=certificate is not None,
        needed=needed,
        required=required,
        expires_on=expires_on,
        window_opens_on=opens_on,
        days_to_expiry=(expires_on - today).days,
        per_month=catch_up.hours_per_month if catch_up else _ZERO,
        pack=pack,
    )
    return RegistrationStatus(
        today=today,
        state=state,
        level=level,
        cycle=cycle,
        counting_period=counting_period,
        expires_on=expires_on,
        window_opens_on=opens_on,
        reminder_on=reminder_on,
        days_to_expiry=(expires_on - today).days,
        days_to_window_open=(opens_on - today).days,
        is_late=is_late,
        explanation_required=explanation_required,
        required_hours=required,
        counted_hours=counted,
        verified_hours=verified,
        hours_needed=needed,
        progress=progress,
        next_action=action,
        catch_up=catch_up,
        key_dates=key_dates,
        blocking_hours=blocking_hours,
        basis=_basis(
            pack,
            cycle="cycle_years",
            window="window_opens_months_before",
            hours=requirement_rule(pack, level, is_late),
            blocking_hours=blocking_key,
            **({"late_explanation": "late_requires_explanation"} if explanation_required else {}),
        ),
    )
