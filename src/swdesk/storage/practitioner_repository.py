"""The practitioner's profile: the practitioner row with its sealed columns (ID number and
birth date of a PIN-protected profile), certificates and registration periods, the PIN
hash and wrapped key, and which stored files a profile refers to. Never commits: the
caller's `Database.session()` block is the transaction."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from typing import Any, TypeVar

from sqlalchemy import delete, select, union, update
from sqlalchemy.orm import Session

from swdesk.database.errors import RecordNotFound
from swdesk.domain.identity import mask_id_number
from swdesk.domain.models import (
    Certificate,
    Practitioner,
    PractitionerRecord,
    ProfileSummary,
    RegistrationPeriod,
)

from .attendance_record_repository import reseal_records
from .orm import (
    ActivityRow,
    ApplicationMaterialRow,
    ApplicationRow,
    CertificateRow,
    DecisionRow,
    EvidenceRow,
    PractitionerRow,
    RegistrationRow,
    now,
)
from .references import unreferenced
from .sealing import Keyring, ProfileKey
from .values import require_id

_Child = TypeVar("_Child", CertificateRow, RegistrationRow)

# --- practitioners -----------------------------------------------------------------------

_PRACTITIONER_FIELDS = (
    "name",
    "gender",
    "birth_date",
    "id_number",
    "phone",
    "employer",
    "employer_credit_code",
    "post",
    "years_in_social_work",
    "county",
    "photo_file",
    "rulepack_id",
)


def _practitioner_values(p: Practitioner) -> dict[str, Any]:
    return {name: getattr(p, name) for name in _PRACTITIONER_FIELDS}


_SEALED_FIELDS = ("id_number", "birth_date")


def _seal_context(pid: int) -> bytes:
    return f"swdesk practitioner {pid}".encode()


def _practitioner(row: PractitionerRow, keyring: Keyring) -> Practitioner:
    values = {name: getattr(row, name) for name in _PRACTITIONER_FIELDS}
    if row.sealed is not None:
        opened = json.loads(keyring.require(row.id).open(row.sealed, _seal_context(row.id)))
        values["id_number"] = opened["id_number"]
        values["birth_date"] = date.fromisoformat(opened["birth_date"])
    return Practitioner(id=row.id, **values)


def _seal_row(row: PractitionerRow, key: ProfileKey, id_number: str, birth_date: date) -> None:
    """Put the ID number and birth date into `row.sealed`; the clear columns are emptied."""
    payload = json.dumps({"id_number": id_number, "birth_date": birth_date.isoformat()})
    row.sealed = key.seal(payload.encode(), _seal_context(row.id))
    row.id_number, row.birth_date = "", None


def _certificate(row: CertificateRow) -> Certificate:
    return Certificate(level=row.level, number=row.number, obtained_on=row.obtained_on, id=row.id)


def _certificate_row(c: Certificate) -> CertificateRow:
    return CertificateRow(level=c.level, number=c.number, obtained_on=c.obtained_on)


def _registration(row: RegistrationRow) -> RegistrationPeriod:
    return RegistrationPeriod(
        kind=row.kind,
        valid_from=row.valid_from,
        valid_to=row.valid_to,
        note=row.note,
        number=row.number,
        id=row.id,
    )


def _registration_row(r: RegistrationPeriod) -> RegistrationRow:
    return RegistrationRow(
        kind=r.kind, valid_from=r.valid_from, valid_to=r.valid_to, note=r.note, number=r.number
    )


class PractitionerRepository:
    """Practitioner profiles with their certificates and registration periods."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.keyring: Keyring = session.info.get("keyring") or Keyring()

    def _row(self, pid: int) -> PractitionerRow:
        row = self.session.get(PractitionerRow, pid)
        if row is None:
            raise RecordNotFound("practitioners", pid)
        return row

    def list_summaries(self) -> list[ProfileSummary]:
        """Every profile for the switcher, most recently opened first; ID numbers masked."""
        p = PractitionerRow
        rows = self.session.execute(
            select(
                p.id,
                p.name,
                p.id_number,
                p.county,
                p.pin_hash,
                p.wrapped_key,
                p.last_opened_at,
            ).order_by(p.last_opened_at.desc().nulls_last(), p.name, p.id)
        )
        return [
            ProfileSummary(
                id=pid,
                name=name,
                masked_id_number=mask_id_number(id_number),
                county=county,
                has_pin=pin_hash is not None or wrapped is not None,
                last_opened=last_opened,
                sealed=wrapped is not None,
            )
            for pid, name, id_number, county, pin_hash, wrapped, last_opened in rows
        ]

    def get_record(self, pid: int) -> PractitionerRecord:
        row = self._row(pid)
        return PractitionerRecord(
            practitioner=_practitioner(row, self.keyring),
            certificates=[_certificate(c) for c in row.certificates],
            registrations=[_registration(r) for r in row.registrations],
        )

    def add_record(self, record: PractitionerRecord) -> int:
        """Insert a practitioner with its certificates and registrations; returns its id."""
        row = PractitionerRow(
            **_practitioner_values(record.practitioner),
            certificates=[_certificate_row(c) for c in record.certificates],
            registrations=[_registration_row(r) for r in record.registrations],
        )
        self.session.add(row)
        self.session.flush()
        return row.id

    def update_record(self, record: PractitionerRecord) -> None:
        """Save an edited record whole: entries with an id are updated, entries without
        one are added, and stored entries missing from the record are deleted."""
        pid = require_id(record.practitioner.id, "practitioner")
        self.update_practitioner(record.practitioner)
        row = self._row(pid)
        _sync(row.certificates, record.certificates, _certificate_row, "certificates")
        _sync(row.registrations, record.registrations, _registration_row, "registration_periods")
        self.session.flush()

    def update_practitioner(self, p: Practitioner) -> None:
        """Save the personal data; a protected profile's ID number and birth date are
        sealed with its key (ProfileLocked when the key is not in the keyring)."""
        row = self._row(require_id(p.id, "practitioner"))
        key = self.keyring.require(row.id) if row.wrapped_key is not None else None
        for name, value in _practitioner_values(p).items():
            setattr(row, name, value)
        if key is not None:
            _seal_row(row, key, p.id_number, p.birth_date)
        self.session.flush()

    def add_certificate(self, pid: int, certificate: Certificate) -> int:
        row = _certificate_row(certificate)
        parent = self._row(pid)
        parent.certificates.append(row)  # keeps an already loaded collection current
        self.session.flush()
        return row.id

    def add_registration(self, pid: int, registration: RegistrationPeriod) -> int:
        row = _registration_row(registration)
        parent = self._row(pid)
        parent.registrations.append(row)  # keeps an already loaded collection current
        self.session.flush()
        return row.id

    def save_certificate(self, pid: int, certificate: Certificate) -> int:
        """Add the certificate (no id) or update the stored one with its id; returns the id."""
        if certificate.id is None:
            return self.add_certificate(pid, certificate)
        row = self._child(CertificateRow, certificate.id, pid)
        row.level, row.number = certificate.level, certificate.number
        row.obtained_on = certificate.obtained_on
        self.session.flush()
        return row.id

    def save_registration(self, pid: int, registration: RegistrationPeriod) -> int:
        """Add the period (no id) or update the stored one with its id; returns the id."""
        if registration.id is None:
            return self.add_registration(pid, registration)
        row = self._child(RegistrationRow, registration.id, pid)
        row.kind, row.note = registration.kind, registration.note
        row.number = registration.number
        row.valid_from, row.valid_to = registration.valid_from, registration.valid_to
        self.session.flush()
        return row.id

    def _child(self, model: type[_Child], row_id: int, pid: int) -> _Child:
        row = self.session.get(model, row_id)
        if row is None or row.practitioner_id != pid:
            raise RecordNotFound(model.__tablename__, row_id)
        return row

    def get_pin_hash(self, pid: int) -> str | None:
        return self._row(pid).pin_hash

    def set_pin_hash(self, pid: int, pin_hash: str | None) -> None:
        self._update(pid, pin_hash=pin_hash)

    def get_wrapped_key(self, pid: int) -> str | None:
        """The data key wrapped under the PIN; None for a profile that is not sealed."""
        return self._row(pid).wrapped_key

    def set_wrapped_key(self, pid: int, wrapped_key: str) -> None:
        """A new PIN for a sealed profile: the same data key, wrapped again."""
        self._update(pid, wrapped_key=wrapped_key, pin_hash=None)

    def seal(self, pid: int, key: ProfileKey, wrapped_key: str) -> None:
        """Protect the profile: ID number, birth date and attendance records sealed with
        `key`, which is stored wrapped under the PIN (the old PIN hash goes: the wrapped key
        checks the PIN)."""
        row = self._row(pid)
        practitioner = _practitioner(row, self.keyring)
        _seal_row(row, key, practitioner.id_number, practitioner.birth_date)
        row.wrapped_key, row.pin_hash = wrapped_key, None
        reseal_records(self.session, pid, None, key)
        self.session.flush()

    def unseal(self, pid: int) -> None:
        """Remove the protection: ID number, birth date and attendance records in clear."""
        row = self._row(pid)
        practitioner = _practitioner(row, self.keyring)
        row.id_number, row.birth_date = practitioner.id_number, practitioner.birth_date
        reseal_records(self.session, pid, self.keyring.require(pid), None)
        row.sealed = row.wrapped_key = row.pin_hash = None
        self.session.flush()

    def evidence_names(self, pid: int) -> set[str]:
        """Every evidence-store name the profile refers to: activity evidence, application
        materials, forms and decision certificates (the photo is in the photo store)."""
        self._row(pid)
        material, application = ApplicationMaterialRow, ApplicationRow
        names = set(
            self.session.scalars(
                union(
                    select(EvidenceRow.stored_name)
                    .join(ActivityRow, EvidenceRow.activity_id == ActivityRow.id)
                    .where(ActivityRow.practitioner_id == pid),
                    select(material.stored_name)
                    .join(application, material.application_id == application.id)
                    .where(application.practitioner_id == pid),
                    select(application.form_file).where(application.practitioner_id == pid),
                    select(DecisionRow.certificate_file)
                    .join(application, DecisionRow.application_id == application.id)
                    .where(application.practitioner_id == pid),
                )
            )
        )
        return {name for name in names if name}

    def set_photo_file(self, pid: int, stored_name: str) -> None:
        """The photo was stored again under a new name (sealed or unsealed): not an edit."""
        self._update(pid, photo_file=stored_name, updated_at=PractitionerRow.updated_at)

    def rename_evidence(self, pid: int, renamed: dict[str, str]) -> None:
        """Point the profile's evidence-store references at the files' new stored names."""
        application_ids = select(ApplicationRow.id).where(ApplicationRow.practitioner_id == pid)
        activity_ids = select(ActivityRow.id).where(ActivityRow.practitioner_id == pid)
        for old, new in renamed.items():
            self.session.execute(
                update(EvidenceRow)
                .where(EvidenceRow.activity_id.in_(activity_ids), EvidenceRow.stored_name == old)
                .values(stored_name=new)
            )
            self.session.execute(
                update(ApplicationMaterialRow)
                .where(
                    ApplicationMaterialRow.application_id.in_(application_ids),
                    ApplicationMaterialRow.stored_name == old,
                )
                .values(stored_name=new)
            )
            self.session.execute(
                update(ApplicationRow)
                .where(ApplicationRow.practitioner_id == pid, ApplicationRow.form_file == old)
                .values(form_file=new, updated_at=ApplicationRow.updated_at)
            )
            self.session.execute(
                update(DecisionRow)
                .where(
                    DecisionRow.application_id.in_(application_ids),
                    DecisionRow.certificate_file == old,
                )
                .values(certificate_file=new)
            )
        self.session.expire_all()

    def touch_opened(self, pid: int) -> None:
        """Record that the profile was opened now (orders the profile switcher); this
        is not an edit, so `updated_at` stays."""
        self._update(pid, last_opened_at=now(), updated_at=PractitionerRow.updated_at)

    def rulepack_ids(self) -> set[str]:
        """The rule packs the profiles use."""
        return set(self.session.scalars(select(PractitionerRow.rulepack_id).distinct()))

    def photo_names(self) -> set[str]:
        """Stored photo names in use (for sweeping the photo folder)."""
        names = self.session.scalars(select(PractitionerRow.photo_file).distinct())
        return {name for name in names if name}

    def delete(self, pid: int) -> list[str]:
        """Delete a practitioner and, by cascade, everything of theirs.

        Returns the evidence-store names (activity evidence, application materials, forms
        and decision certificates) no longer referenced by anyone, to remove from the store
        after commit. (The photo name is in `get_record` before deleting.)
        """
        names = self.evidence_names(pid)
        self.session.execute(delete(PractitionerRow).where(PractitionerRow.id == pid))
        self.session.expunge_all()  # rows removed by ON DELETE CASCADE are stale
        return unreferenced(self.session, names)

    def _update(self, pid: int, **values: Any) -> None:
        result = self.session.execute(
            update(PractitionerRow).where(PractitionerRow.id == pid).values(**values)
        )
        if result.rowcount != 1:  # type: ignore[attr-defined]  # DML: a CursorResult
            raise RecordNotFound("practitioners", pid)


def _sync(rows: list[Any], items: Sequence[Any], make_row: Any, table: str) -> None:
    """Make an ORM collection match `items` (dataclasses with an optional id)."""
    by_id = {row.id: row for row in rows}
    wanted: list[Any] = []
    for item in items:
        if item.id is None:
            wanted.append(make_row(item))
            continue
        row = by_id.get(item.id)
        if row is None:
            raise RecordNotFound(table, item.id)
        fresh = make_row(item)
        for column in row.__table__.columns:
            if column.key not in ("id", "practitioner_id"):
                setattr(row, column.key, getattr(fresh, column.key))
        wanted.append(row)
    rows[:] = wanted  # delete-orphan removes the rest
