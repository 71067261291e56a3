"""Continuing-education attendance records (`.swdce`, docs/review-formats.md, "Continuing-
education attendance records"): one signed file per attendee of a provider's course.

A record holds what the attendee's own CE log entry needs and no more: the course (title,
activity type and content area codes, dates, hours), the provider (name, credit code, key
fingerprint), a random record id, the time of issue, the attendee's name and a salted
digest of their ID number (`attendee_id_digest`), never the number itself.

`open_ce_record` checks the bytes strictly and returns the record unverified: whether it is
really the provider's is `OpenedCeRecord.verify` against a provider key the caller trusts
(the fingerprint in the record only says which key to look for). `read_ce_record` does both.
"""

from __future__ import annotations

import hashlib
import re
import uuid
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from swdesk.domain.dates import is_plausible
from swdesk.domain.enums import ActivityType, ContentArea
from swdesk.domain.identity import normalize_id_number
from swdesk.domain.validation import TITLE_MAX, name_issues

from .canonical import (
    expect_keys,
    format_datetime,
    get_date,
    get_datetime,
    get_object,
    get_str,
    signed_bytes,
    text_problem,
)
from .envelope import FORMAT_VERSION, open_envelope, write_envelope
from .errors import FormatProblem, SigningError, refused_as
from .provider import (
    MAX_PROVIDER_NAME_CHARS,
    ProviderIdentity,
    ProviderKey,
    credit_code_problem,
)

__all__ = [
    "CE_RECORD_FORMAT",
    "CE_RECORD_QR_PREFIX",
    "CE_RECORD_SUFFIX",
    "MAX_CE_RECORD_BYTES",
    "MAX_RECORD_HOURS",
    "CeRecord",
    "OpenedCeRecord",
    "attendee_id_digest",
    "ce_record_problem",
    "format_hours",
    "open_ce_record",
    "qr_payload",
    "read_ce_record",
    "sign_ce_record",
]

CE_RECORD_FORMAT = "swdesk-ce-record"
CE_RECORD_SUFFIX = ".swdce"
CE_RECORD_QR_PREFIX = "SWDCE1"
MAX_CE_RECORD_BYTES = 8 * 1024
#: No single course is worth more: the largest cycle requirement is 120 hours.
MAX_RECORD_HOURS = Decimal(500)
ATTENDEE_NAME_MAX = 30
_ID_DIGEST_DOMAIN = b"swdesk-ce-attendee-id\x00v1\x00"
_HEX64 = re.compile(r"[0-9a-f]{64}")
# Hours as a decimal string: no sign, no leading zero, at most one decimal, none of ".0".
_HOURS = re.compile(r"(?:0|[1-9][0-9]{0,3})(?:\.[1-9])?")
_ACTIVITY_TYPES = frozenset(t.value for t in ActivityType)
_CONTENT_AREAS = frozenset(a.value for a in ContentArea)
_BODY_KEYS = {"record_id", "issued_at", "provider", "course", "attendee"}
_PROVIDER_KEYS = {"name", "credit_code", "fingerprint"}
_COURSE_KEYS = {"title", "activity_type", "content_area", "start_date", "end_date", "hours"}
_ATTENDEE_KEYS = {"name", "id_digest"}


def attendee_id_digest(record_id: str, id_number: str) -> str:
    """SHA-256 (hex) of a domain label, the record id and the normalised ID number: binds
    the record to one person without carrying the number, and differs from record to
    record so two records cannot be linked by it (docs/review-formats.md)."""
    number = normalize_id_number(id_number)
    data = _ID_DIGEST_DOMAIN + record_id.encode("ascii") + b"\x00" + number.encode("ascii")
    return hashlib.sha256(data).hexdigest()


def format_hours(hours: Decimal) -> str:
    """The record's form of `hours`: "12", "12.5", "0.5" (ValueError beyond one decimal)."""
    if hours != hours.quantize(Decimal("0.1")):
        raise ValueError("hours have at most one decimal place")
    text = f"{hours.quantize(Decimal('0.1')):f}"
    return text.removesuffix(".0")


@dataclass(frozen=True, slots=True)
class CeRecord:
    """One attendee's record of one course (see the module docs for each field)."""

    record_id: str
    issued_at: datetime
    provider_name: str
    provider_credit_code: str
    provider_fingerprint: str
    title: str
    activity_type: ActivityType
    content_area: ContentArea
    start_date: date
    end_date: date
    hours: Decimal
    attendee_name: str
    attendee_id_digest: str

    def is_for(self, id_number: str) -> bool:
        """Whether the record was issued to the holder of `id_number`."""
        return attendee_id_digest(self.record_id, id_number) == self.attendee_id_digest

    def to_json(self) -> dict[str, Any]:
        """The record's body object (the file's "record")."""
        return {
            "record_id": self.record_id,
            "issued_at": format_datetime(self.issued_at),
            "provider": {
                "name": self.provider_name,
                "credit_code": self.provider_credit_code,
                "fingerprint": self.provider_fingerprint,
            },
            "course": {
                "title": self.title,
                "activity_type": str(self.activity_type),
                "content_area": str(self.content_area),
                "start_date": self.start_date.isoformat(),
                "end_date": self.end_date.isoformat(),
                "hours": format_hours(self.hours),
            },
            "attendee": {"name": self.attendee_name, "id_digest": self.attendee_id_digest},
        }


def ce_record_problem(record: CeRecord) -> str | None:
    """Why `record` breaks the format's limits (English, naming the field), or None."""
    try:
        if str(uuid.UUID(record.record_id)) != record.record_id:
            return "record_id is not a UUID in its canonical lower-case form"
    except ValueError:
        return "record_id is not a UUID"
    issued = record.issued_at
    if issued.utcoffset() is None or not is_plausible(issued.date()) or issued.microsecond:
        return "issued_at must be a time with UTC offset, in whole seconds, 1990-2100"
    problem = text_problem(record.provider_name, max_chars=MAX_PROVIDER_NAME_CHARS)
    if problem:
        return f"provider.name: {problem}"
    problem = credit_code_problem(record.provider_credit_code)
    if problem:
        return f"provider.credit_code: {problem}"
    if not _HEX64.fullmatch(record.provider_fingerprint):
        return "provider.fingerprint must be 64 lower-case hex digits"
    problem = text_problem(record.title, max_chars=TITLE_MAX)
    if problem:
        return f"course.title: {problem}"
    if record.activity_type not in _ACTIVITY_TYPES:
        return "course.activity_type is not a known activity type"
    if record.content_area not in _CONTENT_AREAS:
        return "course.content_area is not a known content area"
    if not (is_plausible(record.start_date) and is_plausible(record.end_date)):
        return "course dates must lie in 1990-2100"
    if record.end_date < record.start_date:
        return "course.end_date is before course.start_date"
    if record.end_date > issued.date():
        return "course.end_date is after the record was issued"
    hours = record.hours
    if not hours.is_finite() or not 0 < hours <= MAX_RECORD_HOURS:
        return f"course.hours must be above 0 and at most {MAX_RECORD_HOURS}"
    if hours != hours.quantize(Decimal("0.1")):
        return "course.hours have at most one decimal place"
    problem = text_problem(record.attendee_name, max_chars=ATTENDEE_NAME_MAX)
    if problem or name_issues(record.attendee_name):
        return "attendee.name is not a person's name"
    if not _HEX64.fullmatch(record.attendee_id_digest):
        return "attendee.id_digest must be 64 lower-case hex digits"
    return None


def _signed_part(body: Mapping[str, Any]) -> bytes:
    """What the signature covers: the canonical JSON of the file without "signature"
    (format name and version included, so a signature cannot be moved to another kind of
    file or version)."""
    return signed_bytes(
        {"format": CE_RECORD_FORMAT, "format_version": FORMAT_VERSION, "record": dict(body)}
    )


def sign_ce_record(key: ProviderKey, record: CeRecord) -> bytes:
    """The `.swdce` file of `record`, signed with `key`. ValueError (a caller bug) when the
    record names another provider; SigningError "ce_record_invalid" when it breaks the
    format (`ce_record_problem`)."""
    problem = ce_record_problem(record)
    if problem:
        raise SigningError("ce_record_invalid", reason=problem)
    identity = key.identity
    if (
        record.provider_fingerprint != identity.fingerprint
        or record.provider_name != identity.name
        or record.provider_credit_code != identity.credit_code
    ):
        raise ValueError("the record names another provider than the key's")
    body = record.to_json()
    data = write_envelope(CE_RECORD_FORMAT, "record", body, key.sign(_signed_part(body)))
    if len(data) > MAX_CE_RECORD_BYTES:  # not reachable within the field limits
        raise SigningError("ce_record_too_large", reason="the record is larger than 8 KB")
    return data


@dataclass(frozen=True, slots=True)
class OpenedCeRecord:
    """A record file whose bytes passed every format check; not yet known to be the
    provider's (`verify`). `raw`: the file's bytes; `digest`: their SHA-256 hex, what the
    certificate's QR code carries."""

    record: CeRecord
    signature: bytes
    raw: bytes
    digest: str
    file: str

    @property
    def qr_payload(self) -> str:
        """`SWDCE1|<record id>|<digest>`: what the printed certificate's QR code holds."""
        return qr_payload(self.record.record_id, self.digest)

    def verify(self, provider: ProviderIdentity) -> None:
        """Refuse unless `provider` (a key the caller trusts) signed this record and is the
        provider it names: SigningError "ce_record_wrong_provider" (another key, or the key's
        name or credit code differ from the record's) or "bad_signature"."""
        record = self.record
        params = {"file": self.file, "provider": record.provider_name}
        if record.provider_fingerprint != provider.fingerprint:
            raise SigningError(
                "ce_record_wrong_provider", **params, reason="signed with another key"
            )
        if (record.provider_name, record.provider_credit_code) != (
            provider.name,
            provider.credit_code,
        ):
            raise SigningError(
                "ce_record_wrong_provider",
                **params,
                reason="the key's provider has another name or credit code",
            )
        if not provider.verifies(self.signature, _signed_part(record.to_json())):
            raise SigningError(
                "bad_signature", **params, reason="the record's signature does not match"
            )


def qr_payload(record_id: str, digest: str) -> str:
    """The QR text of a record: prefix, record id and the SHA-256 of the record file."""
    return f"{CE_RECORD_QR_PREFIX}|{record_id}|{digest}"


def open_ce_record(data: bytes, *, file: str) -> OpenedCeRecord:
    """Check a `.swdce` file's bytes strictly (size, canonical JSON, format and version,
    exact keys, types and limits). SigningError "ce_record_too_large",
    "ce_record_invalid" or "format_unsupported" (params `file`, `reason`)."""
    if len(data) > MAX_CE_RECORD_BYTES:
        raise SigningError(
            "ce_record_too_large", file=file, reason=f"{len(data)} bytes; at most 8 KB"
        )
    with refused_as("ce_record_invalid", file=file):
        envelope = open_envelope(
            data,
            format_name=CE_RECORD_FORMAT,
            body_key="record",
            signed=True,
            max_bytes=MAX_CE_RECORD_BYTES,
        )
        record = _parse_body(envelope.body)
    return OpenedCeRecord(
        record, envelope.signature, bytes(data), hashlib.sha256(data).hexdigest(), file
    )


def read_ce_record(data: bytes, *, file: str, provider: ProviderIdentity) -> OpenedCeRecord:
    """`open_ce_record`, then `verify` against `provider`."""
    opened = open_ce_record(data, file=file)
    opened.verify(provider)
    return opened


def _parse_body(body: Mapping[str, Any]) -> CeRecord:
    expect_keys(body, _BODY_KEYS, "record")
    provider = get_object(body, "provider", "record")
    expect_keys(provider, _PROVIDER_KEYS, "record.provider")
    course = get_object(body, "course", "record")
    expect_keys(course, _COURSE_KEYS, "record.course")
    attendee = get_object(body, "attendee", "record")
    expect_keys(attendee, _ATTENDEE_KEYS, "record.attendee")
    start = get_date(course, "start_date", "record.course")
    end = get_date(course, "end_date", "record.course")
    if start is None or end is None:
        raise FormatProblem("record.course dates must not be null")
    activity_type = get_str(course, "activity_type", "record.course")
    content_area = get_str(course, "content_area", "record.course")
    if activity_type not in _ACTIVITY_TYPES:
        raise FormatProblem("record.course.activity_type is not a known activity type")
    if content_area not in _CONTENT_AREAS:
        raise FormatProblem("record.course.content_area is not a known content area")
    hours_text = get_str(course, "hours", "record.course")
    if not _HOURS.fullmatch(hours_text):
        raise FormatProblem("record.course.hours is not a decimal with at most one place")
    try:
        hours = Decimal(hours_text)
    except InvalidOperation:  # pragma: no cover - the pattern admits only decimals
        raise FormatProblem("record.course.hours is not a number") from None
    record = CeRecord(
        record_id=get_str(body, "record_id", "record"),
        issued_at=get_datetime(body, "issued_at", "record"),
        provider_name=get_str(provider, "name", "record.provider"),
        provider_credit_code=get_str(provider, "credit_code", "record.provider"),
        provider_fingerprint=get_str(provider, "fingerprint", "record.provider"),
        title=get_str(course, "title", "record.course"),
        activity_type=ActivityType(activity_type),
        content_area=ContentArea(content_area),
        start_date=start,
        end_date=end,
        hours=hours,
        attendee_name=get_str(attendee, "name", "record.attendee"),
        attendee_id_digest=get_str(attendee, "id_digest", "record.attendee"),
    )
    problem = ce_record_problem(record)
    if problem:
        raise FormatProblem(f"record: {problem}")
    return record
