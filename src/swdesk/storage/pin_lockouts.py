"""Wrong PINs in a row per profile, and until when PIN entry is refused.

Storage only keeps the two numbers; how many tries and how long a lockout lasts is decided
by `services.protection`. Times are naive UTC.
"""

from __future__ import annotations

from datetime import datetime
from typing import NamedTuple

from sqlalchemy.orm import Session

from .orm import PinLockoutRow

__all__ = ["PinLockout", "PinLockoutRepository"]


class PinLockout(NamedTuple):
    failures: int  # wrong PINs since the last right one or the last lockout
    locked_until: datetime | None  # naive UTC; None when not locked


class PinLockoutRepository:
    def __init__(self, session: Session) -> None:
        self._session = session

    def get(self, practitioner_id: int) -> PinLockout:
        row = self._session.get(PinLockoutRow, practitioner_id)
        return PinLockout(0, None) if row is None else PinLockout(row.failures, row.locked_until)

    def put(self, practitioner_id: int, lockout: PinLockout) -> None:
        row = self._session.get(PinLockoutRow, practitioner_id)
        if row is None:
            row = PinLockoutRow(practitioner_id=practitioner_id)
            self._session.add(row)
        row.failures, row.locked_until = lockout.failures, lockout.locked_until

    def clear(self, practitioner_id: int) -> None:
        row = self._session.get(PinLockoutRow, practitioner_id)
        if row is not None:
            self._session.delete(row)
