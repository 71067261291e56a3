"""Retention: the office's retention period, and the chain links of deleted decisions.

Revision ID: r0002
Revises: r0001
Create Date: 2026-12-14

Hand-written. `office.retention_days` (default 365, 0 = keep forever) says how many days
after this office's decision an application is deleted. `purged_decisions` keeps, for a
decision whose application was deleted (retention or a person's request), only what the
office's signed decision chain and the replay check need: office, sequence, digests, stage,
outcome, dates; never the person. `applications.decided_at` gets an index so the purge at
every opening is one small index range scan, and the two self-references (`previous_id`,
`resubmission_of_id`) get one each: deleting an application must find the rows pointing at
it (SQLite's foreign key check does the same) without scanning the table. Existing rows are
kept as they are.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "r0002"
down_revision: str | Sequence[str] | None = "r0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

STAGES = ("first", "final")
OUTCOMES = ("approved", "rejected")
DEFAULT_RETENTION_DAYS = 365  # frozen here; the ORM's server default says the same


def _one_of(table: str, column: str, values: Sequence[str]) -> sa.CheckConstraint:
    listed = ", ".join(f"'{value}'" for value in values)
    return sa.CheckConstraint(f"{column} IN ({listed})", name=op.f(f"ck_{table}_{column}"))


def _text(name: str, length: int) -> sa.Column[str]:
    return sa.Column(name, sa.String(length=length), nullable=False)


def upgrade() -> None:
    with op.batch_alter_table("office") as batch:
        batch.add_column(
            sa.Column(
                "retention_days",
                sa.Integer(),
                nullable=False,
                server_default=sa.text(str(DEFAULT_RETENTION_DAYS)),
            )
        )
        batch.create_check_constraint(op.f("ck_office_retention_days"), "retention_days >= 0")
    for column in ("decided_at", "previous_id", "resubmission_of_id"):
        op.create_index(op.f(f"ix_applications_{column}"), "applications", [column])
    op.create_table(
        "purged_decisions",
        sa.Column("id", sa.Integer(), nullable=False),
        _text("office_fingerprint", 64),
        sa.Column("sequence", sa.Integer(), nullable=False),
        _text("previous_hash", 64),
        _text("digest", 64),
        sa.Column("issued_here", sa.Boolean(), nullable=False),
        _text("stage", 32),
        _text("outcome", 32),
        sa.Column("decided_at", sa.DateTime(), nullable=False),
        sa.Column("purged_at", sa.DateTime(), nullable=False),
        _one_of("purged_decisions", "stage", STAGES),
        _one_of("purged_decisions", "outcome", OUTCOMES),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_purged_decisions")),
        sa.UniqueConstraint("digest", name=op.f("uq_purged_decisions_digest")),
        sa.UniqueConstraint(
            "office_fingerprint",
            "sequence",
            name=op.f("uq_purged_decisions_office_fingerprint_sequence"),
        ),
    )


def downgrade() -> None:
    op.drop_table("purged_decisions")
    for column in ("decided_at", "previous_id", "resubmission_of_id"):
        op.drop_index(op.f(f"ix_applications_{column}"), table_name="applications")
    with op.batch_alter_table("office") as batch:
        batch.drop_constraint(op.f("ck_office_retention_days"), type_="check")
        batch.drop_column("retention_days")
