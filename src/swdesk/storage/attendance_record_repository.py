"""Training providers' signed attendance records behind activities, and the providers of
the trust list in force. Never commits: the caller's `Database.session()` block is the
transaction.

A record's bytes bind the practitioner's ID number (by a salted digest), so while the
profile is protected by a PIN they are sealed with its data key like the ID number itself;
`PractitionerRepository.seal`/`unseal` call `reseal_records` in the same transaction.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import delete, exists, insert, select, update
from sqlalchemy.orm import Session

from .orm import (
    ActivityRow,
    AttendanceRecordRow,
    PractitionerRow,
    TrustedProviderRow,
    now,
)
from .sealing import Keyring, ProfileKey

__all__ = [
    "AttendanceRecordRepository",
    "StoredRecord",
    "TrustedProvider",
    "TrustedProviderRepository",
    "reseal_records",
]


@dataclass(frozen=True, slots=True)
class TrustedProvider:
    """A training provider of the trust list in force, as stored."""

    fingerprint: str
    name: str
    credit_code: str
    public_key: bytes
    trust_list_digest: str


@dataclass(frozen=True, slots=True)
class StoredRecord:
    """A record as stored for an activity: its bytes in clear (unsealed here)."""

    activity_id: int
    record_id: str
    digest: str
    provider_fingerprint: str
    provider_name: str
    raw: bytes


def _context(record_id: str) -> bytes:
    return f"swdesk attendance record {record_id}".encode()


class TrustedProviderRepository:
    """The training providers of the one trust list in force (replaced with it)."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def list(self) -> list[TrustedProvider]:
        """Every trusted provider, by fingerprint."""
        p = TrustedProviderRow
        rows = self.session.execute(
            select(
                p.fingerprint, p.name, p.credit_code, p.public_key, p.trust_list_digest
            ).order_by(p.fingerprint)
        )
        return [TrustedProvider(*row) for row in rows]

    def replace_all(self, providers: Sequence[TrustedProvider]) -> None:
        """Forget the providers in force and store `providers` (one trust list's)."""
        self.session.execute(delete(TrustedProviderRow))
        if providers:
            stamp = now()
            self.session.execute(
                insert(TrustedProviderRow),
                [
                    {
                        "fingerprint": p.fingerprint,
                        "name": p.name,
                        "credit_code": p.credit_code,
                        "public_key": p.public_key,
                        "trust_list_digest": p.trust_list_digest,
                        "imported_at": stamp,
                    }
                    for p in providers
                ],
            )


class AttendanceRecordRepository:
    """The signed records behind activities; `keyring` opens a protected profile's."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.keyring: Keyring = session.info.get("keyring") or Keyring()

    def is_known(self, record_id: str) -> bool:
        """Whether a record with this id was already imported (by any profile)."""
        return bool(
            self.session.scalar(select(exists().where(AttendanceRecordRow.record_id == record_id)))
        )

    def add(self, pid: int, activity_id: int, record: StoredRecord) -> None:
        """Store `record` behind the activity; sealed when the profile is protected."""
        raw = record.raw
        if self._is_sealed(pid):
            raw = self.keyring.require(pid).seal(raw, _context(record.record_id))
        self.session.execute(
            insert(AttendanceRecordRow).values(
                activity_id=activity_id,
                record_id=record.record_id,
                digest=record.digest,
                provider_fingerprint=record.provider_fingerprint,
                provider_name=record.provider_name,
                raw=raw,
                imported_at=now(),
            )
        )

    def for_activities(self, pid: int, activity_ids: Iterable[int]) -> dict[int, StoredRecord]:
        """The records behind these activities of profile `pid`, by activity id, their
        bytes in clear (ProfileLocked when the profile is protected and locked)."""
        wanted = set(activity_ids)
        if not wanted:
            return {}
        r = AttendanceRecordRow
        rows = self.session.execute(
            select(
                r.activity_id, r.record_id, r.digest, r.provider_fingerprint, r.provider_name, r.raw
            )
            .join(ActivityRow, r.activity_id == ActivityRow.id)
            .where(ActivityRow.practitioner_id == pid, r.activity_id.in_(wanted))
        ).all()
        key = self.keyring.require(pid) if rows and self._is_sealed(pid) else None
        return {
            row.activity_id: StoredRecord(
                row.activity_id,
                row.record_id,
                row.digest,
                row.provider_fingerprint,
                row.provider_name,
                key.open(row.raw, _context(row.record_id)) if key else row.raw,
            )
            for row in rows
        }

    def _is_sealed(self, pid: int) -> bool:
        return (
            self.session.scalar(
                select(PractitionerRow.sealed.is_not(None)).where(PractitionerRow.id == pid)
            )
            is True
        )


def reseal_records(
    session: Session, pid: int, old: ProfileKey | None, new: ProfileKey | None
) -> None:
    """Rewrite profile `pid`'s record bytes: opened with `old` (None: they are in clear)
    and sealed with `new` (None: stored in clear). Part of protecting or unprotecting."""
    r = AttendanceRecordRow
    rows = session.execute(
        select(r.id, r.record_id, r.raw)
        .join(ActivityRow, r.activity_id == ActivityRow.id)
        .where(ActivityRow.practitioner_id == pid)
    ).all()
    for row_id, record_id, raw in rows:
        clear = old.open(raw, _context(record_id)) if old else raw
        stored = new.seal(clear, _context(record_id)) if new else clear
        session.execute(update(r).where(r.id == row_id).values(raw=stored))
