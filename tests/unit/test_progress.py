"""The one progress-and-cancel protocol: only False stops, a meter raises the work's own
Cancelled, and a later stage reports against the whole."""

from __future__ import annotations

import pytest

from swdesk.core.progress import Cancelled, Meter, offset, stop_requested


class WorkCancelled(Cancelled):
    pass


def test_only_false_asks_to_stop() -> None:
    assert stop_requested(False)
    assert not stop_requested(None)
    assert not stop_requested(True)


def test_meter_reports_each_step_and_raises_the_works_cancelled_on_false() -> None:
    seen: list[tuple[int, int]] = []

    def progress(done: int, total: int) -> bool | None:
        seen.append((done, total))
        return False if done >= 30 else None

    meter = Meter(40, progress, WorkCancelled)
    meter.advance(10)
    meter.advance(15)
    with pytest.raises(WorkCancelled):
        meter.advance(10)
    assert seen == [(10, 40), (25, 40), (35, 40)]


def test_meter_never_reports_past_its_total_and_counts_an_empty_total_as_one() -> None:
    seen: list[tuple[int, int]] = []
    meter = Meter(0, lambda done, total: seen.append((done, total)))
    meter.advance(5)
    assert seen == [(1, 1)]


def test_offset_reports_a_later_stage_against_the_whole() -> None:
    seen: list[tuple[int, int]] = []
    stage = offset(lambda done, total: seen.append((done, total)), 100, 200)
    assert stage is not None
    stage(40, 100)
    stage(150, 100)  # a stage that overshoots never reports past the whole
    assert seen == [(140, 200), (200, 200)]
    assert offset(None, 100, 200) is None
