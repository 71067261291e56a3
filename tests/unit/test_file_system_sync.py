"""Making many files durable at once: one syncfs of their file system on Linux 5.8 and later
(`core.file_system_sync`), an fsync of each elsewhere or when syncfs is refused, and
`datafiles.sync_files` choosing between them. The durability itself is the kernel's; what
is checked here is which calls are made, and that a failure is never taken for success."""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from swdesk.core import datafiles, file_system_sync
from swdesk.core.file_system_sync import Unsupported, sync_file_systems

LINUX = sys.platform.startswith("linux")


def _files(folder: Path, count: int) -> list[Path]:
    paths = []
    for index in range(count):
        path = folder / f"copy-{index}.bin"
        path.write_bytes(os.urandom(4096))
        paths.append(path)
    return paths


def _recording_fsync(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    synced: list[int] = []
    real = os.fsync

    def fsync(fd: int) -> None:
        synced.append(fd)
        real(fd)

    monkeypatch.setattr(datafiles.os, "fsync", fsync)
    return synced


def _fake_syncfs(
    monkeypatch: pytest.MonkeyPatch, result: int
) -> list[int]:  # the devices it was called for
    devices: list[int] = []

    def call(fd: int) -> int:
        devices.append(os.fstat(fd).st_dev)
        return result

    monkeypatch.setattr(file_system_sync, "_libc_syncfs", lambda: call)
    monkeypatch.setattr(datafiles.file_system_sync, "available", lambda: True)
    return devices


@pytest.mark.skipif(not LINUX, reason="syncfs is Linux's")
def test_the_real_syncfs_runs_on_this_linux(tmp_path: Path) -> None:
    if not file_system_sync.available():
        pytest.skip("a Linux before 5.8 or without syncfs in its C library")
    sync_file_systems(_files(tmp_path, 3))  # no error: written back and flushed


def test_several_files_on_one_file_system_take_one_syncfs_and_no_fsync(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    devices = _fake_syncfs(monkeypatch, 0)
    synced = _recording_fsync(monkeypatch)
    datafiles.sync_files(_files(tmp_path, 5))
    assert devices == [tmp_path.stat().st_dev]
    assert synced == []


def test_one_file_is_fsynced_itself(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    devices = _fake_syncfs(monkeypatch, 0)
    synced = _recording_fsync(monkeypatch)
    datafiles.sync_files(_files(tmp_path, 1))
    assert devices == [] and len(synced) == 1


@pytest.mark.parametrize("refusal", [errno.ENOSYS, errno.EPERM])
def test_a_refused_syncfs_falls_back_to_an_fsync_of_each_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, refusal: int
) -> None:
    _fake_syncfs(monkeypatch, refusal)
    synced = _recording_fsync(monkeypatch)
    datafiles.sync_files(_files(tmp_path, 4))
    assert len(synced) == 4


@pytest.mark.parametrize("failure", [errno.EIO, errno.ENOSPC])  # ENOSPC: worded "disk full"
def test_a_write_back_error_is_raised_not_taken_for_success(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failure: int
) -> None:
    _fake_syncfs(monkeypatch, failure)
    synced = _recording_fsync(monkeypatch)
    with pytest.raises(OSError) as raised:
        datafiles.sync_files(_files(tmp_path, 3))
    assert raised.value.errno == failure and not isinstance(raised.value, Unsupported)
    assert synced == []  # no fallback that could hide it


def test_without_syncfs_each_file_is_fsynced(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(datafiles.file_system_sync, "available", lambda: False)
    synced = _recording_fsync(monkeypatch)
    datafiles.sync_files(_files(tmp_path, 6))
    assert len(synced) == 6


def test_no_c_library_syncfs_is_unsupported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(file_system_sync, "_libc_syncfs", lambda: None)
    with pytest.raises(Unsupported):
        sync_file_systems(_files(tmp_path, 2))


@pytest.mark.parametrize(
    ("release", "version"),
    [
        ("6.1.0-18-amd64", (6, 1)),
        ("5.8.0", (5, 8)),
        ("5.4.0-150-generic", (5, 4)),
        ("4.19.0+", (4, 19)),
        ("weird", (0, 0)),
        ("", (0, 0)),
    ],
)
def test_kernel_versions_are_read_from_the_release(release: str, version: tuple[int, int]) -> None:
    assert file_system_sync._kernel_version(release) == version


@pytest.mark.parametrize(
    ("platform", "release", "libc", "expected"),
    [
        ("linux", "6.1.0", True, True),
        ("linux", "5.8.0", True, True),
        ("linux", "5.4.0", True, False),  # syncfs there reports no write-back error
        ("linux", "6.1.0", False, False),
        ("win32", "10", True, False),
        ("darwin", "23.1.0", True, False),
    ],
)
@pytest.mark.skipif(not hasattr(os, "uname"), reason="os.uname is POSIX's")
def test_available_only_on_a_linux_that_reports_errors(
    monkeypatch: pytest.MonkeyPatch, platform: str, release: str, libc: bool, expected: bool
) -> None:
    call: Callable[[int], int] | None = (lambda fd: 0) if libc else None
    monkeypatch.setattr(file_system_sync.sys, "platform", platform)
    monkeypatch.setattr(
        file_system_sync.os, "uname", lambda: os.uname_result(("", "", release, "", ""))
    )
    monkeypatch.setattr(file_system_sync, "_libc_syncfs", lambda: call)
    file_system_sync.available.cache_clear()
    try:
        assert file_system_sync.available() is expected
    finally:
        file_system_sync.available.cache_clear()
