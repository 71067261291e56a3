"""swdesk never destroys what a person saved: a data folder whose database is missing, empty,
cut short, damaged, read-only, on a full disk, or just restored keeps every evidence file,
photo, backup and the old database byte for byte.

Each test builds the state on a real data folder (a profile with a photo, two activities
with evidence, an automatic backup), opens it the way swdesk does (the services and the
command line in a separate process), and compares the digests of every file the person
saved before and after. The sweep's rule is checked the same way: a stored file is deleted
only when the database's file journal proves it garbage (a process killed between writing
a file and committing its row, or between dropping its last reference and removing it);
any other file no row refers to is moved to `recovered/<date>/`, never deleted.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from contextlib import closing
from dataclasses import replace
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from ui_free_samples import sample_draft

from cli_runner import CliResult, run_cli
from folder_samples import made_read_only
from full_disk import fill, tiny_tmpfs
from swdesk.database.errors import (
    DatabaseCorrupt,
    DatabaseMissing,
    DatabaseReadOnly,
)
from swdesk.domain.enums import ActivityType, ContentArea
from swdesk.domain.errors import UserFixableError
from swdesk.domain.models import Activity
from swdesk.paths import DataLayout
from swdesk.services.backup import (
    list_automatic_backups,
    newest_restorable_backup,
    restore_automatic_backup,
    run_scheduled_backup,
)
from swdesk.services.clock import china_today
from swdesk.services.demo_images import certificate_pdf, portrait_png
from swdesk.services.workspace import open_workspace, open_workspace_read_only
from swdesk.storage.instance_lock import acquire_instance_lock

TODAY = date(2026, 11, 28)
SRC = Path(__file__).resolve().parents[2] / "src"


# -- building a data folder -----------------------------------------------------------------


def activity(title: str) -> Activity:
    return Activity(
        title,
        "平凉市民政局",
        ActivityType.TRAINING,
        ContentArea.VALUES_ETHICS,
        date(2025, 3, 1),
        date(2025, 3, 2),
        Decimal(12),
    )


def proof(folder: Path, name: str, tag: str) -> Path:
    path = folder / name
    path.write_bytes(certificate_pdf([f"Training {tag}", "2025-03-01"]))
    return path


def make_folder(root: Path, scratch: Path) -> DataLayout:
    """A data folder with one profile (a photo), two activities with evidence and a
    scheduled automatic backup holding them; closed cleanly (no -wal, no -shm)."""
    scratch.mkdir(parents=True, exist_ok=True)
    photo = scratch / "证件照.png"
    photo.write_bytes(portrait_png(7))
    ws = open_workspace(root, clock=lambda: TODAY)
    try:
        pid = ws.profiles.create_profile(replace(sample_draft(), new_photo=photo))
        ws.activities.save_activity(
            pid, activity("社会工作伦理培训"), [proof(scratch, "证书.pdf", "a")]
        )
        ws.activities.save_activity(
            pid,
            activity("督导培训"),
            [proof(scratch, "结业证书.pdf", "b"), proof(scratch, "签到表.pdf", "c")],
        )
    finally:
        ws.close()
    layout = DataLayout(root)
    later = datetime.now() + timedelta(days=2)  # a backup due now holds the profile
    assert run_scheduled_backup(layout, now=later).taken is not None
    for suffix in ("-wal", "-shm"):  # empty: left by the backup's read-only look
        side = Path(f"{layout.database}{suffix}")
        assert not side.exists() or suffix == "-shm" or side.stat().st_size == 0
        side.unlink(missing_ok=True)
    return layout


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> DataLayout:
    base = tmp_path_factory.mktemp("template")
    return make_folder(base / "data", base / "scratch")


@pytest.fixture
def folder(template: DataLayout, tmp_path: Path) -> DataLayout:
    shutil.copytree(template.root, tmp_path / "data")
    return DataLayout(tmp_path / "data")


def saved_files(layout: DataLayout) -> dict[str, str]:
    """sha256 of every file a person saved: evidence, photos, backups (relative path)."""
    result: dict[str, str] = {}
    for sub in (layout.evidence_dir, layout.photos_dir, layout.backups_dir):
        for path in sorted(sub.rglob("*")):
            if path.is_file():
                result[str(path.relative_to(layout.root))] = sha256(path)
    return result


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def all_digests(root: Path) -> set[str]:
    return {sha256(p) for p in root.rglob("*") if p.is_file()}


def assert_kept_in_place(before: dict[str, str], layout: DataLayout) -> None:
    after = saved_files(layout)
    assert {name: after.get(name) for name in before} == before


def swdesk_cli(*args: str) -> CliResult:
    return run_cli(*args)


def assert_one_error_line(result: CliResult, code: str) -> None:
    assert result.returncode == 1, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"error: {code}: "), result.stderr
    assert "Traceback" not in result.stderr


# -- a database that is missing, empty or has no tables beside saved files ---------------------


def _empty(db: Path) -> None:
    db.write_bytes(b"")


def _missing(db: Path) -> None:
    db.unlink()


def _no_tables(db: Path) -> None:
    db.unlink()
    with closing(sqlite3.connect(db)) as connection:
        connection.execute("PRAGMA user_version = 1")  # a valid SQLite file, no table


@pytest.mark.parametrize(
    ("damage", "reason"), [(_empty, "empty"), (_missing, "missing"), (_no_tables, "no_tables")]
)
def test_no_usable_database_beside_saved_files_is_never_a_new_folder(
    folder: DataLayout, damage, reason: str
) -> None:  # type: ignore[no-untyped-def]
    before = saved_files(folder)
    damage(folder.database)
    db_state = folder.database.read_bytes() if folder.database.exists() else None
    for _ in range(2):  # the lock is released: the same refusal again
        with pytest.raises(DatabaseMissing) as caught:
            open_workspace(folder.root, clock=lambda: TODAY)
        assert caught.value.code == "database_missing"
        assert caught.value.params == {"path": str(folder.database), "reason": reason}
    assert_kept_in_place(before, folder)
    assert saved_files(folder) == before  # nothing added either (no backup, no new file)
    assert (folder.database.read_bytes() if folder.database.exists() else None) == db_state

    result = swdesk_cli("profile", "list", "--data-dir", str(folder.root))
    assert_one_error_line(result, "database_missing")
    assert f"reason={reason}" in result.stderr and result.stdout == ""
    assert_kept_in_place(before, folder)
    assert (folder.database.read_bytes() if folder.database.exists() else None) == db_state


def test_only_a_backup_left_is_not_a_new_folder_either(folder: DataLayout) -> None:
    shutil.rmtree(folder.evidence_dir)
    shutil.rmtree(folder.photos_dir)
    folder.database.unlink()
    with pytest.raises(DatabaseMissing):
        open_workspace(folder.root, clock=lambda: TODAY)
    assert not folder.database.exists()


def test_a_write_ahead_log_left_without_its_database_is_not_a_new_folder(tmp_path: Path) -> None:
    root = tmp_path / "data"
    root.mkdir()
    wal = root / "swdesk.sqlite-wal"
    wal.write_bytes(b"\x37\x7f\x06\x82" + bytes(60))  # a WAL header: the last transactions
    with pytest.raises(DatabaseMissing):
        open_workspace(root, clock=lambda: TODAY)
    assert not (root / "swdesk.sqlite").exists() and wal.stat().st_size == 64


def test_a_new_folder_is_still_a_first_start_without_a_backup(tmp_path: Path) -> None:
    root = tmp_path / "new"
    ws = open_workspace(root, clock=lambda: TODAY)
    try:
        assert ws.profiles.list_profiles() == [] and ws.recovered is None
        assert ws.scheduled_backup is not None and ws.scheduled_backup.taken is None
    finally:
        ws.close()
    assert list_automatic_backups(DataLayout(root)) == []  # an empty database: no backup
    settings_only = tmp_path / "settings-only"  # the GUI writes settings.ini and logs first
    (settings_only / "logs").mkdir(parents=True)
    (settings_only / "settings.ini").write_text("[ui]\n")
    open_workspace(settings_only, clock=lambda: TODAY).close()


def test_starting_afresh_moves_the_old_files_aside_and_deletes_nothing(folder: DataLayout) -> None:
    folder.database.write_bytes(b"")
    digests = all_digests(folder.root)
    ws = open_workspace(folder.root, clock=lambda: TODAY, start_afresh=True)
    try:
        assert ws.profiles.list_profiles() == []
        aside = ws.set_aside
        assert aside is not None and aside.parent == folder.backups_dir
        assert aside.name.startswith("before-fresh-start-")
    finally:
        ws.close()
    assert (aside / "swdesk.sqlite").read_bytes() == b""
    assert len(list((aside / "evidence").iterdir())) == 3
    assert len(list((aside / "photos").iterdir())) == 1
    assert digests <= all_digests(folder.root)
    ws = open_workspace(folder.root, clock=lambda: TODAY)  # the new database is in use
    ws.close()
    assert digests <= all_digests(folder.root)


# -- damaged, read-only and unreadable databases ------------------------------------------------


def test_truncated_database_is_damaged_and_every_file_is_kept(folder: DataLayout) -> None:
    data = folder.database.read_bytes()
    folder.database.write_bytes(data[: len(data) // 2])
    before, db_before = saved_files(folder), sha256(folder.database)
    with pytest.raises(DatabaseCorrupt):
        open_workspace(folder.root, clock=lambda: TODAY)
    assert_one_error_line(
        swdesk_cli("profile", "list", "--data-dir", str(folder.root)), "database_corrupt"
    )
    assert saved_files(folder) == before and sha256(folder.database) == db_before


def test_garbage_header_opened_read_only_is_refused_not_a_crash(folder: DataLayout) -> None:
    data = bytearray(folder.database.read_bytes())
    data[:100] = os.urandom(100)
    folder.database.write_bytes(bytes(data))
    before, db_before = saved_files(folder), sha256(folder.database)
    with pytest.raises(DatabaseCorrupt) as damaged:
        open_workspace(folder.root, clock=lambda: TODAY)
    assert damaged.value.params["reason"] == "not_sqlite"
    with pytest.raises(DatabaseCorrupt) as read_only:
        open_workspace_read_only(folder.root, clock=lambda: TODAY)
    assert read_only.value.params["reason"] == "unreadable_read_only"
    acquire_instance_lock(folder.root).release()  # both refusals released the lock
    assert saved_files(folder) == before and sha256(folder.database) == db_before


@pytest.fixture
def read_only_file(folder: DataLayout) -> Iterator[DataLayout]:
    """The database file read-only in a writable folder: chmod for a normal user; for root
    (who writes through any mode bits) a read-only bind mount of the file itself."""
    with made_read_only(folder.database):
        yield folder


def test_read_only_database_says_so_and_opens_read_only(read_only_file: DataLayout) -> None:
    folder = read_only_file
    before, db_before = saved_files(folder), sha256(folder.database)
    with pytest.raises(DatabaseReadOnly) as caught:
        open_workspace(folder.root, clock=lambda: TODAY)
    assert caught.value.code == "database_read_only"
    assert_one_error_line(
        swdesk_cli("profile", "list", "--data-dir", str(folder.root)), "database_read_only"
    )
    ws = open_workspace_read_only(folder.root, clock=lambda: TODAY)
    try:
        assert ws.read_only and [p.name for p in ws.profiles.list_profiles()] == ["张晓梅"]
    finally:
        ws.close()
    assert saved_files(folder) == before and sha256(folder.database) == db_before


# -- a full disk --------------------------------------------------------------------------------


@pytest.fixture
def tiny_disk(tmp_path: Path) -> Iterator[Path]:
    with tiny_tmpfs(tmp_path, "2m") as mount_point:
        yield mount_point


def test_full_disk_without_wal_files_is_disk_full_not_damaged(
    template: DataLayout, tiny_disk: Path
) -> None:
    root = tiny_disk / "data"
    shutil.copytree(template.root, root)
    layout = DataLayout(root)
    for suffix in ("-wal", "-shm"):
        Path(f"{layout.database}{suffix}").unlink(missing_ok=True)
    before, db_before = saved_files(layout), sha256(layout.database)
    filler = fill(tiny_disk)
    try:
        with pytest.raises(UserFixableError) as caught:
            open_workspace(root, clock=lambda: TODAY)
        assert caught.value.code == "disk_full"
        assert not isinstance(caught.value, DatabaseCorrupt)
        result = swdesk_cli("profile", "list", "--data-dir", str(root))
        assert_one_error_line(result, "disk_full")
        # the connection SQLite needs for a look may fail too: still disk full, not damaged
        from swdesk.storage.migrate import inspect_database

        try:
            inspect_database(layout.database)
        except UserFixableError as error:
            assert error.code == "disk_full"
    finally:
        filler.unlink()
    assert saved_files(layout) == before and sha256(layout.database) == db_before
    ws = open_workspace(root, clock=lambda: TODAY)  # room again: everything is there
    try:
        assert [p.name for p in ws.profiles.list_profiles()] == ["张晓梅"]
    finally:
        ws.close()
    assert_kept_in_place(before, layout)


# -- the sweep: journaled garbage deleted, unknown files moved ------------------------------------


def test_sweep_deletes_journaled_garbage_and_moves_unknown_files(
    folder: DataLayout, tmp_path: Path
) -> None:
    from swdesk.storage.database import Database
    from swdesk.storage.references import EVIDENCE, note_dropped

    garbage = folder.evidence_dir / f"{'a' * 64}.pdf"
    garbage.write_bytes(certificate_pdf(["never committed"]))
    unknown = folder.evidence_dir / f"{'b' * 64}.pdf"
    unknown.write_bytes(certificate_pdf(["of unknown status"]))
    unknown_photo = folder.photos_dir / f"{'c' * 64}.png"
    unknown_photo.write_bytes(portrait_png(9))
    with Database.open(folder.database) as database, database.session() as session:
        note_dropped(session, EVIDENCE, [garbage.name])
    before = saved_files(folder)
    kept = {k: v for k, v in before.items() if garbage.name not in k}
    moved = {unknown.name: sha256(unknown), unknown_photo.name: sha256(unknown_photo)}

    result = swdesk_cli("profile", "list", "--data-dir", str(folder.root))
    assert result.returncode == 0, result.stderr
    recovered = folder.root / "recovered" / china_today().isoformat()
    assert result.stderr.strip() == (
        f"notice: moved 2 stored file(s) no record refers to into {recovered}"
    )
    assert not garbage.exists()
    assert sha256(recovered / "evidence" / unknown.name) == moved[unknown.name]
    assert sha256(recovered / "photos" / unknown_photo.name) == moved[unknown_photo.name]
    after = saved_files(folder)
    assert {k: after.get(k) for k in kept if "b" * 64 not in k and "c" * 64 not in k} == {
        k: v for k, v in kept.items() if "b" * 64 not in k and "c" * 64 not in k
    }
    ws = open_workspace(folder.root, clock=lambda: TODAY)  # the journal was emptied
    try:
        assert ws.recovered is None
        with ws.database.session() as session:
            from swdesk.storage.references import journaled

            assert journaled(session) == {"evidence": set(), "photos": set()}
    finally:
        ws.close()


KILLED_WRITER = textwrap.dedent("""
    import os, sys
    from datetime import date
    from decimal import Decimal
    from pathlib import Path
    from swdesk.domain.enums import ActivityType, ContentArea
    from swdesk.domain.models import Activity
    from swdesk.services.workspace import open_workspace
    from swdesk.storage import files

    root, step, proof = Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3])
    ws = open_workspace(root, clock=lambda: date(2026, 11, 28))
    pid = ws.profiles.list_profiles()[0].id
    real_commit = files.replace_durably

    def commit_then_die(temp, dest):
        if step == "before_rename":
            os._exit(9)
        real_commit(temp, dest)
        if step == "after_rename":
            os._exit(9)

    files.replace_durably = commit_then_die
    if step == "after_photo_switch":  # the new photo's row committed, the old one not removed
        from swdesk.services.profiles import ProfileDraft

        files.replace_durably = real_commit
        files.PhotoStore.remove_unreferenced = lambda self, names: os._exit(9)
        record = ws.profiles.get_record(pid)
        ws.profiles.update_profile(pid, ProfileDraft(
            record.practitioner, record.certificates[0], record.registrations[0],
            new_photo=proof))
    elif step == "after_delete_commit":
        files.EvidenceStore.remove_unreferenced = lambda self, names: os._exit(9)
        first = ws.activities.list_activities(pid)[0]
        ws.activities.delete_activity(first.id)
    else:
        ws.activities.save_activity(pid, Activity(
            "被中断的培训", "平凉市民政局", ActivityType.TRAINING, ContentArea.VALUES_ETHICS,
            date(2025, 3, 1), date(2025, 3, 2), Decimal(8)), [proof])
    os._exit(0)
""")


@pytest.mark.parametrize(
    "step", ["before_rename", "after_rename", "after_delete_commit", "after_photo_switch"]
)
def test_a_writer_killed_at_each_step_loses_nothing_saved(
    folder: DataLayout, tmp_path: Path, step: str
) -> None:
    new_proof = proof(tmp_path, "新证书.pdf", "killed")
    if step == "after_photo_switch":
        new_proof = tmp_path / "新照片.png"
        new_proof.write_bytes(portrait_png(11))
    before = saved_files(folder)
    ws = open_workspace(folder.root, clock=lambda: TODAY)
    try:
        pid = ws.profiles.list_profiles()[0].id
        saved_before = ws.activities.list_activities(pid)
    finally:
        ws.close()
    script = tmp_path / "writer.py"
    script.write_text(KILLED_WRITER, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, str(script), str(folder.root), step, str(new_proof)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(SRC)},
        check=False,
    )
    assert result.returncode == 9, result.stderr

    ws = open_workspace(folder.root, clock=lambda: TODAY)
    try:
        assert ws.recovered is None  # the journal proved every leftover garbage
        saved_now = ws.activities.list_activities(pid)
        in_use = {e.stored_name for a in saved_now for e in a.evidence}
        photo_now = ws.profiles.get_record(pid).practitioner.photo_file
    finally:
        ws.close()
    assert {p.name for p in folder.photos_dir.iterdir()} == {photo_now}
    names = {p.name for p in folder.evidence_dir.iterdir()}
    assert names == in_use  # the killed write's file is gone, every referenced one is there
    if step == "after_photo_switch":  # the old photo is gone, everything else kept
        assert saved_now == saved_before
        assert_kept_in_place(
            {k: v for k, v in before.items() if not k.startswith("photos")}, folder
        )
    elif step == "after_delete_commit":
        assert len(saved_now) == len(saved_before) - 1
        dropped = {e.stored_name for e in saved_before[0].evidence}
        assert_kept_in_place(
            {k: v for k, v in before.items() if not any(n in k for n in dropped)}, folder
        )
    else:
        assert saved_now == saved_before
        assert_kept_in_place(before, folder)


# -- restoring an automatic backup -------------------------------------------------------------


def test_restoring_an_automatic_backup_never_removes_a_file_the_damaged_database_used(
    folder: DataLayout, tmp_path: Path
) -> None:
    ws = open_workspace(folder.root, clock=lambda: TODAY)
    try:
        pid = ws.profiles.list_profiles()[0].id
        ws.activities.save_activity(
            pid, activity("备份之后的培训"), [proof(tmp_path, "备份之后.pdf", "later")]
        )
    finally:
        ws.close()
    only_in_damaged = {p.name: sha256(p) for p in folder.evidence_dir.iterdir()}
    before = saved_files(folder)
    data = bytearray(folder.database.read_bytes())
    data[:100] = b"\0" * 100
    folder.database.write_bytes(bytes(data))
    damaged = sha256(folder.database)

    newest = newest_restorable_backup(folder)
    assert newest is not None and newest.profiles == 1 and newest.activities == 2
    assert newest.files == 4  # three evidence files and the photo
    info = restore_automatic_backup(folder, newest.path)
    assert sha256(info.kept_aside / "swdesk.sqlite") == damaged
    ws = open_workspace(folder.root, clock=lambda: TODAY, sweep=False)
    ws.close()
    assert_kept_in_place(before, folder)
    ws = open_workspace(folder.root, clock=lambda: TODAY)  # a later start: moved, not deleted
    try:
        assert ws.recovered is not None and ws.recovered.evidence == 1
    finally:
        ws.close()
    assert set(only_in_damaged.values()) <= all_digests(folder.root)
    assert {k: v for k, v in before.items() if k.startswith("backups")}.items() <= saved_files(
        folder
    ).items()


def test_a_backup_of_an_empty_database_is_never_offered(tmp_path: Path) -> None:
    layout = DataLayout(tmp_path / "data")
    open_workspace(layout.root, clock=lambda: TODAY).close()
    layout.backups_dir.mkdir(exist_ok=True)
    empty_copy = layout.backups_dir / "swdesk-auto-20261201-080000.sqlite"
    with (
        closing(sqlite3.connect(layout.database)) as source,
        closing(sqlite3.connect(empty_copy)) as copy,
    ):
        source.backup(copy)
    assert newest_restorable_backup(layout) is None
