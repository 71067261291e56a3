"""The file journal: bundle files whose rename or removal a committed transaction decided.

A row is written in the same transaction as the database change it goes with, and deleted
once the file operation is done (and durable):

- "place": written with an imported application's rows. `name` is the verified temporary
  copy (`.swdesk-*.tmp` in the bundles folder), `target` the stored name it is renamed to
  after the commit.
- "remove": written with the deletion of the last application naming the stored file
  `name` (retention, deletion on request). The file is removed after the commit.

So the database itself says, for every file a crash can leave behind, whether it belongs to
a committed application (finish the rename) or to one whose deletion was committed (finish
the removal). See `swdesk.services.review.retention` for the sweep that reads it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from .inserts import inserted_ids
from .orm import FileJournalRow

__all__ = ["PLACE", "REMOVE", "FileJournal", "JournalEntry"]

PLACE = "place"
REMOVE = "remove"


@dataclass(frozen=True, slots=True)
class JournalEntry:
    id: int
    action: str  # "place" or "remove"
    name: str  # a file in the bundles folder
    target: str | None  # "place": the stored name `name` is renamed to


class FileJournal:
    """Reads and writes `file_journal` in the caller's transaction."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def add_place(self, temp_name: str, stored_name: str, at: datetime) -> int:
        """Record that the temporary copy `temp_name` is the stored file `stored_name` of
        rows written in this transaction; returns the entry's id."""
        return int(
            self.session.execute(
                insert(FileJournalRow)
                .values(action=PLACE, name=temp_name, target=stored_name, created_at=at)
                .returning(FileJournalRow.id)
            ).scalar_one()
        )

    def add_places(self, copies: Sequence[tuple[str, str]], at: datetime) -> list[int]:
        """`add_place` for many copies, (temp_name, stored_name) each, in one statement;
        returns the entries' ids in order."""
        if not copies:
            return []
        rows = [
            {"action": PLACE, "name": temp, "target": stored, "created_at": at}
            for temp, stored in copies
        ]
        return inserted_ids(self.session, FileJournalRow, rows, "name")

    def add_removals(self, names: Iterable[str], at: datetime) -> None:
        """Record that the stored files `names` lose their last row in this transaction."""
        rows = [
            {"action": REMOVE, "name": name, "target": None, "created_at": at}
            for name in dict.fromkeys(names)
            if name
        ]
        if rows:
            self.session.execute(insert(FileJournalRow), rows)

    def entries(self) -> list[JournalEntry]:
        rows = self.session.execute(
            select(
                FileJournalRow.id, FileJournalRow.action, FileJournalRow.name, FileJournalRow.target
            ).order_by(FileJournalRow.id)
        )
        return [JournalEntry(int(i), str(a), str(n), t) for i, a, n, t in rows]

    def places_for(self, stored_names: Iterable[str]) -> list[JournalEntry]:
        """The unfinished "place" entries of these stored names."""
        wanted = list(dict.fromkeys(stored_names))
        found: list[JournalEntry] = []
        for start in range(0, len(wanted), 500):
            rows = self.session.execute(
                select(
                    FileJournalRow.id,
                    FileJournalRow.action,
                    FileJournalRow.name,
                    FileJournalRow.target,
                ).where(
                    FileJournalRow.action == PLACE,
                    FileJournalRow.target.in_(wanted[start : start + 500]),
                )
            )
            found.extend(JournalEntry(int(i), str(a), str(n), t) for i, a, n, t in rows)
        return found

    def forget_removals(self, names: Iterable[str]) -> None:
        """Forget the "remove" entries of files that are gone now."""
        wanted = list(dict.fromkeys(names))
        for start in range(0, len(wanted), 500):
            self.session.execute(
                delete(FileJournalRow).where(
                    FileJournalRow.action == REMOVE,
                    FileJournalRow.name.in_(wanted[start : start + 500]),
                )
            )

    def done(self, ids: Iterable[int]) -> None:
        """Forget entries whose file operation is done."""
        wanted = list(dict.fromkeys(ids))
        for start in range(0, len(wanted), 500):
            self.session.execute(
                delete(FileJournalRow).where(FileJournalRow.id.in_(wanted[start : start + 500]))
            )
