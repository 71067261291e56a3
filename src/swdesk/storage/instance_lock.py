"""One running swdesk per data directory, enforced by an OS file lock.

The lock is the operating system's own on an open file: `flock` on Linux and macOS, a
one-byte `msvcrt.locking` range on Windows. The OS releases it when the process dies, so a
crash never leaves a stale lock, and it belongs to the process (any thread may release it).

It is taken with the standard library rather than the `filelock` package: this is the one
lock swdesk takes before its first window, a non-blocking try on one file, and importing
filelock 4 (about twenty modules of its own, with `platform`, `secrets` and OpenSSL's
hashing) cost about 5 % of a cold start to the dashboard.
"""

from __future__ import annotations

import errno
import os
import sys
from pathlib import Path
from types import TracebackType

from swdesk.domain.errors import UserFixableError

LOCK_FILE_NAME = "swdesk.lock"
# What a non-blocking try on a lock another open file holds raises: EWOULDBLOCK (= EAGAIN)
# from flock, EACCES or EDEADLOCK from msvcrt.locking.
_HELD_ELSEWHERE = {errno.EAGAIN, errno.EWOULDBLOCK, errno.EACCES, errno.EDEADLK}


class AlreadyRunning(UserFixableError):
    """Another swdesk already uses this data directory."""

    def __init__(self, path: Path) -> None:
        super().__init__("already_running", path=str(path))


def _try_lock(fd: int) -> None:
    """Lock the open file `fd` without waiting; OSError if it is held elsewhere."""
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def _unlock(fd: int) -> None:
    """Release the lock of `fd` (closing the file would release it too)."""
    if sys.platform == "win32":
        import msvcrt

        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_UN)


class InstanceLock:
    """A held instance lock; `release()`/`close()` or leaving a `with` block frees it.

    Keep a reference for as long as the app runs: the lock lives as long as its open file.
    """

    def __init__(self, fd: int, path: Path) -> None:
        self._fd: int | None = fd
        self.path = path

    @property
    def held(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        """Let another swdesk open this data directory; calling it twice is fine."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        try:
            _unlock(fd)
        finally:
            os.close(fd)

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

    def __del__(self) -> None:
        if self._fd is not None:
            os.close(self._fd)  # the OS drops the lock with the last open handle


def acquire_instance_lock(data_dir: Path) -> InstanceLock:
    """Take the data directory's lock without waiting; raises `AlreadyRunning` if held,
    by another process or by another lock of this one."""
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / LOCK_FILE_NAME
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        _try_lock(fd)
    except OSError as exc:
        os.close(fd)
        if exc.errno in _HELD_ELSEWHERE:
            raise AlreadyRunning(path) from exc
        raise
    return InstanceLock(fd, path)
