"""Field names (context "Fields") and the sentences of the field issues the domain's
validation reports (`FieldIssue`, context "Messages").
"""

from __future__ import annotations

import logging
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QCoreApplication

from swdesk.domain.errors import FieldIssue

from .values import fill_named, fmt_hours

log = logging.getLogger(__name__)

translate = QCoreApplication.translate


def field_label(name: str) -> str:
    labels = {
        "name": translate("Fields", "Name"),
        "gender": translate("Fields", "Gender"),
        "birth_date": translate("Fields", "Date of birth"),
        "id_number": translate("Fields", "Citizen ID number"),
        "phone": translate("Fields", "Phone"),
        "employer": translate("Fields", "Employer"),
        "employer_credit_code": translate("Fields", "Unified social credit code"),
        "post": translate("Fields", "Post"),
        "years_in_social_work": translate("Fields", "Years in social work"),
        "county": translate("Fields", "County or district"),
        "photo": translate("Fields", "Photo"),
        "level": translate("Fields", "Certificate level"),
        "number": translate("Fields", "Certificate number"),
        "certificate_number": translate("Fields", "Certificate number"),
        "late_explanation": translate("Fields", "Written explanation of the late application"),
        "obtained_on": translate("Fields", "Date obtained"),
        "valid_from": translate("Fields", "Registered from"),
        "valid_to": translate("Fields", "Registered until"),
        "registration_number": translate("Fields", "Registration certificate number"),
        "title": translate("Fields", "Title"),
        "organiser": translate("Fields", "Organiser"),
        "activity_type": translate("Fields", "Type"),
        "content_area": translate("Fields", "Content area"),
        "start_date": translate("Fields", "Start date"),
        "end_date": translate("Fields", "End date"),
        "hours": translate("Fields", "Hours"),
        "reflection_learnt": translate("Fields", "What I learnt"),
        "reflection_change": translate("Fields", "What it changes in my practice"),
        "evidence": translate("Fields", "Evidence files"),
        "pin": translate("Fields", "PIN"),
        "office": translate("Fields", "Office name"),
        "region": translate("Fields", "Region code"),
        "password": translate("Fields", "Password"),
        "repeat": translate("Fields", "Repeat password"),
    }
    return labels.get(name, name)


def issue_sentence(code: str, params: dict[str, Any]) -> str:
    """The sentence for a field issue code with its params (hours as the screen shows them)."""
    p = {k: (fmt_hours(v) if isinstance(v, Decimal) else v) for k, v in params.items()}
    sentences = {
        "required": translate("Messages", "This field is required."),
        "too_long": translate("Messages", "Too long: at most %(max)s characters."),
        "too_short": translate("Messages", "Too short: at least %(min)s characters."),
        "name_characters": translate(
            "Messages", "Use Chinese characters or letters only (a middle dot · is allowed)."
        ),
        "name_length": translate("Messages", "A name has 2 to 30 characters."),
        "id_format": translate(
            "Messages", "An ID number has 18 characters: 17 digits, then a digit or X."
        ),
        "id_check_digit": translate(
            "Messages", "The check digit does not match: please check every digit again."
        ),
        "id_birth_date_invalid": translate(
            "Messages", "The date of birth inside the ID number is not a real date."
        ),
        "id_birth_date_mismatch": translate(
            "Messages", "The ID number says a different date of birth than the one entered."
        ),
        "id_gender_mismatch": translate(
            "Messages", "The ID number says a different gender than the one entered."
        ),
        "id_birth_in_future": translate(
            "Messages", "The date of birth inside the ID number lies in the future."
        ),
        "credit_code_format": translate(
            "Messages",
            "A unified social credit code has 18 characters (digits and capital "
            "letters except I, O, S, V, Z).",
        ),
        "credit_code_check_char": translate(
            "Messages", "The last character of the credit code does not match: check it again."
        ),
        "phone_format": translate(
            "Messages",
            "Enter a mobile number (11 digits starting with 1) or a landline with "
            "area code, e.g. 0933-8212345.",
        ),
        "age_range": translate("Messages", "The date of birth gives an age outside 16 to 100."),
        "birth_in_future": translate("Messages", "The date of birth lies in the future."),
        "years_range": translate("Messages", "Years in social work must be between 0 and %(max)s."),
        "county_format": translate(
            "Messages", "Enter the county's 6-digit area code, e.g. 620802."
        ),
        "evidence_type": translate("Messages", "Evidence must be a PDF, JPEG or PNG file."),
        "evidence_too_large": translate(
            "Messages", "An evidence file is larger than the rules of your province allow."
        ),
        "county_unknown": translate(
            "Messages", "Choose a county or district of the province whose rules apply to you."
        ),
        "number_format": translate(
            "Messages", "Use letters, digits and hyphens only, at most 40 characters."
        ),
        "in_future": translate("Messages", "This date lies in the future."),
        "registration_number_characters": translate(
            "Messages",
            "Enter the number as printed on the registration certificate, at "
            "most %(max)s characters: it contains a character that cannot be "
            "printed.",
        ),
        "year_out_of_range": translate(
            "Messages", "This date is not plausible: use a year from %(min_year)s to %(max_year)s."
        ),
        "before_adulthood": translate(
            "Messages", "This date is before the holder's 18th birthday."
        ),
        "end_before_start": translate("Messages", "The end date is before the start date."),
        "locked_by_record": translate(
            "Messages",
            "This comes from the attendance record signed by %(provider)s and cannot be changed.",
        ),
        "valid_to_before_valid_from": translate(
            "Messages", "The end of the registration is before its start."
        ),
        "hours_not_number": translate("Messages", "Enter hours as a number, e.g. 8 or 7.5."),
        "hours_not_positive": translate("Messages", "Hours must be more than zero."),
        "hours_precision": translate("Messages", "Use at most one decimal place, e.g. 7.5."),
        "hours_exceed_days": translate(
            "Messages",
            "%(hours)s hours in one day is more than the %(max_hours)s hours "
            "the rules allow for one day.",
        )
        if p.get("days") == 1
        else translate(
            "Messages",
            "%(hours)s hours in %(days)s days is more than the %(max_hours)s "
            "hours the rules allow for these dates.",
        ),
        "hours_exceed_days_assumed": translate(
            "Messages",
            "%(hours)s hours in one day is more than the %(max_hours)s hours "
            "swdesk assumes for a day. No published rule limits the hours of a "
            "day, so the record is saved; keep the certificate showing the hours, "
            "the office may ask about it.",
        )
        if p.get("days") == 1
        else translate(
            "Messages",
            "%(hours)s hours in %(days)s days is more than the %(max_hours)s "
            "hours swdesk assumes for these dates. No published rule limits the "
            "hours of a day, so the record is saved; keep the certificate showing "
            "the hours, the office may ask about it.",
        ),
        "pin_format": translate("Messages", "A PIN has %(min)s to %(max)s digits."),
        "pin_mismatch": translate("Messages", "The two PINs differ."),
        "password_mismatch": translate("Messages", "The two passwords differ."),
        "photo_missing": translate("Messages", "Add a recent ID photo."),
        "photo_unreadable": translate(
            "Messages", '"%(file)s" is not a JPEG or PNG photo that can be opened.'
        ),
        # the photo checks of media/photo.py, with the real limits (a code of the
        # UserFixableError raised there, shown next to the photo field)
        "photo_not_image": translate(
            "Messages",
            '"%(file)s" is not a JPEG or PNG photo that can be opened (it may be '
            "damaged or in another format). Save the photo as JPEG and choose it "
            "again.",
        ),
        "photo_too_small": translate(
            "Messages",
            'The photo "%(file)s" has %(width)s×%(height)s pixels; a photo needs '
            "at least %(min_width)s×%(min_height)s. Choose a larger photo.",
        ),
        "photo_file_too_large": translate(
            "Messages",
            'The photo "%(file)s" is larger than %(max_mb)s MB, the most swdesk '
            "reads. Choose a smaller copy of it.",
        ),
        "photo_too_many_pixels": translate(
            "Messages",
            'The photo "%(file)s" has %(width)s×%(height)s pixels; swdesk opens a '
            "photo of this kind up to %(max_megapixels)s megapixels. Save a smaller "
            "copy (e.g. 3000×4000 pixels) and choose it.",
        ),
    }
    template = sentences.get(code)
    if template is None:  # a code without its sentence: a plain message, the code logged
        log.warning("no sentence for the field issue code %s", code)
        return translate("Messages", "This value cannot be used. Check it and try again.")
    return fill_named(template, p)


def issue_text(issue: FieldIssue, with_field: bool = False) -> str:
    """The sentence for a field issue, optionally prefixed with the field's label."""
    sentence = issue_sentence(issue.code, dict(issue.params))
    if with_field:
        return fill_named(
            translate("Messages", "%(field)s: %(problem)s"),
            {"field": field_label(issue.field), "problem": sentence},
        )
    return sentence
