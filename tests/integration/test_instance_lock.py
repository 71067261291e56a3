"""Instance lock: a second process is refused while the lock is held, and not after."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from swdesk.storage.instance_lock import AlreadyRunning, acquire_instance_lock

TRY_LOCK = """
import sys
from pathlib import Path
from swdesk.storage.instance_lock import AlreadyRunning, acquire_instance_lock
try:
    lock = acquire_instance_lock(Path(sys.argv[1]))
except AlreadyRunning as exc:
    print(exc.code, exc.params["path"])
    sys.exit(3)
lock.close()
print("acquired")
"""


def try_lock_in_subprocess(data_dir: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", TRY_LOCK, str(data_dir)],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_second_process_is_refused_while_held(tmp_path: Path) -> None:
    data_dir = tmp_path / "数据"
    lock = acquire_instance_lock(data_dir)
    try:
        assert lock.held
        result = try_lock_in_subprocess(data_dir)
        assert result.returncode == 3, result.stderr
        assert result.stdout.split() == ["already_running", str(data_dir / "swdesk.lock")]
    finally:
        lock.close()
    assert not lock.held


def test_lock_is_free_again_after_close(tmp_path: Path) -> None:
    acquire_instance_lock(tmp_path).close()
    result = try_lock_in_subprocess(tmp_path)
    assert (result.returncode, result.stdout.strip()) == (0, "acquired"), result.stderr


def test_context_exit_releases(tmp_path: Path) -> None:
    with acquire_instance_lock(tmp_path) as lock:
        assert lock.held
        assert try_lock_in_subprocess(tmp_path).returncode == 3
    assert try_lock_in_subprocess(tmp_path).returncode == 0


def test_already_running_is_user_fixable(tmp_path: Path) -> None:
    error = AlreadyRunning(tmp_path / "swdesk.lock")
    assert error.code == "already_running"
    with pytest.raises(AlreadyRunning):
        raise error


def test_second_lock_in_the_same_process_is_refused(tmp_path: Path) -> None:
    with acquire_instance_lock(tmp_path), pytest.raises(AlreadyRunning):
        acquire_instance_lock(tmp_path)
