"""The file journal: which bundle files a committed transaction placed or removed.

Revision ID: r0003
Revises: r0002
Create Date: 2026-12-05

Hand-written. `file_journal` holds, until the file operation is done, one row per bundle
file whose fate a committed transaction decided: "place" (the verified temporary copy
`name` is to be renamed to the stored name `target`; written in the transaction of the
application's rows) or "remove" (the stored file `name` is to go; written in the
transaction that deleted the last row naming it). The sweep at opening finishes what a
crash interrupted and deletes nothing else (see `swdesk.reviewstore.filejournal`).
Existing rows are kept as they are; the table starts empty.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "r0003"
down_revision: str | Sequence[str] | None = "r0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "file_journal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("target", sa.String(length=100), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("action IN ('place', 'remove')", name=op.f("ck_file_journal_action")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_file_journal")),
    )


def downgrade() -> None:
    op.drop_table("file_journal")
