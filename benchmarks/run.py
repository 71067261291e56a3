"""swdesk benchmarks: what users feel, each figure next to a baseline from the same run.

    .venv/bin/python benchmarks/run.py [--runs 5]

Prints a table and writes benchmarks/results.json. Figures so far: the application form PDF
(first in a fresh process, and warm) and the application bundle (export with five 1 MB
evidence files, verify), against `sha256sum` over the same bytes.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "results.json"


def median_ms(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def first_render_ms(runs: int) -> float:
    code = ("import time,sys; sys.path.insert(0, {!r}); from sample_form import sample; "
            "d = sample(); t = time.perf_counter(); "
            "from swdesk.pdf import render_application_form; render_application_form(d); "
            "print((time.perf_counter() - t) * 1000)").format(str(ROOT / "benchmarks"))
    values = []
    for _ in range(runs):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             check=True)
        values.append(float(out.stdout.strip().splitlines()[-1]))
    return statistics.median(values)


def export_workspace(tmp: Path):  # type: ignore[no-untyped-def]
    """A demo practitioner whose evidence is replaced by five 1 MB PDFs."""
    from dataclasses import replace

    from swdesk.services.demo import populate_demo
    from swdesk.services.workspace import open_workspace

    today = date.today()
    ws = open_workspace(tmp / "data", clock=lambda: today)
    for _ in populate_demo(ws.profiles, ws.activities, today):
        pass
    pid = min(p.id for p in ws.profiles.list_profiles())
    activities = ws.activities.list_activities(pid)
    for index, activity in enumerate(activities[:5]):
        big = tmp / f"scan-{index}.pdf"
        big.write_bytes(b"%PDF-1.4\n" + os.urandom(1024 * 1024) + b"\n%%EOF\n")
        ws.activities.save_activity(pid, replace(activity, evidence=()), [big])
    draft = ws.applications.current_draft(pid)
    draft = replace(draft, declaration_accepted=True)
    return ws, draft


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    runs = max(5, args.runs)
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from sample_form import sample

    from swdesk.bundle import verify_bundle
    from swdesk.pdf import render_application_form

    rows = []
    data = sample()
    render_application_form(data)
    rows.append(("application PDF, first in a process", first_render_ms(runs), None, None))
    rows.append(("application PDF, warm", median_ms(lambda: render_application_form(data), runs),
                 None, 100.0))
    sha = shutil.which("sha256sum")
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        ws, draft = export_workspace(tmp)
        counter = iter(range(10_000))
        out = tmp / "out"
        out.mkdir()
        export = median_ms(lambda: ws.applications.export(
            draft, out / f"b{next(counter)}.swdapp"), runs)
        bundle = next(out.iterdir())
        verify = median_ms(lambda: verify_bundle(bundle), runs)
        baseline = median_ms(lambda: subprocess.run([sha, str(bundle)], check=True,
                                                    capture_output=True), runs) if sha else None
        size_mb = bundle.stat().st_size / 1e6
        rows.append((f"bundle export, five 1 MB evidence files ({size_mb:.1f} MB)", export,
                     baseline, None))
        rows.append(("bundle verify", verify, baseline, 3.0))
        ws.close()
    results = []
    print(f"{'figure':58} {'swdesk ms':>10} {'baseline ms':>12} {'ratio':>7}  goal")
    for name, value, base, goal in rows:
        ratio = value / base if base else None
        goal_text = "" if goal is None else (f"≤ {goal:g}× sha256sum" if base else
                                             f"< {goal:g} ms")
        print(f"{name:58} {value:10.1f} {base if base is not None else float('nan'):12.1f} "
              f"{ratio if ratio is not None else float('nan'):7.2f}  {goal_text}")
        results.append({"figure": name, "swdesk_ms": round(value, 2),
                        "baseline_ms": None if base is None else round(base, 2),
                        "baseline": "sha256sum over the same bytes" if base else None,
                        "ratio": None if ratio is None else round(ratio, 3),
                        "goal": goal_text or None})
    RESULTS.write_text(json.dumps({"runs": runs, "results": results}, ensure_ascii=False,
                                  indent=2) + "\n", encoding="utf-8")
    print(f"written {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
