"""A full disk for tests: a real, tiny tmpfs filled to the last byte, or injected ENOSPC.

The real file system is what users hit (SQLite, shutil, the OS all fail their own way);
the injected errors reach the exact step a test is about, on any machine.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO

import pytest


@contextmanager
def tiny_tmpfs(tmp_path: Path, size: str) -> Iterator[Path]:
    """A tmpfs of `size` ("2m") mounted under tmp_path (root on Linux only; skipped elsewhere)."""
    if not sys.platform.startswith("linux") or os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("mounting a tmpfs needs root on Linux")
    mount_point = tmp_path / "tiny"
    mount_point.mkdir()
    result = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(mount_point)],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {result.stderr.strip()}")
    try:
        yield mount_point
    finally:
        if subprocess.run(["umount", str(mount_point)], check=False).returncode != 0:
            subprocess.run(["umount", "-l", str(mount_point)], check=False)


def fill(folder: Path, leave: int = 0) -> Path:
    """Fill the file system to the last byte, then free `leave` bytes; the filler file."""
    filler = folder / "filler.bin"
    with filler.open("wb", buffering=0) as out:
        for size in (1 << 16, 4096, 512, 64, 8, 1):
            try:
                while True:
                    out.write(b"\0" * size)
            except OSError as exc:
                assert exc.errno == errno.ENOSPC
    if leave:
        os.truncate(filler, max(0, filler.stat().st_size - leave))
    return filler


def no_room(*_args: object, **_kwargs: object) -> tuple[int, str]:
    """Stands in for tempfile.mkstemp on a disk that has not room for one more file."""
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


class FillsUp:
    """A file object that takes `room` bytes and then fails like a full disk."""

    def __init__(self, raw: BinaryIO, room: int) -> None:
        self._raw = raw
        self._room = room

    def write(self, data: bytes) -> int:
        if len(data) > self._room:
            self._raw.write(data[: self._room])  # a partial write reaches the disk
            self._raw.flush()
            self._room = 0
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        self._room -= len(data)
        return self._raw.write(data)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._raw, name)

    def __enter__(self) -> FillsUp:
        return self

    def __exit__(self, *_exc: object) -> None:
        self._raw.close()


def files_fill_up_after(patch: pytest.MonkeyPatch, room: int) -> None:
    """From now on (while `patch` lasts), every file opened with os.fdopen, as swdesk's
    atomic writes, copies and the backup writer open theirs, takes `room` bytes and then
    fails (ENOSPC)."""
    real_fdopen = os.fdopen
    patch.setattr(os, "fdopen", lambda fd, mode="r", *a, **k: FillsUp(real_fdopen(fd, mode), room))
