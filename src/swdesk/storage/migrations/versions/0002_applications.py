"""Applications: (re-)registration applications, their materials, and profile changes.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-05

Hand-written from autogenerate output. Only new tables: existing rows are not touched.
Enum columns are VARCHAR(32) with a CHECK listing the values as they are today (frozen here:
a new enum value needs a new migration).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

APPLICATION_KINDS = ("first", "renewal")
APPLICATION_STATES = ("draft", "exported", "rejected", "approved")
MATERIAL_ROLES = ("photo", "identity_change", "late_explanation", "other", "signed_form")


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
        "applications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("practitioner_id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        _enum_column("kind"),
        _enum_column("state"),
        sa.Column("phone", sa.String(length=32), nullable=False),
        sa.Column("employer", sa.String(length=200), nullable=False),
        sa.Column("employer_credit_code", sa.String(length=32), nullable=False),
        sa.Column("post", sa.String(length=100), nullable=False),
        sa.Column("identity_changed", sa.Boolean(), nullable=False),
        sa.Column("late_explanation", sa.Text(), nullable=False),
        sa.Column("declaration_accepted", sa.Boolean(), nullable=False),
        sa.Column("declaration_accepted_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("exported_at", sa.DateTime(), nullable=True),
        sa.Column("bundle_id", sa.String(length=64), nullable=False),
        sa.Column("content_digest", sa.String(length=64), nullable=False),
        sa.Column("bundle_path", sa.Text(), nullable=False),
        sa.Column("form_file", sa.String(length=80), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        _one_of("applications", "kind", APPLICATION_KINDS),
        _one_of("applications", "state", APPLICATION_STATES),
        _practitioner_fk("applications"),
        sa.ForeignKeyConstraint(
            ["parent_id"],
            ["applications.id"],
            name=op.f("fk_applications_parent_id_applications"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_applications")),
        sa.UniqueConstraint("uid", "version", name=op.f("uq_applications_uid_version")),
    )
    op.create_index(op.f("ix_applications_practitioner_id"), "applications", ["practitioner_id"])

    op.create_table(
        "application_materials",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        _enum_column("role"),
        sa.Column("original_name", sa.String(length=255), nullable=False),
        sa.Column("stored_name", sa.String(length=128), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("media_type", sa.String(length=64), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        _one_of("application_materials", "role", MATERIAL_ROLES),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["applications.id"],
            name=op.f("fk_application_materials_application_id_applications"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_application_materials")),
    )
    op.create_index(
        op.f("ix_application_materials_application_id"),
        "application_materials",
        ["application_id"],
    )
    op.create_index(
        op.f("ix_application_materials_stored_name"), "application_materials", ["stored_name"]
    )

    op.create_table(
        "profile_changes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("practitioner_id", sa.Integer(), nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.Column("field", sa.String(length=40), nullable=False),
        sa.Column("old_value", sa.Text(), nullable=False),
        sa.Column("new_value", sa.Text(), nullable=False),
        sa.Column("application_uid", sa.String(length=36), nullable=False),
        _practitioner_fk("profile_changes"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_profile_changes")),
    )
    op.create_index(
        op.f("ix_profile_changes_practitioner_id"), "profile_changes", ["practitioner_id"]
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_profile_changes_practitioner_id"), table_name="profile_changes")
    op.drop_table("profile_changes")
    op.drop_index(op.f("ix_application_materials_stored_name"), table_name="application_materials")
    op.drop_index(
        op.f("ix_application_materials_application_id"), table_name="application_materials"
    )
    op.drop_table("application_materials")
    op.drop_index(op.f("ix_applications_practitioner_id"), table_name="applications")
    op.drop_table("applications")
