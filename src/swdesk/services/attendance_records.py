"""Adding a training provider's signed attendance records (`.swdce`) to the CE log.

Each file is checked as a reviewer would (docs/review-formats.md §8): the strict format, a
provider on the trust list in force (a record of any other provider is refused: swdesk never
trusts a key a file brings along), the provider's signature, that the record was issued to
this practitioner (its ID number digest), and that the same record was not imported before.
Then the activity is added with the record's course, locked to it (`ActivityService` refuses
edits of those fields), and the record's certificate PDF as its evidence, all in one
transaction: a file is imported whole or not at all, and one bad file never stops the others.

Only the signed record is read from outside; the certificate is rendered here from it, the
same PDF the provider printed, so no PDF from elsewhere is opened.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from swdesk.core.progress import ItemProgress, stop_requested
from swdesk.domain.errors import UserFixableError, ValidationFailed
from swdesk.domain.identity import mask_id_number
from swdesk.domain.models import Activity, EvidenceFile
from swdesk.domain.validation import activity_issues
from swdesk.storage.attendance_record_repository import (
    AttendanceRecordRepository,
    StoredRecord,
)
from swdesk.storage.database import Database
from swdesk.storage.files import EvidenceStore
from swdesk.storage.repositories import ActivityRepository

from .clock import china_today
from .decision_trust import read_limited, signing_module, trust_in_force
from .profiles import ProfileService

if TYPE_CHECKING:
    from importlib.resources.abc import Traversable

    from swdesk.signing import CeRecord, OpenedCeRecord, ProviderIdentity

__all__ = ["RECORD_SUFFIX", "AttendanceRecordService", "RecordImport", "record_files"]

log = logging.getLogger(__name__)

RECORD_SUFFIX = ".swdce"
MAX_FOLDER_RECORDS = 2000  # a folder holds one course's records at most, or a year's


@dataclass(frozen=True, slots=True)
class RecordImport:
    """What became of one file: the activity it added (`activity`), or why it was
    refused (`error`)."""

    file: str
    activity: Activity | None = None
    error: UserFixableError | None = None

    @property
    def imported(self) -> bool:
        return self.activity is not None


def record_files(paths: Iterable[Path]) -> list[Path]:
    """`paths` with every folder among them replaced by the `.swdce` files directly in it
    (sorted by name); files are kept as given, whatever their name. A folder that cannot be
    listed raises `file_unreadable`; one with more than 2,000 records `too_many_files`."""
    found: list[Path] = []
    for path in paths:
        if not path.is_dir():
            found.append(path)
            continue
        try:
            inside = sorted(
                p for p in path.iterdir() if p.suffix.lower() == RECORD_SUFFIX and p.is_file()
            )
        except OSError as error:
            raise UserFixableError("file_unreadable", file=path.name) from error
        if len(inside) > MAX_FOLDER_RECORDS:
            raise UserFixableError(
                "too_many_files", file=path.name, count=len(inside), max=MAX_FOLDER_RECORDS
            )
        found.extend(inside)
    return found


class AttendanceRecordService:
    """Imports signed attendance records into one practitioner's CE log."""

    def __init__(
        self,
        database: Database,
        evidence: EvidenceStore,
        profiles: ProfileService,
        clock: Callable[[], date] = china_today,
        rule_packs: Traversable | None = None,
    ) -> None:
        self._db = database
        self._evidence = evidence
        self._profiles = profiles
        self._clock = clock
        self._rule_packs = rule_packs

    def import_files(
        self, practitioner_id: int, paths: Sequence[Path], progress: ItemProgress | None = None
    ) -> list[RecordImport]:
        """Import each file in turn (`record_files` expands folders first); a refused file
        is reported and the next one tried. `progress(done, total, file)` after each file;
        False stops before the next (the files not reached are not in the result)."""
        files = record_files(paths)
        results: list[RecordImport] = []
        for done, path in enumerate(files, start=1):
            try:
                activity = self.import_file(practitioner_id, path)
            except UserFixableError as error:
                log.info("an attendance record file was refused: %s", error.code)  # no name
                results.append(RecordImport(path.name, error=error))
            else:
                results.append(RecordImport(path.name, activity=activity))
            if progress is not None and stop_requested(progress(done, len(files), path.name)):
                break
        return results

    def import_file(self, practitioner_id: int, path: Path) -> Activity:
        """Check one record file and add its activity (see the module docs); raises the
        reason it is refused: the format's or signature's `SigningError`,
        `ce_record_provider_unknown`, `ce_record_other_person`, `ce_record_duplicate`,
        `ValidationFailed` (the course breaks the rule pack), a file or disk error."""
        module = signing_module()
        data = read_limited(path, module.MAX_CE_RECORD_BYTES + 1)
        opened: OpenedCeRecord = module.open_ce_record(data, file=path.name)
        record = opened.record
        provider = self._trusted_provider(record, path.name)
        opened.verify(provider)
        practitioner_record = self._profiles.get_record(practitioner_id)
        practitioner = practitioner_record.practitioner
        if not record.is_for(practitioner.id_number):
            raise UserFixableError(
                "ce_record_other_person", file=path.name, name=record.attendee_name
            )
        activity = Activity(
            title=record.title,
            organiser=record.provider_name,
            activity_type=record.activity_type,
            content_area=record.content_area,
            start_date=record.start_date,
            end_date=record.end_date,
            hours=record.hours,
            practitioner_id=practitioner_id,
        )
        issues = activity_issues(activity, self._profiles.pack_for(practitioner), self._clock())
        if issues:
            raise ValidationFailed(issues)
        with self._db.session() as session:
            if AttendanceRecordRepository(session).is_known(record.record_id):
                raise UserFixableError("ce_record_duplicate", file=path.name, title=record.title)
        from .attendance_certificates import attendance_certificate  # ReportLab: on first use

        pdf = attendance_certificate(opened, provider, mask_id_number(practitioner.id_number))
        certificate = self._store_certificate(practitioner_id, pdf, path)
        try:
            with self._db.session() as session:
                records = AttendanceRecordRepository(session)
                if records.is_known(record.record_id):  # imported meanwhile by another window
                    raise UserFixableError(
                        "ce_record_duplicate", file=path.name, title=record.title
                    )
                activity_id = ActivityRepository(session).add(
                    practitioner_id, replace(activity, evidence=(certificate,))
                )
                records.add(
                    practitioner_id,
                    activity_id,
                    StoredRecord(
                        activity_id,
                        record.record_id,
                        opened.digest,
                        provider.fingerprint,
                        provider.name,
                        opened.raw,
                    ),
                )
                added = ActivityRepository(session).get(activity_id)
        except BaseException:
            self._forget(certificate)
            raise
        log.info(
            "attendance record %s imported as activity %d (provider %s)",
            record.record_id,
            activity_id,
            provider.short_fingerprint,
        )
        return added

    def _trusted_provider(self, record: CeRecord, file: str) -> ProviderIdentity:
        """The key of the provider `record` names, from the trust list in force; refused
        (`ce_record_provider_unknown`) when the list does not name it."""
        with self._db.session() as session:
            trust = trust_in_force(session, self._rule_packs)
        provider = trust.find_provider(record.provider_fingerprint) if trust else None
        if provider is None:
            raise UserFixableError(
                "ce_record_provider_unknown", file=file, provider=record.provider_name
            )
        return provider

    def _store_certificate(self, practitioner_id: int, pdf: bytes, path: Path) -> EvidenceFile:
        name = f"{path.stem}.pdf"
        return self._evidence.import_bytes(pdf, name, owner=practitioner_id)

    def _forget(self, certificate: EvidenceFile) -> None:
        with self._db.session() as session:
            in_use = ActivityRepository(session).referenced_names([certificate.stored_name])
        if certificate.stored_name not in in_use:
            self._evidence.remove_unreferenced([certificate.stored_name])
