"""Attendance records in the application bundle: the `ce_record` member (records/<id>.swdce)
and application.json version 3, whose activities may name one. Written and read back, in
the canonical order and in the content digest; every break of the layout or of the cross-
member rules refused by the writer (a caller bug) and by the reader (a changed file)."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from test_bundle import (
    CREATED,
    GENERATOR,
    application,
    members,
    rebuild,
    refused,
    write,
)

from swdesk.bundle import (
    CE_RECORD_MEDIA_TYPE,
    MAX_CE_RECORD_BYTES,
    BundleContentError,
    BundleMember,
    application_format_version,
    content_digest,
    record_member_name,
    verify_bundle,
    write_bundle,
)
from swdesk.bundle.checks import application_problem
from swdesk.signing import ce_record

GOLDEN_RECORD = Path(__file__).resolve().parents[1] / "golden" / "v1" / "attendance.swdce"
RECORD = GOLDEN_RECORD.read_bytes()
RECORD_ID = "5f0c6a52-8e1d-4b7a-9c3e-2d4f6a8b0c1e"
RECORD_NAME = f"records/{RECORD_ID}.swdce"
OTHER_ID = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"
OTHER_NAME = f"records/{OTHER_ID}.swdce"


def course(
    record: str | None = RECORD_NAME, title: str = "社会工作伦理与督导培训"
) -> dict[str, Any]:
    activity: dict[str, Any] = {
        "title": title,
        "organiser": "甘肃省社会工作协会",
        "activity_type": "training",
        "content_area": "values_ethics",
        "start_date": "2025-02-18",
        "end_date": "2025-02-19",
        "hours": "12.5",
        "evidence": [],
    }
    if record is not None:
        activity["record"] = record
    return activity


def recorded(*courses: dict[str, Any], version: int = 3) -> dict[str, Any]:
    app = application()
    app["format_version"] = version
    app["activities"] += list(courses) or [course()]
    return app


def record_member(name: str = RECORD_NAME, data: bytes = RECORD, **kwargs: Any) -> BundleMember:
    return BundleMember(
        name, kwargs.get("role", "ce_record"), kwargs.get("media", CE_RECORD_MEDIA_TYPE), data=data
    )


def write_recorded(tmp_path: Path, app: dict[str, Any] | None = None, *extra: BundleMember) -> Path:
    return write(tmp_path, app=app or recorded(), extra=list(extra) or [record_member()]).path


def writer_refuses(tmp_path: Path, app: dict[str, Any], *extra: BundleMember) -> str:
    with pytest.raises(BundleContentError) as caught:
        write_bundle(
            tmp_path / "x.swdapp",
            members(tmp_path, app=app, extra=list(extra)),
            created_at=CREATED,
            generator=GENERATOR,
        )
    assert not (tmp_path / "x.swdapp").exists()
    return str(caught.value)


Entries = list[tuple[str, bytes]]


def with_application(app: dict[str, Any]) -> Callable[[Entries], Entries]:
    data = json.dumps(app, ensure_ascii=False).encode()
    return lambda entries: [(n, data if n == "application.json" else d) for n, d in entries]


def replaced(name: str, data: bytes) -> Callable[[Entries], Entries]:
    return lambda entries: [(n, data if n == name else d) for n, d in entries]


# -- written and read back ------------------------------------------------------------


def test_a_record_is_written_read_back_and_placed_between_evidence_and_materials(
    tmp_path: Path,
) -> None:
    material = BundleMember("materials/other-1.pdf", "material", "application/pdf", data=b"%PDF-x")
    app = recorded()
    app["materials"].append({"role": "other", "member": material.name, "original_name": "a.pdf"})
    path = write(tmp_path, app=app, extra=[material, record_member()]).path
    bundle = verify_bundle(path)
    names = [entry.name for entry in bundle.members]
    assert names[3:] == [names[3], RECORD_NAME, "materials/other-1.pdf"]
    assert names[3].startswith("evidence/")
    entry = bundle.member(RECORD_NAME)
    assert (entry.role, entry.media_type, entry.size) == (
        "ce_record",
        CE_RECORD_MEDIA_TYPE,
        len(RECORD),
    )
    assert bundle.read_member(RECORD_NAME) == RECORD
    assert bundle.application["activities"][1]["record"] == RECORD_NAME
    pairs = [(e.name, e.sha256) for e in bundle.members]
    assert bundle.content_digest == content_digest(pairs)
    # the record counts: another record's bytes give another content digest
    other = [(n, "0" * 64 if n == RECORD_NAME else h) for n, h in pairs]
    assert content_digest(other) != bundle.content_digest


def test_two_activities_each_backed_by_their_own_record(tmp_path: Path) -> None:
    second = RECORD.replace(RECORD_ID.encode(), OTHER_ID.encode())  # layout only: unsigned
    app = recorded(course(), course(OTHER_NAME, title="第二次培训"))
    path = write_recorded(tmp_path, app, record_member(), record_member(OTHER_NAME, second))
    bundle = verify_bundle(path)
    assert [e.name for e in bundle.members if e.role == "ce_record"] == sorted(
        [RECORD_NAME, OTHER_NAME]
    )


def test_the_lowest_version_that_holds_the_content() -> None:
    plain = application()
    assert application_format_version(plain) == 1
    numbered = copy.deepcopy(plain)
    numbered["registration"]["number"] = "甘社登字620802-2022-0137"
    assert application_format_version(numbered) == 2
    assert application_format_version(recorded()) == 3
    numbered["activities"].append(course())
    assert application_format_version(numbered) == 3
    self_reported = recorded(course(record=None))
    assert application_format_version(self_reported) == 1


def test_record_member_names() -> None:
    assert record_member_name(RECORD_ID) == RECORD_NAME
    for bad in (RECORD_ID.upper(), RECORD_ID.replace("-", ""), "../x", "", RECORD_ID + " "):
        with pytest.raises(ValueError):
            record_member_name(bad)


def test_the_size_limit_is_the_record_formats() -> None:
    assert MAX_CE_RECORD_BYTES == ce_record.MAX_CE_RECORD_BYTES


# -- the writer refuses what breaks the format -------------------------------------------


@pytest.mark.parametrize(
    ("edit", "reason"),
    [
        (lambda app: app.update(format_version=1), "activities"),
        (lambda app: app.update(format_version=2), "activities"),
        (lambda app: app["activities"][1].update(record=OTHER_NAME), "not in the bundle"),
        (lambda app: app["activities"][1].pop("record"), "not referred to by any activity"),
        (
            lambda app: app["activities"][0].update(record=RECORD_NAME),
            "backs another activity too",
        ),
        (lambda app: app["activities"][1].update(record=RECORD_NAME.upper()), "record"),
        (lambda app: app["activities"][1].update(record="records/x.swdce"), "record"),
        (
            lambda app: app["activities"][1].update(record=app["activities"][0]["evidence"][0]),
            "record",
        ),
    ],
    ids=[
        "record-in-v1",
        "record-in-v2",
        "names-a-missing-record",
        "record-not-named",
        "two-activities-one-record",
        "upper-case-uuid",
        "not-a-uuid",
        "names-evidence",
    ],
)
def test_the_writer_refuses_broken_cross_references(
    tmp_path: Path, edit: Callable[[dict[str, Any]], None], reason: str
) -> None:
    app = recorded()
    edit(app)
    assert reason in writer_refuses(tmp_path, app, record_member())
    listed = [(m.name, m.role) for m in members(tmp_path, app=app, extra=[record_member()])]
    assert application_problem(app, listed) is not None


@pytest.mark.parametrize(
    ("member", "reason"),
    [
        (record_member(media="application/json"), "media type"),
        (record_member(role="evidence"), "role"),
        (record_member(f"records/{RECORD_ID.upper()}.swdce"), "no such member"),
        (record_member(f"records/{RECORD_ID}.json"), "no such member"),
        (record_member(data=b'{"format":"swdesk-decision"' + RECORD[27:]), "content is not SWDCE"),
        (record_member(data=b"%PDF-1.7\n"), "content is not SWDCE"),
        (
            record_member(data=RECORD[:-1] + b" " * (MAX_CE_RECORD_BYTES - len(RECORD) + 2)),
            "larger than 8192",
        ),
    ],
    ids=[
        "media-type",
        "role",
        "upper-case-name",
        "json-extension",
        "other-format",
        "pdf",
        "too-large",
    ],
)
def test_the_writer_refuses_a_record_member_that_breaks_the_layout(
    tmp_path: Path, member: BundleMember, reason: str
) -> None:
    assert reason in writer_refuses(tmp_path, recorded(), member)


def test_a_record_of_exactly_the_limit_is_written(tmp_path: Path) -> None:
    """The bundle checks the size and the first bytes, not the record's content (that is
    the reviewer's check, with the provider's key)."""
    padded = RECORD + b" " * (MAX_CE_RECORD_BYTES - len(RECORD))
    path = write_recorded(tmp_path, None, record_member(data=padded))
    assert verify_bundle(path).member(RECORD_NAME).size == MAX_CE_RECORD_BYTES


# -- the reader refuses a changed file ----------------------------------------------------


def _listed_as_record(manifest: dict[str, Any]) -> None:
    for entry in manifest["members"]:
        if entry["name"].startswith("records/"):
            entry.update(role="ce_record", media_type=CE_RECORD_MEDIA_TYPE)


@pytest.mark.parametrize(
    ("edit", "reason"),
    [
        (lambda app: app.update(format_version=2), "activities"),
        (lambda app: app["activities"][1].pop("record"), "not referred to by any activity"),
        (lambda app: app["activities"][1].update(record=OTHER_NAME), "not in the bundle"),
        (lambda app: app["activities"][0].update(record=RECORD_NAME), "another activity"),
    ],
    ids=["record-in-v2", "record-not-named", "names-a-missing-record", "named-twice"],
)
def test_the_reader_refuses_broken_cross_references(
    tmp_path: Path, edit: Callable[[dict[str, Any]], None], reason: str
) -> None:
    path = write_recorded(tmp_path)
    app = recorded()
    edit(app)
    error = refused(rebuild(path, tmp_path / "x.swdapp", edit_members=with_application(app)))
    assert (error.code, error.member) == ("application_invalid", "application.json")
    assert reason in error.reason


def test_the_reader_refuses_a_record_beside_a_version_1_application(tmp_path: Path) -> None:
    """A record member beside an application.json that names none is unexplained."""
    plain = write(tmp_path).path

    def add(entries: Entries) -> Entries:
        return [*entries, (RECORD_NAME, RECORD)]

    error = refused(
        rebuild(plain, tmp_path / "x.swdapp", edit_members=add, edit_manifest=_listed_as_record)
    )
    assert error.code == "application_invalid"
    assert error.reason == f"{RECORD_NAME}: record not referred to by any activity"


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b'{"format":"swdesk-decision"' + RECORD[27:], "member_wrong_type"),
        (b"MZ\x90\x00" + RECORD, "member_wrong_type"),
        (b"{}", "member_wrong_type"),
        (RECORD[:-1] + b" " * (MAX_CE_RECORD_BYTES - len(RECORD) + 2), "member_wrong_type"),
    ],
    ids=["other-format", "executable", "short", "too-large"],
)
def test_the_reader_refuses_a_record_member_that_is_not_one(
    tmp_path: Path, data: bytes, code: str
) -> None:
    path = write_recorded(tmp_path)
    error = refused(rebuild(path, tmp_path / "x.swdapp", edit_members=replaced(RECORD_NAME, data)))
    assert (error.code, error.member) == (code, RECORD_NAME)
    assert error.params["expected"] == "SWDCE"


def test_the_reader_refuses_a_record_listed_with_another_role_or_type(tmp_path: Path) -> None:
    path = write_recorded(tmp_path)
    for field, value in (("role", "evidence"), ("media_type", "application/json")):

        def edit(manifest: dict[str, Any], field: str = field, value: str = value) -> None:
            entry = next(e for e in manifest["members"] if e["name"] == RECORD_NAME)
            entry[field] = value

        error = refused(rebuild(path, tmp_path / "x.swdapp", edit_manifest=edit))
        assert error.code == "manifest_invalid", field
        assert RECORD_NAME in error.reason


def test_the_reader_refuses_a_record_out_of_canonical_order(tmp_path: Path) -> None:
    material = BundleMember("materials/other-1.pdf", "material", "application/pdf", data=b"%PDF-x")
    app = recorded()
    app["materials"].append({"role": "other", "member": material.name, "original_name": "a.pdf"})
    path = write(tmp_path, app=app, extra=[material, record_member()]).path

    def swap(entries: Entries) -> Entries:
        return [e for e in entries if e[0] != RECORD_NAME] + [(RECORD_NAME, RECORD)]

    error = refused(rebuild(path, tmp_path / "x.swdapp", edit_members=swap))
    assert (error.code, error.reason) == ("manifest_invalid", "members not in canonical order")


def test_a_changed_record_byte_is_a_hash_mismatch(tmp_path: Path) -> None:
    path = write_recorded(tmp_path)
    changed = RECORD.replace(b'"12.5"', b'"92.5"')
    assert len(changed) == len(RECORD) and changed != RECORD
    edited = rebuild(
        path, tmp_path / "x.swdapp", edit_members=replaced(RECORD_NAME, changed), relist=False
    )
    error = refused(edited)
    assert (error.code, error.member) == ("member_hash_mismatch", RECORD_NAME)
