"""Alembic environment for swdesk, run in-process by `swdesk.storage.migrate`.

The caller passes an open connection in `config.attributes["connection"]`, already inside a
transaction, so an upgrade is applied whole or not at all (SQLite DDL is transactional).
"""

from alembic import context
from sqlalchemy.engine import Connection

from swdesk.storage.orm import Base

target_metadata = Base.metadata


def run_migrations_online() -> None:
    connection = context.config.attributes.get("connection")
    if not isinstance(connection, Connection):
        raise RuntimeError("swdesk migrations run through swdesk.storage.migrate only")
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
