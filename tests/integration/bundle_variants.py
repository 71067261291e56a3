"""Variants of a real bundle for the reviewer's bad-input tests: rebuilt byte by byte (so
that exactly one thing is wrong), patched in the central directory, or re-written validly
with changed content (for the automatic checks)."""

from __future__ import annotations

import hashlib
import json
import struct
import zipfile
import zlib
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

from swdesk.bundle import BundleMember, canonical_json, content_digest, write_bundle, zipformat

Entries = list[tuple[str | bytes, bytes]]


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def contents(path: Path) -> tuple[dict[str, Any], list[tuple[str, bytes]]]:
    """The manifest and the (name, data) members of a bundle swdesk wrote."""
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        manifest = json.loads(archive.read("manifest.json"))
        return manifest, [(n, archive.read(n)) for n in names[1:]]


def assemble(entries: Entries) -> bytes:
    """A ZIP in the canonical encoding holding exactly `entries` (nothing checked)."""
    out, directory = bytearray(), []
    for name, data in entries:
        raw = name.encode() if isinstance(name, str) else name
        crc = zlib.crc32(data)
        directory.append(zipformat.central_header(raw, len(data), crc, len(out)))
        out += zipformat.local_header(raw, len(data), crc) + data
    offset, central = len(out), b"".join(directory)
    return bytes(out + central + zipformat.end_record(len(entries), len(central), offset))


def rebuild(
    path: Path,
    dest: Path,
    *,
    edit_members: Callable[[list[tuple[str, bytes]]], Entries] | None = None,
    edit_manifest: Callable[[dict[str, Any]], None] | None = None,
    relist: bool = True,
) -> Path:
    """A canonical bundle from `path`'s members, edited; with `relist` the manifest's list
    and content digest follow the edited members (so the edit is the only thing wrong)."""
    manifest, entries = contents(path)
    edited: Entries = list(entries)
    if edit_members:
        edited = edit_members(entries)
    if relist:
        listed = {m["name"]: m for m in manifest["members"]}
        pairs = [(n if isinstance(n, str) else n.decode(), d) for n, d in edited]
        manifest["members"] = [
            {
                **listed.get(n, {"role": "material", "media_type": "application/pdf"}),
                "name": n,
                "size": len(d),
                "sha256": sha(d),
            }
            for n, d in pairs
        ]
        manifest["content_digest"] = content_digest((n, sha(d)) for n, d in pairs)
    if edit_manifest:
        edit_manifest(manifest)
    dest.write_bytes(assemble([("manifest.json", canonical_json(manifest)), *edited]))
    return dest


def with_application(path: Path, dest: Path, data: bytes) -> Path:
    """The bundle with application.json replaced by `data` (listed correctly)."""
    return rebuild(
        path,
        dest,
        edit_members=lambda entries: [
            (n, data if n == "application.json" else d) for n, d in entries
        ],
    )


_CENTRAL_FIELDS = [
    "sig",
    "made_by",
    "needed",
    "flags",
    "method",
    "time",
    "date",
    "crc",
    "csize",
    "size",
    "nlen",
    "elen",
    "clen",
    "disk",
    "iattr",
    "eattr",
    "offset",
]


def patch_central(path: Path, dest: Path, member: str, **fields: int) -> Path:
    """Copy of the bundle with fields of one central directory header changed."""
    data = bytearray(path.read_bytes())
    layout = struct.Struct("<4s6H3L5H2L")
    position = data.find(zipformat.CENTRAL_SIGNATURE)
    while True:
        values = dict(zip(_CENTRAL_FIELDS, layout.unpack_from(data, position), strict=True))
        raw = bytes(data[position + 46 : position + 46 + values["nlen"]])
        if raw == member.encode():
            values.update(fields)
            layout.pack_into(data, position, *values.values())
            dest.write_bytes(bytes(data))
            return dest
        position += 46 + values["nlen"] + values["elen"] + values["clen"]


def member_data_offset(path: Path, member: str) -> tuple[int, int]:
    """(offset of the member's data in the file, its size)."""
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo(member)
    return info.header_offset + 30 + len(member.encode()), info.file_size


def rewrite(
    path: Path,
    dest: Path,
    *,
    application: dict[str, Any] | None = None,
    replace: dict[str, bytes] | None = None,
) -> Path:
    """A fully valid bundle (written by `write_bundle`) with application.json and/or other
    members changed: the reader accepts it, the automatic checks judge it."""
    manifest, entries = contents(path)
    listed = {m["name"]: m for m in manifest["members"]}
    members = []
    for name, data in entries:
        if name == "application.json" and application is not None:
            data = json.dumps(application, ensure_ascii=False, indent=1).encode()
        if replace and name in replace:
            data = replace[name]
        members.append(
            BundleMember(name, listed[name]["role"], listed[name]["media_type"], data=data)
        )
    write_bundle(
        dest,
        members,
        created_at=datetime.fromisoformat(manifest["created_at"]),
        generator=manifest["generator"],
    )
    return dest


def application_of(path: Path) -> dict[str, Any]:
    _manifest, entries = contents(path)
    return json.loads(dict(entries)["application.json"])
