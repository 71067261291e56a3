"""Durable writes: every file swdesk writes goes to a temporary name, is fsynced, then
renamed over its final name (and the folder fsynced), so a crash or a pulled USB stick
leaves the old file or the new one, never half of one. Files that must never replace
another (decision files, forward packages) get their name by a hard link instead of a
rename, with the same order: fsync, link, fsync of the folder.

A child process (crash_worker.py `writes`) runs a whole session, a practitioner and two
review offices exchanging every kind of file, and records with an audit hook each file
opened for writing, each rename and each fsync. SQLite's own files are written by SQLite
(WAL, synchronous=FULL: checked here on both databases) and are not in the record.
"""

from __future__ import annotations

import json
import re
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

import pytest

from swdesk.storage.database import Database

pytestmark = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="fds are traced to paths through /proc"
)

WORKER = Path(__file__).with_name("crash_worker.py")
TEMPORARY = re.compile(r"\.swdesk-.*\.tmp|\..+\.partial-.+")
LOCK = "swdesk.lock"
SQLITE = re.compile(r".*\.sqlite(-wal|-shm|-journal)?")


@pytest.fixture(scope="module")
def session(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[list[str]]]:
    root = tmp_path_factory.mktemp("session")
    result = subprocess.run(
        [sys.executable, str(WORKER), "writes", str(root)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return root.resolve(), json.loads(result.stdout.splitlines()[-1])


def test_every_file_is_written_under_a_temporary_name(
    session: tuple[Path, list[list[str]]],
) -> None:
    root, events = session
    renamed = {event[1]: event[2] for event in events if event[0] in ("rename", "link")}
    opened = [event[1] for event in events if event[0] == "open"]
    assert len(renamed) > 20  # evidence, photos, bundles, PDFs, keys, trust, decisions...
    for path in opened:
        name = Path(path).name
        if Path(path).is_dir() or name == LOCK:
            continue  # a folder opened to fsync it; the instance lock
        assert TEMPORARY.fullmatch(name), f"written in place: {path}"
        assert path in renamed or not Path(path).exists(), f"temporary file left: {path}"


def test_each_temporary_file_is_fsynced_before_its_rename_and_the_folder_after(
    session: tuple[Path, list[list[str]]],
) -> None:
    _, events = session
    for index, event in enumerate(events):
        if event[0] not in ("rename", "link"):
            continue
        source, target = event[1], event[2]
        before, after = events[:index], events[index + 1 :]
        assert ["fsync", source] in before, f"renamed without fsync: {target}"
        assert ["fsync", str(Path(target).parent)] in after, f"folder not fsynced: {target}"


def test_every_file_in_the_folders_arrived_by_rename(
    session: tuple[Path, list[list[str]]],
) -> None:
    root, events = session
    arrived = {event[2] for event in events if event[0] in ("rename", "link")}
    for path in root.rglob("*"):
        if path.is_dir() or path.parts[len(root.parts)] == "inputs":
            continue
        if (SQLITE.fullmatch(path.name) and "backups" not in path.parts) or path.name == LOCK:
            continue  # written by SQLite itself; the lock holds no data
        assert str(path) in arrived, f"not written through a rename: {path}"


@pytest.mark.parametrize("database", ["practitioner/swdesk.sqlite", "city/review/review.sqlite"])
def test_databases_use_wal_and_full_sync(
    session: tuple[Path, list[list[str]]], database: str
) -> None:
    root, _ = session
    db = Database.open(root / database)
    try:
        with db.engine.connect() as connection:
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert connection.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
    finally:
        db.dispose()
    with closing(sqlite3.connect(root / database)) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
