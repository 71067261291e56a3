"""Importing files into the reviewer's database: each verified, then stored whole, many in
one transaction.

Each file is first verified as a copy in the bundles folder under a temporary name
(`verifying.py`). Then the automatic checks run and one transaction records the
application, its members, checks, the first-level decision (province), the audit entry and
a "place" entry of the file journal (`swdesk.reviewstore.filejournal`: this temporary copy
becomes `<bundle_id>.swdapp`). Only after the commit is the copy renamed to its stored name;
then the journal entry is dropped. Any refusal leaves nothing behind: no row, no file.
That is the folder's way (`folder_bundle_store.FolderBundleStore`); in an office on a server
(`database_bundle_store.DatabaseBundleStore`) the copy waits in this PC's scratch folder and its
bytes are a `bundle_blobs` row of the same savepoint as the rows, so there is nothing to
finish after the commit and nothing to undo after a failed one.

Why the rename comes after the commit: a stored file must never exist without proof of
what it is. Before the commit the copy has a temporary name, which alone proves it was never
committed (the sweep at opening removes such copies unless a committed "place" entry names
them). From the commit on, the database holds the row and the journal entry naming the
copy, so a crash between commit and rename is finished at the next opening (the rename is
done then). There is never a stored `<bundle_id>.swdapp` that no committed row or journal
entry accounts for, and the sweep never has to guess. The journal entry is written in the
same transaction as the rows (never by a second connection): many files are imported in
batches (`Importer.batch`), one database transaction for up to `BATCH_FILES` files; a
second connection writing a journal entry while the batch holds SQLite's write lock would
wait for that lock until it timed out. The files of a batch are checked first (`store`
takes them in, refusing what verification or the forwarded decision's trust refuse) and
stored together as the batch ends (`_store_ready`): at a first-level office, one look for
duplicates and one savepoint with the rows of all the others, one statement per table
(`reviewstore.new_applications.add_new_applications`), their journal entries and one audit
append (entries in the files' order). When they cannot go together (at the province, a
bundle twice, an application whose rows depend on another's or on rows already here) or
that savepoint fails, it is rolled back whole and each file is stored in a savepoint of its
own, as one file alone would be: its rows and journal entry roll back together when it is
refused, and its copy is deleted.

One commit (one fsync of the WAL) and two fsyncs of the bundles folder serve the whole
batch: one before the commit (the copies' names are on disk before a row names them) and
one after the renames (before their journal entries are dropped). The copies themselves
are written without fsync and made durable together just before the commit (`sync_files`:
one syncfs of the file system on Linux, else fsyncs side by side; one journal commit of the
file system for the batch instead of one per file): no row commits before its copy's bytes
are on disk. If the commit fails, the database is asked which
entries exist (none, unless the commit did happen): copies with an entry are renamed into
place, the others deleted.

Two PCs of an office on a server may import the same file at the same moment: both find no
application with its bundle_id, and the second one's insert then violates the unique
bundle_id once the first has committed (the office's write lock, taken by the insert, makes
it wait for that commit), or the batch's insert finds its uid already there. The savepoint
is rolled back, the file stored alone and reported "already imported", as if it had been
found: the constraint decides, not the look before.

Attendance records a file carries are marked "replayed" when another application here
already carries them (`batch_storing`).

One file, one verdict: any exception while verifying, checking or storing one file,
including one nobody foresaw (refused as "import_failed", logged without personal data),
refuses that file alone; its savepoint is rolled back and the batch goes on. Only a
storage failure of the database ends the batch (its transaction may be gone), and then
`ReviewService.import_files` tries each of the batch's files again in its own transaction.
"""

from __future__ import annotations

import logging
from collections.abc import Generator, Iterator, Sequence
from contextlib import contextmanager
from functools import partial
from pathlib import Path

from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from swdesk.domain.errors import UserFixableError
from swdesk.reviewstore.applications import (
    ApplicationStore,
)
from swdesk.reviewstore.decisions import DecisionStore
from swdesk.reviewstore.offices import OfficeStore
from swdesk.reviewstore.records import StoredCheck, StoredMember
from swdesk.signing import ProviderIdentity, SignedDecision, read_trust_file

from . import check_pool
from .batch_storing import (
    BUNDLE_SUFFIX,
    ImportBatch,
    audit_details,
    replays_marked,
    store_together,
)
from .check_pool import CheckPool, checked_in_order
from .context import DATABASE_NAME, ReviewContext
from .faults import storage_error
from .file_check import CheckedFile, CheckJob, Refusal, check_file, refusal_of
from .file_verifier import FileVerifier
from .forward import FORWARD_SUFFIX
from .import_records import new_application, received_decision
from .models import CheckResult, ImportOutcome, RecordVerdict
from .verifying import VerifiedFile

__all__ = ["BATCH_FILES", "BUNDLE_SUFFIXES", "ImportBatch", "Importer"]

log = logging.getLogger(__name__)

BUNDLE_SUFFIXES = (BUNDLE_SUFFIX, FORWARD_SUFFIX)
BATCH_FILES = 50  # files per transaction when importing many
BATCH_SECONDS = 2.0  # ... or fewer, so the write lock is never held long


class Importer:
    """Imports files into the context's database and bundles folder: each checked (in a
    worker process of `pool` when many are imported, `checked`) and then stored in a
    savepoint of a batch (`store`)."""

    def __init__(self, context: ReviewContext, pool: CheckPool | None = None) -> None:
        self.context = context
        self._verifier = FileVerifier(context)
        self.pool = pool if pool is not None else CheckPool()
        self._providers: tuple[str, tuple[ProviderIdentity, ...]] = ("", ())

    def close(self) -> None:
        """Stop the worker processes (the workspace closes)."""
        self.pool.close()

    def prepare(self) -> None:
        """Get the worker processes' start ready before an import (`CheckPool.prepare`)."""
        self.pool.prepare()

    @contextmanager
    def batch(self) -> Iterator[ImportBatch]:
        """A transaction for several `store(checked, batch)` calls, committed when the
        block ends; then the bundle store finishes what it stored (the folder store renames
        the copies to their stored names). If it cannot commit (or the block raises), what
        did not commit is undone (copies deleted) and the error propagates (a storage
        failure as the UserFixableError of `faults.storage_error`): the batch stored
        nothing."""
        batch: ImportBatch | None = None
        bundles = self.context.bundles
        try:
            with self.context.database.session() as session:
                batch = ImportBatch(session)
                yield batch
                self._store_ready(batch)
                bundles.before_commit(batch.pending)
        except BaseException as exc:
            if batch is not None and batch.pending:
                bundles.after_failure(batch.pending)
            classified = self._storage_error(exc)
            if classified is not None and classified is not exc:
                raise classified from exc
            raise
        bundles.after_commit(batch.pending)

    def _storage_error(self, exc: BaseException) -> UserFixableError | None:
        """`faults.storage_error` for the reviewer database (a server's errors come worded)."""
        root = self.context.root
        return storage_error(exc, root / DATABASE_NAME, folder=root)

    # -- checking --------------------------------------------------------------------------
    def job(self, path: Path, providers: tuple[ProviderIdentity, ...] | None = None) -> CheckJob:
        """What a worker needs to check the file at `path` for this office, today;
        `providers` as `trusted_providers` gives them (read here when None)."""
        context = self.context
        return CheckJob(
            path,
            context.stage,
            self._verifier.place,
            context.pack,
            context.clock(),
            context.calendar.declaration_received_max_days,
            self.trusted_providers() if providers is None else providers,
        )

    def trusted_providers(self) -> tuple[ProviderIdentity, ...]:
        """The training providers of the trust file in force, read again only when another
        trust file came into force (it was verified when it did)."""
        with self.context.database.session() as session:
            offices = OfficeStore(session)
            digest = offices.current_trust_digest()
            if digest is None:
                return ()
            current = offices.current_trust() if digest != self._providers[0] else None
        if current is not None:
            providers = read_trust_file(current.raw, file="trust in force").providers
            self._providers = (current.digest, providers)
        return self._providers[1]

    def check(self, path: Path) -> CheckedFile:
        """The file at `path` verified and checked in this process."""
        return check_file(self.job(path))

    def checked(self, paths: Sequence[Path]) -> Generator[CheckedFile, None, None]:
        """The files of `paths` checked, in order: by the worker processes when there are
        at least `check_pool.POOL_MIN_FILES` of them, else in this process.
        Close the iterator when done (a cancel): nothing checked ahead is left behind.
        The files of one import are checked against the training providers of the trust
        list in force as it starts (read once, not once a file)."""
        if len(paths) >= check_pool.POOL_MIN_FILES:
            job_of = partial(self.job, providers=self.trusted_providers())
            return checked_in_order(self.pool, paths, job_of)
        providers = self.trusted_providers()
        return (check_file(self.job(path, providers)) for path in paths)

    # -- importing -------------------------------------------------------------------------
    def import_file(self, path: Path) -> ImportOutcome:
        """Check (in this process) and store one file in its own transaction; every
        refusal comes back as an outcome, not raised."""
        try:
            with self.batch() as own:
                self.store(self.check(path), own)
            return own.outcomes[0]
        except UserFixableError as error:  # the commit failed: nothing stored
            return ImportOutcome(
                str(path), "refused", error.code, {**error.params, "file": path.name}
            )
        except Exception as exc:  # noqa: BLE001 - an unforeseen commit failure
            return self._refusal(path, exc, storage_raises=False)

    def store(self, checked: CheckedFile, batch: ImportBatch) -> ImportOutcome:
        """Take one checked file into `batch` and return its outcome so far: refused for
        what its verification or the forwarded decision's trust found; else "imported",
        stored with the batch's other files when the batch ends (`_store_ready`: then a
        duplicate, a replayed decision or a refusal of its checks, in that order, may still
        refuse it). A storage failure of the database is raised (the batch fails)."""
        path, verified = checked.path, checked.verified
        if verified is None:
            assert checked.refused is not None
            return self._outcome(batch, self._refused(path, checked.refused))
        try:
            self._verifier.check_first_decision(verified, path)
        except Exception as exc:  # noqa: BLE001 - one file's failure is that file's verdict
            verified.temp.unlink(missing_ok=True)
            return self._outcome(batch, self._refusal(path, exc))
        batch.ready.append((len(batch.outcomes), checked))
        provisional = ImportOutcome(str(path), "imported", "", {}, None)
        return self._outcome(batch, provisional)

    @staticmethod
    def _outcome(batch: ImportBatch, outcome: ImportOutcome) -> ImportOutcome:
        batch.outcomes.append(outcome)
        return outcome

    def _store_ready(self, batch: ImportBatch) -> None:
        """Store the batch's ready files: all in one savepoint, one statement per table
        (`batch_storing.store_together`), or, when they cannot go together or that fails, each in a
        savepoint of its own (`_store_one`), where a failure refuses that file alone."""
        ready, batch.ready = batch.ready, []
        if not ready:
            return
        try:
            outcomes = store_together(
                self.context, batch, [checked for _index, checked in ready], self._refused
            )
        except Exception:  # noqa: BLE001 - its savepoint is rolled back: one by one
            outcomes = [self._store_one(checked, batch) for _index, checked in ready]
        for (index, _checked), outcome in zip(ready, outcomes, strict=True):
            batch.outcomes[index] = outcome

    def _store_one(self, checked: CheckedFile, batch: ImportBatch) -> ImportOutcome:
        """One ready file in a savepoint of its own; its copy is deleted unless the batch
        holds it."""
        verified = checked.verified
        assert verified is not None
        try:
            return self._store_in_batch(checked, verified, batch)
        except Exception as exc:  # noqa: BLE001 - its savepoint is rolled back; go on
            return self._refusal(checked.path, exc)
        finally:
            if not batch.holds(verified.temp):
                verified.temp.unlink(missing_ok=True)

    def _refused(self, path: Path, refusal: Refusal) -> ImportOutcome:
        """The outcome of a refusal found while checking; an exception nobody foresaw is
        logged here with its traceback (see `_refusal`)."""
        if refusal.where:
            self._log_unforeseen(str(refusal.params.get("reason", "")), refusal.where)
        return ImportOutcome(
            str(path), "refused", refusal.code, {**refusal.params, "file": path.name}
        )

    @staticmethod
    def _log_unforeseen(kind: str, where: str) -> None:
        log.error(
            "importing a file failed unexpectedly (%s); the file is refused and "
            "the import goes on. Where:\n%s",
            kind,
            where,
        )

    def _refusal(self, path: Path, exc: Exception, *, storage_raises: bool = True) -> ImportOutcome:
        """The refusal of one file for an exception while verifying, checking or storing
        it: a UserFixableError as it is; anything else (a bug nobody foresaw, a value no
        check expected) as "import_failed", logged with its traceback (not the file's
        name nor the message: they may hold personal data) and never shown. A storage failure of the
        reviewer database is re-raised instead: the batch's transaction may be gone with
        it, so the batch as a whole fails (and `ReviewService.import_files` tries its
        files again one by one)."""
        unforeseen = not isinstance(exc, UserFixableError)
        if unforeseen and storage_raises and self._storage_error(exc) is not None:
            raise exc
        return self._refused(path, refusal_of(exc))

    # -- storing ---------------------------------------------------------------------------
    def _store_in_batch(
        self, checked: CheckedFile, verified: VerifiedFile, batch: ImportBatch
    ) -> ImportOutcome:
        """The rows and the stored bytes (the folder's "place" journal entry, or the
        server's bundle_blobs row) in a savepoint of the batch's transaction; the folder's
        copy is renamed into place after the batch's commit."""
        path, bundle = checked.path, verified.bundle
        session = batch.session
        existing = ApplicationStore(session).id_for_bundle(bundle.bundle_id)
        if existing is not None:
            return ImportOutcome(
                str(path),
                "duplicate",
                "already_imported",
                {"bundle_id": bundle.bundle_id[:16]},
                existing,
            )
        if verified.first_decision is not None:
            self._refuse_replay(DecisionStore(session), verified.first_decision, path)
        if checked.checks_refused is not None:
            return self._refused(path, checked.checks_refused)
        context = self.context
        checks, records = replays_marked(session, checked, bundle.application)
        stored_name = f"{bundle.bundle_id}{BUNDLE_SUFFIX}"
        try:  # two PCs importing the same file at once: the unique bundle_id decides
            with session.begin_nested():
                app_id = self._add_rows(session, path, verified, stored_name, checks, records)
                staged = context.bundles.stage(
                    session, verified.temp, stored_name, context.local_now()
                )
        except IntegrityError:
            existing = ApplicationStore(session).id_for_bundle(bundle.bundle_id)
            if existing is None:
                raise
            return ImportOutcome(
                str(path),
                "duplicate",
                "already_imported",
                {"bundle_id": bundle.bundle_id[:16]},
                existing,
            )
        if staged is not None:
            batch.pending.append(staged)
        return ImportOutcome(
            str(path), "imported", "", {"bundle_id": bundle.bundle_id[:16]}, app_id
        )

    def _add_rows(
        self,
        session: Session,
        path: Path,
        verified: VerifiedFile,
        stored_name: str,
        checks: list[CheckResult],
        records: Sequence[RecordVerdict] = (),
    ) -> int:
        """The application, its members, checks, record verdicts, received decision and
        audit entry."""
        context, bundle = self.context, verified.bundle
        app_id = ApplicationStore(session).add(
            new_application(
                bundle,
                stored_name=stored_name,
                original_name=path.name,
                received_at=context.local_now(),
                stage=context.stage,
            ),
            [StoredMember(m.name, m.role, m.size, m.sha256, m.media_type) for m in bundle.members],
            [StoredCheck(c.code, c.passed, c.params) for c in checks],
            list(records),
        )
        first = verified.first_decision
        if first is not None:
            DecisionStore(session).add(received_decision(app_id, first))
        context.audit(session, "imported", app_id, **audit_details(bundle, first))
        return app_id

    @staticmethod
    def _refuse_replay(decisions: DecisionStore, signed: SignedDecision, path: Path) -> None:
        office = signed.decision.office
        if decisions.seen(signed.digest, office.fingerprint, signed.decision.sequence):
            raise UserFixableError(
                "decision_replayed",
                file=path.name,
                office=office.name,
                sequence=signed.decision.sequence,
            )
