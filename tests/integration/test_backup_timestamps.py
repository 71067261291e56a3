"""A backup's `created_at` carries its UTC offset; a format version 1 backup written
before that rule (a naive local time) is still read and restored."""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path

import pytest
from test_backup import TODAY, rewrite_archive

from folder_samples import demo_folder
from swdesk.paths import DataLayout
from swdesk.services.backup import create_backup_file, restore_backup_file
from swdesk.storage.backup_file import read_backup_archive


@pytest.fixture(scope="module")
def backup(tmp_path_factory: pytest.TempPathFactory) -> Path:
    source = DataLayout(demo_folder(tmp_path_factory.mktemp("source") / "data", TODAY))
    dest = tmp_path_factory.mktemp("stick") / "demo.swdbak"
    create_backup_file(source, dest)
    return dest


def test_created_at_has_the_local_offset(backup: Path) -> None:
    created = read_backup_archive(backup).created_at
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", created), created
    parsed = datetime.fromisoformat(created)
    assert parsed.utcoffset() == parsed.astimezone().utcoffset()


def test_a_naive_created_at_of_an_older_backup_is_read_and_restored(
    backup: Path, tmp_path: Path
) -> None:
    old = tmp_path / "old.swdbak"

    def naive(members: dict[str, bytes]) -> dict[str, bytes]:
        manifest = json.loads(members["manifest.json"])
        manifest["created_at"] = "2026-11-28T09:30:00"
        return {**members, "manifest.json": json.dumps(manifest).encode()}

    rewrite_archive(backup, old, naive)
    assert read_backup_archive(old).created_at == "2026-11-28T09:30:00"
    target = DataLayout(demo_folder(tmp_path / "target", TODAY))
    info = restore_backup_file(target, old)
    assert info.created_at == "2026-11-28T09:30:00"
