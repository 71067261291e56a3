"""Verifying one file before the reviewer's database stores any of it (the importer's
first step, see `importer`).

A bundle (`.swdapp`, at the first level) of up to `IN_MEMORY_BYTES` is read once into
memory and verified there (`verify_bundle_bytes`); only then are those very bytes written
to the bundles folder (an office on a server: this PC's scratch folder,
`BundleStore.scratch_dir`) under a temporary name (`.swdesk-*.tmp`). A larger bundle, or a
forward package (`.swdfwd`, at the province), is first copied there and that copy is
verified (`verify_bundle`), junk refused before a byte of it is copied (`check_outline`).
Either way what is kept is exactly what was checked, even if a USB stick changes under us,
and the file is read once. At the province the first-level decision that came with the bundle is
checked too: signed by a trusted first-level office, an approval of exactly this bundle.
Any refusal removes the copy. The members the automatic checks read (the photo, the PDFs,
the attendance records) are kept in memory as they are verified, within
`KEEP_TOTAL_BYTES`, so the checks neither read nor hash them again.

A failure to read the user's file is "bundle_unreadable"; a failure writing the copy into
the reviewer folder (full, read-only) is the folder's, reported with the code of
`disk_faults.disk_error` ("disk_full", "review_read_only", ...).

Needs no database (the import's worker processes run it, `file_check`): checking the
forwarded decision's trust, which reads the office's trust list, is `file_verifier`'s.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from swdesk.bundle import (
    DEFAULT_MAX_TOTAL_BYTES,
    ManifestEntry,
    VerifiedBundle,
    check_outline,
    verify_bundle,
    verify_bundle_bytes,
)
from swdesk.core.datafiles import temp_output
from swdesk.core.infiles import NotARegularFile, open_regular_file
from swdesk.domain.errors import UserFixableError
from swdesk.reviewstore.vocabulary import ReviewStage

from .disk_faults import DISK_FULL_ERRNOS, READ_ONLY_ERRNOS, disk_error
from .forward import FORWARD_SUFFIX, ForwardContents, read_forward

if TYPE_CHECKING:
    from swdesk.signing import SignedDecision

__all__ = ["CopyPlace", "VerifiedFile", "verify_file"]

CHUNK = 1 << 20
IN_MEMORY_BYTES = 32 << 20  # bundles up to this size are read once and verified in memory
KEEP_TOTAL_BYTES = 64 << 20  # members kept in memory from verification for the checks


@dataclass(frozen=True, slots=True)
class VerifiedFile:
    """A verified copy in the bundles folder, still under its temporary name: the bundle it
    holds and, at the province, the first-level decision forwarded with it."""

    bundle: VerifiedBundle
    temp: Path
    first_decision: SignedDecision | None


@dataclass(frozen=True, slots=True)
class CopyPlace:
    """Where verified copies are written (`BundleStore.scratch_dir`) and the reviewer folder
    (or a server office's scratch folder) that errors writing them name."""

    scratch_dir: Path
    root: Path


def verify_file(path: Path, stage: ReviewStage, place: CopyPlace) -> VerifiedFile:
    """The verified copy of the file at `path` for an office deciding `stage`, with the
    signature of a forwarded first-level decision checked, not yet its trust (that needs
    the office's trust list: `FileVerifier.check_first_decision` in `file_verifier`).
    Raises UserFixableError for a file the office refuses, and leaves no copy behind then.
    Needs no database: the import's worker processes call it (`file_check`)."""
    forward = path.suffix.lower() == FORWARD_SUFFIX
    final = stage is ReviewStage.FINAL
    if forward and not final:
        raise UserFixableError("forward_not_expected", file=path.name)
    if final and not forward:
        raise UserFixableError("forward_package_required", file=path.name)
    try:
        place.scratch_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _folder_error(place, exc, path) from exc
    if not forward:
        data = _read_small(path)
        if data is not None:
            bundle = _naming_the_file(path, lambda: verify_bundle_bytes(data, path, keep=_kept()))
            temp = _write_copy(place, path, data)
            return VerifiedFile(replace(bundle, path=temp), temp, None)
    if forward:
        contents = _read_forward(place, path)
        temp, decision_bytes = contents.bundle_path, contents.decision
    else:
        temp, decision_bytes = _copy(place, path), None
    try:
        bundle = _naming_the_file(path, lambda: verify_bundle(temp, keep=_kept()))
        signed = None
        if decision_bytes is not None:
            from swdesk.signing import read_decision  # a forwarded package's only

            signed = read_decision(decision_bytes, file=path.name)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return VerifiedFile(bundle, temp, signed)


def _read_forward(place: CopyPlace, path: Path) -> ForwardContents:
    """`read_forward`, with a failure to write the extracted copy into the reviewer
    folder (full, read-only) told apart from a package that cannot be read: reading
    never fails with "no space" or "read-only file system", and a refused permission
    names the file it was refused for."""
    try:
        return read_forward(path, place.scratch_dir, sync=False)
    except UserFixableError as error:
        cause = error.__cause__
        if error.code == "file_unreadable" and isinstance(cause, OSError):
            ours = (
                cause.errno in DISK_FULL_ERRNOS
                or cause.errno == errno.EROFS
                or (
                    cause.errno in READ_ONLY_ERRNOS
                    and cause.filename is not None
                    and Path(cause.filename).parent == place.scratch_dir
                )
            )
            if ours:
                raise _folder_error(place, cause, path) from error
        raise


def _unreadable(path: Path, exc: OSError) -> UserFixableError:
    return UserFixableError(
        "bundle_unreadable",
        file=path.name,
        path=str(path),
        reason=os.strerror(exc.errno) if exc.errno else str(exc),
    )


def _read_small(path: Path) -> bytes | None:
    """The bytes of the user's bundle file when it holds up to IN_MEMORY_BYTES, read with
    one open; None for a larger file (copied and verified on disk instead). A failure to
    read it is "bundle_unreadable"."""
    try:
        with open_regular_file(path) as source:  # a FIFO swapped in would block open()
            size = os.fstat(source.fileno()).st_size
            if size > IN_MEMORY_BYTES:
                return None
            data = source.read(size + 1)
    except NotARegularFile:
        raise UserFixableError(
            "bundle_unreadable", file=path.name, reason="not a regular file"
        ) from None
    except OSError as exc:
        raise _unreadable(path, exc) from exc
    return None if len(data) > size else data  # it grew while being read: copied instead


def _write_copy(place: CopyPlace, path: Path, data: bytes) -> Path:
    """`data` (the verified bytes of the user's file `path`) written to a temporary file in
    the bundles folder, not fsynced (see `_copy`); a failure is the reviewer folder's."""
    try:
        with temp_output(place.scratch_dir, sync=False) as (out, temp):
            out.write(data)
    except OSError as exc:
        raise _folder_error(place, exc, path) from exc
    return temp


def _copy(place: CopyPlace, path: Path) -> Path:
    """The file copied to a temporary file in the bundles folder, not fsynced: the
    bundle store makes the copies of a batch durable together before its commit
    (`BundleStore.before_commit`), a server office never needs its scratch copy to
    be. A failure to read `path` is "bundle_unreadable"; a failure to write the copy is
    the reviewer folder's ("disk_full", "review_read_only", ...)."""

    try:
        info = os.stat(path)
    except OSError as exc:
        raise _unreadable(path, exc) from exc
    if not stat.S_ISREG(info.st_mode):
        raise UserFixableError("bundle_unreadable", file=path.name, reason="not a regular file")
    if info.st_size > DEFAULT_MAX_TOTAL_BYTES:
        raise UserFixableError(
            "bundle_too_large", file=path.name, size=info.st_size, limit=DEFAULT_MAX_TOTAL_BYTES
        )
    check_outline(path)  # junk is refused before a byte of it is copied
    try:
        source = open_regular_file(path)  # a FIFO swapped in would block open()
    except OSError as exc:
        raise _unreadable(path, exc) from exc
    with source:
        try:
            with temp_output(place.scratch_dir, sync=False) as (out, temp):
                copied = 0
                while True:
                    try:
                        chunk = source.read(CHUNK)
                    except OSError as exc:
                        raise _unreadable(path, exc) from exc
                    if not chunk:
                        break
                    copied += len(chunk)
                    if copied > DEFAULT_MAX_TOTAL_BYTES:
                        raise UserFixableError(
                            "bundle_too_large", file=path.name, limit=DEFAULT_MAX_TOTAL_BYTES
                        )
                    out.write(chunk)
        except OSError as exc:  # creating, writing or closing the copy
            raise _folder_error(place, exc, path) from exc
    return temp


def _kept(budget: int = KEEP_TOTAL_BYTES) -> Callable[[ManifestEntry], bool]:
    """Which members `verify_bundle` keeps in memory: those the automatic checks read (the
    photo, the PDFs and the attendance records), as long as they fit in `budget` bytes
    together; the others are read again from the copy when needed."""
    left = budget

    def keep(entry: ManifestEntry) -> bool:
        nonlocal left
        wanted = entry.name == "photo.jpg" or entry.name.endswith((".pdf", ".swdce"))
        if wanted and entry.size <= left:
            left -= entry.size
            return True
        return False

    return keep


def _naming_the_file(original: Path, verify: Callable[[], VerifiedBundle]) -> VerifiedBundle:
    """`verify()`, its refusals naming the user's file (not our temporary copy, nor a path
    on the user's stick: the file's name is what the import's report shows)."""
    try:
        return verify()
    except UserFixableError as error:
        params = {k: v for k, v in error.params.items() if k != "path"}
        params["file"] = original.name
        raise UserFixableError(error.code, **params) from error


def _folder_error(place: CopyPlace, exc: OSError, path: Path) -> UserFixableError:
    """A failure writing the copy into the reviewer folder, for the file `path`."""
    folder = place.scratch_dir
    classified = disk_error(exc, folder, folder=place.root)
    if classified is None:
        classified = UserFixableError(
            "review_io_error",
            path=str(folder),
            folder=str(place.root),
            reason=os.strerror(exc.errno) if exc.errno else str(exc),
        )
    return UserFixableError(classified.code, **{**classified.params, "file": path.name})
