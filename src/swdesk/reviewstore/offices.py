"""This office's identity (one row, its private key encrypted) and the trusted offices of
the trust file in force."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict

from sqlalchemy import delete, insert, select, update
from sqlalchemy.orm import Session

from .orm import DEFAULT_RETENTION_DAYS, OfficeRow, TrustedOfficeRow, TrustFileRow
from .records import StoredOffice, StoredTrustFile, TrustedOffice

__all__ = ["OfficeStore"]

_TRUST_FILE_COLUMNS = (
    TrustFileRow.id,
    TrustFileRow.issuer_fingerprint,
    TrustFileRow.issuer_name,
    TrustFileRow.sequence,
    TrustFileRow.issued_at,
    TrustFileRow.digest,
    TrustFileRow.raw,
    TrustFileRow.imported_at,
)
_TRUSTED_COLUMNS = (
    TrustedOfficeRow.fingerprint,
    TrustedOfficeRow.name,
    TrustedOfficeRow.region,
    TrustedOfficeRow.level,
    TrustedOfficeRow.public_key,
)


class OfficeStore:
    """Reads and writes `office`, `trust_files` and `trusted_offices`."""

    def __init__(self, session: Session) -> None:
        self.session = session

    def get(self) -> StoredOffice | None:
        row = self.session.get(OfficeRow, 1)
        if row is None:
            return None
        return StoredOffice(
            row.name,
            row.region,
            row.level,
            row.rule_pack_id,
            row.fingerprint,
            bytes(row.public_key),
            bytes(row.encrypted_key),
            row.created_at,
        )

    def create(self, office: StoredOffice) -> None:
        self.session.execute(insert(OfficeRow).values(id=1, **asdict(office)))

    def retention_days(self) -> int:
        """Days after this office's decision an application is deleted (0: never)."""
        value = self.session.execute(
            select(OfficeRow.retention_days).where(OfficeRow.id == 1)
        ).scalar_one_or_none()
        return DEFAULT_RETENTION_DAYS if value is None else int(value)

    def set_retention_days(self, days: int) -> None:
        self.session.execute(update(OfficeRow).where(OfficeRow.id == 1).values(retention_days=days))

    def current_trust_digest(self) -> str | None:
        """The SHA-256 of the trust file in force (None: none), without reading the file."""
        return self.session.execute(
            select(TrustFileRow.digest).order_by(TrustFileRow.id.desc()).limit(1)
        ).scalar_one_or_none()

    def current_trust(self) -> StoredTrustFile | None:
        """The trust file in force: the newest one imported."""
        row = self.session.execute(
            select(*_TRUST_FILE_COLUMNS).order_by(TrustFileRow.id.desc()).limit(1)
        ).first()
        return StoredTrustFile(*row) if row else None

    def set_trust(self, trust_file: StoredTrustFile, offices: Sequence[TrustedOffice]) -> int:
        """Put a new trust file in force: it replaces the list of trusted offices."""
        values = asdict(trust_file)
        values.pop("id")
        file_id = int(
            self.session.execute(
                insert(TrustFileRow).values(**values).returning(TrustFileRow.id)
            ).scalar_one()
        )
        self.session.execute(delete(TrustedOfficeRow))
        if offices:
            self.session.execute(
                insert(TrustedOfficeRow),
                [{"trust_file_id": file_id, **asdict(office)} for office in offices],
            )
        return file_id

    def trusted_offices(self) -> list[TrustedOffice]:
        rows = self.session.execute(
            select(*_TRUSTED_COLUMNS).order_by(TrustedOfficeRow.level, TrustedOfficeRow.name)
        )
        return [TrustedOffice(f, n, r, lv, bytes(k)) for f, n, r, lv, k in rows]
