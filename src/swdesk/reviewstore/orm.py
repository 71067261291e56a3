"""Typed ORM rows of the reviewer's own database (`<data-dir>/review/review.sqlite`).

Never mixed with practitioner profiles: its own metadata, its own Alembic environment.
Queue columns of `applications` are denormalised from application.json and indexed, so the
queue filters and sorts in SQL with 100,000 applications. Hours are integer tenths, enums
VARCHAR + CHECK (named, for batch migrations), JSON columns canonical JSON text.
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
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from .vocabulary import DecisionOutcome, ReviewStage, ReviewState

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}
ENUM_LENGTH = 32
USERNAME_LENGTH = 40
OFFICE_LEVELS = ("county", "city", "province")
DEFAULT_RETENTION_DAYS = 365


def _enum(enum_class: type[StrEnum], name: str) -> Enum:
    """A VARCHAR holding the enum's values, guarded by a CHECK named ck_<table>_<name>."""
    return Enum(
        enum_class,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=ENUM_LENGTH,
        values_callable=lambda cls: [m.value for m in cls],
        validate_strings=True,
    )


class ReviewBase(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class OfficeRow(ReviewBase):
    """This office (exactly one row): who signs, at which level, under which rule pack."""

    __tablename__ = "office"
    __table_args__ = (
        CheckConstraint("id = 1", name="single_row"),
        CheckConstraint("level IN ('county', 'city', 'province')", name="level"),
        CheckConstraint("retention_days >= 0", name="retention_days"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    region: Mapped[str] = mapped_column(String(40))
    level: Mapped[str] = mapped_column(String(ENUM_LENGTH))
    rule_pack_id: Mapped[str] = mapped_column(String(40))
    fingerprint: Mapped[str] = mapped_column(String(64))
    public_key: Mapped[bytes] = mapped_column(LargeBinary)
    encrypted_key: Mapped[bytes] = mapped_column(LargeBinary)  # signing.encrypt_office_key
    created_at: Mapped[datetime] = mapped_column(DateTime)
    # days after this office's decision an application is deleted; 0 = kept forever
    retention_days: Mapped[int] = mapped_column(
        Integer, server_default=text(str(DEFAULT_RETENTION_DAYS))
    )


class TrustFileRow(ReviewBase):
    """A trust file (.swdtrust) imported or published here; the newest one is in force."""

    __tablename__ = "trust_files"
    __table_args__ = (UniqueConstraint("issuer_fingerprint", "sequence"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    issuer_fingerprint: Mapped[str] = mapped_column(String(64))
    issuer_name: Mapped[str] = mapped_column(String(200))
    sequence: Mapped[int] = mapped_column(Integer)
    issued_at: Mapped[datetime] = mapped_column(DateTime)
    digest: Mapped[str] = mapped_column(String(64), unique=True)
    raw: Mapped[bytes] = mapped_column(LargeBinary)
    imported_at: Mapped[datetime] = mapped_column(DateTime)


class TrustedOfficeRow(ReviewBase):
    """An office listed by the trust file in force."""

    __tablename__ = "trusted_offices"
    __table_args__ = (CheckConstraint("level IN ('county', 'city', 'province')", name="level"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    trust_file_id: Mapped[int] = mapped_column(
        ForeignKey("trust_files.id", ondelete="CASCADE"), index=True
    )
    fingerprint: Mapped[str] = mapped_column(String(64), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    region: Mapped[str] = mapped_column(String(40))
    level: Mapped[str] = mapped_column(String(ENUM_LENGTH))
    public_key: Mapped[bytes] = mapped_column(LargeBinary)


class ApplicationRow(ReviewBase):
    """One imported bundle (one version of one application) with its queue columns.

    Kept narrow (application.json lives in `application_data`) so that a full scan of the
    queue stays cheap; indexes serve the usual filters and sort orders."""

    __tablename__ = "applications"
    __table_args__ = (
        Index("ix_applications_state_received_at", "state", "received_at"),
        Index("ix_applications_uid_version", "uid", "version"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    bundle_id: Mapped[str] = mapped_column(String(64), unique=True)
    uid: Mapped[str] = mapped_column(String(36))
    version: Mapped[int] = mapped_column(Integer)
    content_digest: Mapped[str] = mapped_column(String(64))
    stored_name: Mapped[str] = mapped_column(String(100))  # in <root>/bundles ("" synthetic)
    original_name: Mapped[str] = mapped_column(String(255))  # file name when imported
    file_size: Mapped[int] = mapped_column(Integer)
    received_at: Mapped[datetime] = mapped_column(DateTime, index=True)
    stage: Mapped[ReviewStage] = mapped_column(_enum(ReviewStage, "stage"))
    state: Mapped[ReviewState] = mapped_column(_enum(ReviewState, "state"))
    decided_at: Mapped[datetime | None] = mapped_column(DateTime, index=True)  # retention
    kind: Mapped[str] = mapped_column(String(ENUM_LENGTH))
    applicant_name: Mapped[str] = mapped_column(String(60), index=True)
    id_number: Mapped[str] = mapped_column(String(18), index=True)
    id_reversed: Mapped[str] = mapped_column(String(18), index=True)  # suffix search
    county: Mapped[str] = mapped_column(String(6), index=True)
    certificate_level: Mapped[str] = mapped_column(String(ENUM_LENGTH))
    is_late: Mapped[bool] = mapped_column(Boolean)
    hours_counted_tenths: Mapped[int] = mapped_column(Integer, index=True)
    hours_required_tenths: Mapped[int] = mapped_column(Integer)
    registration_valid_to: Mapped[date | None] = mapped_column(Date)
    checks_failed: Mapped[int] = mapped_column(Integer, default=0)
    previous_id: Mapped[int | None] = mapped_column(
        ForeignKey("applications.id"), index=True
    )  # the earlier version, same uid
    resubmission_of_uid: Mapped[str | None] = mapped_column(String(36), index=True)
    resubmission_of_id: Mapped[int | None] = mapped_column(
        ForeignKey("applications.id"), index=True
    )
    # who works on it (shown in the queue); None: nobody
    claimed_by_id: Mapped[int | None] = mapped_column(ForeignKey("staff.id"), index=True)
    claimed_at: Mapped[datetime | None] = mapped_column(DateTime)
    # raised by every change of the row: a decision made on an older view is refused
    row_version: Mapped[int] = mapped_column(Integer, server_default=text("1"))


class StaffRow(ReviewBase):
    """A person who signs in to this office: a reviewer decides, a head also signs and
    exports decisions. Disabled, never deleted, so the audit log keeps naming them."""

    __tablename__ = "staff"
    __table_args__ = (
        CheckConstraint("role IN ('head', 'reviewer')", name="role"),
        CheckConstraint("role = 'head' OR encrypted_key IS NULL", name="key_of_a_head"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(USERNAME_LENGTH), unique=True)
    display_name: Mapped[str] = mapped_column(String(60))
    role: Mapped[str] = mapped_column(String(ENUM_LENGTH))
    password_hash: Mapped[str] = mapped_column(String(200))  # scrypt, with its parameters
    # a head's copy of the office key, encrypted with their own password (optional)
    encrypted_key: Mapped[bytes | None] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    disabled_at: Mapped[datetime | None] = mapped_column(DateTime)


class PendingDecisionRow(ReviewBase):
    """A reviewer's decision that no head has signed yet (at most one per application)."""

    __tablename__ = "pending_decisions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), unique=True
    )
    stage: Mapped[ReviewStage] = mapped_column(_enum(ReviewStage, "stage"))
    outcome: Mapped[DecisionOutcome] = mapped_column(_enum(DecisionOutcome, "outcome"))
    reasons: Mapped[str] = mapped_column(Text)  # canonical JSON [[code, comment], ...]
    late_reason: Mapped[str] = mapped_column(Text)
    registration_from: Mapped[date | None] = mapped_column(Date)
    registration_to: Mapped[date | None] = mapped_column(Date)
    decided_at: Mapped[datetime] = mapped_column(DateTime)
    decided_by: Mapped[str] = mapped_column(String(USERNAME_LENGTH))


class BundleBlobRow(ReviewBase):
    """The bytes of a stored bundle in a server office, written in the transaction of its
    rows (a SQLite office keeps them as files in <root>/bundles; this table stays empty)."""

    __tablename__ = "bundle_blobs"

    stored_name: Mapped[str] = mapped_column(String(100), primary_key=True)
    data: Mapped[bytes] = mapped_column(LargeBinary)


class ApplicationDataRow(ReviewBase):
    """application.json of an application, as canonical JSON text."""

    __tablename__ = "application_data"

    application_id: Mapped[int] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), primary_key=True
    )
    application_json: Mapped[str] = mapped_column(Text)


class MemberRow(ReviewBase):
    """A member of an imported bundle, as its manifest lists it."""

    __tablename__ = "members"
    __table_args__ = (UniqueConstraint("application_id", "name"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(ENUM_LENGTH))
    size: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64))
    media_type: Mapped[str] = mapped_column(String(64))


class CheckResultRow(ReviewBase):
    """The result of one automatic check of an application, made at import."""

    __tablename__ = "check_results"
    __table_args__ = (UniqueConstraint("application_id", "code"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    code: Mapped[str] = mapped_column(String(40))
    passed: Mapped[bool] = mapped_column(Boolean)
    params: Mapped[str] = mapped_column(Text)  # canonical JSON object


class ProviderRecordRow(ReviewBase):
    """The verdict on one training provider's attendance record an application's bundle
    carries, made at import (the "provider_records" check): which activity it backs, its
    id and the SHA-256 of its file (what the certificate's QR code carries, for the search),
    and whether it is verified, not verified or failed and why."""

    __tablename__ = "provider_records"
    __table_args__ = (
        UniqueConstraint("application_id", "record_id"),
        CheckConstraint("status IN ('verified', 'not_verified', 'failed')", name="status"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    application_id: Mapped[int] = mapped_column(ForeignKey("applications.id", ondelete="CASCADE"))
    activity_index: Mapped[int] = mapped_column(Integer)  # in application.json
    record_id: Mapped[str] = mapped_column(String(36), index=True)
    digest: Mapped[str] = mapped_column(String(64))  # sha256 of the .swdce file
    status: Mapped[str] = mapped_column(String(ENUM_LENGTH))
    provider_name: Mapped[str] = mapped_column(String(200))  # as the record names it
    reason: Mapped[str] = mapped_column(String(ENUM_LENGTH))  # "" unless failed
    detail: Mapped[str] = mapped_column(String(100))  # the field differing, or a uid
    hours_tenths: Mapped[int] = mapped_column(Integer)  # the activity's hours
    counted: Mapped[bool] = mapped_column(Boolean)  # the office counts the activity


class DecisionRow(ReviewBase):
    """A signed decision: issued by this office, or received with a forward package."""

    __tablename__ = "decisions"
    __table_args__ = (UniqueConstraint("office_fingerprint", "sequence"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    application_id: Mapped[int] = mapped_column(
        ForeignKey("applications.id", ondelete="CASCADE"), index=True
    )
    issued_here: Mapped[bool] = mapped_column(Boolean)
    stage: Mapped[ReviewStage] = mapped_column(_enum(ReviewStage, "stage"))
    outcome: Mapped[DecisionOutcome] = mapped_column(_enum(DecisionOutcome, "outcome"))
    reasons: Mapped[str] = mapped_column(Text)  # canonical JSON [[code, comment], ...]
    late_reason: Mapped[str] = mapped_column(Text)
    registration_from: Mapped[date | None] = mapped_column(Date)
    registration_to: Mapped[date | None] = mapped_column(Date)
    decided_at: Mapped[datetime] = mapped_column(DateTime)
    sequence: Mapped[int] = mapped_column(Integer)
    previous_hash: Mapped[str] = mapped_column(String(64))
    digest: Mapped[str] = mapped_column(String(64), unique=True)  # sha256 of raw
    raw: Mapped[bytes] = mapped_column(LargeBinary)  # the exact .swddec bytes
    office_fingerprint: Mapped[str] = mapped_column(String(64))
    office_name: Mapped[str] = mapped_column(String(200))
    office_level: Mapped[str] = mapped_column(String(ENUM_LENGTH))
    exported_at: Mapped[datetime | None] = mapped_column(DateTime)
    # the people behind it ("" for decisions made before people signed in)
    decided_by: Mapped[str] = mapped_column(String(USERNAME_LENGTH), server_default=text("''"))
    signed_by: Mapped[str] = mapped_column(String(USERNAME_LENGTH), server_default=text("''"))


class PurgedDecisionRow(ReviewBase):
    """The chain link of a decision whose application was deleted (retention or a person's
    request): enough to continue this office's sequence and hash chain and to refuse the
    decision if it is replayed, nothing about the person (no name, no reasons, no file)."""

    __tablename__ = "purged_decisions"
    __table_args__ = (UniqueConstraint("office_fingerprint", "sequence"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    office_fingerprint: Mapped[str] = mapped_column(String(64))
    sequence: Mapped[int] = mapped_column(Integer)
    previous_hash: Mapped[str] = mapped_column(String(64))
    digest: Mapped[str] = mapped_column(String(64), unique=True)  # sha256 of the file
    issued_here: Mapped[bool] = mapped_column(Boolean)
    stage: Mapped[ReviewStage] = mapped_column(_enum(ReviewStage, "stage"))
    outcome: Mapped[DecisionOutcome] = mapped_column(_enum(DecisionOutcome, "outcome"))
    decided_at: Mapped[datetime] = mapped_column(DateTime)
    purged_at: Mapped[datetime] = mapped_column(DateTime)


class AuditRow(ReviewBase):
    """One entry of the hash-chained audit log (see `reviewstore.audit`)."""

    __tablename__ = "audit_log"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[str] = mapped_column(String(40))  # ISO 8601, as hashed
    actor: Mapped[str] = mapped_column(String(64))  # the office's fingerprint
    action: Mapped[str] = mapped_column(String(40))
    application_id: Mapped[int | None] = mapped_column(Integer, index=True)
    details: Mapped[str] = mapped_column(Text)  # canonical JSON object
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class FileJournalRow(ReviewBase):
    """A bundle file whose fate a committed transaction decided but whose rename or removal
    may not have happened yet (see `reviewstore.filejournal`): "place" = the temporary copy
    `name` becomes `target` (written with the application's rows), "remove" = the stored
    file `name` goes (written with the deletion of the last row naming it)."""

    __tablename__ = "file_journal"
    __table_args__ = (CheckConstraint("action IN ('place', 'remove')", name="action"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    action: Mapped[str] = mapped_column(String(ENUM_LENGTH))
    name: Mapped[str] = mapped_column(String(255))  # a file in <root>/bundles
    target: Mapped[str | None] = mapped_column(String(100))  # "place": the stored name
    created_at: Mapped[datetime] = mapped_column(DateTime)
