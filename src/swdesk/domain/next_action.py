"""The one thing a practitioner should do next, as a code and its parameters (the UI's
`texts.next_steps` makes the sentence), chosen from the registration state, the hours still
needed and the rule pack."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from .enums import RegistrationState
from .requirements import submission_office
from .rulepack import RulePack

__all__ = ["NextAction", "choose_next_action", "hand_in_action"]


@dataclass(frozen=True, slots=True)
class NextAction:
    """The one thing to do next, as a code and its parameters; the UI makes the sentence.

    Codes and params:
    first_registration_needed {} or, with a certificate date, {deadline, days_left} (the
    last day of the first-registration period; days_left negative once it has passed);
    add_certificate {};
    hand_in_application {office_zh, office_en, office_level} ({} when the pack names no
    office);
    wait_for_review {review_deadline_working_days};
    late_apply_with_explanation {hours_needed, required_hours} (hours_needed may be 0);
    late_apply {hours_needed, required_hours} (the same when the pack asks no explanation);
    finish_hours_then_apply {hours_needed, deadline}; apply_now {deadline, days_left};
    prepare_window_soon {hours_needed, hours_per_month, window_opens_on};
    hours_complete_wait_window {window_opens_on};
    keep_logging {hours_needed, hours_per_month, deadline}.
    """

    code: str
    params: Mapping[str, Any] = field(default_factory=dict)


def hand_in_action(pack: RulePack) -> NextAction:
    """Hand the USB stick and the signed printed form to the first-level office."""
    office = submission_office(pack)
    params: dict[str, Any] = (
        {"office_zh": office.name_zh, "office_en": office.name_en, "office_level": office.level}
        if office
        else {}
    )
    return NextAction("hand_in_application", params)


def choose_next_action(
    *,
    state: RegistrationState,
    has_certificate: bool,
    needed: Decimal,
    required: Decimal,
    expires_on: dt.date,
    window_opens_on: dt.date,
    days_to_expiry: int,
    per_month: Decimal,
    pack: RulePack,
) -> NextAction:
    """The next action in `state`; `per_month` is the catch-up plan's hours a month (0
    without a plan)."""
    if state is RegistrationState.AWAITING_SUBMISSION:
        return hand_in_action(pack)
    if state is RegistrationState.UNDER_REVIEW:
        return NextAction(
            "wait_for_review",
            {"review_deadline_working_days": pack.review_deadline_working_days},
        )
    if not has_certificate:
        return NextAction("add_certificate")
    if state is RegistrationState.OVERDUE:
        code = "late_apply_with_explanation" if pack.late_requires_explanation else "late_apply"
        return NextAction(code, {"hours_needed": needed, "required_hours": required})
    if state is RegistrationState.WINDOW_OPEN:
        if needed > 0:
            return NextAction(
                "finish_hours_then_apply", {"hours_needed": needed, "deadline": expires_on}
            )
        return NextAction("apply_now", {"deadline": expires_on, "days_left": days_to_expiry})
    if needed <= 0:
        return NextAction("hours_complete_wait_window", {"window_opens_on": window_opens_on})
    if state is RegistrationState.WINDOW_NOT_OPEN:
        return NextAction(
            "prepare_window_soon",
            {
                "hours_needed": needed,
                "hours_per_month": per_month,
                "window_opens_on": window_opens_on,
            },
        )
    return NextAction(
        "keep_logging",
        {"hours_needed": needed, "hours_per_month": per_month, "deadline": expires_on},
    )
