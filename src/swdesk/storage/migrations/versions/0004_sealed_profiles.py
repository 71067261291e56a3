"""Sealed profiles: a PIN-protected profile's ID number and birth date encrypted at rest.

Revision ID: 0004
Revises: 0003
Create Date: 2027-01-09

Adds `practitioners.wrapped_key` (the profile's data key wrapped under a key derived from
the PIN) and `practitioners.sealed` (the ID number and birth date, sealed with the data
key); `birth_date` may now be NULL (while it is sealed). Existing rows keep every value: a
profile that already has a PIN is sealed the next time its PIN is entered (the migration
does not know the PIN).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0004"
down_revision: str | Sequence[str] | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("practitioners") as batch:
        batch.add_column(sa.Column("wrapped_key", sa.String(length=256), nullable=True))
        batch.add_column(sa.Column("sealed", sa.LargeBinary(), nullable=True))
        batch.alter_column("birth_date", existing_type=sa.Date(), nullable=True)


def downgrade() -> None:
    with op.batch_alter_table("practitioners") as batch:
        batch.alter_column("birth_date", existing_type=sa.Date(), nullable=False)
        batch.drop_column("sealed")
        batch.drop_column("wrapped_key")
