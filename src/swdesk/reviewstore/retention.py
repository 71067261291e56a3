"""What retention and deletion on request need from the imported applications (never
commits: the caller's `Database.session()` block is the transaction): which applications
have expired, which belong to one person, and deleting applications with their rows."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime

from sqlalchemy import delete, exists, select, update
from sqlalchemy.orm import Session

from .applications import NEXT_ROW_VERSION
from .audit import lock_writes
from .orm import (
    ApplicationDataRow,
    ApplicationRow,
    CheckResultRow,
    DecisionRow,
    MemberRow,
    ProviderRecordRow,
)
from .vocabulary import ReviewState

__all__ = ["RetentionStore"]

DECIDED_STATES = tuple(state for state in ReviewState if state.decided)
_CHILD_TABLES = (ApplicationDataRow, MemberRow, CheckResultRow, ProviderRecordRow, DecisionRow)


class RetentionStore:
    """Finds the applications to delete and deletes them, with everything they own."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def expired_ids(self, decided_before: datetime) -> list[int]:
        """Applications this office decided before `decided_before` whose decisions issued
        here are all exported, with the superseded (never decided) earlier versions of
        their uids; in id order."""
        unexported = exists().where(
            DecisionRow.application_id == ApplicationRow.id,
            DecisionRow.issued_here.is_(True),
            DecisionRow.exported_at.is_(None),
        )
        decided = self.session.execute(
            select(ApplicationRow.id, ApplicationRow.uid, ApplicationRow.version).where(
                ApplicationRow.state.in_(DECIDED_STATES),
                ApplicationRow.decided_at < decided_before,
                ~unexported,
            )
        ).all()
        found = {int(row[0]) for row in decided}
        newest: dict[str, int] = {}
        for _, uid, version in decided:
            newest[uid] = max(version, newest.get(uid, 0))
        uids = sorted(newest)
        for start in range(0, len(uids), 500):
            rows = self.session.execute(
                select(ApplicationRow.id, ApplicationRow.uid, ApplicationRow.version).where(
                    ApplicationRow.state == ReviewState.SUPERSEDED,
                    ApplicationRow.uid.in_(uids[start : start + 500]),
                )
            )
            found.update(int(i) for i, uid, version in rows if version < newest[uid])
        return sorted(found)

    def ids_of_person(self, id_numbers: Iterable[str]) -> list[int]:
        """Every application whose ID number is one of `id_numbers` (exact match)."""
        numbers = sorted(set(id_numbers))
        if not numbers:
            return []
        return list(
            self.session.execute(
                select(ApplicationRow.id)
                .where(ApplicationRow.id_number.in_(numbers))
                .order_by(ApplicationRow.id)
            ).scalars()
        )

    def ids_of_uid(self, uid: str) -> list[int]:
        return list(
            self.session.execute(
                select(ApplicationRow.id)
                .where(ApplicationRow.uid == uid)
                .order_by(ApplicationRow.id)
            ).scalars()
        )

    def id_numbers(self, app_ids: Iterable[int]) -> set[str]:
        ids = sorted(set(app_ids))
        found: set[str] = set()
        for start in range(0, len(ids), 500):
            found.update(
                self.session.execute(
                    select(ApplicationRow.id_number).where(
                        ApplicationRow.id.in_(ids[start : start + 500])
                    )
                ).scalars()
            )
        return found

    def delete(self, app_ids: Sequence[int]) -> None:
        """Delete applications with their application.json, members, checks and decisions
        (keep the decisions' chain links first: `DecisionStore.keep_chain_links`). Later
        versions and resubmissions that pointed at one keep its uid, no longer its row id.
        At most 500 ids (one IN list)."""
        ids = sorted(set(app_ids))
        if len(ids) > 500:
            raise ValueError("delete at most 500 applications at a time")
        if not ids:
            return
        lock_writes(self.session)
        self.session.execute(
            update(ApplicationRow)
            .where(ApplicationRow.previous_id.in_(ids))
            .values(previous_id=None, row_version=NEXT_ROW_VERSION)
        )
        self.session.execute(
            update(ApplicationRow)
            .where(ApplicationRow.resubmission_of_id.in_(ids))
            .values(resubmission_of_id=None, row_version=NEXT_ROW_VERSION)
        )
        for table in _CHILD_TABLES:
            self.session.execute(delete(table).where(table.application_id.in_(ids)))
        self.session.execute(delete(ApplicationRow).where(ApplicationRow.id.in_(ids)))
