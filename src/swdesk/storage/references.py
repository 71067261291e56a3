"""Who refers to a file of the evidence store, and the journal of files that may be garbage.

The store is shared: a stored name (content hash + extension) may back an activity's
evidence, an application's material, an application's generated form and a decision's
certificate all at once. A file may only be removed when none of them refers to it any more.

**The file journal** (`file_journal`) is what lets a sweep prove a file is garbage. A name is
journaled (1) in its own committed transaction BEFORE a new file is renamed into its store
(`FileJournal`, called by `EvidenceStore`), so a crash between the rename and the commit of
the row that refers to it leaves a journaled, unreferenced file; and (2) in the SAME
transaction that drops a file's last reference (`unreferenced` journals what it returns;
photos through `note_dropped`), so a crash between that commit and the file's removal
leaves the same. At a healthy start the sweep deletes the journaled names no row refers to
and empties the journal; a file that is neither referenced nor journaled is of unknown
status and is never deleted.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from sqlalchemy import delete, select, union
from sqlalchemy.dialects.sqlite import insert
from sqlalchemy.orm import Session

from .orm import (
    ApplicationMaterialRow,
    ApplicationRow,
    DecisionRow,
    EvidenceRow,
    FileJournalRow,
    PractitionerRow,
    now,
)

if TYPE_CHECKING:
    from .database import Database

EVIDENCE = "evidence"
PHOTOS = "photos"


def referenced_names(session: Session, names: Iterable[str]) -> set[str]:
    """Which of `names` an evidence row, an application material, a form file or a
    decision's certificate refers to."""
    candidates = set(names) - {""}
    if not candidates:
        return set()
    return set(
        session.scalars(
            union(
                select(EvidenceRow.stored_name).where(EvidenceRow.stored_name.in_(candidates)),
                select(ApplicationMaterialRow.stored_name).where(
                    ApplicationMaterialRow.stored_name.in_(candidates)
                ),
                select(ApplicationRow.form_file).where(ApplicationRow.form_file.in_(candidates)),
                select(DecisionRow.certificate_file).where(
                    DecisionRow.certificate_file.in_(candidates)
                ),
            )
        )
    )


def unreferenced(session: Session, names: Iterable[str]) -> list[str]:
    """Which of `names` nothing refers to any more (sorted), to remove after commit.

    They are journaled in this same transaction: if the process dies after the commit and
    before the files are removed, the next start's sweep knows they are garbage."""
    candidates = set(names) - {""}
    result = sorted(candidates - referenced_names(session, candidates))
    note_dropped(session, EVIDENCE, result)
    return result


def names_in_use(session: Session) -> set[str]:
    """Every stored name something refers to (for sweeping the evidence store)."""
    return set(
        session.scalars(
            union(
                select(EvidenceRow.stored_name),
                select(ApplicationMaterialRow.stored_name),
                select(ApplicationRow.form_file).where(ApplicationRow.form_file != ""),
                select(DecisionRow.certificate_file).where(DecisionRow.certificate_file != ""),
            )
        )
    )


def photo_names_in_use(session: Session) -> set[str]:
    """Every stored photo name a profile refers to (for sweeping the photo store)."""
    names = session.scalars(select(PractitionerRow.photo_file).distinct())
    return {name for name in names if name}


# -- the journal ---------------------------------------------------------------------------


def note_dropped(session: Session, store: str, names: Iterable[str]) -> None:
    """Journal `names` of `store` in the caller's transaction (a reference to them is being
    dropped, or they are about to be written). Already journaled names stay as they are."""
    rows = [
        {"store": store, "stored_name": name, "noted_at": now()}
        for name in sorted(set(names) - {""})
    ]
    if rows:
        session.execute(insert(FileJournalRow).on_conflict_do_nothing(), rows)


def journaled(session: Session) -> dict[str, set[str]]:
    """The journal: store → names."""
    result: dict[str, set[str]] = {EVIDENCE: set(), PHOTOS: set()}
    for store, name in session.execute(select(FileJournalRow.store, FileJournalRow.stored_name)):
        result.setdefault(store, set()).add(name)
    return result


def clear_journal(session: Session) -> None:
    session.execute(delete(FileJournalRow))


class FileJournal:
    """What a file store calls before renaming a new file into place: the name is
    journaled and committed first, in a short transaction of its own (or, when the caller
    passes the session it is already writing in, in that transaction: a second connection
    writing while this thread holds the write lock would wait for itself)."""

    def __init__(self, database: Database, store: str) -> None:
        self._database = database
        self.store = store

    def __call__(self, name: str, session: Session | None = None) -> None:
        if session is not None:
            note_dropped(session, self.store, [name])
            session.flush()
            return
        with self._database.session() as own:
            note_dropped(own, self.store, [name])
