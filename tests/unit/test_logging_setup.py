"""The log file: opened plainly at a start, then handed to the rotating handler on the same
file without losing a record; rotated at MAX_BYTES."""

from __future__ import annotations

import logging
import logging.handlers
from collections.abc import Iterator
from pathlib import Path

import pytest

from swdesk.logging_setup import MAX_BYTES, rotate_log, setup_logging

log = logging.getLogger("swdesk.test_logging_setup")


@pytest.fixture(autouse=True)
def own_root() -> Iterator[None]:
    """The root logger's handlers and level as they were, afterwards."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    rotate_log()  # a plain handler a failed test left: replaced, then removed below
    for handler in root.handlers[:]:
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)


def added_handlers(before: list[logging.Handler]) -> list[logging.Handler]:
    return [h for h in logging.getLogger().handlers if h not in before]


def test_a_start_logs_plainly_then_rotates_on_the_same_file(tmp_path: Path) -> None:
    before = list(logging.getLogger().handlers)
    path = setup_logging(tmp_path / "logs", rotating=False)
    assert path == tmp_path / "logs" / "swdesk.log"
    (plain,) = added_handlers(before)
    assert type(plain) is logging.FileHandler
    log.info("before the window")
    rotate_log()
    (rotating,) = added_handlers(before)
    assert isinstance(rotating, logging.handlers.RotatingFileHandler)
    assert Path(rotating.baseFilename) == path
    assert plain.stream is None  # closed
    log.info("after the window")
    rotating.flush()
    text = path.read_text(encoding="utf-8")
    assert "INFO swdesk.test_logging_setup: before the window" in text
    assert "after the window" in text
    rotate_log()  # a second call has nothing to do
    assert added_handlers(before) == [rotating]


def test_the_rotating_log_starts_a_new_file_past_its_size(tmp_path: Path) -> None:
    path = setup_logging(tmp_path)
    assert path is not None
    line = "x" * 1000
    for _ in range(MAX_BYTES // 1000 + 10):
        log.info(line)
    assert (tmp_path / "swdesk.log.1").is_file()
    assert path.stat().st_size < MAX_BYTES


def test_no_log_when_the_folder_cannot_be_made(tmp_path: Path) -> None:
    blocker = tmp_path / "logs"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    before = list(logging.getLogger().handlers)
    assert setup_logging(blocker, rotating=False) is None
    assert added_handlers(before) == []
    rotate_log()  # nothing was set up: nothing to replace
    assert added_handlers(before) == []
