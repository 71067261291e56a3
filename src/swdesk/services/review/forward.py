"""Forward packages (`.swdfwd`): an application approved at the first level, passed up to the
province with the first-level decision attached.

A forward package is a ZIP holding exactly two stored members, in this order:
`application.swdapp` (the practitioner's bundle, byte for byte) and `decision.swddec` (the
signed first-level decision). It is written in the same canonical ZIP encoding as a
bundle (`swdesk.bundle.zipformat`: no compression, fixed times and attributes, no extras or
comments), so the reader can demand exactly those bytes, with the same care as the bundle
reader: the end record and the whole central directory are checked before any data is
read, member names must be exactly the two above, sizes are capped, nothing may precede,
follow or lie between the members. The bundle is then copied out by position (never by
name) to a temporary file for `verify_bundle`; the decision is returned as bytes for
`swdesk.signing.read_decision`.
"""

from __future__ import annotations

import io
import os
import stat
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from swdesk.bundle import DEFAULT_MAX_TOTAL_BYTES
from swdesk.bundle import zipformat as zf
from swdesk.core.datafiles import temp_output
from swdesk.core.infiles import open_regular_file
from swdesk.core.outfiles import OutputFile
from swdesk.domain.errors import UserFixableError

__all__ = [
    "BUNDLE_MEMBER",
    "DECISION_MEMBER",
    "FORWARD_SUFFIX",
    "MAX_FORWARD_BYTES",
    "ForwardContents",
    "read_forward",
    "write_forward",
]

FORWARD_SUFFIX = ".swdfwd"
BUNDLE_MEMBER = "application.swdapp"
DECISION_MEMBER = "decision.swddec"
_NAMES = (BUNDLE_MEMBER.encode(), DECISION_MEMBER.encode())
MAX_FORWARD_BYTES = DEFAULT_MAX_TOTAL_BYTES + (1 << 20)
CHUNK = 1 << 20


class ForwardInvalid(UserFixableError):
    """Not a forward package swdesk wrote (code "forward_invalid"; params file, reason)."""

    def __init__(self, file: str, reason: str, **params: Any) -> None:
        super().__init__("forward_invalid", file=file, reason=reason, **params)


@dataclass(frozen=True, slots=True)
class ForwardContents:
    """What `read_forward` took out: the bundle (as a temporary file the caller owns and
    must move or delete) and the decision's bytes."""

    bundle_path: Path
    decision: bytes


def _crc_of(path: Path) -> tuple[int, int]:
    crc, size = 0, 0
    with path.open("rb") as source:
        while chunk := source.read(CHUNK):
            crc = zlib.crc32(chunk, crc)
            size += len(chunk)
    return crc, size


def write_forward(dest: Path, bundle: Path, decision: bytes) -> Path:
    """Write the forward package of `bundle` and its signed `decision` to `dest` (temporary
    name, fsync, then a name that never replaces another file: `swdesk.core.outfiles`). A
    file of that name with exactly these bytes is kept; any other raises "file_exists".
    Raises UserFixableError "disk_full" / "not_writable" / "folder_missing" too."""
    bundle_crc, bundle_size = _crc_of(bundle)
    decision_crc = zlib.crc32(decision)
    first = zf.local_header(_NAMES[0], bundle_size, bundle_crc)
    second_offset = len(first) + bundle_size
    second = zf.local_header(_NAMES[1], len(decision), decision_crc)
    directory = zf.central_header(_NAMES[0], bundle_size, bundle_crc, 0) + zf.central_header(
        _NAMES[1], len(decision), decision_crc, second_offset
    )
    end = zf.end_record(2, len(directory), second_offset + len(second) + len(decision))
    with OutputFile(dest, exclusive=True) as out, bundle.open("rb") as source:
        out.write(first)
        copied = 0
        while chunk := source.read(CHUNK):
            copied += len(chunk)
            out.write(chunk)
        if copied != bundle_size:
            raise UserFixableError("file_changed", file=bundle.name)
        out.write(second + decision + directory + end)
        out.publish()
    return dest


class _Reader:
    def __init__(self, path: Path, handle: BinaryIO, size: int) -> None:
        self.path = path
        self.handle = handle
        self.size = size

    def fail(self, reason: str, **params: Any) -> ForwardInvalid:
        return ForwardInvalid(self.path.name, reason, **params)

    def read_at(self, offset: int, length: int) -> bytes:
        self.handle.seek(offset)
        data = self.handle.read(length)
        if len(data) != length:
            raise self.fail("the file ends early")
        return data

    def entries(self) -> list[zf.CentralEntry]:
        """The two central directory entries, after checking everything around them."""
        if self.size < zf.END_RECORD_SIZE:
            raise self.fail("too short to be a ZIP file")
        tail_length = min(self.size, zf.END_RECORD_SIZE + zf.MAX_COMMENT)
        tail = self.read_at(self.size - tail_length, tail_length)
        try:
            end = zf.find_end_record(tail, self.size - tail_length)
            zf.check_end_record(end)
        except zf.ZipStructureError as exc:
            raise self.fail(str(exc)) from None
        if end.count != len(_NAMES):
            raise self.fail(f"{end.count} members instead of 2")
        if end.directory_size > 2 * (zf.CENTRAL_HEADER_SIZE + 64):
            raise self.fail("central directory too large")
        directory = self.read_at(end.directory_offset, end.directory_size)
        try:
            entries = zf.parse_central_directory(directory, end.count)
        except zf.ZipStructureError as exc:
            raise self.fail(str(exc)) from None
        from swdesk.signing import MAX_DECISION_BYTES  # forwarded packages only

        expected_offset = 0
        canonical = b""
        for entry, name in zip(entries, _NAMES, strict=True):
            if entry.raw_name != name:
                raise self.fail(
                    "unexpected member name",
                    member=entry.raw_name.decode("utf-8", "backslashreplace"),
                )
            reason = entry.not_stored_reason()
            if reason:
                raise self.fail(reason, member=name.decode())
            limit = MAX_DECISION_BYTES if name == _NAMES[1] else DEFAULT_MAX_TOTAL_BYTES
            if entry.size > limit:
                raise self.fail("member too large", member=name.decode(), limit=limit)
            canonical += zf.central_header(name, entry.size, entry.crc, expected_offset)
            if entry.offset != expected_offset:
                raise self.fail("members not where the canonical layout puts them")
            expected_offset += zf.LOCAL_HEADER_SIZE + len(name) + entry.size
        if directory != canonical:
            raise self.fail("central directory differs from the canonical one")
        if (
            end.directory_offset != expected_offset
            or end.offset != expected_offset + len(directory)
            or self.size != end.offset + zf.END_RECORD_SIZE
            or self.read_at(end.offset, zf.END_RECORD_SIZE)
            != zf.end_record(2, len(directory), expected_offset)
        ):
            raise self.fail("bytes outside the members, or the end record differs")
        for entry in entries:
            header = self.read_at(entry.offset, zf.LOCAL_HEADER_SIZE + len(entry.raw_name))
            if header != zf.local_header(entry.raw_name, entry.size, entry.crc):
                raise self.fail("local header differs", member=entry.raw_name.decode())
        return entries

    def copy_member(self, entry: zf.CentralEntry, out: BinaryIO) -> None:
        self.handle.seek(entry.offset + zf.LOCAL_HEADER_SIZE + len(entry.raw_name))
        remaining, crc = entry.size, 0
        while remaining:
            chunk = self.handle.read(min(CHUNK, remaining))
            if not chunk:
                raise self.fail("the file ends early")
            crc = zlib.crc32(chunk, crc)
            out.write(chunk)
            remaining -= len(chunk)
        if crc != entry.crc:
            raise self.fail("CRC-32 does not match", member=entry.raw_name.decode())


def read_forward(path: Path, temp_dir: Path, *, sync: bool = True) -> ForwardContents:
    """Check the forward package at `path` and take its two members out: the bundle to a
    temporary file in `temp_dir` (fsynced unless `sync` is False: the caller makes it
    durable itself), the decision as bytes. Raises UserFixableError "forward_invalid"
    (params file, reason, member) or "file_unreadable"."""
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise ForwardInvalid(path.name, "not a regular file")
        if info.st_size > MAX_FORWARD_BYTES:
            raise ForwardInvalid(path.name, "file too large", limit=MAX_FORWARD_BYTES)
        with open_regular_file(path) as handle:  # no FIFO swapped in after the stat
            reader = _Reader(path, handle, os.fstat(handle.fileno()).st_size)
            bundle_entry, decision_entry = reader.entries()
            decision_out = io.BytesIO()
            reader.copy_member(decision_entry, decision_out)
            with temp_output(temp_dir, sync=sync) as (out, temp):
                reader.copy_member(bundle_entry, out)
    except OSError as exc:
        raise UserFixableError(
            "file_unreadable",
            file=path.name,
            path=str(path),
            reason=os.strerror(exc.errno) if exc.errno else str(exc),
        ) from exc
    return ForwardContents(temp, decision_out.getvalue())
