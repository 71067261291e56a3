"""Crash test of the reviewer's bundle import: killed midway, it is all or nothing per file.

A writer process (crash_worker.py) imports a folder of eight real bundles, exported by the
practitioner side, with `ReviewService.import_files`. The test kills it with SIGKILL at a
random moment within one chosen phase of the import: while it verifies, copies and stores
the k-th file (k drawn at random), or, every third round, after the last file, while it
commits, renames the copies into place and clears its journal, a phase too short to be hit
often by a moment drawn over the whole import. The phases are timed on an import that is
never interrupted; the writer's progress line of the file before marks where one begins,
so no round waits longer than its phase.

Then it checks, before and after opening the workspace again: the database passes its
integrity check; every file under a final name (`<bundle id>.swdapp`) is a whole bundle
that verifies; every application has its file (under its final name, or still under the
temporary name its committed file journal entry gives, when the kill came between the
commit and the rename), its application.json, all its members, checks and its audit entry,
identical to those of an import that was never interrupted; at opening the journal's
renames are finished and every copy whose commit never came is swept; and importing the
folder again completes (imported + duplicate = all), after which the whole database equals
the uninterrupted one and no file is left over.
"""

from __future__ import annotations

import itertools
import os
import random
import re
import shutil
import sqlite3
import time
from collections.abc import Iterator
from contextlib import closing
from dataclasses import replace
from pathlib import Path

import pytest
from crash_worker import WorkerServer
from review_samples import APPLIED_AT, PASSWORD, TODAY, export_sample_bundles, make_office

from swdesk.bundle import verify_bundle
from swdesk.services.review import open_review_workspace
from swdesk.services.workspace import open_workspace

pytestmark = [
    pytest.mark.skipif(os.name == "nt", reason="fork and SIGKILL are POSIX"),
    pytest.mark.slow,
]

BUNDLE_COUNT = 8  # the seven samples and a third version of 张晓梅's application
KILLED_ROUNDS = 20  # rounds in which the import was really interrupted
MAX_ATTEMPTS = 60  # a kill that comes after the import finished is tried again
TAIL_EVERY = 3  # every third round is killed after the last file (commit and renames)
FINAL_NAME = re.compile(r"[0-9a-f]{64}\.swdapp")
TEMP_NAME = re.compile(r"\.swdesk-.*\.tmp")
# columns that record when something happened, not what: they differ between runs
TIMES = {"received_at"}
Snapshot = dict[str, list[tuple[object, ...]]]


@pytest.fixture(scope="module")
def bundle_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Eight real bundles in one folder: the reviewer samples plus a later version."""
    root = tmp_path_factory.mktemp("crash-bundles")
    samples = export_sample_bundles(root / "samples")
    folder = samples.ordinary[0].parent
    ws = open_workspace(root / "samples" / "practitioner", clock=lambda: TODAY)
    try:
        people = {p.name: p.id for p in ws.profiles.list_profiles()}
        names = ["张晓梅", "陈淼", "杨堃", "马明远"]
        for i in range(BUNDLE_COUNT - len(samples.all)):
            pid = people[names[i % len(names)]]
            draft = ws.applications.save_draft(
                replace(ws.applications.current_draft(pid), phone=f"1380931{i:04d}")
            )
            ws.applications.export(
                replace(draft, declaration_accepted=True, declaration_accepted_at=APPLIED_AT),
                folder / f"again-{i:02d}.swdapp",
            )
    finally:
        ws.close()
    assert len(list(folder.glob("*.swdapp"))) == BUNDLE_COUNT
    return folder


@pytest.fixture(scope="module")
def office_template(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A city office, set up once and copied for every round."""
    root = tmp_path_factory.mktemp("office") / "review"
    make_office(root).close()
    yield root


def snapshot(db_path: Path) -> Snapshot:
    """What was imported: applications, their data, members and checks (ids included, as
    the files are imported in the same order every time), without the import times."""
    with closing(sqlite3.connect(db_path)) as connection:
        columns = [row[1] for row in connection.execute("PRAGMA table_info(applications)")]
        kept = ", ".join(c for c in columns if c not in TIMES)
        return {
            "applications": connection.execute(
                f"SELECT {kept} FROM applications ORDER BY id"
            ).fetchall(),
            "application_data": connection.execute(
                "SELECT * FROM application_data ORDER BY application_id"
            ).fetchall(),
            "members": connection.execute("SELECT * FROM members ORDER BY id").fetchall(),
            "check_results": connection.execute(
                "SELECT * FROM check_results ORDER BY id"
            ).fetchall(),
        }


def state_column(db_path: Path) -> int:
    """Where `state` is in a snapshot's application rows."""
    with closing(sqlite3.connect(db_path)) as connection:
        columns = [row[1] for row in connection.execute("PRAGMA table_info(applications)")]
    return [c for c in columns if c not in TIMES].index("state")


def check_sqlite(db_path: Path, where: str) -> None:
    with closing(sqlite3.connect(db_path)) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)], where
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == [], where


def check_files(bundles: Path, where: str) -> set[str]:
    """Only whole, verifying bundles under final names (and maybe temporary copies)."""
    final = set()
    for path in bundles.iterdir():
        if FINAL_NAME.fullmatch(path.name):
            assert verify_bundle(path).bundle_id == path.stem, f"{where}: {path.name}"
            final.add(path.name)
        else:
            assert TEMP_NAME.fullmatch(path.name), f"{where}: stray file {path.name}"
    return final


def committed_copies(root: Path) -> set[str]:
    """Copies on disk that a committed "place" journal entry names (their rename to the
    final name had not happened when the writer died)."""
    with closing(sqlite3.connect(root / "review.sqlite")) as connection:
        named = {
            row[0]
            for row in connection.execute("SELECT name FROM file_journal WHERE action = 'place'")
        }
    return {name for name in named if (root / "bundles" / name).is_file()}


def check_applications(root: Path, reference: Snapshot, where: str) -> int:
    """Every application is whole and equals the uninterrupted import's; returns how many."""
    ws = open_review_workspace(root, PASSWORD, clock=lambda: TODAY)
    try:
        leftovers = [
            p.name for p in (root / "bundles").iterdir() if not FINAL_NAME.fullmatch(p.name)
        ]
        assert leftovers == [], f"{where}: temporary files kept after opening"
        assert ws.service.audit_verify().ok, where
        with ws.database.engine.connect() as connection:
            apps = connection.exec_driver_sql(
                "SELECT id, bundle_id, stored_name FROM applications ORDER BY id"
            ).fetchall()
            audited = sorted(
                row[0]
                for row in connection.exec_driver_sql(
                    "SELECT application_id FROM audit_log WHERE action = 'imported'"
                )
            )
    finally:
        ws.close()
    assert audited == [app_id for app_id, _, _ in apps], f"{where}: audit entries"
    # committed copies were renamed into place, uncommitted ones swept, at opening
    assert {p.name for p in (root / "bundles").iterdir()} == {
        stored_name for _, _, stored_name in apps
    }, f"{where}: orphan bundle files kept"
    for _, bundle_id, stored_name in apps:
        path = root / "bundles" / stored_name
        assert stored_name == f"{bundle_id}.swdapp" and path.is_file(), where
        assert verify_bundle(path).bundle_id == bundle_id, where
    now = snapshot(root / "review.sqlite")
    count = len(apps)
    # a prefix of the uninterrupted import, row for row; only the state may differ (a
    # version is superseded when the next one arrives), compared after the import resumed
    state = state_column(root / "review.sqlite")

    def stateless(rows: list[tuple[object, ...]]) -> list[tuple[object, ...]]:
        return [row[:state] + row[state + 1 :] for row in rows]

    assert stateless(now["applications"]) == stateless(reference["applications"][:count]), where
    ids = {app[0] for app in now["applications"]}
    for table, app_column in (("application_data", 0), ("members", 1), ("check_results", 1)):
        expected = [row for row in reference[table] if row[app_column] in ids]
        assert now[table] == expected, f"{where}: {table}"
    return count


def test_killed_import_is_all_or_nothing_per_bundle(
    tmp_path: Path, bundle_folder: Path, office_template: Path
) -> None:
    # a fresh seed each run (more kill moments over time), shown in the captured output of a
    # failure; SWDESK_TEST_SEED=<seed> repeats its delays
    seed = int(os.environ.get("SWDESK_TEST_SEED") or random.randrange(1 << 32))
    print(f"random seed {seed}")
    rng = random.Random(seed)
    with WorkerServer(tmp_path / "worker.err") as server:

        def start(root: Path) -> int:
            shutil.copytree(office_template, root)
            pid = server.start("import", str(root), PASSWORD, str(bundle_folder), TODAY.isoformat())
            server.wait_ready()
            return pid

        # the import never interrupted: the reference, and how long each phase takes: phase
        # k (0-based) from the progress line of file k (or "ready") to the next line, the
        # last one from the last file's line to "done"
        reference_root = tmp_path / "reference" / "review"
        start(reference_root)
        arrivals = [time.perf_counter()]
        lines = []
        while not lines or not lines[-1].startswith("done"):
            lines.append(server.next_line())
            arrivals.append(time.perf_counter())
            assert lines[-1] != "end", f"the import failed: {server.stderr()}"
        assert server.finish() == lines  # the writer ended after it
        assert lines == [
            *(f"file {k}/{BUNDLE_COUNT}" for k in range(1, BUNDLE_COUNT + 1)),
            (f"done {BUNDLE_COUNT} 0 0"),
        ], server.stderr()
        phases = [later - earlier for earlier, later in itertools.pairwise(arrivals)]
        reference = snapshot(reference_root / "review.sqlite")
        assert len(reference["applications"]) == BUNDLE_COUNT

        killed = 0
        for attempt in range(MAX_ATTEMPTS):
            if killed == KILLED_ROUNDS:
                break
            tail = killed % TAIL_EVERY == TAIL_EVERY - 1
            phase = BUNDLE_COUNT if tail else rng.randrange(BUNDLE_COUNT)
            where = f"seed {seed}, attempt {attempt}, phase {phase}"
            root = tmp_path / f"round-{attempt}" / "review"
            writer = start(root)
            for _ in range(phase):  # the progress lines of the files before
                line = server.next_line()
                assert line.startswith("file "), f"{where}: {line!r} {server.stderr()}"
            time.sleep(rng.uniform(0, phases[phase]))
            lines, running = server.kill(writer)
            if lines and lines[-1].startswith("done"):
                shutil.rmtree(root.parent)  # finished before the kill: try again
                continue
            assert running, f"{where}: the writer failed: {server.stderr()}"
            killed += 1
            check_sqlite(root / "review.sqlite", where)
            on_disk = check_files(root / "bundles", where)
            placing = committed_copies(root)
            count = check_applications(root, reference, where)
            # a row is committed with its file under its final name or with a journal entry
            # naming its copy (renamed at opening); a copy may precede its row, never follow
            assert count <= len(on_disk) + len(placing), where

            ws = open_review_workspace(root, PASSWORD, clock=lambda: TODAY)
            try:
                counts = ws.service.import_files([bundle_folder]).counts()
            finally:
                ws.close()
            assert counts == {
                "imported": BUNDLE_COUNT - count,
                "duplicate": count,
                "refused": 0,
                "cancelled": 0,
            }, where
            check_sqlite(root / "review.sqlite", where)
            assert snapshot(root / "review.sqlite") == reference, where
            assert check_files(root / "bundles", where) == {
                f"{row[1]}.swdapp" for row in reference["applications"]
            }, where
            shutil.rmtree(root.parent)
    assert killed == KILLED_ROUNDS, f"seed {seed}: only {killed} imports were interrupted"
