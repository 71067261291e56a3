"""The ZIP records of a bundle: the canonical bytes are a ZIP archive another reader opens,
and the strict parser refuses, with a reason, every structure a bundle must not have (the
member kinds, multi-disk and ZIP64 archives, a directory that does not fill its space, an
end record hidden in a comment)."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from dataclasses import replace

import pytest

from swdesk.bundle.zipformat import (
    CENTRAL_HEADER_SIZE,
    END_RECORD_SIZE,
    CentralEntry,
    EndRecord,
    ZipStructureError,
    central_header,
    check_end_record,
    end_record,
    find_end_record,
    local_header,
    local_name_and_extra_lengths,
    parse_central_directory,
)

MEMBERS = [(b"manifest.json", b'{"a":1}\n'), ("材料/证书.pdf".encode(), b"%PDF-1.4\n")]


def canonical_zip(members: list[tuple[bytes, bytes]]) -> tuple[bytes, bytes]:
    """(the archive, its central directory) written with the canonical records."""
    body, directory = b"", b""
    for name, data in members:
        crc = zlib.crc32(data)
        directory += central_header(name, len(data), crc, len(body))
        body += local_header(name, len(data), crc) + data
    return body + directory + end_record(len(members), len(directory), len(body)), directory


def entry(**fields: int) -> CentralEntry:
    """The central entry of a canonical stored member, with `fields` changed."""
    _, directory = canonical_zip(MEMBERS[:1])
    return replace(parse_central_directory(directory, 1)[0], **fields)


def test_the_canonical_records_make_an_archive_zipfile_reads() -> None:
    archive, directory = canonical_zip(MEMBERS)
    with zipfile.ZipFile(io.BytesIO(archive)) as z:
        assert [(i.filename, z.read(i)) for i in z.infolist()] == [
            (n.decode(), d) for n, d in MEMBERS
        ]
        assert z.testzip() is None
    end = find_end_record(archive, 0)
    check_end_record(end)
    assert (end.count, end.directory_size, end.comment) == (2, len(directory), b"")
    entries = parse_central_directory(directory, 2)
    assert [e.raw_name for e in entries] == [n for n, _ in MEMBERS]
    assert all(e.not_stored_reason() is None for e in entries)
    assert local_name_and_extra_lengths(archive[:30]) == (len(MEMBERS[0][0]), 0)


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"flags": 0x0801}, "encrypted"),
        ({"flags": 0x0840}, "encrypted"),  # strong encryption
        ({"method": 8}, "compressed (method 8)"),
        ({"compressed_size": 0}, "stored size differs from the size"),
        ({"external_attr": 0o120777 << 16}, "symbolic link"),
        ({"external_attr": 0o040755 << 16}, "not a regular file"),  # a Unix directory
        ({"external_attr": 0o010644 << 16}, "not a regular file"),  # a named pipe
        ({"made_by": 20, "external_attr": 0x10}, "directory"),  # MS-DOS: the directory bit
        ({"external_attr": 0x10}, "directory"),  # Unix without type bits, directory bit set
        ({"external_attr": 0o600 << 16}, None),  # zipfile's plain file: no type bits
        ({"made_by": 20, "external_attr": 0o120777 << 16}, None),  # not Unix: no file type
    ],
)
def test_only_plain_stored_files_are_members(fields: dict[str, int], reason: str | None) -> None:
    assert entry(**fields).not_stored_reason() == reason


def end(**fields: int) -> EndRecord:
    return replace(
        EndRecord(
            offset=100,
            disk=0,
            directory_disk=0,
            count_on_disk=1,
            count=1,
            directory_size=50,
            directory_offset=50,
            comment=b"",
        ),
        **fields,
    )


@pytest.mark.parametrize(
    ("fields", "reason"),
    [
        ({"disk": 1}, "multi-disk"),
        ({"directory_disk": 1}, "multi-disk"),
        ({"count_on_disk": 2}, "multi-disk"),
        ({"count": 0xFFFF, "count_on_disk": 0xFFFF}, "ZIP64"),
        ({"directory_size": 0xFFFFFFFF}, "ZIP64"),
        ({"directory_offset": 0xFFFFFFFF}, "ZIP64"),
        ({"directory_offset": 51}, "outside the file"),
    ],
)
def test_multi_disk_zip64_and_misplaced_directories_are_refused(
    fields: dict[str, int], reason: str
) -> None:
    with pytest.raises(ZipStructureError, match=reason):
        check_end_record(end(**fields))


def test_a_directory_ending_right_at_the_end_record_is_accepted() -> None:
    check_end_record(end())  # 50 + 50 == 100: no byte between them, none overlapping


def test_the_end_record_is_the_last_one_whose_comment_reaches_the_end() -> None:
    archive, _ = canonical_zip(MEMBERS)
    record = archive[-END_RECORD_SIZE:]
    # a comment that quotes an end record: that copy does not reach the end of the file
    comment = record + b"PK\x05\x06"  # ... and a signature too close to the end to be one
    commented = archive[:-2] + struct.pack("<H", len(comment)) + comment
    found = find_end_record(commented, 1000)
    assert found.offset == 1000 + len(archive) - END_RECORD_SIZE
    assert found.comment == comment


@pytest.mark.parametrize("tail", [b"", b"not a zip", b"PK\x05\x06" + b"\0" * 17])
def test_no_end_record_is_refused(tail: bytes) -> None:
    with pytest.raises(ZipStructureError, match="no ZIP end record"):
        find_end_record(tail, 0)


def test_an_end_record_whose_comment_runs_past_the_file_is_not_one() -> None:
    archive, _ = canonical_zip(MEMBERS)
    cut = archive[:-2] + struct.pack("<H", 5)  # announces 5 comment bytes, has none
    with pytest.raises(ZipStructureError, match="no ZIP end record"):
        find_end_record(cut, 0)


def test_the_directory_must_hold_exactly_its_entry_count() -> None:
    _, directory = canonical_zip(MEMBERS)
    assert len(parse_central_directory(directory, 2)) == 2
    with pytest.raises(ZipStructureError, match="longer than its entry count"):
        parse_central_directory(directory, 1)
    with pytest.raises(ZipStructureError, match="shorter than its entry count"):
        parse_central_directory(directory, 3)
    with pytest.raises(ZipStructureError, match="longer than its entry count"):
        parse_central_directory(directory + b"\0", 2)
    with pytest.raises(ZipStructureError, match="entry 1 is cut short"):
        parse_central_directory(directory[:-1], 2)
    assert parse_central_directory(b"", 0) == []


def test_a_directory_entry_or_local_header_with_a_bad_signature_is_refused() -> None:
    _, directory = canonical_zip(MEMBERS)
    second = CENTRAL_HEADER_SIZE + len(MEMBERS[0][0])
    broken = directory[:second] + b"PK\x03\x04" + directory[second + 4 :]
    with pytest.raises(ZipStructureError, match="entry 1 has a bad signature"):
        parse_central_directory(broken, 2)
    with pytest.raises(ZipStructureError, match="local header has a bad signature"):
        local_name_and_extra_lengths(directory[:30])
