"""Write an application bundle (.swdapp): check the members, hash them, then write the
canonical ZIP atomically (docs/bundle-format.md).

Two passes over file members: the first hashes every source (SHA-256 and CRC-32), since
the manifest holds every hash and must come first; the second streams each source into the
bundle and hashes it again, so a file changed in between is caught ("file_changed") rather
than shipped under a wrong hash. The bundle is written under a temporary name beside the
destination (`.<name>.partial-<host>-<pid>-<random>`, `swdesk.core.outfiles`), flushed and
fsynced, and renamed over it, so the destination is the old file or the complete new one,
never half of one. `stage_bundle` stops before the rename: the caller records the bundle
(its id and digest) first and then publishes it, so a bundle at its destination is always
one the caller has recorded.
"""

from __future__ import annotations

import errno
import hashlib
import os
import stat
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import BinaryIO

from swdesk.core.outfiles import OutputFile, output_error
from swdesk.core.timestamps import stamp
from swdesk.domain.errors import UserFixableError

from . import zipformat
from .checks import (
    JsonProblem,
    application_problem,
    load_json,
    manifest_problem,
    schema_fault,
    schema_problem,
)
from .errors import BundleContentError
from .layout import (
    APPLICATION_NAME,
    BUNDLE_SUFFIX,
    FORMAT_NAME,
    FORMAT_VERSION,
    MANIFEST_NAME,
    MAX_JSON_BYTES,
    REQUIRED_NAMES,
    SHA256_HEX,
    MemberRole,
    MemberRule,
    canonical_json,
    content_digest,
    member_rule,
    order_key,
    unsafe_name_reason,
)

__all__ = [
    "MAX_BUNDLE_BYTES",
    "BundleInfo",
    "BundleMember",
    "StagedBundle",
    "content_digest",
    "stage_bundle",
    "write_bundle",
]

CHUNK_SIZE = 1 << 20
MAX_BUNDLE_BYTES = 2 << 30  # 2 GiB: the reader's default limit; no ZIP64 is ever needed


@dataclass(frozen=True, slots=True)
class BundleMember:
    """One member to write: its name in the bundle, role and media type, and its bytes
    (`data`) or the file holding them (`path`, streamed). With `sha256`, the source must
    have that hash (else "file_changed"), e.g. the hash recorded when it was imported."""

    name: str
    role: str
    media_type: str
    data: bytes | None = None
    path: Path | None = None
    sha256: str | None = None

    def __post_init__(self) -> None:
        if (self.data is None) == (self.path is None):
            raise ValueError(f"{self.name}: give exactly one of data and path")
        if self.sha256 is not None and not SHA256_HEX.fullmatch(self.sha256):
            raise ValueError(f"{self.name}: sha256 is not lower-case hex")

    @property
    def source_name(self) -> str:
        """The name shown to the user for this member's source file."""
        return Path(self.path).name if self.path is not None else self.name


@dataclass(frozen=True, slots=True)
class BundleInfo:
    """A bundle just written: where, its identifier (SHA-256 of manifest.json), its content
    digest (as printed in the form's QR code) and its size in bytes."""

    path: Path
    bundle_id: str
    content_digest: str
    size: int


@dataclass(frozen=True, slots=True)
class _Hashed:
    sha256: str
    crc: int
    size: int


class _SourceUnreadable(Exception):
    """A source member could not be read (wraps the OSError)."""

    def __init__(self, member: BundleMember) -> None:
        super().__init__(member.name)
        self.member = member


class StagedBundle:
    """A bundle written in full and fsynced under a temporary name beside its destination:
    `publish` renames it into place (replacing the destination), `discard` removes it."""

    def __init__(self, out: OutputFile, info: BundleInfo) -> None:
        self._out = out
        self.info = info

    @property
    def temp(self) -> Path:
        return self._out.temp

    def publish(self) -> BundleInfo:
        """Rename it into place. Raises UserFixableError "disk_full" / "not_writable" /
        "folder_missing" (the temporary file is removed then, if the medium allows)."""
        try:
            self._out.publish()
        except BaseException:
            self._out.discard()
            raise
        return self.info

    def discard(self) -> None:
        self._out.discard()


def write_bundle(
    dest: Path, members: Sequence[BundleMember], *, created_at: datetime, generator: str
) -> BundleInfo:
    """Write `members` as the bundle `dest` (suffix .swdapp), replacing it atomically.

    Members may come in any order; they are written in the canonical order. Raises
    `BundleContentError` when the members break the format (a bug) and `UserFixableError`:
    "file_unreadable" / "file_changed" (params file, member) for a source, "disk_full" /
    "not_writable" / "folder_missing" (params path, file) for the destination,
    "bundle_too_large" (max_mb).
    """
    return stage_bundle(dest, members, created_at=created_at, generator=generator).publish()


def stage_bundle(
    dest: Path, members: Sequence[BundleMember], *, created_at: datetime, generator: str
) -> StagedBundle:
    """Everything `write_bundle` does but the rename: the bundle is complete and fsynced
    under its temporary name; publish or discard the result. Leftover temporary bundles of
    writers that died in `dest`'s folder are removed first (`outfiles.remove_leftovers`)."""
    dest = Path(dest)
    if dest.suffix.lower() != BUNDLE_SUFFIX:
        raise BundleContentError(f"a bundle's name must end in {BUNDLE_SUFFIX}: {dest.name}")
    ordered = _checked_members(members)
    _check_application(ordered)
    hashes = [_hash_member(member) for member in ordered]  # pass 1
    digest = content_digest((m.name, h.sha256) for m, h in zip(ordered, hashes, strict=True))
    manifest = _manifest_bytes(ordered, hashes, created_at, generator, digest)
    total = _bundle_size(manifest, ordered, hashes)
    if total > MAX_BUNDLE_BYTES:
        raise UserFixableError(
            "bundle_too_large", max_mb=MAX_BUNDLE_BYTES >> 20, size_mb=round(total / (1 << 20), 1)
        )
    out, size = _write_temporary(dest, manifest, ordered, hashes)  # pass 2
    return StagedBundle(out, BundleInfo(dest, hashlib.sha256(manifest).hexdigest(), digest, size))


# -- checks before anything is read or written ------------------------------------------


def _checked_members(members: Sequence[BundleMember]) -> list[BundleMember]:
    """The members in canonical order, after checking names, roles and media types."""
    seen: set[str] = set()
    for member in members:
        reason = unsafe_name_reason(member.name)
        if reason:
            raise BundleContentError(f"{member.name!r}: {reason}")
        rule = member_rule(member.name)
        if rule is None:
            raise BundleContentError(f"{member.name}: no such member in the bundle layout")
        if rule.role != member.role:
            raise BundleContentError(f"{member.name}: role must be {rule.role.value}")
        if rule.media_type != member.media_type:
            raise BundleContentError(f"{member.name}: media type must be {rule.media_type}")
        if member.name in seen:
            raise BundleContentError(f"{member.name}: given twice")
        seen.add(member.name)
    for name in REQUIRED_NAMES:
        if name not in seen:
            raise BundleContentError(f"{name}: required member missing")
    if sum(member.role == MemberRole.SIGNED_FORM for member in members) > 1:
        raise BundleContentError("more than one signed form")
    return sorted(members, key=lambda member: order_key(member.name))


def _check_application(members: list[BundleMember]) -> None:
    """application.json must parse and match its schema and the members."""
    member = next(m for m in members if m.name == APPLICATION_NAME)
    if member.data is None:  # a file could change between this check and pass 1
        raise BundleContentError("application.json: give it as data, not as a path")
    data = member.data
    if len(data) > MAX_JSON_BYTES:
        raise BundleContentError(f"application.json: larger than {MAX_JSON_BYTES} bytes")
    try:
        application = load_json(data)
    except JsonProblem as exc:
        raise BundleContentError(f"application.json: {exc}") from None
    problem = application_problem(application, [(m.name, m.role) for m in members])
    if problem:
        field = _typed_field_at_fault(application)
        if field is not None:
            # what a person typed (or data stored by an older version): they can fix it;
            # the value itself is never put into the error (it may be an ID number)
            raise UserFixableError("bundle_field_invalid", field=field)
        raise BundleContentError(f"application.json: {problem}")


# where a typed value sits in application.json → the field name the UI has a label for
_TYPED_FIELDS = {
    ("applicant", "name"): "name",
    ("applicant", "id_number"): "id_number",
    ("applicant", "phone"): "phone",
    ("applicant", "employer"): "employer",
    ("applicant", "employer_credit_code"): "employer_credit_code",
    ("applicant", "post"): "post",
    ("applicant", "county"): "county",
    ("certificate", "number"): "certificate_number",
    ("late_explanation",): "late_explanation",
    ("registration", "number"): "registration_number",
}
_TYPED_ACTIVITY_FIELDS = ("title", "organiser")


def _typed_field_at_fault(application: object) -> str | None:
    """The first field a person types that breaks the schema, or None when the fault is
    elsewhere (a bug in the caller)."""
    fault = schema_fault("application", application)
    if fault is None:
        return None
    path = fault.path
    if path in _TYPED_FIELDS:
        return _TYPED_FIELDS[path]
    if len(path) == 3 and path[0] == "activities" and path[2] in _TYPED_ACTIVITY_FIELDS:
        return path[2]
    return None


def _unreadable(member: BundleMember) -> UserFixableError:
    return UserFixableError(
        "file_unreadable", file=member.source_name, member=member.name, path=str(member.path or "")
    )


def _changed(member: BundleMember) -> UserFixableError:
    return UserFixableError(
        "file_changed", file=member.source_name, member=member.name, path=str(member.path or "")
    )


# -- pass 1: hashes --------------------------------------------------------------------


def _hash_member(member: BundleMember) -> _Hashed:
    """SHA-256, CRC-32 and size of a member's bytes; checks its first bytes, the hash it
    was promised and, for evidence, the hash in its name."""
    rule = member_rule(member.name)
    assert rule is not None
    if member.data is not None:
        data = member.data
        hashed = _Hashed(hashlib.sha256(data).hexdigest(), zlib.crc32(data), len(data))
        head = data[:16]
    else:
        hashed, head = _hash_file(member)
    _check_head(member, rule, head)
    expected = member.sha256
    if rule.role is MemberRole.EVIDENCE:
        expected = member.name.removeprefix("evidence/").split(".")[0]
    if expected is not None and expected != hashed.sha256:
        raise _changed(member)
    return hashed


def _hash_file(member: BundleMember) -> tuple[_Hashed, bytes]:
    assert member.path is not None
    digest, crc, size, head = hashlib.sha256(), 0, 0, b""
    buffer = bytearray(CHUNK_SIZE)
    view = memoryview(buffer)
    try:
        with open(member.path, "rb", buffering=0) as source:
            if not stat.S_ISREG(os.fstat(source.fileno()).st_mode):
                raise _unreadable(member)
            while n := source.readinto(buffer):
                chunk = view[:n]
                if size == 0:
                    head = bytes(chunk[:16])
                digest.update(chunk)
                crc = zlib.crc32(chunk, crc)
                size += n
                if size > MAX_BUNDLE_BYTES:
                    raise UserFixableError(
                        "bundle_too_large", max_mb=MAX_BUNDLE_BYTES >> 20, file=member.source_name
                    )
    except OSError as exc:
        raise _unreadable(member) from exc
    return _Hashed(digest.hexdigest(), crc, size), head


def _check_head(member: BundleMember, rule: MemberRule, head: bytes) -> None:
    if not head:
        raise BundleContentError(f"{member.name}: empty")
    if not head.startswith(rule.magic):
        raise BundleContentError(f"{member.name}: content is not {rule.extension.upper()}")


# -- the manifest ----------------------------------------------------------------------


def _manifest_bytes(
    members: list[BundleMember],
    hashes: list[_Hashed],
    created_at: datetime,
    generator: str,
    digest: str,
) -> bytes:
    manifest = {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "created_at": stamp(created_at, "seconds"),
        "generator": generator,
        "content_digest": digest,
        "members": [
            {
                "name": m.name,
                "size": h.size,
                "media_type": m.media_type,
                "sha256": h.sha256,
                "role": str(m.role),
            }
            for m, h in zip(members, hashes, strict=True)
        ],
    }
    problem = schema_problem("manifest", manifest) or manifest_problem(manifest)
    if problem:
        raise BundleContentError(f"manifest.json: {problem}")
    return canonical_json(manifest)


def _bundle_size(manifest: bytes, members: list[BundleMember], hashes: list[_Hashed]) -> int:
    """The exact size of the bundle these members make."""
    per_member = zipformat.LOCAL_HEADER_SIZE + zipformat.CENTRAL_HEADER_SIZE
    sizes = [(MANIFEST_NAME, len(manifest))]
    sizes += [(m.name, h.size) for m, h in zip(members, hashes, strict=True)]
    return zipformat.END_RECORD_SIZE + sum(
        per_member + 2 * len(name.encode("utf-8")) + size for name, size in sizes
    )


# -- pass 2: the ZIP, atomically ---------------------------------------------------------


class _Sink:
    """Writes to a file descriptor with os.write, gathering small writes."""

    def __init__(self, fd: int) -> None:
        self.fd = fd
        self.buffer = bytearray()
        self.position = 0

    def write(self, data: bytes | memoryview) -> None:
        if len(self.buffer) + len(data) > CHUNK_SIZE:
            self.flush()
        if len(data) >= CHUNK_SIZE:
            self._write_all(data)
        else:
            self.buffer += data
        self.position += len(data)

    def flush(self) -> None:
        if self.buffer:
            data = bytes(self.buffer)
            self.buffer.clear()
            self._write_all(data)

    def _write_all(self, data: bytes | memoryview) -> None:
        view = memoryview(data)
        while view:
            written = os.write(self.fd, view)
            if written <= 0:
                raise OSError(errno.EIO, "write returned nothing")
            view = view[written:]


def _write_temporary(
    dest: Path, manifest: bytes, members: list[BundleMember], hashes: list[_Hashed]
) -> tuple[OutputFile, int]:
    out = OutputFile(dest)
    try:
        size = _write_zip(_Sink(out.fd), manifest, members, hashes)
        out.finish()
    except BaseException as exc:
        out.discard()
        if isinstance(exc, _SourceUnreadable):
            raise _unreadable(exc.member) from exc.__cause__
        if isinstance(exc, OSError):
            raise output_error(exc, dest) from exc
        raise
    return out, size


def _write_zip(
    sink: _Sink, manifest: bytes, members: list[BundleMember], hashes: list[_Hashed]
) -> int:
    """Local headers and data (manifest first), central directory, end record."""
    directory: list[bytes] = []
    entries: list[tuple[str, _Hashed, BundleMember | None]] = [
        (MANIFEST_NAME, _Hashed("", zlib.crc32(manifest), len(manifest)), None)
    ]
    entries += [(m.name, h, m) for m, h in zip(members, hashes, strict=True)]
    for name, hashed, member in entries:
        raw_name = name.encode("utf-8")
        directory.append(zipformat.central_header(raw_name, hashed.size, hashed.crc, sink.position))
        sink.write(zipformat.local_header(raw_name, hashed.size, hashed.crc))
        if member is None:
            sink.write(manifest)
        else:
            _copy_member(sink, member, hashed)
    directory_offset = sink.position
    for header in directory:
        sink.write(header)
    sink.write(
        zipformat.end_record(len(directory), sink.position - directory_offset, directory_offset)
    )
    sink.flush()
    return sink.position


def _copy_member(sink: _Sink, member: BundleMember, hashed: _Hashed) -> None:
    """Stream a member into the sink, re-hashing it: "file_changed" if it differs now."""
    if member.data is not None:
        data = member.data
        if len(data) != hashed.size or hashlib.sha256(data).hexdigest() != hashed.sha256:
            raise _changed(member)  # a mutable buffer was changed in between
        sink.write(data)
        return
    assert member.path is not None
    digest, remaining = hashlib.sha256(), hashed.size
    try:
        source = open(member.path, "rb", buffering=0)  # noqa: SIM115 (closed below)
    except OSError as exc:
        raise _SourceUnreadable(member) from exc
    with source:
        while remaining:
            chunk = _read_source(source, member, min(CHUNK_SIZE, remaining))
            if not chunk:
                break  # it shrank
            digest.update(chunk)
            sink.write(chunk)  # an OSError here is the destination's
            remaining -= len(chunk)
        grew = bool(_read_source(source, member, 1))
    if remaining or grew or digest.hexdigest() != hashed.sha256:
        raise _changed(member)


def _read_source(source: BinaryIO, member: BundleMember, size: int) -> bytes:
    """Up to `size` bytes of a source; its read errors are the source's, not the bundle's."""
    try:
        return source.read(size)
    except OSError as exc:
        raise _SourceUnreadable(member) from exc
