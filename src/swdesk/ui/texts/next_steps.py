"""The practitioner's dashboard sentences: the next thing to do, the first-registration
deadline, the clock warning and the office to hand the application to (context "Messages").
"""

from __future__ import annotations

import logging
from datetime import date
from typing import Any

from PySide6.QtCore import QCoreApplication, QLocale

from .values import fill, fill_named, fmt_date, fmt_hours

log = logging.getLogger(__name__)

translate = QCoreApplication.translate


def first_registration_text(status: Any) -> str:
    """The first-registration deadline on the dashboard: the date and the days left, or
    plainly that it has passed."""
    due = status.first_registration_due
    if due is None:
        return ""
    days = status.days_to_first_registration_due
    if days > 1:
        text = translate("Messages", "First registration is due by %1: %n days left.", "", days)
    elif days == 1:
        text = translate("Messages", "First registration is due by %1: 1 day left.")
    elif days == 0:
        text = translate("Messages", "First registration is due by %1: today is the last day.")
    elif days == -1:
        text = translate(
            "Messages",
            "The first-registration period ended yesterday, on %1. "
            "Apply now and ask the office whether it still accepts "
            "a late first registration.",
        )
    else:
        days_ago = -days
        text = translate(
            "Messages",
            "The first-registration period ended on %1, %n days "
            "ago. Apply now and ask the office whether it still "
            "accepts a late first registration.",
            "",
            days_ago,
        )
    return fill(text, fmt_date(due))


def clock_warning_text(today: date, latest_seen: date) -> str:
    """The dashboard's banner when the computer's date is before a day already seen."""
    return fill_named(
        translate(
            "Messages",
            "The computer's date (%(today)s, China time) is earlier than "
            "%(latest_seen)s, a day swdesk has already seen (its last start or a "
            "recorded activity). Check the computer's date and time: every deadline "
            "here is judged by it.",
        ),
        {"today": fmt_date(today), "latest_seen": fmt_date(latest_seen)},
    )


def office_name(params: Any) -> str:
    """The review office named in `params` (office_zh, office_en), in the UI's language; a
    generic name when the rule pack names none."""
    chinese = QLocale().language() == QLocale.Language.Chinese
    name = str(
        params.get("office_zh" if chinese else "office_en", "") or params.get("office_zh", "")
    )
    return name or translate("Messages", "the civil-affairs office of your county or city")


def next_action_text(status: Any) -> str:
    """One sentence: what the practitioner should do next, from the rule engine's result."""
    code = status.next_action.code
    needed = fmt_hours(status.hours_needed)
    required = fmt_hours(status.required_hours)
    expires = fmt_date(status.expires_on)
    opens = fmt_date(status.window_opens_on)
    per_month = fmt_hours(status.catch_up.hours_per_month) if status.catch_up else "0"
    values = {
        "needed": needed,
        "required": required,
        "expires": expires,
        "opens": opens,
        "per_month": per_month,
        "office": office_name(status.next_action.params),
        "deadline": fmt_date(status.next_action.params.get("deadline")),
    }
    if code == "first_registration_needed" and "deadline" in status.next_action.params:
        late = status.next_action.params.get("days_left", 0) < 0
        code = "first_registration_late" if late else "first_registration_by"
    sentences = {
        "first_registration_needed": translate(
            "Messages", "Apply for first registration, then record it in your profile."
        ),
        "first_registration_by": translate(
            "Messages",
            "Apply for first registration by %(deadline)s, then record it in your profile.",
        ),
        "first_registration_late": translate(
            "Messages",
            "Apply for first registration now: the one-year period ended on "
            "%(deadline)s. Then record it in your profile.",
        ),
        "keep_logging": translate(
            "Messages",
            "Keep recording your training: %(needed)s more hours are needed by "
            "%(expires)s (about %(per_month)s hours a month).",
        ),
        "hours_complete_wait_window": translate(
            "Messages",
            "Your hours are complete. Apply for re-registration when the window "
            "opens on %(opens)s.",
        ),
        "prepare_window_soon": translate(
            "Messages",
            "The window opens on %(opens)s: finish the %(needed)s hours still "
            "needed and get your photo and documents ready.",
        ),
        "apply_now": translate(
            "Messages", "Apply for re-registration now: the window closes on %(expires)s."
        ),
        "finish_hours_then_apply": translate(
            "Messages",
            "Complete the %(needed)s hours still needed before %(expires)s, then "
            "apply for re-registration.",
        ),
        "late_apply_with_explanation": translate(
            "Messages",
            "Your registration expired on %(expires)s. Late re-registration needs "
            "%(required)s hours (%(needed)s still missing) and a written "
            "explanation.",
        ),
        "add_certificate": translate(
            "Messages", "Record your certificate (level, number, date obtained) in your profile."
        ),
        "late_apply": translate(
            "Messages",
            "Your registration expired on %(expires)s. Complete %(needed)s more "
            "hours (%(required)s in all), then apply for late re-registration.",
        ),
        "wait_for_review": translate(
            "Messages", "Your application is being reviewed; wait for the decision."
        ),
        "hand_in_application": translate(
            "Messages",
            "Your application is exported but not yet submitted. Hand the USB "
            "stick with the bundle and the printed form, signed, to %(office)s. "
            "swdesk shows it as under review once a decision file from the office "
            "is imported.",
        ),
    }
    template = sentences.get(code)
    if template is None:
        log.warning("no sentence for the next action %s", code)
        return translate("Messages", "Check your profile and your training records.")
    return fill_named(template, values)
