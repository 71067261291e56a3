"""Decisions: the trusted review offices and the review decisions applied to applications.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-12

Hand-written from autogenerate output. Only new tables: existing rows are not touched.
Enum columns are VARCHAR(32) with a CHECK listing the values as they are today (frozen here:
a new enum value needs a new migration).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0003"
down_revision: str | Sequence[str] | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

DECISION_STAGES = ("first", "final")
DECISION_OUTCOMES = ("approved", "rejected")


def _one_of(table: str, column: str, values: Sequence[str]) -> sa.CheckConstraint:
    listed = ", ".join(f"'{value}'" for value in values)
    return sa.CheckConstraint(f"{column} IN ({listed})", name=op.f(f"ck_{table}_{column}"))


def _enum_column(name: str) -> sa.Column[str]:
    return sa.Column(name, sa.String(length=32), nullable=False)


def upgrade() -> None:
    op.create_table(
        "trusted_offices",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("region", sa.String(length=32), nullable=False),
        sa.Column("level", sa.String(length=16), nullable=False),
        sa.Column("public_key", sa.LargeBinary(), nullable=False),
        sa.Column("is_issuer", sa.Boolean(), nullable=False),
        sa.Column("trust_list_digest", sa.String(length=64), nullable=False),
        sa.Column("trust_list_sequence", sa.Integer(), nullable=False),
        sa.Column("trust_list_issued_at", sa.DateTime(), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_trusted_offices")),
        sa.UniqueConstraint("fingerprint", name=op.f("uq_trusted_offices_fingerprint")),
    )

    op.create_table(
        "decisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=True),
        sa.Column("application_uid", sa.String(length=36), nullable=False),
        sa.Column("application_version", sa.Integer(), nullable=False),
        sa.Column("bundle_id", sa.String(length=64), nullable=False),
        _enum_column("stage"),
        _enum_column("outcome"),
        sa.Column("reasons", sa.Text(), nullable=False),
        sa.Column("late_accepted_reason", sa.Text(), nullable=False),
        sa.Column("registration_from", sa.Date(), nullable=True),
        sa.Column("registration_to", sa.Date(), nullable=True),
        sa.Column("decided_at", sa.DateTime(), nullable=False),
        sa.Column("office_fingerprint", sa.String(length=64), nullable=False),
        sa.Column("office_name", sa.String(length=200), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("previous_hash", sa.String(length=64), nullable=False),
        sa.Column("digest", sa.String(length=64), nullable=False),
        sa.Column("raw", sa.LargeBinary(), nullable=False),
        sa.Column("imported_at", sa.DateTime(), nullable=False),
        sa.Column("certificate_file", sa.String(length=80), nullable=False),
        _one_of("decisions", "stage", DECISION_STAGES),
        _one_of("decisions", "outcome", DECISION_OUTCOMES),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["applications.id"],
            name=op.f("fk_decisions_application_id_applications"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_decisions")),
        sa.UniqueConstraint("digest", name=op.f("uq_decisions_digest")),
    )
    op.create_index(op.f("ix_decisions_application_id"), "decisions", ["application_id"])
    op.create_index(
        op.f("ix_decisions_application_uid_application_version"),
        "decisions",
        ["application_uid", "application_version"],
    )
    op.create_index(op.f("ix_decisions_certificate_file"), "decisions", ["certificate_file"])


def downgrade() -> None:
    op.drop_index(op.f("ix_decisions_certificate_file"), table_name="decisions")
    op.drop_index(op.f("ix_decisions_application_uid_application_version"), table_name="decisions")
    op.drop_index(op.f("ix_decisions_application_id"), table_name="decisions")
    op.drop_table("decisions")
    op.drop_table("trusted_offices")
