"""The people of an office (`staff`) and the decisions of reviewers waiting for a head's
signature (`pending_decisions`). A staff row is disabled, never deleted: the audit log and
the decisions keep naming the person."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from swdesk.core.strict_json import canonical_text

from .orm import PendingDecisionRow, StaffRow
from .vocabulary import DecisionOutcome, ReviewStage

__all__ = ["PendingStore", "StaffStore", "StoredPending", "StoredStaff"]


@dataclass(frozen=True, slots=True)
class StoredStaff:
    id: int
    username: str
    display_name: str
    role: str  # "head" | "reviewer"
    password_hash: str
    encrypted_key: bytes | None  # a head's copy of the office key (their password)
    created_at: datetime
    disabled_at: datetime | None

    @property
    def active(self) -> bool:
        return self.disabled_at is None


_STAFF_COLUMNS = (
    StaffRow.id,
    StaffRow.username,
    StaffRow.display_name,
    StaffRow.role,
    StaffRow.password_hash,
    StaffRow.encrypted_key,
    StaffRow.created_at,
    StaffRow.disabled_at,
)


def _staff(row: Any) -> StoredStaff:
    values = list(row)
    if values[5] is not None:
        values[5] = bytes(values[5])
    return StoredStaff(*values)


class StaffStore:
    """Reads and writes `staff`."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def all(self) -> list[StoredStaff]:
        rows = self.session.execute(select(*_STAFF_COLUMNS).order_by(StaffRow.id))
        return [_staff(row) for row in rows]

    def count(self) -> int:
        return int(self.session.execute(select(func.count()).select_from(StaffRow)).scalar_one())

    def by_username(self, username: str) -> StoredStaff | None:
        row = self.session.execute(
            select(*_STAFF_COLUMNS).where(StaffRow.username == username)
        ).first()
        return None if row is None else _staff(row)

    def first_head(self) -> StoredStaff | None:
        """The active head set up first (who a sign-in with the office password is)."""
        row = self.session.execute(
            select(*_STAFF_COLUMNS)
            .where(StaffRow.role == "head", StaffRow.disabled_at.is_(None))
            .order_by(StaffRow.id)
            .limit(1)
        ).first()
        return None if row is None else _staff(row)

    def active_heads(self) -> int:
        return int(
            self.session.execute(
                select(func.count())
                .select_from(StaffRow)
                .where(StaffRow.role == "head", StaffRow.disabled_at.is_(None))
            ).scalar_one()
        )

    def add(
        self,
        *,
        username: str,
        display_name: str,
        role: str,
        password_hash: str,
        encrypted_key: bytes | None,
        created_at: datetime,
    ) -> int:
        return int(
            self.session.execute(
                insert(StaffRow)
                .values(
                    username=username,
                    display_name=display_name,
                    role=role,
                    password_hash=password_hash,
                    encrypted_key=encrypted_key,
                    created_at=created_at,
                    disabled_at=None,
                )
                .returning(StaffRow.id)
            ).scalar_one()
        )

    def set_password(self, staff_id: int, password_hash: str, encrypted_key: bytes | None) -> None:
        self.session.execute(
            update(StaffRow)
            .where(StaffRow.id == staff_id)
            .values(password_hash=password_hash, encrypted_key=encrypted_key)
        )

    def disable(self, staff_id: int, at: datetime) -> None:
        self.session.execute(update(StaffRow).where(StaffRow.id == staff_id).values(disabled_at=at))


@dataclass(frozen=True, slots=True)
class StoredPending:
    id: int
    application_id: int
    stage: ReviewStage
    outcome: DecisionOutcome
    reasons: tuple[tuple[str, str], ...]
    late_reason: str
    registration_from: date | None
    registration_to: date | None
    decided_at: datetime
    decided_by: str


_PENDING_COLUMNS = (
    PendingDecisionRow.id,
    PendingDecisionRow.application_id,
    PendingDecisionRow.stage,
    PendingDecisionRow.outcome,
    PendingDecisionRow.reasons,
    PendingDecisionRow.late_reason,
    PendingDecisionRow.registration_from,
    PendingDecisionRow.registration_to,
    PendingDecisionRow.decided_at,
    PendingDecisionRow.decided_by,
)


def _pending(row: Any) -> StoredPending:
    values = list(row)
    values[4] = tuple(tuple(pair) for pair in json.loads(values[4]))
    return StoredPending(*values)


class PendingStore:
    """Reads and writes `pending_decisions` (at most one per application)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def add(
        self,
        *,
        application_id: int,
        stage: ReviewStage,
        outcome: DecisionOutcome,
        reasons: tuple[tuple[str, str], ...],
        late_reason: str,
        registration_from: date | None,
        registration_to: date | None,
        decided_at: datetime,
        decided_by: str,
    ) -> int:
        return int(
            self.session.execute(
                insert(PendingDecisionRow)
                .values(
                    application_id=application_id,
                    stage=stage,
                    outcome=outcome,
                    reasons=canonical_text([list(pair) for pair in reasons]),
                    late_reason=late_reason,
                    registration_from=registration_from,
                    registration_to=registration_to,
                    decided_at=decided_at,
                    decided_by=decided_by,
                )
                .returning(PendingDecisionRow.id)
            ).scalar_one()
        )

    def for_application(self, application_id: int) -> StoredPending | None:
        row = self.session.execute(
            select(*_PENDING_COLUMNS).where(PendingDecisionRow.application_id == application_id)
        ).first()
        return None if row is None else _pending(row)

    def all(self) -> list[StoredPending]:
        """Every decision waiting, oldest first."""
        rows = self.session.execute(
            select(*_PENDING_COLUMNS).order_by(PendingDecisionRow.decided_at, PendingDecisionRow.id)
        )
        return [_pending(row) for row in rows]

    def deciders(self, application_ids: Iterable[int]) -> dict[int, tuple[str, str]]:
        """application id → who decided (user name, and their name: the user name again
        for someone no longer on the staff list), for those of `application_ids` waiting."""
        ids = sorted(set(application_ids))
        found: dict[int, tuple[str, str]] = {}
        for start in range(0, len(ids), 500):
            rows = self.session.execute(
                select(
                    PendingDecisionRow.application_id,
                    PendingDecisionRow.decided_by,
                    StaffRow.display_name,
                )
                .outerjoin(StaffRow, StaffRow.username == PendingDecisionRow.decided_by)
                .where(PendingDecisionRow.application_id.in_(ids[start : start + 500]))
            )
            found.update((int(app_id), (str(by), str(name or by))) for app_id, by, name in rows)
        return found

    def remove(self, pending_id: int) -> None:
        self.session.execute(delete(PendingDecisionRow).where(PendingDecisionRow.id == pending_id))
