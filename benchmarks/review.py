"""Reviewer benchmarks: importing many bundles, and the queue with 100,000 applications.

    .venv/bin/python benchmarks/review.py [--bundles 1000] [--rows 100000] [--runs 5]

Figures (each with its baseline from the same run):
- `sha256sum` over the N bundle files (the floor: reading and hashing the bytes once);
- `verify_bundle` per bundle;
- `ReviewService.import_files` per bundle: copy, verify, the automatic checks (photo decode,
  form PDF text), the database transaction and the audit entry;
- queue count + one page of 100 rows for typical filters and sort orders, with 100,000
  synthetic applications (`reviewstore.synthetic.fill_queue`);
- resident memory added by opening that workspace and showing a page of the queue.

The N bundles are one real exported application re-written N times with a new uid (so each
is distinct and valid; the form then no longer matches, which costs the same to check).
Writes benchmarks/review-results.json.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
import zipfile
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "benchmarks" / "review-results.json"
PASSWORD = "benchmark password"


def rss_mb() -> float:
    """Resident set size of this process now (Linux /proc; 0 elsewhere)."""
    try:
        fields = Path("/proc/self/statm").read_text().split()
    except OSError:
        return 0.0
    import os

    return int(fields[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6


def one_real_bundle(tmp: Path) -> Path:
    """A demo practitioner's application, exported by the practitioner side."""
    from swdesk.services.demo import populate_demo
    from swdesk.services.workspace import open_workspace

    today = date.today()
    ws = open_workspace(tmp / "practitioner", clock=lambda: today)
    try:
        for _ in populate_demo(ws.profiles, ws.activities, today):
            pass
        pid = min(p.id for p in ws.profiles.list_profiles())
        draft = replace(ws.applications.current_draft(pid), declaration_accepted=True)
        return ws.applications.export(draft, tmp / "real.swdapp").path
    finally:
        ws.close()


def many_bundles(source: Path, folder: Path, count: int) -> list[Path]:
    from swdesk.bundle import BundleMember, write_bundle

    with zipfile.ZipFile(source) as archive:
        manifest = json.loads(archive.read("manifest.json"))
        data = {m["name"]: archive.read(m["name"]) for m in manifest["members"]}
    application = json.loads(data["application.json"])
    folder.mkdir()
    paths = []
    for index in range(count):
        application["application"]["uid"] = str(uuid.UUID(int=index + 1, version=4))
        members = [BundleMember(m["name"], m["role"], m["media_type"],
                                data=json.dumps(application, ensure_ascii=False).encode()
                                if m["name"] == "application.json" else data[m["name"]])
                   for m in manifest["members"]]
        paths.append(write_bundle(folder / f"b{index:05d}.swdapp", members,
                                  created_at=datetime.now().replace(microsecond=0),
                                  generator="swdesk benchmark").path)
    return paths


def sha256sum_ms(paths: list[Path]) -> float | None:
    tool = shutil.which("sha256sum")
    if tool is None:
        return None
    start = time.perf_counter()
    for first in range(0, len(paths), 200):
        subprocess.run([tool, *map(str, paths[first:first + 200])], check=True,
                       capture_output=True)
    return (time.perf_counter() - start) * 1000


def queue_memory(root: Path) -> tuple[float, float]:
    """RSS in a fresh process: with the modules loaded, then with the workspace open, the
    queue counted, its first page shown and the pages scrolled to the end by 100s."""
    code = f"""
import sys; sys.path.insert(0, {str(ROOT / "benchmarks")!r})
from review import rss_mb, PASSWORD
from pathlib import Path
from swdesk.services.review import open_review_workspace, QueueFilter
import sqlalchemy.orm
before = rss_mb()
ws = open_review_workspace(Path({str(root)!r}), PASSWORD)
total = ws.service.queue_count()
rows = ws.service.queue_page(QueueFilter(), "received_at", True, 0, 100)
for offset in range(0, min(total, 5000), 100):
    ws.service.queue_page(QueueFilter(), "received_at", True, offset, 100)
print(before, rss_mb())
ws.close()
"""
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True,
                         text=True).stdout.split()
    return float(out[0]), float(out[1])


def queue_figures(tmp: Path, rows: int, runs: int) -> list[tuple[str, float, float | None]]:
    from swdesk.reviewstore.synthetic import fill_queue
    from swdesk.services.review import (
        QueueFilter,
        ReviewState,
        init_review_workspace,
        open_review_workspace,
    )

    root = tmp / "queue" / "review"
    workspace = init_review_workspace(root, office_name="平凉市民政局", region="620800",
                                      level="city", rule_pack_id="gansu", password=PASSWORD)
    start = time.perf_counter()
    fill_queue(workspace.database, rows, seed=1)
    filled = (time.perf_counter() - start) * 1000
    workspace.close()
    memory_before, memory_after = queue_memory(root)
    workspace = open_review_workspace(root, PASSWORD)
    service = workspace.service
    today = date.today()
    cases = [
        ("pending, oldest first", QueueFilter(state=ReviewState.PENDING), "received_at", 0),
        ("all, by name, page 51", QueueFilter(), "applicant_name", 5000),
        ("all, by hours, descending", QueueFilter(), "hours_counted", 0),
        ("county + late, newest first", QueueFilter(county="620821", late=True),
         "received_at", 0),
        ("received in the last 10 days, by state", QueueFilter(
            received_from=today - timedelta(days=10)), "state", 0),
        ("name search 王", QueueFilter(search="王"), "received_at", 0),
        ("ID number ends with 1234", QueueFilter(search="1234"), "received_at", 0),
    ]
    figures: list[tuple[str, float, float | None]] = [
        (f"fill {rows:,} synthetic rows (bulk insert)", filled, None)]
    for name, queue_filter, key, offset in cases:
        times = []
        for _ in range(runs):
            begin = time.perf_counter()
            service.queue_count(queue_filter)
            service.queue_page(queue_filter, key, False, offset, 100)
            times.append((time.perf_counter() - begin) * 1000)
        figures.append((f"queue {rows:,}: {name} (count + 100 rows)",
                        statistics.median(times), None))
    figures.append(("process memory, modules loaded, no workspace (MB)", memory_before, None))
    figures.append((f"process memory with the {rows:,}-row queue open (MB)", memory_after,
                    None))
    workspace.close()
    return figures


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--bundles", type=int, default=1000)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    from swdesk.bundle import verify_bundle
    from swdesk.services.review import init_review_workspace

    figures: list[tuple[str, float, float | None]] = []
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        paths = many_bundles(one_real_bundle(tmp), tmp / "inbox", args.bundles)
        n = len(paths)
        size = sum(p.stat().st_size for p in paths) / n / 1e3
        baseline = sha256sum_ms(paths)
        per_file_baseline = baseline / n if baseline is not None else None
        start = time.perf_counter()
        for path in paths:
            verify_bundle(path)
        verify = (time.perf_counter() - start) * 1000 / n
        workspace = init_review_workspace(tmp / "city" / "review", office_name="平凉市民政局",
                                          region="620800", level="city",
                                          rule_pack_id="gansu", password=PASSWORD)
        start = time.perf_counter()
        report = workspace.service.import_files([tmp / "inbox"])
        imported = (time.perf_counter() - start) * 1000 / n
        assert report.counts()["imported"] == n, report.counts()
        workspace.close()
        figures += [
            (f"sha256sum per bundle ({size:.0f} kB each, {n} files)", per_file_baseline or 0,
             None),
            ("verify_bundle per bundle", verify, per_file_baseline),
            ("import per bundle (copy, verify, checks, store, audit)", imported,
             per_file_baseline),
        ]
        figures += queue_figures(tmp, args.rows, args.runs)
    print(f"{'figure':72} {'value':>9} {'sha256sum':>10} {'ratio':>7}")
    results = []
    for name, value, base in figures:
        ratio = value / base if base else None
        print(f"{name:72} {value:9.1f} {base if base else float('nan'):10.2f} "
              f"{ratio if ratio else float('nan'):7.1f}")
        results.append({"figure": name, "value": round(value, 2),
                        "baseline_ms": None if base is None else round(base, 3),
                        "ratio": None if ratio is None else round(ratio, 2)})
    RESULTS.write_text(json.dumps({"bundles": args.bundles, "rows": args.rows,
                                   "runs": args.runs, "results": results},
                                  ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"written {RESULTS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    sys.exit(main())
