"""Issuing attendance records for one course from its roster, all or nothing.

Every row of the roster is checked before anything is signed: the name, the ID number
(GB 11643, check character, birth date), the hours (above 0, at most one decimal place, the
rule pack's hours rules for the course's dates and activity type, the format's maximum),
and that no ID number appears twice. The first bad row stops the issue with its row number
and field (`roster_invalid`); nothing is written.

Then each attendee gets a signed record (`<row>-<name>-<id>.swdce`) and its certificate
(`.pdf`, the same stem), written into a staging folder beside the target, which is renamed
into place only when every file is written and flushed; on any failure the staging folder is
removed. The folder and its files are owner-only (0700, 0600): they name people and bind
their ID numbers. ID numbers appear in nothing this module returns but masked. A process
killed while issuing leaves its staging folder (`.<DIR>.partial-<host>-<pid>-<random>`,
hidden and owner-only) behind, never a half-filled DIR; it may be deleted.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from zoneinfo import ZoneInfo

from swdesk.core.outfiles import PRIVATE_MODE, fsync_directory, output_error, temp_path
from swdesk.domain.enums import ActivityType, ContentArea
from swdesk.domain.errors import UserFixableError
from swdesk.domain.identity import id_number_issues, mask_id_number, normalize_id_number
from swdesk.domain.models import Activity
from swdesk.domain.normalise import normalise_line, normalise_name
from swdesk.domain.rulepack import RulePack
from swdesk.domain.validation import NAME_MAX, TITLE_MAX, activity_issues, name_issues
from swdesk.signing import CeRecord, attendee_id_digest, open_ce_record, sign_ce_record
from swdesk.signing.canonical import text_problem
from swdesk.signing.ce_record import CE_RECORD_SUFFIX, MAX_RECORD_HOURS, format_hours

from ..attendance_certificates import attendance_certificate
from .roster import RosterRow, read_roster
from .workspace import ProviderFolder

__all__ = [
    "CheckedAttendee",
    "CourseRequest",
    "IssueResult",
    "IssuedRecord",
    "check_roster",
    "issue_records",
]

_DIRECTORY_MODE = 0o700


@dataclass(frozen=True, slots=True)
class CourseRequest:
    """The course the records are for, as the provider typed it (checked in
    `from_text`), and the rule pack whose hours rules apply."""

    title: str
    start_date: date
    end_date: date
    activity_type: ActivityType
    content_area: ContentArea
    pack: RulePack

    @classmethod
    def from_text(
        cls,
        *,
        title: str,
        start: str,
        end: str,
        activity_type: str,
        content_area: str,
        rule_pack: str | None = None,
    ) -> CourseRequest:
        """UserFixableError "course_invalid" (params `field`: title, start, end, type or
        area, and `reason`) or the rule pack's own errors."""
        from swdesk.rulepacks import default_pack_id, load_pack

        text = normalise_line(title)
        problem = text_problem(text, max_chars=TITLE_MAX)
        if problem:
            raise UserFixableError("course_invalid", field="title", reason=problem)
        start_date, end_date = _date(start, "start"), _date(end, "end")
        if activity_type not in {t.value for t in ActivityType}:
            raise UserFixableError("course_invalid", field="type", reason="unknown_code")
        if content_area not in {a.value for a in ContentArea}:
            raise UserFixableError("course_invalid", field="area", reason="unknown_code")
        return cls(
            text,
            start_date,
            end_date,
            ActivityType(activity_type),
            ContentArea(content_area),
            load_pack(rule_pack or default_pack_id()),
        )


def _date(text: str, field: str) -> date:
    try:
        value = date.fromisoformat(text.strip())
    except ValueError:
        raise UserFixableError("course_invalid", field=field, reason="not_a_date") from None
    return value


@dataclass(frozen=True, slots=True)
class IssuedRecord:
    """One attendee's record as written (no ID number but the masked one)."""

    row: int
    attendee_name: str
    masked_id_number: str
    hours: str
    record_id: str
    digest: str
    record_file: Path
    certificate_file: Path


@dataclass(frozen=True, slots=True)
class IssueResult:
    folder: Path
    records: tuple[IssuedRecord, ...]

    @property
    def total_hours(self) -> str:
        return format_hours(sum((Decimal(r.hours) for r in self.records), Decimal(0)))


@dataclass(frozen=True, slots=True)
class CheckedAttendee:
    """A roster row that passed every check: the name and ID number in their stored forms."""

    row: int
    name: str
    id_number: str
    hours: Decimal


def _course_activity(provider: ProviderFolder, course: CourseRequest, hours: Decimal) -> Activity:
    return Activity(
        title=course.title,
        organiser=provider.identity.name,
        activity_type=course.activity_type,
        content_area=course.content_area,
        start_date=course.start_date,
        end_date=course.end_date,
        hours=hours,
    )


_COURSE_FIELDS = {"title": "title", "start_date": "start", "end_date": "end"}


def _check_course(provider: ProviderFolder, course: CourseRequest, today: date) -> None:
    """The course's own fields under the pack's rules (dates in order, not in the future,
    plausible years), with the smallest hours so only the course is judged."""
    for issue in activity_issues(
        _course_activity(provider, course, Decimal("0.1")), course.pack, today
    ):
        if issue.field in _COURSE_FIELDS:
            raise UserFixableError(
                "course_invalid", field=_COURSE_FIELDS[issue.field], reason=issue.code
            )


def _check_row(
    row: RosterRow, provider: ProviderFolder, course: CourseRequest, today: date, file: str
) -> CheckedAttendee:
    def refuse(field: str, reason: str) -> UserFixableError:
        return UserFixableError(
            "roster_invalid", row=row.row, field=field, reason=reason, file=file
        )

    name = normalise_name(row.name)
    issues = name_issues(name)
    if issues:
        raise refuse("name", issues[0].code)
    if text_problem(name, max_chars=NAME_MAX):  # what the record format also refuses
        raise refuse("name", "name_characters")
    number = normalize_id_number(row.id_number)
    issues = id_number_issues(number, today=today)
    if issues:
        raise refuse("id_number", issues[0].code)
    hours = row.hours
    if hours is None or not hours.is_finite():
        raise refuse("hours", "not_a_number")
    if hours > MAX_RECORD_HOURS:
        raise refuse("hours", "hours_above_maximum")
    for issue in activity_issues(_course_activity(provider, course, hours), course.pack, today):
        if issue.field == "hours":
            raise refuse("hours", issue.code)
    return CheckedAttendee(row.row, name, number, hours)


def check_roster(
    rows: list[RosterRow], provider: ProviderFolder, course: CourseRequest, today: date, file: str
) -> list[CheckedAttendee]:
    """Every row checked, in order; the first problem raises "roster_invalid"."""
    attendees: list[CheckedAttendee] = []
    seen: dict[str, int] = {}
    for row in rows:
        attendee = _check_row(row, provider, course, today, file)
        if attendee.id_number in seen:
            raise UserFixableError(
                "roster_invalid",
                row=row.row,
                field="id_number",
                reason="duplicate",
                first_row=seen[attendee.id_number],
                file=file,
            )
        seen[attendee.id_number] = row.row
        attendees.append(attendee)
    return attendees


def issue_records(
    provider: ProviderFolder,
    roster: Path,
    course: CourseRequest,
    out: Path,
    *,
    now: Callable[[], datetime] | None = None,
    new_id: Callable[[], str] | None = None,
) -> IssueResult:
    """Check the whole roster, then write every attendee's record and certificate into the
    new folder `out` (see the module docs). `now` (an aware time) and `new_id` (a UUID
    string) default to the clock, in the rule pack's time zone, and uuid4.
    UserFixableError: "course_invalid", "roster_invalid", "roster_unreadable",
    "output_not_empty", a file error."""
    moment = now() if now else datetime.now(ZoneInfo(course.pack.time_zone))
    issued_at = moment.replace(microsecond=0)  # in China time: "today" is the pack's day
    today = issued_at.date()
    _check_course(provider, course, today)
    attendees = check_roster(read_roster(roster), provider, course, today, roster.name)
    out = Path(out)
    _check_target(out)
    staging = temp_path(out)  # hidden, and names this computer and process
    try:
        staging.mkdir(mode=_DIRECTORY_MODE)
    except OSError as exc:
        raise output_error(exc, out, path=staging) from exc
    try:
        records = tuple(
            _write_one(staging, out, provider, course, attendee, issued_at, new_id)
            for attendee in attendees
        )
        fsync_directory(staging)
        _move_into_place(staging, out)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return IssueResult(out, records)


def _check_target(out: Path) -> None:
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise UserFixableError("output_not_empty", path=str(out), file=out.name)
    if not out.parent.is_dir():
        raise UserFixableError("folder_missing", path=str(out.parent), file=out.name)


def _move_into_place(staging: Path, out: Path) -> None:
    try:
        if out.exists():
            out.rmdir()  # empty (checked): replaced by the finished folder
        os.rename(staging, out)
    except OSError as exc:
        if exc.errno in (errno.ENOTEMPTY, errno.EEXIST):
            raise UserFixableError("output_not_empty", path=str(out), file=out.name) from exc
        raise output_error(exc, out) from exc
    with contextlib.suppress(OSError):
        os.chmod(out, _DIRECTORY_MODE)
    fsync_directory(out.parent)


def _write_private(path: Path, data: bytes, final: Path) -> None:
    try:
        fd = os.open(
            path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), PRIVATE_MODE
        )
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(fd, view) :]
            os.fsync(fd)
        finally:
            os.close(fd)
    except OSError as exc:
        raise output_error(exc, final / path.name, path=path) from exc


def _write_one(
    staging: Path,
    out: Path,
    provider: ProviderFolder,
    course: CourseRequest,
    attendee: CheckedAttendee,
    issued_at: datetime,
    new_id: Callable[[], str] | None,
) -> IssuedRecord:
    record_id = new_id() if new_id else str(uuid.uuid4())
    identity = provider.identity
    record = CeRecord(
        record_id=record_id,
        issued_at=issued_at,
        provider_name=identity.name,
        provider_credit_code=identity.credit_code,
        provider_fingerprint=identity.fingerprint,
        title=course.title,
        activity_type=course.activity_type,
        content_area=course.content_area,
        start_date=course.start_date,
        end_date=course.end_date,
        hours=attendee.hours,
        attendee_name=attendee.name,
        attendee_id_digest=attendee_id_digest(record_id, attendee.id_number),
    )
    data = sign_ce_record(provider.key, record)
    opened = open_ce_record(data, file="")  # what a reader will see: the digest it computes
    stem = f"{attendee.row:04d}-{attendee.name}-{record_id[:8]}"
    masked = mask_id_number(attendee.id_number)
    pdf = attendance_certificate(opened, identity, masked)
    record_file = staging / f"{stem}{CE_RECORD_SUFFIX}"
    certificate_file = staging / f"{stem}.pdf"
    _write_private(record_file, data, out)
    _write_private(certificate_file, pdf, out)
    return IssuedRecord(
        row=attendee.row,
        attendee_name=attendee.name,
        masked_id_number=masked,
        hours=format_hours(attendee.hours),
        record_id=record_id,
        digest=opened.digest,
        record_file=out / record_file.name,
        certificate_file=out / certificate_file.name,
    )
