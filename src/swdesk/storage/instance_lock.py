"""One running swdesk per data directory, enforced by an OS file lock.

The lock is released by the OS if the process dies, so a crash never leaves a stale lock.
"""

from __future__ import annotations

from pathlib import Path
from types import TracebackType

from filelock import FileLock, Timeout

from swdesk.domain.errors import UserFixableError

LOCK_FILE_NAME = "swdesk.lock"


class AlreadyRunning(UserFixableError):
    """Another swdesk already uses this data directory."""

    def __init__(self, path: Path) -> None:
        super().__init__("already_running", path=str(path))


class InstanceLock:
    """A held instance lock; `release()`/`close()` or leaving a `with` block frees it.

    Keep a reference for as long as the app runs: a garbage-collected lock is released.
    """

    def __init__(self, lock: FileLock, path: Path) -> None:
        self._lock = lock
        self.path = path

    @property
    def held(self) -> bool:
        return self._lock.is_locked

    def release(self) -> None:
        """Let another swdesk open this data directory; calling it twice is fine."""
        if self._lock.is_locked:
            self._lock.release(force=True)

    close = release

    def __enter__(self) -> InstanceLock:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.release()


def acquire_instance_lock(data_dir: Path) -> InstanceLock:
    """Take the data directory's lock without waiting; raises `AlreadyRunning` if held."""
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / LOCK_FILE_NAME
    # The process's lock, not a thread's: a workspace opened on a worker (the first screen's
    # deferred opening) releases it there when opening fails, and the GUI thread at exit.
    lock = FileLock(path, timeout=0, thread_local=False)
    try:
        lock.acquire()
    except Timeout as exc:
        raise AlreadyRunning(path) from exc
    return InstanceLock(lock, path)
