"""Content-addressed file stores, and atomic copies into the data folder.

Every file is written with `swdesk.core.datafiles`: to a temporary file in the target's
directory, flushed and fsynced, then renamed over the target, so a reader sees the old file
or the new one, never half of one.
`EvidenceStore` keeps imported evidence (PDF, JPEG, PNG, recognised by their first bytes)
under `<sha256>.<ext>`, so the same file imported twice is stored once; `PhotoStore` is
the same for ID photos (JPEG, PNG). Files of a PIN-protected profile are sealed with its data
key (`sealing.py`) and stored as `<keyed digest>.<ext>.enc`; read them with `read_bytes`, or
`readable_path` for a viewer (a decrypted copy in a private temporary folder, removed by
`clear_viewing` when the profile is locked or swdesk closes).

A store built with a `journal` (the workspace's stores are) calls it with the stored name
before a new file is renamed into place, so that a crash before the database row is
committed leaves a file the next start can prove to be garbage (`storage.references`).
`sweep` deletes only such journaled names and stale temporary files; any other file no row
refers to is moved to a `recovered/` folder, never deleted.
"""

from __future__ import annotations

import errno
import hashlib
import io
import os
import re
import shutil
import stat
import tempfile
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, ClassVar

from swdesk.core.datafiles import (
    DISK_FULL_ERRNOS,
    atomic_write_bytes,
    fsync_directory,
    is_temp_name,
    replace_durably,
    write_temp,
)
from swdesk.domain.errors import UserFixableError
from swdesk.domain.models import EvidenceFile

from .sealing import Keyring, ProfileKey, SealBroken, file_owner, open_file

CHUNK_SIZE = 1 << 20
STALE_TEMP_SECONDS = 3600
#: journal(stored_name, session or None): record a name before its file is renamed in
Journal = Callable[[str, Any], None]


@dataclass(slots=True)
class SweepResult:
    """What a sweep of one store did."""

    removed: list[str] = field(default_factory=list)  # journaled, unreferenced: deleted
    moved: list[str] = field(default_factory=list)  # unknown: moved to the recovered folder


@dataclass(frozen=True, slots=True)
class FileKind:
    magic: bytes
    media_type: str
    extension: str  # without the dot


PDF = FileKind(b"%PDF-", "application/pdf", "pdf")
JPEG = FileKind(b"\xff\xd8\xff", "image/jpeg", "jpg")
PNG = FileKind(b"\x89PNG\r\n\x1a\n", "image/png", "png")
KINDS = (PDF, JPEG, PNG)


def detect_kind(head: bytes) -> FileKind | None:
    """The kind of file whose first bytes are `head`, judged by magic bytes only."""
    return next((kind for kind in KINDS if head.startswith(kind.magic)), None)


def _copy_hashing(source: BinaryIO, out: BinaryIO, limit: int | None = None) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    while chunk := source.read(CHUNK_SIZE):
        size += len(chunk)
        if limit is not None and size > limit:
            raise _TooLarge
        digest.update(chunk)
        out.write(chunk)
    return digest.hexdigest(), size


class _TooLarge(Exception):
    """The source grew past the limit while it was being copied."""


def atomic_copy(src: Path, dest: Path) -> tuple[str, int]:
    """Copy `src` to `dest` atomically, streaming; returns (sha256 hex, size in bytes)."""
    with src.open("rb") as source:
        temp, (sha256, size) = write_temp(
            dest.parent, lambda out: _copy_hashing(source, out), file=dest.name
        )
    replace_durably(temp, dest)
    return sha256, size


def _max_mb(max_bytes: int) -> int | float:
    mb = max_bytes / (1 << 20)
    return int(mb) if mb.is_integer() else round(mb, 1)


class EvidenceStore:
    """Content-addressed files in one folder: `<sha256>.<ext>`, one copy per content."""

    KINDS: ClassVar[tuple[FileKind, ...]] = (PDF, JPEG, PNG)
    DEFAULT_MAX_BYTES: ClassVar[int] = 20 << 20
    _NAME = re.compile(r"[0-9a-f]{64}\.(?:pdf|jpg|png)(?:\.enc)?")
    SEALED_SUFFIX: ClassVar[str] = ".enc"

    def __init__(
        self, root: Path, keyring: Keyring | None = None, journal: Journal | None = None
    ) -> None:
        self.root = root
        self.keyring = keyring if keyring is not None else Keyring()
        self.journal = journal
        self._viewing: Path | None = None

    def import_file(
        self, src: Path, max_bytes: int | None = None, owner: int | None = None
    ) -> EvidenceFile:
        """Copy a user-chosen file into the store after checking it (at most `max_bytes`,
        by default `DEFAULT_MAX_BYTES`). With `owner`, a protected profile whose key is in
        the keyring, the copy is sealed with that key.

        Raises UserFixableError (params name the file): file_unreadable, file_empty,
        file_too_large, file_type_not_allowed, disk_full.
        """
        name = src.name
        if max_bytes is None:
            max_bytes = self.DEFAULT_MAX_BYTES
        try:
            if not stat.S_ISREG(src.stat().st_mode):
                raise UserFixableError("file_unreadable", file=name)
            with src.open("rb") as source:
                size = os.fstat(source.fileno()).st_size
                kind = self._check(source.read(16), size, name, max_bytes)
                source.seek(0)
                key = self._key_for(owner)
                if key is not None:
                    data = source.read(max_bytes + 1)
                    if len(data) > max_bytes:
                        raise _TooLarge
                    return self._store_sealed(data, kind, name, key)
                return self._store(source, kind, name, max_bytes)
        except UserFixableError:
            raise
        except _TooLarge:
            raise UserFixableError("file_too_large", file=name, max_mb=_max_mb(max_bytes)) from None
        except OSError as exc:  # missing, no permission, a directory, an I/O error
            raise UserFixableError("file_unreadable", file=name) from exc

    def import_bytes(
        self, data: bytes, original_name: str, owner: int | None = None, *, session: Any = None
    ) -> EvidenceFile:
        """Store bytes produced by swdesk itself (a scaled photo, a bundle member); sealed
        when `owner` is a protected profile whose key is in the keyring. A caller already
        writing in a database `session` passes it: the new name is journaled there."""
        kind = self._check(data[:16], len(data), original_name, None)
        key = self._key_for(owner)
        if key is not None:
            return self._store_sealed(data, kind, original_name, key, session)
        return self._store(io.BytesIO(data), kind, original_name, None, session)

    def seal_existing(self, stored_name: str, key: ProfileKey) -> str:
        """Store a sealed copy of a plain stored file under `key`; returns its stored name
        (the plain file stays until the caller removes it). Already sealed: unchanged."""
        if self.is_sealed(stored_name):
            return stored_name
        data = self.path_for(stored_name).read_bytes()
        kind = detect_kind(data[:16])
        if kind is None:
            raise UserFixableError(
                "file_type_not_allowed", file=stored_name, allowed=[k.extension for k in KINDS]
            )
        return self._store_sealed(data, kind, stored_name, key).stored_name

    def unseal_existing(self, stored_name: str) -> str:
        """Store a plain copy of a sealed file (its key must be in the keyring); returns the
        plain stored name. The sealed file stays until the caller removes it."""
        if not self.is_sealed(stored_name):
            return stored_name
        data = self.read_bytes(stored_name)
        kind = detect_kind(data[:16])
        if kind is None:
            raise SealBroken(stored_name)
        return self._store(io.BytesIO(data), kind, stored_name, None).stored_name

    @classmethod
    def is_sealed(cls, stored_name: str) -> bool:
        return stored_name.endswith(cls.SEALED_SUFFIX)

    def path_for(self, stored_name: str) -> Path:
        """Where a stored file lives; refuses anything but a stored name (no paths)."""
        if not self._NAME.fullmatch(stored_name):
            raise ValueError(f"not a stored file name: {stored_name!r}")
        return self.root / stored_name

    def exists(self, stored_name: str) -> bool:
        try:
            return self.path_for(stored_name).is_file()
        except ValueError:
            return False

    def read_bytes(self, stored_name: str) -> bytes:
        """The content of a stored file, opened with its profile's key when sealed
        (ProfileLocked when that key is not in the keyring; SealBroken if tampered)."""
        raw = self.path_for(stored_name).read_bytes()
        if not self.is_sealed(stored_name):
            return raw
        owner = file_owner(raw[:16])
        if owner is None:
            raise SealBroken(stored_name)
        return open_file(self.keyring.require(owner), raw, stored_name)

    def readable_path(self, stored_name: str, display_name: str = "") -> Path:
        """A path a viewer can open: the stored file itself, or for a sealed file a
        decrypted copy in a private temporary folder (see `clear_viewing`)."""
        if not self.is_sealed(stored_name):
            return self.path_for(stored_name)
        data = self.read_bytes(stored_name)
        if self._viewing is None or not self._viewing.is_dir():
            self._viewing = Path(tempfile.mkdtemp(prefix="swdesk-view-"))  # mode 0700
        kind = detect_kind(data[:16])
        base = Path(display_name).name or stored_name.removesuffix(self.SEALED_SUFFIX)
        if kind is not None and not base.lower().endswith("." + kind.extension):
            base = f"{base}.{kind.extension}"
        target = self._viewing / f"{stored_name[:8]}-{base}"
        atomic_write_bytes(target, data)
        return target

    def clear_viewing(self) -> None:
        """Remove the decrypted copies made for viewers."""
        if self._viewing is not None:
            shutil.rmtree(self._viewing, ignore_errors=True)
            self._viewing = None

    def expected_name(self, data: bytes, owner: int | None = None) -> str:
        """The stored name `import_bytes(data, ..., owner)` gives (to know if it is new)."""
        kind = detect_kind(data[:16])
        extension = kind.extension if kind is not None else "bin"
        key = self._key_for(owner)
        if key is None:
            return f"{hashlib.sha256(data).hexdigest()}.{extension}"
        return f"{key.content_name(data)}.{extension}{self.SEALED_SUFFIX}"

    def _key_for(self, owner: int | None) -> ProfileKey | None:
        return None if owner is None else self.keyring.get(owner)

    def _note(self, stored_name: str, session: Any = None) -> None:
        """Journal a name before its file is renamed into place (see the module doc)."""
        if self.journal is not None:
            self.journal(stored_name, session)

    def _store_sealed(
        self, data: bytes, kind: FileKind, name: str, key: ProfileKey, session: Any = None
    ) -> EvidenceFile:
        self.root.mkdir(parents=True, exist_ok=True)
        stored_name = f"{key.content_name(data)}.{kind.extension}{self.SEALED_SUFFIX}"
        dest = self.root / stored_name
        if not dest.is_file():
            temp, _ = write_temp(
                self.root, lambda out: out.write(key.seal_file(data, stored_name)), file=name
            )
            try:
                self._note(stored_name, session)
            except BaseException:
                temp.unlink(missing_ok=True)
                raise
            replace_durably(temp, dest)
        return EvidenceFile(
            original_name=name,
            stored_name=stored_name,
            sha256=hashlib.sha256(data).hexdigest(),
            size=len(data),
            media_type=kind.media_type,
        )

    def remove_unreferenced(self, stored_names: Iterable[str]) -> None:
        """Delete these stored files, which the caller found no database row refers to
        (e.g. the names `ActivityRepository.delete` returns). Missing files are fine."""
        for stored_name in stored_names:
            self.path_for(stored_name).unlink(missing_ok=True)

    def sweep(
        self,
        referenced: Iterable[str],
        journaled: Iterable[str],
        recovered: Path,
        temp_age: float = STALE_TEMP_SECONDS,
    ) -> SweepResult:
        """Tidy the store after a crash; only on a healthy database, with no import running.

        A stored file no row refers to is deleted only when it is `journaled` (proved never
        committed, or its last reference dropped); any other unreferenced stored file is of
        unknown status and is MOVED into the folder `recovered` (created when needed),
        never deleted. Temporary files (`.swdesk-*.tmp`) older than `temp_age` seconds are
        deleted (0 under the instance lock at start-up: no write can be running). Other
        files are left alone.
        """
        keep, garbage = set(referenced), set(journaled)
        result = SweepResult()
        if not self.root.is_dir():
            return result
        cutoff = time.time() - temp_age
        for entry in sorted(self.root.iterdir()):
            name = entry.name
            if self._NAME.fullmatch(name) and name not in keep and entry.is_file():
                if name in garbage:
                    entry.unlink(missing_ok=True)
                    result.removed.append(name)
                else:
                    recovered.mkdir(parents=True, exist_ok=True)
                    os.replace(entry, _free_name(recovered / name))
                    result.moved.append(name)
            elif is_temp_name(name) and entry.is_file() and entry.stat().st_mtime <= cutoff:
                entry.unlink(missing_ok=True)
        if result.moved:
            fsync_directory(recovered)
            fsync_directory(self.root)
        return result

    def _check(self, head: bytes, size: int, name: str, max_bytes: int | None) -> FileKind:
        if size == 0:
            raise UserFixableError("file_empty", file=name)
        if max_bytes is not None and size > max_bytes:
            raise UserFixableError("file_too_large", file=name, max_mb=_max_mb(max_bytes))
        kind = detect_kind(head)
        if kind is None or kind not in self.KINDS:
            raise UserFixableError(
                "file_type_not_allowed", file=name, allowed=[k.extension for k in self.KINDS]
            )
        return kind

    def _store(
        self,
        source: BinaryIO,
        kind: FileKind,
        name: str,
        max_bytes: int | None,
        session: Any = None,
    ) -> EvidenceFile:
        self.root.mkdir(parents=True, exist_ok=True)
        temp, (sha256, size) = write_temp(
            self.root, lambda out: _copy_hashing(source, out, max_bytes), file=name
        )
        stored_name = f"{sha256}.{kind.extension}"
        dest = self.root / stored_name
        try:
            if dest.is_file() and dest.stat().st_size == size:
                temp.unlink()  # same content already stored: share it
            else:
                self._note(stored_name, session)
                replace_durably(temp, dest)
        finally:
            temp.unlink(missing_ok=True)
        return EvidenceFile(
            original_name=name,
            stored_name=stored_name,
            sha256=sha256,
            size=size,
            media_type=kind.media_type,
        )


class PhotoStore(EvidenceStore):
    """ID photos: JPEG or PNG only."""

    KINDS: ClassVar[tuple[FileKind, ...]] = (JPEG, PNG)
    DEFAULT_MAX_BYTES: ClassVar[int] = 10 << 20


def _free_name(path: Path) -> Path:
    """`path`, or `path` with a counter before its extensions when that name is taken."""
    candidate, counter = path, 1
    while candidate.exists():
        candidate = path.with_name(f"{counter}-{path.name}")
        counter += 1
    return candidate


def oserror_to_user_error(error: OSError) -> UserFixableError:
    """The user's view of an OSError that escaped: disk full, not writable, or unreadable."""
    filename = str(error.filename or "")
    if error.errno in DISK_FULL_ERRNOS:
        return UserFixableError("disk_full", file=Path(filename).name, path=filename)
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return UserFixableError("not_writable", path=filename)
    return UserFixableError("file_unreadable", file=Path(filename).name, path=filename)
