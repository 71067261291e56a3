"""The bundle file read by position: its central directory checked entry by entry, and
streams of single members checked against their hashes (docs/bundle-format.md).

Nothing is extracted by the archive's own names: the whole central directory is parsed and
checked first (names safe and unique, members stored plainly, declared sizes within the
limits and the file), then members are read by position. `check_outline` stops there, to
refuse junk before it is copied anywhere; `open_member` / `read_member` read one member of a
bundle verified earlier. `verification.py` builds `verify_bundle` on `Archive`.
"""

from __future__ import annotations

import hashlib
import io
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from swdesk.core.infiles import NotARegularFile, open_regular_raw

from . import zipformat
from .errors import BundleError
from .layout import MANIFEST_NAME, SHA256_HEX, unsafe_name_reason
from .zipformat import CentralEntry, EndRecord, ZipStructureError

__all__ = [
    "DEFAULT_MAX_MEMBERS",
    "DEFAULT_MAX_TOTAL_BYTES",
    "MemberStream",
    "check_outline",
    "open_member",
    "read_member",
]

DEFAULT_MAX_MEMBERS = 2000  # ZIP entries, manifest.json included
DEFAULT_MAX_TOTAL_BYTES = 2 << 30  # 2 GiB: the file, and the sum of declared sizes


class MemberStream(io.RawIOBase):
    """Reads one member's bytes from an open bundle and checks their SHA-256: the read
    that would deliver the last byte raises BundleError "member_hash_mismatch" instead
    when the hash differs. Closing it closes the bundle file."""

    def __init__(
        self, handle: io.FileIO, offset: int, size: int, sha256: str, *, member: str, file: str
    ) -> None:
        super().__init__()
        self._handle = handle
        self._remaining = size
        self._expected = sha256
        self._digest = hashlib.sha256()
        self._member = member
        self._file = file
        handle.seek(offset)
        if size == 0:
            self._check()

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: Any) -> int:
        if self._remaining == 0:
            return 0
        view = memoryview(buffer).cast("B")
        wanted = min(len(view), self._remaining)
        n = self._handle.readinto(view[:wanted])
        if not n:
            raise BundleError(
                "member_size_mismatch",
                member=self._member,
                file=self._file,
                reason="the file ends early",
            )
        self._digest.update(view[:n])
        self._remaining -= n
        if self._remaining == 0:
            self._check()
        return int(n)

    def _check(self) -> None:
        if self._digest.hexdigest() != self._expected:
            raise BundleError("member_hash_mismatch", member=self._member, file=self._file)

    def close(self) -> None:
        if not self.closed:
            self._handle.close()
        super().close()


def check_outline(
    path: Path,
    *,
    max_members: int = DEFAULT_MAX_MEMBERS,
    max_total_bytes: int = DEFAULT_MAX_TOTAL_BYTES,
) -> None:
    """The cheap part of `verify_bundle` (step 1 and 2: a regular file within the size
    limit, an end record, the central directory within the member and size limits), for
    refusing junk before it is copied anywhere. Reads the file's tail and directory only."""
    path = Path(path)
    with open_bundle_file(path) as handle:
        try:
            Archive(path, handle).central_directory(max_members, max_total_bytes)
        except OSError as exc:
            raise unreadable(path, exc) from exc


def open_member(path: Path, name: str, expected_sha256: str) -> MemberStream:
    """A stream of the member `name` of the bundle at `path`, checked against
    `expected_sha256` as it is read. The central directory is checked as in
    `verify_bundle` (names, duplicates, storage); the rest of the bundle is not."""
    if not SHA256_HEX.fullmatch(expected_sha256):
        raise ValueError(f"not a lower-case hex SHA-256: {expected_sha256!r}")
    path = Path(path)
    handle = open_bundle_file(path)
    try:
        archive = Archive(path, handle)
        members, end = archive.central_directory(DEFAULT_MAX_MEMBERS, DEFAULT_MAX_TOTAL_BYTES)
        found = next((m for m in members if m.name == name), None)
        if found is None:
            raise archive.error("member_missing", member=name)
        header = archive.read_at(found.entry.offset, found.header_size)
        if header != found.canonical_local_header():
            raise archive.error("bundle_not_canonical", member=name, reason="local header differs")
        return MemberStream(
            handle,
            found.entry.offset + found.header_size,
            found.entry.size,
            expected_sha256,
            member=name,
            file=path.name,
        )
    except OSError as exc:
        handle.close()
        raise unreadable(path, exc) from exc
    except BaseException:
        handle.close()
        raise


def read_member(path: Path, name: str, expected_sha256: str) -> bytes:
    """The bytes of member `name`, checked against `expected_sha256` (see open_member)."""
    with open_member(path, name, expected_sha256) as stream:
        return stream.read()


# -- the archive, read by position (verification.py builds on it) -----------------------


def unreadable(path: Path, error: OSError) -> BundleError:
    """ "bundle_unreadable" for an I/O error reading the bundle at `path` (a USB stick
    pulled out part-way, a permission refused)."""
    reason = os.strerror(error.errno) if error.errno else str(error)
    return BundleError("bundle_unreadable", file=path.name, path=str(path), reason=reason)


def open_bundle_file(path: Path) -> io.FileIO:
    """The bundle file opened for reading, or BundleError "bundle_unreadable"."""
    try:
        return open_regular_raw(path)  # a FIFO would block a plain open()
    except NotARegularFile:
        raise BundleError(
            "bundle_unreadable", file=path.name, path=str(path), reason="not a regular file"
        ) from None
    except OSError as exc:
        raise unreadable(path, exc) from exc


@dataclass(frozen=True, slots=True)
class ZipMember:
    """One ZIP entry whose name was decoded and checked."""

    name: str
    entry: CentralEntry

    @property
    def header_size(self) -> int:
        return zipformat.LOCAL_HEADER_SIZE + len(self.entry.raw_name)

    def canonical_local_header(self) -> bytes:
        return zipformat.local_header(self.entry.raw_name, self.entry.size, self.entry.crc)


def _decode_name(entry: CentralEntry) -> tuple[str, str | None]:
    """The entry's name and, when it cannot be a safe name, why."""
    raw = entry.raw_name
    if entry.flags & zipformat.FLAG_UTF8 or raw.isascii():
        try:
            name = raw.decode("utf-8")
        except UnicodeDecodeError:
            return raw.decode("utf-8", "backslashreplace"), "name is not UTF-8"
        return name, unsafe_name_reason(name)
    return raw.decode("utf-8", "backslashreplace"), "name not marked as UTF-8"


class Archive:
    """An open bundle file: positioned reads, errors naming the file, the central
    directory with every entry checked."""

    def __init__(self, path: Path, handle: io.FileIO | io.BytesIO, size: int | None = None) -> None:
        """`handle` is the open file, or the file's bytes already read (`size` given)."""
        self.path = path
        self.handle = handle
        self.size = os.fstat(handle.fileno()).st_size if size is None else size
        self.directory = b""

    def error(self, code: str, *, member: str | None = None, **params: Any) -> BundleError:
        return BundleError(code, member=member, file=self.path.name, **params)

    def read_at(self, offset: int, length: int) -> bytes:
        self.handle.seek(offset)
        data = self.handle.read(length)
        if len(data) != length:
            raise self.error("not_a_bundle", reason="the file ends early")
        return data

    def central_directory(
        self, max_members: int, max_total_bytes: int
    ) -> tuple[list[ZipMember], EndRecord]:
        """Every ZIP entry, names safe and unique, stored plainly, declared sizes within
        the limits and the file; manifest.json first."""
        if self.size > max_total_bytes:
            raise self.error("bundle_too_large", size=self.size, limit=max_total_bytes)
        if self.size < zipformat.END_RECORD_SIZE:
            raise self.error("not_a_bundle", reason="too short to be a ZIP file")
        tail_length = min(self.size, zipformat.END_RECORD_SIZE + zipformat.MAX_COMMENT)
        tail = self.read_at(self.size - tail_length, tail_length)
        try:
            end = zipformat.find_end_record(tail, self.size - tail_length)
            zipformat.check_end_record(end)
        except ZipStructureError as exc:
            raise self.error("not_a_bundle", reason=str(exc)) from None
        if end.count > max_members:
            raise self.error("too_many_members", count=end.count, limit=max_members)
        if end.count == 0:
            raise self.error("not_a_bundle", reason="an empty ZIP archive")
        self.directory = self.read_at(end.directory_offset, end.directory_size)
        try:
            entries = zipformat.parse_central_directory(self.directory, end.count)
        except ZipStructureError as exc:
            raise self.error("not_a_bundle", reason=str(exc)) from None
        members = self._checked(entries, end, max_total_bytes)
        if members[0].name != MANIFEST_NAME:
            raise self.error("not_a_bundle", reason="manifest.json is not the first member")
        return members, end

    def _checked(
        self, entries: list[CentralEntry], end: EndRecord, max_total_bytes: int
    ) -> list[ZipMember]:
        members: list[ZipMember] = []
        seen: set[str] = set()
        declared = 0
        for entry in entries:
            name, unsafe = _decode_name(entry)
            if unsafe:
                raise self.error("member_unsafe_name", member=name, reason=unsafe)
            if name in seen:
                raise self.error("member_duplicate", member=name)
            seen.add(name)
            not_stored = entry.not_stored_reason()
            if not_stored:
                raise self.error("member_not_stored", member=name, reason=not_stored)
            declared += entry.size
            if declared > max_total_bytes:
                raise self.error(
                    "bundle_too_large",
                    member=name,
                    limit=max_total_bytes,
                    reason="declared sizes exceed the limit",
                )
            data_end = entry.offset + zipformat.LOCAL_HEADER_SIZE + len(entry.raw_name) + entry.size
            if data_end > end.directory_offset:
                raise self.error(
                    "member_size_mismatch",
                    member=name,
                    reason="declared size does not fit in the file",
                )
            members.append(ZipMember(name, entry))
        return members
