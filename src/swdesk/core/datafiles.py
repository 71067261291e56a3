"""Files written into swdesk's own data folders, durably and all at once.

A write goes to a temporary file `.swdesk-<random>.tmp` in the target's folder, is flushed
and fsynced, then renamed over the target, and the folder is fsynced: a reader (or the next
start after a crash) sees the old file or the new one, never half of one. `atomic_output`
is that whole sequence as one context manager; a caller that must do something between the
write and the rename (the file stores journal the name first, the review importer renames
only after its database commit) uses its two halves, `write_temp` (or `temp_output`, which
leaves the errors to the caller) and `replace_durably`.
On failure the temporary file is removed; a full disk raises `UserFixableError`
"disk_full" (param `file`: the target's name). Temporary files a crash leaves behind match
`is_temp_name`; the stores' sweep removes them.

Files written into folders the user chose are `outfiles`' job (other temporary names,
permissions, exclusive publishing). Standard library only.
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, TypeVar

from swdesk.domain.errors import UserFixableError

from . import file_system_sync
from .outfiles import fsync_directory

__all__ = [
    "DISK_FULL_ERRNOS",
    "TEMP_PREFIX",
    "TEMP_SUFFIX",
    "atomic_output",
    "atomic_write_bytes",
    "ensure_writable_dir",
    "flush_to_disk",
    "fsync_directory",
    "is_temp_name",
    "replace_durably",
    "sync_files",
    "temp_output",
    "write_temp",
]

TEMP_PREFIX = ".swdesk-"
TEMP_SUFFIX = ".tmp"
DISK_FULL_ERRNOS = frozenset({errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)})
T = TypeVar("T")
_SYNC_THREADS = 16  # fsyncs in flight at once (`sync_files`)


def is_temp_name(name: str) -> bool:
    """Whether `name` is one of this module's temporary files (a crash's leftover)."""
    return name.startswith(TEMP_PREFIX) and name.endswith(TEMP_SUFFIX)


def _disk_full(exc: BaseException, file: str) -> UserFixableError | None:
    if isinstance(exc, OSError) and exc.errno in DISK_FULL_ERRNOS:
        return UserFixableError("disk_full", file=file)
    return None


def flush_to_disk(out: BinaryIO) -> None:
    """Flush `out` (a file open for writing) and make its bytes durable."""
    out.flush()
    os.fsync(out.fileno())


def sync_files(paths: Sequence[Path]) -> None:
    """Make the bytes of the files at `paths` durable, all at once. Several files on Linux:
    one syncfs of their file system (`file_system_sync`). Else an fsync of each, side by
    side on threads, so that the file system commits them together (one journal commit
    for many files on ext4, instead of one per file). Raises the first OSError."""

    def sync(path: Path) -> None:
        fd = os.open(path, os.O_RDWR)  # Windows flushes only a file open for writing
        try:
            os.fsync(fd)
        finally:
            os.close(fd)

    if len(paths) == 1:
        sync(paths[0])
        return
    if not paths:
        return
    if file_system_sync.available():
        try:
            file_system_sync.sync_file_systems(paths)
            return
        except file_system_sync.Unsupported:
            pass  # refused here (a sandbox): fsync each file
    with ThreadPoolExecutor(max_workers=min(len(paths), _SYNC_THREADS)) as pool:
        for done in [pool.submit(sync, path) for path in paths]:
            done.result()


@contextmanager
def temp_output(directory: Path, *, sync: bool = True) -> Iterator[tuple[BinaryIO, Path]]:
    """A new temporary file in `directory`: yields the open file and its path; when the
    block ends it is flushed, fsynced and closed (and stays, for the caller to rename); if
    the block (or the fsync) raises, it is removed. OSErrors are the caller's to word.
    `sync=False` leaves out the fsync: the caller makes the file durable later (many
    files at once: `sync_files`) or never needs it to be (a scratch copy)."""
    fd, name = tempfile.mkstemp(dir=directory, prefix=TEMP_PREFIX, suffix=TEMP_SUFFIX)
    temp = Path(name)
    try:
        with os.fdopen(fd, "wb") as out:
            yield out, temp
            if sync:
                flush_to_disk(out)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def write_temp(directory: Path, fill: Callable[[BinaryIO], T], *, file: str) -> tuple[Path, T]:
    """Write a fsynced temporary file in `directory` with `fill`; returns its path and what
    `fill` returned. Nothing is left behind on failure; a full disk raises "disk_full"
    (param `file`: the name the file is written for), also when not even an empty file
    fits (no free inode or directory block)."""
    try:
        with temp_output(directory) as (out, temp):
            result = fill(out)
    except OSError as exc:
        full = _disk_full(exc, file)
        if full is not None:
            raise full from exc
        raise
    return temp, result


def replace_durably(temp: Path, dest: Path) -> None:
    """Rename the finished (fsynced) temporary file `temp` over `dest` and fsync the folder;
    `temp` is removed if the rename fails."""
    try:
        os.replace(temp, dest)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    fsync_directory(dest.parent)


@contextmanager
def atomic_output(dest: Path, *, file: str | None = None) -> Iterator[BinaryIO]:
    """Write `dest` all at once: the block writes into the yielded temporary file (in
    `dest`'s folder); when it ends without an exception the file is fsynced and renamed over
    `dest`, and the folder fsynced. An exception removes the temporary file and leaves
    `dest` as it was. `file` names the target in a "disk_full" error (default: its name).

        with atomic_output(path) as out:
            out.write(data)
    """
    name = file if file is not None else dest.name
    try:
        with temp_output(dest.parent) as (out, temp):
            yield out
    except OSError as exc:
        full = _disk_full(exc, name)
        if full is not None:
            raise full from exc
        raise
    replace_durably(temp, dest)


def atomic_write_bytes(path: Path, data: bytes) -> None:
    """Replace `path` with `data` all at once (raises UserFixableError "disk_full")."""
    with atomic_output(path) as out:
        out.write(data)


def ensure_writable_dir(directory: Path) -> None:
    """Create `directory` if needed and prove a file with some bytes in it can be written
    there (an empty file can be created on a full disk: it needs no data block).

    Raises UserFixableError "not_writable" (param path) or "disk_full".
    """
    try:
        directory.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(
            dir=directory, prefix=TEMP_PREFIX + "probe-", suffix=TEMP_SUFFIX
        )
        try:
            os.write(fd, b"swdesk probe\n")
            os.fsync(fd)
        finally:
            os.close(fd)
            os.unlink(name)
    except OSError as exc:
        if exc.errno in DISK_FULL_ERRNOS:
            raise UserFixableError("disk_full", path=str(directory)) from exc
        raise UserFixableError("not_writable", path=str(directory)) from exc
