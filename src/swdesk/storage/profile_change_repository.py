"""The history of personal-data changes made in the application wizard (phone, employer,
credit code, post), recorded when an export applies them to the profile.

Same rules as `repositories` (re-exported there): domain objects in and out, never ORM rows,
never a commit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from .orm import ProfileChangeRow, now


@dataclass(frozen=True, slots=True)
class ProfileChange:
    """One personal-data field changed in the application wizard (values as text)."""

    field: str
    old_value: str
    new_value: str
    changed_at: datetime
    application_uid: str = ""  # the application whose wizard made the change, if any


class ProfileChangeRepository:
    """The history of personal-data changes made in the application wizard."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def record(
        self,
        pid: int,
        field: str,
        old: str,
        new: str,
        application_uid: str = "",
        *,
        changed_at: datetime | None = None,
    ) -> int:
        """Record that `field` went from `old` to `new` (now, unless `changed_at`); returns
        the change's id."""
        result = self.session.execute(
            insert(ProfileChangeRow).values(
                practitioner_id=pid,
                changed_at=changed_at or now(),
                field=field,
                old_value=old,
                new_value=new,
                application_uid=application_uid,
            )
        )
        return int(result.inserted_primary_key[0])  # type: ignore[attr-defined]  # a CursorResult

    def delete(self, change_ids: list[int]) -> None:
        """Forget these changes (the export that recorded them was undone)."""
        if change_ids:
            self.session.execute(
                delete(ProfileChangeRow).where(ProfileChangeRow.id.in_(change_ids))
            )

    def list_for(self, pid: int) -> list[ProfileChange]:
        """The practitioner's changes, newest first."""
        c = ProfileChangeRow
        rows = self.session.execute(
            select(c.field, c.old_value, c.new_value, c.changed_at, c.application_uid)
            .where(c.practitioner_id == pid)
            .order_by(c.changed_at.desc(), c.id.desc())
        )
        return [
            ProfileChange(
                field=field,
                old_value=old,
                new_value=new,
                changed_at=changed_at,
                application_uid=uid,
            )
            for field, old, new, changed_at, uid in rows
        ]
