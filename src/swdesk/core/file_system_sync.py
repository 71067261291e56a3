"""Making many new files durable at once on Linux: one syncfs(2) of their file system
instead of an fsync of each.

`syncfs` writes back everything of one file system that is not on disk yet, commits its
journal once and has the disk flush once; since Linux 5.8 it also reports a write-back
error that happened on that file system (an fsync reports only its own file's). The review
import writes a batch of copies and needs them all on disk before its commit: with one
fsync per file, 16 at a time on threads (so that ext4 commits its journal for several at
once), the importer's process spent more CPU on the threads and their wake-ups than on
storing the batch's rows, and a spinning disk still commits its journal several times a
batch.

`available()` says whether it can be used here (Linux 5.8 or later, the C library has
`syncfs`); the caller fsyncs each file where it cannot (Windows, macOS, older Linux), or
when the call is refused (`sync_file_systems` raises `Unsupported`: a sandbox's seccomp
filter, say). Any other failure is an OSError for the caller, as an fsync's would be.
Standard library only.
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Callable, Sequence
from functools import cache
from pathlib import Path

__all__ = ["Unsupported", "available", "sync_file_systems"]

# errors that say the call itself cannot be made here, not that writing failed
_REFUSED = frozenset({errno.ENOSYS, errno.EPERM, errno.EACCES, errno.EINVAL})
_MINIMUM_KERNEL = (5, 8)  # syncfs reports write-back errors from this version on


class Unsupported(OSError):
    """syncfs cannot be called here: fsync each file instead."""


def _kernel_version(release: str) -> tuple[int, int]:
    """(major, minor) of a Linux release string such as "6.1.0-18-amd64"; (0, 0) when it
    does not start with one."""
    parts = release.split("-", 1)[0].split(".")
    try:
        return int(parts[0]), int(parts[1])
    except (IndexError, ValueError):
        return (0, 0)


@cache
def _libc_syncfs() -> Callable[[int], int] | None:
    """The C library's syncfs, or None when it has none."""
    import ctypes  # only where syncfs may be used

    try:
        function = ctypes.CDLL(None, use_errno=True).syncfs
    except (AttributeError, OSError):
        return None
    function.argtypes = [ctypes.c_int]
    function.restype = ctypes.c_int

    def call(fd: int) -> int:
        if function(fd) == 0:
            return 0
        return ctypes.get_errno() or errno.EIO

    return call


@cache
def available() -> bool:
    """Whether `sync_file_systems` can be used on this computer."""
    if not sys.platform.startswith("linux"):
        return False
    if _kernel_version(os.uname().release) < _MINIMUM_KERNEL:
        return False
    return _libc_syncfs() is not None


def sync_file_systems(paths: Sequence[Path]) -> None:
    """Make the files at `paths` durable: one syncfs of each file system they are on.
    Raises `Unsupported` when the call is refused (nothing was made durable: fsync each
    file instead), another OSError when writing back failed or a file cannot be opened."""
    call = _libc_syncfs()
    if call is None:
        raise Unsupported(errno.ENOSYS, "syncfs is not available")
    by_device: dict[int, Path] = {}  # one of the files on each file system
    for path in paths:
        by_device.setdefault(os.stat(path).st_dev, path)
    for path in by_device.values():
        fd = os.open(path, os.O_RDONLY)
        try:
            failure = call(fd)
        finally:
            os.close(fd)
        if failure in _REFUSED:
            raise Unsupported(failure, os.strerror(failure), str(path))
        if failure:
            raise OSError(failure, os.strerror(failure), str(path))
