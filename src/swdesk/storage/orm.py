"""Typed SQLAlchemy ORM rows: the database schema, mapped once.

Only `swdesk.storage` imports these classes; everything above it sees domain dataclasses.
Enums are stored as their string values (VARCHAR + CHECK), dates as DATE, hours as
tenths of an hour in an INTEGER. Constraint names follow `NAMING_CONVENTION` so that
Alembic batch migrations on SQLite can find them again.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Enum,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

from swdesk.domain.application import ApplicationKind, ApplicationState, MaterialRole
from swdesk.domain.decision import DecisionOutcome, DecisionStage
from swdesk.domain.enums import (
    ActivityType,
    CertificateLevel,
    ContentArea,
    Gender,
    RegistrationKind,
)

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

ENUM_LENGTH = 32


def now() -> datetime:
    """Local wall-clock time without tz, to the second (what the UI shows)."""
    return datetime.now().replace(microsecond=0)


def _enum(enum_class: type[StrEnum], name: str) -> Enum:
    """A VARCHAR holding the enum's values, guarded by a CHECK named ck_<table>_<name>."""
    return Enum(
        enum_class,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=ENUM_LENGTH,
        values_callable=lambda cls: [member.value for member in cls],
        validate_strings=True,
    )


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class PractitionerRow(Base):
    __tablename__ = "practitioners"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    gender: Mapped[Gender] = mapped_column(_enum(Gender, "gender"))
    birth_date: Mapped[date | None] = mapped_column(Date)  # NULL while sealed
    id_number: Mapped[str] = mapped_column(String(32))  # "" while sealed
    phone: Mapped[str] = mapped_column(String(32))
    employer: Mapped[str] = mapped_column(String(200))
    employer_credit_code: Mapped[str] = mapped_column(String(32), default="")
    post: Mapped[str] = mapped_column(String(100))
    years_in_social_work: Mapped[int] = mapped_column(Integer)
    county: Mapped[str] = mapped_column(String(16))
    photo_file: Mapped[str] = mapped_column(String(128), default="")
    rulepack_id: Mapped[str] = mapped_column(String(64))
    pin_hash: Mapped[str | None] = mapped_column(String(256))
    # A protected profile: its data key wrapped under the PIN, and its ID number and birth
    # date sealed with that key (see storage/sealing.py).
    wrapped_key: Mapped[str | None] = mapped_column(String(256))
    sealed: Mapped[bytes | None] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=now)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=now, onupdate=now)
    last_opened_at: Mapped[datetime | None] = mapped_column(DateTime)

    certificates: Mapped[list[CertificateRow]] = relationship(
        back_populates="practitioner",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="(CertificateRow.obtained_on, CertificateRow.id)",
    )
    registrations: Mapped[list[RegistrationRow]] = relationship(
        back_populates="practitioner",
        cascade="all, delete-orphan",
        passive_deletes=True,
        order_by="(RegistrationRow.valid_from, RegistrationRow.id)",
    )


class CertificateRow(Base):
    __tablename__ = "certificates"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    practitioner_id: Mapped[int] = mapped_column(
        ForeignKey("practitioners.id", ondelete="CASCADE"), index=True
    )
    level: Mapped[CertificateLevel] = mapped_column(_enum(CertificateLevel, "level"))
    number: Mapped[str] = mapped_column(String(64))
    obtained_on: Mapped[date] = mapped_column(Date)

    practitioner: Mapped[PractitionerRow] = relationship(back_populates="certificates")


class RegistrationRow(Base):
    __tablename__ = "registration_periods"
    __table_args__ = (CheckConstraint("valid_to >= valid_from", name="period_order"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    practitioner_id: Mapped[int] = mapped_column(
        ForeignKey("practitioners.id", ondelete="CASCADE"), index=True
    )
    kind: Mapped[RegistrationKind] = mapped_column(_enum(RegistrationKind, "kind"))
    valid_from: Mapped[date] = mapped_column(Date)
    valid_to: Mapped[date] = mapped_column(Date)
    note: Mapped[str] = mapped_column(Text, default="")
    number: Mapped[str] = mapped_column(String(64), default="", server_default="")

    practitioner: Mapped[PractitionerRow] = relationship(back_populates="registrations")


class ActivityRow(Base):
    __tablename__ = "activities"
    __table_args__ = (
        CheckConstraint("end_date >= start_date", name="date_order"),
        CheckConstraint("hours_tenths >= 0", name="hours_not_negative"),
        Index(None, "practitioner_id", "end_date"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    practitioner_id: Mapped[int] = mapped_column(ForeignKey("practitioners.id", ondelete="CASCADE"))
    title: Mapped[str] = mapped_column(String(200))
    organiser: Mapped[str] = mapped_column(String(200))
    activity_type: Mapped[ActivityType] = mapped_column(_enum(ActivityType, "activity_type"))
    content_area: Mapped[ContentArea] = mapped_column(_enum(ContentArea, "content_area"))
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)
    hours_tenths: Mapped[int] = mapped_column(Integer)
    reflection_learnt: Mapped[str] = mapped_column(Text, default="")
    reflection_change: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(DateTime, default=now)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=now, onupdate=now)


class EvidenceRow(Base):
    """One attachment of one activity. The same stored file may back several activities
    (files are named by content hash), so `stored_name` is unique per activity only."""

    __tablename__ = "evidence_files"
    __table_args__ = (UniqueConstraint("activity_id", "stored_name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    activity_id: Mapped[int] = mapped_column(ForeignKey("activities.id", ondelete="CASCADE"))
    original_name: Mapped[str] = mapped_column(String(255))
    stored_name: Mapped[str] = mapped_column(String(128), index=True)
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    media_type: Mapped[str] = mapped_column(String(64))
    added_at: Mapped[datetime] = mapped_column(DateTime, default=now)


class ApplicationRow(Base):
    """One version of a (re-)registration application. Versions of one application share
    `uid`; a resubmission after a rejection points at the rejected row through `parent_id`.
    `form_file` (the last generated form PDF) and the materials' `stored_name`s live in the
    evidence store, next to the activities' evidence."""

    __tablename__ = "applications"
    __table_args__ = (UniqueConstraint("uid", "version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    practitioner_id: Mapped[int] = mapped_column(
        ForeignKey("practitioners.id", ondelete="CASCADE"), index=True
    )
    uid: Mapped[str] = mapped_column(String(36))
    version: Mapped[int] = mapped_column(Integer)
    kind: Mapped[ApplicationKind] = mapped_column(_enum(ApplicationKind, "kind"))
    state: Mapped[ApplicationState] = mapped_column(_enum(ApplicationState, "state"))
    phone: Mapped[str] = mapped_column(String(32))
    employer: Mapped[str] = mapped_column(String(200))
    employer_credit_code: Mapped[str] = mapped_column(String(32))
    post: Mapped[str] = mapped_column(String(100))
    identity_changed: Mapped[bool] = mapped_column(Boolean)
    late_explanation: Mapped[str] = mapped_column(Text, default="")
    declaration_accepted: Mapped[bool] = mapped_column(Boolean)
    declaration_accepted_at: Mapped[datetime | None] = mapped_column(DateTime)
    created_at: Mapped[datetime] = mapped_column(DateTime, default=now)
    updated_at: Mapped[datetime] = mapped_column(DateTime, default=now, onupdate=now)
    exported_at: Mapped[datetime | None] = mapped_column(DateTime)
    bundle_id: Mapped[str] = mapped_column(String(64), default="")
    content_digest: Mapped[str] = mapped_column(String(64), default="")
    bundle_path: Mapped[str] = mapped_column(Text, default="")
    form_file: Mapped[str] = mapped_column(String(80), default="")
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("applications.id", ondelete="SET NULL")
    )


class ApplicationMaterialRow(Base):
    """One attached material of one application version, in the draft's order (by id)."""

    __tablename__ = "application_materials"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), index=True
    )
    role: Mapped[MaterialRole] = mapped_column(_enum(MaterialRole, "role"))
    original_name: Mapped[str] = mapped_column(String(255))
    stored_name: Mapped[str] = mapped_column(String(128), index=True)
    sha256: Mapped[str] = mapped_column(String(64))
    size: Mapped[int] = mapped_column(Integer)
    media_type: Mapped[str] = mapped_column(String(64))
    added_at: Mapped[datetime] = mapped_column(DateTime, default=now)


class ProfileChangeRow(Base):
    """A personal-data field changed in the application wizard (old and new value as text)."""

    __tablename__ = "profile_changes"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    practitioner_id: Mapped[int] = mapped_column(
        ForeignKey("practitioners.id", ondelete="CASCADE"), index=True
    )
    changed_at: Mapped[datetime] = mapped_column(DateTime, default=now)
    field: Mapped[str] = mapped_column(String(40))
    old_value: Mapped[str] = mapped_column(Text)
    new_value: Mapped[str] = mapped_column(Text)
    application_uid: Mapped[str] = mapped_column(String(36), default="")


class TrustedOfficeRow(Base):
    """One review office of the province's trust list (the whole list is replaced when a
    newer list is imported). The issuer is the province office that signed the list."""

    __tablename__ = "trusted_offices"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    region: Mapped[str] = mapped_column(String(32))
    level: Mapped[str] = mapped_column(String(16))
    public_key: Mapped[bytes] = mapped_column(LargeBinary)
    is_issuer: Mapped[bool] = mapped_column(Boolean, default=False)
    trust_list_digest: Mapped[str] = mapped_column(String(64))
    trust_list_sequence: Mapped[int] = mapped_column(Integer)
    trust_list_issued_at: Mapped[datetime] = mapped_column(DateTime)
    imported_at: Mapped[datetime] = mapped_column(DateTime, default=now)


class DecisionRow(Base):
    """A verified review decision applied to an application. `raw` keeps the exact signed
    file (it can be verified again at any time); `digest` is its SHA-256 and identity.
    `certificate_file`: the generated certificate PDF in the evidence store ("" if none)."""

    __tablename__ = "decisions"
    __table_args__ = (Index(None, "application_uid", "application_version"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    application_id: Mapped[int | None] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), index=True
    )
    application_uid: Mapped[str] = mapped_column(String(36))
    application_version: Mapped[int] = mapped_column(Integer)
    bundle_id: Mapped[str] = mapped_column(String(64))
    stage: Mapped[DecisionStage] = mapped_column(_enum(DecisionStage, "stage"))
    outcome: Mapped[DecisionOutcome] = mapped_column(_enum(DecisionOutcome, "outcome"))
    reasons: Mapped[str] = mapped_column(Text, default="[]")  # JSON: [[code, comment], ...]
    late_accepted_reason: Mapped[str] = mapped_column(Text, default="")
    registration_from: Mapped[date | None] = mapped_column(Date)
    registration_to: Mapped[date | None] = mapped_column(Date)
    decided_at: Mapped[datetime] = mapped_column(DateTime)
    office_fingerprint: Mapped[str] = mapped_column(String(64))
    office_name: Mapped[str] = mapped_column(String(200))
    sequence: Mapped[int] = mapped_column(Integer)
    previous_hash: Mapped[str] = mapped_column(String(64), default="")
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    raw: Mapped[bytes] = mapped_column(LargeBinary)
    imported_at: Mapped[datetime] = mapped_column(DateTime, default=now)
    certificate_file: Mapped[str] = mapped_column(String(80), default="", index=True)


class FileJournalRow(Base):
    """A stored file that may be garbage: one about to be renamed into the store (written
    and committed BEFORE the rename), or one whose last reference a transaction drops (in
    that same transaction). At a healthy start a journaled name no row refers to is deleted
    and the journal is emptied; a stored file neither referenced nor journaled is never
    deleted (see `services.workspace.sweep_unreferenced_files`). `store`: "evidence" or
    "photos"."""

    __tablename__ = "file_journal"

    store: Mapped[str] = mapped_column(String(16), primary_key=True)
    stored_name: Mapped[str] = mapped_column(String(100), primary_key=True)
    noted_at: Mapped[datetime] = mapped_column(DateTime, default=now)


class PinLockoutRow(Base):
    """Wrong PINs entered in a row for one profile, and until when (UTC, naive) PIN entry
    is refused. Kept in the database so that neither a restart nor the command line starts
    the count afresh (`services.protection`)."""

    __tablename__ = "pin_lockouts"

    practitioner_id: Mapped[int] = mapped_column(
        ForeignKey("practitioners.id", ondelete="CASCADE"), primary_key=True
    )
    failures: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime)


class TrustedProviderRow(Base):
    """One training provider of the province's trust list in force (replaced with the
    offices when a newer list is put in force): whose attendance records count as verified."""

    __tablename__ = "trusted_providers"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    credit_code: Mapped[str] = mapped_column(String(18))
    public_key: Mapped[bytes] = mapped_column(LargeBinary)
    trust_list_digest: Mapped[str] = mapped_column(String(64))
    imported_at: Mapped[datetime] = mapped_column(DateTime, default=now)


class AttendanceRecordRow(Base):
    """A training provider's signed attendance record (`.swdce`) behind one activity: its
    exact bytes (`raw`; sealed with the profile's data key while the profile is protected,
    since the record binds the ID number), their SHA-256 (`digest`, what the certificate's
    QR code names) and the provider that signed it. The activity's course fields are the
    record's and stay locked; the record was verified with a trusted key when imported.
    `record_id` is unique: the same record is never imported twice."""

    __tablename__ = "attendance_records"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    activity_id: Mapped[int] = mapped_column(
        ForeignKey("activities.id", ondelete="CASCADE"), unique=True
    )
    record_id: Mapped[str] = mapped_column(String(36), unique=True)
    digest: Mapped[str] = mapped_column(String(64))
    provider_fingerprint: Mapped[str] = mapped_column(String(64), index=True)
    provider_name: Mapped[str] = mapped_column(String(200))
    raw: Mapped[bytes] = mapped_column(LargeBinary)
    imported_at: Mapped[datetime] = mapped_column(DateTime, default=now)
