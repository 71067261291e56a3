"""Persistence: SQLite engine, typed ORM, repositories, Alembic migrations, safe file stores.

No Qt here. Modules are imported individually (this package imports nothing eagerly).
"""
