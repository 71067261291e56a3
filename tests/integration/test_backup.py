"""Backups: the schedule and its bound, the one-file backup and restoring it (checked before
anything is replaced, the current data kept aside, crash-safe), backups taken while another
process writes, a full disk, the command line."""

from __future__ import annotations

import errno
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import zipfile
from collections.abc import Callable
from contextlib import closing
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from cli_runner import CliResult, run_cli
from folder_samples import FolderTemplates
from full_disk import files_fill_up_after, fill, tiny_tmpfs
from swdesk.database.errors import DatabaseCorrupt
from swdesk.domain.errors import UserFixableError
from swdesk.paths import DataLayout
from swdesk.services.backup import (
    AUTO_BACKUP_KEEP,
    MIGRATION_BACKUP_KEEP,
    RESTORE_MARKER,
    BackupCancelled,
    create_backup_file,
    list_automatic_backups,
    newest_good_automatic_backup,
    recover_interrupted_restore,
    restore_automatic_backup,
    restore_backup_file,
    run_scheduled_backup,
    take_automatic_backup,
)
from swdesk.services.backup import restore as backup_module
from swdesk.services.demo import populate_demo
from swdesk.services.workspace import open_workspace
from swdesk.storage.backup_file import integrity_ok, read_backup_archive
from swdesk.storage.backup_file import writer as backup_file_module
from swdesk.storage.migrate import HEAD_REVISION

TODAY = date(2026, 11, 28)
NOW = datetime(2026, 11, 28, 9, 30, 0)


# -- helpers -------------------------------------------------------------------------------


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def tree_digest(root: Path) -> dict[str, str]:
    """Every file under `root` (but the lock file) → its SHA-256; folders → "dir"."""
    result: dict[str, str] = {}
    for path in sorted(root.rglob("*")):
        rel = path.relative_to(root).as_posix()
        if rel == "swdesk.lock":
            continue
        result[rel] = "dir" if path.is_dir() else sha256_of(path)
    return result


def table_rows(db_path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table (alembic_version included), in rowid order; not the file
    journal, which is about one moment of one folder (a restore empties it)."""
    with closing(sqlite3.connect(f"{db_path.as_uri()}?mode=ro", uri=True)) as connection:
        tables = [
            row[0]
            for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                " AND name != 'file_journal'"
            )
        ]
        return {
            table: connection.execute(f'SELECT * FROM "{table}" ORDER BY rowid').fetchall()
            for table in tables
        }


def make_demo(templates: FolderTemplates, root: Path) -> DataLayout:
    """A copy of the demo data folder (closed) at `root`."""
    return DataLayout(templates.demo(root, TODAY))


def stored_files(folder: Path) -> dict[str, str]:
    return (
        {p.name: sha256_of(p) for p in folder.iterdir() if p.is_file()} if folder.is_dir() else {}
    )


def rewrite_archive(
    src: Path, dest: Path, change: Callable[[dict[str, bytes]], dict[str, bytes]]
) -> None:
    """Copy a backup's members through `change` into a new ZIP (stored, like swdesk's)."""
    with zipfile.ZipFile(src) as archive:
        members = {info.filename: archive.read(info) for info in archive.infolist()}
    members = change(members)
    with zipfile.ZipFile(dest, "w", zipfile.ZIP_STORED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)


def with_manifest(members: dict[str, bytes], **overrides: object) -> dict[str, bytes]:
    """Recompute the manifest's member list from `members` (a forger's consistent file)."""
    manifest = json.loads(members["manifest.json"])
    manifest["members"] = [
        {"name": name, "size": len(data), "sha256": hashlib.sha256(data).hexdigest()}
        for name, data in members.items()
        if name != "manifest.json"
    ]
    manifest.update(overrides)
    result = {name: data for name, data in members.items() if name != "manifest.json"}
    result["manifest.json"] = json.dumps(manifest).encode()
    return result


@pytest.fixture(scope="module")
def demo_source(
    folder_templates: FolderTemplates, tmp_path_factory: pytest.TempPathFactory
) -> DataLayout:
    """A demo data folder (five practitioners, activities with evidence, photos)."""
    return make_demo(folder_templates, tmp_path_factory.mktemp("source") / "data")


@pytest.fixture(scope="module")
def demo_backup(demo_source: DataLayout, tmp_path_factory: pytest.TempPathFactory) -> Path:
    dest = tmp_path_factory.mktemp("stick") / "demo.swdbak"
    create_backup_file(demo_source, dest)
    return dest


def _first_practitioner_folder(root: Path) -> None:
    ws = open_workspace(root, clock=lambda: TODAY)
    try:
        progress = populate_demo(ws.profiles, ws.activities, TODAY)
        next(progress)
        next(progress)  # the first practitioner only
    finally:
        ws.close()


@pytest.fixture
def other_folder(folder_templates: FolderTemplates, tmp_path: Path) -> DataLayout:
    """A second data folder with data of its own (one demo practitioner fewer doesn't
    matter: it only has to differ from the backup); a copy of one built once per session."""
    root = folder_templates.copy(
        "backup-other-folder", _first_practitioner_folder, tmp_path / "other"
    )
    return DataLayout(root)


# -- automatic backups ---------------------------------------------------------------------


def _with_one_profile(root: Path) -> None:
    """A data folder holding one profile (an empty database is never backed up)."""
    from ui_free_samples import sample_draft

    ws = open_workspace(root, clock=lambda: TODAY)
    try:
        assert ws.scheduled_backup is not None and ws.scheduled_backup.taken is None
        ws.profiles.create_profile(sample_draft())
    finally:
        ws.close()


def test_a_scheduled_backup_is_taken_when_due_and_not_when_recent(tmp_path: Path) -> None:
    root = tmp_path / "data"
    _with_one_profile(root)
    assert list_automatic_backups(DataLayout(root)) == []  # none of the empty database
    ws = open_workspace(root, clock=lambda: TODAY)
    ws.close()
    first = ws.scheduled_backup
    assert first is not None and first.taken is not None and first.error is None
    assert first.taken.name.startswith("swdesk-auto-") and integrity_ok(first.taken)
    assert first.taken.parent == DataLayout(root).backups_dir

    again = open_workspace(root, clock=lambda: TODAY)  # minutes later: not due
    again.close()
    assert again.scheduled_backup is not None and again.scheduled_backup.taken is None

    layout = DataLayout(root)
    stamp = datetime.strptime(first.taken.name[12:27], "%Y%m%d-%H%M%S")
    assert run_scheduled_backup(layout, now=stamp + timedelta(hours=23)).taken is None
    later = run_scheduled_backup(layout, now=stamp + timedelta(hours=24, minutes=1))
    assert later.taken is not None and later.taken != first.taken
    assert list_automatic_backups(layout)[0] == later.taken
    # a clock set far back does not stop the schedule
    assert run_scheduled_backup(layout, now=stamp - timedelta(days=3)).taken is not None


def test_automatic_backups_are_bounded(tmp_path: Path) -> None:
    layout = DataLayout(tmp_path / "data")
    _with_one_profile(layout.root)
    for path in list_automatic_backups(layout):
        path.unlink()
    taken = []
    for day in range(AUTO_BACKUP_KEEP + 4):
        result = run_scheduled_backup(layout, now=NOW + timedelta(days=day))
        assert result.taken is not None
        taken.append(result.taken)
    template = taken[-1]
    migration_backups = []
    for month in range(1, 7):  # six earlier migrations
        name = f"swdesk-before-000{month % 3 + 1}-2025{month:02d}01-120000.sqlite"
        path = layout.backups_dir / name
        shutil.copyfile(template, path)
        migration_backups.append(path)
    run_scheduled_backup(layout, now=NOW + timedelta(days=AUTO_BACKUP_KEEP + 3, hours=1))
    autos = sorted(layout.backups_dir.glob("swdesk-auto-*.sqlite"))
    assert autos == sorted(taken[-AUTO_BACKUP_KEEP:])
    kept = sorted(layout.backups_dir.glob("swdesk-before-*.sqlite"))
    assert kept == sorted(migration_backups[-MIGRATION_BACKUP_KEEP:])
    listed = list_automatic_backups(layout)
    assert listed[0] == taken[-1] and listed[-1] == migration_backups[-MIGRATION_BACKUP_KEEP]
    assert len(listed) == AUTO_BACKUP_KEEP + MIGRATION_BACKUP_KEEP


def _damage_database(db: Path) -> None:
    """Break an index page (the table data stays readable), as in tests/ui/test_ui_damaged."""
    with closing(sqlite3.connect(db)) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        root = connection.execute(
            "SELECT rootpage FROM sqlite_master WHERE type = 'index' AND rootpage > 1 "
            "ORDER BY rootpage LIMIT 1"
        ).fetchone()[0]
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
    content = bytearray(db.read_bytes())
    content[(root - 1) * page_size] = 0x00
    db.write_bytes(bytes(content))


def test_a_backup_failing_its_integrity_check_is_deleted(
    folder_templates: FolderTemplates, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    layout = make_demo(folder_templates, tmp_path / "data")
    for path in list_automatic_backups(layout):
        path.unlink()
    _damage_database(layout.database)
    result = run_scheduled_backup(layout, now=NOW)
    assert result.taken is None and result.error == "backup_corrupt"
    assert list(layout.backups_dir.iterdir()) == []
    assert "automatic backup failed: backup_corrupt" in caplog.text


def test_restore_the_newest_good_automatic_backup_over_a_damaged_database(
    folder_templates: FolderTemplates, tmp_path: Path
) -> None:
    layout = make_demo(folder_templates, tmp_path / "data")
    for path in list_automatic_backups(layout):
        path.unlink()
    good_rows = table_rows(layout.database)
    # a good backup of the demo data and a newer broken one
    newest_good = take_automatic_backup(layout)
    broken = layout.backups_dir / "swdesk-auto-20991231-235959.sqlite"
    broken.write_bytes(b"SQLite format 3\x00" + b"\x00" * 4000)
    assert list_automatic_backups(layout)[0] == broken
    assert newest_good_automatic_backup(layout) == newest_good
    with pytest.raises(UserFixableError) as refused:
        restore_automatic_backup(layout, broken)
    assert refused.value.code == "backup_corrupt"

    _damage_database(layout.database)
    damaged = sha256_of(layout.database)
    with pytest.raises(DatabaseCorrupt):
        open_workspace(layout.root, clock=lambda: TODAY)
    info = restore_automatic_backup(layout, newest_good)
    assert sha256_of(info.kept_aside / "swdesk.sqlite") == damaged  # kept, untouched
    assert info.missing_files == ()
    ws = open_workspace(layout.root, clock=lambda: TODAY)
    try:
        assert len(ws.profiles.list_profiles()) == 5
    finally:
        ws.close()
    assert table_rows(layout.database)["activities"] == good_rows["activities"]

    outside = tmp_path / "swdesk-auto-20260101-000000.sqlite"
    shutil.copyfile(newest_good, outside)
    with pytest.raises(UserFixableError) as not_ours:
        restore_automatic_backup(layout, outside)
    assert not_ours.value.params["reason"] == "not_automatic_backup"


# -- the one-file backup -------------------------------------------------------------------


def test_backup_file_round_trip_into_another_folder(
    demo_source: DataLayout, demo_backup: Path, tmp_path: Path
) -> None:
    manifest = read_backup_archive(demo_backup)
    assert manifest.schema_revision == HEAD_REVISION
    assert len(manifest.photo_names) == 5 and len(manifest.evidence_names) > 5
    with zipfile.ZipFile(demo_backup) as archive:
        infos = archive.infolist()
    assert all(info.compress_type == zipfile.ZIP_STORED for info in infos)
    assert infos[-1].filename == "manifest.json" and infos[0].filename == "swdesk.sqlite"

    target = DataLayout(tmp_path / "elsewhere")
    info = restore_backup_file(target, demo_backup)
    assert not info.upgraded and info.missing_files == ()
    assert info.photo_files == 5
    assert table_rows(target.database) == table_rows(demo_source.database)
    assert stored_files(target.evidence_dir) == stored_files(demo_source.evidence_dir)
    assert stored_files(target.photos_dir) == stored_files(demo_source.photos_dir)
    assert not (target.root / RESTORE_MARKER).exists()
    assert not [p for p in target.root.iterdir() if p.name.startswith(".restore-")]

    ws = open_workspace(target.root, clock=lambda: TODAY)
    try:
        people = {p.name: p for p in ws.profiles.list_profiles()}
        assert set(people) == {"张晓梅", "李建国", "王芳", "马明远", "赵静"}
        activities = ws.activities.list_activities(people["张晓梅"].id)
        evidence = activities[0].evidence[0]
        assert sha256_of(target.evidence_dir / evidence.stored_name) == evidence.sha256
        wang = ws.profiles.get_record(people["王芳"].id).practitioner
        photo = ws.profiles.photo_path(wang)
        assert photo is not None and photo.is_file()
        assert photo.read_bytes() == (demo_source.photos_dir / wang.photo_file).read_bytes()
    finally:
        ws.close()


def test_restore_keeps_the_current_data_aside(
    demo_source: DataLayout, demo_backup: Path, other_folder: DataLayout
) -> None:
    before = tree_digest(other_folder.root)
    old_rows = table_rows(other_folder.database)
    info = restore_backup_file(other_folder, demo_backup)
    aside = info.kept_aside
    assert aside.parent == other_folder.backups_dir and aside.name.startswith("before-restore-")
    assert table_rows(aside / "swdesk.sqlite") == old_rows
    for name, digest in before.items():
        if name.startswith(("evidence/", "photos/")):
            assert tree_digest(aside)[name] == digest
    assert tree_digest(aside)["swdesk.sqlite"] == before["swdesk.sqlite"]
    assert table_rows(other_folder.database) == table_rows(demo_source.database)
    # the older automatic backups stay where they were
    assert all(
        other_folder.root.joinpath(name).exists()
        for name in before
        if name.startswith("backups/swdesk-")
    )


@pytest.mark.parametrize(
    "tamper",
    [
        "byte_changed",
        "member_added",
        "unsafe_member",
        "member_missing",
        "wrong_manifest",
        "manifest_hash",
        "not_a_zip",
        "garbage_database",
        "foreign_database",
        "too_new",
        "compressed",
        "duplicate",
        "truncated",
        "manifest_nested",
        "manifest_duplicate_key",
    ],
)
def test_a_tampered_backup_is_refused_and_nothing_changes(
    tamper: str, demo_backup: Path, other_folder: DataLayout, tmp_path: Path
) -> None:
    bad = tmp_path / f"{tamper}.swdbak"
    evidence_name = read_backup_archive(demo_backup).evidence_names[0]
    if tamper == "byte_changed":
        data = bytearray(demo_backup.read_bytes())
        with zipfile.ZipFile(demo_backup) as archive:
            info = archive.getinfo(f"evidence/{evidence_name}")
        data[info.header_offset + 30 + len(info.filename) + info.file_size // 2] ^= 0x01
        bad.write_bytes(bytes(data))
    elif tamper == "member_added":
        rewrite_archive(
            demo_backup,
            bad,
            lambda m: {**m, "evidence/" + "0" * 64 + ".pdf": b"%PDF-1.4 not listed"},
        )
    elif tamper == "unsafe_member":
        rewrite_archive(demo_backup, bad, lambda m: with_manifest({**m, "../evil.txt": b"x"}))
    elif tamper == "member_missing":
        rewrite_archive(
            demo_backup,
            bad,
            lambda m: {k: v for k, v in m.items() if k != f"evidence/{evidence_name}"},
        )
    elif tamper == "wrong_manifest":
        rewrite_archive(demo_backup, bad, lambda m: with_manifest(m, format="other-app"))
    elif tamper == "manifest_hash":

        def change(members: dict[str, bytes]) -> dict[str, bytes]:
            manifest = json.loads(members["manifest.json"])
            manifest["members"][0]["sha256"] = "0" * 64
            return {**members, "manifest.json": json.dumps(manifest).encode()}

        rewrite_archive(demo_backup, bad, change)
    elif tamper == "not_a_zip":
        bad.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 500)
    elif tamper == "garbage_database":
        rewrite_archive(
            demo_backup,
            bad,
            lambda m: with_manifest(
                {**m, "swdesk.sqlite": b"SQLite format 3\x00" + os.urandom(8192)}
            ),
        )
    elif tamper == "foreign_database":
        foreign = tmp_path / "foreign.sqlite"
        with closing(sqlite3.connect(foreign)) as connection:
            connection.execute("CREATE TABLE notes (x)")
            connection.commit()
        rewrite_archive(
            demo_backup,
            bad,
            lambda m: with_manifest(
                {**m, "swdesk.sqlite": foreign.read_bytes()}, schema_revision=""
            ),
        )
    elif tamper == "too_new":
        newer = tmp_path / "newer.sqlite"
        with zipfile.ZipFile(demo_backup) as archive:
            newer.write_bytes(archive.read("swdesk.sqlite"))
        with closing(sqlite3.connect(newer)) as connection:
            connection.execute("UPDATE alembic_version SET version_num = '9999'")
            connection.commit()
        rewrite_archive(
            demo_backup,
            bad,
            lambda m: with_manifest(
                {**m, "swdesk.sqlite": newer.read_bytes()}, schema_revision="9999"
            ),
        )
    elif tamper == "compressed":
        with (
            zipfile.ZipFile(demo_backup) as src,
            zipfile.ZipFile(bad, "w", zipfile.ZIP_DEFLATED) as dest,
        ):
            for info in src.infolist():
                dest.writestr(info.filename, src.read(info))
    elif tamper == "duplicate":
        with zipfile.ZipFile(demo_backup) as src, zipfile.ZipFile(bad, "w") as dest:
            for info in src.infolist():
                dest.writestr(info.filename, src.read(info))
            with pytest.warns(UserWarning):
                dest.writestr(f"evidence/{evidence_name}", b"%PDF- another")
    elif tamper == "truncated":
        bad.write_bytes(demo_backup.read_bytes()[: demo_backup.stat().st_size // 2])
    elif tamper == "manifest_nested":  # deeper than Python's parser can recurse
        rewrite_archive(
            demo_backup, bad, lambda m: {**m, "manifest.json": b"[" * 100_000 + b"]" * 100_000}
        )
    elif tamper == "manifest_duplicate_key":
        rewrite_archive(
            demo_backup,
            bad,
            lambda m: {
                **m,
                "manifest.json": m["manifest.json"].replace(
                    b'"format":', b'"format": "other-app", "format":', 1
                ),
            },
        )
    before = tree_digest(other_folder.root)
    with pytest.raises(UserFixableError) as refused:
        restore_backup_file(other_folder, bad)
    expected = {
        "byte_changed": "backup_corrupt",
        "garbage_database": "backup_corrupt",
        "manifest_hash": "backup_corrupt",
        "too_new": "database_too_new",
    }.get(tamper, "backup_invalid")
    assert refused.value.code == expected, refused.value.params
    assert refused.value.params["file"] == bad.name
    assert tree_digest(other_folder.root) == before


def test_a_backup_taken_while_another_process_writes(
    demo_source: DataLayout, tmp_path: Path
) -> None:
    source = DataLayout(tmp_path / "busy")
    shutil.copytree(
        demo_source.root, source.root, ignore=shutil.ignore_patterns("swdesk.lock", "backups")
    )
    stop = tmp_path / "stop"
    writer = subprocess.Popen(
        [sys.executable, "-c", WRITER, str(source.database), str(stop)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert writer.stdout is not None
    try:
        counts = []
        overlapped = 0
        for attempt in range(4):
            _wait_for_commits(writer.stdout, 5)
            before = _writer_rows(source.database)
            dest = tmp_path / f"busy-{attempt}.swdbak"
            create_backup_file(source, dest)
            after = _writer_rows(source.database)
            overlapped += after > before
            manifest = read_backup_archive(dest, database_to=tmp_path / f"check-{attempt}")
            db = tmp_path / f"check-{attempt}" / "swdesk.sqlite"
            assert integrity_ok(db) and manifest.schema_revision == HEAD_REVISION
            written = _writer_rows(db)
            assert before <= written <= after
            with closing(sqlite3.connect(db)) as connection:
                titles = {
                    row[0]
                    for row in connection.execute(
                        "SELECT title FROM activities WHERE title GLOB 'W*'"
                    )
                }
            assert titles == {f"W{n}" for n in range(written)}  # every commit whole, in order
            counts.append(written)
        assert overlapped  # the writer committed while backups were being taken
    finally:
        stop.touch()
        writer.communicate(timeout=60)
    assert writer.returncode == 0
    assert counts == sorted(counts) and counts[-1] > counts[0]

    restored = DataLayout(tmp_path / "restored")
    restore_backup_file(restored, tmp_path / "busy-3.swdbak")
    ws = open_workspace(restored.root, clock=lambda: TODAY)
    try:
        people = ws.profiles.list_profiles()
        total = sum(len(ws.activities.list_activities(p.id)) for p in people)
        assert total >= counts[-1]
        ws.activities.list_activities(people[0].id)
    finally:
        ws.close()


WRITER = """
import sqlite3, sys, pathlib
db, stop = sys.argv[1], pathlib.Path(sys.argv[2])
connection = sqlite3.connect(db, isolation_level=None, timeout=30)
connection.execute("PRAGMA journal_mode = WAL")
connection.execute("PRAGMA synchronous = FULL")
n = 0
while not stop.exists():
    connection.execute("BEGIN IMMEDIATE")
    connection.execute(
        "INSERT INTO activities (practitioner_id, title, organiser, activity_type,"
        " content_area, start_date, end_date, hours_tenths, reflection_learnt,"
        " reflection_change, created_at, updated_at)"
        " SELECT practitioner_id, 'W' || ?, organiser, activity_type, content_area,"
        " start_date, end_date, hours_tenths, reflection_learnt || ?, reflection_change,"
        " created_at, updated_at FROM activities ORDER BY id LIMIT 1", (n, "x" * 2000))
    connection.execute("COMMIT")
    n += 1
    print(n, flush=True)
connection.close()
"""


def _wait_for_commits(stream: io.TextIOBase, more: int) -> None:
    """Wait until the writer has reported `more` further commits."""
    for _ in range(more):
        assert stream.readline(), "the writer stopped"


def _writer_rows(db: Path) -> int:
    with closing(sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True, timeout=30)) as connection:
        return int(
            connection.execute("SELECT count(*) FROM activities WHERE title GLOB 'W*'").fetchone()[
                0
            ]
        )


def _backup_onto_a_full_stick(demo_source: DataLayout, stick: Path) -> None:
    """Back up over the stick's older backup when the stick fills up while the archive is
    written: "disk_full" naming the stick, the older backup untouched, nothing else left
    there nor in the data folder's scratch space."""
    previous = stick / "old.swdbak"
    previous.write_bytes(b"an older backup")
    with pytest.raises(UserFixableError) as full:
        create_backup_file(demo_source, previous)
    assert full.value.code == "disk_full" and full.value.params["path"] == str(stick)
    assert [p.name for p in stick.iterdir() if p.name != "filler.bin"] == ["old.swdbak"]
    assert previous.read_bytes() == b"an older backup"
    assert not [p for p in demo_source.backups_dir.iterdir() if p.name.startswith(".swdesk-")]


def test_disk_full_while_writing_leaves_no_file(
    demo_source: DataLayout, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    stick = tmp_path / "stick"
    stick.mkdir()
    files_fill_up_after(monkeypatch, 64 * 1024)  # the archive takes 64 KB, then ENOSPC
    _backup_onto_a_full_stick(demo_source, stick)


def test_a_really_full_stick_leaves_no_file(demo_source: DataLayout, tmp_path: Path) -> None:
    with tiny_tmpfs(tmp_path, "2m") as stick:
        fill(stick, leave=64 * 1024)
        _backup_onto_a_full_stick(demo_source, stick)


def test_unwritable_target_and_cancel(demo_source: DataLayout, tmp_path: Path) -> None:
    with pytest.raises(UserFixableError) as missing_folder:
        create_backup_file(demo_source, tmp_path / "no" / "such" / "x.swdbak")
    assert missing_folder.value.code == "folder_missing"
    if os.name != "nt" and os.geteuid() != 0:
        locked = tmp_path / "locked"
        locked.mkdir()
        locked.chmod(0o500)
        try:
            with pytest.raises(UserFixableError) as denied:
                create_backup_file(demo_source, locked / "x.swdbak")
            assert denied.value.code == "not_writable"
        finally:
            locked.chmod(0o700)
    calls: list[tuple[int, int]] = []

    def cancel_midway(done: int, total: int) -> bool:
        calls.append((done, total))
        return len(calls) < 3

    with pytest.raises(BackupCancelled):
        create_backup_file(demo_source, tmp_path / "cancelled.swdbak", cancel_midway)
    assert not [p for p in tmp_path.iterdir() if p.is_file()]

    seen: list[tuple[int, int]] = []
    create_backup_file(
        demo_source,
        tmp_path / "whole.swdbak",
        lambda done, total: seen.append((done, total)) is None,
    )
    assert seen[-1][0] == seen[-1][1] and [d for d, _ in seen] == sorted(d for d, _ in seen)


def test_a_faulty_medium_is_caught_by_reading_back(
    demo_source: DataLayout, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def flip_a_byte(path: Path) -> None:  # what a bad USB stick returns
        data = bytearray(path.read_bytes())
        data[len(data) // 3] ^= 0xFF
        path.write_bytes(bytes(data))

    monkeypatch.setattr(backup_file_module, "drop_cached_pages", flip_a_byte)
    with pytest.raises(UserFixableError) as bad:
        create_backup_file(demo_source, tmp_path / "x.swdbak")
    assert bad.value.code == "backup_corrupt" and bad.value.params["stage"] == "verify"
    assert list(tmp_path.iterdir()) == []


# -- crash safety of restore ---------------------------------------------------------------


@pytest.mark.parametrize("renames_before_crash", range(9))
def test_a_restore_interrupted_at_any_rename_finishes_at_next_open(
    renames_before_crash: int,
    demo_source: DataLayout,
    demo_backup: Path,
    other_folder: DataLayout,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    old_rows = table_rows(other_folder.database)
    # a leftover WAL beside the current database is part of what is moved
    (other_folder.root / "swdesk.sqlite-wal").write_bytes(b"")
    real_rename = os.rename
    calls = 0

    def crash_after_some(src, dst):  # type: ignore[no-untyped-def]
        nonlocal calls
        if calls == renames_before_crash:
            raise OSError(errno.EIO, "power cut")
        calls += 1
        real_rename(src, dst)

    monkeypatch.setattr(backup_module.os, "rename", crash_after_some)
    try:
        restore_backup_file(other_folder, demo_backup)
        finished = True
    except UserFixableError:
        finished = False
    monkeypatch.setattr(backup_module.os, "rename", real_rename)
    if not finished:
        assert (other_folder.root / RESTORE_MARKER).exists()
    # never both sets missing: the database is in the folder, aside or in staging
    ws = open_workspace(other_folder.root, clock=lambda: TODAY)
    ws.close()
    assert not (other_folder.root / RESTORE_MARKER).exists()
    assert table_rows(other_folder.database) == table_rows(demo_source.database)
    assert stored_files(other_folder.evidence_dir) == stored_files(demo_source.evidence_dir)
    asides = list(other_folder.backups_dir.glob("before-restore-*"))
    assert len(asides) == 1
    assert table_rows(asides[0] / "swdesk.sqlite") == old_rows
    assert (asides[0] / "swdesk.sqlite-wal").exists()


def test_an_unfinished_staging_folder_is_removed(other_folder: DataLayout) -> None:
    staging = other_folder.root / ".restore-20261128-093000-abc"
    (staging / "evidence").mkdir(parents=True)
    (staging / "swdesk.sqlite").write_bytes(b"half")
    before = table_rows(other_folder.database)
    assert recover_interrupted_restore(other_folder) is False
    assert not staging.exists()
    assert table_rows(other_folder.database) == before


def test_an_older_backup_is_migrated_when_restored(demo_source: DataLayout, tmp_path: Path) -> None:
    """A backup from the swdesk before decisions (revision 0002) is upgraded in staging."""
    from alembic import command

    from swdesk.database.engine import open_engine
    from swdesk.database.migrating import alembic_config
    from swdesk.storage.backup_file import SourceFile, snapshot_database, write_backup_archive
    from swdesk.storage.migrate import MIGRATIONS_DIR

    old_db = tmp_path / "old" / "swdesk.sqlite"
    old_db.parent.mkdir()
    snapshot_database(demo_source.database, old_db)
    engine = open_engine(old_db, foreign_keys=False)
    try:
        with engine.connect() as connection, connection.begin():
            command.downgrade(alembic_config(MIGRATIONS_DIR, connection), "0002")
    finally:
        engine.dispose()
    with closing(sqlite3.connect(old_db)) as connection:
        connection.execute("PRAGMA journal_mode = DELETE")
    sources = [SourceFile("evidence/" + p.name, p) for p in demo_source.evidence_dir.iterdir()]
    sources += [SourceFile("photos/" + p.name, p) for p in demo_source.photos_dir.iterdir()]
    old_backup = tmp_path / "old.swdbak"
    manifest = write_backup_archive(
        old_backup, old_db, sources, swdesk_version="0.1", scratch=tmp_path / "scratch"
    )
    assert manifest.schema_revision == "0002"

    target = DataLayout(tmp_path / "t")
    info = restore_backup_file(target, old_backup)
    assert info.upgraded and info.schema_revision == "0002" and info.missing_files == ()
    rows = table_rows(target.database)
    assert rows["alembic_version"] == [(HEAD_REVISION,)] and rows["decisions"] == []
    assert rows["activities"] == table_rows(demo_source.database)["activities"]
    # the pre-migration copy of a restored backup is not kept (the backup file is that copy)
    assert not target.backups_dir.exists() or not list(target.backups_dir.glob("swdesk-*"))
    open_workspace(target.root, clock=lambda: TODAY).close()


# -- command line --------------------------------------------------------------------------


def swdesk(*args: str) -> CliResult:
    return run_cli(*args)


def test_cli_create_and_restore(demo_source: DataLayout, tmp_path: Path) -> None:
    source = tmp_path / "source"
    shutil.copytree(demo_source.root, source, ignore=shutil.ignore_patterns("swdesk.lock"))
    out = tmp_path / "stick" / "cli.swdbak"
    out.parent.mkdir()
    created = swdesk("backup", "create", "--data-dir", str(source), str(out))
    assert created.returncode == 0, created.stderr
    assert created.stdout.startswith(f"backed up {out} ") and "verified=yes" in created.stdout
    assert len(created.stdout.splitlines()) == 1

    target = tmp_path / "target"
    restored = swdesk("backup", "restore", "--data-dir", str(target), str(out))
    assert restored.returncode == 0, restored.stderr
    assert restored.stdout.startswith(f"restored {out} ") and "kept_aside=" in restored.stdout
    assert table_rows(target / "swdesk.sqlite") == table_rows(source / "swdesk.sqlite")
    listing = swdesk("profile", "list", "--data-dir", str(target))
    assert listing.returncode == 0 and len(listing.stdout.splitlines()) == 5

    garbage = tmp_path / "garbage.swdbak"
    garbage.write_bytes(b"not a backup")
    before = tree_digest(target)
    refused = swdesk("backup", "restore", "--data-dir", str(target), str(garbage))
    assert refused.returncode == 1 and refused.stdout == ""
    assert refused.stderr.startswith("error: backup_invalid: ")
    assert "; file=garbage.swdbak " in refused.stderr
    assert tree_digest(target) == before

    nowhere = swdesk(
        "backup", "create", "--data-dir", str(source), str(tmp_path / "no" / "x.swdbak")
    )
    assert nowhere.returncode == 1 and nowhere.stderr.startswith("error: folder_missing")


def test_restore_refuses_while_the_folder_is_open(demo_backup: Path, tmp_path: Path) -> None:
    root = tmp_path / "open"
    ws = open_workspace(root, clock=lambda: TODAY)
    try:
        result = swdesk("backup", "restore", "--data-dir", str(root), str(demo_backup))
        assert result.returncode == 1 and result.stderr.startswith("error: already_running")
    finally:
        ws.close()
