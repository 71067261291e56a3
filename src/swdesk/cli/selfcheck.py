"""`swdesk --self-check`: run `services.selfcheck` and print one line per step.

Exit 0 when every step passed; 1 with a last line naming the failed step. The composition
root passes the step that opens a window (`gui_step`), which needs Qt and so is part of
neither the services nor the command line.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from typing import TextIO


def add_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--self-check",
        action="store_true",
        help="check this installation without a window (temporary data "
        "folder, migrations, a PDF with Chinese text, a bundle written "
        "and verified); one line per step, exit 0 or 1",
    )


def run_self_check_command(gui_step: Callable[[], str] | None, out: TextIO) -> int:
    from .. import __version__
    from ..services.selfcheck import StepResult, run_self_check

    started = time.perf_counter()
    print(f"swdesk {__version__} self-check", file=out, flush=True)

    def report(result: StepResult) -> None:
        print(result.line(), file=out, flush=True)

    results = run_self_check(report)
    if results and results[-1].ok and gui_step is not None:
        step_start = time.perf_counter()
        try:
            detail, ok = gui_step(), True
        except Exception as error:  # reported as the failed step, never a traceback
            detail, ok = f"{type(error).__name__}: {error}", False
        results.append(StepResult("gui", ok, detail, time.perf_counter() - step_start))
        report(results[-1])
    failed = [result for result in results if not result.ok]
    total = time.perf_counter() - started
    if failed:
        print(f"self-check FAILED at step '{failed[0].name}' ({total:.1f} s)", file=out)
        return 1
    print(f"self-check passed: {len(results)} steps ({total:.1f} s)", file=out)
    return 0
