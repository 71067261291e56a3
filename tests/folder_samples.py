"""Data folders for tests that need a saved folder on disk: the demo people in a folder that
is closed again, a database damaged on one page, and a database file made read-only while
its folder stays writable.

`FolderTemplates` builds a folder that is slow to make (the demo people with their photos
and evidence, an exported application, offices with their keys) once per test session and
copies it for every test that asks: each test still gets its own files to change."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import pytest

from swdesk.services.demo import populate_demo
from swdesk.services.workspace import open_workspace


class FolderTemplates:
    """Folders built once under `root` (a session's temporary folder) and copied per test.

    `copy(name, build, dest)`: the first call runs `build(folder)` on an empty folder, which
    must leave there everything the copies need, closed (no open database or lock); every
    call then copies it to `dest` with its file modes. One name stands for one recipe."""

    def __init__(self, root: Path) -> None:
        self._root = root

    def template(self, name: str, build: Callable[[Path], object]) -> Path:
        """The folder built by `build` (built on first use)."""
        template = self._root / name
        if not template.is_dir():
            partial = self._root / f"{name}.partial"
            if partial.exists():
                shutil.rmtree(partial)
            partial.mkdir()
            build(partial)
            partial.rename(template)  # a failed build is never taken for a template
        return template

    def copy(self, name: str, build: Callable[[Path], object], dest: Path) -> Path:
        """A fresh copy of the template `name` at `dest` (which must not exist yet)."""
        shutil.copytree(self.template(name, build), dest, symlinks=True)
        return dest

    def demo(self, dest: Path, today: date) -> Path:
        """A copy of `demo_folder(…, today)` at `dest`."""
        return self.copy(f"demo-{today.isoformat()}", lambda root: demo_folder(root, today), dest)


def demo_folder(root: Path, today: date) -> Path:
    """A data folder at `root` holding the demo people and their activities, closed again."""
    ws = open_workspace(root, clock=lambda: today)
    try:
        for _ in populate_demo(ws.profiles, ws.activities, today):
            pass
    finally:
        ws.close()
    return root


def damage_an_index_page(database: Path) -> None:
    """Make one index page of the (closed) `database` no b-tree page: SQLite opens the file,
    its integrity check reports it damaged."""
    with sqlite3.connect(database) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        root = connection.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'sqlite_autoindex_alembic_version_1'"
        ).fetchone()[0]
        page_size = connection.execute("PRAGMA page_size").fetchone()[0]
    content = bytearray(database.read_bytes())
    content[(root - 1) * page_size] = 0x00
    database.write_bytes(bytes(content))


@contextmanager
def made_read_only(path: Path) -> Iterator[Path]:
    """`path` read-only in a writable folder: chmod for a normal user; for root (who writes
    through any mode bits) a read-only bind mount of the file itself (skipped where the
    machine allows none)."""
    if os.geteuid() != 0:
        path.chmod(0o444)
        yield path
        path.chmod(0o644)
        return
    if (
        not shutil.which("mount")
        or subprocess.run(["mount", "--bind", str(path), str(path)], capture_output=True).returncode
        != 0
    ):
        pytest.skip("cannot bind-mount the database file here")
    try:
        if (
            subprocess.run(
                ["mount", "-o", "remount,bind,ro", str(path)], capture_output=True
            ).returncode
            != 0
        ):
            pytest.skip("cannot make the bind mount read-only here")
        yield path
    finally:
        if subprocess.run(["umount", str(path)], check=False).returncode != 0:
            subprocess.run(["umount", "-l", str(path)], check=False)
