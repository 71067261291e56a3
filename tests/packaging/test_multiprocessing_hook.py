"""The build's multiprocessing runtime hook runs PyInstaller's own hook in a worker or helper
copy of the program only (packaging/multiprocessing_hook.py). The built program's
--self-check proves the real thing: its reviewer step imports enough files for the import
to check them in worker processes, which fail without the hook."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "packaging"))

from multiprocessing_hook import children_only_hook, original_hook_source  # noqa: E402

# What PyInstaller's hook does, in short: load multiprocessing, replace freeze_support.
STAND_IN = """
def _pyi_rthook():
    import multiprocessing

    def _freeze_support():
        pass

    multiprocessing.freeze_support = _freeze_support


_pyi_rthook()
del _pyi_rthook
"""

PROBE = """
import sys
sys.argv = {argv!r}
exec(compile(open({hook!r}, encoding="utf-8").read(), "hook", "exec"))
loaded = "multiprocessing" in sys.modules
diverted = loaded and sys.modules["multiprocessing"].freeze_support.__name__ == "_freeze_support"
print(loaded, diverted)
"""

WORKER = ["swdesk", "--multiprocessing-fork", "tracker_fd=5", "pipe_handle=7"]
TRACKER = ["swdesk", "-B", "-s", "-c", "from multiprocessing.resource_tracker import main"]
COMMAND_LINES = [
    (["swdesk"], "False False"),  # the window
    (["swdesk", "--profile", "1"], "False False"),
    (WORKER, "True True"),
    (TRACKER, "True True"),
]


def _run(hook: Path, argv: list[str]) -> str:
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(argv=argv, hook=str(hook))],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return " ".join(done.stdout.split())


@pytest.mark.parametrize(("argv", "expected"), COMMAND_LINES)
def test_the_hook_runs_only_in_worker_and_helper_copies(
    tmp_path: Path, argv: list[str], expected: str
) -> None:
    hook = children_only_hook(tmp_path, STAND_IN)
    assert _run(hook, argv) == expected


@pytest.mark.parametrize(("argv", "expected"), COMMAND_LINES)
def test_pyinstallers_own_hook_inside(tmp_path: Path, argv: list[str], expected: str) -> None:
    """With PyInstaller installed (packaging/build.sh installs it): its hook, unchanged."""
    pytest.importorskip("PyInstaller")
    hook = children_only_hook(tmp_path)
    assert original_hook_source() in hook.read_text(encoding="utf-8").replace("\n    ", "\n")
    assert _run(hook, argv) == expected
