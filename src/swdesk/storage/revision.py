"""The schema revision this swdesk writes: the newest migration's id.

Its own module so that the first screen's reader (`quick_read`) can compare a database's
`alembic_version` with it without importing SQLAlchemy or Alembic."""

from __future__ import annotations

HEAD_REVISION = "0008"  # kept equal to the migrations' head by tests/integration/test_migrations
