"""Where the bytes of the reviewer's stored bundles live: `ReviewContext.bundles`.

Every reader and writer of a stored bundle (the importer, the detail view's members, the
forward packages and other exports, retention and deletion on request) goes through a
`BundleStore`, so the office's engine decides where the bytes are kept:
`folder_bundle_store.FolderBundleStore` (files of an office's folder, SQLite) or
`database_bundle_store.DatabaseBundleStore` (`bundle_blobs` rows of a server office).

The importer's protocol is `stage` (in the file's savepoint; `stage_many` for the files a
batch stores together) → `before_commit` → commit → `after_commit`, or `after_failure` when
the commit did not happen (or may not have: the folder store then asks the database which
copies did commit). Deleting is `unstore` (in the
deleting transaction) → commit → `after_unstore`.
"""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Protocol

from sqlalchemy.orm import Session

__all__ = [
    "BUNDLES_DIR",
    "BundleStore",
    "Staged",
    "SweepReport",
    "check_stored_name",
]

BUNDLES_DIR = "bundles"


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

    def stage_many(
        self, session: Session, copies: Sequence[tuple[Path, str]], at: datetime
    ) -> list[Staged | None]:
        """`stage` for many (temp, stored_name) copies of one batch, in order."""
        ...

    def before_commit(self, staged: list[Staged]) -> None:
        """Just before the import's commit: make the staged copies durable (the folder
        store fsyncs them, written without fsync, and the folder; a server: nothing)."""
        ...

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
