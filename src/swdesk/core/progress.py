"""One progress-and-cancel protocol for long work (a backup, a restore, an import).

Work that takes long reports how far it is to a callback, `progress(done, total)`, in the
unit it counts (bytes, files). The callback may return False to ask the work to stop;
anything else (True, None) lets it go on. The work stops at its next safe point, leaves
nothing half-written behind, and either raises `Cancelled` (or a subclass naming the work:
`BackupCancelled`) or, where it reports item by item, reports the items not reached as not
done. `ItemProgress` is the same callback given the name of the item just handled (a file
name a progress dialog shows). The UI's callbacks run on a worker thread: they hand the
numbers to the GUI thread (a signal) and answer from a flag the Cancel button sets.

`Meter` counts toward a total for work that advances in chunks; `offset` reports a later
stage of a larger whole (a backup's read-back after its writing); work written as a
generator (the demo practitioners) yields `Step`s, the same (done, total) pairs.
Standard library only.
"""

from __future__ import annotations

from collections.abc import Callable

__all__ = [
    "Cancelled",
    "ItemProgress",
    "Meter",
    "Progress",
    "Step",
    "offset",
    "stop_requested",
]

#: progress(done, total) → False to stop
Progress = Callable[[int, int], bool | None]
#: progress(done, total, name of the item just handled) → False to stop after it
ItemProgress = Callable[[int, int, str], bool | None]
#: what a generator doing long work yields: (done, total)
Step = tuple[int, int]


class Cancelled(Exception):
    """The progress callback asked to stop; nothing was left behind."""


def stop_requested(answer: bool | None) -> bool:
    """Whether a progress callback's answer asks the work to stop (only False does)."""
    return answer is False


class Meter:
    """Counts toward `total` and reports each step to `progress`; raises `cancelled` (an
    instance of it) when the callback asks to stop."""

    def __init__(
        self, total: int, progress: Progress | None, cancelled: type[Cancelled] = Cancelled
    ) -> None:
        self.total = max(total, 1)
        self.done = 0
        self._progress = progress
        self._cancelled = cancelled

    def advance(self, count: int) -> None:
        self.done += count
        self.report()

    def report(self) -> None:
        if self._progress is not None and stop_requested(
            self._progress(min(self.done, self.total), self.total)
        ):
            raise self._cancelled


def offset(progress: Progress | None, start: int, total: int) -> Progress | None:
    """`progress` for a stage that begins at `start` of a whole of `total`: the stage's own
    counts are reported shifted by `start` (and never past `total`)."""
    if progress is None:
        return None
    return lambda done, _stage_total: progress(min(start + done, total), total)
