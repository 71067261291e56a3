"""Automatic checks of an imported application against the office's rule pack.

Each check returns `CheckResult(code, passed, params)`; the UI words it. Run once at import
on a verified bundle (`run_checks`); the results are stored with the application.

Codes: id_check_digit, hours_requirement, activities_in_cycle, window, declaration_date,
materials_present, photo_acceptable, pdf_matches_json, provider_records. A photo that
cannot even be looked at safely (not an image, a decompression bomb, too large a file) is
not a failed check but a refused bundle: `check_photo` raises `UserFixableError` for it.

The checks live by family: `application_checks.py` (application.json against the office's
rule pack: ID number, hours, activities, window, declaration date, materials),
`member_checks.py` (the photo, the PDF members, the form against application.json) and
`record_checks.py` (the providers' signed attendance records against the trust list, the
applicant and the activities); this module runs them in order.

The office judges by the day it received the bundle (`received_on`, the import date), not
by the applicant's clock: the window, the late rules, the counting period and the hours'
cut-off all use it. Hours count as on the practitioner's side (`domain.counting.counted_on`):
an activity counts when it lies wholly inside the counting period and ended on or before
the day received. The declaration's own date (`declaration.accepted_at`, from the
applicant's computer) is only compared with the day received ("declaration_date").

At the province the application arrives forwarded with the first level's signed decision,
which does not carry the day the first level received it. The province judges the window,
the late rules and the hours on the declaration date bounded by the first-level decision's
day (the first level already compared the declaration with the day it received the
application), and flags a declaration dated after that decision.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING, Any

from swdesk.domain.rulepack import RulePack
from swdesk.pdf.limits import DOCUMENT_PDF_LIMITS, FORM_PDF_LIMITS

from .application_checks import (
    check_activities,
    check_declaration_date,
    check_hours,
    check_id_number,
    check_materials,
    check_window,
    counted_indices,
    declaration_date,
)
from .member_checks import check_form, check_pdf_member, check_photo
from .models import CheckResult, RecordVerdict
from .record_checks import check_provider_records

if TYPE_CHECKING:
    from swdesk.signing import ProviderIdentity

__all__ = ["CHECK_CODES", "CheckRun", "run_checks"]

CHECK_CODES = (
    "id_check_digit",
    "hours_requirement",
    "activities_in_cycle",
    "window",
    "declaration_date",
    "materials_present",
    "photo_acceptable",
    "pdf_matches_json",
    "provider_records",
)

ReadMember = Callable[[str], bytes]


@dataclass(frozen=True, slots=True)
class CheckRun:
    """The results of every check (`CHECK_CODES` order) and the verdict on each attendance
    record the bundle carries (stored with the application for the detail view and the
    search by certificate)."""

    results: list[CheckResult]
    records: tuple[RecordVerdict, ...] = ()


def run_checks(
    application: dict[str, Any],
    member_names: set[str],
    read_member: ReadMember,
    pack: RulePack,
    *,
    received_on: date,
    file: str,
    declaration_max_days: int,
    first_level_decided_on: date | None = None,
    providers: Sequence[ProviderIdentity] = (),
) -> CheckRun:
    """Every check, in `CHECK_CODES` order, as on `received_on` (the day the office
    received the bundle). `declaration_max_days`: how far before that day the declaration
    may be dated. `first_level_decided_on`: at the province, the day of the first-level
    decision forwarded with the bundle (see the module doc). `providers`: the training
    providers the office's trust list names. Raises UserFixableError for a photo that is no
    usable image."""
    judged_on = received_on
    declaration = check_declaration_date(application, received_on, declaration_max_days)
    if first_level_decided_on is not None:
        declared = declaration_date(application)
        judged_on = min(declared, first_level_decided_on) if declared else first_level_decided_on
        declaration = check_declaration_date(application, first_level_decided_on, None)
    window = check_window(application, pack, judged_on)
    if first_level_decided_on is not None:
        window = CheckResult(window.code, window.passed, {**window.params, "basis": "first_level"})
    photo = check_photo(read_member("photo.jpg"), file=file)
    form = read_member("form.pdf")
    check_pdf_member(form, file=file, member="form.pdf", limits=FORM_PDF_LIMITS)
    for name in sorted(member_names):  # evidence, materials, signed form: shown later
        if name.endswith(".pdf") and name != "form.pdf":
            check_pdf_member(read_member(name), file=file, member=name, limits=DOCUMENT_PDF_LIMITS)
    counted = counted_indices(application, pack, judged_on)  # once for the three checks
    records, verdicts = check_provider_records(application, read_member, providers, counted)
    results = [
        check_id_number(application, received_on),
        check_hours(application, pack, judged_on, counted),
        check_activities(application, pack, judged_on, counted),
        window,
        declaration,
        check_materials(application, member_names, pack),
        photo,
        check_form(application, form),
        records,
    ]
    return CheckRun(results, verdicts)
