"""Application bundles: write → verify round trips, canonical bytes, every kind of damage or
tampering refused with its code, atomic writes that leave no half file (no Qt)."""

from __future__ import annotations

import copy
import errno
import hashlib
import json
import os
import struct
import warnings
import zipfile
import zlib
from collections.abc import Callable
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest

from swdesk.bundle import (
    BundleContentError,
    BundleError,
    BundleMember,
    canonical_json,
    checks,
    content_digest,
    open_member,
    prepare_bundle,
    read_member,
    verify_bundle,
    write_bundle,
    writer,
    zipformat,
)
from swdesk.domain.errors import UserFixableError

EVIDENCE = b"%PDF-1.7\n% attendance certificate\n%%EOF\n"
EVIDENCE_2 = b"\x89PNG\r\n\x1a\n" + bytes(range(40))
FORM = b"%PDF-1.4\n% the application form\n%%EOF\n"
FORM_2 = b"%PDF-1.4\n% the same form, rendered again\n%%EOF\n"
PHOTO = b"\xff\xd8\xff\xe0" + bytes(range(48)) + b"\xff\xd9"
SIGNED = b"\xff\xd8\xff\xe0 signed form scan \xff\xd9"
IDENTITY = b"%PDF-1.5\n% household register page\n%%EOF\n"
CREATED = datetime(2025, 3, 2, 10, 0, 5, 123456, tzinfo=timezone(timedelta(hours=8)))
GENERATOR = "swdesk 0.1.0"


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def ev_name(data: bytes = EVIDENCE, ext: str = "pdf") -> str:
    return f"evidence/{sha(data)}.{ext}"


def application(
    *,
    evidence: list[str] | None = None,
    materials: list[dict[str, str]] | None = None,
    signed: bool = False,
) -> dict[str, Any]:
    """A valid application.json value, as the service writes it."""
    return {
        "format_version": 1,
        "application": {
            "uid": "0b7e2c1a-4d5e-4f60-8a7b-9c0d1e2f3a4b",
            "version": 1,
            "kind": "renewal",
            "created_at": "2025-03-01T09:00:00",
        },
        "applicant": {
            "name": "张晓梅",
            "gender": "female",
            "birth_date": "1985-06-15",
            "id_number": "11010519491231002X",
            "phone": "13912345678",
            "employer": "阳光社工中心",
            "employer_credit_code": "11320000MB151840XJ",
            "post": "社工",
            "years_in_social_work": 8,
            "county": "620802",
        },
        "certificate": {"level": "intermediate", "number": "A-2019-1", "obtained_on": "2019-10-01"},
        "registration": {"valid_from": "2022-04-01", "valid_to": "2025-03-31"},
        "rule_pack": {"id": "gansu", "version": "2024.1"},
        "hours": {"required": "72", "counted": "7.5"},
        "is_late": False,
        "late_explanation": "",
        "activities": [
            {
                "title": "伦理培训",
                "organiser": "民政局",
                "activity_type": "training",
                "content_area": "values_ethics",
                "start_date": "2024-05-01",
                "end_date": "2024-05-01",
                "hours": "7.5",
                "evidence": [ev_name()] if evidence is None else evidence,
            }
        ],
        "materials": materials
        if materials is not None
        else [{"role": "photo", "member": "photo.jpg", "original_name": "照片.jpg"}],
        "declaration": {
            "accepted": True,
            "accepted_at": "2025-03-02T09:59:00",
            "text": "本人承诺所填信息真实。",
        },
        "resubmission_of": None,
    }


def members(
    tmp_path: Path,
    *,
    app: dict[str, Any] | None = None,
    form: bytes = FORM,
    extra: list[BundleMember] | None = None,
) -> list[BundleMember]:
    """The members of a small valid bundle; the evidence comes from a file."""
    source = tmp_path / "sources"
    source.mkdir(exist_ok=True)
    (source / "certificate.pdf").write_bytes(EVIDENCE)
    return [
        BundleMember(
            "application.json",
            "application",
            "application/json",
            data=json.dumps(app or application(), ensure_ascii=False).encode(),
        ),
        BundleMember("form.pdf", "form", "application/pdf", data=form),
        BundleMember("photo.jpg", "photo", "image/jpeg", data=PHOTO),
        BundleMember(ev_name(), "evidence", "application/pdf", path=source / "certificate.pdf"),
        *(extra or []),
    ]


def write(tmp_path: Path, name: str = "申请.swdapp", **kwargs: Any) -> writer.BundleInfo:
    out = tmp_path / "out"
    out.mkdir(exist_ok=True)
    return write_bundle(
        out / name, members(tmp_path, **kwargs), created_at=CREATED, generator=GENERATOR
    )


def refused(path: Path, **kwargs: Any) -> BundleError:
    with pytest.raises(BundleError) as caught:
        verify_bundle(path, **kwargs)
    return caught.value


# -- building variants of a bundle byte by byte -----------------------------------------


def assemble(entries: list[tuple[str | bytes, bytes]]) -> bytes:
    """A ZIP in the canonical encoding holding exactly `entries` (nothing checked)."""
    out, directory = bytearray(), []
    for name, data in entries:
        raw = name.encode() if isinstance(name, str) else name
        crc = zlib.crc32(data)
        directory.append(zipformat.central_header(raw, len(data), crc, len(out)))
        out += zipformat.local_header(raw, len(data), crc) + data
    offset, central = len(out), b"".join(directory)
    return bytes(out + central + zipformat.end_record(len(entries), len(central), offset))


def contents(path: Path) -> tuple[dict[str, Any], list[tuple[str, bytes]]]:
    """The manifest and the (name, data) members of a bundle swdesk wrote."""
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        manifest = json.loads(archive.read("manifest.json"))
        return manifest, [(n, archive.read(n)) for n in names[1:]]


def rebuild(
    path: Path,
    dest: Path,
    *,
    edit_members: Callable[[list[tuple[str, bytes]]], list[tuple[str, bytes]]] | None = None,
    edit_manifest: Callable[[dict[str, Any]], None] | None = None,
    relist: bool = True,
) -> Path:
    """A canonical bundle from `path`'s members, edited; with `relist`, the manifest's
    member list and content digest are recomputed from the edited members (so the edit is
    the only thing wrong); `edit_manifest` runs last."""
    manifest, entries = contents(path)
    if edit_members:
        entries = edit_members(entries)
    if relist:
        listed = {m["name"]: m for m in manifest["members"]}
        manifest["members"] = [
            {
                **listed.get(n, {"role": "material", "media_type": "application/pdf"}),
                "name": n,
                "size": len(d),
                "sha256": sha(d),
            }
            for n, d in entries
        ]
        manifest["content_digest"] = content_digest((n, sha(d)) for n, d in entries)
    if edit_manifest:
        edit_manifest(manifest)
    dest.write_bytes(assemble([("manifest.json", canonical_json(manifest)), *entries]))
    return dest


def patch_central(path: Path, dest: Path, member: str, **fields: int) -> Path:
    """Copy of the bundle with fields of one central directory header changed."""
    data = bytearray(path.read_bytes())
    layout = struct.Struct("<4s6H3L5H2L")
    names = [
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
    position = data.find(zipformat.CENTRAL_SIGNATURE)
    while True:
        values = dict(zip(names, layout.unpack_from(data, position), strict=True))
        raw = bytes(data[position + 46 : position + 46 + values["nlen"]])
        if raw == member.encode():
            values.update(fields)
            layout.pack_into(data, position, *values.values())
            dest.write_bytes(bytes(data))
            return dest
        position += 46 + values["nlen"] + values["elen"] + values["clen"]


# -- round trip --------------------------------------------------------------------------


def test_round_trip(tmp_path: Path) -> None:
    info = write(tmp_path)
    verified = verify_bundle(info.path)
    with zipfile.ZipFile(info.path) as archive:
        manifest_bytes = archive.read("manifest.json")
    assert info.size == info.path.stat().st_size == verified.size
    assert info.bundle_id == verified.bundle_id == sha(manifest_bytes)
    assert info.content_digest == verified.content_digest
    assert [m.name for m in verified.members] == [
        "application.json",
        "form.pdf",
        "photo.jpg",
        ev_name(),
    ]
    expected = {"form.pdf": FORM, "photo.jpg": PHOTO, ev_name(): EVIDENCE}
    for name, data in expected.items():
        assert verified.read_member(name) == data
        assert read_member(info.path, name, sha(data)) == data
        assert verified.member(name).sha256 == sha(data)
    assert verified.application == application()
    assert verified.manifest["created_at"] == "2025-03-02T10:00:05+08:00"
    assert verified.manifest["generator"] == GENERATOR
    assert verified.read_member("manifest.json") == manifest_bytes
    pairs = [(m.name, m.sha256) for m in verified.members]
    assert info.content_digest == content_digest(pairs)


def test_written_bundle_is_the_canonical_zip(tmp_path: Path) -> None:
    info = write(tmp_path)
    with zipfile.ZipFile(info.path) as archive:
        assert archive.testzip() is None
        assert archive.comment == b""
        infos = archive.infolist()
        manifest_bytes = archive.read("manifest.json")
    assert infos[0].filename == "manifest.json"
    for item in infos:
        assert item.compress_type == zipfile.ZIP_STORED
        assert item.date_time == (1980, 1, 1, 0, 0, 0)
        assert item.extra == b"" and item.comment == b""
        assert item.flag_bits == 0x0800
        assert item.create_system == 3 and item.external_attr >> 16 == 0o100644
        assert not item.is_dir()
    assert manifest_bytes == canonical_json(json.loads(manifest_bytes))
    assert manifest_bytes.endswith(b"}\n") and b": " not in manifest_bytes


def test_same_members_in_any_order_give_the_same_bytes(tmp_path: Path) -> None:
    first = write(tmp_path, "a.swdapp")
    shuffled = list(reversed(members(tmp_path)))
    second = write_bundle(
        tmp_path / "out" / "b.swdapp", shuffled, created_at=CREATED, generator=GENERATOR
    )
    assert first.path.read_bytes() == second.path.read_bytes()
    assert first.bundle_id == second.bundle_id


def test_content_digest_ignores_the_form_and_a_signed_form(tmp_path: Path) -> None:
    plain = write(tmp_path, "plain.swdapp")
    signed_member = BundleMember("signed-form.jpg", "signed_form", "image/jpeg", data=SIGNED)
    signed = write(tmp_path, "signed.swdapp", form=FORM_2, extra=[signed_member])
    assert signed.content_digest == plain.content_digest
    assert signed.bundle_id != plain.bundle_id
    assert verify_bundle(signed.path).read_member("signed-form.jpg") == SIGNED
    other_app = application()
    other_app["hours"]["counted"] = "8"
    changed = write(tmp_path, "changed.swdapp", app=other_app)
    assert changed.content_digest != plain.content_digest


def test_content_digest_definition() -> None:
    a, b, f = "a" * 64, "b" * 64, "f" * 64
    expected = sha(('[["application.json","' + a + '"],["photo.jpg","' + b + '"]]\n').encode())
    pairs = [("photo.jpg", b), ("form.pdf", f), ("application.json", a), ("signed-form.pdf", f)]
    assert content_digest(pairs) == expected
    assert content_digest(reversed(pairs)) == expected
    with pytest.raises(ValueError):
        content_digest([("manifest.json", a)])
    with pytest.raises(ValueError):
        content_digest([("photo.jpg", a), ("photo.jpg", a)])
    with pytest.raises(ValueError):
        content_digest([("photo.jpg", "A" * 64)])


def test_materials_and_signed_form_round_trip(tmp_path: Path) -> None:
    app = application(
        materials=[
            {"role": "photo", "member": "photo.jpg", "original_name": "照片.jpg"},
            {
                "role": "identity_change",
                "member": "materials/identity_change-1.pdf",
                "original_name": "户口本.pdf",
            },
            {"role": "signed_form", "member": "signed-form.jpg", "original_name": "签字.jpg"},
        ],
        signed=True,
    )
    extra = [
        BundleMember("signed-form.jpg", "signed_form", "image/jpeg", data=SIGNED),
        BundleMember(
            "materials/identity_change-1.pdf",
            "material",
            "application/pdf",
            data=IDENTITY,
            sha256=sha(IDENTITY),
        ),
    ]
    info = write(tmp_path, app=app, extra=extra)
    verified = verify_bundle(info.path)
    assert [m.name for m in verified.members][-2:] == [
        "materials/identity_change-1.pdf",
        "signed-form.jpg",
    ]
    assert verified.read_member("materials/identity_change-1.pdf") == IDENTITY


def test_summary_and_one_line(tmp_path: Path) -> None:
    info = write(tmp_path)
    verified = verify_bundle(info.path)
    assert verified.summary() == (
        f"OK 申请包 {info.bundle_id[:16]} · 4 members · 0.0 MB · content {info.content_digest[:16]}"
    )
    error = BundleError("member_hash_mismatch", member=ev_name(), file="x.swdapp")
    assert error.one_line() == f"member evidence/{sha(EVIDENCE)[:8]}….pdf: hash mismatch"
    assert str(error) == error.one_line()
    assert error.params == {"member": ev_name(), "file": "x.swdapp"}
    assert isinstance(error, UserFixableError)
    assert (
        BundleError("not_a_bundle", file="x.swdapp", reason="no ZIP end record").one_line()
        == "x.swdapp: not an application bundle (no ZIP end record)"
    )


def test_open_member_checks_the_hash_while_streaming(tmp_path: Path) -> None:
    info = write(tmp_path)
    with open_member(info.path, ev_name(), sha(EVIDENCE)) as stream:
        assert stream.read(5) == EVIDENCE[:5]
        assert stream.read() == EVIDENCE[5:]
    with pytest.raises(BundleError) as caught:
        read_member(info.path, ev_name(), "0" * 64)
    assert caught.value.code == "member_hash_mismatch"
    assert caught.value.member == ev_name()
    with pytest.raises(BundleError) as caught:
        read_member(info.path, "photo.png", sha(PHOTO))
    assert caught.value.code == "member_missing"
    with pytest.raises(ValueError):
        read_member(info.path, "photo.jpg", "not a hash")


def test_verified_bundle_reads_are_checked_again(tmp_path: Path) -> None:
    info = write(tmp_path)
    verified = verify_bundle(info.path)
    data = bytearray(info.path.read_bytes())
    data[data.find(PHOTO) + 10] ^= 0xFF
    info.path.write_bytes(bytes(data))
    with pytest.raises(BundleError) as caught:
        verified.read_member("photo.jpg")
    assert caught.value.code == "member_hash_mismatch"


def test_members_kept_while_verifying_are_not_read_again(tmp_path: Path) -> None:
    """`keep`: the photo's verified bytes come from memory, even after the file changed;
    a member not kept, or a bundle without its kept bytes, is read and checked again."""
    info = write(tmp_path)
    verified = verify_bundle(info.path, keep=lambda entry: entry.name == "photo.jpg")
    data = bytearray(info.path.read_bytes())
    data[data.find(PHOTO) + 10] ^= 0xFF
    data[data.find(EVIDENCE) + 10] ^= 0xFF
    info.path.write_bytes(bytes(data))
    assert verified.read_member("photo.jpg") == PHOTO
    evidence = next(
        m.name for m in verified.members if m.name.endswith(".pdf") and m.role == "evidence"
    )
    for reread in (
        lambda: verified.read_member(evidence),
        lambda: verified.without_kept_bytes().read_member("photo.jpg"),
    ):
        with pytest.raises(BundleError) as caught:
            reread()
        assert caught.value.code == "member_hash_mismatch"


# -- tampering and damage ------------------------------------------------------------------


def test_every_flipped_byte_is_refused(tmp_path: Path) -> None:
    original = write(tmp_path).path.read_bytes()
    assert len(original) < 4096
    variant = tmp_path / "variant.swdapp"
    accepted, codes = [], set()
    for offset in range(len(original)):
        data = bytearray(original)
        data[offset] ^= 0x01 if offset % 2 else 0x80
        # a new file each time: a file truncated and written again makes ext4 flush the
        # old one to disk first (auto_da_alloc), a wait of milliseconds per variant
        variant.unlink(missing_ok=True)
        variant.write_bytes(bytes(data))
        try:
            verify_bundle(variant)
        except BundleError as error:
            codes.add(error.code)
        else:
            accepted.append(offset)
    assert accepted == []
    assert {"member_hash_mismatch", "manifest_invalid", "bundle_not_canonical"} <= codes


@pytest.mark.parametrize("keep", [0, 1, 100, -1, -21, -22, -23, -200])
def test_truncated_file_is_refused(tmp_path: Path, keep: int) -> None:
    data = write(tmp_path).path.read_bytes()
    cut = tmp_path / "cut.swdapp"
    cut.write_bytes(data[:keep] if keep >= 0 else data[: len(data) + keep])
    assert refused(cut).code == "not_a_bundle"


@pytest.mark.parametrize(
    "content",
    [
        b"",
        b"just some text, not a ZIP file at all\n" * 3,
        b"\x89PNG\r\n\x1a\n" + bytes(2000),
        b"PK\x05\x06" + bytes(18),  # an empty ZIP archive
    ],
)
def test_not_a_bundle(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "photo.swdapp"
    path.write_bytes(content)
    error = refused(path)
    assert error.code == "not_a_bundle"
    assert error.params["file"] == "photo.swdapp"


def test_plain_zip_without_manifest_first(tmp_path: Path) -> None:
    path = tmp_path / "other.swdapp"
    path.write_bytes(assemble([("readme.txt", b"hello"), ("manifest.json", b"{}")]))
    assert refused(path).code == "not_a_bundle"


def test_unreadable_bundle(tmp_path: Path) -> None:
    assert refused(tmp_path / "missing.swdapp").code == "bundle_unreadable"
    folder = tmp_path / "folder.swdapp"
    folder.mkdir()
    assert refused(folder).code == "bundle_unreadable"


def test_member_removed(tmp_path: Path) -> None:
    info = write(tmp_path)
    dest = rebuild(
        info.path,
        tmp_path / "x.swdapp",
        relist=False,
        edit_members=lambda entries: [e for e in entries if e[0] != "photo.jpg"],
    )
    error = refused(dest)
    assert (error.code, error.member) == ("member_missing", "photo.jpg")


def test_member_added_with_zipfile(tmp_path: Path) -> None:
    path = write(tmp_path).path
    with zipfile.ZipFile(path, "a") as archive:
        archive.writestr("materials/other-1.pdf", b"%PDF-1.4 slipped in")
    error = refused(path)
    assert (error.code, error.member) == ("member_unlisted", "materials/other-1.pdf")


def test_manifest_not_json(tmp_path: Path) -> None:
    info = write(tmp_path)
    _, entries = contents(info.path)
    dest = tmp_path / "x.swdapp"
    dest.write_bytes(assemble([("manifest.json", b"{not json"), *entries]))
    error = refused(dest)
    assert error.code == "manifest_invalid" and "not JSON" in error.reason


@pytest.mark.parametrize(
    ("edit", "code"),
    [
        (lambda m: m.pop("generator"), "manifest_invalid"),
        (lambda m: m.update(extra=1), "manifest_invalid"),
        (lambda m: m["members"][0].update(size=-1), "manifest_invalid"),
        (lambda m: m["members"][1].update(media_type="image/png"), "manifest_invalid"),
        (lambda m: m["members"][2].update(role="evidence"), "manifest_invalid"),
        (lambda m: m["members"].reverse(), "manifest_invalid"),
        (lambda m: m.update(format_version=2), "format_unsupported"),
        (lambda m: m.update(format="something-else"), "not_a_bundle"),
        (lambda m: m.update(content_digest="0" * 64), "content_digest_mismatch"),
    ],
)
def test_manifest_against_schema_and_rules(
    tmp_path: Path, edit: Callable[[dict[str, Any]], Any], code: str
) -> None:
    info = write(tmp_path)
    dest = rebuild(info.path, tmp_path / "x.swdapp", edit_manifest=edit)
    assert refused(dest).code == code


def test_manifest_not_in_canonical_json(tmp_path: Path) -> None:
    info = write(tmp_path)
    manifest, entries = contents(info.path)
    dest = tmp_path / "x.swdapp"
    pretty = json.dumps(manifest, indent=2, sort_keys=True).encode()
    dest.write_bytes(assemble([("manifest.json", pretty), *entries]))
    error = refused(dest)
    assert (error.code, error.member) == ("bundle_not_canonical", "manifest.json")


def test_member_hash_and_size_mismatch(tmp_path: Path) -> None:
    info = write(tmp_path)

    def wrong_hash(manifest: dict[str, Any]) -> None:
        manifest["members"][1]["sha256"] = "0" * 64
        manifest["content_digest"] = content_digest(
            (m["name"], m["sha256"]) for m in manifest["members"]
        )

    error = refused(rebuild(info.path, tmp_path / "h.swdapp", edit_manifest=wrong_hash))
    assert (error.code, error.member) == ("member_hash_mismatch", "form.pdf")
    assert error.one_line() == "member form.pdf: hash mismatch"

    error = refused(
        rebuild(
            info.path,
            tmp_path / "s.swdapp",
            edit_manifest=lambda m: m["members"][2].update(size=999),
        )
    )
    assert (error.code, error.member) == ("member_size_mismatch", "photo.jpg")


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda a: a["applicant"].pop("phone"), "phone"),
        (lambda a: a["applicant"].update(id_number="11010519491231002X\n"), "id_number"),
        (lambda a: a["applicant"].update(birth_date="1985-02-30"), "birth_date"),
        (lambda a: a["hours"].update(counted="7.55"), "counted"),
        (lambda a: a["activities"][0].update(evidence=[ev_name(b"other")]), "not in the bundle"),
        (lambda a: a["activities"][0].update(evidence=[]), "not referred to"),
        (
            lambda a: a["materials"].append(
                {"role": "other", "member": "photo.jpg", "original_name": "x"}
            ),
            "does not fit",
        ),
    ],
)
def test_application_invalid(
    tmp_path: Path, change: Callable[[dict[str, Any]], Any], reason: str
) -> None:
    info = write(tmp_path)
    app = application()
    change(app)

    def replace(entries: list[tuple[str, bytes]]) -> list[tuple[str, bytes]]:
        return [(n, json.dumps(app).encode() if n == "application.json" else d) for n, d in entries]

    error = refused(rebuild(info.path, tmp_path / "x.swdapp", edit_members=replace))
    assert (error.code, error.member) == ("application_invalid", "application.json")
    assert reason in error.reason


def test_application_format_too_new(tmp_path: Path) -> None:
    info = write(tmp_path)
    app = application()
    app["format_version"] = 4  # 3 (with activity records) is the newest known
    dest = rebuild(
        info.path,
        tmp_path / "x.swdapp",
        edit_members=lambda entries: [
            (n, json.dumps(app).encode() if n == "application.json" else d) for n, d in entries
        ],
    )
    assert refused(dest).code == "format_unsupported"


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("../evil.pdf", ".."),
        ("evidence/../../evil.pdf", ".."),
        ("/etc/passwd", "absolute"),
        ("evidence\\x.pdf", "backslash"),
        ("C:/x.pdf", "drive letter"),
        ("evidence/x\x00.pdf", "control"),
        ("evidence/\u202ejpg.pdf", "invisible"),
        ("materials/cafe\u0301.pdf", "normal form"),
        ("evidence//x.pdf", "empty"),
        ("evidence/", "directory"),
    ],
)
def test_unsafe_member_names(tmp_path: Path, name: str, reason: str) -> None:
    info = write(tmp_path)
    dest = rebuild(
        info.path,
        tmp_path / "x.swdapp",
        relist=False,
        edit_members=lambda entries: [*entries, (name, b"%PDF-1.4")],
    )
    error = refused(dest)
    assert (error.code, error.member) == ("member_unsafe_name", name)
    assert reason in error.reason


def test_name_not_utf8(tmp_path: Path) -> None:
    info = write(tmp_path)
    manifest, entries = contents(info.path)
    dest = tmp_path / "x.swdapp"
    dest.write_bytes(
        assemble(
            [("manifest.json", canonical_json(manifest)), *entries, (b"evidence/\xff.pdf", b"x")]
        )
    )
    assert refused(dest).code == "member_unsafe_name"


def test_duplicate_names(tmp_path: Path) -> None:
    path = write(tmp_path).path
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # zipfile warns about the duplicate it writes
        with zipfile.ZipFile(path, "a") as archive:
            archive.writestr("photo.jpg", PHOTO)
    error = refused(path)
    assert (error.code, error.member) == ("member_duplicate", "photo.jpg")


def test_compressed_member(tmp_path: Path) -> None:
    source = write(tmp_path).path
    dest = tmp_path / "deflated.swdapp"
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(dest, "w") as new:
        for item in old.infolist():
            method = zipfile.ZIP_DEFLATED if item.filename == "form.pdf" else zipfile.ZIP_STORED
            new.writestr(item.filename, old.read(item), compress_type=method)
    error = refused(dest)
    assert (error.code, error.member) == ("member_not_stored", "form.pdf")
    assert "compressed" in error.reason


def test_symlink_member(tmp_path: Path) -> None:
    source = write(tmp_path).path
    dest = tmp_path / "link.swdapp"
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(dest, "w") as new:
        for item in old.infolist():
            new.writestr(item, old.read(item))
        link = zipfile.ZipInfo("materials/other-1.pdf")
        link.create_system = 3
        link.external_attr = 0o120777 << 16
        new.writestr(link, "/etc/passwd")
    error = refused(dest)
    assert (error.code, error.member) == ("member_not_stored", "materials/other-1.pdf")
    assert "symbolic link" in error.reason


def test_encrypted_flag(tmp_path: Path) -> None:
    path = write(tmp_path).path
    dest = patch_central(path, tmp_path / "x.swdapp", "photo.jpg", flags=0x0801)
    assert refused(dest).code == "member_not_stored"


def test_zip_bomb_declared_sizes(tmp_path: Path) -> None:
    path = write(tmp_path).path
    huge = patch_central(path, tmp_path / "huge.swdapp", "form.pdf", csize=3 << 30, size=3 << 30)
    assert refused(huge).code == "bundle_too_large"
    beyond = patch_central(
        path, tmp_path / "beyond.swdapp", "form.pdf", csize=1 << 20, size=1 << 20
    )
    error = refused(beyond)
    assert (error.code, error.member) == ("member_size_mismatch", "form.pdf")
    deflated = patch_central(path, tmp_path / "deflated.swdapp", "form.pdf", method=8, size=1 << 30)
    assert refused(deflated).code == "member_not_stored"


def test_limits(tmp_path: Path) -> None:
    path = write(tmp_path).path
    assert refused(path, max_members=4).code == "too_many_members"
    assert verify_bundle(path, max_members=5).members
    error = refused(path, max_total_bytes=1000)
    assert error.code == "bundle_too_large" and error.params["limit"] == 1000


def test_rezipped_with_same_content_is_not_canonical(tmp_path: Path) -> None:
    source = write(tmp_path).path
    dest = tmp_path / "rezipped.swdapp"
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(dest, "w") as new:
        for item in old.infolist():
            new.writestr(item.filename, old.read(item))
    assert refused(dest).code == "bundle_not_canonical"


def test_comment_or_trailing_bytes_are_not_canonical(tmp_path: Path) -> None:
    data = write(tmp_path).path.read_bytes()
    commented = tmp_path / "comment.swdapp"
    commented.write_bytes(data[:-2] + struct.pack("<H", 5) + b"hello")
    assert refused(commented).code == "bundle_not_canonical"
    prefixed = tmp_path / "prefixed.swdapp"
    prefixed.write_bytes(b"MZ" + data)  # e.g. a self-extractor stub in front
    assert refused(prefixed).code in {"bundle_not_canonical", "not_a_bundle"}


# -- the writer refuses members that break the format -------------------------------------


def _replace(items: list[BundleMember], name: str, **changes: Any) -> list[BundleMember]:
    import dataclasses

    return [dataclasses.replace(m, **changes) if m.name == name else m for m in items]


@pytest.mark.parametrize(
    "mutate",
    [
        lambda ms: [*ms, BundleMember("../x.pdf", "material", "application/pdf", data=FORM)],
        lambda ms: [*ms, BundleMember("notes.txt", "material", "text/plain", data=b"x")],
        lambda ms: [
            *ms,
            BundleMember("manifest.json", "application", "application/json", data=b"{}"),
        ],
        lambda ms: [*ms, ms[1]],
        lambda ms: [m for m in ms if m.name != "photo.jpg"],
        lambda ms: _replace(ms, "form.pdf", role="material"),
        lambda ms: _replace(ms, "photo.jpg", media_type="image/png"),
        lambda ms: _replace(ms, "photo.jpg", data=b"GIF89a not a jpeg"),
        lambda ms: _replace(ms, "application.json", data=b'{"format_version": 1}'),
        lambda ms: _replace(ms, "application.json", data=b"[1, NaN]"),
        lambda ms: [
            *ms,
            BundleMember("signed-form.pdf", "signed_form", "application/pdf", data=FORM),
            BundleMember("signed-form.jpg", "signed_form", "image/jpeg", data=SIGNED),
        ],
        lambda ms: [
            *ms,
            BundleMember("materials/other-1.pdf", "material", "application/pdf", data=FORM),
        ],  # not described in application.json
    ],
)
def test_writer_refuses_bad_members(
    tmp_path: Path, mutate: Callable[[list[BundleMember]], list[BundleMember]]
) -> None:
    dest = tmp_path / "x.swdapp"
    with pytest.raises(BundleContentError):
        write_bundle(dest, mutate(members(tmp_path)), created_at=CREATED, generator=GENERATOR)
    assert os.listdir(tmp_path) == ["sources"]


def test_writer_refuses_other_suffix_and_generator(tmp_path: Path) -> None:
    with pytest.raises(BundleContentError):
        write_bundle(tmp_path / "x.zip", members(tmp_path), created_at=CREATED, generator=GENERATOR)
    with pytest.raises(BundleContentError):
        write_bundle(
            tmp_path / "x.swdapp", members(tmp_path), created_at=CREATED, generator="other tool"
        )
    with pytest.raises(ValueError):
        BundleMember("form.pdf", "form", "application/pdf")


def test_source_unreadable(tmp_path: Path) -> None:
    items = members(tmp_path)
    (tmp_path / "sources" / "certificate.pdf").unlink()
    with pytest.raises(UserFixableError) as caught:
        write_bundle(tmp_path / "x.swdapp", items, created_at=CREATED, generator=GENERATOR)
    assert caught.value.code == "file_unreadable"
    assert caught.value.params["file"] == "certificate.pdf"
    assert os.listdir(tmp_path) == ["sources"]


def test_evidence_not_matching_its_name(tmp_path: Path) -> None:
    items = members(tmp_path)
    (tmp_path / "sources" / "certificate.pdf").write_bytes(EVIDENCE + b"%changed\n")
    with pytest.raises(UserFixableError) as caught:
        write_bundle(tmp_path / "x.swdapp", items, created_at=CREATED, generator=GENERATOR)
    assert caught.value.code == "file_changed"
    assert caught.value.params["file"] == "certificate.pdf"


def test_promised_hash_is_checked(tmp_path: Path) -> None:
    items = _replace(members(tmp_path), "photo.jpg", sha256="0" * 64)
    with pytest.raises(UserFixableError) as caught:
        write_bundle(tmp_path / "x.swdapp", items, created_at=CREATED, generator=GENERATOR)
    assert (caught.value.code, caught.value.params["member"]) == ("file_changed", "photo.jpg")


@pytest.mark.parametrize(
    ("action", "code"),
    [
        (lambda p: p.write_bytes(EVIDENCE.replace(b"attendance", b"ATTENDANCE")), "file_changed"),
        (lambda p: p.write_bytes(EVIDENCE + b"more"), "file_changed"),
        (lambda p: p.write_bytes(EVIDENCE[:-3]), "file_changed"),
        (lambda p: p.unlink(), "file_unreadable"),
    ],
)
def test_source_changed_between_the_passes(
    tmp_path: Path, action: Callable[[Path], Any], code: str
) -> None:
    """A source changed after the hash pass (prepare_bundle) is caught by the write pass
    (stage), which hashes it again: nothing is left at the destination."""
    source = tmp_path / "sources" / "certificate.pdf"
    prepared = prepare_bundle(members(tmp_path), created_at=CREATED, generator=GENERATOR)
    action(source)
    out = tmp_path / "out"
    out.mkdir()
    with pytest.raises(UserFixableError) as caught:
        prepared.stage(out / "x.swdapp")
    assert caught.value.code == code
    assert caught.value.params["file"] == "certificate.pdf"
    assert os.listdir(out) == []


def test_prepared_bundle_knows_what_it_will_write(tmp_path: Path) -> None:
    """The hash pass alone gives the identifier, content digest and size the written
    bundle then has (the one verify_bundle reads back)."""
    prepared = prepare_bundle(members(tmp_path), created_at=CREATED, generator=GENERATOR)
    out = tmp_path / "out"
    out.mkdir()
    info = prepared.stage(out / "x.swdapp").publish()
    verified = verify_bundle(info.path)
    assert (prepared.bundle_id, prepared.content_digest, prepared.size) == (
        verified.bundle_id,
        verified.content_digest,
        info.path.stat().st_size,
    )
    assert (info.bundle_id, info.content_digest, info.size) == (
        prepared.bundle_id,
        prepared.content_digest,
        prepared.size,
    )


# -- atomic writes -------------------------------------------------------------------------


def _fail(error_number: int) -> Callable[..., Any]:
    def fail(*_args: Any, **_kwargs: Any) -> Any:
        raise OSError(error_number, os.strerror(error_number))

    return fail


@pytest.mark.parametrize("error_number", [errno.ENOSPC, errno.EDQUOT])
def test_disk_full_leaves_the_old_file_and_no_temp(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error_number: int
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    dest = out / "x.swdapp"
    dest.write_bytes(b"the previous bundle")
    items = members(tmp_path)
    with monkeypatch.context() as patch:
        patch.setattr(os, "write", _fail(error_number))
        with pytest.raises(UserFixableError) as caught:
            write_bundle(dest, items, created_at=CREATED, generator=GENERATOR)
    assert caught.value.code == "disk_full"
    assert caught.value.params["path"] == str(dest)
    assert os.listdir(out) == ["x.swdapp"]
    assert dest.read_bytes() == b"the previous bundle"


def test_disk_full_part_way(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    out.mkdir()
    real_write = os.write
    calls = []

    def write_then_fail(fd: int, data: Any) -> int:
        calls.append(len(data))
        if len(calls) > 1:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, bytes(data)[:10])  # a short write first

    big = tmp_path / "sources" / "big.pdf"
    items = members(tmp_path)
    big.write_bytes(b"%PDF-1.4\n" + bytes(3 << 20))
    app = application(
        materials=[{"role": "other", "member": "materials/other-1.pdf", "original_name": "big.pdf"}]
    )
    items = _replace(items, "application.json", data=json.dumps(app).encode())
    items.append(BundleMember("materials/other-1.pdf", "material", "application/pdf", path=big))
    with monkeypatch.context() as patch:
        patch.setattr(os, "write", write_then_fail)
        with pytest.raises(UserFixableError) as caught:
            write_bundle(out / "x.swdapp", items, created_at=CREATED, generator=GENERATOR)
    assert caught.value.code == "disk_full"
    assert os.listdir(out) == []


def test_disk_full_at_fsync(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    out.mkdir()
    items = members(tmp_path)
    with monkeypatch.context() as patch:
        patch.setattr(os, "fsync", _fail(errno.ENOSPC))
        with pytest.raises(UserFixableError) as caught:
            write_bundle(out / "x.swdapp", items, created_at=CREATED, generator=GENERATOR)
    assert caught.value.code == "disk_full"
    assert os.listdir(out) == []


@pytest.mark.parametrize("error_number", [errno.EROFS, errno.EACCES, errno.EPERM])
def test_not_writable_destination(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, error_number: int
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    items = members(tmp_path)
    with monkeypatch.context() as patch:
        patch.setattr(os, "open", _fail(error_number))
        with pytest.raises(UserFixableError) as caught:
            write_bundle(out / "x.swdapp", items, created_at=CREATED, generator=GENERATOR)
    assert caught.value.code == "not_writable"
    assert caught.value.params["path"] == str(out / "x.swdapp")
    assert os.listdir(out) == []


def test_rename_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    out.mkdir()
    items = members(tmp_path)
    with monkeypatch.context() as patch:
        patch.setattr(os, "replace", _fail(errno.EACCES))
        with pytest.raises(UserFixableError) as caught:
            write_bundle(out / "x.swdapp", items, created_at=CREATED, generator=GENERATOR)
    assert caught.value.code == "not_writable"
    assert os.listdir(out) == []


def test_missing_folder_is_folder_missing(tmp_path: Path) -> None:
    with pytest.raises(UserFixableError) as caught:
        write_bundle(
            tmp_path / "gone" / "x.swdapp",
            members(tmp_path),
            created_at=CREATED,
            generator=GENERATOR,
        )
    assert caught.value.code == "folder_missing"
    assert caught.value.params["path"] == str(tmp_path / "gone")


@pytest.mark.skipif(
    os.name != "posix" or os.geteuid() == 0, reason="needs POSIX permissions, and root ignores them"
)
def test_read_only_folder(tmp_path: Path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    items = members(tmp_path)
    out.chmod(0o500)
    try:
        with pytest.raises(UserFixableError) as caught:
            write_bundle(out / "x.swdapp", items, created_at=CREATED, generator=GENERATOR)
    finally:
        out.chmod(0o700)
    assert caught.value.code == "not_writable"
    assert os.listdir(out) == []


# -- schemas -------------------------------------------------------------------------------


def test_schemas_are_valid_and_the_draft_7_rewrite_keeps_their_meaning() -> None:
    from jsonschema import Draft202012Validator

    samples: list[tuple[str, Any]] = [("application", application())]
    broken = copy.deepcopy(application())
    broken["applicant"]["id_number"] += "\n"
    samples.append(("application", broken))
    broken = copy.deepcopy(application())
    broken["application"]["kind"] = "renewal"
    broken["registration"] = None
    samples.append(("application", broken))
    first = copy.deepcopy(application())
    first["application"]["kind"] = "first"
    first["registration"] = None
    samples.append(("application", first))
    samples.append(("manifest", {"format": "swdesk-application-bundle"}))
    for name, value in samples:
        Draft202012Validator.check_schema(checks.load_schema(name))
        original = Draft202012Validator(
            checks.load_schema(name), format_checker=Draft202012Validator.FORMAT_CHECKER
        )
        assert original.is_valid(value) == (checks.schema_fault(name, value) is None)
    assert checks.schema_fault("application", first) is None
    fault = checks.schema_fault("application", samples[1][1])
    assert fault is not None and fault.path == ("applicant", "id_number")
    assert "\n" not in fault.message and "11010519" not in fault.message  # never the value
    assert checks.schema_fault("application", samples[2][1]) is not None


def test_strict_json() -> None:
    for bad in [
        b'{"a": 1, "a": 2}',
        b"\xef\xbb\xbf{}",
        b'{"a": NaN}',
        b'"\\ud800"',
        b"\xff",
        "{}".encode("utf-16"),
        b"[" * 100_000 + b"]" * 100_000,
    ]:  # nesting beyond Python's recursion limit
        with pytest.raises(checks.JsonProblem):
            checks.load_json(bad)
    assert checks.load_json('{"名": "张"}'.encode()) == {"名": "张"}


def test_a_big_member_verifies_and_streams_back(tmp_path: Path) -> None:
    """A 10 MB member is verified and then read back in chunks, whole. (How fast is measured
    by the benchmarks, not here.)"""
    big = tmp_path / "sources" / "big.pdf"
    items = members(tmp_path)
    big.write_bytes(b"%PDF-1.4\n" + os.urandom(10 << 20))
    app = application(
        materials=[{"role": "other", "member": "materials/other-1.pdf", "original_name": "big.pdf"}]
    )
    items = _replace(items, "application.json", data=json.dumps(app).encode())
    items.append(BundleMember("materials/other-1.pdf", "material", "application/pdf", path=big))
    info = write_bundle(tmp_path / "big.swdapp", items, created_at=CREATED, generator=GENERATOR)
    verified = verify_bundle(info.path)
    assert verified.member("materials/other-1.pdf").size == big.stat().st_size
    with open_member(info.path, "materials/other-1.pdf", sha(big.read_bytes())) as stream:
        assert (
            sum(len(chunk) for chunk in iter(lambda: stream.read(1 << 20), b""))
            == big.stat().st_size
        )
