"""An office of several people: staff, claims, row versions, decisions awaiting signature,
and bundle bytes kept in the database of a server office.

Revision ID: r0004
Revises: r0003
Create Date: 2026-12-06

Hand-written; the same on SQLite and PostgreSQL.

- `staff`: each person who signs in (user name, display name, role "head" or "reviewer", a
  scrypt hash of their own password, and for a head optionally the office key encrypted
  with that password), disabled rather than deleted so the audit log keeps naming them.
- `applications.claimed_by_id` / `claimed_at`: who is working on an application, shown in
  the queue; `applications.row_version`: raised by every change of the row, so a decision
  made on a view of an older version is refused (existing rows start at 1).
- `decisions.decided_by` / `signed_by`: the people behind a decision (empty for decisions
  made before people signed in).
- `pending_decisions`: a reviewer's decision that a head has not signed yet (at most one
  per application).
- `bundle_blobs`: the bytes of stored bundles in a server office, written in the same
  transaction as their rows (a SQLite office keeps its bundles as files; the table stays
  empty there).
Existing rows are kept as they are.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "r0004"
down_revision: str | Sequence[str] | None = "r0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

STAGES = ("first", "final")
OUTCOMES = ("approved", "rejected")


def _one_of(table: str, column: str, values: Sequence[str]) -> sa.CheckConstraint:
    listed = ", ".join(f"'{value}'" for value in values)
    return sa.CheckConstraint(f"{column} IN ({listed})", name=op.f(f"ck_{table}_{column}"))


def _text(name: str, length: int) -> sa.Column[str]:
    return sa.Column(name, sa.String(length=length), nullable=False)


def upgrade() -> None:
    op.create_table(
        "staff",
        sa.Column("id", sa.Integer(), nullable=False),
        _text("username", 40),
        _text("display_name", 60),
        _text("role", 32),
        _text("password_hash", 200),
        sa.Column("encrypted_key", sa.LargeBinary(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("disabled_at", sa.DateTime(), nullable=True),
        _one_of("staff", "role", ("head", "reviewer")),
        sa.CheckConstraint(
            "role = 'head' OR encrypted_key IS NULL", name=op.f("ck_staff_key_of_a_head")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_staff")),
        sa.UniqueConstraint("username", name=op.f("uq_staff_username")),
    )
    with op.batch_alter_table("applications") as batch:
        batch.add_column(sa.Column("claimed_by_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("claimed_at", sa.DateTime(), nullable=True))
        batch.add_column(
            sa.Column("row_version", sa.Integer(), nullable=False, server_default=sa.text("1"))
        )
        batch.create_foreign_key(
            op.f("fk_applications_claimed_by_id_staff"), "staff", ["claimed_by_id"], ["id"]
        )
        batch.create_index(op.f("ix_applications_claimed_by_id"), ["claimed_by_id"])
    with op.batch_alter_table("decisions") as batch:
        batch.add_column(
            sa.Column("decided_by", sa.String(40), nullable=False, server_default=sa.text("''"))
        )
        batch.add_column(
            sa.Column("signed_by", sa.String(40), nullable=False, server_default=sa.text("''"))
        )
    op.create_table(
        "pending_decisions",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        _text("stage", 32),
        _text("outcome", 32),
        sa.Column("reasons", sa.Text(), nullable=False),
        sa.Column("late_reason", sa.Text(), nullable=False),
        sa.Column("registration_from", sa.Date(), nullable=True),
        sa.Column("registration_to", sa.Date(), nullable=True),
        sa.Column("decided_at", sa.DateTime(), nullable=False),
        _text("decided_by", 40),
        _one_of("pending_decisions", "stage", STAGES),
        _one_of("pending_decisions", "outcome", OUTCOMES),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["applications.id"],
            name=op.f("fk_pending_decisions_application_id_applications"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pending_decisions")),
        sa.UniqueConstraint("application_id", name=op.f("uq_pending_decisions_application_id")),
    )
    op.create_table(
        "bundle_blobs",
        _text("stored_name", 100),
        sa.Column("data", sa.LargeBinary(), nullable=False),
        sa.PrimaryKeyConstraint("stored_name", name=op.f("pk_bundle_blobs")),
    )


def downgrade() -> None:
    op.drop_table("bundle_blobs")
    op.drop_table("pending_decisions")
    with op.batch_alter_table("decisions") as batch:
        batch.drop_column("signed_by")
        batch.drop_column("decided_by")
    with op.batch_alter_table("applications") as batch:
        batch.drop_index(op.f("ix_applications_claimed_by_id"))
        batch.drop_constraint(op.f("fk_applications_claimed_by_id_staff"), type_="foreignkey")
        batch.drop_column("row_version")
        batch.drop_column("claimed_at")
        batch.drop_column("claimed_by_id")
    op.drop_table("staff")
