"""A full disk: the save fails with "disk_full", and nothing already saved changes.

Three ways to fill it: SQLite's `max_page_count` (the database file may not grow by a
page), a file that takes a few bytes and then fails with ENOSPC, and, where the test may
mount one (root on Linux), a real 1 MB tmpfs filled to the last byte.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import replace
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event
from ui_free_samples import sample_draft

from full_disk import files_fill_up_after, fill, no_room, tiny_tmpfs
from swdesk.core.datafiles import atomic_write_bytes
from swdesk.database.engine import connect_read_only
from swdesk.domain.enums import ActivityType, ContentArea, Gender
from swdesk.domain.errors import UserFixableError
from swdesk.domain.identity import id_check_char
from swdesk.domain.models import Activity
from swdesk.services.demo_images import certificate_pdf, portrait_png
from swdesk.services.profiles import ProfileDraft
from swdesk.services.workspace import Workspace, open_workspace
from swdesk.storage import files
from swdesk.storage.database import Database
from swdesk.storage.files import EvidenceStore, PhotoStore, atomic_copy

TODAY = date(2026, 11, 28)
LONG_REFLECTION = "在社区矫正个案中练习了动机式访谈，并与督导讨论了保密例外的处理。" * 60
NAMES = [
    "王立新",
    "李秀英",
    "张伟",
    "刘洋",
    "陈静",
    "杨帆",
    "赵磊",
    "黄敏",
    "周杰",
    "吴婷",
    "徐强",
    "孙丽",
    "胡军",
    "朱琳",
    "高峰",
    "林娜",
    "何勇",
    "郭霞",
    "马超",
    "罗兰",
]


@pytest.fixture
def ws(tmp_path: Path) -> Iterator[Workspace]:
    workspace = open_workspace(tmp_path / "data", clock=lambda: TODAY)
    yield workspace
    workspace.close()


def dump(db_path: Path) -> list[str]:
    """The whole database as SQL text (schema and every row), read without writing; not
    the rows of the file journal (a refused save may leave the name of the file it wrote
    and removed there: bookkeeping for the next start's sweep, not saved data)."""
    with closing(connect_read_only(db_path)) as connection:
        return [
            line
            for line in connection.iterdump()
            if not line.startswith('INSERT INTO "file_journal"')
        ]


def listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


@contextmanager
def database_full(database: Database) -> Iterator[None]:
    """Inside the block, the database file cannot grow by one page (max_page_count)."""

    def limit(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
        with closing(dbapi_connection.cursor()) as cursor:
            pages = cursor.execute("PRAGMA page_count").fetchone()[0]
            cursor.execute(f"PRAGMA max_page_count = {pages}")

    event.listen(database.engine, "connect", limit)
    database.engine.dispose()  # pooled connections were opened without the limit
    try:
        yield
    finally:
        event.remove(database.engine, "connect", limit)
        database.engine.dispose()


def activity(title: str = "社会工作伦理培训", **changes: Any) -> Activity:
    base = Activity(
        title,
        "平凉市民政局",
        ActivityType.TRAINING,
        ContentArea.VALUES_ETHICS,
        date(2025, 3, 1),
        date(2025, 3, 2),
        Decimal(12),
    )
    return replace(base, **changes)


def proof(folder: Path, name: str, tag: str) -> Path:
    path = folder / name
    path.write_bytes(certificate_pdf([f"Training {tag}", "2025-03-01"]))
    return path


def person(index: int) -> ProfileDraft:
    """A different valid practitioner for every index (name, ID number, phone)."""
    draft = sample_draft(NAMES[index % len(NAMES)] + ("" if index < len(NAMES) else "华"))
    birth = date(1980 + index % 20, 1 + index % 12, 1 + index % 28)
    first17 = f"620802{birth:%Y%m%d}{100 + index:03d}"
    gender = Gender.MALE if (100 + index) % 2 else Gender.FEMALE
    practitioner = replace(
        draft.practitioner,
        birth_date=birth,
        gender=gender,
        id_number=first17 + id_check_char(first17),
        phone=f"1390933{index:04d}",
    )
    return replace(draft, practitioner=practitioner)


def assert_disk_full(caught: pytest.ExceptionInfo[UserFixableError]) -> None:
    assert caught.value.code == "disk_full"


# -- a full database (max_page_count) ------------------------------------------------------


def test_activity_on_a_full_database_is_refused_and_nothing_changes(
    ws: Workspace, tmp_path: Path
) -> None:
    pid = ws.profiles.create_profile(sample_draft())
    first = ws.activities.save_activity(pid, activity(), [proof(tmp_path, "证书.pdf", "a")])
    saved = ws.activities.list_activities(pid)
    with closing(connect_read_only(ws.layout.database)) as connection:
        assert connection.execute("PRAGMA freelist_count").fetchone() == (0,)
    before, evidence_before = dump(ws.layout.database), listing(ws.layout.evidence_dir)
    # two reflections of 2,000 characters need overflow pages: the file must grow
    long_one = activity(
        "督导与反思培训",
        reflection_learnt=LONG_REFLECTION[:2000],
        reflection_change=LONG_REFLECTION[:2000],
    )
    new_proof = proof(tmp_path, "结业证书.pdf", "b")

    with database_full(ws.database):
        with pytest.raises(UserFixableError) as caught:
            ws.activities.save_activity(pid, long_one, [new_proof])
        assert caught.value.params == {"path": str(ws.layout.database)}
        with pytest.raises(UserFixableError) as edited:
            ws.activities.save_activity(
                pid,
                replace(
                    saved[0],
                    reflection_learnt=LONG_REFLECTION[:2000],
                    reflection_change=LONG_REFLECTION[:2000],
                ),
                [new_proof],
            )
        assert_disk_full(edited)
        assert ws.activities.list_activities(pid) == saved  # reading still works

    assert_disk_full(caught)
    assert dump(ws.layout.database) == before
    assert listing(ws.layout.evidence_dir) == evidence_before  # the new proof was removed
    # with room again, the same save succeeds (the connection pool is not left broken)
    second = ws.activities.save_activity(pid, long_one, [new_proof])
    assert {a.id for a in ws.activities.list_activities(pid)} == {first, second}
    assert len(listing(ws.layout.evidence_dir)) == 2


def test_profiles_saved_until_the_database_is_full(ws: Workspace, tmp_path: Path) -> None:
    """Profiles with photos are created until one no longer fits: that one is refused
    whole (no row, no photo file), the others are untouched."""
    created: list[int] = []
    with database_full(ws.database):
        for index in range(300):
            photo = tmp_path / f"照片{index}.png"
            photo.write_bytes(portrait_png(index))
            draft = replace(person(index), new_photo=photo)
            before, photos_before = dump(ws.layout.database), listing(ws.layout.photos_dir)
            try:
                created.append(ws.profiles.create_profile(draft, pin="2468" if index % 2 else None))
            except UserFixableError as error:
                assert error.code == "disk_full"
                break
        else:
            pytest.fail("300 profiles fitted into a database that may not grow")
        assert dump(ws.layout.database) == before
        assert listing(ws.layout.photos_dir) == photos_before
        assert sorted(p.id for p in ws.profiles.list_profiles()) == sorted(created)

    assert created, "not even one profile fitted: the test proves nothing"
    new_id = ws.profiles.create_profile(draft)
    assert ws.profiles.get_record(new_id).practitioner.name == draft.practitioner.name
    assert len(listing(ws.layout.photos_dir)) == len(created) + 1


def test_profile_edit_with_a_new_photo_on_a_full_database_keeps_the_old_photo(
    ws: Workspace, tmp_path: Path
) -> None:
    old_photo = tmp_path / "旧照片.png"
    old_photo.write_bytes(portrait_png(1))
    pid = ws.profiles.create_profile(replace(sample_draft(), new_photo=old_photo))
    record = ws.profiles.get_record(pid)
    new_photo = tmp_path / "新照片.png"
    new_photo.write_bytes(portrait_png(2))
    edited = ProfileDraft(
        replace(record.practitioner, employer="崆峒区社会工作服务中心" * 3),
        record.certificates[0],
        record.registrations[0],
        new_photo,
    )
    before, photos_before = dump(ws.layout.database), listing(ws.layout.photos_dir)

    with commits_fail(ws.database), pytest.raises(UserFixableError) as caught:
        ws.profiles.update_profile(pid, edited)
    assert_disk_full(caught)
    assert dump(ws.layout.database) == before
    assert listing(ws.layout.photos_dir) == photos_before  # the new photo did not stay
    ws.profiles.update_profile(pid, edited)
    assert ws.profiles.get_record(pid).practitioner.employer == edited.practitioner.employer
    assert len(listing(ws.layout.photos_dir)) == 1  # the old photo went, the new one stays


def test_new_profile_whose_commit_fails_leaves_no_photo(ws: Workspace, tmp_path: Path) -> None:
    photo = tmp_path / "证件照.png"
    photo.write_bytes(portrait_png(5))
    before = dump(ws.layout.database)
    with commits_fail(ws.database), pytest.raises(UserFixableError) as caught:
        ws.profiles.create_profile(replace(person(1), new_photo=photo), pin="1357")
    assert_disk_full(caught)
    assert dump(ws.layout.database) == before
    assert listing(ws.layout.photos_dir) == []


@contextmanager
def commits_fail(database: Database) -> Iterator[None]:
    """Inside the block, the COMMIT of every transaction that wrote something fails the
    way SQLite's does on a full disk ("database or disk is full"); reads still work."""
    dialect = database.engine.dialect
    real_commit = dialect.do_commit
    changes_at_begin: dict[int, int] = {}

    def on_begin(connection: Any) -> None:
        dbapi_connection = connection.connection.dbapi_connection
        changes_at_begin[id(dbapi_connection)] = dbapi_connection.total_changes

    def do_commit(pooled: Any) -> None:
        dbapi_connection = pooled.dbapi_connection
        if dbapi_connection.total_changes != changes_at_begin.get(id(dbapi_connection)):
            raise sqlite3.OperationalError("database or disk is full")
        real_commit(pooled)

    event.listen(database.engine, "begin", on_begin)
    dialect.do_commit = do_commit  # type: ignore[method-assign]
    try:
        yield
    finally:
        del dialect.do_commit  # type: ignore[misc]
        event.remove(database.engine, "begin", on_begin)


# -- files: the disk fills up while writing ------------------------------------------------


@pytest.fixture
def room_for(monkeypatch: pytest.MonkeyPatch) -> Any:
    """room_for(n): from now on, files swdesk writes take n bytes and then fail (ENOSPC)."""
    return lambda room: files_fill_up_after(monkeypatch, room)


def test_atomic_write_that_fills_the_disk_keeps_the_old_file(tmp_path: Path, room_for: Any) -> None:
    target = tmp_path / "申请表.pdf"
    target.write_bytes(b"%PDF- the old form")
    room_for(1000)
    with pytest.raises(UserFixableError) as caught:
        atomic_write_bytes(target, b"%PDF-" + b"x" * 100_000)
    assert (caught.value.code, caught.value.params) == ("disk_full", {"file": "申请表.pdf"})
    assert target.read_bytes() == b"%PDF- the old form"
    assert listing(tmp_path) == ["申请表.pdf"]


def test_atomic_copy_that_fills_the_disk_leaves_nothing(tmp_path: Path, room_for: Any) -> None:
    source = tmp_path / "source.bin"
    source.write_bytes(os.urandom(3 << 20))  # more than one chunk
    (tmp_path / "out").mkdir()
    room_for((1 << 20) + 17)
    with pytest.raises(UserFixableError) as caught:
        atomic_copy(source, tmp_path / "out" / "copy.bin")
    assert caught.value.code == "disk_full"
    assert listing(tmp_path / "out") == []


@pytest.mark.parametrize("store_class", [EvidenceStore, PhotoStore])
def test_import_that_fills_the_disk_leaves_no_partial_file(
    tmp_path: Path, room_for: Any, store_class: type[EvidenceStore]
) -> None:
    store = store_class(tmp_path / "store")
    kept = store.import_bytes(portrait_png(3), "旧.png")
    source = tmp_path / "证件照.png"
    source.write_bytes(portrait_png(4) + b"\0" * (2 << 20))  # trailing bytes: still a PNG
    room_for(4096)
    with pytest.raises(UserFixableError) as caught:
        store.import_file(source)
    assert (caught.value.code, caught.value.params) == ("disk_full", {"file": "证件照.png"})
    assert listing(store.root) == [kept.stored_name]
    assert store.path_for(kept.stored_name).read_bytes() == portrait_png(3)


def test_no_room_for_even_an_empty_file_is_disk_full_not_unreadable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Creating the temporary file itself fails (no free inode or directory block)."""
    store = EvidenceStore(tmp_path / "store")
    source = proof(tmp_path, "证书.pdf", "c")
    monkeypatch.setattr(files.tempfile, "mkstemp", no_room)
    with pytest.raises(UserFixableError) as caught:
        store.import_file(source)
    assert (caught.value.code, caught.value.params) == ("disk_full", {"file": "证书.pdf"})
    with pytest.raises(UserFixableError) as written:
        atomic_write_bytes(tmp_path / "settings.ini", b"[ui]\n")
    assert written.value.code == "disk_full"


# -- a real, tiny file system -----------------------------------------------------------------


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    with tiny_tmpfs(tmp_path, "1m") as mount_point:
        yield mount_point


def test_real_full_disk_refuses_saves_and_keeps_everything(tiny_disk: Path, tmp_path: Path) -> None:
    ws = open_workspace(tiny_disk / "data", clock=lambda: TODAY)
    try:
        pid = ws.profiles.create_profile(sample_draft())
        ws.activities.save_activity(pid, activity(), [proof(tmp_path, "证书.pdf", "a")])
        saved = ws.activities.list_activities(pid)
        before, evidence_before = dump(ws.layout.database), listing(ws.layout.evidence_dir)
        filler = fill(tiny_disk)
        big_proof = proof(tmp_path, "结业证书.pdf", "b")

        with pytest.raises(UserFixableError) as with_file:  # the evidence copy
            ws.activities.save_activity(pid, activity("督导培训"), [big_proof])
        assert_disk_full(with_file)
        with pytest.raises(UserFixableError) as without_file:  # the database (its WAL)
            ws.activities.save_activity(pid, activity("督导培训", reflection_learnt="学到了"))
        assert_disk_full(without_file)
        with pytest.raises(UserFixableError) as profile:
            record = ws.profiles.get_record(pid)
            ws.profiles.update_profile(
                pid,
                ProfileDraft(
                    replace(record.practitioner, phone="13800000000"),
                    record.certificates[0],
                    record.registrations[0],
                ),
            )
        assert_disk_full(profile)
        assert ws.activities.list_activities(pid) == saved

        filler.unlink()  # room again: everything works, nothing was lost
        assert dump(ws.layout.database) == before
        assert listing(ws.layout.evidence_dir) == evidence_before
        ws.activities.save_activity(pid, activity("督导培训"), [big_proof])
        assert len(ws.activities.list_activities(pid)) == 2
    finally:
        ws.close()
    with closing(sqlite3.connect(tiny_disk / "data" / "swdesk.sqlite")) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
