"""Training providers: their own folder and signing key (`workspace`), reading an attendance
roster (`roster`) and issuing signed attendance records with their certificates
(`issuing`). docs/review-formats.md §8 specifies the record files."""

from .issuing import (
    CheckedAttendee,
    CourseRequest,
    IssuedRecord,
    IssueResult,
    check_roster,
    issue_records,
)
from .roster import HEADERS, RosterRow, read_roster
from .workspace import (
    ProviderFolder,
    export_provider_public_key,
    init_provider,
    open_provider,
    provider_exists,
    provider_public_identity,
    provider_root,
)

__all__ = [
    "HEADERS",
    "CheckedAttendee",
    "CourseRequest",
    "IssueResult",
    "IssuedRecord",
    "ProviderFolder",
    "RosterRow",
    "check_roster",
    "export_provider_public_key",
    "init_provider",
    "issue_records",
    "open_provider",
    "provider_exists",
    "provider_public_identity",
    "provider_root",
    "read_roster",
]
