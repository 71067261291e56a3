"""The stored bundles of an office in a folder on this PC (SQLite): one file
`<root>/bundles/<bundle_id>.swdapp` each (the `BundleStore` protocol: `bundle_store`).

The importer's verified copy waits under a temporary name in that folder; a "place" entry
of the file journal (`swdesk.reviewstore.filejournal`) written with the rows names it, and
it is renamed to its stored name only after the commit. A deletion writes "remove" entries
with the deleted rows and removes the files after the commit. The sweep at opening finishes
what the journal lists and never deletes what the database cannot prove is garbage (see
`FolderBundleStore.sweep`).
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
from collections.abc import Iterator, Sequence
from datetime import date, datetime
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from swdesk.bundle import read_member
from swdesk.core.datafiles import fsync_directory, sync_files
from swdesk.database.engine import Database
from swdesk.domain.errors import UserFixableError
from swdesk.reviewstore.applications import ApplicationStore
from swdesk.reviewstore.filejournal import PLACE, REMOVE, FileJournal

from .bundle_store import BUNDLES_DIR, Staged, SweepReport, check_stored_name

__all__ = ["RECOVERED_DIR", "FolderBundleStore", "move_aside"]

log = logging.getLogger(__name__)

RECOVERED_DIR = "recovered"
_STORED_BUNDLE = re.compile(r"[0-9a-f]{64}\.swdapp")  # what the importer names a bundle
_TEMP_COPY = re.compile(r"\.swdesk-.*\.tmp")  # the importer's copies before their commit


def move_aside(source: Path, folder: Path) -> Path:
    """Move `source` into `folder` (created) under its own name, or with "-1", "-2", ...
    before the suffix when that name is taken there; never replaces a file. Returns the
    new path. A rename within the reviewer folder: no copy, works on a full disk."""
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / source.name
    counter = 1
    while target.exists() or target.is_symlink():
        target = folder / f"{source.stem}-{counter}{source.suffix}"
        counter += 1
    os.rename(source, target)
    return target


class FolderBundleStore:
    """Bundle files in `<root>/bundles`, placed and removed through the file journal."""

    def __init__(self, root: Path, database: Database) -> None:
        self.root = root
        self.database = database

    @property
    def folder(self) -> Path:
        return self.root / BUNDLES_DIR

    @property
    def scratch_dir(self) -> Path:
        return self.folder

    @property
    def in_database(self) -> bool:
        return False

    def path(self, stored_name: str) -> Path:
        """The stored file of `stored_name` (it may not exist)."""
        return self.folder / check_stored_name(stored_name)

    # -- importing -------------------------------------------------------------------------
    def stage(self, session: Session, temp: Path, stored_name: str, at: datetime) -> Staged:
        dest = self.path(stored_name)
        entry_id = FileJournal(session).add_place(temp.name, stored_name, at)
        return Staged(temp, dest, entry_id)

    def stage_many(
        self, session: Session, copies: Sequence[tuple[Path, str]], at: datetime
    ) -> list[Staged | None]:
        """The "place" entries of a batch's copies in one statement."""
        dests = [self.path(stored_name) for _temp, stored_name in copies]
        ids = FileJournal(session).add_places(
            [(temp.name, stored_name) for temp, stored_name in copies], at
        )
        return [
            Staged(temp, dest, entry_id)
            for (temp, _name), dest, entry_id in zip(copies, dests, ids, strict=True)
        ]

    def before_commit(self, staged: list[Staged]) -> None:
        """The copies' bytes and names are durable before the commit makes rows name them:
        the copies were written without fsync (`FileVerifier`), all of a batch are made
        durable here at once (`sync_files`), then the folder is fsynced."""
        if staged:
            sync_files([placement.temp for placement in staged])
            fsync_directory(self.folder)

    def after_commit(self, staged: list[Staged]) -> None:
        """Rename the copies into place, make that durable, then drop their journal
        entries. A failure here only delays the end: the next opening finishes what the
        journal still lists."""
        if not staged:
            return
        done: list[int] = []
        for placement in staged:
            try:
                os.replace(placement.temp, placement.dest)
                done.append(placement.entry_id)
            except OSError as exc:
                log.warning(
                    "an imported bundle file could not be renamed into place now "
                    "(%s); it is done at the next opening",
                    type(exc).__name__,
                )
        fsync_directory(self.folder)
        if not done:
            return
        try:
            with self.database.session() as session:
                FileJournal(session).done(done)
        except Exception as exc:  # noqa: BLE001 - the entries are finished at the next opening
            log.warning(
                "finished file journal entries could not be dropped now (%s); "
                "the next opening drops them",
                type(exc).__name__,
            )

    def after_failure(self, staged: list[Staged]) -> None:
        """The copies whose "place" entries exist did commit after all (renamed into
        place); the others never did (deleted). If the database cannot say, the copies
        stay under their temporary names for the sweep at the next opening, which asks
        again."""
        if not staged:
            return
        try:
            with self.database.session() as session:
                committed = {
                    entry.id
                    for entry in FileJournal(session).places_for(
                        placement.dest.name for placement in staged
                    )
                }
        except Exception as exc:  # noqa: BLE001 - nothing is deleted without the answer
            log.warning(
                "after a failed import commit the file journal could not be read "
                "(%s); the copies are settled at the next opening",
                type(exc).__name__,
            )
            return
        self.after_commit([p for p in staged if p.entry_id in committed])
        for placement in staged:
            if placement.entry_id not in committed:
                placement.temp.unlink(missing_ok=True)

    # -- reading ---------------------------------------------------------------------------
    def exists(self, stored_name: str) -> bool:
        return self.path(stored_name).is_file()

    def read_member(self, stored_name: str, member: str, sha256: str) -> bytes:
        return read_member(self.path(stored_name), member, sha256)

    @contextlib.contextmanager
    def local_copy(self, stored_name: str) -> Iterator[Path]:
        yield self.path(stored_name)

    # -- deleting --------------------------------------------------------------------------
    def unstore(self, session: Session, stored_names: list[str], at: datetime) -> list[str]:
        """ "remove" entries for the files (and copies not renamed into place yet) of the
        rows deleted in this transaction; the files go after the commit."""
        journal = FileJournal(session)
        files = [name for name in stored_names if name]
        unplaced = journal.places_for(files)  # copies not renamed into place yet
        journal.done(entry.id for entry in unplaced)
        files += [entry.name for entry in unplaced]
        journal.add_removals(files, at)
        return files

    def after_unstore(self, names: list[str]) -> None:
        """Remove the files of committed deletions, then drop their journal entries (an
        entry whose file could not be removed stays for the sweep at the next opening)."""
        if not names:
            return
        removed = []
        for name in names:
            try:
                (self.folder / check_stored_name(name)).unlink(missing_ok=True)
                removed.append(name)
            except (OSError, ValueError) as exc:
                log.warning(
                    "a deleted application's bundle file could not be removed now "
                    "(%s); it is removed at the next opening",
                    type(exc).__name__,
                )
        fsync_directory(self.folder)
        try:
            with self.database.session() as session:
                FileJournal(session).forget_removals(removed)
        except (SQLAlchemyError, UserFixableError) as exc:
            log.warning(
                "the file journal could not be updated after removing files (%s); "
                "the next opening does it",
                type(exc).__name__,
            )

    # -- the sweep -------------------------------------------------------------------------
    def sweep(self, day: date) -> SweepReport:
        """Finish what the file journal lists, remove what the database proves is garbage
        and move files of unknown status to `recovered/<day>/` (see
        `swdesk.services.review.retention`). Only while no import or deletion runs: the
        workspace calls it at opening, under the folder lock, on a healthy database."""
        folder = self.folder
        try:
            found = [entry for entry in os.scandir(folder) if entry.is_file(follow_symlinks=False)]
        except FileNotFoundError:
            found = []
        stored = {e.name for e in found if _STORED_BUNDLE.fullmatch(e.name)}
        temps = {e.name for e in found if _TEMP_COPY.fullmatch(e.name)}
        with self.database.session() as session:
            entries = FileJournal(session).entries()
            named = ApplicationStore(session).stored_names() if entries or stored else set()
        finished: list[int] = []
        stray: list[str] = []  # copies of unknown status
        accounted: set[str] = set()
        removed = renamed = 0
        for entry in entries:
            path = folder / entry.name
            accounted.add(entry.name)
            try:
                if entry.action == PLACE and entry.target in named:
                    accounted.add(entry.target)
                    if entry.name in temps:
                        os.replace(path, self.path(entry.target))
                        renamed += 1
                    elif entry.target not in stored:
                        log.warning(
                            "a committed bundle file is missing from the bundles "
                            "folder (neither its copy nor its stored file is there)"
                        )
                        continue  # kept: a restored folder may bring the copy back
                    finished.append(entry.id)
                elif entry.action == REMOVE:
                    if entry.name not in named and (entry.name in stored or entry.name in temps):
                        path.unlink()
                        removed += 1
                    finished.append(entry.id)
                else:  # a copy whose row is gone (a deletion converts its entry; so
                    # the database was replaced): unknown, moved aside below
                    if entry.name in temps:
                        stray.append(entry.name)
                    finished.append(entry.id)
            except (OSError, ValueError) as exc:
                log.warning(
                    "the file journal could not be finished now (%s); retried at the next opening",
                    type(exc).__name__,
                )
        for name in sorted(temps - accounted):
            try:
                (folder / name).unlink()
                removed += 1
            except OSError as exc:
                log.warning(
                    "a copy of an import that never committed could not be removed (%s)",
                    type(exc).__name__,
                )
        unknown = sorted(stored - named - accounted) + stray
        moved: list[str] = []
        target = self.root / RECOVERED_DIR / day.isoformat()
        for name in unknown:
            try:
                move_aside(folder / name, target)
                moved.append(name)
            except OSError as exc:
                log.warning(
                    "a bundle file of unknown status could not be moved to %s (%s); "
                    "it stays where it is",
                    target,
                    type(exc).__name__,
                )
        if removed or renamed or moved:
            fsync_directory(folder)
        if moved:
            fsync_directory(target)
            log.info(
                "moved %d bundle files that the reviewer database does not name to %s",
                len(moved),
                target,
            )
        if finished:
            with self.database.session() as session:
                FileJournal(session).done(finished)
        if removed:
            log.info("removed %d bundle files the reviewer database proves are garbage", removed)
        return SweepReport(removed, renamed, tuple(moved), target if moved else None)

    def close(self) -> None:
        """Nothing to release: the files are the office's."""
