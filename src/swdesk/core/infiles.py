"""Opening a file the user chose, for reading, without ever blocking on it.

`open(path, "rb")` on a FIFO waits for a writer that never comes, and on a device reads
for ever; a symlink the user chose is followed, but only to a regular file. The file is
opened with O_NONBLOCK (which makes opening a FIFO return at once and changes nothing for
a regular file) and `fstat` of the opened descriptor decides, so there is no gap between
the check and the open for something to be swapped in.
"""

from __future__ import annotations

import io
import os
import stat
from pathlib import Path
from typing import BinaryIO

__all__ = ["NotARegularFile", "open_regular_file", "open_regular_raw"]


class NotARegularFile(OSError):
    """The path names a FIFO, a device, a socket or a directory; str() says which."""


def open_regular_file(path: Path | str) -> BinaryIO:
    """`path` opened for binary reading (buffered), or OSError; NotARegularFile when it is
    not a regular file (after following symlinks)."""
    return io.BufferedReader(open_regular_raw(path))


def open_regular_raw(path: Path | str) -> io.FileIO:
    """`open_regular_file` unbuffered (for reads by position)."""
    flags = (
        os.O_RDONLY
        | getattr(os, "O_NONBLOCK", 0)
        | getattr(os, "O_BINARY", 0)
        | getattr(os, "O_CLOEXEC", 0)
    )
    fd = os.open(path, flags)
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            kind = (
                "a directory"
                if stat.S_ISDIR(mode)
                else "a FIFO"
                if stat.S_ISFIFO(mode)
                else "a device or socket"
            )
            raise NotARegularFile(f"not a regular file ({kind})")
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return io.FileIO(fd, "rb", closefd=True)
    except BaseException:
        os.close(fd)
        raise
