"""The writer's second pass: the canonical ZIP, streamed to a temporary file beside the
destination (docs/bundle-format.md).

Local headers and data (manifest.json first, then the members in canonical order), the
central directory and the end record, written through `os.write` with small writes
gathered. Each source is hashed again as it is copied, so a file changed since the first
pass is caught ("file_changed") rather than shipped under a wrong hash. The output is an
`OutputFile` (`swdesk.core.outfiles`): fsynced, and removed again on any failure; the
caller publishes it by renaming.
"""

from __future__ import annotations

import errno
import hashlib
import os
import zlib
from pathlib import Path

from swdesk.core.outfiles import OutputFile, output_error

from . import zipformat
from .layout import MANIFEST_NAME
from .sources import (
    CHUNK_SIZE,
    BundleMember,
    Hashed,
    SourceUnreadable,
    changed,
    read_source,
    unreadable,
)

__all__ = ["write_temporary"]


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


def write_temporary(
    dest: Path, manifest: bytes, members: list[BundleMember], hashes: list[Hashed]
) -> tuple[OutputFile, int]:
    """The bundle written in full and fsynced under a temporary name beside `dest`: the
    output (to publish or discard) and its size. A source's read error is "file_unreadable",
    the destination's is worded by `outfiles.output_error` ("disk_full", ...)."""
    out = OutputFile(dest)
    try:
        size = _write_zip(_Sink(out.fd), manifest, members, hashes)
        out.finish()
    except BaseException as exc:
        out.discard()
        if isinstance(exc, SourceUnreadable):
            raise unreadable(exc.member) from exc.__cause__
        if isinstance(exc, OSError):
            raise output_error(exc, dest) from exc
        raise
    return out, size


def _write_zip(
    sink: _Sink, manifest: bytes, members: list[BundleMember], hashes: list[Hashed]
) -> int:
    """Local headers and data (manifest first), central directory, end record."""
    directory: list[bytes] = []
    entries: list[tuple[str, Hashed, BundleMember | None]] = [
        (MANIFEST_NAME, Hashed("", zlib.crc32(manifest), len(manifest)), None)
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


def _copy_member(sink: _Sink, member: BundleMember, hashed: Hashed) -> None:
    """Stream a member into the sink, re-hashing it: "file_changed" if it differs now."""
    if member.data is not None:
        data = member.data
        if len(data) != hashed.size or hashlib.sha256(data).hexdigest() != hashed.sha256:
            raise changed(member)  # a mutable buffer was changed in between
        sink.write(data)
        return
    assert member.path is not None
    digest, remaining = hashlib.sha256(), hashed.size
    try:
        source = open(member.path, "rb", buffering=0)  # noqa: SIM115 (closed below)
    except OSError as exc:
        raise SourceUnreadable(member) from exc
    with source:
        while remaining:
            chunk = read_source(source, member, min(CHUNK_SIZE, remaining))
            if not chunk:
                break  # it shrank
            digest.update(chunk)
            sink.write(chunk)  # an OSError here is the destination's
            remaining -= len(chunk)
        grew = bool(read_source(source, member, 1))
    if remaining or grew or digest.hexdigest() != hashed.sha256:
        raise changed(member)
