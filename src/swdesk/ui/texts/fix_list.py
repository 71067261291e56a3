"""The lines of the application's fix list (补正清单): what is still wrong (context
"Messages").
"""

from __future__ import annotations

import logging
from datetime import date
from decimal import Decimal
from typing import Any

from PySide6.QtCore import QCoreApplication

from .fields import field_label, issue_sentence
from .values import fill_named, fmt_date, fmt_hours

log = logging.getLogger(__name__)

translate = QCoreApplication.translate


def fix_item_text(item: Any) -> str:
    """One line of the fix list (补正清单): what is wrong."""
    p = dict(item.params)
    values = {
        k: (fmt_hours(v) if isinstance(v, Decimal) else fmt_date(v) if isinstance(v, date) else v)
        for k, v in p.items()
    }
    if "issue" in p and "field" in p:  # a field issue: its own params beside field and issue
        values["problem"] = issue_sentence(
            str(p["issue"]), {k: v for k, v in p.items() if k not in ("field", "issue")}
        )
        values["field"] = field_label(str(p["field"]))
    code = item.code
    if code == "unprintable_characters":  # swdesk.domain.printable
        values["field"] = field_label(str(p.get("field", "")))
        if "activity" in p:
            code = "unprintable_characters_activity"
    sentences = {
        "profile_invalid": translate("Messages", "Profile — %(field)s: %(problem)s"),
        "personal_invalid": translate("Messages", "Personal data — %(field)s: %(problem)s"),
        "certificate_missing": translate(
            "Messages", "Your certificate (level, number, date obtained) is not recorded."
        ),
        "not_registered": translate(
            "Messages", "No registration is recorded: re-registration needs a current one."
        ),
        "window_not_open": translate(
            "Messages", "The re-registration window is not open yet; it opens on %(opens)s."
        ),
        "hours_short": translate(
            "Messages",
            "%(counted)s of %(required)s hours in this cycle: %(needed)s hours are still missing.",
        ),
        "hours_short_assumed": translate(
            "Messages",
            "Note: %(counted)s of %(required)s hours; the office may ask for "
            "%(needed)s more. The %(required)s hours are an assumption, not a "
            "published rule, so this does not hold back the export.",
        ),
        "activity_without_evidence": translate("Messages", '"%(title)s" has no evidence file.'),
        "evidence_file_missing": translate(
            "Messages",
            'The evidence file "%(file)s" of "%(title)s" is no longer in the data '
            "folder; attach it again.",
        ),
        "already_registered": translate(
            "Messages",
            "You are already registered until %(expires)s: a first registration is not needed.",
        ),
        "photo_missing": translate("Messages", "A recent ID photo is missing."),
        "identity_proof_missing": translate(
            "Messages", "Your identity data changed: attach the proof of the change."
        ),
        "late_explanation_missing": translate(
            "Messages",
            "The registration has expired: write the explanation (情况说明), at "
            "least %(min)s characters.",
        )
        if getattr(item, "blocking", True)
        else translate(
            "Messages",
            "Note: the registration has expired; offices usually ask for a "
            "written explanation (情况说明). This does not hold back the "
            "export.",
        ),
        "material_file_missing": translate(
            "Messages", 'The material "%(file)s" is no longer in the data folder; attach it again.'
        ),
        "declaration_not_accepted": translate("Messages", "The declaration has not been accepted."),
        "registration_number_missing": translate(
            "Messages",
            "The number of the registration certificate ending on %(valid_to)s "
            "(登记证书编号) is not recorded: enter it from the certificate, or the "
            "office looks it up.",
        ),
        "unprintable_characters": translate(
            "Messages",
            "%(field)s: no font swdesk ships can draw %(chars)s, so the printed "
            "form shows an empty box there. Write it in by hand on the printed "
            "form.",
        ),
        "unprintable_characters_activity": translate(
            "Messages",
            '"%(activity)s", %(field)s: no font swdesk ships can draw '
            "%(chars)s, so the printed form shows an empty box there. Write it in "
            "by hand on the printed form.",
        ),
    }
    template = sentences.get(code)
    if template is None:
        log.warning("no sentence for the fix-list item %s", item.code)
        return translate("Messages", "Something in the application still needs fixing.")
    return fill_named(template, values)
