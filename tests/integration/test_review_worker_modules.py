"""The import's worker processes load only what checking a file needs: no SQLAlchemy, no
ORM or review store, no database layer, no Qt. A worker is forked from multiprocessing's
fork server, which imported `check_pool.WORKER_MODULES` (Linux), or is a fresh interpreter
("spawn": Windows, macOS) that imports the module of `check_pool.check_chunk` and of its
work function (`file_check.check_file`) by name, and with them the packages above them
(`swdesk.services.review`'s `__init__` loads its names on first use). Starting a worker
costs what it imports; an ordinary bundle's check loads no signing module. Structural, not
timed; the timing is `benchmarks/run.py --only import`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from pool_work import checked_noting_modules
from review_samples import TODAY, SampleBundles

from swdesk.reviewstore.vocabulary import ReviewStage
from swdesk.rulepacks import load_pack
from swdesk.rulepacks.calendar import shipped_calendar
from swdesk.services.review import check_pool
from swdesk.services.review.check_pool import CheckPool, checked_in_order
from swdesk.services.review.file_check import CheckJob
from swdesk.services.review.verifying import CopyPlace

# what only the importer's process needs (storing, the database) or no reviewer path does
NOT_IN_A_WORKER = (
    "sqlalchemy",
    "alembic",
    "psycopg",
    "PySide6",
    "swdesk.database",
    "swdesk.storage",
    "swdesk.reviewstore.orm",
    "swdesk.reviewstore.offices",
    "swdesk.services.review.context",
    "swdesk.services.review.faults",
    "swdesk.services.review.importer",
    "swdesk.services.review.service",
    "swdesk.services.review.workspace",
    "swdesk.ui",
)

# what only a bundle with attendance records or a forwarded package needs: an ordinary
# bundle's check loads no signing module, nor the key store's scrypt and ciphers
NOT_FOR_AN_ORDINARY_BUNDLE = (
    "swdesk.signing.ce_record",
    "swdesk.signing.decision_file",
    "swdesk.signing.keystore",
    "swdesk.signing.trust",
    "cryptography.hazmat.primitives.kdf.scrypt",
)


def _unwanted(modules: list[str]) -> list[str]:
    """The modules of NOT_IN_A_WORKER, or inside one of them, among `modules`."""
    return sorted(
        m for m in modules if any(m == top or m.startswith(f"{top}.") for top in NOT_IN_A_WORKER)
    )


def _modules_loaded_by(imports: str) -> list[str]:
    """The modules a fresh interpreter has loaded after running `imports`."""
    probe = f"import json, sys\n{imports}\nprint(json.dumps(sorted(sys.modules)))\n"
    found = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120
    )
    modules: list[str] = json.loads(found.stdout)
    return modules


def test_importing_the_worker_module_loads_no_database_and_no_qt() -> None:
    modules = _modules_loaded_by("import swdesk.services.review.check_pool")
    assert "swdesk.services.review.file_check" in modules
    assert _unwanted(modules) == []


def test_a_worker_process_checks_a_bundle_without_the_database_or_qt(
    sample_bundles: SampleBundles, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # the app's own start method: the other integration tests fork their workers from a
    # server that imported the database layer once for all of them (tests/fork_server.py)
    monkeypatch.setattr(check_pool, "START_METHOD", "spawn")
    scratch = tmp_path / "scratch"
    pack, days = load_pack("gansu"), shipped_calendar().declaration_received_max_days

    def job_of(path: Path) -> CheckJob:
        return CheckJob(path, ReviewStage.FIRST, CopyPlace(scratch, tmp_path), pack, TODAY, days)

    pool = CheckPool(workers=1, work=checked_noting_modules)
    try:
        [checked] = checked_in_order(pool, [sample_bundles.ordinary[0]], job_of)
    finally:
        pool.close()
    assert checked.refused is None and checked.checks_refused is None
    assert checked.verified is not None and checked.checks  # verified and checked
    checked.verified.temp.unlink()
    [noted] = tmp_path.glob("modules-*.json")
    modules = json.loads(noted.read_text(encoding="utf-8"))
    assert "swdesk.services.review.checks" in modules and "swdesk.bundle" in modules
    assert _unwanted(modules) == []
    assert [m for m in NOT_FOR_AN_ORDINARY_BUNDLE if m in modules] == []


# a fresh interpreter with the app's own start method: the tests' fork server (which this
# test process shares) imported the database layer for the other tests
_CHECK_WITH_THE_APPS_START_METHOD = """
import json, sys
from pathlib import Path
from pool_work import checked_noting_modules
from swdesk.reviewstore.vocabulary import ReviewStage
from swdesk.rulepacks import load_pack
from swdesk.rulepacks.calendar import shipped_calendar
from swdesk.services.review.check_pool import START_METHOD, CheckPool, checked_in_order
from swdesk.services.review.file_check import CheckJob
from swdesk.services.review.verifying import CopyPlace
from datetime import date

def main():
    bundle, root, today = Path(sys.argv[1]), Path(sys.argv[2]), date.fromisoformat(sys.argv[3])
    pack, days = load_pack("gansu"), shipped_calendar().declaration_received_max_days
    place = CopyPlace(root / "scratch", root)
    job = CheckJob(bundle, ReviewStage.FIRST, place, pack, today, days)
    pool = CheckPool(workers=1, work=checked_noting_modules)
    try:
        [checked] = checked_in_order(pool, [bundle], lambda path: job)
    finally:
        pool.close()
    ok = checked.refused is None and checked.checks_refused is None and bool(checked.checks)
    print(json.dumps({"start_method": START_METHOD, "checked": ok}))

if __name__ == "__main__":
    main()
"""


def test_the_apps_start_method_gives_workers_without_the_database_or_qt(
    sample_bundles: SampleBundles, tmp_path: Path
) -> None:
    script = tmp_path / "check_one.py"
    script.write_text(_CHECK_WITH_THE_APPS_START_METHOD, encoding="utf-8")
    (tmp_path / "scratch").mkdir()
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(Path(__file__).parent), *sys.path])}
    done = subprocess.run(
        [sys.executable, str(script), str(sample_bundles.ordinary[0]), str(tmp_path), str(TODAY)],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout.strip().splitlines()[-1])
    expected = "spawn" if sys.platform in ("win32", "darwin") else "forkserver"
    assert report == {"start_method": expected, "checked": True}
    [noted] = tmp_path.glob("modules-*.json")
    modules = json.loads(noted.read_text(encoding="utf-8"))
    assert "swdesk.services.review.checks" in modules and "pypdfium2" in modules
    assert _unwanted(modules) == []
    assert [m for m in NOT_FOR_AN_ORDINARY_BUNDLE if m in modules] == []


def test_the_fork_servers_modules_are_what_an_ordinary_check_loads() -> None:
    """Each of `WORKER_MODULES` imports (the server skips a name that does not), and none
    of them is a database, Qt or signing module."""
    modules = _modules_loaded_by(
        "import importlib\n"
        "from swdesk.services.review.check_pool import WORKER_MODULES\n"
        "for name in WORKER_MODULES: importlib.import_module(name)"
    )
    assert _unwanted(modules) == []
    assert [m for m in NOT_FOR_AN_ORDINARY_BUNDLE if m in modules] == []


_PREPARE_THEN_LIST_CHILDREN = """
import json, os, time
from swdesk.services.review.check_pool import START_METHOD, CheckPool

def children():
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="utf-8") as stat:
                parent = int(stat.read().rsplit(")", 1)[1].split()[1])
            with open(f"/proc/{entry}/cmdline", "rb") as cmdline:
                command = cmdline.read().replace(b"\\0", b" ").decode("utf-8", "replace")
        except OSError:
            continue
        if parent == os.getpid():
            found.append(command)
    return found

before = children()
CheckPool().prepare()
deadline = time.monotonic() + 60
while not any("forkserver" in c for c in children()) and time.monotonic() < deadline:
    time.sleep(0.05)
print(json.dumps({"start_method": START_METHOD, "before": before, "after": children()}))
"""


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")
def test_prepare_starts_the_fork_server_before_any_import() -> None:
    """`CheckPool.prepare` (the reviewer's window calls it once shown) starts the fork
    server the workers come from, before any file is checked; no worker yet."""
    done = subprocess.run(
        [sys.executable, "-c", _PREPARE_THEN_LIST_CHILDREN],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert report["start_method"] == "forkserver"
    assert not any("forkserver" in command for command in report["before"])
    servers = [command for command in report["after"] if "forkserver" in command]
    assert len(servers) == 1, report["after"]
    assert "swdesk.services.review.file_check" in servers[0]  # what it imports first
