"""Alembic environment of the reviewer's database, run in-process by
`swdesk.reviewstore.migrate` (an open connection in `config.attributes["connection"]`,
already inside a transaction: an upgrade is applied whole or not at all)."""

from alembic import context
from sqlalchemy.engine import Connection

from swdesk.reviewstore.orm import ReviewBase

target_metadata = ReviewBase.metadata


def run_migrations_online() -> None:
    connection = context.config.attributes.get("connection")
    if not isinstance(connection, Connection):
        raise RuntimeError("review migrations run through swdesk.reviewstore.migrate only")
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=True,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    raise RuntimeError("swdesk does not generate offline SQL scripts")
run_migrations_online()
