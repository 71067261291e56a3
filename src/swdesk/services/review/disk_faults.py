"""What went wrong with the reviewer folder's disk, from the OS errno, as the error a user
can act on: "disk_full", "review_read_only", "review_io_error".

Apart from `faults` (which words the database's failures too, with SQLAlchemy) so that
writing a verified copy (`verifying`, in the import's worker processes) needs no database.
"""

from __future__ import annotations

import errno
from pathlib import Path

from swdesk.domain.errors import UserFixableError

__all__ = ["DISK_FULL_ERRNOS", "READ_ONLY_ERRNOS", "disk_error", "where_params"]

DISK_FULL_ERRNOS = frozenset({errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)})
READ_ONLY_ERRNOS = frozenset({errno.EROFS, errno.EACCES, errno.EPERM})


def where_params(path: Path | str, folder: Path | str | None) -> dict[str, str]:
    """The params naming where a failure happened: `path` and its reviewer folder (by
    default the folder holding `path`)."""
    shown = str(path)
    return {"path": shown, "folder": str(folder if folder is not None else Path(shown).parent)}


def disk_error(
    exc: OSError, path: Path | str, *, folder: Path | str | None = None
) -> UserFixableError | None:
    """The user's error for the OS failure `exc` while using `path` (a file or folder of the
    reviewer folder `folder`), or None when its errno is not the disk's (the caller decides)."""
    where = where_params(path, folder)
    if exc.errno in DISK_FULL_ERRNOS:
        return UserFixableError("disk_full", **where)
    if exc.errno in READ_ONLY_ERRNOS:
        return UserFixableError("review_read_only", **where)
    if exc.errno == errno.EIO:
        return UserFixableError("review_io_error", **where)
    return None
