"""A store on a PostgreSQL server of the office's own network (psycopg 3, `swdesk[postgres]`).

What differs from the embedded SQLite file is kept here, in small named functions: how a
server is named (`parse_server_url`, `server_location`), how an engine reaches it
(`open_server_engine`: a password, if libpq finds none in its password file, is given per
connection and never written anywhere), what its errors mean for the user (`server_error`),
how concurrent clients are serialised (`advisory_lock_key`, `take_advisory_lock`: a
transaction-level advisory lock, released by commit or rollback), and how a schema is read
without writing (`inspect_server`). Statement parameters never reach an error message.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import URL, Engine, create_engine, inspect, make_url, text
from sqlalchemy.exc import ArgumentError

from swdesk.domain.errors import UserFixableError

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection

__all__ = [
    "CONNECT_TIMEOUT_S",
    "ServerState",
    "advisory_lock_key",
    "driver_version",
    "inspect_server",
    "is_server_url",
    "open_server_engine",
    "parse_server_url",
    "server_error",
    "server_location",
    "take_advisory_lock",
    "without_password",
]

CONNECT_TIMEOUT_S = 8  # an office network answers at once; a dead server must not hang the UI
DRIVER = "postgresql+psycopg"
SERVER_BACKENDS = frozenset({"postgresql", "postgres"})
VERSION_TABLE = "alembic_version"


def is_server_url(value: str) -> bool:
    """Whether `value` names a database server (a URL such as postgresql://host/db) rather
    than a folder or file on this PC."""
    head = value.strip().split("://", 1)[0].lower() if "://" in value else ""
    return head.split("+", 1)[0] in SERVER_BACKENDS


def parse_server_url(value: str) -> URL:
    """The SQLAlchemy URL of a PostgreSQL database, driven by psycopg 3.

    Accepts postgresql://[user[:password]@]host[:port]/database (also postgres://, and
    libpq's query options such as ?sslmode=require). Anything else raises UserFixableError
    "server_url_invalid" (param `url`: what was given, its password hidden)."""
    try:
        url = make_url(value.strip())
    except (ArgumentError, ValueError) as exc:
        raise UserFixableError("server_url_invalid", url=_hide_password(value)) from exc
    if url.get_backend_name() not in SERVER_BACKENDS or not url.host or not url.database:
        raise UserFixableError("server_url_invalid", url=_hide_password(value))
    return url.set(drivername=DRIVER)


def _hide_password(value: str) -> str:
    scheme, sep, rest = value.partition("://")
    if not sep or "@" not in rest:
        return value
    credentials, _, host = rest.rpartition("@")
    user = credentials.split(":", 1)[0]
    return f"{scheme}://{user}{':***' if ':' in credentials else ''}@{host}"


def without_password(url: URL) -> URL:
    """The URL to remember (settings, the office's list of connections): never a password."""
    return URL.create(
        url.drivername,
        username=url.username,
        host=url.host,
        port=url.port,
        database=url.database,
        query=url.query,
    )


def server_location(url: URL) -> str:
    """How messages name a server database: host:port/database (no user, no password)."""
    port = f":{url.port}" if url.port else ""
    return f"{url.host}{port}/{url.database}"


def open_server_engine(url: URL, *, password: str | None = None) -> Engine:
    """An engine on the server database `url`. The password comes from the URL, from
    libpq's password file (PGPASSFILE, ~/.pgpass, %APPDATA%\\postgresql\\pgpass.conf), or
    from `password` (asked of the user, kept in memory only)."""
    connect_args: dict[str, Any] = {
        "connect_timeout": CONNECT_TIMEOUT_S,
        "application_name": "swdesk",
    }
    if password is not None:
        connect_args["password"] = password
    return create_engine(
        url,
        hide_parameters=True,
        pool_pre_ping=True,
        pool_size=4,
        connect_args=connect_args,
    )


def driver_version() -> str | None:
    """psycopg's version, its implementation and libpq's version (e.g. "psycopg 3.3.9
    (binary), libpq 17.6"), loading what a server connection loads; None when the
    `swdesk[postgres]` extra is not installed."""
    try:
        import psycopg
        from sqlalchemy.dialects.postgresql import psycopg as _dialect  # noqa: F401
    except ImportError:
        return None
    libpq = psycopg.pq.version()
    return (
        f"psycopg {psycopg.__version__} ({psycopg.pq.__impl__}), "
        f"libpq {libpq // 10000}.{libpq % 100}"
    )


def advisory_lock_key(name: str) -> int:
    """A stable signed 64-bit key for pg_advisory_xact_lock, derived from `name`."""
    digest = hashlib.sha256(f"swdesk:{name}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def take_advisory_lock(connection: Connection, name: str) -> None:
    """Wait for, then hold until this transaction ends, the server-wide lock `name`: the
    schema upgrade, the audit chain's next link. Other clients asking for it wait."""
    connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": advisory_lock_key(name)})


@dataclass(frozen=True, slots=True)
class ServerState:
    """What a look at a server database found (like `migrating.DatabaseState`)."""

    revisions: tuple[str, ...]
    has_tables: bool


def inspect_server(connection: Connection) -> ServerState:
    """The schema revision and whether any other table exists, read without writing."""
    tables = set(inspect(connection).get_table_names())
    revisions: tuple[str, ...] = ()
    if VERSION_TABLE in tables:
        rows = connection.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).all()
        revisions = tuple(sorted(str(row[0]) for row in rows))
    return ServerState(revisions=revisions, has_tables=bool(tables - {VERSION_TABLE}))


# SQLSTATE codes (PostgreSQL appendix A) the user can act on
_LOGIN_FAILED = {"28P01", "28000"}  # invalid password / invalid authorization
_NO_DATABASE = "3D000"
_LOGIN_FAILED_WORDS = ("password authentication failed", "口令认证失败", "密码认证失败")
_NO_DATABASE_WORDS = ("does not exist", "不存在")
_DISK_FULL = "53100"
_READ_ONLY = {"25006"}  # read-only transaction (a standby)
_NO_PERMISSION = "42501"


def server_error(exc: BaseException | None, location: str) -> UserFixableError | None:
    """What a psycopg error met on the server `location` means for the user, or None when
    it is not something the user can act on (a bug, or a conflict the caller retries)."""
    try:
        import psycopg
    except ImportError:  # pragma: no cover - only reached with the postgres extra installed
        return None
    if exc is None or not isinstance(exc, psycopg.Error):
        return None
    state = exc.sqlstate or ""
    message = str(exc)
    # A refused connection carries no SQLSTATE, only the server's sentence (in English, or
    # in the server's language: a Chinese server answers in Chinese)
    refused = not state  # the connection itself failed: only the sentence tells why
    if state in _LOGIN_FAILED or (refused and any(w in message for w in _LOGIN_FAILED_WORDS)):
        return UserFixableError("server_login_failed", server=location)
    if refused and "no password supplied" in message:
        return UserFixableError("server_password_needed", server=location)
    if state == _NO_DATABASE or (refused and any(w in message for w in _NO_DATABASE_WORDS)):
        return UserFixableError("server_database_missing", server=location)
    if state == _DISK_FULL:
        return UserFixableError("server_disk_full", server=location)
    if state in _READ_ONLY:
        return UserFixableError("server_read_only", server=location)
    if state == _NO_PERMISSION:
        return UserFixableError("server_no_permission", server=location)
    if isinstance(exc, psycopg.OperationalError) and not state:
        # no SQLSTATE: the connection itself failed (refused, timed out, name unknown, lost)
        return UserFixableError("server_unreachable", server=location)
    return None
