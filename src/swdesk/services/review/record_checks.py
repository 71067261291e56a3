"""The reviewer's check of the attendance records a bundle carries ("provider_records"):
each `records/<record_id>.swdce` member is opened (`signing.open_ce_record`), its provider
looked up among the office's trusted providers, its signature verified, its attendee
compared with the applicant and its course with the activity it backs.

The bundle only vouches that a record member is there, at most 8 KB and starts like a record
(docs/bundle-format.md); everything about its content is decided here. Each record gets a
`RecordVerdict`: "verified" (by the named provider), "not_verified" (its provider is not in
the trust list in force: the activity counts as self-reported) or "failed" with a reason
(`FAILURE_REASONS`). The check fails when any record failed; its sentence says how many of
the counted hours a verified record backs.

One rule needs the office's database: a record id may back activities of one application
only (its versions share a uid). `with_replays` marks the records another application here
already used, when the importer stores the file in its transaction (`importer.py`).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from swdesk.domain.models import RECORD_FIELDS

from .application_checks import hours_of
from .models import CheckResult, RecordVerdict

if TYPE_CHECKING:
    from swdesk.signing.ce_record import CeRecord, OpenedCeRecord
    from swdesk.signing.provider import ProviderIdentity

__all__ = [
    "CHECK_CODE",
    "FAILURE_REASONS",
    "check_provider_records",
    "record_verdicts",
    "records_check",
    "with_replays",
]

CHECK_CODE = "provider_records"
#: Why a record failed: unreadable or not the one its member name says ("invalid"), a
#: signature that does not verify, signed by another key than the trusted provider's or
#: naming it wrongly, issued to another person, its course not the activity's ("mismatch",
#: `detail` names the field), or already used by another application here ("replayed",
#: `detail` is that application's uid).
FAILURE_REASONS = (
    "invalid",
    "bad_signature",
    "wrong_provider",
    "other_person",
    "mismatch",
    "replayed",
)
#: The course fields compared with the activity, in this order; "organiser" is compared
#: with the provider's name.
COMPARED_FIELDS = RECORD_FIELDS
_RECORD_PREFIX, _RECORD_SUFFIX = "records/", ".swdce"


def _tenths(hours: Decimal) -> int:
    return int((hours * 10).to_integral_value())


def record_id_of(member: str) -> str:
    """The record id in a member name `records/<record_id>.swdce`."""
    return member.removeprefix(_RECORD_PREFIX).removesuffix(_RECORD_SUFFIX)


def check_provider_records(
    application: Mapping[str, Any],
    read_member: Callable[[str], bytes],
    providers: Sequence[ProviderIdentity],
    counted: Iterable[int],
) -> tuple[CheckResult, tuple[RecordVerdict, ...]]:
    """The check and each record's verdict (activity order). `counted`: indices of the
    activities the office counts (the hours the sentence speaks of)."""
    counted_set = set(counted)
    verdicts = record_verdicts(application, read_member, providers, counted_set)
    return records_check(application, counted_set, verdicts), verdicts


def record_verdicts(
    application: Mapping[str, Any],
    read_member: Callable[[str], bytes],
    providers: Sequence[ProviderIdentity],
    counted: set[int],
) -> tuple[RecordVerdict, ...]:
    """One verdict per activity that names a record, in activity order."""
    id_number = str((application.get("applicant") or {}).get("id_number", ""))
    verdicts = []
    for index, activity in enumerate(application.get("activities") or ()):
        member = activity.get("record")
        if not member:
            continue
        data = read_member(member)
        verdicts.append(
            _verdict(index, activity, member, data, providers, id_number, index in counted)
        )
    return tuple(verdicts)


def _verdict(
    index: int,
    activity: Mapping[str, Any],
    member: str,
    data: bytes,
    providers: Sequence[ProviderIdentity],
    id_number: str,
    counted: bool,
) -> RecordVerdict:
    base = RecordVerdict(
        activity=index,
        record_id=record_id_of(member),
        digest=hashlib.sha256(data).hexdigest(),
        status="failed",
        provider="",
        reason="invalid",
        hours_tenths=_tenths(hours_of(activity.get("hours"))),
        counted=counted,
    )
    from swdesk.signing import SigningError, open_ce_record  # a bundle with records only

    try:
        opened = open_ce_record(data, file=member)
    except SigningError:
        return base
    record = opened.record
    base = replace(base, provider=record.provider_name)
    if record.record_id != base.record_id:
        return replace(base, detail="record_id")
    failure = _provider_failure(opened, providers)
    if failure == "":
        return replace(base, status="not_verified", reason="")
    if failure is not None:
        return replace(base, reason=failure)
    if not record.is_for(id_number):
        return replace(base, reason="other_person")
    field = _mismatch(record, activity)
    if field:
        return replace(base, reason="mismatch", detail=field)
    return replace(base, status="verified", reason="")


def _provider_failure(opened: OpenedCeRecord, providers: Sequence[ProviderIdentity]) -> str | None:
    """None when a trusted provider signed the record; "" when none of the trusted providers
    is the one it names (not verified); else the failure reason. A record naming a trusted
    provider (by name or credit code) but signed with another key is "wrong_provider": the
    trust list says which key that provider signs with."""
    record = opened.record
    by_key = next((p for p in providers if p.fingerprint == record.provider_fingerprint), None)
    if by_key is None:
        named = any(
            p.name == record.provider_name or p.credit_code == record.provider_credit_code
            for p in providers
        )
        return "wrong_provider" if named else ""
    from swdesk.signing import SigningError

    try:
        opened.verify(by_key)
    except SigningError as error:
        return "bad_signature" if error.code == "bad_signature" else "wrong_provider"
    return None


def _mismatch(record: CeRecord, activity: Mapping[str, Any]) -> str:
    """The first course field that differs from the activity's, or ""."""
    expected = {
        "title": record.title,
        "organiser": record.provider_name,
        "activity_type": str(record.activity_type),
        "content_area": str(record.content_area),
        "start_date": record.start_date.isoformat(),
        "end_date": record.end_date.isoformat(),
    }
    for field in COMPARED_FIELDS:
        if field == "hours":
            if hours_of(activity.get("hours")) != record.hours:
                return field
        elif str(activity.get(field, "")) != expected[field]:
            return field
    return ""


def records_check(
    application: Mapping[str, Any], counted: set[int], verdicts: Sequence[RecordVerdict]
) -> CheckResult:
    """ "N of M hours verified by provider signature": M the hours of the counted
    activities, N those of the counted activities a verified record backs. Fails when any
    record failed."""
    activities = application.get("activities") or ()
    total = sum(
        (_tenths(hours_of(activities[i].get("hours"))) for i in counted if i < len(activities)),
        0,
    )
    return _summary(total, verdicts)


def _summary(total_tenths: int, verdicts: Sequence[RecordVerdict]) -> CheckResult:
    verified = sum(v.hours_tenths for v in verdicts if v.status == "verified" and v.counted)
    failed = [v for v in verdicts if v.status == "failed"]
    params: dict[str, Any] = {
        "verified_hours": _hours_text(verified),
        "total_hours": _hours_text(total_tenths),
        "total_tenths": total_tenths,
        "records": len(verdicts),
        "verified": sum(v.status == "verified" for v in verdicts),
        "not_verified": sum(v.status == "not_verified" for v in verdicts),
        "failed": len(failed),
        "failures": [[v.activity, v.reason, v.detail] for v in failed],
        "providers": sorted({v.provider for v in verdicts if v.status == "verified"}),
    }
    return CheckResult(CHECK_CODE, not failed, params)


def _hours_text(tenths: int) -> str:
    whole, tenth = divmod(tenths, 10)
    return f"{whole}.{tenth}" if tenth else str(whole)


def with_replays(
    check: CheckResult, verdicts: Sequence[RecordVerdict], used_by: Mapping[str, str]
) -> tuple[CheckResult, tuple[RecordVerdict, ...]]:
    """The check and verdicts once the records of `used_by` (record id → the uid of another
    application here that carries it) are known to be replayed. Replayed says more than
    any other failure (it names the application to compare with: another person's record,
    a forged copy), except "invalid": an unreadable file's id is only its member name."""
    if not used_by:
        return check, tuple(verdicts)
    marked = tuple(
        replace(v, status="failed", reason="replayed", detail=used_by[v.record_id])
        if v.record_id in used_by and v.reason != "invalid"
        else v
        for v in verdicts
    )
    total = int(check.params.get("total_tenths", 0))
    return _summary(total, marked), marked
