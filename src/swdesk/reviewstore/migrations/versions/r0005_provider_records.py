"""The verdicts on the training providers' attendance records that bundles carry.

Revision ID: r0005
Revises: r0004
Create Date: 2026-12-06

Hand-written; the same on SQLite and PostgreSQL.

- `provider_records`: one row per attendance record (`records/<record_id>.swdce`) of an
  imported bundle, written with the application's rows at import: the activity it backs,
  the record id and the SHA-256 of the record file (the search by a certificate's QR code
  finds the application by them), the verdict ("verified", "not_verified", "failed"), the
  provider it names, why it failed and the detail (the field that differs, or the uid of
  the application that already used it), the activity's hours in tenths and whether the
  office counts it.
Applications imported before have no rows here: their bundles carried no records.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "r0005"
down_revision: str | Sequence[str] | None = "r0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "provider_records",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("activity_index", sa.Integer(), nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("status", sa.String(length=32), nullable=False),
        sa.Column("provider_name", sa.String(length=200), nullable=False),
        sa.Column("reason", sa.String(length=32), nullable=False),
        sa.Column("detail", sa.String(length=100), nullable=False),
        sa.Column("hours_tenths", sa.Integer(), nullable=False),
        sa.Column("counted", sa.Boolean(), nullable=False),
        sa.CheckConstraint(
            "status IN ('verified', 'not_verified', 'failed')",
            name=op.f("ck_provider_records_status"),
        ),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["applications.id"],
            name=op.f("fk_provider_records_application_id_applications"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_provider_records")),
        sa.UniqueConstraint(
            "application_id", "record_id", name=op.f("uq_provider_records_application_id_record_id")
        ),
    )
    op.create_index(op.f("ix_provider_records_record_id"), "provider_records", ["record_id"])


def downgrade() -> None:
    op.drop_index(op.f("ix_provider_records_record_id"), table_name="provider_records")
    op.drop_table("provider_records")
