"""Providers' signed attendance records and the providers the trust list names.

Revision ID: 0008
Revises: 0007
Create Date: 2027-02-20

Adds `trusted_providers` (the training providers of the trust list in force, replaced with
its offices) and `attendance_records` (a provider's signed `.swdce` record behind an
activity: its bytes, digest and provider; one per activity, each record id once). Existing
databases start with neither: their activities are all self-reported.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | Sequence[str] | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "trusted_providers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("credit_code", sa.String(length=18), nullable=False),
        sa.Column("public_key", sa.LargeBinary(), nullable=False),
        sa.Column("trust_list_digest", sa.String(length=64), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_trusted_providers")),
        sa.UniqueConstraint("fingerprint", name=op.f("uq_trusted_providers_fingerprint")),
    )
    op.create_table(
        "attendance_records",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("activity_id", sa.Integer(), nullable=False),
        sa.Column("record_id", sa.String(length=36), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("provider_fingerprint", sa.String(length=64), nullable=False),
        sa.Column("provider_name", sa.String(length=200), nullable=False),
        sa.Column("raw", sa.LargeBinary(), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["activity_id"],
            ["activities.id"],
            name=op.f("fk_attendance_records_activity_id_activities"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_attendance_records")),
        sa.UniqueConstraint("activity_id", name=op.f("uq_attendance_records_activity_id")),
        sa.UniqueConstraint("record_id", name=op.f("uq_attendance_records_record_id")),
    )
    op.create_index(
        op.f("ix_attendance_records_provider_fingerprint"),
        "attendance_records",
        ["provider_fingerprint"],
    )


def downgrade() -> None:
    op.drop_index(
        op.f("ix_attendance_records_provider_fingerprint"), table_name="attendance_records"
    )
    op.drop_table("attendance_records")
    op.drop_table("trusted_providers")
