"""What the reviewer services hand to the UI and the command line: frozen dataclasses only
(no ORM rows, no Qt)."""

from __future__ import annotations

import csv
import io
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Literal

from swdesk.core.cells import csv_safe
from swdesk.reviewstore.records import RecordVerdict
from swdesk.reviewstore.vocabulary import DecisionOutcome, ReviewStage, ReviewState

from .labels import IMPORT_STATUS_LABELS

__all__ = [
    "ApplicationDetail",
    "AuditVerification",
    "CertificateMatch",
    "CheckResult",
    "DecisionInfo",
    "DecisionResult",
    "HistoryEntry",
    "ImportOutcome",
    "ImportReport",
    "ImportStatus",
    "MemberInfo",
    "PendingInfo",
    "PurgeReport",
    "QueueRow",
    "RecordVerdict",
]

ImportStatus = Literal["imported", "duplicate", "refused", "cancelled"]


@dataclass(frozen=True, slots=True)
class CheckResult:
    """One automatic check: `code` (e.g. "hours_requirement"), passed or not, and the
    numbers behind it for the sentence the UI builds."""

    code: str
    passed: bool
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class CertificateMatch:
    """What an attendance certificate's QR text (`SWDCE1|<record_id>|<sha256>`) finds here:
    `status` "found" (`application_ids` carry exactly that record file), "mismatch" (the
    record id is here, but in another file: the certificate does not match the record it
    names) or "unknown" (no application here carries that record)."""

    record_id: str
    status: Literal["found", "mismatch", "unknown"]
    application_ids: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class QueueRow:
    """One line of the queue. The ID number is masked; hours are Decimal."""

    id: int
    uid: str
    version: int
    applicant_name: str
    masked_id_number: str
    county: str
    county_name: str
    certificate_level: str
    state: ReviewState
    is_late: bool
    received_at: datetime
    waiting_working_days: int  # Mon–Fri after the day received, up to today or the decision
    deadline_working_days: int  # the rule pack's review deadline
    overdue: bool  # still undecided and waiting longer than the deadline
    hours_counted: Decimal
    hours_required: Decimal
    checks_failed: int = 0
    # awaiting review while another application awaiting review (another uid) carries the
    # same ID number: perhaps one person submitted twice
    shares_id_number: bool = False
    deadline_on: date | None = None  # the last day of the review deadline (working days)
    # years between the day received and the deadline (or today) that no State Council
    # notice in the calendar covers: their days were counted Monday to Friday
    calendar_unknown_years: tuple[int, ...] = ()
    # the row version this view shows: a decision made from it expects it
    row_version: int = 1
    # who claimed it (works on it): user name and display name, "" nobody
    claimed_by: str = ""
    claimed_by_name: str = ""
    # a reviewer's decision awaits a head's signature (待签发): who decided (user name and
    # name), else ""
    pending_by: str = ""
    pending_by_name: str = ""


@dataclass(frozen=True, slots=True)
class MemberInfo:
    name: str
    role: str
    size: int
    sha256: str
    media_type: str


@dataclass(frozen=True, slots=True)
class DecisionInfo:
    """A signed decision about an application (issued here or by the level below)."""

    id: int
    application_id: int
    stage: ReviewStage
    outcome: DecisionOutcome
    reasons: tuple[tuple[str, str], ...]  # (code, comment)
    late_reason: str
    registration_from: date | None
    registration_to: date | None
    decided_at: datetime
    sequence: int
    digest: str
    office_name: str
    office_level: str
    office_fingerprint: str
    issued_here: bool
    exported_at: datetime | None
    decided_by: str = ""  # the staff member who decided ("" before people signed in)
    signed_by: str = ""  # the head who signed it


@dataclass(frozen=True, slots=True)
class PendingInfo:
    """A reviewer's decision awaiting a head's signature (the application's state changes
    only when it is signed)."""

    application_id: int
    applicant_name: str
    outcome: DecisionOutcome
    reasons: tuple[tuple[str, str], ...]  # (code, comment)
    late_reason: str
    registration_from: date | None
    registration_to: date | None
    decided_at: datetime
    decided_by: str


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """An application linked with the one shown (an earlier or later version, the
    application it resubmits or a resubmission of it), with its decisions."""

    application_id: int
    uid: str
    version: int
    received_at: datetime
    state: ReviewState
    relation: Literal["this", "version", "resubmission"]
    decisions: tuple[DecisionInfo, ...]


@dataclass(frozen=True, slots=True)
class ApplicationDetail:
    row: QueueRow
    application: dict[str, Any]  # application.json as imported (ID number in full)
    members: tuple[MemberInfo, ...]
    checks: tuple[CheckResult, ...]
    decisions: tuple[DecisionInfo, ...]  # about this application, oldest first
    history: tuple[HistoryEntry, ...]  # every linked application, received order
    first_level_decision: DecisionInfo | None  # at the province: the 初审 opinion
    bundle_id: str = ""
    content_digest: str = ""
    original_name: str = ""
    decidable: bool = True  # False when locked (approved, superseded)
    # the applicant's declaration date (their computer's clock); the office judges by the
    # date received (row.received_at)
    declared_on: date | None = None
    pending: PendingInfo | None = None  # a reviewer's decision awaiting signature
    records: tuple[RecordVerdict, ...] = ()  # the attendance records' verdicts (activity order)


@dataclass(frozen=True, slots=True)
class DecisionResult:
    """What `ReviewService.decide` did with one application of a batch."""

    application_id: int
    # "pending": a reviewer's decision, stored to await a head's signature (`pending`)
    status: Literal["decided", "refused", "pending"]
    code: str = ""  # why it was refused (e.g. "application_locked")
    params: dict[str, Any] = field(default_factory=dict)
    decision: DecisionInfo | None = None
    applicant_name: str = ""  # to name a refused application to the reviewer
    pending: PendingInfo | None = None


@dataclass(frozen=True, slots=True)
class ImportOutcome:
    """What happened to one file of an import."""

    file: str
    status: ImportStatus
    code: str = ""
    params: dict[str, Any] = field(default_factory=dict)
    application_id: int | None = None


@dataclass(frozen=True, slots=True)
class ImportReport:
    entries: tuple[ImportOutcome, ...]
    seconds: float = 0.0

    def counts(self) -> dict[str, int]:
        """Files per status; every status present (0 when none)."""
        counter = Counter(entry.status for entry in self.entries)
        return {
            status: counter.get(status, 0)
            for status in ("imported", "duplicate", "refused", "cancelled")
        }

    @property
    def imported_ids(self) -> list[int]:
        return [
            e.application_id
            for e in self.entries
            if e.status == "imported" and e.application_id is not None
        ]

    def to_csv(self) -> bytes:
        """The report for Excel: UTF-8 with a BOM, one row per file; a text a spreadsheet
        could read as a formula (a file named `=cmd....swdapp`) starts with an apostrophe."""
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(
            [
                "文件 file",
                "结果 result",
                "状态 status",
                "代码 code",
                "详情 details",
                "申请序号 application",
            ]
        )
        for entry in self.entries:
            details = "; ".join(f"{k}={v}" for k, v in sorted(entry.params.items()) if k != "file")
            writer.writerow(
                [
                    csv_safe(value)
                    for value in (
                        entry.file,
                        IMPORT_STATUS_LABELS.get(entry.status, entry.status),
                        entry.status,
                        entry.code,
                        details,
                        "" if entry.application_id is None else entry.application_id,
                    )
                ]
            )
        return ("\ufeff" + out.getvalue()).encode("utf-8")


@dataclass(frozen=True, slots=True)
class AuditVerification:
    ok: bool
    entries: int
    first_broken: int | None


@dataclass(frozen=True, slots=True)
class PurgeReport:
    """What a retention purge deleted: applications (by queue number) and old database
    backups of the reviewer folder."""

    count: int
    application_ids: tuple[int, ...]
    backups_removed: int = 0

    @classmethod
    def empty(cls) -> PurgeReport:
        return cls(0, ())
