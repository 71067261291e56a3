"""Work done once per test run, whichever pytest-xdist worker needs it first.

A module-scoped fixture runs again in every worker that gets one of the module's tests,
and again each time work stealing brings a worker back to the module; for a fixture that
starts a long subprocess (the screen-fit walk) that is several times the work. `run_once`
builds into a folder shared by the run's workers under a file lock: the first caller builds,
the others wait for it and reuse the folder (the pattern pytest-xdist's documentation gives).
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from filelock import FileLock

DONE = ".built"


def run_once(
    tmp_path_factory: pytest.TempPathFactory, key: str, build: Callable[[Path], None]
) -> Path:
    """The folder of `key`, built by `build(folder)` the first time in this run (a build
    that raises leaves nothing marked built: the next caller tries again)."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent  # shared by the run's workers
    folder = base / f"once-{key}"
    with FileLock(str(base / f"once-{key}.lock")):
        if not (folder / DONE).exists():
            folder.mkdir(exist_ok=True)
            build(folder)
            (folder / DONE).touch()
    return folder
