"""`inserted_ids` hands back each row's new id in the rows' order, told apart by a column
distinct among the rows, and refuses rows it could not tell apart before inserting any."""

from __future__ import annotations

from datetime import datetime

import pytest
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session

from swdesk.reviewstore.inserts import inserted_ids
from swdesk.reviewstore.orm import FileJournalRow, ReviewBase

AT = datetime(2026, 12, 6, 20, 0)


def _session() -> Session:
    engine = create_engine("sqlite://")
    ReviewBase.metadata.create_all(engine, tables=[FileJournalRow.__table__])
    return Session(engine)


def _row(name: str) -> dict[str, object]:
    return {"action": "place", "name": name, "target": f"{name}.swdapp", "created_at": AT}


def test_each_row_gets_its_own_id_in_the_rows_order() -> None:
    with _session() as session:
        names = ["c", "a", "d", "b"]
        ids = inserted_ids(session, FileJournalRow, [_row(n) for n in names], "name")
        stored = {i: n for i, n in session.execute(select(FileJournalRow.id, FileJournalRow.name))}
        assert [stored[i] for i in ids] == names


def test_rows_sharing_the_key_are_refused_before_any_is_inserted() -> None:
    with _session() as session:
        with pytest.raises(ValueError, match="share a name"):
            inserted_ids(session, FileJournalRow, [_row("a"), _row("b"), _row("a")], "name")
        assert session.execute(select(FileJournalRow.id)).all() == []
