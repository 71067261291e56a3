"""Cold start (against a bare PySide6 window) and the dashboard with 2,000 activities."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from common import BENCH, ROOT, Figure, Goal, child_env, median, python_child, run_child


def demo_data_dir(folder: Path) -> tuple[Path, int]:
    """A data folder with the demo practitioners (prepared once, outside any timing); the
    first one (what `swdesk --demo` opens) is returned with it."""
    from swdesk.services.demo import populate_demo
    from swdesk.services.workspace import open_workspace

    workspace = open_workspace(folder)
    try:
        for _ in populate_demo(workspace.profiles, workspace.activities, date.today()):
            pass
        return folder, min(p.id for p in workspace.profiles.list_profiles())
    finally:
        workspace.close()


def _until_idle(
    command: list[str], probe: Path, services: bool = False
) -> tuple[float, float, list[str], float]:
    """Spawn `command`; ms from the spawn until it reported idle, its peak MB, modules, and
    ms until its first window was on screen (swdesk's splash; the bare window: idle).
    `services`: swdesk reports once its services, opened after the first screen, have read
    the dashboard again (SWDESK_IDLE_PROBE_SERVICES)."""
    probe.unlink(missing_ok=True)
    extra = {"SWDESK_IDLE_PROBE_SERVICES": "1"} if services else {}
    run = run_child(command, child_env(SWDESK_IDLE_PROBE=str(probe), **extra))
    report = json.loads(probe.read_text(encoding="utf-8"))
    idle = (report["idle_monotonic"] - run.spawned_at) * 1000
    first = report.get("first_window_monotonic")
    first_ms = (first - run.spawned_at) * 1000 if first else idle
    # the peak the child read from /proc (Linux): ru_maxrss of a child carries the peak of
    # this benchmark's own process across exec, whichever is larger
    peak = report.get("peak_mb") or run.peak_mb
    return idle, peak, report["modules"], first_ms


def cold_start(tmp: Path, runs: int, warm_up: bool = True) -> list[Figure]:
    """`warm_up`: one untimed start of each first (the smoke test goes without)."""
    data_dir, pid = demo_data_dir(tmp / "start-data")
    swdesk = [sys.executable, "-m", "swdesk", "--data-dir", str(data_dir), "--profile", str(pid)]
    bare = [sys.executable, str(BENCH / "bare_window.py")]
    probe = tmp / "idle.json"
    if warm_up:
        _until_idle(swdesk, probe)  # untimed: the first start takes the daily backup, .pyc
        _until_idle(bare, probe)
    times: dict[str, list[float]] = {"swdesk": [], "bare": [], "services": []}
    first_window: list[float] = []
    peaks: dict[str, list[float]] = {"swdesk": [], "bare": []}
    modules: list[str] = []
    for _ in range(runs):  # alternate, so both see the same background load
        for name, command in (("bare", bare), ("swdesk", swdesk)):
            ms, peak, loaded, first_ms = _until_idle(command, probe)
            times[name].append(ms)
            peaks[name].append(peak)
            if name == "swdesk":
                modules = loaded
                first_window.append(first_ms)
                times["services"].append(_until_idle(command, probe, services=True)[0])
    heavy = sorted(
        {m.split(".")[0] for m in modules}
        & {
            "sqlalchemy",
            "reportlab",
            "cryptography",
            "pypdfium2",
            "openpyxl",
            "jsonschema",
            "PIL",
            "alembic",
            "pypdf",
            "icalendar",
        }
    )
    baseline = "bare PySide6 QMainWindow + QLabel, shown offscreen"
    note = f"demo practitioner {pid} opened with --profile; {len(modules)} modules loaded" + (
        f"; of the heavy ones: {', '.join(heavy)}" if heavy else ""
    )
    return [
        Figure(
            "cold start to the first window (the filled dashboard; the splash otherwise)",
            "ms",
            median(first_window),
            runs,
            median(times["bare"]),
            baseline,
            [Goal("ratio_max", 1.5)],
            "the dashboard read with sqlite3 before SQLAlchemy and the services load",
        ),
        Figure(
            "cold start to the dashboard, idle",
            "ms",
            median(times["swdesk"]),
            runs,
            median(times["bare"]),
            baseline,
            [Goal("ratio_max", 2.0)],
            note + "; stretch goal 1.5x",
        ),
        Figure(
            "cold start until the services are open (dashboard read again through them)",
            "ms",
            median(times["services"]),
            runs,
            median(times["bare"]),
            baseline,
            [],
            "informative: the ORM, the services and the folder's opening (backup check, "
            "sweep) after the first screen, on a worker",
        ),
        Figure(
            "cold start, peak memory",
            "MB",
            median(peaks["swdesk"]),
            runs,
            median(peaks["bare"]),
            baseline,
            [Goal("ratio_max", 1.5)],
        ),
    ]


def dashboard(tmp: Path, runs: int, count: int) -> list[Figure]:
    """A demo practitioner given `count` more activities (bulk insert through the storage
    layer), its dashboard refreshed in a child process."""
    from swdesk.domain.enums import ActivityType, ContentArea
    from swdesk.domain.models import Activity
    from swdesk.services.demo import populate_demo
    from swdesk.services.workspace import open_workspace
    from swdesk.storage.repositories import ActivityRepository

    folder = tmp / "dashboard-data"
    workspace = open_workspace(folder)
    try:
        today = date.today()
        for _ in populate_demo(workspace.profiles, workspace.activities, today):
            pass
        pid = min(p.id for p in workspace.profiles.list_profiles())
        types, areas = list(ActivityType), list(ContentArea)
        activities = [
            Activity(
                title=f"继续教育培训第{i + 1}期",
                organiser="平凉市社会工作协会",
                activity_type=types[i % len(types)],
                content_area=areas[i % len(areas)],
                start_date=today - timedelta(days=1 + i % 1400),
                end_date=today - timedelta(days=1 + i % 1400),
                hours=Decimal(i % 8 + 1) / 2,
            )
            for i in range(count)
        ]
        with workspace.database.session() as session:
            ActivityRepository(session).bulk_add(pid, activities)
        total = len(workspace.activities.list_activities(pid))
    finally:
        workspace.close()
    result = python_child("dashboard_child.py", str(folder), str(pid), str(runs))
    note = (
        f"{total} activities; data {result['compute_ms']:.1f} ms, the rest widgets "
        f"({result['rows_shown']} rows in the log table)"
    )
    return [
        Figure(
            f"dashboard refresh, {count:,} activities (data + widgets)",
            "ms",
            result["total_ms"],
            runs,
            note=note,
        )
    ]


FROZEN_SWDESK = ROOT / "dist" / "swdesk" / "swdesk"  # packaging/build.sh
FROZEN_BARE_DIR = ROOT / "build" / "bench-frozen"  # the bare window frozen the same way


def _folder_mb(folder: Path) -> float:
    """MB of the files in `folder`, each counted once (PyInstaller links libraries)."""
    return (
        sum(f.lstat().st_size for f in folder.rglob("*") if f.is_file() and not f.is_symlink())
        / 1e6
    )


def _frozen_bare() -> Path:
    """`bare_window.py` frozen as a one-folder PyInstaller program (built once, then kept
    in build/bench-frozen/)."""
    program = FROZEN_BARE_DIR / "dist" / "bare_window" / "bare_window"
    if not program.exists():
        subprocess.run(
            [
                sys.executable,
                "-m",
                "PyInstaller",
                "--noconfirm",
                "--onedir",
                "--log-level",
                "WARN",
                "--distpath",
                str(FROZEN_BARE_DIR / "dist"),
                "--workpath",
                str(FROZEN_BARE_DIR / "work"),
                "--specpath",
                str(FROZEN_BARE_DIR),
                str(BENCH / "bare_window.py"),
            ],
            check=True,
        )
    return program


def frozen_start(tmp: Path, runs: int) -> list[Figure]:
    """The one-folder build's cold start (`dist/swdesk/swdesk --profile ID`, built by
    packaging/build.sh first when missing) against the bare window frozen the same way;
    both folders' sizes in the note. A build older than the newest source is said so."""
    if not FROZEN_SWDESK.exists():
        subprocess.run(["bash", str(ROOT / "packaging" / "build.sh")], check=True, cwd=ROOT)
    bare = [str(_frozen_bare())]
    data_dir, pid = demo_data_dir(tmp / "frozen-data")
    swdesk = [str(FROZEN_SWDESK), "--data-dir", str(data_dir), "--profile", str(pid)]
    probe = tmp / "idle.json"
    _until_idle(swdesk, probe)  # untimed: the daily backup, the file cache
    _until_idle(bare, probe)
    times: dict[str, list[float]] = {"swdesk": [], "bare": []}
    peaks: dict[str, list[float]] = {"swdesk": [], "bare": []}
    for _ in range(runs):
        for name, command in (("bare", bare), ("swdesk", swdesk)):
            ms, peak, _modules, _first = _until_idle(command, probe)
            times[name].append(ms)
            peaks[name].append(peak)
    newest_source = max(p.stat().st_mtime for p in (ROOT / "src" / "swdesk").rglob("*.py"))
    stale = FROZEN_SWDESK.stat().st_mtime < newest_source
    note = (
        f"folder sizes: dist/swdesk {_folder_mb(FROZEN_SWDESK.parent):.0f} MB, frozen bare "
        f"window {_folder_mb(Path(bare[0]).parent):.0f} MB"
        + ("; a source file changed after dist/swdesk was built" if stale else "")
    )
    baseline = "bare PySide6 QMainWindow + QLabel, frozen with PyInstaller (one folder)"
    return [
        Figure(
            "frozen build: cold start to the dashboard, idle",
            "ms",
            median(times["swdesk"]),
            runs,
            median(times["bare"]),
            baseline,
            [Goal("ratio_max", 2.0)],
            note,
        ),
        Figure(
            "frozen build: cold start, peak memory",
            "MB",
            median(peaks["swdesk"]),
            runs,
            median(peaks["bare"]),
            baseline,
            [Goal("ratio_max", 1.5)],
        ),
    ]
