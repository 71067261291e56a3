"""Importing one file into the reviewer's database: verify everything, then store it whole.

A bundle (`.swdapp`, at the first level) or a forward package (`.swdfwd`, at the province)
is first copied into the bundles folder under a temporary name, and only that copy is
verified and stored: what is kept is exactly what was checked, even if a USB stick
changes under us. Then the automatic checks run, the copy is renamed to
`<bundle_id>.swdapp`, and one transaction records the application, its members, checks,
the first-level decision (province) and the audit entry. Any refusal leaves nothing
behind: no row, no file.

Many files are imported in batches (`Importer.batch`): one database transaction for up to
`BATCH_FILES` files, each file's rows in a savepoint of it, so a refused file still leaves
nothing and one commit (one fsync of the journal, one of the bundles folder) serves the
whole batch. A crash before the commit loses the batch's rows; the files renamed into place
for them are then unreferenced and swept at the next opening, so each file is still all or
nothing.
"""

from __future__ import annotations

import logging
import os
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy.orm import Session

from swdesk.bundle import DEFAULT_MAX_TOTAL_BYTES, VerifiedBundle, verify_bundle
from swdesk.domain.errors import UserFixableError
from swdesk.reviewstore.applications import ApplicationStore
from swdesk.reviewstore.canonical import canonical_text
from swdesk.reviewstore.decisions import DecisionStore
from swdesk.reviewstore.offices import OfficeStore
from swdesk.reviewstore.records import NewApplication, NewDecision, StoredCheck, StoredMember
from swdesk.reviewstore.vocabulary import DecisionOutcome, ReviewStage
from swdesk.signing import SignedDecision, check_decision_trust, read_decision, read_trust_file
from swdesk.storage.files import fsync_directory

from .checks import CheckResult, run_checks
from .context import ReviewContext
from .forward import FORWARD_SUFFIX, read_forward
from .models import ImportOutcome

__all__ = ["BATCH_FILES", "BUNDLE_SUFFIXES", "ImportBatch", "Importer"]

log = logging.getLogger(__name__)

BUNDLE_SUFFIX = ".swdapp"
BUNDLE_SUFFIXES = (BUNDLE_SUFFIX, FORWARD_SUFFIX)
CHUNK = 1 << 20
BATCH_FILES = 50  # files per transaction when importing many
BATCH_SECONDS = 2.0  # ... or fewer, so the write lock is never held long


@dataclass
class ImportBatch:
    """One transaction shared by several files (see the module's docstring)."""

    session: Session
    placed: list[Path] = field(default_factory=list)  # renamed into place by this batch


@dataclass(frozen=True, slots=True)
class _Verified:
    bundle: VerifiedBundle
    temp: Path
    first_decision: SignedDecision | None


def _tenths(value: Any) -> int:
    return int(Decimal(str(value)) * 10)


class Importer:
    """Imports files one at a time into the context's database and bundles folder."""

    def __init__(self, context: ReviewContext) -> None:
        self.context = context

    @contextmanager
    def batch(self) -> Iterator[ImportBatch]:
        """A transaction for several `import_file(path, batch)` calls, committed when the
        block ends. If it cannot commit (or the block raises), the bundle files it renamed
        into place are removed and the error propagates: the batch stored nothing."""
        batch: ImportBatch | None = None
        try:
            with self.context.database.session() as session:
                batch = ImportBatch(session)
                yield batch
                if batch.placed:  # the renames are durable before the rows that name them
                    fsync_directory(self.context.bundles_dir)
        except BaseException:
            for placed in batch.placed if batch is not None else ():
                placed.unlink(missing_ok=True)
            raise

    def import_file(self, path: Path, batch: ImportBatch | None = None) -> ImportOutcome:
        """Verify and store one file (in its own transaction, or in a savepoint of
        `batch`); every refusal comes back as an outcome, not raised."""
        shown = str(path)
        try:
            verified = self._verified(path)
        except UserFixableError as error:
            return ImportOutcome(shown, "refused", error.code,
                                 {**error.params, "file": path.name})
        try:
            if batch is not None:
                return self._store_in_batch(path, verified, batch)
            return self._store(path, verified)
        except UserFixableError as error:
            return ImportOutcome(shown, "refused", error.code,
                                 {**error.params, "file": path.name})
        finally:
            verified.temp.unlink(missing_ok=True)

    # -- verifying -------------------------------------------------------------------------
    def _verified(self, path: Path) -> _Verified:
        forward = path.suffix.lower() == FORWARD_SUFFIX
        final = self.context.stage is ReviewStage.FINAL
        if forward and not final:
            raise UserFixableError("forward_not_expected", file=path.name)
        if final and not forward:
            raise UserFixableError("forward_package_required", file=path.name)
        self.context.bundles_dir.mkdir(parents=True, exist_ok=True)
        if forward:
            contents = read_forward(path, self.context.bundles_dir)
            temp, decision_bytes = contents.bundle_path, contents.decision
        else:
            temp, decision_bytes = self._copy(path), None
        try:
            bundle = self._verify_copy(temp, path)
            signed = None
            if decision_bytes is not None:
                signed = read_decision(decision_bytes, file=path.name)
                self._check_first_decision(signed, bundle, path)
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
        return _Verified(bundle, temp, signed)

    def _copy(self, path: Path) -> Path:
        """The file copied to a fsynced temporary file in the bundles folder."""
        try:
            info = os.stat(path)
            if not stat.S_ISREG(info.st_mode):
                raise UserFixableError("bundle_unreadable", file=path.name,
                                       reason="not a regular file")
            if info.st_size > DEFAULT_MAX_TOTAL_BYTES:
                raise UserFixableError("bundle_too_large", file=path.name,
                                       size=info.st_size, limit=DEFAULT_MAX_TOTAL_BYTES)
            fd, name = tempfile.mkstemp(dir=self.context.bundles_dir, prefix=".swdesk-",
                                        suffix=".tmp")
        except OSError as exc:
            raise UserFixableError("bundle_unreadable", file=path.name, path=str(path),
                                   reason=os.strerror(exc.errno) if exc.errno else str(exc)
                                   ) from exc
        temp = Path(name)
        try:
            with os.fdopen(fd, "wb") as out, open(path, "rb") as source:
                copied = 0
                while chunk := source.read(CHUNK):
                    copied += len(chunk)
                    if copied > DEFAULT_MAX_TOTAL_BYTES:
                        raise UserFixableError("bundle_too_large", file=path.name,
                                               limit=DEFAULT_MAX_TOTAL_BYTES)
                    out.write(chunk)
                out.flush()
                os.fsync(out.fileno())
        except OSError as exc:
            temp.unlink(missing_ok=True)
            raise UserFixableError("bundle_unreadable", file=path.name, path=str(path),
                                   reason=os.strerror(exc.errno) if exc.errno else str(exc)
                                   ) from exc
        except BaseException:
            temp.unlink(missing_ok=True)
            raise
        return temp

    @staticmethod
    def _verify_copy(temp: Path, original: Path) -> VerifiedBundle:
        try:
            return verify_bundle(temp)
        except UserFixableError as error:  # name the user's file, not our temporary copy
            params = {k: v for k, v in error.params.items() if k != "path"}
            params["file"] = original.name
            raise UserFixableError(error.code, **params) from error

    def _check_first_decision(self, signed: SignedDecision, bundle: VerifiedBundle,
                              path: Path) -> None:
        """The attached decision: trusted first-level office, an approval of exactly this
        bundle, and not a decision seen before for another bundle."""
        with self.context.database.session() as session:
            stored = OfficeStore(session).current_trust()
        if stored is None:
            raise UserFixableError("trust_list_missing", file=path.name)
        trust = read_trust_file(stored.raw, file="trust")
        check_decision_trust(signed, trust)
        decision = signed.decision
        app = bundle.application["application"]
        problems = {
            "stage": decision.stage != ReviewStage.FIRST,
            "outcome": decision.outcome != DecisionOutcome.APPROVED,
            "bundle_id": decision.bundle_id != bundle.bundle_id,
            "content_digest": decision.content_digest != bundle.content_digest,
            "application": (decision.application_uid, decision.application_version)
            != (app["uid"], app["version"]),
        }
        wrong = [name for name, bad in problems.items() if bad]
        if wrong:
            raise UserFixableError("forward_decision_mismatch", file=path.name,
                                   fields=",".join(wrong))

    # -- storing ---------------------------------------------------------------------------
    def _store(self, path: Path, verified: _Verified) -> ImportOutcome:
        context, bundle = self.context, verified.bundle
        with context.database.session() as session:
            existing = ApplicationStore(session).id_for_bundle(bundle.bundle_id)
            if verified.first_decision is not None and existing is None:
                self._refuse_replay(DecisionStore(session), verified.first_decision, path)
        if existing is not None:
            return ImportOutcome(str(path), "duplicate", "already_imported",
                                 {"bundle_id": bundle.bundle_id[:16]}, existing)
        checks, stored_name, dest, existed = self._check_and_place(path, verified)
        fsync_directory(dest.parent)
        try:
            with context.database.session() as session:
                app_id = self._add_rows(session, path, verified, stored_name, checks)
        except BaseException:
            if not existed:
                dest.unlink(missing_ok=True)
            raise
        return ImportOutcome(str(path), "imported", "", {"bundle_id": bundle.bundle_id[:16]},
                             app_id)

    def _check_and_place(self, path: Path, verified: _Verified
                         ) -> tuple[list[CheckResult], str, Path, bool]:
        """Run the automatic checks, then move the verified copy to its stored name;
        returns the checks, that name, its path and whether it was there before."""
        context, bundle = self.context, verified.bundle
        names = {entry.name for entry in bundle.members}
        checks = run_checks(bundle.application, names, bundle.read_member, context.pack,
                            received_on=context.clock(), file=path.name)
        stored_name = f"{bundle.bundle_id}{BUNDLE_SUFFIX}"
        dest = context.bundle_path(stored_name)
        existed = dest.exists()
        os.replace(verified.temp, dest)
        return checks, stored_name, dest, existed

    def _store_in_batch(self, path: Path, verified: _Verified,
                        batch: ImportBatch) -> ImportOutcome:
        """Like `_store`, in a savepoint of the batch's transaction; the directory fsync and
        the commit are the batch's."""
        bundle = verified.bundle
        session = batch.session
        existing = ApplicationStore(session).id_for_bundle(bundle.bundle_id)
        if existing is not None:
            return ImportOutcome(str(path), "duplicate", "already_imported",
                                 {"bundle_id": bundle.bundle_id[:16]}, existing)
        if verified.first_decision is not None:
            self._refuse_replay(DecisionStore(session), verified.first_decision, path)
        checks, stored_name, dest, existed = self._check_and_place(path, verified)
        if not existed:
            batch.placed.append(dest)
        try:
            with session.begin_nested():
                app_id = self._add_rows(session, path, verified, stored_name, checks)
        except BaseException:
            if not existed:
                batch.placed.remove(dest)
                dest.unlink(missing_ok=True)
            raise
        return ImportOutcome(str(path), "imported", "", {"bundle_id": bundle.bundle_id[:16]},
                             app_id)

    def _add_rows(self, session: Session, path: Path, verified: _Verified,
                  stored_name: str, checks: list[CheckResult]) -> int:
        """The application, its members, checks, received decision and audit entry."""
        context, bundle = self.context, verified.bundle
        app_id = ApplicationStore(session).add(
            self._new_application(bundle, stored_name, path),
            [StoredMember(m.name, m.role, m.size, m.sha256, m.media_type)
             for m in bundle.members],
            [StoredCheck(c.code, c.passed, c.params) for c in checks])
        first = verified.first_decision
        if first is not None:
            DecisionStore(session).add(self._received_decision(app_id, first))
        app = bundle.application["application"]
        context.audit(session, "imported", app_id, uid=app["uid"], version=app["version"],
                      bundle_id=bundle.bundle_id[:16],
                      forwarded_by=first.decision.office.short_fingerprint if first else "")
        return app_id

    @staticmethod
    def _refuse_replay(decisions: DecisionStore, signed: SignedDecision, path: Path) -> None:
        office = signed.decision.office
        if decisions.seen(signed.digest, office.fingerprint, signed.decision.sequence):
            raise UserFixableError("decision_replayed", file=path.name, office=office.name,
                                   sequence=signed.decision.sequence)

    def _new_application(self, bundle: VerifiedBundle, stored_name: str,
                         path: Path) -> NewApplication:
        a = bundle.application
        applicant, app = a["applicant"], a["application"]
        registration = a.get("registration") or {}
        valid_to = registration.get("valid_to")
        return NewApplication(
            bundle_id=bundle.bundle_id, uid=app["uid"], version=app["version"],
            content_digest=bundle.content_digest, stored_name=stored_name,
            original_name=path.name[:255], file_size=bundle.size,
            received_at=self.context.local_now(), stage=self.context.stage, kind=app["kind"],
            applicant_name=applicant["name"], id_number=applicant["id_number"],
            county=applicant["county"],
            certificate_level=(a.get("certificate") or {}).get("level", ""),
            is_late=bool(a["is_late"]), hours_counted_tenths=_tenths(a["hours"]["counted"]),
            hours_required_tenths=_tenths(a["hours"]["required"]),
            registration_valid_to=date.fromisoformat(valid_to) if valid_to else None,
            resubmission_of_uid=a.get("resubmission_of"),
            application_json=canonical_text(a))

    @staticmethod
    def _received_decision(app_id: int, signed: SignedDecision) -> NewDecision:
        d = signed.decision
        return NewDecision(
            application_id=app_id, issued_here=False, stage=ReviewStage(d.stage),
            outcome=DecisionOutcome(d.outcome), reasons=d.reasons,
            late_reason=d.late_accepted_reason, registration_from=d.registration_from,
            registration_to=d.registration_to,
            decided_at=d.decided_at.astimezone().replace(tzinfo=None),
            sequence=d.sequence, previous_hash=d.previous_hash, digest=signed.digest,
            raw=signed.raw, office_fingerprint=d.office.fingerprint, office_name=d.office.name,
            office_level=str(d.office.level))
