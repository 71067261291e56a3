"""Retention and deletion on request: the reviewer keeps personal data no longer than needed.

*Decided* means: this office recorded its own decision on the application (初审通过 or
初审未通过 at a county or city office, 终审通过 or 终审未通过 at the province) and every
decision it issued on it has been exported, so the result has left for the practitioner or
the next level. Retention counts from the day of that decision (`applications.decided_at`,
this office's latest decision on it): with a period of N days, an application decided on
day D is deleted by the first purge on or after day D + N + 1 ("more than N days ago").
N = 0 keeps everything. Pending applications are never deleted by retention, nor decided
ones whose decision was not exported yet; a superseded earlier version (never decided) goes
together with the version of the same uid that replaced it. Old database backups in the
reviewer folder (`backups/`, taken before migrations) go once they are older than N days.

Deleting an application (retention, or `delete_person` at the person's request) removes its
row, application.json, members, check results, decisions and its stored bundle file. What
stays: the audit log, whose entries never hold personal data, plus one new entry per deleted
application (uid, version, bundle id prefix, state, decision day, reason); and for each of
its decisions the chain link in `purged_decisions` (office, sequence, digests, stage,
outcome, dates; no name, no reasons, no file), so this office's next decision still chains
to the last one it signed, and a deleted decision replayed in a forward package is refused.

Order of work: one transaction deletes a batch of applications, each whole with its audit
entry, and writes a "remove" entry of the file journal (`swdesk.reviewstore.filejournal`)
for each of their bundle files; then the files are removed and the entries dropped. A crash
in between leaves bundle files that no row names but the journal does; the sweep at the
next opening removes them. The reviewer database runs with `PRAGMA secure_delete` (deleted
rows are overwritten, not just unlinked) and the WAL is checkpointed and truncated after
deleting.

The sweep (`Eraser.sweep`, run at every opening under the folder lock, after the database
was opened, found healthy and this office's row read; never on a database just created or
found damaged) deletes only files the database proves are garbage, and finishes only what
the database says was committed:

- a "place" entry whose application row exists: its temporary copy is renamed to the
  stored name (the import committed, the rename had not happened);
- a "remove" entry whose stored name no row names: the file is removed (its deletion
  committed); if a row names it again (imported anew since), it stays;
- a temporary copy (`.swdesk-*.tmp`) that no "place" entry names: removed (an import that
  never committed; a committed one always has its entry until the rename is done);
- a stored bundle file (`<bundle_id>.swdapp`) that neither a row nor an entry accounts for
  is of unknown status (the database was replaced by an older or another one, a file was
  copied in by hand): it is never deleted but MOVED to `recovered/<YYYY-MM-DD>/` in the
  reviewer folder, and the workspace tells the user (`ReviewWorkspace.recovered`).

A stored file without a row can only be one of these, because an import renames its copy
to the stored name only after the commit of its row (see `importer`): a healthy database
that names neither the file nor a journal entry for it cannot say what it is.
"""

from __future__ import annotations

import logging
import os
import re
from datetime import date, datetime, time, timedelta

from sqlalchemy.exc import SQLAlchemyError

from swdesk.core.datafiles import fsync_directory
from swdesk.database.errors import RecordNotFound
from swdesk.domain.errors import UserFixableError
from swdesk.domain.identity import normalize_id_number
from swdesk.reviewstore.applications import ApplicationStore
from swdesk.reviewstore.decisions import DecisionStore
from swdesk.reviewstore.offices import OfficeStore
from swdesk.reviewstore.retention import RetentionStore

from .bundle_store import SweepReport
from .context import BACKUPS_DIR, ReviewContext
from .folder_bundle_store import RECOVERED_DIR, move_aside
from .models import PurgeReport

__all__ = [
    "MAX_RETENTION_DAYS",
    "RECOVERED_DIR",
    "Eraser",
    "SweepReport",
    "expiry_cutoff",
    "move_aside",
]

log = logging.getLogger(__name__)

MAX_RETENTION_DAYS = 36500
BATCH = 500  # applications deleted per transaction (each one whole, with its audit entry)
_ID_NUMBER_SHAPE = re.compile(r"[0-9]{17}[0-9X]")


def expiry_cutoff(today: date, retention_days: int) -> datetime:
    """Applications decided before this (naive local) moment have expired on `today`."""
    return datetime.combine(today - timedelta(days=retention_days), time.min)


class Eraser:
    """Retention setting, retention purge, deletion on request and the orphan sweep."""

    def __init__(self, context: ReviewContext) -> None:
        self.context = context

    # -- the setting -----------------------------------------------------------------------
    def retention_days(self) -> int:
        with self.context.database.session() as session:
            return OfficeStore(session).retention_days()

    def set_retention_days(self, days: int) -> None:
        """Set the period (audit-logged as "retention_set" when it changes). ValueError
        unless 0 <= days <= MAX_RETENTION_DAYS."""
        if (
            isinstance(days, bool)
            or not isinstance(days, int)
            or not 0 <= days <= MAX_RETENTION_DAYS
        ):
            raise ValueError(f"retention days must be 0..{MAX_RETENTION_DAYS}, not {days!r}")
        with self.context.database.session() as session:
            offices = OfficeStore(session)
            previous = offices.retention_days()
            if previous != days:
                offices.set_retention_days(days)
                self.context.audit(session, "retention_set", days=days, previous=previous)

    # -- retention -------------------------------------------------------------------------
    def expired_ids(self, today: date | None = None) -> list[int]:
        """The applications a purge on `today` (default: the context's clock) would delete."""
        day = today or self.context.clock()
        with self.context.database.session() as session:
            days = OfficeStore(session).retention_days()
            if days == 0:
                return []
            return RetentionStore(session).expired_ids(expiry_cutoff(day, days))

    def purge_expired(
        self, today: date | None = None, *, keep_backups: bool = False
    ) -> PurgeReport:
        """Delete the applications decided more than the retention period before `today`
        (default: the context's clock), one audit entry ("purged") each, and the reviewer
        folder's database backups older than the period, unless `keep_backups` (the
        opening sets it when its sweep found files this database does not know: the
        database was replaced, and an old backup may be the way back). Cheap when there is
        nothing to do (one indexed query)."""
        day = today or self.context.clock()
        with self.context.database.session() as session:
            days = OfficeStore(session).retention_days()
            if days == 0:
                return PurgeReport.empty()
            cutoff = expiry_cutoff(day, days)
            ids = RetentionStore(session).expired_ids(cutoff)
        erased = self._erase(ids, "purged", "retention")
        backups = 0 if keep_backups else self._prune_backups(cutoff)
        if erased:
            log.info(
                "retention: deleted %d applications decided more than %d days ago",
                len(erased),
                days,
            )
        return PurgeReport(len(erased), tuple(erased), backups)

    def _prune_backups(self, cutoff: datetime) -> int:
        """Remove the reviewer folder's database backups (`backups/*.sqlite`) last written
        before `cutoff`; one "backups_purged" audit entry when any went. Returns how many."""
        if not self.context.database.is_sqlite:
            return 0  # a server's backups are the administrator's (pg_dump)
        folder = self.context.root / BACKUPS_DIR
        limit = cutoff.timestamp()
        removed = 0
        try:
            entries = list(os.scandir(folder))
        except FileNotFoundError:
            return 0
        for entry in entries:
            try:
                if (
                    entry.name.endswith(".sqlite")
                    and entry.is_file(follow_symlinks=False)
                    and entry.stat(follow_symlinks=False).st_mtime < limit
                ):
                    os.unlink(entry.path)
                    removed += 1
            except OSError as exc:
                log.warning(
                    "retention: an old database backup could not be removed (%s)",
                    type(exc).__name__,
                )
        if removed:
            fsync_directory(folder)
            with self.context.database.session() as session:
                self.context.audit(session, "backups_purged", count=removed, reason="retention")
        return removed

    # -- deletion on request ---------------------------------------------------------------
    def find_person(self, person: str | int) -> list[int]:
        """Every application of one practitioner, in id order: `person` is the full ID
        number (matched exactly as stored), or an application (queue number or uid) whose
        practitioner is meant. Followed from there: every application with an ID number
        found so far, and every version and resubmission linked with one found (which
        may carry a corrected ID number). An ID number nobody has gives []; an unknown
        application raises UserFixableError("application_unknown")."""
        with self.context.database.session() as session:
            applications, retention = ApplicationStore(session), RetentionStore(session)
            frontier = self._seeds(applications, retention, person)
            found: set[int] = set()
            while frontier:
                for app_id in sorted(frontier):
                    found.add(app_id)
                    found.update(applications.related_ids(app_id))
                numbers = retention.id_numbers(found)
                frontier = set(retention.ids_of_person(numbers)) - found
        return sorted(found)

    @staticmethod
    def _seeds(
        applications: ApplicationStore, retention: RetentionStore, person: str | int
    ) -> set[int]:
        if isinstance(person, int):
            text = str(person)
        else:
            text = normalize_id_number(str(person))
            if _ID_NUMBER_SHAPE.fullmatch(text):
                return set(retention.ids_of_person([text]))
        if text.isdigit():
            try:
                applications.get(int(text), with_json=False)
            except RecordNotFound as error:
                raise UserFixableError("application_unknown", application=text) from error
            return {int(text)}
        ids = retention.ids_of_uid(text.lower())
        if not ids:
            raise UserFixableError("application_unknown", application=str(person).strip())
        return set(ids)

    def delete_person(self, person: str | int) -> int:
        """Delete every application of one practitioner (see `find_person`), one audit entry
        ("deleted_on_request") each; returns how many were deleted."""
        return len(self._erase(self.find_person(person), "deleted_on_request", "request"))

    # -- deleting --------------------------------------------------------------------------
    def _erase(self, app_ids: list[int], action: str, reason: str) -> list[int]:
        """Delete applications in batches: rows and audit entries in one transaction per
        batch, then the bundle files. Returns the ids deleted."""
        context = self.context
        erased: list[int] = []
        for start in range(0, len(app_ids), BATCH):
            with context.database.session() as session:
                applications = ApplicationStore(session)
                apps = applications.many(app_ids[start : start + BATCH])  # those still here
                ids = [app.id for app in apps]
                DecisionStore(session).keep_chain_links(ids, context.local_now())
                RetentionStore(session).delete(ids)
                context.audit_many(
                    session,
                    [
                        (
                            action,
                            app.id,
                            {
                                "uid": app.uid,
                                "version": app.version,
                                "bundle_id": app.bundle_id[:16],
                                "state": str(app.state),
                                "decided_on": app.decided_at.date().isoformat()
                                if app.decided_at
                                else "",
                                "reason": reason,
                            },
                        )
                        for app in apps
                    ],
                )
                files = context.bundles.unstore(
                    session,
                    [app.stored_name for app in apps if app.stored_name],
                    context.local_now(),
                )
            erased.extend(ids)
            context.bundles.after_unstore(files)
        if erased:
            self._checkpoint()
        return erased

    def _checkpoint(self) -> None:
        """Copy the WAL into the database and truncate it, so deleted rows do not linger
        in the log (best effort: a reader holding a snapshot leaves it for later). A
        server database has no such file of this PC: nothing to do."""
        if not self.context.database.is_sqlite:
            return
        try:
            raw = self.context.database.engine.raw_connection()
            try:
                connection = raw.driver_connection
                if connection is not None:
                    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                raw.close()
        except SQLAlchemyError as exc:
            log.warning("WAL checkpoint after deleting failed (%s)", type(exc).__name__)

    # -- the sweep -------------------------------------------------------------------------
    def sweep_orphans(self) -> int:
        """`sweep()`; returns how many files it deleted as proven garbage."""
        return self.sweep().removed

    def sweep(self) -> SweepReport:
        """Finish what the file journal lists, remove what the database proves is garbage
        and move files of unknown status to `recovered/<day>/` (see the module's
        docstring; `folder_bundle_store.FolderBundleStore.sweep`). Only while no import or
        deletion runs: the workspace calls it at opening, under the folder lock, on a
        healthy database. An office on a server has nothing to sweep."""
        return self.context.bundles.sweep(self.context.clock())
