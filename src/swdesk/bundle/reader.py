"""Verify an application bundle and read its members (docs/bundle-format.md).

`verify_bundle` accepts a file only if it is byte for byte the canonical ZIP swdesk writes
for the members it holds, every member matching the manifest's hash. Nothing is extracted
by the archive's own names: the whole central directory is parsed and checked first, then
members are read by position. One pass over the data (SHA-256 and CRC-32 together); the
headers are compared with the canonical headers rebuilt from the verified values.
"""

from __future__ import annotations

import hashlib
import io
import os
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from swdesk.core.infiles import NotARegularFile, open_regular_raw

from . import zipformat
from .checks import JsonProblem, application_problem, load_json, manifest_problem, schema_problem
from .errors import BundleError
from .layout import (
    APPLICATION_FORMAT_VERSION,
    APPLICATION_NAME,
    FORMAT_NAME,
    FORMAT_VERSION,
    MANIFEST_NAME,
    MAX_JSON_BYTES,
    SHA256_HEX,
    MemberRule,
    canonical_json,
    content_digest,
    member_rule,
    unsafe_name_reason,
)
from .zipformat import CentralEntry, EndRecord, ZipStructureError

__all__ = [
    "DEFAULT_MAX_MEMBERS",
    "DEFAULT_MAX_TOTAL_BYTES",
    "ManifestEntry",
    "MemberStream",
    "VerifiedBundle",
    "check_outline",
    "open_member",
    "read_member",
    "verify_bundle",
]

DEFAULT_MAX_MEMBERS = 2000  # ZIP entries, manifest.json included
DEFAULT_MAX_TOTAL_BYTES = 2 << 30  # 2 GiB: the file, and the sum of declared sizes
CHUNK_SIZE = 1 << 20


@dataclass(frozen=True, slots=True)
class ManifestEntry:
    """One member as the manifest lists it."""

    name: str
    size: int
    media_type: str
    sha256: str
    role: str

    @classmethod
    def from_json(cls, entry: Mapping[str, Any]) -> ManifestEntry:
        return cls(
            entry["name"], entry["size"], entry["media_type"], entry["sha256"], entry["role"]
        )


@dataclass(frozen=True)
class VerifiedBundle:
    """A bundle that passed `verify_bundle`: its identifier (SHA-256 of manifest.json),
    content digest, parsed manifest and application.json, and members (manifest order,
    manifest.json not included). `size` is the file's size in bytes."""

    path: Path
    bundle_id: str
    content_digest: str
    manifest: dict[str, Any]
    application: dict[str, Any]
    members: list[ManifestEntry]
    size: int = 0
    _locations: Mapping[str, tuple[int, int, str]] = field(
        default_factory=dict, repr=False, compare=False
    )  # name → (data offset, size, sha256)

    def member(self, name: str) -> ManifestEntry:
        """The manifest entry called `name` (KeyError if there is none)."""
        for entry in self.members:
            if entry.name == name:
                return entry
        raise KeyError(name)

    def open_member(self, name: str) -> MemberStream:
        """A stream of one member's bytes, checked against its hash as it is read (the file
        may have changed since it was verified). `manifest.json` is readable too."""
        if name not in self._locations:
            raise KeyError(name)
        offset, size, sha256 = self._locations[name]
        handle = _open(self.path)
        try:
            return MemberStream(handle, offset, size, sha256, member=name, file=self.path.name)
        except BaseException:
            handle.close()
            raise

    def read_member(self, name: str) -> bytes:
        """One member's bytes, checked against its hash (BundleError if they differ)."""
        with self.open_member(name) as stream:
            return stream.read()

    def summary(self) -> str:
        """One line for the command line and logs."""
        mb = self.size / (1 << 20)
        return (
            f"OK 申请包 {self.bundle_id[:16]} · {len(self.members)} members · "
            f"{mb:.1f} MB · content {self.content_digest[:16]}"
        )


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


def verify_bundle(
    path: Path,
    *,
    max_members: int = DEFAULT_MAX_MEMBERS,
    max_total_bytes: int = DEFAULT_MAX_TOTAL_BYTES,
) -> VerifiedBundle:
    """Check every byte of the bundle at `path`; raises BundleError (see its codes)."""
    path = Path(path)
    with _open(path) as handle:
        try:
            return _Verification(path, handle, max_members, max_total_bytes).run()
        except OSError as exc:  # an I/O error part-way (a USB stick pulled out)
            raise BundleError(
                "bundle_unreadable", file=path.name, path=str(path), reason=_os_reason(exc)
            ) from exc


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
    with _open(path) as handle:
        try:
            _Archive(path, handle).central_directory(max_members, max_total_bytes)
        except OSError as exc:
            raise BundleError(
                "bundle_unreadable", file=path.name, path=str(path), reason=_os_reason(exc)
            ) from exc


def open_member(path: Path, name: str, expected_sha256: str) -> MemberStream:
    """A stream of the member `name` of the bundle at `path`, checked against
    `expected_sha256` as it is read. The central directory is checked as in
    `verify_bundle` (names, duplicates, storage); the rest of the bundle is not."""
    if not SHA256_HEX.fullmatch(expected_sha256):
        raise ValueError(f"not a lower-case hex SHA-256: {expected_sha256!r}")
    path = Path(path)
    handle = _open(path)
    try:
        archive = _Archive(path, handle)
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
        raise BundleError(
            "bundle_unreadable", file=path.name, path=str(path), reason=_os_reason(exc)
        ) from exc
    except BaseException:
        handle.close()
        raise


def read_member(path: Path, name: str, expected_sha256: str) -> bytes:
    """The bytes of member `name`, checked against `expected_sha256` (see open_member)."""
    with open_member(path, name, expected_sha256) as stream:
        return stream.read()


# -- internals ---------------------------------------------------------------------------


def _os_reason(error: OSError) -> str:
    return os.strerror(error.errno) if error.errno else str(error)


def _open(path: Path) -> io.FileIO:
    """The bundle file opened for reading, or BundleError "bundle_unreadable"."""
    try:
        return open_regular_raw(path)  # a FIFO would block a plain open()
    except NotARegularFile:
        raise BundleError(
            "bundle_unreadable", file=path.name, path=str(path), reason="not a regular file"
        ) from None
    except OSError as exc:
        raise BundleError(
            "bundle_unreadable", file=path.name, path=str(path), reason=_os_reason(exc)
        ) from exc


@dataclass(frozen=True, slots=True)
class _Member:
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


class _Archive:
    """An open bundle file: positioned reads, errors naming the file, the central
    directory with every entry checked."""

    def __init__(self, path: Path, handle: io.FileIO) -> None:
        self.path = path
        self.handle = handle
        self.size = os.fstat(handle.fileno()).st_size
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
    ) -> tuple[list[_Member], EndRecord]:
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
    ) -> list[_Member]:
        members: list[_Member] = []
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
            members.append(_Member(name, entry))
        return members


class _Verification(_Archive):
    """The steps of verify_bundle, in order: central directory, manifest, listing, layout,
    data, application.json."""

    def __init__(
        self, path: Path, handle: io.FileIO, max_members: int, max_total_bytes: int
    ) -> None:
        super().__init__(path, handle)
        self.max_members = max_members
        self.max_total_bytes = max_total_bytes

    def run(self) -> VerifiedBundle:
        members, end = self.central_directory(self.max_members, self.max_total_bytes)
        manifest_bytes, manifest = self._manifest(members[0])
        listed = [ManifestEntry.from_json(entry) for entry in manifest["members"]]
        self._check_listing(members[1:], listed, manifest)
        self._check_layout(members, end)
        application_bytes = self._check_data(members, listed)
        application = self._application(application_bytes, listed)
        locations = {
            MANIFEST_NAME: (
                members[0].header_size,
                members[0].entry.size,
                hashlib.sha256(manifest_bytes).hexdigest(),
            )
        }
        for member, entry in zip(members[1:], listed, strict=True):
            locations[entry.name] = (
                member.entry.offset + member.header_size,
                entry.size,
                entry.sha256,
            )
        return VerifiedBundle(
            path=self.path,
            bundle_id=hashlib.sha256(manifest_bytes).hexdigest(),
            content_digest=manifest["content_digest"],
            manifest=manifest,
            application=application,
            members=listed,
            size=self.size,
            _locations=locations,
        )

    def _manifest(self, first: _Member) -> tuple[bytes, dict[str, Any]]:
        """manifest.json's bytes and value: intact (CRC-32), strict JSON, our format and
        version, the schema and the layout rules, canonical JSON."""
        entry = first.entry
        header = self.read_at(entry.offset, zipformat.LOCAL_HEADER_SIZE)
        try:
            name_length, extra_length = zipformat.local_name_and_extra_lengths(header)
        except ZipStructureError as exc:
            raise self.error("not_a_bundle", reason=str(exc)) from None
        start = entry.offset + zipformat.LOCAL_HEADER_SIZE + name_length + extra_length
        if start + entry.size > self.size:
            raise self.error(
                "member_size_mismatch",
                member=MANIFEST_NAME,
                reason="declared size does not fit in the file",
            )
        if entry.size > MAX_JSON_BYTES:
            raise self.error("manifest_invalid", reason=f"larger than {MAX_JSON_BYTES} bytes")
        data = self.read_at(start, entry.size)
        if zlib.crc32(data) != entry.crc:
            raise self.error("manifest_invalid", reason="damaged (CRC-32 does not match)")
        try:
            manifest = load_json(data)
        except JsonProblem as exc:
            raise self.error("manifest_invalid", reason=str(exc)) from None
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT_NAME:
            raise self.error("not_a_bundle", reason="manifest.json is not a swdesk manifest")
        _check_version(self, manifest, None)
        problem = schema_problem("manifest", manifest) or manifest_problem(manifest)
        if problem:
            raise self.error("manifest_invalid", reason=problem)
        if data != canonical_json(manifest):
            raise self.error(
                "bundle_not_canonical",
                member=MANIFEST_NAME,
                reason="manifest.json is not canonical JSON",
            )
        return data, manifest

    def _check_listing(
        self, members: list[_Member], listed: list[ManifestEntry], manifest: Mapping[str, Any]
    ) -> None:
        """The ZIP holds exactly the listed members, in manifest order, with the listed
        sizes; the content digest agrees with the listed hashes."""
        in_zip = {member.name: member for member in members}
        listed_names = [entry.name for entry in listed]
        for entry in listed:
            if entry.name not in in_zip:
                raise self.error("member_missing", member=entry.name)
        unlisted = set(in_zip) - set(listed_names)
        for member in members:
            if member.name in unlisted:
                raise self.error("member_unlisted", member=member.name)
        if [member.name for member in members] != listed_names:
            raise self.error("bundle_not_canonical", reason="members not in manifest order")
        for entry in listed:
            if in_zip[entry.name].entry.size != entry.size:
                raise self.error("member_size_mismatch", member=entry.name)
            if entry.name == APPLICATION_NAME and entry.size > MAX_JSON_BYTES:
                raise self.error(
                    "application_invalid",
                    member=entry.name,
                    reason=f"larger than {MAX_JSON_BYTES} bytes",
                )
        if content_digest((e.name, e.sha256) for e in listed) != manifest["content_digest"]:
            raise self.error("content_digest_mismatch")

    def _check_layout(self, members: list[_Member], end: EndRecord) -> None:
        """Members back to back from offset 0, then the central directory and end record
        exactly as swdesk writes them, then the end of the file."""
        offset = 0
        expected_directory: list[bytes] = []
        for member in members:
            if member.entry.offset != offset:
                raise self.error(
                    "bundle_not_canonical",
                    member=member.name,
                    reason="not where the canonical layout puts it",
                )
            expected_directory.append(
                zipformat.central_header(
                    member.entry.raw_name, member.entry.size, member.entry.crc, offset
                )
            )
            offset += member.header_size + member.entry.size
        if end.directory_offset != offset:
            raise self.error(
                "bundle_not_canonical", reason="bytes between members and central directory"
            )
        position = 0
        for member, header in zip(members, expected_directory, strict=True):
            if self.directory[position : position + len(header)] != header:
                raise self.error(
                    "bundle_not_canonical",
                    member=member.name,
                    reason="central directory header differs",
                )
            position += len(header)
        expected_end = zipformat.end_record(len(members), position, offset)
        if (
            position != len(self.directory)
            or end.offset != offset + position
            or self.read_at(end.offset, self.size - end.offset) != expected_end
        ):
            raise self.error("bundle_not_canonical", reason="end record differs")

    def _check_data(self, members: list[_Member], listed: list[ManifestEntry]) -> bytes:
        """One sequential pass: each local header equals the canonical one; each member's
        SHA-256 matches the manifest and its CRC-32 the directory. Returns application.json."""
        application = b""
        buffer = bytearray(CHUNK_SIZE)
        view = memoryview(buffer)
        for index, member in enumerate(members):
            entry = member.entry
            header = self.read_at(entry.offset, member.header_size)
            if header != member.canonical_local_header():
                raise self.error(
                    "bundle_not_canonical", member=member.name, reason="local header differs"
                )
            if index == 0:
                continue  # the manifest: its CRC-32 was checked when it was read
            keep = bytearray() if member.name == APPLICATION_NAME else None
            rule = member_rule(member.name)
            magic = rule.magic if rule else b""
            digest, crc, remaining = hashlib.sha256(), 0, entry.size
            while remaining:
                n = self.handle.readinto(view[: min(CHUNK_SIZE, remaining)])
                if not n:
                    raise self.error("not_a_bundle", reason="the file ends early")
                chunk = view[:n]
                if magic and remaining == entry.size:
                    self._check_magic(member.name, bytes(chunk[: len(magic)]), magic, rule)
                digest.update(chunk)
                crc = zlib.crc32(chunk, crc)
                if keep is not None:
                    keep += chunk
                remaining -= n
            if digest.hexdigest() != listed[index - 1].sha256:
                raise self.error("member_hash_mismatch", member=member.name)
            if crc != entry.crc:
                raise self.error(
                    "bundle_not_canonical", member=member.name, reason="CRC-32 does not match"
                )
            if keep is not None:
                application = bytes(keep)
        return application

    def _check_magic(self, name: str, head: bytes, magic: bytes, rule: MemberRule | None) -> None:
        """A PDF, JPEG or PNG member starts with its type's magic bytes (an executable or a
        PNG renamed .jpg is refused before anything tries to decode it)."""
        if head != magic:
            expected = rule.extension.upper() if rule else "?"
            raise self.error("member_wrong_type", member=name, expected=expected)

    def _application(self, data: bytes, listed: list[ManifestEntry]) -> dict[str, Any]:
        try:
            application = load_json(data)
        except JsonProblem as exc:
            raise self.error(
                "application_invalid", member=APPLICATION_NAME, reason=str(exc)
            ) from None
        if not isinstance(application, dict):
            raise self.error(
                "application_invalid", member=APPLICATION_NAME, reason="not a JSON object"
            )
        _check_version(self, application, APPLICATION_NAME, APPLICATION_FORMAT_VERSION)
        problem = application_problem(application, [(e.name, e.role) for e in listed])
        if problem:
            raise self.error("application_invalid", member=APPLICATION_NAME, reason=problem)
        return application


def _check_version(
    archive: _Archive, value: Mapping[str, Any], member: str | None, known: int = FORMAT_VERSION
) -> None:
    """A format_version newer than this reader knows (`known`): "format_unsupported"."""
    version = value.get("format_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > known:
        raise archive.error("format_unsupported", member=member, version=version, supported=known)
