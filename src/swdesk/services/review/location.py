"""Where a reviewer workspace (an office) lives: a folder on this PC, or a server.

A `pathlib.Path` is today's reviewer folder (`<data-dir>/review`: a SQLite database, the
bundles folder and the instance lock). A `ReviewServer` is an office kept in a PostgreSQL
database on a server of the office's own network, shared by its staff's PCs: its address
(`postgresql://[user@]host[:port]/database`) and, only in memory, a password. Nothing here
writes a password anywhere: the address the user may want remembered is `ReviewServer.url`
(never with a password); libpq's password file (`~/.pgpass`,
`%APPDATA%\\postgresql\\pgpass.conf`, or PGPASSFILE) is read by the driver itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TypeAlias

from sqlalchemy import URL, Engine

from swdesk.database.server import (
    is_server_url,
    open_server_engine,
    parse_server_url,
    server_error,
    server_location,
    without_password,
)
from swdesk.domain.errors import UserFixableError

__all__ = [
    "ReviewLocation",
    "ReviewServer",
    "is_server_url",
    "location_text",
    "server_failure",
]


@dataclass(frozen=True, slots=True)
class ReviewServer:
    """An office's database on a server: `url` without a password (a password written in
    the URL is taken out of it into `password`), and the password if the user gave one
    (else libpq's password file is used). Raises UserFixableError "server_url_invalid"
    for an address that is not a PostgreSQL database's."""

    url: str
    password: str | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        parsed = parse_server_url(self.url)
        if parsed.password is not None and self.password is None:
            object.__setattr__(self, "password", str(parsed.password))
        clean = without_password(parsed).set(drivername="postgresql")
        object.__setattr__(self, "url", clean.render_as_string(hide_password=False))

    @property
    def sqlalchemy_url(self) -> URL:
        """The URL the engine uses (psycopg 3), without the password."""
        return parse_server_url(self.url)

    @property
    def location(self) -> str:
        """host:port/database: how messages and window titles name the office."""
        return server_location(self.sqlalchemy_url)

    def with_password(self, password: str | None) -> ReviewServer:
        """The same server with `password` (asked of the user) for this session."""
        return replace(self, password=password)

    def engine(self) -> Engine:
        """An engine on the database (connections are made lazily, on first use)."""
        try:
            return open_server_engine(self.sqlalchemy_url, password=self.password)
        except ImportError as exc:  # swdesk without its `postgres` extra
            raise UserFixableError("server_driver_missing", server=self.location) from exc


ReviewLocation: TypeAlias = Path | ReviewServer


def location_text(where: ReviewLocation) -> str:
    """A folder's path, or a server's host:port/database, for messages and titles."""
    return where.location if isinstance(where, ReviewServer) else str(where)


def server_failure(exc: BaseException, server: ReviewServer) -> UserFixableError | None:
    """The user's error for a failure reaching or using `server` (a SQLAlchemy error
    wrapping psycopg's, or psycopg's own), or None when it is not one the user can act on."""
    return server_error(getattr(exc, "orig", None) or exc, server.location)
