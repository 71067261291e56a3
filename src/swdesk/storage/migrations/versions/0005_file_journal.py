"""File journal: the stored files that may be garbage, so that a sweep deletes only those.

Revision ID: 0005
Revises: 0004
Create Date: 2027-01-16

Adds `file_journal` (store, stored_name, noted_at): a name is written (and committed)
before a new evidence file or photo is renamed into its folder, and in the same transaction
that drops a file's last reference. The start-up sweep deletes only journaled names no row
refers to; a file that is neither referenced nor journaled is moved to `recovered/`.
Existing databases start with an empty journal (files left over by older versions are
moved, never deleted).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0005"
down_revision: str | Sequence[str] | None = "0004"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "file_journal",
        sa.Column("store", sa.String(length=16), nullable=False),
        sa.Column("stored_name", sa.String(length=100), nullable=False),
        sa.Column("noted_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("store", "stored_name", name=op.f("pk_file_journal")),
    )


def downgrade() -> None:
    op.drop_table("file_journal")
