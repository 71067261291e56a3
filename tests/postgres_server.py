"""A PostgreSQL server of the tests' own, started from Debian's server binaries.

`initdb` makes a cluster in a fresh temporary folder, the server listens on a free port on
127.0.0.1 only (no Unix socket), and it is stopped and its folder removed when the test
session (each xdist worker's) ends. PostgreSQL refuses to run as root, so under root (CI) the
cluster belongs to the unprivileged `nobody` account and the server runs as that user.

Connections authenticate for real: the superuser has a random password (scram-sha-256), which
the tests' processes find in a libpq password file named by PGPASSFILE, the way an office PC
keeps it; no URL in a test holds a password.

Each test that wants a server gets its own empty database (`postgres_database`), so tests
neither see nor disturb each other. Without the binaries the tests that need them skip and
say why; with SWDESK_REQUIRE_POSTGRES=1 (CI, which installs them) a missing server fails
instead of skipping.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import secrets
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

SUPERUSER = "swdesk_test"
BINARIES = ("initdb", "pg_ctl", "postgres")
NOT_FOUND = (
    "the PostgreSQL server binaries (initdb, pg_ctl, postgres) were not found: install "
    "Debian's postgresql package (or set SWDESK_PG_BINDIR)"
)


def find_bin_dir() -> Path | None:
    """The folder holding initdb, pg_ctl and postgres: SWDESK_PG_BINDIR, then PATH, then
    Debian's /usr/lib/postgresql/<version>/bin (newest first)."""
    candidates: list[Path] = []
    if os.environ.get("SWDESK_PG_BINDIR"):
        candidates.append(Path(os.environ["SWDESK_PG_BINDIR"]))
    on_path = shutil.which("pg_ctl")
    if on_path:
        candidates.append(Path(on_path).resolve().parent)
    versions = sorted(
        glob.glob("/usr/lib/postgresql/*/bin"),
        key=lambda p: int(Path(p).parent.name) if Path(p).parent.name.isdigit() else 0,
        reverse=True,
    )
    candidates += [Path(p) for p in versions]
    for folder in candidates:
        if all(os.access(folder / name, os.X_OK) for name in BINARIES):
            return folder
    return None


def _free_port() -> int:
    with contextlib.closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass(frozen=True)
class PostgresServer:
    """A running test server: where it listens and how to reach a database on it."""

    host: str
    port: int
    user: str
    bin_dir: Path
    passfile: Path

    def url(self, database: str) -> str:
        """The SQLAlchemy URL of `database` (no password: libpq reads PGPASSFILE)."""
        return f"postgresql+psycopg://{self.user}@{self.host}:{self.port}/{database}"

    def libpq_env(self) -> dict[str, str]:
        """Environment for libpq tools (pg_dump, pg_restore, psql) and child processes."""
        return {
            "PGHOST": self.host,
            "PGPORT": str(self.port),
            "PGUSER": self.user,
            "PGPASSFILE": str(self.passfile),
        }

    def admin(self, sql: str) -> None:
        """Run one statement in the maintenance database (outside a transaction)."""
        import psycopg

        with psycopg.connect(
            host=self.host, port=self.port, user=self.user, dbname="postgres", autocommit=True
        ) as connection:
            connection.execute(sql)  # type: ignore[arg-type]


class _Cluster:
    """initdb, start and stop of one cluster in a temporary folder."""

    def __init__(self, bin_dir: Path) -> None:
        self.bin_dir = bin_dir
        # under root the server's user must reach the folder: /tmp is open to every user,
        # a TMPDIR inside root's own folders may not be
        parent = "/tmp" if os.geteuid() == 0 and Path("/tmp").is_dir() else None
        self.root = Path(tempfile.mkdtemp(prefix="swdesk-pg-", dir=parent))
        self.data = self.root / "data"
        self.log = self.root / "server.log"
        self.run_as: int | None = None
        if os.geteuid() == 0:
            nobody = pwd.getpwnam("nobody")
            self.run_as = nobody.pw_uid
            os.chown(self.root, nobody.pw_uid, nobody.pw_gid)
        self.root.chmod(0o700)
        self.password = secrets.token_urlsafe(24)

    def _run(self, *args: str) -> None:
        result = subprocess.run(
            [str(self.bin_dir / args[0]), *args[1:]],
            capture_output=True,
            text=True,
            user=self.run_as,
            cwd=self.root,
            timeout=120,
            check=False,
        )
        if result.returncode != 0:
            log = self.log.read_text(errors="replace") if self.log.exists() else ""
            raise RuntimeError(
                f"{args[0]} failed ({result.returncode}): {result.stderr}{result.stdout}{log}"
            )

    def start(self) -> int:
        pwfile = self.root / "pw"
        pwfile.write_text(self.password + "\n")
        if self.run_as is not None:
            os.chown(pwfile, self.run_as, -1)
        self._run(
            "initdb",
            "-D",
            str(self.data),
            "-U",
            SUPERUSER,
            f"--pwfile={pwfile}",
            "--auth=scram-sha-256",
            "-E",
            "UTF8",
            "--locale=C",
            "--no-sync",
        )
        pwfile.unlink()
        for _attempt in range(5):
            port = _free_port()
            options = (
                f"-c listen_addresses=127.0.0.1 -p {port} -c unix_socket_directories='' "
                "-c fsync=off -c max_connections=60 -c shared_buffers=32MB"
            )
            try:
                self._run(
                    "pg_ctl", "start", "-w", "-t", "60", "-D", str(self.data), "-l",
                    str(self.log), "-o", options,
                )  # fmt: skip
            except RuntimeError:
                if "could not bind" in (self.log.read_text(errors="replace")):
                    continue
                raise
            return port
        raise RuntimeError("no free port for the test PostgreSQL server")

    def stop(self) -> None:
        with contextlib.suppress(RuntimeError, subprocess.TimeoutExpired):
            self._run("pg_ctl", "stop", "-D", str(self.data), "-m", "fast", "-w")
        shutil.rmtree(self.root, ignore_errors=True)


@pytest.fixture(scope="session")
def postgres_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PostgresServer]:
    """One server per test process, started on first use."""
    bin_dir = find_bin_dir()
    if bin_dir is None:
        if os.environ.get("SWDESK_REQUIRE_POSTGRES") == "1":
            pytest.fail(f"SWDESK_REQUIRE_POSTGRES=1 but {NOT_FOUND}")
        pytest.skip(NOT_FOUND)
    pytest.importorskip("psycopg", reason="psycopg (swdesk[postgres]) is not installed")
    cluster = _Cluster(bin_dir)
    try:
        port = cluster.start()
        passfile = tmp_path_factory.mktemp("libpq") / "pgpass"
        passfile.write_text(f"127.0.0.1:{port}:*:{SUPERUSER}:{cluster.password}\n")
        passfile.chmod(0o600)
        server = PostgresServer("127.0.0.1", port, SUPERUSER, bin_dir, passfile)
        previous = os.environ.get("PGPASSFILE")
        os.environ["PGPASSFILE"] = str(passfile)
        try:
            yield server
        finally:
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
