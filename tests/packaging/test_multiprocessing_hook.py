"""The build's multiprocessing runtime hook runs PyInstaller's own hook in a worker or helper
copy of the program only (packaging/multiprocessing_hook.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "packaging"))

from multiprocessing_hook import children_only_hook, original_hook_source  # noqa: E402

PROBE = """
import sys
sys.argv = {argv!r}
exec(compile(open({hook!r}, encoding="utf-8").read(), "hook", "exec"))
loaded = "multiprocessing" in sys.modules
diverted = loaded and sys.modules["multiprocessing"].freeze_support.__name__ == "_freeze_support"
print(loaded, diverted)
"""


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["swdesk"], "False False"),  # the window
        (["swdesk", "--profile", "1"], "False False"),
        (["swdesk", "--multiprocessing-fork", "tracker_fd=5", "pipe_handle=7"], "True True"),
        (
            ["swdesk", "-B", "-s", "-c", "from multiprocessing.resource_tracker import main"],
            "True True",
        ),
    ],
)
def test_the_hook_runs_only_in_worker_and_helper_copies(
    tmp_path: Path, argv: list[str], expected: str
) -> None:
    hook = children_only_hook(tmp_path)
    assert original_hook_source() in hook.read_text(encoding="utf-8").replace("\n    ", "\n")
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(argv=argv, hook=str(hook))],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == expected.split()
