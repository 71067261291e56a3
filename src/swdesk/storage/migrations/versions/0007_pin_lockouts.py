"""PIN lockouts: wrong PINs in a row, kept in the database rather than in a window.

Revision ID: 0007
Revises: 0006
Create Date: 2027-01-30

Adds `pin_lockouts` (practitioner_id, failures, locked_until in UTC): after five wrong PINs
in a row a profile refuses PIN entry for 30 seconds, and a restart or the command line's
`--pin-file` no longer starts the count afresh. Existing databases start with no lockouts.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | Sequence[str] | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "pin_lockouts",
        sa.Column("practitioner_id", sa.Integer(), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(
            ["practitioner_id"],
            ["practitioners.id"],
            name=op.f("fk_pin_lockouts_practitioner_id_practitioners"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("practitioner_id", name=op.f("pk_pin_lockouts")),
    )


def downgrade() -> None:
    op.drop_table("pin_lockouts")
