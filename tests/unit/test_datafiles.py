"""The data folder's atomic writer: a block that raises leaves the target as it was and
no temporary file; one that ends replaces the target whole."""

from __future__ import annotations

from pathlib import Path

import pytest

from swdesk.core.datafiles import atomic_output, is_temp_name, temp_output


def test_a_finished_block_replaces_the_target(tmp_path: Path) -> None:
    target = tmp_path / "settings.ini"
    target.write_bytes(b"old")
    with atomic_output(target) as out:
        out.write(b"new")
        assert target.read_bytes() == b"old"  # nothing visible until the block ends
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["settings.ini"]


def test_a_block_that_raises_keeps_the_target_and_leaves_no_temporary_file(
    tmp_path: Path,
) -> None:
    target = tmp_path / "settings.ini"
    target.write_bytes(b"old")
    with pytest.raises(RuntimeError), atomic_output(target) as out:
        out.write(b"half")
        raise RuntimeError("stopped half-way")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["settings.ini"]


def test_temp_output_keeps_its_file_for_the_caller_to_rename(tmp_path: Path) -> None:
    with temp_output(tmp_path) as (out, temp):
        out.write(b"copy")
    assert temp.read_bytes() == b"copy"
    assert is_temp_name(temp.name)
    with pytest.raises(KeyError), temp_output(tmp_path) as (_out, second):
        raise KeyError("refused")
    assert not second.exists()
