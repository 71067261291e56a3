"""The worker processes that verify and check the files of an import (`file_check.check_file`)
while the importer's process stores the files before them: both cores at work.

A `CheckPool` starts its processes ("spawn": a fresh interpreter, nothing of the parent's
threads, locks or open database copied into it) at the first import of many files
(`POOL_MIN_FILES`), keeps them for the later batches and imports, and stops them when the
workspace closes (`close`). `checked_in_order` hands the results back in the files' order,
with up to `LOOKAHEAD` files checked ahead.

A worker process that dies (killed, out of memory, a crash in a native library reading a
hostile file) breaks the pool: the pool is started again and each file whose result was
lost is checked again alone; a file whose check breaks the pool a second time is refused
as "import_failed" (reason "worker_stopped"), so one file's crash is that file's verdict,
never the import's. The copy such a worker may have left in the bundles folder has a
temporary name and no journal entry: the sweep at the next opening removes it.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
from collections import deque
from collections.abc import Callable, Generator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from .file_check import CheckedFile, CheckJob, Refusal, check_file

__all__ = ["LOOKAHEAD", "POOL_MIN_FILES", "CheckPool", "checked_in_order"]

log = logging.getLogger(__name__)

# fewer files are checked in the importer's own process: sooner than starting the workers
# (a fresh interpreter importing swdesk, about half a second) for the first import
POOL_MIN_FILES = 32
LOOKAHEAD = 6  # files checked ahead of the one being stored
WORKER_STOPPED = "worker_stopped"


def _workers() -> int:
    return max(1, min(2, os.cpu_count() or 1))


def _end_with_parent() -> None:
    """In a worker: exit as soon as the process that started it has ended (killed, or a
    crash), instead of waiting for work forever with the files it inherited open."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        parent.join()  # waits on the parent's sentinel: returns when the parent has ended
        os._exit(0)

    threading.Thread(target=watch, name="swdesk-parent-watch", daemon=True).start()


class CheckPool:
    """Worker processes for `check_file`, started at first use (see the module)."""

    def __init__(
        self, workers: int | None = None, work: Callable[[CheckJob], CheckedFile] = check_file
    ) -> None:
        self.workers = workers or _workers()
        self.work = work  # a function of a module, found by name in a spawned process
        self._executor: ProcessPoolExecutor | None = None
        self.starts = 0  # how often processes were started (once, unless one died)

    @property
    def running(self) -> bool:
        return self._executor is not None

    def submit(self, job: CheckJob) -> Future[CheckedFile]:
        if self._executor is None:
            self._executor = ProcessPoolExecutor(
                self.workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_end_with_parent,
            )
            self.starts += 1
        return self._executor.submit(self.work, job)

    def restart(self) -> None:
        """Drop broken processes; the next `submit` starts new ones."""
        self.close()

    def close(self) -> None:
        """Stop the processes (files not started are dropped); idle until the next submit."""
        executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)


def _discard(future: Future[CheckedFile]) -> None:
    """Wait for a result nobody will store and delete its copy."""
    try:
        checked = future.result()
    except BaseException:  # noqa: BLE001 - a broken pool: no copy to delete
        return
    if checked.verified is not None:
        checked.verified.temp.unlink(missing_ok=True)


def checked_in_order(
    pool: CheckPool, paths: Sequence[Path], job_of: Callable[[Path], CheckJob]
) -> Generator[CheckedFile, None, None]:
    """The checked files of `paths` in order, checked by `pool` up to LOOKAHEAD ahead.
    Closing the iterator early (a cancel) drops the files not started and deletes the
    copies of those checked for nothing."""
    window: deque[tuple[Path, Future[CheckedFile]]] = deque()
    following = 0
    try:
        while window or following < len(paths):
            while following < len(paths) and len(window) < LOOKAHEAD:
                path = paths[following]
                window.append((path, _submit(pool, job_of(path))))
                following += 1
            path, future = window.popleft()
            yield _result(pool, path, future, job_of)
    finally:
        for _path, future in window:
            if not future.cancel():
                _discard(future)


def _submit(pool: CheckPool, job: CheckJob) -> Future[CheckedFile]:
    """`pool.submit`, started again once if it is broken; if no process can be started
    (no memory, no more processes allowed) the file is checked in this process."""
    for _attempt in range(2):
        try:
            return pool.submit(job)
        except (OSError, RuntimeError) as exc:  # BrokenProcessPool is a RuntimeError
            failure = exc
            pool.restart()
    log.warning(
        "the import's worker processes could not be started (%s); the file is checked "
        "in this process",
        type(failure).__name__,
    )
    done: Future[CheckedFile] = Future()
    done.set_result(check_file(job))
    return done


def _result(
    pool: CheckPool,
    path: Path,
    future: Future[CheckedFile],
    job_of: Callable[[Path], CheckJob],
) -> CheckedFile:
    try:
        return future.result()
    except BrokenProcessPool:
        pool.restart()
    log.warning("a worker process checking the import's files stopped; the file is checked again")
    try:
        return _submit(pool, job_of(path)).result()
    except BrokenProcessPool:
        pool.restart()
    log.error("a worker process stopped twice while checking one file; the file is refused")
    return CheckedFile(path, refused=Refusal("import_failed", {"reason": WORKER_STOPPED}))
