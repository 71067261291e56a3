"""The ZIP records of a bundle: the canonical bytes swdesk writes, and a strict parser of
the end record and central directory (no zipfile: it hides what a reader must refuse).

Canonical values (docs/bundle-format.md): version 2.0 made by Unix, flags 0x0800 (UTF-8
names) only, method 0 (stored), DOS time 1980-01-01 00:00:00, no extra fields, no
comments, regular file mode 0644, one disk, no ZIP64, no data descriptors.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass

__all__ = [
    "CENTRAL_HEADER_SIZE",
    "END_RECORD_SIZE",
    "LOCAL_HEADER_SIZE",
    "CentralEntry",
    "EndRecord",
    "ZipStructureError",
    "central_header",
    "end_record",
    "find_end_record",
    "local_header",
    "parse_central_directory",
]

LOCAL_SIGNATURE = b"PK\x03\x04"
CENTRAL_SIGNATURE = b"PK\x01\x02"
END_SIGNATURE = b"PK\x05\x06"
ZIP64_LOCATOR_SIGNATURE = b"PK\x06\x07"

_LOCAL = struct.Struct("<4s5H3L2H")
_CENTRAL = struct.Struct("<4s6H3L5H2L")
_END = struct.Struct("<4s4H2LH")
LOCAL_HEADER_SIZE = _LOCAL.size  # 30
CENTRAL_HEADER_SIZE = _CENTRAL.size  # 46
END_RECORD_SIZE = _END.size  # 22
MAX_COMMENT = 0xFFFF

VERSION = 20  # 2.0: enough for stored members and UTF-8 names
VERSION_MADE_BY = (3 << 8) | VERSION  # 3 = Unix: external attributes hold a file mode
FLAG_ENCRYPTED = 0x0001
FLAG_DATA_DESCRIPTOR = 0x0008
FLAG_STRONG_ENCRYPTION = 0x0040
FLAG_UTF8 = 0x0800
FLAGS = FLAG_UTF8
METHOD_STORED = 0
DOS_TIME = 0  # 00:00:00
DOS_DATE = (0 << 9) | (1 << 5) | 1  # 1980-01-01
FILE_MODE = 0o100644  # regular file, rw-r--r--
EXTERNAL_ATTR = FILE_MODE << 16
MAX_U16 = 0xFFFF
MAX_U32 = 0xFFFFFFFF

S_IFMT = 0o170000
S_IFREG = 0o100000
S_IFLNK = 0o120000
UNIX = 3


class ZipStructureError(ValueError):
    """The bytes are not a readable single-disk ZIP archive; the message says why."""


def local_header(name: bytes, size: int, crc: int) -> bytes:
    """The canonical local file header of a stored member (30 bytes + name)."""
    return (
        _LOCAL.pack(
            LOCAL_SIGNATURE,
            VERSION,
            FLAGS,
            METHOD_STORED,
            DOS_TIME,
            DOS_DATE,
            crc,
            size,
            size,
            len(name),
            0,
        )
        + name
    )


def central_header(name: bytes, size: int, crc: int, offset: int) -> bytes:
    """The canonical central directory header of a stored member (46 bytes + name)."""
    return (
        _CENTRAL.pack(
            CENTRAL_SIGNATURE,
            VERSION_MADE_BY,
            VERSION,
            FLAGS,
            METHOD_STORED,
            DOS_TIME,
            DOS_DATE,
            crc,
            size,
            size,
            len(name),
            0,
            0,
            0,
            0,
            EXTERNAL_ATTR,
            offset,
        )
        + name
    )


def end_record(count: int, directory_size: int, directory_offset: int) -> bytes:
    """The canonical end of central directory record (22 bytes, no comment)."""
    return _END.pack(END_SIGNATURE, 0, 0, count, count, directory_size, directory_offset, 0)


@dataclass(frozen=True, slots=True)
class EndRecord:
    """The end of central directory record as found in a file."""

    offset: int  # where it starts in the file
    disk: int
    directory_disk: int
    count_on_disk: int
    count: int
    directory_size: int
    directory_offset: int
    comment: bytes


@dataclass(frozen=True, slots=True)
class CentralEntry:
    """One central directory header, every field as found."""

    index: int
    raw_name: bytes
    made_by: int
    version_needed: int
    flags: int
    method: int
    dos_time: int
    dos_date: int
    crc: int
    compressed_size: int
    size: int
    extra: bytes
    comment: bytes
    disk: int
    internal_attr: int
    external_attr: int
    offset: int

    @property
    def file_type(self) -> int | None:
        """The Unix file type bits (S_IFMT) when made on Unix with a typed mode, else None
        (Python's zipfile, for one, writes 0o600 without type bits for plain files)."""
        file_type = (self.external_attr >> 16) & S_IFMT
        if self.made_by >> 8 != UNIX or file_type == 0:
            return None
        return file_type

    def not_stored_reason(self) -> str | None:
        """Why the member is not plain stored file data (compressed, encrypted, a symlink,
        a directory or other special file), or None."""
        if self.flags & (FLAG_ENCRYPTED | FLAG_STRONG_ENCRYPTION):
            return "encrypted"
        if self.method != METHOD_STORED:
            return f"compressed (method {self.method})"
        if self.compressed_size != self.size:
            return "stored size differs from the size"
        file_type = self.file_type
        if file_type == S_IFLNK:
            return "symbolic link"
        if file_type is not None and file_type != S_IFREG:
            return "not a regular file"
        if self.external_attr & 0x10:  # MS-DOS directory attribute
            return "directory"
        return None


def find_end_record(tail: bytes, tail_offset: int) -> EndRecord:
    """The last end record in `tail` (the file's last bytes, which start at `tail_offset`)
    whose comment reaches exactly to the end of the file."""
    position = len(tail)
    while True:
        position = tail.rfind(END_SIGNATURE, 0, position)
        if position < 0:
            raise ZipStructureError("no ZIP end record (not a ZIP file, or truncated)")
        if len(tail) - position >= END_RECORD_SIZE:
            fields = _END.unpack_from(tail, position)
            comment_length = fields[7]
            if position + END_RECORD_SIZE + comment_length == len(tail):
                comment = tail[position + END_RECORD_SIZE :]
                return EndRecord(
                    tail_offset + position,
                    fields[1],
                    fields[2],
                    fields[3],
                    fields[4],
                    fields[5],
                    fields[6],
                    comment,
                )


def check_end_record(end: EndRecord) -> None:
    """Refuse multi-disk and ZIP64 archives and a directory outside the file."""
    if end.disk != 0 or end.directory_disk != 0 or end.count_on_disk != end.count:
        raise ZipStructureError("a multi-disk ZIP archive")
    if MAX_U16 in (end.count, end.count_on_disk) or MAX_U32 in (
        end.directory_size,
        end.directory_offset,
    ):
        raise ZipStructureError("a ZIP64 archive")
    if end.directory_offset + end.directory_size > end.offset:
        raise ZipStructureError("the central directory lies outside the file")


def parse_central_directory(data: bytes, count: int) -> list[CentralEntry]:
    """Exactly `count` central directory headers filling `data` exactly."""
    entries: list[CentralEntry] = []
    position = 0
    for index in range(count):
        if len(data) - position < CENTRAL_HEADER_SIZE:
            raise ZipStructureError("the central directory is shorter than its entry count")
        fields = _CENTRAL.unpack_from(data, position)
        if fields[0] != CENTRAL_SIGNATURE:
            raise ZipStructureError(f"central directory entry {index} has a bad signature")
        name_length, extra_length, comment_length = fields[10], fields[11], fields[12]
        start = position + CENTRAL_HEADER_SIZE
        end = start + name_length + extra_length + comment_length
        if end > len(data):
            raise ZipStructureError(f"central directory entry {index} is cut short")
        raw_name = data[start : start + name_length]
        extra = data[start + name_length : start + name_length + extra_length]
        comment = data[start + name_length + extra_length : end]
        entries.append(
            CentralEntry(
                index=index,
                raw_name=raw_name,
                made_by=fields[1],
                version_needed=fields[2],
                flags=fields[3],
                method=fields[4],
                dos_time=fields[5],
                dos_date=fields[6],
                crc=fields[7],
                compressed_size=fields[8],
                size=fields[9],
                extra=extra,
                comment=comment,
                disk=fields[13],
                internal_attr=fields[14],
                external_attr=fields[15],
                offset=fields[16],
            )
        )
        position = end
    if position != len(data):
        raise ZipStructureError("the central directory is longer than its entry count")
    return entries


def local_name_and_extra_lengths(header: bytes) -> tuple[int, int]:
    """The name and extra field lengths from a local header's first 30 bytes."""
    fields = _LOCAL.unpack_from(header)
    if fields[0] != LOCAL_SIGNATURE:
        raise ZipStructureError("a local header has a bad signature")
    return fields[9], fields[10]
