"""Child processes for tests, forked from one clean interpreter that imported swdesk once.

A test that needs several processes of its own (a reviewer PC per process, the import's
worker processes) would pay a fresh interpreter importing SQLAlchemy and swdesk for each,
about a second of CPU. multiprocessing's "forkserver" start method starts one server
process per test process instead: a fresh interpreter (nothing of the test process's
threads, locks or open databases) that imports the modules of PRELOAD once, then forks a
child for each process asked for. Each child opens its own files and database connections
after the fork, as a fresh process would; the server never opens any.

`context()` is that start method, with PRELOAD set; `start` runs a function in such a child
with the caller's environment and its output in files, `finish` waits for it.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
from collections.abc import Callable, Mapping
from multiprocessing.context import ForkServerContext
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

from swdesk.services.review.check_pool import WORKER_MODULES

# what the server imports before it forks: the reviewer's service (its workspace, its import
# and what the import's workers import) on SQLite and on PostgreSQL
PRELOAD = [
    "sqlalchemy.orm",
    "sqlalchemy.dialects.postgresql.psycopg",
    "sqlalchemy.dialects.sqlite.pysqlite",
    "swdesk.services.review",  # its names load lazily: the modules behind them follow
    "swdesk.services.review.batch_import",
    "swdesk.services.review.deciding",
    "swdesk.services.review.service",
    "swdesk.services.review.workspace",
    "swdesk.services.review.folder_bundle_store",
    "swdesk.reviewstore.offices",
    "swdesk.reviewstore.orm",
    "swdesk.signing",
    "swdesk.rulepacks",
    *WORKER_MODULES,
]


def context() -> ForkServerContext:
    """The "forkserver" start method, its server importing PRELOAD (when it starts: at the
    first process started with it in this test process)."""
    forkserver = multiprocessing.get_context("forkserver")
    assert isinstance(forkserver, ForkServerContext)
    forkserver.set_forkserver_preload(PRELOAD)
    return forkserver


def _run(
    function: Callable[..., int | None], args: tuple[Any, ...], out: str, env: dict[str, str]
) -> None:
    """In the child: stdout to `out`, stderr to `out`.err, the parent's environment, then
    `function(*args)`; its return value is the exit code."""
    for fd, name in ((1, out), (2, f"{out}.err")):
        opened = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(opened, fd)
        os.close(opened)
    os.environ.clear()
    os.environ.update(env)
    code = function(*args)
    sys.stdout.flush()
    sys.exit(code or 0)


def start(
    function: Callable[..., int | None],
    *args: Any,
    out: Path,
    env: Mapping[str, str] | None = None,
) -> BaseProcess:
    """Run `function(*args)` (a module-level function) in a forked child, with `env` (this
    process's environment by default), its stdout in `out` and stderr in `out`.err."""
    process = context().Process(
        target=_run, args=(function, args, str(out), dict(os.environ if env is None else env))
    )
    process.start()
    return process


def finish(process: BaseProcess, out: Path, timeout: float) -> tuple[int | None, str, str]:
    """Wait for a child of `start`: its exit code (None if still running after `timeout`
    seconds: then it is killed), stdout and stderr."""
    process.join(timeout)
    code = process.exitcode
    if code is None:
        process.kill()
        process.join()
    err = Path(f"{out}.err")
    return (
        code,
        out.read_text("utf-8") if out.exists() else "",
        err.read_text("utf-8", errors="replace") if err.exists() else "",
    )
