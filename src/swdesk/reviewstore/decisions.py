"""Signed decisions: those this office issued (with their per-office sequence chain) and
those received from the level below in forward packages.

When an application is deleted (retention, a person's request) its decisions leave only
their chain links in `purged_decisions`: this office's next decision still follows the last
one it signed, and a deleted decision replayed in a forward package is still recognised."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import asdict
from datetime import datetime
from typing import Any

from sqlalchemy import func, insert, select, update
from sqlalchemy.orm import Session

from swdesk.core.strict_json import canonical_text

from .audit import lock_writes
from .orm import ApplicationRow, DecisionRow, PurgedDecisionRow
from .records import NewDecision, StoredDecision

__all__ = ["DecisionStore"]

_COLUMNS = (
    DecisionRow.id,
    DecisionRow.application_id,
    DecisionRow.issued_here,
    DecisionRow.stage,
    DecisionRow.outcome,
    DecisionRow.reasons,
    DecisionRow.late_reason,
    DecisionRow.registration_from,
    DecisionRow.registration_to,
    DecisionRow.decided_at,
    DecisionRow.sequence,
    DecisionRow.previous_hash,
    DecisionRow.digest,
    DecisionRow.office_fingerprint,
    DecisionRow.office_name,
    DecisionRow.office_level,
    DecisionRow.exported_at,
    DecisionRow.decided_by,
    DecisionRow.signed_by,
)


def _record(row: tuple[Any, ...]) -> StoredDecision:
    values = list(row)
    values[5] = tuple(tuple(pair) for pair in json.loads(values[5]))
    return StoredDecision(*values)


class DecisionStore:
    """Reads and writes `decisions`."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def add(self, new: NewDecision) -> int:
        lock_writes(self.session)
        values = asdict(new)
        values["reasons"] = canonical_text([list(pair) for pair in new.reasons])
        return int(
            self.session.execute(
                insert(DecisionRow).values(**values).returning(DecisionRow.id)
            ).scalar_one()
        )

    def last_issued(self, office_fingerprint: str) -> tuple[int, str] | None:
        """(sequence, digest) of the last decision `office_fingerprint` issued here, its
        application deleted since or not. Read under the office's write lock (held until
        the transaction ends), so two clients deciding at once never take the same next
        sequence: the second reads the first one's decision once it has committed."""
        lock_writes(self.session)
        found: list[tuple[int, str]] = []
        for table in (DecisionRow, PurgedDecisionRow):
            row = self.session.execute(
                select(table.sequence, table.digest)
                .where(table.issued_here.is_(True), table.office_fingerprint == office_fingerprint)
                .order_by(table.sequence.desc())
                .limit(1)
            ).first()
            if row:
                found.append((int(row[0]), str(row[1])))
        return max(found) if found else None

    def seen(self, digest: str, office_fingerprint: str, sequence: int) -> bool:
        """Whether this decision file, or another one with the same office and sequence, was
        stored here (its application deleted since or not)."""
        for table in (DecisionRow, PurgedDecisionRow):
            row = self.session.execute(
                select(table.id)
                .where(
                    (table.digest == digest)
                    | (
                        (table.office_fingerprint == office_fingerprint)
                        & (table.sequence == sequence)
                    )
                )
                .limit(1)
            ).first()
            if row:
                return True
        return False

    def keep_chain_links(self, app_ids: Iterable[int], purged_at: datetime) -> int:
        """Copy the chain links of the decisions about `app_ids` (at most 500) into
        `purged_decisions`, before the applications and their decisions are deleted;
        returns how many."""
        rows = self.session.execute(
            select(
                DecisionRow.office_fingerprint,
                DecisionRow.sequence,
                DecisionRow.previous_hash,
                DecisionRow.digest,
                DecisionRow.issued_here,
                DecisionRow.stage,
                DecisionRow.outcome,
                DecisionRow.decided_at,
            ).where(DecisionRow.application_id.in_(sorted(set(app_ids))))
        ).all()
        if rows:
            self.session.execute(
                insert(PurgedDecisionRow),
                [
                    {
                        "office_fingerprint": fingerprint,
                        "sequence": sequence,
                        "previous_hash": previous_hash,
                        "digest": digest,
                        "issued_here": issued_here,
                        "stage": stage,
                        "outcome": outcome,
                        "decided_at": decided_at,
                        "purged_at": purged_at,
                    }
                    for (
                        fingerprint,
                        sequence,
                        previous_hash,
                        digest,
                        issued_here,
                        stage,
                        outcome,
                        decided_at,
                    ) in rows
                ],
            )
        return len(rows)

    def for_application(self, app_id: int) -> list[StoredDecision]:
        """Every decision about one application, oldest first."""
        rows = self.session.execute(
            select(*_COLUMNS)
            .where(DecisionRow.application_id == app_id)
            .order_by(DecisionRow.decided_at, DecisionRow.id)
        )
        return [_record(tuple(row)) for row in rows]

    def for_applications(self, app_ids: Iterable[int]) -> dict[int, list[StoredDecision]]:
        ids = sorted(set(app_ids))
        result: dict[int, list[StoredDecision]] = {i: [] for i in ids}
        for start in range(0, len(ids), 500):
            rows = self.session.execute(
                select(*_COLUMNS)
                .where(DecisionRow.application_id.in_(ids[start : start + 500]))
                .order_by(DecisionRow.decided_at, DecisionRow.id)
            )
            for row in rows:
                decision = _record(tuple(row))
                result[decision.application_id].append(decision)
        return result

    def raw(self, decision_id: int) -> bytes:
        return bytes(
            self.session.execute(
                select(DecisionRow.raw).where(DecisionRow.id == decision_id)
            ).scalar_one()
        )

    def latest_issued(
        self, app_ids: Iterable[int] | None = None, *, unexported_only: bool = False
    ) -> list[StoredDecision]:
        """For each application: the newest decision issued here (by sequence). With
        `unexported_only`, only applications whose newest decision is not exported yet."""
        newest = (
            select(DecisionRow.application_id, func.max(DecisionRow.sequence).label("s"))
            .where(DecisionRow.issued_here.is_(True))
            .group_by(DecisionRow.application_id)
            .subquery()
        )
        statement = (
            select(*_COLUMNS)
            .join(
                newest,
                (newest.c.application_id == DecisionRow.application_id)
                & (newest.c.s == DecisionRow.sequence),
            )
            .where(DecisionRow.issued_here.is_(True))
        )
        if unexported_only:
            statement = statement.where(DecisionRow.exported_at.is_(None))
        ids = None if app_ids is None else sorted(set(app_ids))
        if ids is not None:
            statement = statement.where(DecisionRow.application_id.in_(ids))
        rows = self.session.execute(statement.order_by(DecisionRow.sequence))
        return [_record(tuple(row)) for row in rows]

    def mark_exported(self, app_id: int, at: datetime) -> None:
        """Every decision issued here about `app_id` that was not exported yet; the
        application's row version rises (exported, it is on its way to retention's purge)."""
        lock_writes(self.session)
        result = self.session.execute(
            update(DecisionRow)
            .where(
                DecisionRow.application_id == app_id,
                DecisionRow.issued_here.is_(True),
                DecisionRow.exported_at.is_(None),
            )
            .values(exported_at=at)
        )
        if getattr(result, "rowcount", 0):
            self.session.execute(
                update(ApplicationRow)
                .where(ApplicationRow.id == app_id)
                .values(row_version=ApplicationRow.row_version + 1)
            )
