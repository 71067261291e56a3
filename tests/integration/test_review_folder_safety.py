"""The reviewer folder never loses a stored bundle, whatever happened to its database.

Each case builds the state a user can end up in (the database missing, empty, truncated,
replaced by another office's or an older copy; the database or the folder read-only; the
disk full while importing or opening; a crash between an import's commit and its rename)
beside real stored bundles, opens or sets up the office the way the user would, and checks
that every stored bundle file is still there byte for byte, in `bundles/` or moved to
`recovered/<day>/`, and that the user is told what happened with the right code. The sweep
still removes what the database proves is garbage (an import that never committed, a
deletion that committed before its file went).
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from typing import Any

import pytest
from review_samples import PASSWORD, TODAY, SampleBundles, make_office, trust_each_other
from sqlalchemy import event

from cli_runner import CliResult, run_cli
from full_disk import files_fill_up_after, no_room
from swdesk.database.engine import Database
from swdesk.domain.errors import UserFixableError
from swdesk.services.review import (
    ReviewWorkspace,
    init_review_workspace,
    open_review_workspace,
    review_folder_state,
    review_root,
)
from swdesk.services.review.folder_bundle_store import FolderBundleStore
from swdesk.storage import files

Files = dict[str, str]  # relative path -> sha256 of the bytes


def reopen(root: Path) -> ReviewWorkspace:
    return open_review_workspace(root, PASSWORD, clock=lambda: TODAY)


def digests(folder: Path) -> Files:
    """Every file below `folder` (relative path -> sha256)."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def bundle_files(root: Path) -> Files:
    return digests(root / "bundles")


def assert_kept(root: Path, before: Files) -> None:
    """Every bundle file of `before` is in bundles/ or somewhere under recovered/, with the
    same bytes."""
    now = bundle_files(root)
    recovered = (
        {Path(name).name: sha for name, sha in digests(root / "recovered").items()}
        if (root / "recovered").is_dir()
        else {}
    )
    for name, sha in before.items():
        assert now.get(name) == sha or recovered.get(name) == sha, f"{name} lost or changed"


def office_with_bundles(root: Path, sample_bundles: SampleBundles, count: int = 3) -> Files:
    """A city office that imported `count` bundles (closed); their stored files."""
    ws = make_office(root)
    try:
        report = ws.service.import_files(list(sample_bundles.ordinary[:count]))
        assert report.counts()["imported"] == count, report
    finally:
        ws.close()
    stored = bundle_files(root)
    assert len(stored) == count
    return stored


def remove_database(root: Path) -> None:
    for name in ("review.sqlite", "review.sqlite-wal", "review.sqlite-shm"):
        (root / name).unlink(missing_ok=True)


def new_office(root: Path, **kwargs: Any) -> ReviewWorkspace:
    return init_review_workspace(
        root,
        office_name="平凉市民政局",
        region="620800",
        level="city",
        rule_pack_id="gansu",
        password=PASSWORD,
        clock=lambda: TODAY,
        **kwargs,
    )


# -- the database missing, empty, truncated ------------------------------------------------


@pytest.mark.parametrize("damage", ["missing", "empty"])
def test_a_lost_database_is_never_taken_for_a_new_folder(
    sample_bundles: SampleBundles, tmp_path: Path, damage: str
) -> None:
    root = review_root(tmp_path / "data")
    stored = office_with_bundles(root, sample_bundles)
    remove_database(root)
    if damage == "empty":
        (root / "review.sqlite").write_bytes(b"")

    with pytest.raises(UserFixableError) as opened:
        reopen(root)
    assert opened.value.code == "review_database_missing"
    assert opened.value.params == {"path": str(root), "bundles": 3, "backups": 0}
    # what the old message suggested: set the office up again. Refused, nothing touched.
    with pytest.raises(UserFixableError) as again:
        new_office(root)
    assert again.value.code == "review_data_without_database"
    assert again.value.params == {"path": str(root), "bundles": 3, "backups": 0}
    assert bundle_files(root) == stored
    assert (root / "review.sqlite").exists() == (damage == "empty")
    assert review_folder_state(root).data_without_database


def test_a_truncated_database_is_damaged_and_nothing_is_swept(
    sample_bundles: SampleBundles, tmp_path: Path
) -> None:
    root = review_root(tmp_path / "data")
    stored = office_with_bundles(root, sample_bundles)
    db_path = root / "review.sqlite"
    data = db_path.read_bytes()
    db_path.write_bytes(data[: len(data) // 3])
    (root / "bundles" / ".swdesk-halfcopy.tmp").write_bytes(b"a copy, maybe committed")

    with pytest.raises(UserFixableError) as opened:
        reopen(root)
    assert opened.value.code == "review_database_damaged"
    assert opened.value.params["path"] == str(db_path)
    assert opened.value.params["folder"] == str(root)
    with pytest.raises(UserFixableError) as again:
        new_office(root)
    assert again.value.code == "review_database_damaged"
    assert bundle_files(root) == {
        **stored,
        ".swdesk-halfcopy.tmp": hashlib.sha256(b"a copy, maybe committed").hexdigest(),
    }
    assert db_path.read_bytes() == data[: len(data) // 3]


def test_old_files_are_set_aside_only_when_asked_and_never_deleted(
    sample_bundles: SampleBundles, tmp_path: Path
) -> None:
    root = review_root(tmp_path / "data")
    stored = office_with_bundles(root, sample_bundles)
    (root / "backups").mkdir(exist_ok=True)
    (root / "backups" / "swdesk-before-r0003-20261120.sqlite").write_bytes(b"SQLite backup")
    db_path = root / "review.sqlite"
    db_path.write_bytes(db_path.read_bytes()[:4096])  # damaged
    damaged = hashlib.sha256(db_path.read_bytes()).hexdigest()
    before = digests(root)

    ws = new_office(root, keep_old_files_aside=True)
    try:
        aside = root / "recovered" / TODAY.isoformat()
        assert ws.set_aside == aside
        assert ws.service.queue_count() == 0 and ws.recovered == ()
        assert bundle_files(root) == {}
    finally:
        ws.close()
    kept = digests(aside)
    assert {name: kept[f"bundles/{name}"] for name in stored} == stored
    assert (
        kept["backups/swdesk-before-r0003-20261120.sqlite"]
        == before["backups/swdesk-before-r0003-20261120.sqlite"]
    )
    assert kept["review.sqlite"] == damaged
    # the new office opens normally afterwards, and the set-aside files stay where they are
    reopen(root).close()
    assert digests(aside) == kept


# -- the database replaced by another one ----------------------------------------------------


def test_a_replaced_database_moves_unknown_bundles_to_recovered(
    sample_bundles: SampleBundles, tmp_path: Path
) -> None:
    root = review_root(tmp_path / "data")
    ws = make_office(root)
    try:
        ws.service.import_files([sample_bundles.ordinary[0]])
        ws.close()
        older = tmp_path / "review-copy.sqlite"  # the user's copy of the database, now
        with (
            closing(sqlite3.connect(root / "review.sqlite")) as source,
            closing(sqlite3.connect(older)) as copy,
        ):
            source.backup(copy)
        ws = reopen(root)
        ws.service.import_files(list(sample_bundles.ordinary[1:3]))
    finally:
        ws.close()
    stored = bundle_files(root)
    assert len(stored) == 3
    remove_database(root)
    shutil.copy(older, root / "review.sqlite")  # the copy restored: two imports unknown

    ws = reopen(root)
    try:
        folder = root / "recovered" / TODAY.isoformat()
        assert ws.recovered_folder == folder
        assert len(ws.recovered) == 2
        assert ws.service.queue_count() == 1
        remaining = bundle_files(root)
        assert len(remaining) == 1 and ws.service.bundle_path(1).name in remaining
    finally:
        ws.close()
    assert {name: digests(folder)[name] for name in ws.recovered} == {
        name: stored[name] for name in ws.recovered
    }
    assert_kept(root, stored)
    ws = reopen(root)  # nothing more to move the next time
    try:
        assert ws.recovered == () and ws.recovered_folder is None
    finally:
        ws.close()


def test_a_replaced_database_keeps_the_old_backups_that_may_restore_it(
    sample_bundles: SampleBundles, tmp_path: Path
) -> None:
    """The retention purge removes old database backups; not at an opening that found
    files its database does not know (one of those backups may be the way back)."""
    root = review_root(tmp_path / "data")
    stored = office_with_bundles(root, sample_bundles)
    other = review_root(tmp_path / "other")
    make_office(other).close()
    remove_database(root)
    shutil.copy(other / "review.sqlite", root / "review.sqlite")
    (root / "backups").mkdir(exist_ok=True)
    old = root / "backups" / "swdesk-before-review-r0003-20250101.sqlite"
    old.write_bytes(b"SQLite format 3\x00 the old office")
    long_ago = time.time() - 400 * 86400
    os.utime(old, (long_ago, long_ago))

    ws = reopen(root)
    try:
        assert len(ws.recovered) == 3 and ws.purged.backups_removed == 0
    finally:
        ws.close()
    assert old.read_bytes() == b"SQLite format 3\x00 the old office"
    assert_kept(root, stored)


def test_another_office_database_keeps_every_bundle(
    sample_bundles: SampleBundles, tmp_path: Path
) -> None:
    root = review_root(tmp_path / "data")
    stored = office_with_bundles(root, sample_bundles)
    other = review_root(tmp_path / "other")
    make_office(other, name="静宁县民政局", level="county", region="620826").close()
    remove_database(root)
    shutil.copy(other / "review.sqlite", root / "review.sqlite")

    ws = reopen(root)
    try:
        assert sorted(ws.recovered) == sorted(stored)
        assert bundle_files(root) == {}
    finally:
        ws.close()
    assert_kept(root, stored)


# -- the journal still proves garbage ---------------------------------------------------------


def test_a_commit_before_the_rename_is_finished_at_opening(
    sample_bundles: SampleBundles, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = review_root(tmp_path / "data")
    ws = make_office(root)
    try:
        with monkeypatch.context() as patch:  # the process dies right after the commit
            patch.setattr(FolderBundleStore, "after_commit", lambda self, staged: None)
            report = ws.service.import_files(list(sample_bundles.ordinary[:2]))
        assert report.counts()["imported"] == 2
        copies = [p.name for p in (root / "bundles").iterdir()]
        assert len(copies) == 2 and all(name.startswith(".swdesk-") for name in copies)
    finally:
        ws.close()
    (root / "bundles" / ".swdesk-nevercommitted.tmp").write_bytes(b"an uncommitted copy")

    ws = reopen(root)
    try:
        names = sorted(ws.service.bundle_path(app_id).name for app_id in (1, 2))
        assert sorted(p.name for p in (root / "bundles").iterdir()) == names
        assert ws.service.member_bytes(1, "application.json")
        assert ws.recovered == ()
        with closing(sqlite3.connect(root / "review.sqlite")) as connection:
            assert connection.execute("SELECT count(*) FROM file_journal").fetchone() == (0,)
    finally:
        ws.close()


def test_a_deletion_journal_and_a_replaced_database(
    sample_bundles: SampleBundles, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A deletion whose files were not removed yet: the database that committed it removes
    them at opening; another database (no journal entry for them) only moves them aside."""
    root = review_root(tmp_path / "data")
    ws = make_office(root)
    try:
        ws.service.import_files(list(sample_bundles.ordinary[:2]))
        gone = ws.service.bundle_path(1).name
        copy = tmp_path / "after-deletion.sqlite"
        with monkeypatch.context() as patch:
            patch.setattr(FolderBundleStore, "after_unstore", lambda self, names: None)
            assert ws.service.delete_person(1) == 1
        with ws.database.engine.connect() as connection:
            driver = connection.connection.driver_connection
            assert driver is not None
            with closing(sqlite3.connect(copy)) as target:
                driver.backup(target)
    finally:
        ws.close()
    stored = bundle_files(root)
    assert gone in stored

    twin = tmp_path / "twin" / "review"  # the same folder with an unrelated database
    shutil.copytree(root, twin)
    remove_database(twin)
    other = review_root(tmp_path / "other")
    make_office(other).close()
    shutil.copy(other / "review.sqlite", twin / "review.sqlite")
    ws = reopen(twin)
    try:
        assert sorted(ws.recovered) == sorted(stored)
    finally:
        ws.close()
    assert_kept(twin, stored)

    ws = reopen(root)  # the database that committed the deletion
    try:
        assert gone not in bundle_files(root) and ws.recovered == ()
        assert len(bundle_files(root)) == 1
    finally:
        ws.close()


# -- read-only ---------------------------------------------------------------------------------


@contextmanager
def read_only_mount(path: Path) -> Iterator[None]:
    """`path` (a file or folder) bind-mounted read-only over itself (root on Linux)."""
    if not sys.platform.startswith("linux") or os.geteuid() != 0 or not shutil.which("mount"):
        pytest.skip("a read-only bind mount needs root on Linux")
    result = subprocess.run(
        ["mount", "--bind", str(path), str(path)], capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        pytest.skip(f"cannot bind-mount here: {result.stderr.strip()}")
    try:
        remount = subprocess.run(
            ["mount", "-o", "remount,ro,bind", str(path)],
            capture_output=True,
            text=True,
            check=False,
        )
        if remount.returncode != 0:
            pytest.skip(f"cannot remount read-only here: {remount.stderr.strip()}")
        yield
    finally:
        if subprocess.run(["umount", str(path)], check=False).returncode != 0:
            subprocess.run(["umount", "-l", str(path)], check=False)


@pytest.mark.parametrize("what", ["database", "folder"])
def test_a_read_only_database_or_folder_says_so(
    sample_bundles: SampleBundles, tmp_path: Path, what: str
) -> None:
    root = review_root(tmp_path / "data")
    stored = office_with_bundles(root, sample_bundles)
    before = digests(root)
    with read_only_mount(root / "review.sqlite" if what == "database" else root):
        with pytest.raises(UserFixableError) as opened:
            reopen(root)
        assert opened.value.code == "review_read_only"
        with pytest.raises(UserFixableError) as again:
            new_office(root)
        assert again.value.code in ("review_read_only", "review_already_initialised")
    assert bundle_files(root) == stored
    assert digests(root)["review.sqlite"] == before["review.sqlite"]


@contextmanager
def connections_with(monkeypatch: pytest.MonkeyPatch, *pragmas: str) -> Iterator[None]:
    """Every reviewer database opened inside the block runs `pragmas` on each connection
    (after swdesk's own): how a read-only or full database file behaves, injected."""
    real_open = Database.open.__func__  # type: ignore[attr-defined]

    def open_with(cls: type[Database], db_path: Path) -> Database:
        database = real_open(cls, db_path)

        @event.listens_for(database.engine, "connect")
        def _limit(dbapi_connection: sqlite3.Connection, _record: Any) -> None:
            for pragma in pragmas:
                pages = dbapi_connection.execute("PRAGMA page_count").fetchone()[0]
                dbapi_connection.execute(pragma.format(pages=pages))

        return database

    with monkeypatch.context() as patch:
        patch.setattr(Database, "open", classmethod(open_with))
        yield


@contextmanager
def commits_fail() -> Iterator[None]:
    """Inside the block, the COMMIT of every transaction that wrote something fails the
    way SQLite's does on a full disk; reads still work (every engine, also those opened
    inside the block)."""
    from sqlalchemy.dialects.sqlite.pysqlite import SQLiteDialect_pysqlite

    real_commit = SQLiteDialect_pysqlite.do_commit

    def do_commit(self: Any, pooled: Any) -> None:
        if (
            pooled.dbapi_connection.in_transaction
            and pooled.dbapi_connection.total_changes != getattr(pooled, "_h1r_changes", -1)
        ):
            raise sqlite3.OperationalError("database or disk is full")
        real_commit(self, pooled)

    def remember(self: Any, pooled: Any) -> None:
        pooled._h1r_changes = pooled.dbapi_connection.total_changes
        real_begin(self, pooled)

    real_begin = SQLiteDialect_pysqlite.do_begin
    SQLiteDialect_pysqlite.do_commit = do_commit  # type: ignore[method-assign]
    SQLiteDialect_pysqlite.do_begin = remember  # type: ignore[method-assign]
    try:
        yield
    finally:
        SQLiteDialect_pysqlite.do_commit = real_commit  # type: ignore[method-assign]
        SQLiteDialect_pysqlite.do_begin = real_begin  # type: ignore[method-assign]


@pytest.mark.parametrize("fault", ["read-only", "full"])
def test_opening_on_a_read_only_or_full_database_is_refused_cleanly(
    sample_bundles: SampleBundles, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fault: str
) -> None:
    root = review_root(tmp_path / "data")
    stored = office_with_bundles(root, sample_bundles)
    injected = (
        connections_with(monkeypatch, "PRAGMA query_only = ON")
        if fault == "read-only"
        else commits_fail()
    )  # SQLITE_READONLY / SQLITE_FULL
    with injected, pytest.raises(UserFixableError) as opened:
        reopen(root)
    assert opened.value.code == {"read-only": "review_read_only", "full": "disk_full"}[fault]
    assert opened.value.params["path"] == str(root / "review.sqlite")
    assert bundle_files(root) == stored
    reopen(root).close()  # and with the disk back, the office opens


# -- disk full ---------------------------------------------------------------------------------


def test_a_full_reviewer_folder_is_disk_full_per_bundle(
    sample_bundles: SampleBundles, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = review_root(tmp_path / "data")
    stored = office_with_bundles(root, sample_bundles, count=1)
    ws = reopen(root)
    try:
        with monkeypatch.context() as patch:  # every new file takes 4 KB, then ENOSPC
            files_fill_up_after(patch, 4096)
            report = ws.service.import_files(list(sample_bundles.all[1:]))
        assert {(e.status, e.code) for e in report.entries} == {("refused", "disk_full")}
        assert all(e.params["file"] == Path(e.file).name for e in report.entries)
        assert bundle_files(root) == stored  # no partial copy left behind
        with monkeypatch.context() as patch:  # not even an empty file fits
            patch.setattr("tempfile.mkstemp", no_room)
            report = ws.service.import_files([sample_bundles.late])
        assert [(e.status, e.code) for e in report.entries] == [("refused", "disk_full")]
        # with room again, the same files import
        assert ws.service.import_files([sample_bundles.late]).counts()["imported"] == 1
    finally:
        ws.close()


@pytest.mark.parametrize(
    ("error", "code"), [(errno.EROFS, "review_read_only"), (errno.ENOSPC, "disk_full")]
)
def test_a_province_folder_that_cannot_take_a_forward_package_says_why(
    sample_bundles: SampleBundles,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    error: int,
    code: str,
) -> None:
    """The forward package is readable; the province's bundles folder takes no new file."""
    city = make_office(review_root(tmp_path / "city"))
    province = make_office(
        review_root(tmp_path / "province"), level="province", name="甘肃省民政厅", region="620000"
    )
    try:
        trust_each_other(city, province, tmp_path)
        app_id = city.service.import_files([sample_bundles.ordinary[0]]).entries[0]
        assert app_id.application_id is not None
        city.service.decide([app_id.application_id], "approved")
        (tmp_path / "out").mkdir(exist_ok=True)
        forward = next(
            p for p in city.service.export_decisions(tmp_path / "out") if p.suffix == ".swdfwd"
        )

        def refused(*_args: object, **kwargs: object) -> tuple[int, str]:
            folder = Path(str(kwargs.get("dir", "")))
            raise OSError(error, os.strerror(error), str(folder / ".swdesk-x.tmp"))

        with monkeypatch.context() as patch:
            patch.setattr("tempfile.mkstemp", refused)
            entry = province.service.import_files([forward]).entries[0]
        assert (entry.status, entry.code, entry.params["file"]) == ("refused", code, forward.name)
        assert province.service.import_files([forward]).counts()["imported"] == 1
    finally:
        city.close()
        province.close()


def test_a_read_only_bundles_folder_is_read_only_per_bundle(
    sample_bundles: SampleBundles, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = review_root(tmp_path / "data")
    ws = make_office(root)
    try:

        def read_only(*_args: object, **_kwargs: object) -> tuple[int, str]:
            raise OSError(errno.EROFS, os.strerror(errno.EROFS))

        with monkeypatch.context() as patch:
            patch.setattr("tempfile.mkstemp", read_only)
            report = ws.service.import_files(list(sample_bundles.ordinary[:2]))
        assert {(e.status, e.code) for e in report.entries} == {("refused", "review_read_only")}
        assert {e.params["folder"] for e in report.entries} == {str(root)}
    finally:
        ws.close()


def test_an_unreadable_bundle_is_still_unreadable(
    sample_bundles: SampleBundles, tmp_path: Path
) -> None:
    root = review_root(tmp_path / "data")
    ws = make_office(root)
    try:
        entry = ws.service.import_files([tmp_path / "不存在.swdapp"]).entries[0]
        assert (entry.status, entry.code) == ("refused", "bundle_unreadable")
    finally:
        ws.close()


def test_opening_a_full_folder_says_disk_full(
    sample_bundles: SampleBundles, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = review_root(tmp_path / "data")
    stored = office_with_bundles(root, sample_bundles)

    def no_room(*_args: object, **_kwargs: object) -> tuple[int, str]:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    with monkeypatch.context() as patch:
        patch.setattr(files.tempfile, "mkstemp", no_room)
        with pytest.raises(UserFixableError) as opened:
            reopen(root)
    assert opened.value.code == "disk_full"
    assert bundle_files(root) == stored


def test_an_import_whose_commit_fails_leaves_no_copy(
    sample_bundles: SampleBundles, tmp_path: Path
) -> None:
    root = review_root(tmp_path / "data")
    stored = office_with_bundles(root, sample_bundles, count=1)
    ws = reopen(root)
    try:
        with commits_fail():
            report = ws.service.import_files(list(sample_bundles.ordinary[1:3]))
        assert {(e.status, e.code) for e in report.entries} == {("refused", "disk_full")}
        assert bundle_files(root) == stored  # the copies went: their entries never committed
        assert ws.service.queue_count() == 1
    finally:
        ws.close()


# -- the command line --------------------------------------------------------------------------


def swdesk(*args: str) -> CliResult:
    return run_cli("review", *args, env={"SWDESK_REVIEW_PASSWORD": PASSWORD})


def test_the_command_line_refuses_and_sets_aside_explicitly(
    sample_bundles: SampleBundles, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    root = review_root(data)
    stored = office_with_bundles(root, sample_bundles)
    remove_database(root)
    init = [
        "init",
        "--data-dir",
        str(data),
        "--office",
        "平凉市民政局",
        "--region",
        "620800",
        "--level",
        "city",
    ]

    listed = swdesk("list", "--data-dir", str(data))
    assert listed.returncode == 1 and listed.stdout == ""
    assert (
        listed.stderr == "error: review_database_missing: the review folder holds saved "
        f"files but no database; backups=0 bundles=3 path={root}\n"
    )
    again = swdesk(*init)
    assert again.returncode == 1
    assert again.stderr.startswith("error: review_data_without_database: ")
    assert "Traceback" not in again.stderr and bundle_files(root) == stored

    aside = swdesk(*init, "--keep-old-files-aside")
    assert aside.returncode == 0, aside.stderr
    lines = aside.stdout.splitlines()
    set_aside = Path(next(line for line in lines if line.startswith("set_aside")).split("\t")[1])
    assert set_aside.parent == root / "recovered"  # recovered/<today>, the real day
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", set_aside.name)
    assert {name: sha for name, sha in digests(set_aside / "bundles").items()} == stored


def test_the_command_line_tells_of_recovered_files(
    sample_bundles: SampleBundles, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    root = review_root(data)
    stored = office_with_bundles(root, sample_bundles)
    other = review_root(tmp_path / "other")
    make_office(other).close()
    remove_database(root)
    shutil.copy(other / "review.sqlite", root / "review.sqlite")

    result = swdesk("list", "--data-dir", str(data))
    assert result.returncode == 0, result.stderr
    notice = result.stderr.splitlines()
    assert len(notice) == 1 and notice[0].startswith(
        "notice: review_files_recovered count=3 folder="
    )
    assert_kept(root, stored)


def test_the_command_line_on_a_damaged_or_read_only_database(
    sample_bundles: SampleBundles, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    root = review_root(data)
    stored = office_with_bundles(root, sample_bundles)
    with read_only_mount(root / "review.sqlite"):
        result = swdesk("list", "--data-dir", str(data))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("error: review_read_only: ")
    assert f"path={root / 'review.sqlite'}" in result.stderr
    db_path = root / "review.sqlite"
    db_path.write_bytes(db_path.read_bytes()[:5000])
    result = swdesk("import", "--data-dir", str(data), str(sample_bundles.late))
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("error: review_database_damaged: ")
    assert f"path={db_path}" in result.stderr
    assert bundle_files(root) == stored
