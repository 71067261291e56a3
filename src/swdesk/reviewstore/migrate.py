"""Bring the reviewer's database to the schema this swdesk expects, or refuse it untouched.

The policy of `swdesk.database.migrating`, as for the practitioner's database: a database
from a newer swdesk, a corrupt or foreign file is refused before anything is written; an
upgrade is preceded by a backup and applied in one transaction; a database already at head
costs one small read, without loading Alembic.

The same revisions run on an office's PostgreSQL server (`prepare_review_server`). There
the look, the refusal and the upgrade happen in one transaction holding an advisory lock, so
of several reviewer PCs starting at once exactly one upgrades and the others, once it has
committed, find the schema at head; PostgreSQL's DDL is transactional, so a failed upgrade
leaves the schema as it was.
"""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from swdesk.database.migrating import (
    MigrationResult,
    alembic_config,
    backup_database,
    inspect_database,
    refuse_unknown,
    upgrade_to_head,
)
from swdesk.database.server import inspect_server, server_location, take_advisory_lock

__all__ = ["HEAD_REVISION", "MIGRATIONS_DIR", "prepare_review_database", "prepare_review_server"]

UPGRADE_LOCK = "review-schema-upgrade"  # the advisory lock every client takes to upgrade

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
HEAD_REVISION = "r0005"  # kept equal to the migrations' head by the review store tests


def prepare_review_database(
    db_path: Path, backups_dir: Path, *, migrations_dir: Path | None = None
) -> MigrationResult:
    """Create, check and if needed upgrade the review database at `db_path`.

    Raises `DatabaseCorrupt`, `DatabaseTooNew` (file left as it was) or `DatabaseLocked`.
    `migrations_dir` is for tests; the packaged scripts are the default.
    """
    location = migrations_dir or MIGRATIONS_DIR
    state = inspect_database(db_path)
    if migrations_dir is None and state.revisions == (HEAD_REVISION,):
        return MigrationResult(db_path, HEAD_REVISION, HEAD_REVISION)
    from alembic.script import ScriptDirectory

    scripts = ScriptDirectory(str(location))
    head = str(scripts.get_current_head())
    if state.revisions == (head,):
        return MigrationResult(db_path, head, head)
    known = {script.revision for script in scripts.walk_revisions()}
    refuse_unknown(db_path, state, known.__contains__)
    backup = backup_database(db_path, backups_dir, f"review-{head}") if state.has_tables else None
    upgrade_to_head(db_path, location, compact=False)
    return MigrationResult(db_path, ",".join(state.revisions) or None, head, backup)


def prepare_review_server(engine: Engine, *, migrations_dir: Path | None = None) -> MigrationResult:
    """Create, check and if needed upgrade the review schema in the server database of
    `engine`, serialised with every other client by the advisory lock `UPGRADE_LOCK`.

    Raises `DatabaseTooNew` or `DatabaseCorrupt` ("not_swdesk": tables but no revision)
    with nothing written; connection failures come out as psycopg errors for the caller to
    word (`swdesk.database.server.server_error`).
    """
    from alembic import command
    from alembic.script import ScriptDirectory

    location = migrations_dir or MIGRATIONS_DIR
    scripts = ScriptDirectory(str(location))
    head = str(scripts.get_current_head())
    known = {script.revision for script in scripts.walk_revisions()}
    where = server_location(engine.url)
    with engine.connect() as connection, connection.begin():
        take_advisory_lock(connection, UPGRADE_LOCK)
        state = inspect_server(connection)
        if state.revisions == (head,):
            return MigrationResult(where, head, head)
        refuse_unknown(where, state, known.__contains__)
        command.upgrade(alembic_config(location, connection), "head")
    return MigrationResult(where, ",".join(state.revisions) or None, head)
