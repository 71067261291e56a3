"""Verify an application bundle, every byte of it, before anything uses it
(docs/bundle-format.md).

`verify_bundle` accepts a file only if it is byte for byte the canonical ZIP swdesk writes
for the members it holds, every member matching the manifest's hash. It builds on
`archive.Archive`: the whole central directory is parsed and checked first, then members are
read by position, never by the archive's own names. Then the manifest (schema, canonical
JSON), the listing against the directory, the layout, one pass over the data (SHA-256 and
CRC-32 together, each local header compared with the canonical one rebuilt from the
verified values) and application.json. The result, `VerifiedBundle`, reads its members
again checked against their hashes.
"""

from __future__ import annotations

import hashlib
import io
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from . import zipformat
from .archive import (
    DEFAULT_MAX_MEMBERS,
    DEFAULT_MAX_TOTAL_BYTES,
    Archive,
    MemberStream,
    ZipMember,
    open_bundle_file,
    unreadable,
)
from .checks import JsonProblem, application_problem, load_json, manifest_problem, schema_problem
from .layout import (
    APPLICATION_FORMAT_VERSION,
    APPLICATION_NAME,
    FORMAT_NAME,
    FORMAT_VERSION,
    MANIFEST_NAME,
    MAX_JSON_BYTES,
    MemberRule,
    canonical_json,
    content_digest,
    member_rule,
)
from .zipformat import EndRecord, ZipStructureError

__all__ = ["ManifestEntry", "VerifiedBundle", "verify_bundle", "verify_bundle_bytes"]

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
    _kept: Mapping[str, bytes] = field(default_factory=dict, repr=False, compare=False)

    def without_kept_bytes(self) -> VerifiedBundle:
        """The same bundle without the members kept in memory (`verify_bundle`'s `keep`)."""
        return replace(self, _kept={}) if self._kept else self

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
        handle = open_bundle_file(self.path)
        try:
            return MemberStream(handle, offset, size, sha256, member=name, file=self.path.name)
        except BaseException:
            handle.close()
            raise

    def read_member(self, name: str) -> bytes:
        """One member's bytes, checked against its hash (BundleError if they differ); a
        member kept when it was verified is not read again: those are the bytes checked."""
        if name in self._kept:
            return self._kept[name]
        with self.open_member(name) as stream:
            return stream.read()

    def summary(self) -> str:
        """One line for the command line and logs."""
        mb = self.size / (1 << 20)
        return (
            f"OK 申请包 {self.bundle_id[:16]} · {len(self.members)} members · "
            f"{mb:.1f} MB · content {self.content_digest[:16]}"
        )


def verify_bundle(
    path: Path,
    *,
    max_members: int = DEFAULT_MAX_MEMBERS,
    max_total_bytes: int = DEFAULT_MAX_TOTAL_BYTES,
    keep: Callable[[ManifestEntry], bool] | None = None,
) -> VerifiedBundle:
    """Check every byte of the bundle at `path`; raises BundleError (see its codes). The
    members `keep` chooses are kept in memory as they are verified, so that
    `VerifiedBundle.read_member` hands them out without reading and hashing them again."""
    path = Path(path)
    with open_bundle_file(path) as handle:
        try:
            return _Verification(path, handle, max_members, max_total_bytes, keep).run()
        except OSError as exc:  # an I/O error part-way (a USB stick pulled out)
            raise unreadable(path, exc) from exc


def verify_bundle_bytes(
    data: bytes,
    path: Path,
    *,
    max_members: int = DEFAULT_MAX_MEMBERS,
    max_total_bytes: int = DEFAULT_MAX_TOTAL_BYTES,
    keep: Callable[[ManifestEntry], bool] | None = None,
) -> VerifiedBundle:
    """`verify_bundle` of a bundle file's bytes, read once into memory: errors name the
    file `path`, and the result reads the members it did not keep from `path`, so `path`
    must hold exactly `data` by then (the reviewer's import verifies what it read from
    the user's file, then writes those very bytes to its copy)."""
    handle = io.BytesIO(data)  # shares `data`'s buffer: nothing is copied
    return _Verification(Path(path), handle, max_members, max_total_bytes, keep, len(data)).run()


class _Verification(Archive):
    """The steps of verify_bundle, in order: central directory, manifest, listing, layout,
    data, application.json."""

    def __init__(
        self,
        path: Path,
        handle: io.FileIO | io.BytesIO,
        max_members: int,
        max_total_bytes: int,
        keep: Callable[[ManifestEntry], bool] | None = None,
        size: int | None = None,
    ) -> None:
        super().__init__(path, handle, size)
        self.max_members = max_members
        self.max_total_bytes = max_total_bytes
        self.keep = keep
        self.kept: dict[str, bytes] = {}

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
            _kept=self.kept,
        )

    def _manifest(self, first: ZipMember) -> tuple[bytes, dict[str, Any]]:
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
        self, members: list[ZipMember], listed: list[ManifestEntry], manifest: Mapping[str, Any]
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
            rule = member_rule(entry.name)
            limit = rule.max_bytes if rule else None
            if rule is not None and limit is not None and entry.size > limit:
                raise self.error(
                    "member_wrong_type",
                    member=entry.name,
                    expected=rule.extension.upper(),
                    reason=f"{entry.size} bytes; at most {limit}",
                )
            if entry.name == APPLICATION_NAME and entry.size > MAX_JSON_BYTES:
                raise self.error(
                    "application_invalid",
                    member=entry.name,
                    reason=f"larger than {MAX_JSON_BYTES} bytes",
                )
        if content_digest((e.name, e.sha256) for e in listed) != manifest["content_digest"]:
            raise self.error("content_digest_mismatch")

    def _check_layout(self, members: list[ZipMember], end: EndRecord) -> None:
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

    def _check_data(self, members: list[ZipMember], listed: list[ManifestEntry]) -> bytes:
        """One sequential pass: each local header equals the canonical one; each member's
        SHA-256 matches the manifest and its CRC-32 the directory. Returns application.json."""
        application = b""
        buffer = bytearray(min(CHUNK_SIZE, self.size))
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
            wanted = member.name == APPLICATION_NAME or (
                self.keep is not None and self.keep(listed[index - 1])
            )
            keep = bytearray() if wanted else None
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
            if keep is not None and member.name == APPLICATION_NAME:
                application = bytes(keep)
            elif keep is not None:
                self.kept[member.name] = bytes(keep)
        return application

    def _check_magic(self, name: str, head: bytes, magic: bytes, rule: MemberRule | None) -> None:
        """A PDF, JPEG, PNG or attendance record member starts with its type's magic bytes
        (an executable or a PNG renamed .jpg is refused before anything tries to decode it)."""
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
    archive: Archive, value: Mapping[str, Any], member: str | None, known: int = FORMAT_VERSION
) -> None:
    """A format_version newer than this reader knows (`known`): "format_unsupported"."""
    version = value.get("format_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > known:
        raise archive.error("format_unsupported", member=member, version=version, supported=known)
