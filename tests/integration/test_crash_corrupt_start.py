"""A damaged database at start: detected as DatabaseCorrupt, and left exactly as it was.

The damage is done to a real data folder (the demo people with their activities): whole
pages in the middle of swdesk.sqlite overwritten with garbage (the header intact), or the
file cut short. Opening the folder must refuse it without writing a byte of the database or
of its write-ahead log, which may hold the last transactions and be needed for a rescue.
"""

from __future__ import annotations

import hashlib
import random
import shutil
import sqlite3
import struct
from collections.abc import Callable
from contextlib import closing
from datetime import date
from pathlib import Path

import pytest

import folder_samples
from swdesk.database.errors import DatabaseCorrupt
from swdesk.database.migrating import SQLITE_HEADER
from swdesk.paths import DataLayout
from swdesk.services.workspace import open_workspace
from swdesk.storage.migrate import prepare_database

TODAY = date(2026, 11, 28)
WAL_HEADER, WAL_FRAME_HEADER = 32, 24
EMPTY_SHA256 = hashlib.sha256(b"").hexdigest()


@pytest.fixture(scope="module")
def demo_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A data folder with the demo people, closed cleanly (no -wal left)."""
    root = folder_samples.demo_folder(tmp_path_factory.mktemp("demo") / "data", TODAY)
    assert not Path(f"{DataLayout(root).database}-wal").exists()
    return root


def digests(folder: Path) -> dict[str, str]:
    """SHA-256 of the database and its write-ahead log (the -shm index is SQLite's scratch
    space, rebuilt by any reader, so it is not part of the data)."""
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.glob("swdesk.sqlite*"))
        if not p.name.endswith("-shm")
    }


def assert_unchanged(before: dict[str, str], after: dict[str, str]) -> None:
    """Byte for byte; a read-only look at a WAL database may only add an EMPTY -wal."""
    added = {name: digest for name, digest in after.items() if name not in before}
    assert added in ({}, {"swdesk.sqlite-wal": EMPTY_SHA256})
    assert {name: after.get(name) for name in before} == before


def page_size(db_path: Path) -> int:
    size = int.from_bytes(db_path.read_bytes()[16:18], "big")
    return 65536 if size == 1 else size


def pages_in_wal(wal_path: Path, size: int) -> set[int]:
    """The page numbers the write-ahead log holds a newer copy of."""
    data = wal_path.read_bytes() if wal_path.exists() else b""
    pages, offset = set(), WAL_HEADER
    while offset + WAL_FRAME_HEADER + size <= len(data):
        pages.add(struct.unpack(">I", data[offset : offset + 4])[0])
        offset += WAL_FRAME_HEADER + size
    return pages


def garbage_in_the_middle(db_path: Path, seed: int) -> None:
    """Overwrite three whole pages in the middle of the file (never page 1, never a page
    the write-ahead log has a newer copy of) with random bytes."""
    size = page_size(db_path)
    data = bytearray(db_path.read_bytes())
    count = len(data) // size
    shadowed = pages_in_wal(Path(f"{db_path}-wal"), size)
    middle = [n for n in range(count // 2 - 3, count // 2 + 6) if n > 1 and n not in shadowed]
    rng = random.Random(seed)
    for number in middle[:3]:
        data[(number - 1) * size : number * size] = rng.randbytes(size)
    assert data[: len(SQLITE_HEADER)] == SQLITE_HEADER
    db_path.write_bytes(bytes(data))


def with_wal(source: Path, target: Path) -> None:
    """`target`: a copy of the folder as a crash leaves it, the last transactions only in
    swdesk.sqlite-wal (written by a connection that never checkpointed)."""
    shutil.copytree(source, target)
    db_path = DataLayout(target).database
    scratch = target.parent / f"{target.name}-writer"
    scratch.mkdir()
    shutil.copy(db_path, scratch / db_path.name)
    connection = sqlite3.connect(scratch / db_path.name, isolation_level=None)
    try:
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA wal_autocheckpoint = 0")
        connection.execute("UPDATE practitioners SET phone = '13800009999' WHERE id = 1")
        connection.execute(
            "UPDATE activities SET reflection_change = '崩溃前最后一笔' "
            "WHERE id = (SELECT max(id) FROM activities)"
        )
        for suffix in ("", "-wal"):  # copied while the writer is still open: its crash
            shutil.copy(f"{scratch / db_path.name}{suffix}", f"{db_path}{suffix}")
    finally:
        connection.close()
    assert pages_in_wal(Path(f"{db_path}-wal"), page_size(db_path))


def assert_refused_untouched(root: Path, opener: Callable[[Path], object]) -> None:
    layout = DataLayout(root)
    before, backups = digests(root), sorted(p.name for p in layout.backups_dir.iterdir())
    with pytest.raises(DatabaseCorrupt) as caught:
        opener(root)
    assert caught.value.code == "database_corrupt"
    assert caught.value.params["path"] == str(layout.database)
    assert caught.value.params["reason"] in ("quick_check", "unreadable")
    assert_unchanged(before, digests(root))
    assert sorted(p.name for p in layout.backups_dir.iterdir()) == backups
    with pytest.raises(DatabaseCorrupt):  # the same again: the folder's lock was released
        opener(root)
    assert_unchanged(before, digests(root))


def _open(root: Path) -> object:
    return open_workspace(root, clock=lambda: TODAY)


def _prepare(root: Path) -> object:
    layout = DataLayout(root)
    return prepare_database(layout.database, layout.backups_dir)


@pytest.mark.parametrize("opener", [_open, _prepare], ids=["open_workspace", "prepare"])
def test_garbage_pages_in_the_middle(
    demo_folder: Path, tmp_path: Path, opener: Callable[[Path], object]
) -> None:
    root = tmp_path / "data"
    shutil.copytree(demo_folder, root)
    garbage_in_the_middle(DataLayout(root).database, seed=1)
    assert_refused_untouched(root, opener)


@pytest.mark.parametrize("opener", [_open, _prepare], ids=["open_workspace", "prepare"])
def test_garbage_pages_with_the_last_transactions_in_the_wal(
    demo_folder: Path, tmp_path: Path, opener: Callable[[Path], object]
) -> None:
    root = tmp_path / "data"
    with_wal(demo_folder, root)
    # the crash state itself is healthy: a copy of it opens, with the last transactions
    healthy = tmp_path / "healthy"
    shutil.copytree(root, healthy)
    ws = open_workspace(healthy, clock=lambda: TODAY)
    try:
        assert ws.profiles.get_record(1).practitioner.phone == "13800009999"
    finally:
        ws.close()

    garbage_in_the_middle(DataLayout(root).database, seed=2)
    assert_refused_untouched(root, opener)
    assert f"{DataLayout(root).database.name}-wal" in digests(root)


def _cut_to_half_the_pages(data: bytes, size: int) -> bytes:
    return data[: (len(data) // size // 2) * size]


def _cut_inside_a_page(data: bytes, size: int) -> bytes:
    return data[: (len(data) // size // 2) * size + size // 3]


def _cut_after_the_first_page(data: bytes, size: int) -> bytes:
    return data[:size]


def _cut_inside_the_header(data: bytes, size: int) -> bytes:
    return data[:60]


@pytest.mark.parametrize(
    "cut",
    [_cut_to_half_the_pages, _cut_inside_a_page, _cut_after_the_first_page, _cut_inside_the_header],
)
def test_truncated_database(
    demo_folder: Path, tmp_path: Path, cut: Callable[[bytes, int], bytes]
) -> None:
    root = tmp_path / "data"
    shutil.copytree(demo_folder, root)
    db_path = DataLayout(root).database
    data = db_path.read_bytes()
    db_path.write_bytes(cut(data, page_size(db_path)))
    assert_refused_untouched(root, _open)


def test_the_undamaged_copy_still_opens(demo_folder: Path, tmp_path: Path) -> None:
    """The control: the same folder without damage opens and reads back every person."""
    root = tmp_path / "data"
    shutil.copytree(demo_folder, root)
    with closing(sqlite3.connect(DataLayout(root).database)) as connection:
        people = connection.execute("SELECT count(*) FROM practitioners").fetchone()[0]
    ws = open_workspace(root, clock=lambda: TODAY)
    try:
        assert len(ws.profiles.list_profiles()) == people == 5
    finally:
        ws.close()
