"""Where the bytes of the reviewer's stored bundles live: `ReviewContext.bundles`.

Every reader and writer of a stored bundle (the importer, the detail view's members, the
forward packages and other exports, retention and deletion on request) goes through a
`BundleStore`, so the office's engine decides where the bytes are kept:

- `FolderBundleStore` (an office in a folder on this PC, SQLite): one file
  `<root>/bundles/<bundle_id>.swdapp` each. The importer's verified copy waits under a
  temporary name in that folder; a "place" entry of the file journal
  (`swdesk.reviewstore.filejournal`) written with the rows names it, and it is renamed to
  its stored name only after the commit. A deletion writes "remove" entries with the
  deleted rows and removes the files after the commit. The sweep at opening finishes what
  the journal lists and never deletes what the database cannot prove is garbage (see
  `FolderBundleStore.sweep`).
- `DatabaseBundleStore` (an office on a PostgreSQL server): one `bundle_blobs` row each,
  inserted and deleted in the caller's transaction, so an application's rows and its bytes
  commit together or not at all, whichever PC of the office wrote them. Nothing of it is a
  file of the office: the verified copies wait in a scratch folder of this PC (removed when
  the workspace closes), and a reader gets the bytes (or, where a file is needed, a
  temporary copy of them in that scratch folder).

The importer's protocol is `stage` (in the file's savepoint) → `before_commit` → commit →
`after_commit`, or `after_failure` when the commit did not happen (or may not have: the
folder store then asks the database which copies did commit). Deleting is `unstore` (in the
deleting transaction) → commit → `after_unstore`.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Protocol

from sqlalchemy import delete, func, insert, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from swdesk.bundle import read_member
from swdesk.core.datafiles import fsync_directory
from swdesk.database.engine import Database
from swdesk.domain.errors import UserFixableError
from swdesk.reviewstore.applications import ApplicationStore
from swdesk.reviewstore.filejournal import PLACE, REMOVE, FileJournal
from swdesk.reviewstore.orm import BundleBlobRow

__all__ = [
    "BUNDLES_DIR",
    "RECOVERED_DIR",
    "BundleStore",
    "DatabaseBundleStore",
    "FolderBundleStore",
    "Staged",
    "SweepReport",
    "check_stored_name",
    "move_aside",
]

log = logging.getLogger(__name__)

BUNDLES_DIR = "bundles"
RECOVERED_DIR = "recovered"
SCRATCH_PREFIX = "swdesk-review-"  # a server office's scratch folder on this PC
_STORED_BUNDLE = re.compile(r"[0-9a-f]{64}\.swdapp")  # what the importer names a bundle
_TEMP_COPY = re.compile(r"\.swdesk-.*\.tmp")  # the importer's copies before their commit
_BATCH = 500  # names per IN (...) list


def check_stored_name(stored_name: str) -> str:
    """`stored_name` if it is a plain name a store may hold (never a path); else ValueError."""
    if not stored_name or "/" in stored_name or "\\" in stored_name or stored_name.startswith("."):
        raise ValueError(f"not a stored bundle name: {stored_name!r}")
    return stored_name


@dataclass(frozen=True, slots=True)
class Staged:
    """A verified copy stored in an import's transaction: what to finish after its commit
    (the folder store renames `temp` to `dest`; `entry_id` is its "place" journal entry)."""

    temp: Path
    dest: Path
    entry_id: int


@dataclass(frozen=True, slots=True)
class SweepReport:
    """What the sweep at opening did in the bundles folder."""

    removed: int = 0  # files the database proved were garbage, deleted
    finished: int = 0  # renames into place an import had committed, done now
    recovered: tuple[str, ...] = ()  # files of unknown status, moved (names)
    folder: Path | None = None  # where they went: <root>/recovered/<YYYY-MM-DD>


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


class BundleStore(Protocol):
    """The stored bundles of one office (see the module's docstring)."""

    @property
    def scratch_dir(self) -> Path:
        """A folder of this PC for verified copies and temporary files (created on demand)."""
        ...

    @property
    def in_database(self) -> bool:
        """Whether the bytes are rows of the office's database (else files of its folder)."""
        ...

    def stage(self, session: Session, temp: Path, stored_name: str, at: datetime) -> Staged | None:
        """Store the verified copy `temp` as `stored_name` in `session`'s transaction;
        returns what `after_commit` must finish (None: nothing)."""
        ...

    def before_commit(self, staged: list[Staged]) -> None: ...

    def after_commit(self, staged: list[Staged]) -> None:
        """The import committed: finish storing (a failure only delays it to the next opening)."""
        ...

    def after_failure(self, staged: list[Staged]) -> None:
        """The import's commit failed (or may have): leave nothing that did not commit."""
        ...

    def exists(self, stored_name: str) -> bool: ...

    def read_member(self, stored_name: str, member: str, sha256: str) -> bytes:
        """One member of a stored bundle, its SHA-256 checked again while reading."""
        ...

    def local_copy(self, stored_name: str) -> contextlib.AbstractContextManager[Path]:
        """A file holding the stored bundle's bytes, for the block (read it, never change it)."""
        ...

    def unstore(self, session: Session, stored_names: list[str], at: datetime) -> list[str]:
        """In the transaction deleting the rows that name `stored_names`: the bytes go with
        them. Returns what `after_unstore` must finish after the commit."""
        ...

    def after_unstore(self, names: list[str]) -> None: ...

    def sweep(self, day: date) -> SweepReport:
        """At opening: finish or undo what a crash interrupted (see each store)."""
        ...

    def close(self) -> None: ...


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

    def before_commit(self, staged: list[Staged]) -> None:
        if staged:  # the copies' names are durable before rows name them
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


class DatabaseBundleStore:
    """Bundle bytes as `bundle_blobs` rows of the office's (server) database."""

    def __init__(self, database: Database, scratch: Path | None = None) -> None:
        self.database = database
        self._scratch = scratch
        self._own_scratch = scratch is None

    @property
    def scratch_dir(self) -> Path:
        """This PC's scratch folder of the workspace (made at first use, removed at close)."""
        if self._scratch is None:
            self._scratch = Path(tempfile.mkdtemp(prefix=SCRATCH_PREFIX))
        return self._scratch

    @property
    def in_database(self) -> bool:
        return True

    # -- importing -------------------------------------------------------------------------
    def stage(self, session: Session, temp: Path, stored_name: str, at: datetime) -> None:
        """The copy's bytes as a row of the caller's transaction (its savepoint): they
        commit with the application's rows, or neither does. The copy is the caller's to
        delete."""
        session.execute(
            insert(BundleBlobRow).values(
                stored_name=check_stored_name(stored_name), data=temp.read_bytes()
            )
        )

    def before_commit(self, staged: list[Staged]) -> None:
        """Nothing: the bytes are in the transaction."""

    def after_commit(self, staged: list[Staged]) -> None:
        """Nothing: the commit stored the bytes."""

    def after_failure(self, staged: list[Staged]) -> None:
        """Nothing: the rolled-back transaction took the bytes with it."""

    # -- reading ---------------------------------------------------------------------------
    def _bytes(self, stored_name: str) -> bytes:
        with self.database.read_session() as session:
            data = session.execute(
                select(BundleBlobRow.data).where(
                    BundleBlobRow.stored_name == check_stored_name(stored_name)
                )
            ).scalar_one_or_none()
        if data is None:  # never after a commit; the database was changed by hand
            raise UserFixableError("bundle_file_missing", file=stored_name)
        return bytes(data)

    def exists(self, stored_name: str) -> bool:
        with self.database.read_session() as session:
            found = session.execute(
                select(func.count())
                .select_from(BundleBlobRow)
                .where(BundleBlobRow.stored_name == check_stored_name(stored_name))
            ).scalar_one()
        return bool(found)

    def read_member(self, stored_name: str, member: str, sha256: str) -> bytes:
        with self.local_copy(stored_name) as path:
            return read_member(path, member, sha256)

    @contextlib.contextmanager
    def local_copy(self, stored_name: str) -> Iterator[Path]:
        """The bytes in a temporary file of the scratch folder, removed after the block."""
        data = self._bytes(stored_name)
        fd, name = tempfile.mkstemp(dir=self.scratch_dir, prefix=".swdesk-", suffix=".swdapp")
        path = Path(name)
        try:
            with os.fdopen(fd, "wb") as out:
                out.write(data)
            yield path
        finally:
            path.unlink(missing_ok=True)

    # -- deleting --------------------------------------------------------------------------
    def unstore(self, session: Session, stored_names: list[str], at: datetime) -> list[str]:
        """Delete the rows of the bytes in the deleting transaction."""
        names = [name for name in dict.fromkeys(stored_names) if name]
        for start in range(0, len(names), _BATCH):
            session.execute(
                delete(BundleBlobRow).where(
                    BundleBlobRow.stored_name.in_(names[start : start + _BATCH])
                )
            )
        return []

    def after_unstore(self, names: list[str]) -> None:
        """Nothing: the commit removed the bytes."""

    def sweep(self, day: date) -> SweepReport:
        """Nothing to finish: rows and bytes never part (no journal, no files)."""
        return SweepReport()

    def close(self) -> None:
        """Remove this workspace's scratch folder (it only holds temporary copies)."""
        if self._own_scratch and self._scratch is not None:
            shutil.rmtree(self._scratch, ignore_errors=True)
            self._scratch = None
