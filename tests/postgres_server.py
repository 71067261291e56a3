"""A PostgreSQL server of the tests' own, started from Debian's server binaries.

`initdb` makes a cluster in a fresh temporary folder, the server listens on a free port on
127.0.0.1 only (no Unix socket), and it is stopped and its folder removed when the test
session (each xdist worker's) ends. PostgreSQL refuses to run as root, so under root (CI) the
cluster belongs to the unprivileged `nobody` account and the server runs as that user.

Connections authenticate for real: the superuser has a random password (scram-sha-256), which
the tests' processes find in a libpq password file named by PGPASSFILE, the way an office PC
keeps it; no URL in a test holds a password.

Each test that wants a server gets its own empty database (`postgres_database`), so tests
neither see nor disturb each other. The server copies a database's template file by file
(`CREATE DATABASE ... STRATEGY = FILE_COPY`, see `SuiteServer`), not through its write-ahead
log (WAL_LOG, the default since PostgreSQL 15): the same database for a tenth of the
server's work, which the hundreds of databases of a run add up to.

Without the binaries the tests that need them skip and say why; with
SWDESK_REQUIRE_POSTGRES=1 (CI, which installs them) a missing server fails instead of
skipping.
"""

from __future__ import annotations

import contextlib
import dataclasses
import importlib.util
import os
import re
import secrets
import sys
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest


def _load_cluster_module() -> ModuleType:
    """benchmarks/pg_cluster.py (the cluster code the server benchmarks share), loaded by
    its path: putting benchmarks/ on sys.path would let its modules shadow the tests'."""
    name = "swdesk_bench_pg_cluster"
    if name not in sys.modules:
        path = Path(__file__).resolve().parents[1] / "benchmarks" / "pg_cluster.py"
        spec = importlib.util.spec_from_file_location(name, path)
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


_pg = _load_cluster_module()
Cluster = _pg.Cluster
PostgresServer = _pg.PostgresServer
find_bin_dir = _pg.find_bin_dir
NOT_FOUND: str = _pg.NOT_FOUND
SUPERUSER: str = _pg.SUPERUSER


# a CREATE DATABASE that names no strategy (FILE_COPY needs PostgreSQL 15 or later)
_CREATE_DATABASE = re.compile(r"\s*CREATE\s+DATABASE\s", re.IGNORECASE)
_STRATEGY = re.compile(r"\bSTRATEGY\b", re.IGNORECASE)
FILE_COPY_SINCE = 150000  # server_version_num of PostgreSQL 15


@dataclasses.dataclass(frozen=True)
class SuiteServer(PostgresServer):
    """The tests' server: `admin` runs a CREATE DATABASE that names no strategy with
    STRATEGY = FILE_COPY. WAL_LOG, PostgreSQL's default, writes every page of the template
    to the write-ahead log: measured on a migrated review office, about 0.25 s of the
    server's CPU per database against 0.02 s for a file copy (which costs a checkpoint, all
    but free with fsync off). The copy is the same database either way; only the tests'
    own statements pass here, never swdesk's."""

    file_copy: bool = True

    def admin(self, sql: str) -> None:
        if self.file_copy and _CREATE_DATABASE.match(sql) and not _STRATEGY.search(sql):
            sql = f"{sql} STRATEGY = FILE_COPY"
        super().admin(sql)

    @classmethod
    def of(cls, server: PostgresServer) -> SuiteServer:
        """`server` as a SuiteServer, FILE_COPY only where the server has it."""
        with server.maintenance() as connection:
            version = connection.info.server_version
        fields = {f.name: getattr(server, f.name) for f in dataclasses.fields(server)}
        return cls(**fields, file_copy=version >= FILE_COPY_SINCE)


# The server of this process. A module importing the fixture registers a fixture of its own
# beside the conftest's: without this, each would start a cluster and point PGPASSFILE at
# its own password file, and connections to the other clusters would find no password.
_running: list[PostgresServer] = []


@pytest.fixture(scope="session")
def postgres_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PostgresServer]:
    """One server per test process, started on first use (every module importing this
    fixture gets the same one)."""
    if _running:
        yield _running[0]
        return
    bin_dir = find_bin_dir()
    if bin_dir is None:
        if os.environ.get("SWDESK_REQUIRE_POSTGRES") == "1":
            pytest.fail(f"SWDESK_REQUIRE_POSTGRES=1 but {NOT_FOUND}")
        pytest.skip(NOT_FOUND)
    pytest.importorskip("psycopg", reason="psycopg (swdesk[postgres]) is not installed")
    cluster = Cluster(bin_dir)
    try:
        port = cluster.start()
        server = SuiteServer.of(cluster.server(port, tmp_path_factory.mktemp("libpq")))
        passfile = server.passfile
        previous = os.environ.get("PGPASSFILE")
        os.environ["PGPASSFILE"] = str(passfile)
        _running.append(server)
        try:
            yield server
        finally:
            _running.clear()
            if previous is None:
                os.environ.pop("PGPASSFILE", None)
            else:
                os.environ["PGPASSFILE"] = previous
    finally:
        cluster.stop()


@pytest.fixture
def postgres_database(postgres_server: PostgresServer, request: pytest.FixtureRequest) -> str:
    """The URL of a new, empty database for this test alone (dropped afterwards)."""
    name = f"t_{secrets.token_hex(6)}"
    postgres_server.admin(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        with contextlib.suppress(Exception):
            postgres_server.admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    request.addfinalizer(drop)
    return postgres_server.url(name)
