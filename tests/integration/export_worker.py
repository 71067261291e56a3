"""The process the export crash tests kill: it writes into a user's folder through swdesk
and sends itself SIGKILL at a chosen step.

`sys.executable export_worker.py MODE DATA TARGET KILL_AT`

- `export`: opens the practitioner data folder DATA and exports 张晓梅's application to
  TARGET (a `.swdapp` path);
- `backup`: opens DATA and writes the one-file backup TARGET (a `.swdbak` path).

Steps are counted from the moment the work starts: before and after every rename or hard
link (`os.replace`, `os.rename`, `os.link`), before and after every COMMIT that changed
something, and after every fsync of a file in TARGET's folder. Each step is printed
("step <n> <what>") and flushed before it happens; at step KILL_AT the process kills
itself with SIGKILL. KILL_AT -1 kills nowhere: the process prints every step, then
"done <bundle id or backup size>".

`sys.executable export_worker.py serve` is a fork server, so that a dozen kills do not pay
a dozen interpreter, SQLAlchemy and ReportLab start-ups: it imports swdesk and loads the
PDF fonts once, then for each line "MODE DATA TARGET KILL_AT OUT" read from stdin forks one
worker as above, whose stdout goes to the file OUT and stderr to OUT.err, waits for it and
prints "exit <code>" (-9: killed). `WorkerServer` is the parent's handle on it.
"""

from __future__ import annotations

import os
import select
import shlex
import signal
import subprocess
import sys
import traceback
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path
from typing import Any

TODAY = date(2026, 11, 28)
APPLIED_AT = datetime(2026, 11, 28, 9, 0, 0)


def _say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


class Steps:
    def __init__(self, kill_at: int) -> None:
        self.kill_at = kill_at
        self.count = 0

    def __call__(self, what: str) -> None:
        _say(f"step {self.count} {what}")
        if self.count == self.kill_at:
            os.kill(os.getpid(), signal.SIGKILL)
        self.count += 1


def install(steps: Steps, engine: Any, folder: Path) -> None:
    """Count renames, links, commits that changed something, and fsyncs in `folder`."""
    from sqlalchemy import event

    for name in ("replace", "rename", "link"):
        real = getattr(os, name)

        def counted(
            src: Any, dst: Any, *args: Any, _real: Any = real, _name: str = name, **kwargs: Any
        ) -> Any:
            target = Path(os.fsdecode(dst)).name
            steps(f"before-{_name} {target}")
            result = _real(src, dst, *args, **kwargs)
            steps(f"after-{_name} {target}")
            return result

        setattr(os, name, counted)
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        real_fsync(fd)
        try:
            where = Path(os.readlink(f"/proc/self/fd/{fd}"))
        except OSError:
            return
        if where.parent == folder and where.name.startswith("."):
            steps(f"after-fsync {where.name.split('.partial-')[0]}")

    os.fsync = fsync  # type: ignore[assignment]
    dialect = engine.dialect
    real_commit = dialect.do_commit
    changes_at_begin: dict[int, int] = {}

    @event.listens_for(engine, "begin")
    def on_begin(connection: Any) -> None:
        raw = connection.connection.dbapi_connection
        changes_at_begin[id(raw)] = raw.total_changes

    def do_commit(pooled: Any) -> None:
        raw = pooled.dbapi_connection
        changed = raw.total_changes != changes_at_begin.get(id(raw))
        if changed:
            steps("before-commit")
        real_commit(pooled)
        if changed:
            steps("after-commit")

    dialect.do_commit = do_commit


def main(mode: str, data: Path, target: Path, kill_at: int) -> None:
    from swdesk.services.workspace import open_workspace

    ws = open_workspace(data, clock=lambda: TODAY)
    steps = Steps(kill_at)
    if mode == "export":
        zhang = next(p.id for p in ws.profiles.list_profiles() if p.name == "张晓梅")
        draft = replace(
            ws.applications.current_draft(zhang),
            declaration_accepted=True,
            declaration_accepted_at=APPLIED_AT,
        )
        install(steps, ws.database.engine, target.parent)
        _say("ready")
        result = ws.applications.export(draft, target)
        _say(f"done {result.bundle_id}")
    elif mode == "backup":
        from swdesk.services.backup import create_backup_file

        install(steps, ws.database.engine, target.parent)
        _say("ready")
        info = create_backup_file(ws.layout, target)
        _say(f"done {info.size}")
    else:
        raise SystemExit(f"unknown mode {mode!r}")
    ws.close()


def serve() -> None:
    """Fork one worker per request line on stdin (see the module docs)."""
    # imported once, before any fork (swdesk imports the PDF form on its first use, alembic
    # when it opens a data folder, Pillow and its image plugins when it reads a photo)
    import alembic.command  # noqa: F401
    import alembic.config  # noqa: F401
    import alembic.script  # noqa: F401
    import platformdirs  # noqa: F401
    from PIL import Image

    import swdesk.media.photo  # noqa: F401
    import swdesk.pdf.form  # noqa: F401
    import swdesk.services.backup  # noqa: F401
    import swdesk.services.workspace  # noqa: F401
    from swdesk.bundle.checks import fast_validator
    from swdesk.pdf.fonts import ensure_font
    from swdesk.rulepacks import load_pack

    ensure_font()
    Image.preinit()  # the plugins Image.open loads first
    # built once instead of in each worker (each cached per process): the bundle schemas
    # compiled to Python and the shipped rule pack
    for schema in ("manifest", "application"):
        fast_validator(schema)
    load_pack("gansu")
    for request in sys.stdin:
        mode, data, target, kill_at, out = shlex.split(request)
        pid = os.fork()
        if pid == 0:  # the worker: never returns
            code = 0
            try:
                for fd, name in ((1, out), (2, f"{out}.err")):
                    opened = os.open(name, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
                    os.dup2(opened, fd)
                    os.close(opened)
                main(mode, Path(data), Path(target), int(kill_at))
            except BaseException:  # noqa: BLE001 - report and exit, never return
                traceback.print_exc()
                code = 1
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(code)
        _, status = os.waitpid(pid, 0)
        _say(f"exit {os.waitstatus_to_exitcode(status)}")


class WorkerServer:
    """The parent's handle on a `serve` process; `run` is one worker's (exit code, stdout,
    stderr). Use as a context manager."""

    TIMEOUT_S = 300

    def __init__(self, scratch: Path) -> None:
        self.scratch = scratch
        self.runs = 0
        self._stderr = (scratch / "server.err").open("wb")
        env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join(
                [str(Path(__file__).parent), os.environ.get("PYTHONPATH", "")]
            ),
        }
        self.process = subprocess.Popen(
            [sys.executable, __file__, "serve"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
            text=True,
            encoding="utf-8",
            env=env,
        )

    def run(self, mode: str, data: Path, target: Path, kill_at: int) -> tuple[int, str, str]:
        assert self.process.stdin is not None and self.process.stdout is not None
        self.runs += 1
        out = self.scratch / f"worker-{self.runs}.out"
        self.process.stdin.write(shlex.join([mode, str(data), str(target), str(kill_at), str(out)]))
        self.process.stdin.write("\n")
        self.process.stdin.flush()
        ready, _, _ = select.select([self.process.stdout], [], [], self.TIMEOUT_S)
        line = self.process.stdout.readline() if ready else ""
        if not line.startswith("exit "):
            server_err = (self.scratch / "server.err").read_text("utf-8", errors="replace")
            raise AssertionError(f"the worker server failed ({line!r}): {server_err}")
        return (
            int(line.split()[1]),
            out.read_text("utf-8"),
            Path(f"{out}.err").read_text("utf-8", errors="replace"),
        )

    def close(self) -> None:
        if self.process.stdin is not None:
            self.process.stdin.close()
        try:
            self.process.wait(timeout=self.TIMEOUT_S)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        if self.process.stdout is not None:
            self.process.stdout.close()
        self._stderr.close()

    def __enter__(self) -> WorkerServer:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()


if __name__ == "__main__":
    if sys.argv[1:] == ["serve"]:
        serve()
    else:
        main(sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4]))
