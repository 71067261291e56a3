"""Work functions for the import's worker processes in tests (`CheckPool(work=...)`): a
module of its own, so a process started with "spawn" finds them by name."""

from __future__ import annotations

import json
import os
import sys

from swdesk.services.review.file_check import CheckedFile, CheckJob, check_file


def dies_on_crash_files(job: CheckJob) -> CheckedFile:
    """`check_file`, except that the worker process dies at once (as a crash in a native
    library would end it) on a file whose name starts with "crash"."""
    if job.path.name.startswith("crash"):
        os._exit(70)
    return check_file(job)


def checked_noting_modules(job: CheckJob) -> CheckedFile:
    """`check_file`, after which the worker process writes the names of the modules it has
    loaded (its start, the job's unpickling and the check itself) to modules-PID.json in
    the job's reviewer folder (`place.root`)."""
    checked = check_file(job)
    loaded = json.dumps(sorted(sys.modules))
    (job.place.root / f"modules-{os.getpid()}.json").write_text(loaded, encoding="utf-8")
    return checked
