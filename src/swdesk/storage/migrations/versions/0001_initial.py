"""Initial schema: practitioners, certificates, registration periods, activities, evidence.

Revision ID: 0001
Revises:
Create Date: 2026-11-28

Hand-written from autogenerate output. Enum columns are VARCHAR(32) with a CHECK listing the
values as they are today (frozen here: a new enum value needs a new migration).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

GENDERS = ("male", "female")
CERTIFICATE_LEVELS = ("assistant", "intermediate", "senior")
REGISTRATION_KINDS = ("first", "renewal")
ACTIVITY_TYPES = (
    "training",
    "lecture",
    "seminar",
    "degree",
    "research",
    "association",
    "online",
)
CONTENT_AREAS = ("values_ethics", "laws_policies", "theory_practice", "related_knowledge")


def _one_of(table: str, column: str, values: Sequence[str]) -> sa.CheckConstraint:
    listed = ", ".join(f"'{value}'" for value in values)
    return sa.CheckConstraint(f"{column} IN ({listed})", name=op.f(f"ck_{table}_{column}"))


def _enum_column(name: str) -> sa.Column[str]:
    return sa.Column(name, sa.String(length=32), nullable=False)


def _practitioner_fk(table: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["practitioner_id"],
        ["practitioners.id"],
        name=op.f(f"fk_{table}_practitioner_id_practitioners"),
        ondelete="CASCADE",
    )


def upgrade() -> None:
    op.create_table(
        "practitioners",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        _enum_column("gender"),
        sa.Column("birth_date", sa.Date(), nullable=False),
        sa.Column("id_number", sa.String(length=32), nullable=False),
        sa.Column("phone", sa.String(length=32), nullable=False),
        sa.Column("employer", sa.String(length=200), nullable=False),
        sa.Column("employer_credit_code", sa.String(length=32), nullable=False),
        sa.Column("post", sa.String(length=100), nullable=False),
        sa.Column("years_in_social_work", sa.Integer(), nullable=False),
        sa.Column("county", sa.String(length=16), nullable=False),
        sa.Column("photo_file", sa.String(length=128), nullable=False),
        sa.Column("rulepack_id", sa.String(length=64), nullable=False),
        sa.Column("pin_hash", sa.String(length=256), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("last_opened_at", sa.DateTime(), nullable=True),
        _one_of("practitioners", "gender", GENDERS),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_practitioners")),
    )

    op.create_table(
        "certificates",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("practitioner_id", sa.Integer(), nullable=False),
        _enum_column("level"),
        sa.Column("number", sa.String(length=64), nullable=False),
        sa.Column("obtained_on", sa.Date(), nullable=False),
        _one_of("certificates", "level", CERTIFICATE_LEVELS),
        _practitioner_fk("certificates"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_certificates")),
    )
    op.create_index(op.f("ix_certificates_practitioner_id"), "certificates", ["practitioner_id"])

    op.create_table(
        "registration_periods",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("practitioner_id", sa.Integer(), nullable=False),
        _enum_column("kind"),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_to", sa.Date(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        _one_of("registration_periods", "kind", REGISTRATION_KINDS),
        sa.CheckConstraint(
            "valid_to >= valid_from", name=op.f("ck_registration_periods_period_order")
        ),
        _practitioner_fk("registration_periods"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_registration_periods")),
    )
    op.create_index(
        op.f("ix_registration_periods_practitioner_id"),
        "registration_periods",
        ["practitioner_id"],
    )

    op.create_table(
        "activities",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("practitioner_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(length=200), nullable=False),
        sa.Column("organiser", sa.String(length=200), nullable=False),
        _enum_column("activity_type"),
        _enum_column("content_area"),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=False),
        sa.Column("hours_tenths", sa.Integer(), nullable=False),
        sa.Column("reflection_learnt", sa.Text(), nullable=False),
        sa.Column("reflection_change", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        _one_of("activities", "activity_type", ACTIVITY_TYPES),
        _one_of("activities", "content_area", CONTENT_AREAS),
        sa.CheckConstraint("end_date >= start_date", name=op.f("ck_activities_date_order")),
        sa.CheckConstraint("hours_tenths >= 0", name=op.f("ck_activities_hours_not_negative")),
        _practitioner_fk("activities"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_activities")),
    )
    op.create_index(
        op.f("ix_activities_practitioner_id_end_date"),
        "activities",
        ["practitioner_id", "end_date"],
    )

    op.create_table(
        "evidence_files",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("activity_id", sa.Integer(), nullable=False),
        sa.Column("original_name", sa.String(length=255), nullable=False),
        sa.Column("stored_name", sa.String(length=128), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("media_type", sa.String(length=64), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["activity_id"],
            ["activities.id"],
            name=op.f("fk_evidence_files_activity_id_activities"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evidence_files")),
        sa.UniqueConstraint(
            "activity_id", "stored_name", name=op.f("uq_evidence_files_activity_id_stored_name")
        ),
    )
    op.create_index(op.f("ix_evidence_files_stored_name"), "evidence_files", ["stored_name"])


def downgrade() -> None:
    op.drop_index(op.f("ix_evidence_files_stored_name"), table_name="evidence_files")
    op.drop_table("evidence_files")
    op.drop_index(op.f("ix_activities_practitioner_id_end_date"), table_name="activities")
    op.drop_table("activities")
    op.drop_index(
        op.f("ix_registration_periods_practitioner_id"), table_name="registration_periods"
    )
    op.drop_table("registration_periods")
    op.drop_index(op.f("ix_certificates_practitioner_id"), table_name="certificates")
    op.drop_table("certificates")
    op.drop_table("practitioners")
