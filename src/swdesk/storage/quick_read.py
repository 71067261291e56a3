"""The first screen's reads with the standard `sqlite3` module: no SQLAlchemy, no Alembic.

`swdesk --profile ID` (or the profile a start opens) shows one practitioner's dashboard:
their record, activities and latest application, whether a decision on it was imported,
and the newest day the records mention (for the clock check). These few reads are here as
plain SQL on a read-only connection, returning the domain's dataclasses, so the window can
be filled before the ORM is imported (`services.first_screen`); everything else still goes
through the repositories, which are the reference: `tests/integration/test_quick_read.py`
checks that both return equal records for the demo data and the schema fixtures.

`open_quick` refuses (`QuickReadRefused`, nothing written) whatever the ordinary opening
would have to act on: a missing, empty, foreign or damaged file, one that cannot be
written, or a schema that is not exactly `HEAD_REVISION`. The caller then takes the
ordinary path, which migrates, repairs or explains.
"""

from __future__ import annotations

import os
import sqlite3
from datetime import date, datetime
from pathlib import Path
from typing import Any

from swdesk.domain.application import (
    ApplicationDraft,
    ApplicationKind,
    ApplicationState,
    MaterialFile,
    MaterialRole,
)
from swdesk.domain.enums import (
    ActivityType,
    CertificateLevel,
    ContentArea,
    Gender,
    RegistrationKind,
)
from swdesk.domain.models import (
    Activity,
    Attestation,
    Certificate,
    EvidenceFile,
    Practitioner,
    PractitionerRecord,
    RegistrationPeriod,
)

from .revision import HEAD_REVISION
from .values import tenths_to_hours

SQLITE_HEADER = b"SQLite format 3\x00"
BUSY_TIMEOUT_S = 5.0


class QuickReadRefused(Exception):
    """The quick path does not apply (`reason`); the ordinary opening must run."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def open_quick(db_path: Path) -> sqlite3.Connection:
    """A read-only connection to a healthy, writable database at the head revision."""
    try:
        if db_path.stat().st_size == 0:
            raise QuickReadRefused("empty")
        with db_path.open("rb") as file:
            if file.read(len(SQLITE_HEADER)) != SQLITE_HEADER:
                raise QuickReadRefused("not_sqlite")
    except OSError as exc:
        raise QuickReadRefused("unreadable") from exc
    if not os.access(db_path, os.W_OK):
        raise QuickReadRefused("read_only")
    uri = db_path.resolve().as_uri() + "?mode=ro"
    connection = sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_S, check_same_thread=False)
    try:
        connection.execute("PRAGMA query_only = ON")
        connection.execute("BEGIN")  # one read transaction: every read sees one commit
        if connection.execute("PRAGMA quick_check").fetchall() != [("ok",)]:
            raise QuickReadRefused("quick_check")
        revisions = [
            row[0] for row in connection.execute("SELECT version_num FROM alembic_version")
        ]
        if revisions != [HEAD_REVISION]:
            raise QuickReadRefused("revision")
    except sqlite3.Error as exc:
        connection.close()
        raise QuickReadRefused("unreadable") from exc
    except BaseException:
        connection.close()
        raise
    return connection


def _day(text: str | None) -> date | None:
    return None if text is None else date.fromisoformat(text)


def _moment(text: str | None) -> datetime | None:
    return None if text is None else datetime.fromisoformat(text)


def profile_protection(connection: sqlite3.Connection, pid: int) -> bool | None:
    """Whether profile `pid` has a PIN or sealed data (None: there is no such profile)."""
    row = connection.execute(
        "SELECT pin_hash IS NOT NULL OR wrapped_key IS NOT NULL OR sealed IS NOT NULL"
        " FROM practitioners WHERE id = ?",
        (pid,),
    ).fetchone()
    return None if row is None else bool(row[0])


def read_record(connection: sqlite3.Connection, pid: int) -> PractitionerRecord:
    """`PractitionerRepository.get_record` of an unprotected profile (its columns are clear)."""
    row = connection.execute(
        "SELECT name, gender, birth_date, id_number, phone, employer, employer_credit_code,"
        " post, years_in_social_work, county, photo_file, rulepack_id, sealed"
        " FROM practitioners WHERE id = ?",
        (pid,),
    ).fetchone()
    if row is None or row[12] is not None:
        raise QuickReadRefused("no_profile" if row is None else "sealed")
    birth_date = _day(row[2])
    if birth_date is None:
        raise QuickReadRefused("sealed")
    practitioner = Practitioner(
        name=row[0],
        gender=Gender(row[1]),
        birth_date=birth_date,
        id_number=row[3],
        phone=row[4],
        employer=row[5],
        employer_credit_code=row[6],
        post=row[7],
        years_in_social_work=row[8],
        county=row[9],
        photo_file=row[10],
        rulepack_id=row[11],
        id=pid,
    )
    certificates = [
        Certificate(
            level=CertificateLevel(level), number=number, obtained_on=date.fromisoformat(on), id=cid
        )
        for cid, level, number, on in connection.execute(
            "SELECT id, level, number, obtained_on FROM certificates"
            " WHERE practitioner_id = ? ORDER BY obtained_on, id",
            (pid,),
        )
    ]
    registrations = [
        RegistrationPeriod(
            kind=RegistrationKind(kind),
            valid_from=date.fromisoformat(valid_from),
            valid_to=date.fromisoformat(valid_to),
            note=note,
            number=number,
            id=rid,
        )
        for rid, kind, valid_from, valid_to, note, number in connection.execute(
            "SELECT id, kind, valid_from, valid_to, note, number FROM registration_periods"
            " WHERE practitioner_id = ? ORDER BY valid_from, id",
            (pid,),
        )
    ]
    return PractitionerRecord(practitioner, certificates, registrations)


def read_activities(connection: sqlite3.Connection, pid: int) -> list[Activity]:
    """`ActivityRepository.list_for(pid)`: every activity, latest first, with its evidence."""
    evidence: dict[int, list[EvidenceFile]] = {}
    for aid, eid, original, stored, sha256, size, media_type in connection.execute(
        "SELECT e.activity_id, e.id, e.original_name, e.stored_name, e.sha256, e.size,"
        " e.media_type FROM evidence_files e JOIN activities a ON e.activity_id = a.id"
        " WHERE a.practitioner_id = ? ORDER BY e.id",
        (pid,),
    ):
        evidence.setdefault(aid, []).append(
            EvidenceFile(
                original_name=original,
                stored_name=stored,
                sha256=sha256,
                size=size,
                media_type=media_type,
                id=eid,
            )
        )
    return [
        Activity(
            id=aid,
            practitioner_id=owner,
            title=title,
            organiser=organiser,
            activity_type=ActivityType(activity_type),
            content_area=ContentArea(content_area),
            start_date=date.fromisoformat(start),
            end_date=date.fromisoformat(end),
            hours=tenths_to_hours(tenths),
            reflection_learnt=learnt,
            reflection_change=change,
            evidence=tuple(evidence.get(aid, ())),
            attestation=(
                Attestation(record_id, digest, provider, trusted is not None)
                if record_id is not None
                else None
            ),
        )
        for (
            aid,
            owner,
            title,
            organiser,
            activity_type,
            content_area,
            start,
            end,
            tenths,
            learnt,
            change,
            record_id,
            digest,
            provider,
            trusted,
        ) in connection.execute(
            "SELECT a.id, a.practitioner_id, a.title, a.organiser, a.activity_type,"
            " a.content_area, a.start_date, a.end_date, a.hours_tenths, a.reflection_learnt,"
            " a.reflection_change, r.record_id, r.digest, r.provider_name, p.id"
            " FROM activities a LEFT JOIN attendance_records r ON r.activity_id = a.id"
            " LEFT JOIN trusted_providers p ON p.fingerprint = r.provider_fingerprint"
            " WHERE a.practitioner_id = ? ORDER BY a.end_date DESC, a.id DESC",
            (pid,),
        )
    ]


_APPLICATION_FIELDS = (
    "id",
    "created_at",
    "updated_at",
    "kind",
    "phone",
    "employer",
    "employer_credit_code",
    "post",
    "identity_changed",
    "late_explanation",
    "declaration_accepted",
    "declaration_accepted_at",
    "practitioner_id",
    "uid",
    "version",
    "state",
    "exported_at",
    "bundle_id",
    "content_digest",
    "parent_id",
)
_MOMENTS = {"created_at", "updated_at", "declaration_accepted_at", "exported_at"}
_FLAGS = {"identity_changed", "declaration_accepted"}


def read_latest_application(connection: sqlite3.Connection, pid: int) -> ApplicationDraft | None:
    """`ApplicationRepository.latest_for(pid)`: the newest application version (highest id)
    with its materials in order, or None."""
    row = connection.execute(
        f"SELECT {', '.join(_APPLICATION_FIELDS)} FROM applications"  # noqa: S608 - constants
        " WHERE practitioner_id = ? ORDER BY id DESC LIMIT 1",
        (pid,),
    ).fetchone()
    if row is None:
        return None
    values: dict[str, Any] = dict(zip(_APPLICATION_FIELDS, row, strict=True))
    for name in _MOMENTS:
        values[name] = _moment(values[name])
    for name in _FLAGS:
        values[name] = bool(values[name])
    values["kind"] = ApplicationKind(values["kind"])
    values["state"] = ApplicationState(values["state"])
    materials = tuple(
        MaterialFile(
            role=MaterialRole(role),
            original_name=original,
            stored_name=stored,
            sha256=sha256,
            size=size,
            media_type=media_type,
        )
        for role, original, stored, sha256, size, media_type in connection.execute(
            "SELECT role, original_name, stored_name, sha256, size, media_type"
            " FROM application_materials WHERE application_id = ? ORDER BY id",
            (values["id"],),
        )
    )
    return ApplicationDraft(materials=materials, **values)


def has_decision(connection: sqlite3.Connection, application_id: int) -> bool:
    """Whether any decision was imported for the application version (`DecisionRepository.
    for_application` is not empty)."""
    row = connection.execute(
        "SELECT EXISTS (SELECT 1 FROM decisions WHERE application_id = ?)", (application_id,)
    ).fetchone()
    return bool(row[0])


def newest_record_days(connection: sqlite3.Connection) -> tuple[date | None, date | None]:
    """The latest activity end and certificate date of the whole database (what
    `services.clock.newest_record_in` reads through the ORM)."""
    (end,) = connection.execute("SELECT max(end_date) FROM activities").fetchone()
    (obtained,) = connection.execute("SELECT max(obtained_on) FROM certificates").fetchone()
    return _day(end), _day(obtained)
