"""The members a bundle is written from, and reading their sources.

A `BundleMember` holds its bytes (`data`) or names the file holding them (`path`, streamed,
never read whole). The writer's first pass hashes every source here (`hash_member`: SHA-256,
CRC-32, size, the first bytes checked against the member's type, the hash it was promised);
the second pass (`zipwriter.py`) reads each source again through `read_source`. A failure to
read a source is the source's ("file_unreadable"), a source that differs from what it was
promised or from the first pass is "file_changed": errors naming the user's file, never the
bundle being written.
"""

from __future__ import annotations

import hashlib
import os
import stat
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from swdesk.domain.errors import UserFixableError

from .errors import BundleContentError
from .layout import SHA256_HEX, MemberRole, MemberRule, member_rule

__all__ = ["MAX_BUNDLE_BYTES", "BundleMember"]

CHUNK_SIZE = 1 << 20
HEAD_BYTES = 64  # enough for the longest magic (an attendance record's)
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
class Hashed:
    """What the first pass learnt of one member's bytes."""

    sha256: str
    crc: int
    size: int


class SourceUnreadable(Exception):
    """A source member could not be read (wraps the OSError): raised while the bundle is
    written, so that its read errors are not taken for the destination's."""

    def __init__(self, member: BundleMember) -> None:
        super().__init__(member.name)
        self.member = member


def unreadable(member: BundleMember) -> UserFixableError:
    """ "file_unreadable", naming the member's source file."""
    return UserFixableError(
        "file_unreadable", file=member.source_name, member=member.name, path=str(member.path or "")
    )


def changed(member: BundleMember) -> UserFixableError:
    """ "file_changed", naming the member's source file."""
    return UserFixableError(
        "file_changed", file=member.source_name, member=member.name, path=str(member.path or "")
    )


def hash_member(member: BundleMember) -> Hashed:
    """SHA-256, CRC-32 and size of a member's bytes; checks its first bytes, the hash it
    was promised and, for evidence, the hash in its name."""
    rule = member_rule(member.name)
    assert rule is not None
    if member.data is not None:
        data = member.data
        hashed = Hashed(hashlib.sha256(data).hexdigest(), zlib.crc32(data), len(data))
        head = data[:HEAD_BYTES]
    else:
        hashed, head = _hash_file(member)
    _check_head(member, rule, head)
    if rule.max_bytes is not None and hashed.size > rule.max_bytes:
        raise BundleContentError(f"{member.name}: larger than {rule.max_bytes} bytes")
    expected = member.sha256
    if rule.role is MemberRole.EVIDENCE:
        expected = member.name.removeprefix("evidence/").split(".")[0]
    if expected is not None and expected != hashed.sha256:
        raise changed(member)
    return hashed


def _hash_file(member: BundleMember) -> tuple[Hashed, bytes]:
    assert member.path is not None
    digest, crc, size, head = hashlib.sha256(), 0, 0, b""
    buffer = bytearray(CHUNK_SIZE)
    view = memoryview(buffer)
    try:
        with open(member.path, "rb", buffering=0) as source:
            if not stat.S_ISREG(os.fstat(source.fileno()).st_mode):
                raise unreadable(member)
            while n := source.readinto(buffer):
                chunk = view[:n]
                if size == 0:
                    head = bytes(chunk[:HEAD_BYTES])
                digest.update(chunk)
                crc = zlib.crc32(chunk, crc)
                size += n
                if size > MAX_BUNDLE_BYTES:
                    raise UserFixableError(
                        "bundle_too_large", max_mb=MAX_BUNDLE_BYTES >> 20, file=member.source_name
                    )
    except OSError as exc:
        raise unreadable(member) from exc
    return Hashed(digest.hexdigest(), crc, size), head


def _check_head(member: BundleMember, rule: MemberRule, head: bytes) -> None:
    if not head:
        raise BundleContentError(f"{member.name}: empty")
    if not head.startswith(rule.magic):
        raise BundleContentError(f"{member.name}: content is not {rule.extension.upper()}")


def read_source(source: BinaryIO, member: BundleMember, size: int) -> bytes:
    """Up to `size` bytes of a source; its read errors are the source's, not the bundle's."""
    try:
        return source.read(size)
    except OSError as exc:
        raise SourceUnreadable(member) from exc
