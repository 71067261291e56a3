"""A PostgreSQL server of our own, started from Debian's server binaries: for the tests
(tests/postgres_server.py wraps it in pytest fixtures) and the server benchmarks.

`initdb` makes a cluster in a fresh temporary folder, the server listens on a free port on
127.0.0.1 only (no Unix socket), and `stop` stops it and removes its folder. PostgreSQL
refuses to run as root, so under root (CI) the cluster belongs to the unprivileged `nobody`
account and the server runs as that user.

Connections authenticate for real: the superuser has a random password (scram-sha-256), which
clients find in a libpq password file named by PGPASSFILE, the way an office PC keeps it; no
URL holds a password. Standard library only (psycopg for `PostgresServer.admin`).
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import secrets
import shutil
import socket
import stat
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import psycopg

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
    """A running server: where it listens and how to reach a database on it."""

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

    def maintenance(self) -> psycopg.Connection[Any]:
        """A connection to the maintenance database, autocommit (outside a transaction)."""
        import psycopg

        return psycopg.connect(
            host=self.host,
            port=self.port,
            user=self.user,
            dbname="postgres",
            autocommit=True,
            passfile=str(self.passfile),
        )

    def admin(self, sql: str) -> None:
        """Run one statement in the maintenance database (outside a transaction)."""
        with self.maintenance() as connection:
            connection.execute(sql)  # type: ignore[arg-type]


def _cluster_parent() -> str | None:
    """Where the cluster's folder goes: the temporary folder (TMPDIR). Under root the
    server runs as `nobody`, who must reach the folder: /tmp is open to every user, a
    TMPDIR inside root's own folders may not be, so it is used only when every folder on
    its path lets others through."""
    if os.geteuid() != 0:
        return None
    temp = Path(tempfile.gettempdir()).resolve()
    if all(folder.stat().st_mode & stat.S_IXOTH for folder in (temp, *temp.parents)):
        return str(temp)
    return "/tmp" if Path("/tmp").is_dir() else None


class Cluster:
    """initdb, start and stop of one cluster in a temporary folder."""

    def __init__(self, bin_dir: Path, *, max_connections: int = 60) -> None:
        self.bin_dir = bin_dir
        self.max_connections = max_connections
        parent = _cluster_parent()
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

    def start(self, *, durable: bool = False) -> int:
        """initdb and start; returns the port. `durable`: fsync on (a benchmark measures
        what an office server does), else off (tests)."""
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
                f"-c fsync={'on' if durable else 'off'} -c max_connections={self.max_connections} "
                "-c shared_buffers=32MB"
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
        raise RuntimeError("no free port for the PostgreSQL server")

    def server(self, port: int, passfile_dir: Path) -> PostgresServer:
        """The running server, its password written to a libpq password file in
        `passfile_dir`."""
        passfile = passfile_dir / "pgpass"
        passfile.write_text(f"127.0.0.1:{port}:*:{SUPERUSER}:{self.password}\n")
        passfile.chmod(0o600)
        return PostgresServer("127.0.0.1", port, SUPERUSER, self.bin_dir, passfile)

    def stop(self) -> None:
        with contextlib.suppress(RuntimeError, subprocess.TimeoutExpired):
            self._run("pg_ctl", "stop", "-D", str(self.data), "-m", "fast", "-w")
        shutil.rmtree(self.root, ignore_errors=True)
