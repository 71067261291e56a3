"""Work functions for the import's worker processes in tests (`CheckPool(work=...)`): a
module of its own, so a process started with "spawn" finds them by name."""

from __future__ import annotations

import os

from swdesk.services.review.file_check import CheckedFile, CheckJob, check_file


def dies_on_crash_files(job: CheckJob) -> CheckedFile:
    """`check_file`, except that the worker process dies at once (as a crash in a native
    library would end it) on a file whose name starts with "crash"."""
    if job.path.name.startswith("crash"):
        os._exit(70)
    return check_file(job)
