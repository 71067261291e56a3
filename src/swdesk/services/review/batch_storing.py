"""Storing the checked files of an import batch together, and the attendance records they
carry (see `importer` for the batch and its transaction).

At a first-level office the files of a batch go in one savepoint: one look for duplicates,
then the rows of all the others with one statement per table
(`reviewstore.new_applications.add_new_applications`), their bytes (`BundleStore.stage_many`:
the folder's journal entries in one statement) and one audit append (`store_together`). When
they cannot go together it raises `NotTogether` and writes nothing; the importer then stores
each file in a savepoint of its own.

An attendance record may back activities of one application only (its versions share a
uid; a resubmission of a rejected application counts as the same application, since it
carries the same activities again): before a file's rows are written, the records that
another application here already carries are marked "replayed"
(`record_checks.with_replays`) and the check fails. A batch
whose files carry a record already here, or one record in two of its files, is stored file
by file, so that each file sees the ones stored before it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from swdesk.bundle import VerifiedBundle
from swdesk.reviewstore.applications import ApplicationStore
from swdesk.reviewstore.new_applications import add_new_applications, ids_for_bundles
from swdesk.reviewstore.records import StoredCheck, StoredMember
from swdesk.reviewstore.vocabulary import ReviewStage
from swdesk.signing import SignedDecision

from .bundle_store import Staged
from .context import ReviewContext
from .file_check import CheckedFile, Refusal
from .import_records import new_application
from .models import CheckResult, ImportOutcome, RecordVerdict
from .record_checks import CHECK_CODE as RECORDS_CHECK
from .record_checks import with_replays

__all__ = [
    "BUNDLE_SUFFIX",
    "ImportBatch",
    "NotTogether",
    "audit_details",
    "records_meet",
    "replays_marked",
    "store_together",
]

BUNDLE_SUFFIX = ".swdapp"


@dataclass
class ImportBatch:
    """One transaction shared by several files (see the module's docstring): the outcome
    of each file in order (`outcomes`; a file waiting in `ready` is "imported" until the
    batch stores it, `Importer.batch`), and the copies to finish after the commit."""

    session: Session
    pending: list[Staged] = field(default_factory=list)  # finished after the commit
    outcomes: list[ImportOutcome] = field(default_factory=list)
    ready: list[tuple[int, CheckedFile]] = field(default_factory=list)  # (outcome index, file)

    def holds(self, temp: Path) -> bool:
        return any(placement.temp == temp for placement in self.pending)


class NotTogether(Exception):
    """The files of a batch cannot be stored in one go (see `store_together`)."""


def store_together(
    context: ReviewContext,
    batch: ImportBatch,
    ready: list[CheckedFile],
    refused: Callable[[Path, Refusal], ImportOutcome],
) -> list[ImportOutcome]:
    """The ready files of a first-level office stored in one savepoint: one look for
    duplicates, then the rows of all the others (`add_new_applications`), their bytes
    and one audit append. Raises `NotTogether` (nothing written) when they cannot go
    together: at the province (decisions to check for replays), a bundle twice in the
    batch, or applications whose rows depend on each other or on rows already here."""
    if context.stage is ReviewStage.FINAL:
        raise NotTogether
    session = batch.session
    bundles = [checked.verified.bundle for checked in ready if checked.verified]
    ids = [bundle.bundle_id for bundle in bundles]
    if len(set(ids)) != len(ids) or len(bundles) != len(ready):
        raise NotTogether
    existing = ids_for_bundles(session, ids)
    adding = [
        i
        for i, checked in enumerate(ready)
        if ids[i] not in existing and checked.checks_refused is None
    ]
    if records_meet(session, [ready[i] for i in adding]):
        raise NotTogether
    staged: list[tuple[int, Staged | None]] = []
    if adding:
        now = context.local_now()
        with session.begin_nested():
            items = []
            for i in adding:
                bundle = bundles[i]
                items.append(
                    (
                        new_application(
                            bundle,
                            stored_name=f"{bundle.bundle_id}{BUNDLE_SUFFIX}",
                            original_name=ready[i].path.name,
                            received_at=now,
                            stage=context.stage,
                        ),
                        [
                            StoredMember(m.name, m.role, m.size, m.sha256, m.media_type)
                            for m in bundle.members
                        ],
                        [StoredCheck(c.code, c.passed, c.params) for c in ready[i].checks],
                    )
                )
            records = [list(ready[i].records) for i in adding]
            app_ids = add_new_applications(session, items, records)
            if app_ids is None:
                raise NotTogether
            copies = [
                (ready[i].verified.temp, f"{bundles[i].bundle_id}{BUNDLE_SUFFIX}")  # type: ignore[union-attr]
                for i in adding
            ]
            placements = context.bundles.stage_many(session, copies, now)
            staged = list(zip(app_ids, placements, strict=True))
            context.audit_many(
                session,
                [
                    ("imported", app_id, audit_details(bundles[i], None))
                    for i, app_id in zip(adding, app_ids, strict=True)
                ],
            )
    batch.pending.extend(placement for _app_id, placement in staged if placement)
    outcomes: list[ImportOutcome] = []
    added = dict(zip(adding, staged, strict=True))
    for i, checked in enumerate(ready):
        path, bundle = checked.path, bundles[i]
        short = {"bundle_id": bundle.bundle_id[:16]}
        if i in added:
            app_id, placement = added[i]
            outcomes.append(ImportOutcome(str(path), "imported", "", short, app_id))
            if placement is not None:
                continue  # the batch holds the copy
        elif bundle.bundle_id in existing:
            outcomes.append(
                ImportOutcome(str(path), "duplicate", "already_imported", short, existing[ids[i]])
            )
        else:
            assert checked.checks_refused is not None
            outcomes.append(refused(path, checked.checks_refused))
        bundle_temp = checked.verified.temp  # type: ignore[union-attr]
        bundle_temp.unlink(missing_ok=True)
    return outcomes


def audit_details(bundle: VerifiedBundle, first: SignedDecision | None) -> dict[str, Any]:
    """What the audit entry of an imported file says of it."""
    app = bundle.application["application"]
    return {
        "uid": app["uid"],
        "version": app["version"],
        "bundle_id": bundle.bundle_id[:16],
        "forwarded_by": first.decision.office.short_fingerprint if first else "",
    }


def replays_marked(
    session: Session, checked: CheckedFile, application: dict[str, Any]
) -> tuple[list[CheckResult], tuple[RecordVerdict, ...]]:
    """The file's checks and record verdicts with the records another application here
    already carries marked "replayed": another uid, unless linked with this one by
    resubmission."""
    records = checked.records
    if not records:
        return checked.checks, records
    store = ApplicationStore(session)
    own = [application["application"]["uid"], application.get("resubmission_of")]
    same = store.linked_uids(uid for uid in own if uid)
    used_by = store.record_users([r.record_id for r in records], same)
    if not used_by:
        return checked.checks, records
    checks = list(checked.checks)
    for index, check in enumerate(checks):
        if check.code == RECORDS_CHECK:
            checks[index], records = with_replays(check, records, used_by)
    return checks, records


def records_meet(session: Session, files: Sequence[CheckedFile]) -> bool:
    """Whether a record of these files is already here or in two of them: then they are
    stored one by one (`replays_marked` sees the earlier ones)."""
    ids = [r.record_id for checked in files for r in checked.records]
    if not ids:
        return False
    return len(set(ids)) != len(ids) or bool(ApplicationStore(session).record_users(ids, ()))
