"""The worker processes that verify and check the files of an import (`file_check.check_file`)
while the importer's process stores the files before them: both cores at work.

A `CheckPool` starts its processes at the first import of many files (`POOL_MIN_FILES`),
keeps them for the later batches and imports, and stops them when the workspace closes
(`close`). Nothing of the parent's threads, locks or open database is copied into them. On
Linux and the BSDs each is forked from multiprocessing's fork server: a clean interpreter,
started at the first such import and left running until the program ends, that imported
the checking modules (`WORKER_MODULES`) once, so no worker imports them again. Elsewhere
(Windows, macOS) each is a fresh interpreter ("spawn") that imports them itself.

`checked_in_order` hands the results back in the files' order, with up to `LOOKAHEAD` files
(and `LOOKAHEAD_BYTES`) checked ahead: more than a batch of the importer, so the workers
check the next batch while the importer stores one. A worker is sent the files in chunks
of a few (`check_chunk`): one message each way for the chunk, pickled compactly
(`worker_pickling`: the rule pack the jobs share pickled once an import, unpickled once a
worker).

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
import sys
import threading
from collections import deque
from collections.abc import Callable, Generator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from . import worker_pickling
from .file_check import CheckedFile, CheckJob, Refusal, check_file

__all__ = [
    "CHUNK_BYTES",
    "CHUNK_FILES",
    "LOOKAHEAD",
    "LOOKAHEAD_BYTES",
    "POOL_MIN_FILES",
    "START_METHOD",
    "WORKER_MODULES",
    "CheckPool",
    "check_chunk",
    "checked_in_order",
]

log = logging.getLogger(__name__)
worker_pickling.register()  # jobs and results cross compactly, in both directions

# fewer files are checked in the importer's own process: sooner than starting the workers
# (a fresh interpreter importing swdesk, about half a second) for the first import
POOL_MIN_FILES = 32
# how the worker processes start (see above); the tests fork them from a server of their
# own, which imported swdesk once per test process (tests/fork_server.py)
START_METHOD = (
    "forkserver"
    if "forkserver" in multiprocessing.get_all_start_methods() and sys.platform != "darwin"
    else "spawn"
)
# what the fork server imports before it forks a worker: the worker's entry function and
# what the check of an ordinary bundle loads on first use (no database, no Qt, no signing)
WORKER_MODULES = [
    "swdesk.services.review.check_pool",
    "swdesk.services.review.file_check",
    "swdesk.bundle.validators.application_schema",
    "swdesk.bundle.validators.manifest_schema",
    "swdesk.media.photo",
    "pypdfium2",
]
# files checked ahead of the one being stored: more than a batch (`importer.BATCH_FILES`),
# so the workers go on checking the next batch while the importer stores one
LOOKAHEAD = 64
LOOKAHEAD_BYTES = 256 << 20
CHUNK_FILES = 4  # files a worker checks per message
CHUNK_BYTES = 8 << 20  # ... or fewer: a large file is a chunk of its own
WORKER_STOPPED = "worker_stopped"


def _workers() -> int:
    return max(1, min(2, os.cpu_count() or 1))


def _context() -> multiprocessing.context.BaseContext:
    """The start method of the workers; the fork server's modules set before it starts
    (once it runs, the modules it imported stay: the tests' server imports more)."""
    context = multiprocessing.get_context(START_METHOD)
    if isinstance(context, multiprocessing.context.ForkServerContext):
        context.set_forkserver_preload(WORKER_MODULES)
    return context


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

    def prepare(self) -> None:
        """Start, in the background, what the workers are forked from: the fork server,
        which imports the checking modules (about 0.15 s of one core) while the reviewer is
        still choosing files, so that an import's first files are checked at once. Nothing
        with "spawn", where each worker is its own interpreter started by the import. A
        failure is left to the import, which starts the server itself or checks in this
        process."""
        context = _context()
        if not isinstance(context, multiprocessing.context.ForkServerContext):
            return
        from multiprocessing import forkserver

        try:
            forkserver.ensure_running()
        except OSError as exc:
            log.warning("the import's fork server did not start now (%s)", type(exc).__name__)

    def submit(self, jobs: Sequence[CheckJob]) -> Future[list[CheckedFile]]:
        if self._executor is None:
            self._executor = ProcessPoolExecutor(
                self.workers, mp_context=_context(), initializer=_end_with_parent
            )
            self.starts += 1
        return self._executor.submit(check_chunk, self.work, jobs)

    def restart(self) -> None:
        """Drop broken processes; the next `submit` starts new ones."""
        self.close()

    def close(self) -> None:
        """Stop the processes (files not started are dropped); idle until the next submit."""
        executor, self._executor = self._executor, None
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)


def check_chunk(
    work: Callable[[CheckJob], CheckedFile], jobs: Sequence[CheckJob]
) -> list[CheckedFile]:
    """In a worker: `work` on each job of a chunk, in order (one message each way for the
    chunk; what the jobs share, the rule pack, is pickled once)."""
    return [work(job) for job in jobs]


def _discard(future: Future[list[CheckedFile]]) -> None:
    """Wait for results nobody will store and delete their copies."""
    try:
        checked = future.result()
    except BaseException:  # noqa: BLE001 - a broken pool: no copy to delete
        return
    for item in checked:
        if item.verified is not None:
            item.verified.temp.unlink(missing_ok=True)


def _chunks(paths: Sequence[Path]) -> Generator[tuple[list[Path], int], None, None]:
    """`paths` in order, in chunks of up to CHUNK_FILES files and CHUNK_BYTES (a larger
    file goes alone), so that two workers share even a few large files."""
    chunk: list[Path] = []
    size = 0
    for path in paths:
        try:
            length = path.stat().st_size
        except OSError:  # its check says why
            length = 0
        if chunk and (len(chunk) >= CHUNK_FILES or size + length > CHUNK_BYTES):
            yield chunk, size
            chunk, size = [], 0
        chunk.append(path)
        size += length
    if chunk:
        yield chunk, size


def checked_in_order(
    pool: CheckPool, paths: Sequence[Path], job_of: Callable[[Path], CheckJob]
) -> Generator[CheckedFile, None, None]:
    """The checked files of `paths` in order, checked by `pool` in chunks, up to
    LOOKAHEAD files ahead. Closing the iterator early (a cancel) drops the chunks not
    started and deletes the copies of the files checked for nothing."""
    window: deque[tuple[list[Path], int, Future[list[CheckedFile]]]] = deque()
    ahead, ahead_bytes = 0, 0  # files and bytes in `window`
    chunks = _chunks(paths)
    following = next(chunks, None)
    done: deque[CheckedFile] = deque()
    try:
        while window or following is not None or done:
            while following is not None and (
                not window
                or (
                    ahead + len(following[0]) <= LOOKAHEAD
                    and ahead_bytes + following[1] <= LOOKAHEAD_BYTES
                )
            ):
                chunk, size = following
                window.append((chunk, size, _submit(pool, [job_of(path) for path in chunk])))
                ahead, ahead_bytes = ahead + len(chunk), ahead_bytes + size
                following = next(chunks, None)
            if not done:
                chunk, size, future = window.popleft()
                ahead, ahead_bytes = ahead - len(chunk), ahead_bytes - size
                done.extend(_results(pool, chunk, future, job_of))
            yield done.popleft()
    finally:
        for item in done:  # checked, never stored
            if item.verified is not None:
                item.verified.temp.unlink(missing_ok=True)
        for _chunk, _size, future in window:
            if not future.cancel():
                _discard(future)


def _submit(pool: CheckPool, jobs: list[CheckJob]) -> Future[list[CheckedFile]]:
    """`pool.submit`, started again once if it is broken; if no process can be started
    (no memory, no more processes allowed) the files are checked in this process."""
    for _attempt in range(2):
        try:
            return pool.submit(jobs)
        except (OSError, RuntimeError) as exc:  # BrokenProcessPool is a RuntimeError
            failure = exc
            pool.restart()
    log.warning(
        "the import's worker processes could not be started (%s); the files are checked "
        "in this process",
        type(failure).__name__,
    )
    done: Future[list[CheckedFile]] = Future()
    done.set_result([check_file(job) for job in jobs])
    return done


def _results(
    pool: CheckPool,
    chunk: list[Path],
    future: Future[list[CheckedFile]],
    job_of: Callable[[Path], CheckJob],
) -> list[CheckedFile]:
    """The chunk's checked files; when its worker stopped, each file checked again alone."""
    try:
        return future.result()
    except BrokenProcessPool:
        pool.restart()
    log.warning("a worker process checking the import's files stopped; the files are checked again")
    return [_alone(pool, path, job_of) for path in chunk]


def _alone(pool: CheckPool, path: Path, job_of: Callable[[Path], CheckJob]) -> CheckedFile:
    """One file checked again in a chunk of its own; refused if its worker stops again."""
    try:
        return _submit(pool, [job_of(path)]).result()[0]
    except BrokenProcessPool:
        pool.restart()
    log.error("a worker process stopped twice while checking one file; the file is refused")
    return CheckedFile(path, refused=Refusal("import_failed", {"reason": WORKER_STOPPED}))
