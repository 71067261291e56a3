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
"""

from __future__ import annotations

import os
import signal
import sys
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


if __name__ == "__main__":
    main(sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]), int(sys.argv[4]))
