"""The registration certificate's number (登记证书编号) of a registration period.

What a real number looks like is not published (provinces number their certificates their
own way: letters, digits, hyphens, Chinese characters such as 甘社登字), so any text a
certificate may carry is accepted: 1 to 40 printable characters. Its canonical form, used
by the check and by every service that stores it: NFKC (full-width letters and digits
become ASCII), invisible format characters removed (zero-width space, BOM), every run of
whitespace or control characters made one space, trimmed. "" means "not known". Standard
library only.
"""

from __future__ import annotations

import unicodedata

from .application import ApplicationKind
from .errors import FieldIssue
from .fix_list import FixItem, WizardPage
from .models import PractitionerRecord

__all__ = [
    "FIELD",
    "REGISTRATION_NUMBER_MAX",
    "normalise_registration_number",
    "registration_number_issues",
    "registration_number_missing",
]

REGISTRATION_NUMBER_MAX = 40
FIELD = "registration_number"


def normalise_registration_number(text: str) -> str:
    """The canonical form (see the module doc); idempotent."""
    out: list[str] = []
    pending_space = False
    for c in unicodedata.normalize("NFKC", text):
        category = unicodedata.category(c)
        if category == "Cf":
            continue
        if c.isspace() or category == "Cc":
            pending_space = bool(out)
            continue
        if pending_space:
            out.append(" ")
            pending_space = False
        out.append(c)
    return "".join(out)


def registration_number_issues(
    number: str, *, required: bool = False, field: str = FIELD
) -> list[FieldIssue]:
    """Problems with a registration number as it will be stored: too long, or characters
    that cannot be printed (private-use or unassigned code points, lone surrogates). ""
    is fine unless `required`."""
    text = normalise_registration_number(number)
    if not text:
        return [FieldIssue(field, "required")] if required else []
    if len(text) > REGISTRATION_NUMBER_MAX:
        return [FieldIssue(field, "too_long", {"max": REGISTRATION_NUMBER_MAX})]
    if not all(c.isprintable() and unicodedata.category(c) not in ("Co", "Cn", "Cs") for c in text):
        return [
            FieldIssue(field, "registration_number_characters", {"max": REGISTRATION_NUMBER_MAX})
        ]
    return []


def registration_number_missing(record: PractitionerRecord, kind: ApplicationKind) -> list[FixItem]:
    """The fix-list note of a re-registration whose expiring registration has no number.

    The number is a field of the official re-registration form, so the fix list names it
    and leads to the wizard's personal-data page, where the applicant enters it from the
    certificate (it is saved to the registration in the profile at once). It
    does not hold back the export (`blocking` False): no rule makes a missing number a
    reason to refuse, and the registration office keeps the register of the registrations
    it made, found by the name and ID number printed on the same form, so it can look the
    number up (an applicant who lost the certificate is not refused for that); the form
    leaves the field blank for the office to fill in."""
    registration = record.latest_registration
    if kind is not ApplicationKind.RENEWAL or registration is None or registration.number:
        return []
    return [
        FixItem(
            "registration_number_missing",
            WizardPage.PERSONAL,
            {"field": FIELD, "valid_to": registration.valid_to},
            blocking=False,
        )
    ]
