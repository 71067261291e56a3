"""swdesk's benchmarks: what users feel, each figure next to a baseline from the same run.

    .venv/bin/python benchmarks/run.py [--only start,dashboard,pdf,bundle,import,queue,server,
                                               provider,records]
                                       [--runs 5] [--bundles 1000] [--rows 100000]
                                       [--activities 2000] [--decisions 1000] [--attendees 500]
                                       [--records 200]
                                       [--out benchmarks/results.json] [--no-libreoffice]
                                       [--frozen] [--no-warm-up] [--deciding-pcs 4]

Prints a table and writes JSON: per figure swdesk's median, the baseline's median, their
ratio, the goal and whether it is met. Sections (see benchmarks/README.md):

- start: cold start to the demo practitioner's dashboard, idle, offscreen, in fresh
  processes, and peak memory; against a bare PySide6 window (benchmarks/bare_window.py);
- dashboard: refreshing a dashboard with 2,000 activities (data + widgets);
- pdf: the application form, first in a process and warm; against LibreOffice converting an
  equivalent document (skipped, with a note, where LibreOffice is not installed);
- bundle: export with five 1 MB evidence files and verify; against sha256sum;
- import: reviewer import of 1,000 bundles; against sha256sum of the same files;
- queue: the reviewer queue with 100,000 applications: first rows, filter, sort, memory;
- server: an office on a PostgreSQL server started for the run: the same queue, four
  reviewer PCs deciding 1,000 applications at once, two PCs importing the same 1,000
  bundles at once (skipped, with a note, without PostgreSQL's server binaries);
- provider: a training provider issuing signed records and certificates for a roster of
  500; against sha256sum of what it wrote;
- records: the reviewer's check of 200 signed attendance records in one bundle at import,
  and the import of that bundle; against sha256sum of the same bytes.

Fewer than 5 runs (`--runs 1`), `--no-warm-up` and fewer than 4 deciding PCs are for the
smoke test only: the recorded results use the defaults.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))

from common import ROOT, Figure  # noqa: E402

SECTIONS = (
    "start",
    "dashboard",
    "pdf",
    "bundle",
    "import",
    "queue",
    "server",
    "provider",
    "records",
)


def _cell(value: float | None, digits: int = 1) -> str:
    return "—" if value is None or math.isnan(value) else f"{value:.{digits}f}"


def print_table(figures: list[Figure]) -> None:
    width = max(len(f.name) for f in figures) + 2
    print(f"{'figure':{width}} {'unit':4} {'swdesk':>9} {'baseline':>9} {'ratio':>7}  goal / met")
    for f in figures:
        met = {True: "met", False: "NOT MET", None: ""}[f.met]
        goal = f"{f.goal_text} {met}".strip()
        print(
            f"{f.name:{width}} {f.unit:4} {_cell(f.value):>9} {_cell(f.baseline):>9} "
            f"{_cell(f.ratio, 2):>7}  {goal}"
        )
    baselines = {f.baseline_name for f in figures if f.baseline_name}
    for name in sorted(baselines):
        print(f"  baseline: {name}")
    for f in figures:
        if f.note:
            print(f"  {f.name}: {f.note}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--only",
        default=",".join(SECTIONS),
        help=f"comma-separated sections: {', '.join(SECTIONS)}",
    )
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (median)")
    parser.add_argument("--bundles", type=int, default=1000, help="bundles to import")
    parser.add_argument("--rows", type=int, default=100_000, help="applications in the queue")
    parser.add_argument(
        "--activities", type=int, default=2000, help="activities on the dashboard's practitioner"
    )
    parser.add_argument(
        "--decisions", type=int, default=1000, help="applications the server's PCs decide"
    )
    parser.add_argument(
        "--attendees", type=int, default=500, help="people on the provider's roster"
    )
    parser.add_argument(
        "--records",
        type=int,
        default=200,
        help="attendance records in the records section's bundle",
    )
    parser.add_argument(
        "--frozen",
        action="store_true",
        help="also the one-folder build's start (section frozen, never in the default: "
        "dist/swdesk, built by packaging/build.sh when missing, against a frozen bare window)",
    )
    parser.add_argument("--out", type=Path, default=HERE / "results.json")
    parser.add_argument(
        "--no-libreoffice",
        action="store_true",
        help="skip the LibreOffice baseline (the smoke test: it is slow)",
    )
    parser.add_argument(
        "--no-warm-up",
        action="store_true",
        help="no untimed start before the timed ones (the smoke test: the figures only run)",
    )
    parser.add_argument(
        "--deciding-pcs",
        type=int,
        default=4,
        help="reviewer PCs (processes) deciding at once in the server section (at least 2)",
    )
    args = parser.parse_args(argv)
    if args.deciding_pcs < 2:
        parser.error("--deciding-pcs: at least 2 PCs, or nothing happens at once")
    chosen = [s.strip() for s in args.only.split(",") if s.strip()]
    if args.frozen and "frozen" not in chosen:
        chosen.append("frozen")
    unknown = set(chosen) - set(SECTIONS) - {"frozen"}
    if unknown:
        parser.error(f"unknown section(s): {', '.join(sorted(unknown))}")
    runs = max(1, args.runs)

    import bench_documents
    import bench_provider
    import bench_records
    import bench_review
    import bench_server
    import bench_start
    from common import compile_sources

    compile_sources()

    jobs = {
        "start": lambda tmp: bench_start.cold_start(tmp, runs, not args.no_warm_up),
        "dashboard": lambda tmp: bench_start.dashboard(tmp, runs, args.activities),
        "pdf": lambda tmp: bench_documents.application_pdf(tmp, runs, not args.no_libreoffice),
        "bundle": lambda tmp: bench_documents.bundle(tmp, runs),
        "import": lambda tmp: bench_review.import_bundles(tmp, runs, args.bundles),
        "queue": lambda tmp: bench_review.queue(tmp, runs, args.rows),
        "frozen": lambda tmp: bench_start.frozen_start(tmp, runs),
        "server": lambda tmp: bench_server.server_figures(
            tmp, runs, args.rows, args.decisions, args.bundles, args.deciding_pcs
        ),
        "provider": lambda tmp: bench_provider.issue_roster(tmp, runs, args.attendees),
        "records": lambda tmp: bench_records.verify_records(tmp, runs, args.records),
    }
    figures: list[Figure] = []
    started = time.perf_counter()
    for section in (*SECTIONS, "frozen"):
        if section not in chosen:
            continue
        print(f"[{section}] …", file=sys.stderr, flush=True)
        with tempfile.TemporaryDirectory(prefix=f"swdesk-bench-{section}-") as folder:
            figures.extend(jobs[section](Path(folder)))
    print_table(figures)
    args.out.write_text(
        json.dumps(
            {
                "runs": runs,
                "sections": chosen,
                "bundles": args.bundles,
                "rows": args.rows,
                "activities": args.activities,
                "decisions": args.decisions,
                "attendees": args.attendees,
                "records": args.records,
                "seconds": round(time.perf_counter() - started, 1),
                "python": sys.version.split()[0],
                "results": [f.as_json() for f in figures],
            },
            ensure_ascii=False,
            indent=2,
        )
        + "\n",
        encoding="utf-8",
    )
    shown = args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out
    print(f"written {shown}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
