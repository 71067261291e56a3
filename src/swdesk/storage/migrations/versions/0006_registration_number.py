"""Registration numbers: the 登记证书编号 of each registration period.

Revision ID: 0006
Revises: 0005
Create Date: 2027-01-23

Adds `registration_periods.number` (the registration certificate's number, printed on the
re-registration form). Existing periods get "" (unknown): swdesk never knew the number, and
the person enters it in the profile or in the wizard.
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | Sequence[str] | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("registration_periods") as batch:
        batch.add_column(
            sa.Column("number", sa.String(length=64), server_default="", nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("registration_periods") as batch:
        batch.drop_column("number")
