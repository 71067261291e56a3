"""Reading an office without changing it, for moving it (`moving`) and checking it
(`office_check`): a folder's database opened read-only, a server's in one read-only
snapshot, a server's failures as the user's errors, and the stored bundles' bytes read
directly (`bundles/` files, `bundle_blobs` rows).

The bytes are read here rather than through a workspace's `BundleStore`: a copy is checked
inside its own uncommitted transaction, which a store's sessions could not see, and no
workspace is open on either side (opening one would write to the source).
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, select
from sqlalchemy.engine import Connection
from sqlalchemy.exc import DBAPIError

from swdesk.core.progress import Cancelled
from swdesk.database.engine import BUSY_TIMEOUT_MS
from swdesk.database.migrating import inspect_database
from swdesk.database.server import (
    inspect_server,
    open_server_engine,
    parse_server_url,
    server_error,
    server_location,
)
from swdesk.domain.errors import UserFixableError
from swdesk.reviewstore.migrate import HEAD_REVISION
from swdesk.reviewstore.orm import BundleBlobRow

from .context import DATABASE_NAME

__all__ = [
    "MoveProgress",
    "ReadBundle",
    "blob_reader",
    "bundle_file",
    "file_reader",
    "folder_source",
    "read_only_sqlite",
    "refuse_other_schema",
    "report_progress",
    "server_engine",
    "server_errors",
    "snapshot",
]

ReadBundle = Callable[[str], Path | bytes | None]  # stored name → the file, its bytes, or None

#: progress(what, count): a table's rows copied so far, "bundles" copied, "checked"
#: bundles checked; returning False cancels (`core.progress.Cancelled`, nothing kept)
MoveProgress = Callable[[str, int], bool | None]


def report_progress(progress: MoveProgress | None, what: str, count: int) -> None:
    if progress is not None and progress(what, count) is False:
        raise Cancelled


def read_only_sqlite(db_path: Path) -> Engine:
    """An engine that only reads `db_path`: opened read-only, `query_only` on, each
    transaction a deferred BEGIN (one snapshot of the WAL database for the whole copy)."""
    uri = db_path.resolve().as_uri() + "?mode=ro"

    def connect() -> sqlite3.Connection:
        return sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_MS / 1000)

    engine = create_engine("sqlite://", creator=connect, hide_parameters=True)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.isolation_level = None
        dbapi_connection.execute("PRAGMA query_only = ON")

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN")

    return engine


@contextlib.contextmanager
def snapshot(engine: Engine) -> Iterator[Connection]:
    """One read-only transaction: a server's REPEATABLE READ snapshot, or SQLite's
    deferred read transaction (the engine of `read_only_sqlite`)."""
    with engine.connect() as connection:
        if engine.dialect.name == "postgresql":
            connection = connection.execution_options(
                isolation_level="REPEATABLE READ", postgresql_readonly=True
            )
        with connection.begin():
            yield connection


@contextlib.contextmanager
def server_errors(location: str) -> Iterator[None]:
    """A server's failure inside the block as the user's error (server_unreachable,
    server_login_failed, ...), never a traceback."""
    try:
        yield
    except DBAPIError as exc:
        mapped = server_error(exc.orig, location)
        if mapped is None:
            raise
        raise mapped from exc


def server_engine(url: str, password: str | None) -> tuple[Engine, str]:
    parsed = parse_server_url(url)
    location = server_location(parsed)
    try:
        return open_server_engine(parsed, password=password), location
    except ImportError as exc:  # swdesk without its `postgres` extra
        raise UserFixableError("server_driver_missing", server=location) from exc


def folder_source(root: Path) -> Path:
    """The database of the office in `root`, refused unless it is this swdesk's schema
    (an older one is upgraded by opening the office once, which this never writes)."""
    db_path = root / DATABASE_NAME
    if not db_path.is_file() or db_path.stat().st_size == 0:
        raise UserFixableError("review_not_initialised", path=str(root))
    state = inspect_database(db_path)
    if state.revisions != (HEAD_REVISION,):
        raise UserFixableError("migrate_source_not_ready", source=str(root), reason="schema")
    return db_path


def refuse_other_schema(connection: Connection, location: str) -> None:
    state = inspect_server(connection)
    if state.revisions != (HEAD_REVISION,):
        raise UserFixableError("migrate_source_not_ready", source=location, reason="schema")


def bundle_file(bundles_dir: Path, name: str) -> Path | None:
    """The stored file `name` in `bundles_dir`, or None (missing, or not a stored name)."""
    if not name or "/" in name or "\\" in name or name.startswith("."):
        return None
    path = bundles_dir / name
    return path if path.is_file() else None


def file_reader(bundles_dir: Path) -> ReadBundle:
    return lambda name: bundle_file(bundles_dir, name)


def blob_reader(connection: Connection) -> ReadBundle:
    def read(name: str) -> bytes | None:
        data = connection.execute(
            select(BundleBlobRow.data).where(BundleBlobRow.stored_name == name)
        ).scalar_one_or_none()
        return None if data is None else bytes(data)

    return read
