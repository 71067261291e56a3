"""What every benchmark section shares: figures with their goals, medians, child processes."""

from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "benchmarks"


@dataclass
class Goal:
    """`ratio_max`: swdesk ≤ limit × baseline; `value_max`: swdesk < limit (in the unit);
    `holds`: a fact the run checked (`label` says what, `held` whether it did), e.g. no
    decision lost or doubled."""

    kind: str
    limit: float = 0.0
    label: str = ""
    held: bool | None = None

    def text(self, unit: str) -> str:
        if self.kind == "holds":
            return self.label
        if self.kind == "ratio_max":
            return (
                f"≤ {self.limit:g}× baseline"
                if self.limit >= 1
                else f"≥ {1 / self.limit:g}× faster than baseline"
            )
        return f"< {self.limit:g} {unit}"

    def met(self, value: float, baseline: float | None) -> bool | None:
        if self.kind == "holds":
            return self.held
        if self.kind == "ratio_max":
            return None if not baseline else value / baseline <= self.limit
        return value < self.limit


@dataclass
class Figure:
    name: str
    unit: str  # "ms" or "MB"
    value: float | None  # swdesk's median
    runs: int
    baseline: float | None = None  # the baseline's median, same run
    baseline_name: str | None = None
    goals: list[Goal] = field(default_factory=list)
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if self.value is None or not self.baseline:
            return None
        return self.value / self.baseline

    @property
    def goal_text(self) -> str:
        return "; ".join(goal.text(self.unit) for goal in self.goals)

    @property
    def met(self) -> bool | None:
        """True/False when every goal could be judged; None without goal (or baseline)."""
        if self.value is None or not self.goals:
            return None
        verdicts = [goal.met(self.value, self.baseline) for goal in self.goals]
        if False in verdicts:
            return False
        return None if None in verdicts else True

    def as_json(self) -> dict[str, object]:
        return {
            "figure": self.name,
            "unit": self.unit,
            "runs": self.runs,
            "swdesk": _round(self.value),
            "baseline": _round(self.baseline),
            "baseline_name": self.baseline_name,
            "ratio": _round(self.ratio, 3),
            "goal": self.goal_text or None,
            "goal_met": self.met,
            "note": self.note or None,
        }


def _round(value: float | None, digits: int = 2) -> float | None:
    return None if value is None else round(value, digits)


def median(values: Sequence[float]) -> float:
    return statistics.median(values)


def timed_ms(fn: Callable[[], object]) -> float:
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1000


def median_ms(fn: Callable[[], object], runs: int) -> float:
    return median([timed_ms(fn) for _ in range(runs)])


def compile_sources() -> None:
    """Write the bytecode of swdesk's sources, as an installation would (pip compiles the
    wheel's modules): a start-up measured while compiling them would be a developer's."""
    import compileall

    compileall.compile_dir(str(ROOT / "src"), quiet=1)


def child_env(**extra: str) -> dict[str, str]:
    """The environment of a benchmark child: offscreen Qt, our sources first."""
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    # An installed swdesk runs from compiled bytecode: measure that, not compiling sources
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPATH"] = os.pathsep.join(
        [str(ROOT / "src"), str(BENCH), *filter(None, [env.get("PYTHONPATH")])]
    )
    env.update(extra)
    return env


@dataclass
class ChildRun:
    wall_ms: float  # spawn to exit
    peak_mb: float  # the child's ru_maxrss
    spawned_at: float  # time.monotonic() just before the spawn


def run_child(
    command: Sequence[str], env: dict[str, str], timeout: float = 120.0, cwd: Path | None = None
) -> ChildRun:
    """Run a child to its end; wall time and its own peak resident memory (os.wait4)."""
    log = Path(os.environ.get("TMPDIR", "/tmp")) / f"swdesk-bench-{os.getpid()}.log"
    with log.open("wb") as err:
        spawned = time.monotonic()
        process = subprocess.Popen(list(command), env=env, stdout=err, stderr=err, cwd=cwd)
        timer = threading.Timer(timeout, process.kill)
        timer.start()
        try:
            _, status, usage = os.wait4(process.pid, 0)
        finally:
            timer.cancel()
        ended = time.monotonic()
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        text = log.read_text(errors="replace")[-2000:]
        log.unlink(missing_ok=True)
        raise RuntimeError(f"{command[:3]} exited {process.returncode}:\n{text}")
    log.unlink(missing_ok=True)
    peak = usage.ru_maxrss / 1024 if sys.platform != "darwin" else usage.ru_maxrss / 1e6
    return ChildRun((ended - spawned) * 1000, peak, spawned)


def python_child(script: str, *args: str, env: dict[str, str] | None = None) -> dict:
    """Run benchmarks/<script> with `args`; its last stdout line is JSON."""
    out = subprocess.run(
        [sys.executable, str(BENCH / script), *args],
        check=True,
        capture_output=True,
        text=True,
        env=env or child_env(),
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def sha256sum_ms(paths: list[Path]) -> float | None:
    """`sha256sum` over `paths` (200 files a process), in ms; None where it is missing:
    the baseline of the figures that read or write many files."""
    tool = shutil.which("sha256sum")
    if tool is None:
        return None
    start = time.perf_counter()
    for first in range(0, len(paths), 200):
        subprocess.run(
            [tool, *map(str, paths[first : first + 200])], check=True, capture_output=True
        )
    return (time.perf_counter() - start) * 1000
