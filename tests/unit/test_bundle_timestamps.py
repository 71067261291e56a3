"""Times in bundles carry their UTC offset; format version 1 readers still take the naive
form that bundles written before that rule carry (docs/bundle-format.md §3)."""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path

import pytest
from test_bundle import GENERATOR, members

from swdesk.bundle import verify_bundle, write_bundle, writer
from swdesk.core.timestamps import aware, stamp

OFFSET = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$")


def test_a_naive_time_is_written_as_local_time_with_its_offset(tmp_path: Path) -> None:
    naive = datetime(2025, 3, 2, 10, 0, 5)
    info = write_bundle(
        tmp_path / "a.swdapp", members(tmp_path), created_at=naive, generator=GENERATOR
    )
    written = verify_bundle(info.path).manifest["created_at"]
    assert OFFSET.match(written), written
    assert datetime.fromisoformat(written) == naive.astimezone()
    assert written == naive.astimezone().isoformat(timespec="seconds")


def test_an_aware_time_keeps_its_offset() -> None:
    moment = datetime.fromisoformat("2025-03-02T10:00:05+08:00")
    assert aware(moment) is moment
    assert stamp(moment) == "2025-03-02T10:00:05+08:00"


def test_a_version_1_bundle_with_a_naive_time_is_still_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the writer before the offset rule: `created_at.isoformat(timespec="seconds")`
    monkeypatch.setattr(writer, "stamp", lambda value, timespec: value.isoformat(timespec=timespec))
    info = write_bundle(
        tmp_path / "old.swdapp",
        members(tmp_path),
        created_at=datetime(2025, 3, 2, 10, 0, 5),
        generator=GENERATOR,
    )
    manifest = json.loads(verify_bundle(info.path).read_member("manifest.json"))
    assert manifest["created_at"] == "2025-03-02T10:00:05"
    assert verify_bundle(info.path).bundle_id == info.bundle_id
