"""Bring the reviewer's database to the schema this swdesk expects, or refuse it untouched.

The same policy as `swdesk.storage.migrate` (whose read-only inspection and online backup
it reuses): a database from a newer swdesk, a corrupt or foreign file is refused before
anything is written; an upgrade is preceded by a backup and applied in one transaction;
a database already at head costs one small read, without loading Alembic.
"""

from __future__ import annotations

from pathlib import Path

from swdesk.storage.engine import is_locked_error, open_engine
from swdesk.storage.errors import DatabaseCorrupt, DatabaseLocked, DatabaseTooNew
from swdesk.storage.migrate import (
    MigrationResult,
    alembic_config,
    backup_database,
    inspect_database,
)

__all__ = ["HEAD_REVISION", "MIGRATIONS_DIR", "prepare_review_database"]

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
HEAD_REVISION = "r0003"  # kept equal to the migrations' head by the review store tests


def prepare_review_database(db_path: Path, backups_dir: Path, *,
                            migrations_dir: Path | None = None) -> MigrationResult:
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
    for revision in state.revisions:
        if revision not in known:
            raise DatabaseTooNew(db_path, revision)
    if not state.revisions and state.has_tables:
        raise DatabaseCorrupt(db_path, reason="not_swdesk")
    backup = (backup_database(db_path, backups_dir, f"review-{head}")
              if state.has_tables else None)
    _upgrade(db_path, location)
    return MigrationResult(db_path, ",".join(state.revisions) or None, head, backup)


def _upgrade(db_path: Path, location: Path) -> None:
    """Upgrade to head in one transaction, foreign keys off meanwhile and checked after."""
    from alembic import command
    from sqlalchemy.exc import OperationalError

    db_path.parent.mkdir(parents=True, exist_ok=True)
    engine = open_engine(db_path, foreign_keys=False)
    try:
        with engine.connect() as connection, connection.begin():
            command.upgrade(alembic_config(location, connection), "head")
            problems = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if problems:
                raise RuntimeError(f"migration left foreign key violations: {problems[:5]}")
    except OperationalError as exc:
        if is_locked_error(exc.orig):
            raise DatabaseLocked(db_path) from exc
        raise
    finally:
        engine.dispose()
