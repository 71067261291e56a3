"""Files swdesk writes into folders the user chose (a USB stick, a mail folder).

Every such file is written under a temporary name beside its target, flushed and fsynced,
and only then given its name (`publish`): the target is the old file or the complete new
one, never half of one. The temporary name says whose it is:

    .<target name>.partial-<host>-<pid>-<random>

(`host`: six hex digits derived from the computer's name; `pid`: the writing process). A
writer that dies (killed, power cut) leaves it behind: hidden by its dot, but holding all
the file would have held, a backup's personal data included. So before it writes, every
writer removes from its target folder the leftovers of its own kind of file (the same final
suffix, e.g. `.swdbak`) whose owner is gone: written on this computer by a process that no
longer runs, or untouched for `STALE_SECONDS` (written on another computer, or by an older
swdesk, whose names were `.<target name>.partial-<random>` and `.swdesk-<random>.tmp`).
On Windows, where asking whether a process runs is not done (`os.kill` would end it), only
the age counts. Only names of these shapes are ever removed; a file swdesk did not write is
never touched.

A publish either replaces the target (`os.replace`) or, `exclusive`, refuses to: the
finished file is hard-linked to its name (which fails if the name is taken) and the
temporary name removed; where the file system has no hard links (FAT on most USB sticks)
Linux's `renameat2(RENAME_NOREPLACE)` or Windows' plain rename (which never replaces) does
the same.

**Permissions** (POSIX; `mode`, less the umask): a new file is `PRIVATE_MODE` (0o600, only
its owner reads it) unless the caller passes `PUBLIC_MODE` (0o644). Only files holding
nothing personal are public: an office's public key (`.swdkey`) and a trust list
(`.swdtrust`). Bundles, backups, decisions, forward packages, rosters, reports and
calendars name people (ID numbers, decisions about them), so on a computer shared by
several accounts they stay private; the person who wrote them hands them on (a copy on a
USB stick, FAT or exFAT, has no permissions at all).

Errors are `UserFixableError`s with `file` (the target's name), `path` and `reason` (the
system's words): `disk_full` (ENOSPC, EDQUOT), `folder_missing` (the folder does not
exist: a stick not inserted, a folder renamed), `file_exists` (an exclusive publish met
another file of that name), `not_writable` (no permission, a read-only medium, an I/O error
when a stick is pulled out).
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import re
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from swdesk.domain.errors import UserFixableError

__all__ = [
    "PRIVATE_MODE",
    "PUBLIC_MODE",
    "STALE_SECONDS",
    "OutputFile",
    "host_tag",
    "is_leftover",
    "output_error",
    "publish",
    "remove_leftovers",
    "temp_path",
    "write_bytes",
]

PRIVATE_MODE = 0o600  # files that name people: only their owner reads them
PUBLIC_MODE = 0o644  # files without personal data (public keys, trust lists)
STALE_SECONDS = 3600  # a writer touches its file at least this often while it works
_DISK_FULL = frozenset({errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)})
_NO_LINKS = frozenset(
    {
        errno.EPERM,
        errno.EOPNOTSUPP,
        getattr(errno, "ENOTSUP", errno.EOPNOTSUPP),
        errno.EMLINK,
        errno.EXDEV,
        errno.ENOSYS,
        errno.EINVAL,
    }
)
_O_BINARY = getattr(os, "O_BINARY", 0)  # Windows: no newline translation
_LEFTOVER = re.compile(
    r"\.(?P<target>.+)\.partial-(?:(?P<host>[0-9a-f]{6})-(?P<pid>[0-9]{1,10})-)?"
    r"[0-9A-Za-z_]{4,16}"
)
_OLD_TEMP = re.compile(r"\.swdesk-[0-9A-Za-z_]{4,16}\.tmp")


@cache
def host_tag() -> str:
    """This computer's tag in temporary names (6 hex digits of its name's hash): a writer
    only removes the leftovers of dead processes of its own computer."""
    import socket  # here: its import (its enums) costs a window's start more than one call

    return hashlib.sha256(socket.gethostname().encode("utf-8", "replace")).hexdigest()[:6]


def temp_path(dest: Path) -> Path:
    """A new temporary name for `dest`, in its folder (see the module docs)."""
    import secrets  # here, as socket above: only a writer needs it

    return dest.with_name(f".{dest.name}.partial-{host_tag()}-{os.getpid()}-{secrets.token_hex(4)}")


# -- errors ----------------------------------------------------------------------------------


def output_error(error: OSError, dest: Path, *, path: Path | None = None) -> UserFixableError:
    """The user's view of an OSError met while writing `dest` (params file, path, reason);
    `path` defaults to `dest` itself."""
    number = error.errno
    reason = os.strerror(number) if number else str(error)
    params = {"file": dest.name, "path": str(path if path is not None else dest), "reason": reason}
    if number in _DISK_FULL:
        return UserFixableError("disk_full", **params)
    if number == errno.EEXIST:
        return UserFixableError("file_exists", **params)
    if number in (errno.ENOENT, errno.ENOTDIR) and not dest.parent.is_dir():
        return UserFixableError("folder_missing", **{**params, "path": str(dest.parent)})
    return UserFixableError("not_writable", **params)


# -- leftovers -------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Owner:
    host: str | None
    pid: int | None


def _owner(name: str, suffix: str) -> _Owner | None:
    """Who left the temporary file `name` for a target ending in `suffix`; None when the
    name is not one of swdesk's temporary names for such a target."""
    found = _LEFTOVER.fullmatch(name)
    if found is not None:
        if not found["target"].lower().endswith(suffix.lower()):
            return None
        return _Owner(found["host"], int(found["pid"]) if found["pid"] else None)
    if _OLD_TEMP.fullmatch(name):  # an older swdesk's atomic write: any kind of file
        return _Owner(None, None)
    return None


def is_leftover(name: str, suffix: str) -> bool:
    """Whether `name` is swdesk's temporary name for a file ending in `suffix`."""
    return _owner(name, suffix) is not None and name.startswith(".")


def _process_gone(pid: int) -> bool:
    if pid == os.getpid():
        return False
    if sys.platform == "win32":  # os.kill(pid, 0) would end the process there
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    except OSError:
        return False  # e.g. EPERM: it runs, as another user
    return False


def _abandoned(entry: os.DirEntry[str], owner: _Owner, now: float) -> bool:
    try:
        info = entry.stat(follow_symlinks=False)
    except OSError:
        return False
    if not entry.is_file(follow_symlinks=False):
        return False
    if owner.host == host_tag() and owner.pid is not None and _process_gone(owner.pid):
        return True
    return now - info.st_mtime > STALE_SECONDS


def remove_leftovers(
    folder: Path, suffix: str, keep: Callable[[Path], bool] | None = None
) -> list[Path]:
    """Remove from `folder` swdesk's temporary files for targets ending in `suffix` whose
    writer is gone (see the module docs); `keep(path)` may spare one (e.g. to adopt it).
    Returns what was removed. Never raises: an unreadable folder is left as it is."""
    removed: list[Path] = []
    now = time.time()
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return removed
    for entry in entries:
        owner = _owner(entry.name, suffix)
        if owner is None or not _abandoned(entry, owner, now):
            continue
        path = Path(entry.path)
        if keep is not None and keep(path):
            continue
        with contextlib.suppress(OSError):
            path.unlink()
            removed.append(path)
    return removed


def leftovers_of(dest: Path) -> Iterator[Path]:
    """The temporary files beside `dest` written for exactly that name (any owner)."""
    prefix = f".{dest.name}.partial-"
    try:
        entries = list(os.scandir(dest.parent))
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith(prefix) and _LEFTOVER.fullmatch(entry.name):
            yield Path(entry.path)


# -- writing ---------------------------------------------------------------------------------


def fsync_directory(directory: Path) -> None:
    """Make a rename durable where the platform allows it (not Windows)."""
    if os.name == "nt":
        return
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass  # some file systems (FAT on a USB stick) cannot fsync a directory
    finally:
        os.close(fd)


def _rename_no_replace(source: Path, dest: Path) -> None:
    """Rename `source` to `dest` unless `dest` exists (FileExistsError then)."""
    if os.name == "nt":
        os.rename(source, dest)  # MoveFileEx without REPLACE_EXISTING: never replaces
        return
    if sys.platform.startswith("linux"):
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        renameat2 = getattr(libc, "renameat2", None)
        if renameat2 is not None:
            at_fdcwd, rename_noreplace = -100, 1
            if (
                renameat2(
                    at_fdcwd, os.fsencode(source), at_fdcwd, os.fsencode(dest), rename_noreplace
                )
                == 0
            ):
                return
            number = ctypes.get_errno()
            if number not in (errno.ENOSYS, errno.EINVAL):
                raise OSError(number, os.strerror(number), str(dest))
    # last resort (no hard links, no renameat2): a tiny window between check and rename
    if os.path.lexists(dest):
        raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(dest))
    os.rename(source, dest)


def publish(temp: Path, dest: Path, *, exclusive: bool = False) -> None:
    """Give the finished temporary file `temp` the name `dest` (replacing it, or never when
    `exclusive`: FileExistsError), then make that durable. Raises OSError; `temp` is gone
    afterwards on success."""
    if not exclusive:
        os.replace(temp, dest)
    else:
        try:
            os.link(temp, dest)
        except FileExistsError:
            raise
        except (OSError, NotImplementedError) as exc:
            if isinstance(exc, OSError) and exc.errno not in _NO_LINKS:
                raise
            _rename_no_replace(temp, dest)
        else:
            with contextlib.suppress(OSError):  # a leftover link is swept later
                os.unlink(temp)
    fsync_directory(dest.parent)


class OutputFile:
    """One file being written into a user's folder: `write` (or `fd`), then `publish`;
    anything else (an exception, `discard`) removes the temporary file.

    with OutputFile(dest) as out:
        out.write(data)
        out.publish()
    """

    def __init__(
        self,
        dest: Path,
        *,
        exclusive: bool = False,
        suffix: str | None = None,
        mode: int = PRIVATE_MODE,
    ) -> None:
        self.dest = Path(dest)
        self.exclusive = exclusive
        self.temp = temp_path(self.dest)
        self.published = False
        self._closed = False
        remove_leftovers(self.dest.parent, suffix if suffix is not None else self.dest.suffix)
        try:
            self.fd = os.open(self.temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _O_BINARY, mode)
        except OSError as exc:
            raise output_error(exc, self.dest) from exc

    def write(self, data: bytes | memoryview) -> None:
        view = memoryview(data)
        try:
            while view:
                written = os.write(self.fd, view)
                if written <= 0:
                    raise OSError(errno.EIO, "write returned nothing")
                view = view[written:]
        except OSError as exc:
            raise output_error(exc, self.dest) from exc

    def finish(self) -> None:
        """Flush the bytes to the device and close the temporary file."""
        if self._closed:
            return
        try:
            os.fsync(self.fd)
        except OSError as exc:
            raise output_error(exc, self.dest) from exc
        finally:
            self._close()

    def publish(self) -> bool:
        """`finish`, then give the file its name (see `publish`). Exclusive, a file of that
        name holding exactly the same bytes is kept (returns False, the temporary file is
        removed); one holding anything else raises "file_exists". Returns True when the
        file got its name."""
        self.finish()
        try:
            publish(self.temp, self.dest, exclusive=self.exclusive)
        except OSError as exc:
            if self.exclusive and exc.errno == errno.EEXIST and _same_bytes(self.temp, self.dest):
                self.discard()
                return False
            raise output_error(exc, self.dest) from exc
        self.published = True
        return True

    def discard(self) -> None:
        self._close()
        if not self.published:
            with contextlib.suppress(OSError):  # a medium that is gone: swept next time
                self.temp.unlink(missing_ok=True)

    def _close(self) -> None:
        if not self._closed:
            self._closed = True
            with contextlib.suppress(OSError):
                os.close(self.fd)

    def __enter__(self) -> OutputFile:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.discard()


def write_bytes(
    dest: Path, data: bytes, *, exclusive: bool = False, mode: int = PRIVATE_MODE
) -> bool:
    """Write `data` as `dest` (see the module docs). With `exclusive`, an existing `dest`
    holding exactly `data` is kept (returns False: nothing written) and one holding anything
    else raises `file_exists`. Returns True when the file was written."""
    with OutputFile(Path(dest), exclusive=exclusive, mode=mode) as out:
        out.write(data)
        return out.publish()


def _same_bytes(a: Path, b: Path) -> bool:
    """Whether two files hold the same bytes (False when either cannot be read)."""
    try:
        if os.path.getsize(a) != os.path.getsize(b):
            return False
        with a.open("rb") as first, b.open("rb") as second:
            while chunk := first.read(1 << 20):
                if chunk != second.read(len(chunk)):
                    return False
            return True
    except OSError:
        return False
