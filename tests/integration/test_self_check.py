"""`swdesk --self-check` (`services.selfcheck.run_self_check`) run in-process: every step
passes here, and its reviewer step fails, naming why, when the import's worker processes
cannot start: the import would then check the files in its own process, which a frozen
build whose copies cannot run as workers must not pass for working."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from swdesk.services.review.check_pool import CheckPool
from swdesk.services.review.file_check import CheckJob
from swdesk.services.selfcheck import run_self_check


def test_every_step_passes() -> None:
    results = run_self_check()
    assert [r.name for r in results if not r.ok] == []
    reviewer = next(r for r in results if r.name == "reviewer")
    assert "worker processes" in reviewer.detail


def test_the_reviewer_step_fails_when_no_worker_process_starts(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def cannot_start(self: CheckPool, jobs: Sequence[CheckJob]) -> object:
        raise OSError("no process can be started here")

    monkeypatch.setattr(CheckPool, "submit", cannot_start)
    results = run_self_check()
    failed = [r for r in results if not r.ok]
    assert [r.name for r in failed] == ["reviewer"]
    assert "worker processes did not start" in failed[0].detail
